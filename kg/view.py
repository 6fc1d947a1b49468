"""`kg view`: one self-contained HTML page of the network (vis-network via pyvis, nothing remote).

pyvis assembles the nodes, edges and vis-network options; the page is our own template
(`kg/templates/view.html`) because pyvis's templates link bootstrap and tom-select from CDNs.
vis-network's script and stylesheet, shipped inside the pyvis wheel, are inlined, so the file
opens with no network. Document text reaches the page only as JSON inside a script element
(`<`, `>`, `&` escaped) and is put on screen with `textContent`, never as HTML.
"""
from __future__ import annotations

import colorsys
import hashlib
import json
from pathlib import Path

import networkx as nx

from kg import spacetime
from kg.network import focus, from_query, read_network
from ontology.terms import Category

TEMPLATES = Path(__file__).resolve().parent / "templates"
# Above this many nodes the layout is computed here (igraph's grid Fruchterman-Reingold, about a
# second for 5,000 nodes) and physics is off: vis-network would take minutes to settle.
PHYSICS_LIMIT = 500
# Each category has a hue band and a shape, so a class added to the ontology gets a colour of its
# kind (from its IRI, stable across builds) and a legend entry without any code change.
# Keys are the view's groups of `ontology.terms.Category` (`Category.group`).
CATEGORY_STYLE = {
    Category.ACTOR: {"hues": (0, 35), "shape": "dot", "name": "Actors"},
    Category.ASSET: {"hues": (190, 235), "shape": "square", "name": "Assets"},
    Category.PLACE: {"hues": (95, 150), "shape": "triangle", "name": "Places"},
    Category.EVENT: {"hues": (38, 60), "shape": "box", "name": "Event types"},
    Category.OTHER: {"hues": None, "shape": "ellipse", "name": "Other"},
}


def class_color(cls: str, category: str) -> str:
    band = CATEGORY_STYLE.get(category, CATEGORY_STYLE[Category.OTHER])["hues"]
    digest = hashlib.sha1(cls.encode("utf-8")).digest()
    if band is None:
        return "#9e9e9e"
    hue = band[0] + digest[0] / 255 * (band[1] - band[0])
    light = 0.45 + digest[1] / 255 * 0.2
    r, g, b = colorsys.hls_to_rgb(hue / 360, light, 0.75)
    return f"#{int(r * 255):02x}{int(g * 255):02x}{int(b * 255):02x}"


def _vis_assets() -> tuple[str, str]:
    import pyvis
    lib = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), (lib / "vis-network.css").read_text(encoding="utf-8")


def layout(graph: nx.MultiDiGraph, scale: float = 12.0) -> dict[str, tuple[float, float]]:
    """Positions for a large graph, from igraph's Fruchterman-Reingold (grid variant, C speed)."""
    import igraph

    order = list(graph.nodes)
    index = {iri: i for i, iri in enumerate(order)}
    g = igraph.Graph(n=len(order), edges=sorted({(index[s], index[o]) for s, o in graph.edges()}))
    coords = g.layout_fruchterman_reingold(grid=True, niter=300)
    # igraph's unit is roughly an edge length; vis-network draws a 25 px node in about 1 unit.
    return {iri: (x * scale * 10, y * scale * 10) for iri, (x, y) in zip(order, coords.coords)}


def _options(physics: bool, many: bool) -> dict:
    return {
        "physics": {"enabled": physics, "solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110},
                    "stabilization": {"iterations": 250, "fit": True}},
        "layout": {"improvedLayout": not many},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": many},
        "edges": {"smooth": False if many else {"type": "continuous"},
                  "font": {"size": 10, "align": "middle", "color": "#555"},
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "color": {"inherit": False, "color": "#9aa"}},
        "nodes": {"font": {"size": 13}},
    }


def render_html(graph: nx.MultiDiGraph, title: str = "Energy security knowledge graph",
                physics_limit: int = PHYSICS_LIMIT) -> str:
    """The page for `graph` (from `kg.network`), as one string."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape
    from pyvis.network import Network

    many = graph.number_of_nodes() > physics_limit
    positions = layout(graph) if many else {}
    classes = {cls: {**info, "color": class_color(cls, info["category"]),
                     "shape": CATEGORY_STYLE[info["category"]]["shape"]}
               for cls, info in graph.graph.get("classes", {}).items()}
    net = Network(directed=True)
    ids = {iri: i for i, iri in enumerate(sorted(graph.nodes))}
    for iri, data in graph.nodes(data=True):
        style = classes.get(data["cls"] or "", {"color": "#9e9e9e", "shape": "ellipse"})
        extra = {"x": positions[iri][0], "y": positions[iri][1]} if iri in positions else {}
        net.add_node(ids[iri], label=data["label_ru"], shape=style["shape"], color=style["color"],
                     size=14, kg=dict(data), **extra)
    for s, o, data in graph.edges(data=True):
        net.add_edge(ids[s], ids[o], label=data["label_ru"],
                     kg={"predicate": data["predicate"], "label_en": data["label_en"],
                         "label_ru": data["label_ru"], "sentence": data.get("sentence")})
    net.options = _options(physics=not many, many=many)
    nodes, edges, _, _, _, options = net.get_network_data()

    script, css = _vis_assets()
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    payload = {"nodes": nodes, "edges": edges, "options": json.loads(options), "classes": classes,
               "categories": {k: v["name"] for k, v in CATEGORY_STYLE.items()}, "title": title}
    return env.get_template("view.html").render(
        title=title, data=payload, vis_js=script, vis_css=css,
        view_js=(TEMPLATES / "view.js").read_text(encoding="utf-8"),
        view_css=(TEMPLATES / "view.css").read_text(encoding="utf-8"), **spacetime.page_assets())


def build_network(store, focus_on: str | None = None, hops: int = 2,
                  sparql: str | None = None) -> nx.MultiDiGraph:
    """The whole network, or what a query returns, or a node's neighbourhood (query first, then focus)."""
    graph = read_network(store)
    if sparql is not None:
        graph = from_query(store, graph, sparql)
    if focus_on is not None:
        graph = focus(graph, focus_on, hops)
    return spacetime.annotate(store, graph)     # dates and points for the timeline and the map


def write_view(store, out: str | Path, *, focus_on: str | None = None, hops: int = 2,
               sparql: str | None = None, title: str | None = None) -> tuple[int, int]:
    """Write the HTML view; returns (node count, edge count)."""
    graph = build_network(store, focus_on, hops, sparql)
    if title is None:
        title = "Energy security knowledge graph" + (f": around {focus_on}" if focus_on else "")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_html(graph, title), encoding="utf-8")
    return graph.number_of_nodes(), graph.number_of_edges()
