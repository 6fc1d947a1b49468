"""`kg view`: a first offline HTML network of entities and events (pyvis 0.3.2, vis-network inlined)."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg import EKG, ONTOLOGY_GRAPH
from kg.store import query

COLORS = {"actor": "#e4572e", "asset": "#2e86ab", "place": "#59a96a", "event": "#f2c14e", "other": "#9e9e9e"}

# Top classes of the ontology that decide a node's colour, checked in this order
# (ekg:State is both an Actor and a Place: it counts as an actor; ekg:Asset is a sem:Actor but not an ekg:Actor).
TOP_CLASSES = [("event", EKG + "Event"), ("asset", EKG + "Asset"), ("actor", EKG + "Actor"), ("place", EKG + "Place")]
# Fallback on class local names when the ontology graph is missing from the store.
CATEGORY_HINTS = [
    ("event", ("Event",)),
    ("asset", ("Asset", "Infrastructure", "Vessel", "Tanker", "Pipeline", "Terminal", "Refinery", "Port")),
    ("actor", ("Actor", "Person", "Organization", "Company", "State", "Consortium")),
    ("place", ("Place", "City", "Region")),
]

_SKIP_PREDICATES = {
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
    "http://www.w3.org/2002/07/owl#sameAs",
}


@dataclass
class Node:
    iri: str
    kind: str                      # "entity" | "event"
    types: set[str] = field(default_factory=set)
    label_en: str | None = None
    label_ru: str | None = None
    category: str = "other"


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri.rstrip("/#"))[-1]


def _category(types: set[str], supers: dict[str, set[str]], kind: str) -> str:
    if kind == "event":
        return "event"
    closure = {c for t in types for c in ({t} | supers.get(t, set()))}
    for category, top in TOP_CLASSES:
        if top in closure:
            return category
    names = {_local(c) for c in closure}
    for category, hints in CATEGORY_HINTS:
        if any(h in names for h in hints):
            return category
    return "other"


def _rows(store: ox.Store, sparql: str):
    return list(query(store, sparql))


def collect(store: ox.Store):
    """(nodes by IRI, edges as (subject, predicate, object)) from the document graphs."""
    ont = f"<{ONTOLOGY_GRAPH}>"
    nodes: dict[str, Node] = {}
    for r in _rows(store, f"""SELECT DISTINCT ?n ?l WHERE {{ GRAPH ?g {{ ?n skos:prefLabel ?l }} FILTER(?g != {ont}) }}"""):
        node = nodes.setdefault(r["n"].value, Node(r["n"].value, "entity"))
        lang = getattr(r["l"], "language", None)
        if lang == "en":
            node.label_en = node.label_en or r["l"].value
        elif lang == "ru" or node.label_ru is None:
            node.label_ru = node.label_ru or r["l"].value
    for r in _rows(store, "SELECT DISTINCT ?e WHERE { GRAPH ?g { ?e ekg:sourceDocument ?d } }"):
        nodes[r["e"].value] = Node(r["e"].value, "event")
    for r in _rows(store, f"SELECT DISTINCT ?n ?t WHERE {{ GRAPH ?g {{ ?n a ?t }} FILTER(?g != {ont}) }}"):
        if r["n"].value in nodes and isinstance(r["t"], ox.NamedNode):
            nodes[r["n"].value].types.add(r["t"].value)
    supers: dict[str, set[str]] = {}
    for r in _rows(store, f"SELECT ?c ?s WHERE {{ GRAPH {ont} {{ ?c rdfs:subClassOf+ ?s }} }}"):
        if isinstance(r["s"], ox.NamedNode):
            supers.setdefault(r["c"].value, set()).add(r["s"].value)
    class_labels = {r["c"].value: r["l"].value for r in _rows(store, f"""
        SELECT ?c (SAMPLE(?lab) AS ?l) WHERE {{ GRAPH {ont} {{ ?c rdfs:label ?lab FILTER(langMatches(lang(?lab), "en") || lang(?lab) = "") }} }} GROUP BY ?c""")}
    for node in nodes.values():
        node.category = _category(node.types, supers, node.kind)
        if node.kind == "event":
            names = sorted(class_labels.get(t, _local(t)) for t in node.types)
            node.label_en = names[0] if names else "event"
    edges = []
    for r in _rows(store, f"SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o FILTER(isIRI(?o)) }} FILTER(?g != {ont}) }}"):
        s, p, o = r["s"].value, r["p"].value, r["o"].value
        if s in nodes and o in nodes and s != o and p not in _SKIP_PREDICATES:
            edges.append((s, p, o))
    return nodes, sorted(edges)


def to_networkx(nodes: dict[str, Node], edges):
    import networkx as nx

    g = nx.MultiDiGraph()
    for n in nodes.values():
        g.add_node(n.iri, label=n.label_en or n.label_ru or _local(n.iri), label_ru=n.label_ru,
                   category=n.category, types=sorted(n.types), kind=n.kind)
    for s, p, o in edges:
        g.add_edge(s, o, key=p, predicate=p, label=_local(p))
    return g


_REMOTE_TAGS = [
    re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>", re.I),
    re.compile(r"<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script\s*>", re.I),
]
_DEAD_COMMENT = re.compile(r"<!--\s*<link[^>]*node_modules.*?-->", re.S)  # a commented-out local vis.js
_OFFLINE_CSS = """<style>
body { font-family: sans-serif; margin: 0; }
.card { border: 1px solid #ddd; } #mynetwork { border: 1px solid #ddd; }
.legend { padding: 4px 8px; font-size: 14px; } .legend span { display: inline-block; margin-right: 14px; }
.legend i { display: inline-block; width: 12px; height: 12px; border-radius: 6px; margin-right: 4px; }
</style>"""


def make_offline(page: str) -> str:
    """Remove every tag that loads a remote stylesheet or script (pyvis links bootstrap from a CDN)."""
    for pattern in _REMOTE_TAGS:
        page = pattern.sub("", page)
    page = _DEAD_COMMENT.sub("", page)
    return page.replace("</head>", _OFFLINE_CSS + "\n</head>", 1)


def _legend() -> str:
    items = "".join(f'<span><i style="background:{c}"></i>{html.escape(k)}</span>' for k, c in COLORS.items())
    return f'<div class="legend">{items}</div>'


def render_html(graph, heading: str = "Energy security knowledge graph") -> str:
    from pyvis.network import Network

    net = Network(height="800px", width="100%", directed=True, cdn_resources="in_line",
                  heading=html.escape(heading))
    ids = {iri: i for i, iri in enumerate(sorted(graph.nodes))}
    for iri, data in graph.nodes(data=True):
        tip = [data["label"]]
        if data.get("label_ru") and data["label_ru"] != data["label"]:
            tip.append(data["label_ru"])
        tip += [", ".join(_local(t) for t in data["types"]), iri]
        net.add_node(ids[iri], label=data["label"], title=html.escape("\n".join(tip)),
                     color=COLORS.get(data["category"], COLORS["other"]), group=data["category"],
                     shape="box" if data["kind"] == "event" else "dot")
    for s, o, data in graph.edges(data=True):
        net.add_edge(ids[s], ids[o], label=data["label"], title=html.escape(data["predicate"]))
    page = net.generate_html()
    page = page.replace("<center>", _legend() + "<center>", 1) if "<center>" in page else page
    return make_offline(page)


def write_view(store: ox.Store, out: str | Path) -> tuple[int, int]:
    """Write the HTML view; returns (node count, edge count)."""
    nodes, edges = collect(store)
    graph = to_networkx(nodes, edges)
    out = Path(out)
    if out.parent and not out.parent.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_html(graph), encoding="utf-8")
    return graph.number_of_nodes(), graph.number_of_edges()
