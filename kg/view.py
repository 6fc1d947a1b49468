"""`kg view`: one self-contained HTML page of the network (vis-network via pyvis, nothing remote).

pyvis assembles the nodes, edges and vis-network options; the page is our own template
(`kg/templates/view.html`) because pyvis's templates link bootstrap and tom-select from CDNs.
vis-network's script and stylesheet, shipped inside the pyvis wheel, are inlined, so the file
opens with no network. Document text reaches the page only as JSON inside a script element
(`<`, `>`, `&` escaped) and is put on screen with `textContent`, never as HTML.
"""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from kg import spacetime
from kg.lemmas import node_lemmas, search_table
from kg.network import HUB_FACTOR, focus, from_query, read_network
from kg.style import UNTYPED, class_colors, event_caption, node_size, weight
from ontology.terms import Category

TEMPLATES = Path(__file__).resolve().parent / "templates"
# Above this many nodes the layout is computed here (igraph's grid Fruchterman-Reingold, about a
# second for 5,000 nodes) and physics is off: vis-network would take minutes to settle.
PHYSICS_LIMIT = 500
# Each category has a shape and a legend heading; each class a colour of its own (kg.style), so a class
# added to the ontology gets a colour and a legend entry without any code change.
# Keys are the view's groups of `ontology.terms.Category` (`Category.group`).
CATEGORY_STYLE = {
    Category.ACTOR: {"shape": "dot", "name_en": "Actors", "name_ru": "Участники"},
    Category.ASSET: {"shape": "square", "name_en": "Assets", "name_ru": "Объекты"},
    Category.PLACE: {"shape": "triangle", "name_en": "Places", "name_ru": "Места"},
    Category.EVENT: {"shape": "diamond", "name_en": "Event types", "name_ru": "Типы событий"},
    Category.OTHER: {"shape": "ellipse", "name_en": "Other", "name_ru": "Прочее"},
}
LANGUAGES = ("ru", "en")
TITLE = {"en": "Energy security knowledge graph", "ru": "Граф знаний об энергетической безопасности"}


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


def script_json(value) -> str:
    """JSON to sit inside a <script> element: `<`, `>`, `&`, `'` escaped as jinja's `tojson` does, but letters
    kept as they are: Russian text as \\uXXXX escapes made the page 1.8 times larger (11.1 MB for 1,940 nodes)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027")


def _node_view(graph: nx.MultiDiGraph, iri: str) -> dict:
    """What the page keeps of a node: its data, the lemmas search meets, a caption per language."""
    data = {**graph.nodes[iri], "lemmas": node_lemmas(graph.nodes[iri]), "weight": weight(graph, iri)}
    for lang in LANGUAGES:
        data[f"caption_{lang}"] = (event_caption(graph, iri, lang) if data["kind"] == "event"
                                   else data[f"label_{lang}"])
    return data


def render_html(graph: nx.MultiDiGraph, title: str | dict[str, str] | None = None,
                physics_limit: int = PHYSICS_LIMIT, language: str = "ru") -> str:
    """The page for `graph` (from `kg.network`), as one string, its interface in `language` (ru or en)."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape
    from pyvis.network import Network

    many = graph.number_of_nodes() > physics_limit
    positions = layout(graph) if many else {}
    shown = graph.graph.get("classes", {})
    colors = class_colors(shown, list(CATEGORY_STYLE))
    classes = {cls: {**info, "color": colors[cls], "shape": CATEGORY_STYLE[info["category"]]["shape"]}
               for cls, info in shown.items()}
    net = Network(directed=True)
    ids = {iri: i for i, iri in enumerate(sorted(graph.nodes))}
    for iri in graph.nodes:
        data = _node_view(graph, iri)
        style = classes.get(data["cls"] or "", {"color": UNTYPED, "shape": "ellipse"})
        extra = {"x": positions[iri][0], "y": positions[iri][1]} if iri in positions else {}
        size = node_size(data["weight"])
        net.add_node(ids[iri], label=data[f"caption_{language}"], shape=style["shape"], color=style["color"],
                     size=size, font={"size": 12 + (size - 8) // 3}, kg=data, **extra)
    for s, o, data in graph.edges(data=True):
        net.add_edge(ids[s], ids[o], label=data[f"label_{language}"],
                     kg={"predicate": data["predicate"], "label_en": data["label_en"],
                         "label_ru": data["label_ru"], "sentence": data.get("sentence")})
    net.options = _options(physics=not many, many=many)
    nodes, edges, _, _, _, options = net.get_network_data()

    script, css = _vis_assets()
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    titles = title if isinstance(title, dict) else {lang: title or TITLE[lang] for lang in LANGUAGES}
    payload = {"nodes": nodes, "edges": edges, "options": json.loads(options), "classes": classes,
               "categories": {k: {"ru": v["name_ru"], "en": v["name_en"]} for k, v in CATEGORY_STYLE.items()},
               "title": titles, "language": language, "forms": search_table(graph), "physicsLimit": physics_limit}
    return env.get_template("view.html").render(
        title=titles[language], language=language, data_json=script_json(payload), vis_js=script, vis_css=css,
        view_js=(TEMPLATES / "view.js").read_text(encoding="utf-8"),
        layout_js=(TEMPLATES / "layout.js").read_text(encoding="utf-8"),
        view_css=(TEMPLATES / "view.css").read_text(encoding="utf-8"), **spacetime.page_assets())


def build_network(store, focus_on: str | None = None, hops: int = 2,
                  sparql: str | None = None, through_hubs: bool = False,
                  graphs: list[str] | None = None, answer=None) -> nx.MultiDiGraph:
    """The whole network, or what a query returns, or a node's neighbourhood (query first, then focus;
    the focus stops at hubs unless `through_hubs`); of the document graphs `graphs` only, when given.
    `answer`: what the query returned when it ran elsewhere (kg.network.Answer; kg serve runs it under limits)."""
    graph = read_network(store, graphs)
    if sparql is not None:
        graph = from_query(store, graph, sparql, answer)
    if focus_on is not None:
        graph = focus(graph, focus_on, hops, hub_factor=None if through_hubs else HUB_FACTOR)
    return spacetime.annotate(store, graph, graphs)   # dates and points for the timeline and the map


def write_view(store, out: str | Path, *, focus_on: str | None = None, hops: int = 2,
               sparql: str | None = None, title: str | None = None, language: str = "ru",
               through_hubs: bool = False) -> tuple[int, int]:
    """Write the HTML view; returns (node count, edge count)."""
    graph = build_network(store, focus_on, hops, sparql, through_hubs)
    if title is None:
        around = {"en": ": around ", "ru": ": вокруг "}
        title = {lang: TITLE[lang] + (around[lang] + focus_on if focus_on else "") for lang in LANGUAGES}
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_html(graph, title, language=language), encoding="utf-8")
    return graph.number_of_nodes(), graph.number_of_edges()
