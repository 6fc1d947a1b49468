"""When and where, for the view's timeline and map: each event's date as the graph records it, and a point
for each place (geo:lat / geo:long, written by kg/geo.py) and each event at a place.

`annotate` adds to the network's nodes (kg.network) what the panels draw:
- `when` on an event: begin and end (ISO dates), precision (day, month, ...) and source ("text", or
  "report date" when the text gives no date and the article's date stands in for it);
- `geo` on a place or event: [lat, long], and for an event the IRI of the place that gave it.
An event takes the point of the place it happened at (sem:hasPlace), a city before a country; an event at
an asset (a terminal) takes the point of the place the asset is in (ekg:locatedIn).
"""
from __future__ import annotations

import networkx as nx

from kg.network import SCOPE, select
from kg.stores.base import Store
from ontology.terms import EKG, GEO, SEM_NS


def place_points(store: Store, graphs: list[str] | None = None) -> dict[str, tuple[float, float]]:
    """{place IRI: (lat, long)} for every place of a document graph that has a point."""
    points = {}
    for r in select(store, f"""SELECT ?p ?lat ?long WHERE {{ {SCOPE} GRAPH ?g {{ ?p <{GEO.lat}> ?lat ; <{GEO.long}> ?long }}
                             }} ORDER BY ?p ?g""", graphs):   # per graph in the order of the graphs: the same
        points.setdefault(r["p"].value, (float(r["lat"].value), float(r["long"].value)))
    return points


def event_places(store: Store, points: dict[str, tuple[float, float]], graphs: list[str] | None = None) -> dict[str, str]:
    """{event IRI: the place IRI that locates it}: a place it happened at that has a point (not a state
    when a smaller place has one), else the place an asset it happened at is in."""
    direct: dict[str, list[tuple[int, str]]] = {}
    for r in select(store, f"""SELECT DISTINCT ?e ?p ?state WHERE {{ {SCOPE} GRAPH ?g {{ ?e <{SEM_NS}hasPlace> ?p }}
                             BIND(EXISTS {{ GRAPH ?h {{ ?p a <{EKG.State}> }} }} AS ?state) }}""", graphs):
        if r["p"].value in points:
            direct.setdefault(r["e"].value, []).append((r["state"].value == "true", r["p"].value))
    chosen = {e: min(places)[1] for e, places in direct.items()}
    for r in select(store, f"""SELECT DISTINCT ?e ?p WHERE {{ {SCOPE} GRAPH ?g {{ ?e <{SEM_NS}hasPlace> ?a }}
                             GRAPH ?h {{ ?a <{EKG.locatedIn}> ?p }} }} ORDER BY ?e ?p""", graphs,
                    lambda r: (r["e"].value, r["p"].value)):
        if r["e"].value not in chosen and r["p"].value in points:
            chosen[r["e"].value] = r["p"].value
    return chosen


def event_dates(store: Store, graphs: list[str] | None = None) -> dict[str, dict]:
    """{event IRI: {"begin", "end", "precision", "source"}} for events with a date."""
    dates = {}
    for r in select(store, f"""SELECT ?e ?begin ?end ?precision ?source WHERE {{ {SCOPE} GRAPH ?g {{
            ?e <{SEM_NS}hasEarliestBeginTimeStamp> ?begin .
            OPTIONAL {{ ?e <{SEM_NS}hasLatestEndTimeStamp> ?end }}
            OPTIONAL {{ ?e <{EKG.datePrecision}> ?precision }} OPTIONAL {{ ?e <{EKG.dateSource}> ?source }} }}
            }} ORDER BY ?e ?g""", graphs):   # per graph in the order of the graphs: the same first
        begin = r["begin"].value[:10]
        end = r["end"].value[:10] if r["end"] is not None else begin
        precision = r["precision"].value.rsplit("#", 1)[-1].removesuffix("Precision").lower() if r["precision"] else None
        dates.setdefault(r["e"].value, {"begin": begin, "end": max(begin, end), "precision": precision,
                                        "source": r["source"].value if r["source"] is not None else "text"})
    return dates


def annotate(store: Store, graph: nx.MultiDiGraph, graphs: list[str] | None = None) -> nx.MultiDiGraph:
    """Add `when` and `geo` to the nodes of `graph` (in place; returned for chaining), from every document
    graph or from `graphs` only (a page of the store's)."""
    points = place_points(store, graphs)
    for iri, data in graph.nodes(data=True):
        if iri in points:
            data["geo"] = list(points[iri])
    for event, place in main_first(graph, event_places(store, points, graphs)).items():
        if event in graph:
            graph.nodes[event]["geo"] = [*points[place], place]
    for event, when in main_first(graph, event_dates(store, graphs)).items():
        if event in graph:
            graph.nodes[event]["when"] = when
    return graph


def main_first(graph: nx.MultiDiGraph, by_event: dict[str, object]) -> dict[str, object]:
    """`by_event` keyed by the network's nodes: a merged event (kg.network.merged_events) takes its main report's
    value, or the first other report's that has one, so the timeline and the map draw it once."""
    reports = graph.graph.get("reports", {})
    out = {e: v for e, v in by_event.items() if e not in reports}
    for merged, members in graph.graph.get("merged_events", {}).items():
        value = next((by_event[r] for r in members if r in by_event), None)
        if value is not None:
            out[merged] = value
    return out


def page_assets() -> dict[str, object]:
    """What kg/templates/view.html inlines for the timeline, the map and the event table: the vendored libraries
    (kg/templates/vendor/README.md), the Natural Earth basemap as GeoJSON, and the panels' own script and style."""
    from kg.geo import VENDOR, country_shapes

    templates = VENDOR.parent

    def read(path):
        return path.read_text(encoding="utf-8")
    # Leaflet's attribution control (which the page leaves out) links its site: the link goes, the page names no host
    leaflet = read(VENDOR / "leaflet.js").replace('<a href="https://leafletjs.com" title=', "<a title=")
    return {"timeline_lib": read(VENDOR / "vis-timeline-graph2d.min.js"), "leaflet_js": leaflet,
            "leaflet_css": read(VENDOR / "leaflet.css"), "basemap": country_shapes(),
            "timeline_js": read(templates / "timeline.js"), "map_js": read(templates / "map.js"),
            "eventtable_js": read(templates / "eventtable.js"),
            "spacetime_css": read(templates / "spacetime.css")}
