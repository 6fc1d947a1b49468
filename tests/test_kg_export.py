import json

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kg.export import export, export_bytes
from kg.graph import doc_iri, document_ntriples
from kg.stores import open_store
from kg_fixtures import EKGR, document_graph, sample_document


@pytest.fixture()
def store(tmp_path):
    s = open_store(tmp_path / "store")
    for key in ("sample-1", "sample-2"):
        doc = sample_document(key, "h-" + key)
        s.replace_document(str(doc_iri(doc.key)), document_ntriples(doc))
    core = tmp_path / "core.ttl"
    core.write_text("<https://w3id.org/energy-kg/ont#Attack> <http://www.w3.org/2000/01/rdf-schema#label> \"attack\"@en .\n")
    s.load_ontology(files=[core])
    return s


def expected_merged():
    g = Graph()
    for key in ("sample-1", "sample-2"):
        g += document_graph(sample_document(key, "h-" + key))
    return g


@pytest.mark.parametrize("fmt,rdflib_format", [("turtle", "turtle"), ("nt", "nt")])
def test_merged_formats_round_trip(store, fmt, rdflib_format):
    g = Graph().parse(data=export_bytes(store, fmt).decode("utf-8"), format=rdflib_format)
    assert isomorphic(g, expected_merged())
    # the entity shared by both documents is stated once
    assert len(list(g.triples((URIRef(EKGR + "entity/matilda"), None, None)))) == len(
        list(expected_merged().triples((URIRef(EKGR + "entity/matilda"), None, None))))


@pytest.mark.parametrize("fmt,rdflib_format", [("trig", "trig"), ("nquads", "nquads"), ("jsonld", "json-ld")])
def test_dataset_formats_keep_graphs(store, fmt, rdflib_format):
    ds = Dataset()
    ds.parse(data=export_bytes(store, fmt).decode("utf-8"), format=rdflib_format)
    names = {str(c.identifier) for c in ds.graphs() if len(c)}
    assert names == {EKGR + "doc/sample-1", EKGR + "doc/sample-2"}
    g1 = ds.graph(URIRef(EKGR + "doc/sample-1"))
    assert isomorphic(Graph() + g1, document_graph(sample_document("sample-1", "h-sample-1")))


def test_include_vocabulary_and_file_output(store, tmp_path):
    out = tmp_path / "all.nq"
    export(store, "nquads", str(out), include_ontology=True)
    quads = list(ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS))
    assert any(q.graph_name.value == "https://w3id.org/energy-kg/ont" for q in quads)
    assert b"energy-kg/ont>" not in export_bytes(store, "nquads").split(b"\n")[0][-40:]


def test_jsonld_uses_prefixes(store):
    data = json.loads(export_bytes(store, "jsonld"))
    assert data["@context"]["ekg"] == "https://w3id.org/energy-kg/ont#"
