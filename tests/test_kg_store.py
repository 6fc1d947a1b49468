import gc

import pyoxigraph as ox
import pytest

from kg import ONTOLOGY_GRAPH
from kg.graph import doc_iri, document_ntriples
from kg.stores import StoreError, open_store
from kg.stores.base import ontology_sources
from kg.stores.local import LocalStore
from kg_fixtures import EKGR, changed_document, document_graph, sample_document

DOC = EKGR + "doc/sample-1"


def build(store, doc):
    store.replace_document(str(doc_iri(doc.key)), document_ntriples(doc))


def named_graphs(store) -> list[str]:
    return sorted(g.value for g in store.oxigraph.named_graphs())


def test_replace_and_hash(tmp_path):
    store = open_store(tmp_path / "s")
    assert store.stored_hashes() == {}
    build(store, sample_document())
    assert store.stored_hashes() == {DOC: "hash-1"}
    build(store, changed_document("sample-2"))
    assert store.stored_hashes() == {DOC: "hash-1", EKGR + "doc/sample-2": "hash-2"}
    store.replace_document(EKGR + "doc/sample-2", "")                     # an empty graph is no graph
    assert named_graphs(store) == [DOC] and store.documents() == [DOC]
    assert store.triple_count() == len(document_graph(sample_document()))


def test_the_content_hash_is_the_last_line():
    """A body cut short in transit holds no hash, so the next build extracts the document again."""
    lines = document_ntriples(sample_document()).splitlines()
    assert lines[-1] == f'<{DOC}> <https://w3id.org/energy-kg/ont#contentHash> "hash-1" .'
    assert sum("contentHash" in line for line in lines) == 1


def test_rebuild_is_idempotent(tmp_path):
    store = open_store(tmp_path / "s")
    build(store, sample_document())
    first = len(store.oxigraph)
    build(store, sample_document())
    assert len(store.oxigraph) == first
    quads = list(store.oxigraph)
    assert len(quads) == len(set(quads))


def test_changed_document_replaces_old_assertions(tmp_path):
    store = open_store(tmp_path / "s")
    build(store, sample_document())
    build(store, sample_document("other", "hash-o"))
    build(store, changed_document())
    attacks = [r["e"].value for r in store.query("SELECT ?e WHERE { ?e a ekg:Attack }")]
    assert attacks == [EKGR + "doc/other/event/1"]
    assert store.stored_hashes() == {DOC: "hash-2", EKGR + "doc/other": "hash-o"}
    assert store.triple_count() == len(document_graph(changed_document())) + len(
        document_graph(sample_document("other", "hash-o")))


# The text, and every character `str.splitlines` splits at that N-Triples keeps inside a literal.
CONTROL = "Газпром сообщил о поставках газа.\fМинистр Новак заявил…"
LINE_LIKE = ["\f", "\v", "\u2028", "\u2029", "\u0085", "\x1c", "\x1d", "\x1e"]


@pytest.mark.parametrize("char", LINE_LIKE, ids=[f"U+{ord(c):04X}" for c in LINE_LIKE])
def test_text_with_characters_that_split_lines_in_python_is_stored_whole(tmp_path, char):
    doc = sample_document()
    doc.text, doc.title = doc.text.replace(" ", char, 1), CONTROL.replace("\f", char)
    store = open_store(tmp_path / "s")
    for _ in range(2):           # a new graph (N-Quads load), then an existing one (SPARQL update)
        build(store, doc)
        [row] = store.query(f"SELECT ?t ?h WHERE {{ <{DOC}> nif:isString ?t ; schema:headline ?h }}")
        assert (row["t"].value, row["h"].value) == (doc.text, doc.title)
    assert store.triple_count() == len(document_graph(doc))


def test_union_default_graph_and_prefixes(tmp_path):
    store = open_store(tmp_path / "s")
    build(store, sample_document())
    rows = list(store.query("SELECT ?l WHERE { ?m itsrdf:taIdentRef ?e . ?e skos:prefLabel ?l "
                            "FILTER(lang(?l) = 'en') } ORDER BY ?l"))
    assert [r["l"].value for r in rows] == ["Alibek Bakayev", "Caspian Pipeline Consortium", "Matilda", "Ukraine"]


def test_persists_on_disk(tmp_path):
    store = open_store(tmp_path / "s")
    build(store, sample_document())
    n = len(store.oxigraph)
    store.close()
    del store
    again = open_store(tmp_path / "s", read_only=True)
    assert len(again.oxigraph) == n


def test_load_vocabulary_graph_is_replaced(tmp_path):
    core = tmp_path / "core.ttl"
    core.write_text("@prefix ekg: <https://w3id.org/energy-kg/ont#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
                    "ekg:Attack rdfs:subClassOf ekg:Event ; rdfs:label \"attack\"@en .\n", encoding="utf-8")
    store = open_store(tmp_path / "s")
    assert store.load_ontology(files=[core]) == 2
    assert store.load_ontology(files=[core]) == 2
    assert len(store.oxigraph) == 4     # the ontology graph and its part of the merge (the default graph)
    assert named_graphs(store) == [ONTOLOGY_GRAPH] and store.documents() == []
    build(store, sample_document())
    rows = list(store.query("SELECT ?e WHERE { ?e a/rdfs:subClassOf* ekg:Event }"))
    assert {r["e"].value for r in rows} == {DOC + "/event/1"}


def test_package_vocabulary_loads(tmp_path):
    assert ontology_sources()
    assert open_store(tmp_path / "s").load_ontology() > 100


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
    with pytest.raises(StoreError, match="need --store URL"):
        open_store(tmp_path / "s", query_url="http://127.0.0.1:9/query")


def test_rdflib_dataset_over_the_store(tmp_path):
    store = open_store(tmp_path / "s")
    build(store, sample_document())
    ds = store.rdflib()
    rows = list(ds.query("SELECT ?t WHERE { ?e a ekg:Attack ; ekg:dateValue ?t }"))
    assert [str(r.t) for r in rows] == ["2026-01-13"]
    assert len(list(ds.graphs())) >= 1
    store.close()
    del store, ds
    gc.collect()           # the Dataset and its store hold each other: let go of the store before reopening it
    ds = open_store(tmp_path / "s", read_only=True).rdflib()
    assert len(list(ds.query("SELECT ?e WHERE { ?e a ekg:Attack }"))) == 1


def test_failed_replace_keeps_old_version_and_refuses_only_that_document(tmp_path):
    from kg.stores import WriteRefused
    store = open_store(tmp_path / "s")
    build(store, sample_document())
    before = set(store.oxigraph)
    with pytest.raises(WriteRefused, match="cannot write graph"):
        store.replace_document(DOC, '<http://a> <http://b> "new" .\n<http://broken')
    assert set(store.oxigraph) == before


def test_link_pending_marker_is_outside_the_documents_and_the_merge(tmp_path):
    store = open_store(tmp_path / "s")
    build(store, sample_document())
    before = (store.documents(), store.triple_count(), store.quads(), _merge(store))
    assert not store.link_pending()
    store.set_link_pending(True)
    assert store.link_pending()
    assert (store.documents(), store.triple_count(), store.quads(), _merge(store)) == before
    store.set_link_pending(False)
    assert not store.link_pending() and named_graphs(store) == [DOC]


def _merge(store) -> set[str]:
    return {str(q.triple) for q in store.oxigraph.quads_for_pattern(None, None, None, ox.DefaultGraph())}


def test_the_default_graph_is_the_merge_of_the_document_graphs(tmp_path):
    """A fact two documents state is in the merge once; it stays while one of them still states it; a fact
    only a replaced version stated leaves; and a query joining the shared facts answers once, not per copy."""
    store = open_store(tmp_path / "s")
    a, b, kz = "https://example.org/doc/a", "https://example.org/doc/b", "<https://example.org/kz>"
    shared = f'{kz} <http://www.w3.org/2004/02/skos/core#prefLabel> "Казахстан"@ru .\n'
    typed = f"{kz} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/energy-kg/ont#State> .\n"
    only_a = f'<{a}> <https://schema.org/headline> "A" .\n'
    store.replace_document(a, shared + typed + only_a)
    store.replace_document(b, shared + typed)
    assert _merge(store) == {line[:-3] for line in (shared, typed, only_a)}
    rows = list(store.query("SELECT ?l WHERE { ?x a ekg:State ; skos:prefLabel ?l ; a ?c }"))
    assert [r["l"].value for r in rows] == ["Казахстан"]          # once, though two documents state it
    store.replace_document(a, typed)                                   # a no longer names it, nor has a headline
    assert _merge(store) == {line[:-3] for line in (shared, typed)}    # b still names it
    store.replace_document(b, "")
    assert _merge(store) == {typed[:-3]}
    store.replace_document(a, "")
    assert _merge(store) == set()


def test_a_store_without_the_merge_is_merged_when_opened_for_writing(tmp_path):
    """Stores written before the merge existed: read through the union, merged at the next build."""
    raw = ox.Store(str(tmp_path / "s"))
    raw.add(ox.Quad(ox.NamedNode("https://example.org/x"), ox.NamedNode("https://example.org/p"),
                    ox.Literal("v"), ox.NamedNode("https://example.org/doc/a")))
    raw.flush()
    del raw
    old = open_store(tmp_path / "s", read_only=True)
    assert [r["v"].value for r in old.query("SELECT ?v { ?x ?p ?v }")] == ["v"]     # through the union
    del old
    local = LocalStore(tmp_path / "s")
    assert _merge(local) == {'<https://example.org/x> <https://example.org/p> "v"'}


def test_held_documents_by_point_lookups_answers_as_the_stored_hashes(tmp_path):
    """A build asks, for a batch of files, which documents the store holds as they are (content hash,
    extractor): the local store answers by point lookups in each document's own graph, as every document's
    stored hash and extraction say."""
    from kg.graph import extracted_with
    store = open_store(tmp_path / "s")
    doc = sample_document()
    build(store, doc)
    build(store, sample_document("other", "hash-o"))
    iri, other = str(doc_iri(doc.key)), EKGR + "doc/other"
    current = extracted_with(doc.extractor_version, doc.ontology_digest)
    assert (store.stored_hashes()[iri], store.stored_extractions()[iri]) == (doc.content_hash, current)
    assert store.held_documents({iri: doc.content_hash, other: "hash-o", EKGR + "doc/absent": "hash-1"},
                                current) == {iri, other}
    assert store.held_documents({iri: "another hash", other: "hash-o"}, current) == {other}
    assert store.held_documents({iri: doc.content_hash}, "another extractor") == set()
    assert store.held_documents({}, current) == set()


def count_steps() -> list[tuple[str, str]]:
    """Adds, replaces and removals whose kept triple count the local and the server's stores are checked on."""
    return [("add", sample_document()), ("add", sample_document("other", "hash-o")),
            ("replace", changed_document()), ("add", changed_document("sample-2")), ("remove", EKGR + "doc/other"),
            ("replace", sample_document()), ("remove", DOC)]


def test_the_kept_triple_count_is_the_count_over_the_store_after_adds_replaces_and_removes(tmp_path):
    """The build's summary says the count every write keeps (in the index, saved when a build is linked), never
    counted over the store: after each add, replace and removal it equals COUNT(*) over the document graphs,
    and a store opened again reads the same from its index."""
    from kg.link import link_if_pending
    path = tmp_path / "s"
    for step, what in count_steps():
        store = LocalStore(path)
        store.set_link_pending(True)
        if step == "remove":
            store.drop_graph(what)
        else:
            build(store, what)
        link_if_pending(store)
        assert store.triple_count() == store.count_document_triples() > 0, step
        store.close()
        del store
        gc.collect()
        again = LocalStore(path)
        again.count_document_triples = None   # read from the index, not counted
        assert again.triple_count() == LocalStore.count_document_triples(again), step
        del again
        gc.collect()
