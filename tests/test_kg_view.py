"""The network read from the store, the focused and query views, and the HTML page (no browser here:
see test_view_browser.py)."""
import json
import re

import networkx as nx
import pytest

from kg.cli import main
from kg.lemmas import node_lemmas, search_table
from kg.network import focus, from_query, hubs, read_network
from kg.style import PALETTE, UNTYPED, class_colors, event_caption, main_actor, node_size, weight
from kg.view import PHYSICS_LIMIT, render_html, write_view
from kg_fixtures import EKG, EKGR, sample_document, stored
from ontology.terms import SEM_NS as SEM

E = EKGR + "entity/"
EV = EKGR + "doc/sample-1/event/"
REMOTE = re.compile(r"""(?:\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|@import|url\(\s*["']?(?:https?:)?//)""", re.I)


def make_store(path, doc=None, extra_turtle=None):
    store = stored(path, doc or sample_document())
    if extra_turtle:  # a class added to the ontology graph, as `kg build` loads an edited ontology
        store.oxigraph.update(f"INSERT DATA {{ GRAPH <https://w3id.org/energy-kg/ont> {{ {extra_turtle} }} }}")
    return store


def page_data(page: str) -> dict:
    m = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', page, re.S)
    return json.loads(m.group(1))


@pytest.fixture
def store(tmp_path):
    return make_store(tmp_path / "s")


def test_network_nodes_edges_and_provenance(store):
    g = read_network(store)
    assert {iri: (d["category"], d["cls"].rsplit("#")[-1], d["label_ru"], d["label_en"]) for iri, d in g.nodes(data=True)} == {
        E + "alibek-bakayev": ("actor", "Person", "Алибек Бакаев", "Alibek Bakayev"),
        E + "CPC": ("actor", "Consortium", "Каспийский трубопроводный консорциум", "Caspian Pipeline Consortium"),
        E + "Ukraine": ("actor", "State", "Украина", "Ukraine"),
        E + "matilda": ("asset", "Tanker", "Матильда", "Matilda"),
        EV + "0": ("event", "Statement", "Заявление", "Statement"),
        EV + "1": ("event", "Attack", "Атака", "Attack"),
    }
    assert sorted((s, d["label_en"], o) for s, o, d in g.edges(data=True)) == [
        (EV + "0", "agent", E + "alibek-bakayev"),
        (EV + "1", "agent", E + "Ukraine"),
        (EV + "1", "target", E + "matilda"),
        (E + "alibek-bakayev", "holds position in", E + "CPC"),
    ]
    tanker = g.nodes[E + "matilda"]
    assert tanker["sources"] == [{"doc": EKGR + "doc/sample-1", "headline": "Атака на танкер", "date": "2026-01-14",
                                  "url": None, "sentence": "Украина атаковала танкер «Матильда» 13 января 2026 года.",
                                  "mark": [18, 35]}]
    attack = g.nodes[EV + "1"]
    assert attack["dates"] == ["2026-01-13"] and attack["date_text"] == "13 января 2026 года"
    assert attack["sources"][0]["mark"] == [8, 17]          # "атаковала"
    assert g.nodes[EV + "0"]["quote"] == "Ситуация под контролем"
    assert g.nodes[E + "CPC"]["same_as"] == ["http://www.wikidata.org/entity/Q1055475"]
    # an event's role edge carries the event's sentence; a relation its own
    assert g.edges[EV + "1", E + "matilda", EKG + "target"]["sentence"].startswith("Украина атаковала")
    assert g.graph["classes"][EKG + "Tanker"] == {"label_en": "Tanker", "label_ru": "Танкер", "category": "asset", "count": 1}


@pytest.mark.parametrize("key, hops, expected", [
    ("КТК", 1, {"CPC", "alibek-bakayev"}),
    ("caspian pipeline consortium", 2, {"CPC", "alibek-bakayev", "0"}),
    (E + "matilda", 1, {"matilda", "1"}),
    ("Matilda", 2, {"matilda", "1", "Ukraine"}),
])
def test_focus(store, key, hops, expected):
    sub = focus(read_network(store), key, hops)
    assert {iri.rsplit("/", 1)[-1] for iri in sub} == expected
    assert [iri for iri, d in sub.nodes(data=True) if d.get("focus")] == [min(i for i in sub if i.endswith(("CPC", "matilda")))]


def test_focus_unknown_names_close_labels(store):
    with pytest.raises(LookupError, match=r"no node is labelled or named 'Matilde'; did you mean 'Matilda'"):
        focus(read_network(store), "Matilde")


def test_view_of_a_select_query(store):
    sub = from_query(store, read_network(store), "SELECT ?e ?t WHERE { ?e ekg:target ?t }")
    assert sorted(sub.nodes) == [EV + "1", E + "matilda"]
    assert [(s, d["label_en"], o) for s, o, d in sub.edges(data=True)] == [(EV + "1", "target", E + "matilda")]


def test_a_construct_querys_facts_are_labelled_in_both_languages(store):
    """A literal a CONSTRUCT gives a node is shown in its tooltip under the property's label in the page's
    language: Russian and English both reach the page (issue 18: one language at a time)."""
    sub = from_query(store, read_network(store), """
        CONSTRUCT { ?t ekg:quote "удар по танкеру" } WHERE { ?e ekg:target ?t }""")
    assert sub.nodes[E + "matilda"]["facts"] == [["цитата", "quote", "удар по танкеру"]]


def test_view_of_a_construct_query(store):
    sub = from_query(store, read_network(store), """
        CONSTRUCT { ?a ekg:attacked ?t . ?t ekg:note "hit" } WHERE { ?e ekg:agent ?a ; ekg:target ?t }""")
    assert sorted(sub.nodes) == [E + "Ukraine", E + "matilda"]
    assert [(s, d["label_en"], o) for s, o, d in sub.edges(data=True)] == [(E + "Ukraine", "attacked", E + "matilda")]
    assert sub.nodes[E + "matilda"]["facts"] == [["note", "note", "hit"]]   # ru, en: no Russian label, the English
    assert sub.nodes[E + "matilda"]["label_ru"] == "Матильда"   # the rest of what is known about the node stays


def test_a_select_of_labels_shows_the_entities_they_name(store):
    """"Who attacked?" answered with names, not IRIs: the page shows the entities named (was 0 nodes)."""
    sub = from_query(store, read_network(store), """SELECT ?name WHERE {
        ?e ekg:agent ?a . ?a skos:prefLabel ?name FILTER(lang(?name) = "ru") }""")
    assert sorted(sub.nodes) == [E + "Ukraine", E + "alibek-bakayev"]
    # an event's label is its class: a "Заявление" returned names no event
    sub = from_query(store, read_network(store), 'SELECT ?l WHERE { VALUES ?l { "Заявление"@ru "matilda" } }')
    assert sorted(sub.nodes) == [E + "matilda"]


def star_with_a_hub(leaves=30):
    """centre - a - b in a line, and centre - hub, the hub linked to `leaves` other nodes."""
    g = nx.MultiDiGraph()
    names = ["centre", "a", "b", "hub", *(f"leaf{i}" for i in range(leaves))]
    for n in names:
        g.add_node(n, iri=n, kind="entity", cls=None, category="other", label_ru=n, label_en=n, alt=[])
    for s, o in [("centre", "a"), ("a", "b"), ("centre", "hub"), *(("hub", f"leaf{i}") for i in range(leaves))]:
        g.add_edge(s, o, key="p", predicate="p", label_en="p", label_ru="p")
    g.graph["vocab"] = None
    return g


def test_focus_reaches_hubs_but_does_not_walk_through_them(monkeypatch):
    monkeypatch.setattr("kg.network._classes", lambda graph, vocab: {})
    g = star_with_a_hub()
    assert hubs(g) == {"hub"}                           # degree 31 > max(10, 10 x median 1)
    sub = focus(g, "centre", 2)
    assert sorted(sub) == ["a", "b", "centre", "hub"]
    assert [n for n, d in sub.nodes(data=True) if d.get("hub")] == ["hub"]   # the page says it was cut
    assert len(focus(g, "centre", 2, hub_factor=None)) == 34
    assert len(focus(g, "hub", 1)) == 32                # a hub asked for is the centre: it is expanded
    assert hubs(star_with_a_hub(leaves=8)) == set()     # degree 9: not above the floor of 10


def test_node_size_grows_with_degree_or_documents():
    assert [node_size(w) for w in (0, 1, 3, 47, 10_000)] == [8, 13, 18, 36, 48]
    g = star_with_a_hub(leaves=3)
    g.nodes["a"]["documents"] = [f"doc{i}" for i in range(47)]   # named in 47 documents, 2 links
    assert [weight(g, n) for n in ("a", "hub", "b")] == [47, 4, 1]


def test_each_class_its_own_colour(store):
    classes = {EKG + c: {"category": "actor", "count": n} for c, n in
               [("Company", 16), ("Person", 383), ("Organization", 222), ("Court", 2)]}
    classes[EKG + "Tanker"] = {"category": "asset", "count": 500}
    classes[""] = {"category": "other", "count": 3}
    colors = class_colors(classes, ["actor", "asset", "event", "other"])
    # actors first, the most frequent first: the palette's first (most distinct) colours go to them
    assert [colors[EKG + c] for c in ("Person", "Organization", "Company", "Court", "Tanker")] == PALETTE[:5]
    assert colors[""] == UNTYPED and len(set(colors.values())) == 6
    data = page_data(render_html(read_network(store)))
    assert len({c["color"] for c in data["classes"].values()}) == len(data["classes"]) == 6
    tanker = next(n for n in data["nodes"] if n["kg"]["iri"] == E + "matilda")
    assert (tanker["color"], tanker["size"]) == (data["classes"][EKG + "Tanker"]["color"], 13)


def test_event_captions_name_class_date_and_main_actor(store):
    data = page_data(render_html(read_network(store)))
    events = {n["kg"]["iri"]: (n["label"], n["kg"]["caption_en"]) for n in data["nodes"] if n["kg"]["kind"] == "event"}
    assert events == {EV + "1": ("Атака · 2026-01-13 · Украина", "Attack · 2026-01-13 · Ukraine"),
                      EV + "0": ("Заявление · 2026-01-14 · Алибек Бакаев", "Statement · 2026-01-14 · Alibek Bakayev")}
    english = page_data(render_html(read_network(store), language="en"))
    assert {n["label"] for n in english["nodes"]} >= {"Attack · 2026-01-13 · Ukraine", "Matilda"}
    assert {e["label"] for e in english["edges"]} == {"agent", "target", "holds position in"}
    assert english["language"] == "en" and english["title"]["ru"] == "Граф знаний об энергетической безопасности"


def test_main_actor_is_the_agent_else_a_participant():
    g = nx.MultiDiGraph()
    for n in ("e", "x", "y", "z"):
        g.add_node(n)
    g.add_edge("e", "z", key=SEM + "hasPlace")
    for n in g:
        g.nodes[n].update(label_ru=n.upper(), label_en=n, dates=[])
    assert main_actor(g, "e") is None
    assert event_caption(g, "e", "ru") == "E · Z"          # no actor: what else it links to
    g.add_edge("e", "y", key=EKG + "target")
    g.add_edge("e", "x", key=SEM + "hasActor")
    assert main_actor(g, "e") == "x"
    g.add_edge("e", "z", key=EKG + "agent")
    assert main_actor(g, "e") == "z"


def test_search_table_gives_the_lemmas_of_a_names_forms():
    g = nx.MultiDiGraph()
    g.add_node("p", kind="entity", label_ru="Владимир Путин", label_en="Vladimir Putin", alt=[],
               sources=[{"sentence": "Цены на нефть выросли."}])
    assert {"путин", "владимир", "vladimir", "putin"} <= set(node_lemmas(g.nodes["p"]))
    table = search_table(g)
    assert "путин" in table["путина"] and "путин" in table["путиным"] and "владимир" in table["владимиру"]
    assert table["цены"] == ["цена"] and table["выросли"] == ["вырасти"]
    assert table["нефти"] == ["нефть"] and table["ценам"] == ["цена"]   # every form of a sentence's nouns
    assert "вырастет" not in table   # ... not of its verbs
    assert "нефть" not in table      # a form that is its own only lemma is left out


def test_ask_query_is_refused(store):
    with pytest.raises(ValueError, match="ASK"):
        from_query(store, read_network(store), "ASK { ?s ?p ?o }")


def test_sources_carry_the_articles_url(tmp_path):
    """The front matter's url reaches every source of the view, as text (view.js never links it)."""
    doc = sample_document()
    doc.metadata = {"url": "https://example.org/news/1"}
    g = read_network(make_store(tmp_path / "s", doc))
    assert {s["url"] for n in (E + "matilda", EV + "1") for s in g.nodes[n]["sources"]} == {"https://example.org/news/1"}


def test_page_is_offline_and_hostile_text_stays_data(tmp_path):
    doc = sample_document()
    doc.entities[3].label_ru = '<img src=x onerror="alert(1)">'
    doc.entities[0].label_en = "</script><script>alert(2)</script>"
    store = make_store(tmp_path / "s", doc)
    out = tmp_path / "out" / "graph.html"
    assert write_view(store, out) == (6, 4)
    page = out.read_text(encoding="utf-8")
    assert not REMOTE.search(page)
    assert "<img src=x" not in page and "<script>alert(2)" not in page
    data = page_data(page)
    labels = {n["kg"]["label_ru"] for n in data["nodes"]} | {n["kg"]["label_en"] for n in data["nodes"]}
    assert {'<img src=x onerror="alert(1)">', "</script><script>alert(2)</script>"} <= labels
    assert "vis.Network" in page and "new vis.DataSet" in page  # vis-network and the page script are inline


def test_legend_follows_the_ontology(tmp_path):
    """A class an analyst adds gets a legend entry, a category and a colour with no code change."""
    doc = sample_document()
    doc.entities[3].cls = EKG + "Substation"
    store = make_store(tmp_path / "s", doc, extra_turtle=f"""
        <{EKG}Substation> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <{EKG}Infrastructure> ;
            <http://www.w3.org/2000/01/rdf-schema#label> "Substation"@en, "Подстанция"@ru .""")
    data = page_data(render_html(read_network(store)))
    legend = data["classes"][EKG + "Substation"]
    assert (legend["label_en"], legend["label_ru"], legend["category"], legend["shape"]) == (
        "Substation", "Подстанция", "asset", "square")
    assert re.fullmatch(r"#[0-9a-f]{6}", legend["color"])
    node = next(n for n in data["nodes"] if n["kg"]["iri"] == E + "matilda")
    assert (node["color"], node["shape"]) == (legend["color"], "square")


def synthetic_network(n):
    g = nx.MultiDiGraph(classes={EKG + "Person": {"label_en": "Person", "label_ru": "Персона",
                                                   "category": "actor", "count": n}})
    for i in range(n):
        g.add_node(f"urn:n{i}", iri=f"urn:n{i}", kind="entity", cls=EKG + "Person", category="actor",
                   label_ru=f"n{i}", label_en=f"n{i}", alt=[], types=[EKG + "Person"], sources=[], dates=[])
    for i in range(1, n):
        g.add_edge(f"urn:n{i}", f"urn:n{i // 2}", key="p", predicate=EKG + "knows", label_en="knows", label_ru="знает")
    return g


@pytest.mark.parametrize("n, laid_out", [(PHYSICS_LIMIT, False), (PHYSICS_LIMIT + 1, True)])
def test_large_graphs_are_laid_out_in_python(n, laid_out):
    data = page_data(render_html(synthetic_network(n)))
    assert data["options"]["physics"]["enabled"] is not laid_out
    assert all(("x" in node and "y" in node) is laid_out for node in data["nodes"])
    if laid_out:
        xs = {round(node["x"]) for node in data["nodes"]}
        assert len(xs) > n // 2   # spread out, not piled up


def test_cli_view_and_export_take_a_questions_parameters(tmp_path, capsys):
    """`kg view --query Q --param NAME=VALUE` (and `kg export`) fill a question's parameters as `kg query` does:
    the saved questions take parameters, and the view draws them (issue 18)."""
    s = str(tmp_path / "s")
    store = make_store(s)
    del store  # the command opens the store itself
    rq = tmp_path / "agents.rq"
    rq.write_text("# CQ: Who acted?\n# param who: only this agent, by its Russian label\n"
                  "SELECT ?a WHERE { ?e ekg:agent ?a . ?a skos:prefLabel ?n . VALUES ?who { UNDEF }\n"
                  "  FILTER(!BOUND(?who) || ?n = STRLANG(?who, 'ru')) }\n", encoding="utf-8")
    out = tmp_path / "v.html"
    assert main(["view", "--store", s, "--out", str(out), "--query", str(rq), "--param", "who=Украина"]) == 0
    assert {n["kg"]["iri"] for n in page_data(out.read_text(encoding="utf-8"))["nodes"]} == {E + "Ukraine"}
    gexf = tmp_path / "g.gexf"
    assert main(["export", "--store", s, "--format", "gexf", "--out", str(gexf), "--query", str(rq),
                 "--param", "who=Украина"]) == 0
    assert "(1 nodes, 0 edges, gexf)" in capsys.readouterr().err
    assert main(["view", "--store", s, "--out", str(out), "--query", str(rq), "--param", "whom=Украина"]) == 2
    assert f"error: {rq}: unknown parameter 'whom': this query declares who" in capsys.readouterr().err
    assert main(["view", "--store", s, "--out", str(out), "--param", "who=Украина"]) == 2
    assert "error: --param fills the parameters of --query: give it a --query" in capsys.readouterr().err


def test_cli_view_focus_and_query(tmp_path, capsys):
    s = str(tmp_path / "s")
    store = make_store(s)
    del store  # the command opens the store itself
    out = tmp_path / "v.html"
    assert main(["view", "--store", s, "--out", str(out), "--focus", "Украина", "--hops", "1"]) == 0
    assert "wrote" in capsys.readouterr().err
    assert {n["kg"]["iri"] for n in page_data(out.read_text(encoding="utf-8"))["nodes"]} == {E + "Ukraine", EV + "1"}
    rq = tmp_path / "q.rq"
    rq.write_text("SELECT ?a WHERE { ?e ekg:agent ?a }", encoding="utf-8")
    assert main(["view", "--store", s, "--out", str(out), "--query", str(rq)]) == 0
    assert {n["kg"]["iri"] for n in page_data(out.read_text(encoding="utf-8"))["nodes"]} == {
        E + "Ukraine", E + "alibek-bakayev"}
    assert main(["view", "--store", s, "--out", str(out), "--lang", "en", "--focus", "Ukraine", "--through-hubs"]) == 0
    english = page_data(out.read_text(encoding="utf-8"))
    assert english["language"] == "en" and "<title>Energy security knowledge graph: around Ukraine</title>" in (
        out.read_text(encoding="utf-8"))
    assert main(["view", "--store", s, "--out", str(out), "--focus", "Atlantis"]) == 1
    assert "error: no node is labelled or named 'Atlantis'" in capsys.readouterr().err
    rq.write_text("SELECT ?a WHERE { ?e ekg:agent }", encoding="utf-8")
    assert main(["view", "--store", s, "--out", str(out), "--query", str(rq)]) == 2
    assert f"error: {rq}:1:" in capsys.readouterr().err
