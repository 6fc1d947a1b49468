"""Hostile text: names made of the characters that break IRIs, Turtle and SPARQL updates (and an injection
attempt) give exactly the intended triples in their own graph, and every export parses again.

The records are hand-made (no NLP), so each hostile string lands where extraction could put it:
entity keys (IRIs minted from text), labels, the headline, a lexicon IRI, the document key."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from kg_fixtures import EKGR, sample_document
from rdflib import Dataset, Graph, Literal, URIRef

from kg.export import export
from kg.graph import doc_iri, document_graph
from kg.store import document_graphs, open_store, replace_document

INJECTION = '"} ; DROP ALL ; INSERT DATA {"'
HOSTILE = [
    "Иван Петров",                                 # spaces
    "<script>alert(1)</script>",                   # angle brackets
    'ООО "Ромашка" \'и\' «ёлка»',                     # quotes
    "строка\nвторая\r\nтретья\tтаб",                 # line breaks, tab
    "{braces} and \\backslash\\ and |pipe| ^`",
    INJECTION,
    "> . <urn:x> <urn:y> <urn:z> .",               # N-Triples smuggled into a name
    '<img src=x onerror="alert(1)">',
]


def hostile_document(key: str = INJECTION):
    doc = sample_document(key=key)
    doc.title = HOSTILE[1] + INJECTION
    for entity, text in zip(doc.entities, HOSTILE[4:]):
        entity.key = text
        entity.label_ru = text
        entity.label_en = text.upper()
        entity.alt_labels = HOSTILE[:4]
    doc.entities[1].iri = EKGR + "entity/" + HOSTILE[1]   # a lexicon IRI with characters RDF forbids
    doc.entities[0].key, doc.entities[0].iri = "plain", None
    for m in doc.mentions:
        m.entity = "plain"
    for ev in doc.events:
        ev.roles = [r for r in ev.roles if r.entity is None]
    doc.relations = []
    doc.events[0].quote = INJECTION + HOSTILE[3]
    return doc


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    doc = hostile_document()
    graph = document_graph(doc)
    path = tmp_path_factory.mktemp("hostile") / "store"
    store = open_store(path)
    replace_document(store, str(doc_iri(doc.key)), graph)
    store.flush()
    del store
    return doc, graph, open_store(path, read_only=True), path


def test_the_store_holds_exactly_the_intended_triples(hostile_store):
    doc, graph, store, _ = hostile_store
    assert [g.value for g in document_graphs(store)] == [str(doc_iri(doc.key))]    # no other graph, none dropped
    assert [g for g in store.named_graphs()] == [ox.NamedNode(str(doc_iri(doc.key)))]
    g = ox.NamedNode(str(doc_iri(doc.key)))
    back = Graph().parse(data=ox.serialize([q.triple for q in store.quads_for_pattern(None, None, None, g)],
                                           format=ox.RdfFormat.N_TRIPLES).decode("utf-8"), format="nt")
    assert len(store) == 2 * len(graph) and len(graph) > 60     # the document's graph and the merge, nothing else
    assert set(back) == set(graph)
    merge = {q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    assert merge == {q.triple for q in store.quads_for_pattern(None, None, None, g)}


def test_hostile_strings_are_literals_and_iris_are_encoded(hostile_store):
    doc, graph, store, _ = hostile_store
    literals = {str(o) for o in graph.objects() if isinstance(o, Literal)}
    for text in HOSTILE[4:] + HOSTILE[:4] + [doc.title, doc.events[0].quote]:
        assert text in literals
    for node in set(graph.subjects()) | {o for o in graph.objects() if isinstance(o, URIRef)}:
        assert not set(str(node)) & set(' <>"{}|^`\\\n\r\t'), node
        ox.NamedNode(str(node))                      # a valid IRI for Oxigraph too
    assert str(doc_iri(doc.key)) == EKGR + "doc/%22%7D%20%3B%20DROP%20ALL%20%3B%20INSERT%20DATA%20%7B%22"


@pytest.mark.parametrize("fmt, parse_as", [("turtle", "turtle"), ("nt", "nt"), ("trig", "trig"),
                                           ("nquads", "nquads"), ("jsonld", "json-ld")])
def test_every_export_parses_again(hostile_store, tmp_path, fmt, parse_as):
    _, graph, store, _ = hostile_store
    out = tmp_path / f"graph.{fmt}"
    export(store, fmt, str(out))
    if fmt in ("trig", "nquads", "jsonld"):
        ds = Dataset()
        ds.parse(out, format=parse_as)
        back = {(s, p, o) for s, p, o, _ in ds.quads()}
    else:
        back = set(Graph().parse(out, format=parse_as))
    assert back == set(graph)


def test_kg_export_turtle_on_the_command_line(hostile_store, tmp_path):
    from conftest import kg_run
    _, graph, _, path = hostile_store
    r = kg_run("export", "--format", "turtle", "--store", path, "--out", tmp_path / "g.ttl", timeout=120)
    assert r.returncode == 0, r.stderr
    assert set(Graph().parse(tmp_path / "g.ttl", format="turtle")) == set(graph)
