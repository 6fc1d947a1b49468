import re

from kg.graph import doc_iri, document_graph
from kg.store import load_ontology, open_store, replace_document
from kg.view import collect, make_offline, write_view
from kg_fixtures import EKGR, sample_document


def make_store(path, doc):
    store = open_store(path)
    replace_document(store, str(doc_iri(doc.key)), document_graph(doc))
    load_ontology(store)
    return store


def test_view_is_offline_and_escaped(tmp_path):
    doc = sample_document()
    doc.entities[0].label_en = "<script>alert(1)</script>"
    store = make_store(tmp_path / "s", doc)
    out = tmp_path / "out" / "graph.html"
    nodes, edges = write_view(store, out)
    page = out.read_text(encoding="utf-8")
    assert (nodes, edges) == (6, 4)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page, re.I)
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page
    assert "<script>alert(1)</script>" not in page
    assert "vis.Network" in page  # vis-network is inlined


def test_categories(tmp_path):
    store = make_store(tmp_path / "s", sample_document())
    nodes, edges = collect(store)
    cat = {iri.rsplit("/", 1)[-1]: n.category for iri, n in nodes.items()}
    assert cat == {"alibek-bakayev": "actor", "CPC": "actor", "Ukraine": "actor", "matilda": "asset",
                   "0": "event", "1": "event"}
    labels = {(s.rsplit("/", 1)[-1], p.rsplit("#", 1)[-1], o.rsplit("/", 1)[-1]) for s, p, o in edges}
    assert ("1", "target", "matilda") in labels
    assert ("alibek-bakayev", "holdsPositionIn", "CPC") in labels


def test_make_offline_strips_remote_tags():
    page = ('<head><link href="https://cdn.x/b.css" rel="stylesheet" />\n<script\n src="https://cdn.x/b.js"\n'
            ' crossorigin="anonymous"\n></script><script>var a = "http://www.w3.org/2000/svg";</script></head>')
    out = make_offline(page)
    assert "cdn.x" not in out and 'var a = "http://www.w3.org/2000/svg"' in out
