import pyoxigraph as ox
import pytest

from kg import ONTOLOGY_GRAPH
from kg.graph import doc_iri, document_graph
from kg.store import (StoreError, load_ontology, open_rdflib, open_store, query, remove_document, replace_document,
                      stored_hashes, triple_count)
from kg_fixtures import EKGR, changed_document, sample_document

DOC = EKGR + "doc/sample-1"


def build(store, doc):
    replace_document(store, str(doc_iri(doc.key)), document_graph(doc))


def test_replace_and_hash(tmp_path):
    store = open_store(tmp_path / "s")
    assert stored_hashes(store) == {}
    build(store, sample_document())
    assert stored_hashes(store) == {DOC: "hash-1"}
    build(store, changed_document("sample-2"))
    assert stored_hashes(store) == {DOC: "hash-1", EKGR + "doc/sample-2": "hash-2"}
    remove_document(store, EKGR + "doc/sample-2")
    assert [g.value for g in store.named_graphs()] == [DOC]
    assert triple_count(store) == len(document_graph(sample_document()))


def test_rebuild_is_idempotent(tmp_path):
    store = open_store(tmp_path / "s")
    build(store, sample_document())
    first = len(store)
    build(store, sample_document())
    assert len(store) == first
    quads = list(store.quads_for_pattern(None, None, None, None))
    assert len(quads) == len(set(quads))


def test_changed_document_replaces_old_assertions(tmp_path):
    store = open_store(tmp_path / "s")
    build(store, sample_document())
    build(store, sample_document("other", "hash-o"))
    build(store, changed_document())
    attacks = [r["e"].value for r in query(store, "SELECT ?e WHERE { ?e a ekg:Attack }")]
    assert attacks == [EKGR + "doc/other/event/1"]
    assert stored_hashes(store) == {DOC: "hash-2", EKGR + "doc/other": "hash-o"}
    assert triple_count(store) == len(document_graph(changed_document())) + len(
        document_graph(sample_document("other", "hash-o")))


def test_union_default_graph_and_prefixes(tmp_path):
    store = open_store(tmp_path / "s")
    build(store, sample_document())
    rows = list(query(store, "SELECT ?l WHERE { ?m itsrdf:taIdentRef ?e . ?e skos:prefLabel ?l "
                             "FILTER(lang(?l) = 'en') } ORDER BY ?l"))
    assert [r["l"].value for r in rows] == ["Alibek Bakayev", "Caspian Pipeline Consortium", "Matilda", "Ukraine"]


def test_persists_on_disk(tmp_path):
    store = open_store(tmp_path / "s")
    build(store, sample_document())
    n = len(store)
    store.flush()
    del store
    again = open_store(tmp_path / "s", read_only=True)
    assert len(again) == n


def test_load_vocabulary_graph_is_replaced(tmp_path):
    core = tmp_path / "core.ttl"
    core.write_text("@prefix ekg: <https://w3id.org/energy-kg/ont#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
                    "ekg:Attack rdfs:subClassOf ekg:Event ; rdfs:label \"attack\"@en .\n", encoding="utf-8")
    store = open_store(tmp_path / "s")
    assert load_ontology(store, files=[core]) == 2
    assert load_ontology(store, files=[core]) == 2
    assert len(store) == 4            # the ontology graph and its part of the merge (the default graph)
    assert [g.value for g in store.named_graphs()] == [ONTOLOGY_GRAPH]
    build(store, sample_document())
    rows = list(query(store, "SELECT ?e WHERE { ?e a/rdfs:subClassOf* ekg:Event }"))
    assert {r["e"].value for r in rows} == {DOC + "/event/1"}


def test_package_vocabulary_loads(tmp_path):
    store = open_store(tmp_path / "s")
    assert load_ontology(store) > 100


def test_store_errors(tmp_path):
    f = tmp_path / "file"
    f.write_text("x")
    with pytest.raises(StoreError, match="is a file"):
        open_store(f)
    with pytest.raises(StoreError, match="no store at"):
        open_store(tmp_path / "missing", read_only=True)
    corrupt = tmp_path / "corrupt"
    corrupt.mkdir()
    (corrupt / "CURRENT").write_text("junk\n")
    with pytest.raises(StoreError, match=r"cannot open store .*corrupt"):
        open_store(corrupt)
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    with pytest.raises(StoreError, match="not an Oxigraph store"):
        open_store(other)


def test_open_rdflib(tmp_path):
    store = open_store(tmp_path / "s")
    build(store, sample_document())
    ds = open_rdflib(store)
    rows = list(ds.query("SELECT ?t WHERE { ?e a ekg:Attack ; ekg:dateValue ?t }"))
    assert [str(r.t) for r in rows] == ["2026-01-13"]
    assert len(list(ds.graphs())) >= 1


def test_failed_replace_keeps_old_version(tmp_path, monkeypatch):
    import kg.store
    store = open_store(tmp_path / "s")
    build(store, sample_document())
    before = set(store)
    monkeypatch.setattr(kg.store, "_ntriples", lambda g: '<http://a> <http://b> "new" .\n<http://broken')
    with pytest.raises(StoreError, match="cannot write graph"):
        build(store, changed_document())
    assert set(store) == before


def test_open_rdflib_on_path(tmp_path):
    store = open_store(tmp_path / "s")
    build(store, sample_document())
    store.flush()
    del store
    ds = open_rdflib(tmp_path / "s")
    assert len(list(ds.query("SELECT ?e WHERE { ?e a ekg:Attack }"))) == 1


def _merge(store) -> set[str]:
    return {str(q.triple) for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())}


def test_the_default_graph_is_the_merge_of_the_document_graphs(tmp_path):
    """A fact two documents state is in the merge once; it stays while one of them still states it; a fact
    only a replaced version stated leaves; and a query joining the shared facts answers once, not per copy."""
    store = open_store(tmp_path / "s")
    a, b, kz = "https://example.org/doc/a", "https://example.org/doc/b", "<https://example.org/kz>"
    shared = f'{kz} <http://www.w3.org/2004/02/skos/core#prefLabel> "Казахстан"@ru .\n'
    typed = f"{kz} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/energy-kg/ont#State> .\n"
    only_a = f'<{a}> <https://schema.org/headline> "A" .\n'
    replace_document(store, a, shared + typed + only_a)
    replace_document(store, b, shared + typed)
    assert _merge(store) == {line[:-3] for line in (shared, typed, only_a)}
    rows = list(query(store, "SELECT ?l WHERE { ?x a ekg:State ; skos:prefLabel ?l ; a ?c }"))
    assert [r["l"].value for r in rows] == ["Казахстан"]          # once, though two documents state it
    replace_document(store, a, typed)                                  # a no longer names it, nor has a headline
    assert _merge(store) == {line[:-3] for line in (shared, typed)}    # b still names it
    remove_document(store, b)
    assert _merge(store) == {typed[:-3]}
    remove_document(store, a)
    assert _merge(store) == set()


def test_a_store_without_the_merge_is_merged_when_opened_for_writing(tmp_path):
    """Stores written before the merge existed: read through the union, merged at the next build."""
    store = open_store(tmp_path / "s")
    store.add(ox.Quad(ox.NamedNode("https://example.org/x"), ox.NamedNode("https://example.org/p"),
                      ox.Literal("v"), ox.NamedNode("https://example.org/doc/a")))
    assert [r["v"].value for r in query(store, "SELECT ?v { ?x ?p ?v }")] == ["v"]     # through the union
    store.flush()
    del store
    from kg.store import LocalStore
    local = LocalStore(tmp_path / "s")
    assert _merge(local.store) == {'<https://example.org/x> <https://example.org/p> "v"'}
