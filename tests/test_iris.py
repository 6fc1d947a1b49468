"""Distinct names give distinct IRIs, and every IRI made from a name parses back from Turtle and TriG (issue 15.7)."""
from __future__ import annotations

import pytest
from rdflib import Dataset, Graph, URIRef

from extract.entities import slug
from extract.reader import read_source
from extract.records import Document, Entity
from kg.graph import doc_iri, entity_iri
from kg.ns import EKG
from kg_fixtures import EKGR, document_graph

NAMES = ["中国石油", "中国石化", "ＬＵＫ", "Лукойл", "Қазмұнайгаз", "中国石油 Ltd", "中国石化 Ltd", "«»", "…"]


def test_names_that_cannot_be_romanised_keep_distinct_keys():
    keys = [slug(name) for name in NAMES]
    assert len(set(keys)) == len(NAMES)
    assert keys[:3] == ["中国石油", "中国石化", "luk"]            # fullwidth ＬＵＫ read as LUK
    assert slug("Газпром") == "gazprom" and slug("Bank of China") == "bank-of-china"   # as before


def graph_of(tmp_path, file_name):
    path = tmp_path / file_name
    path.write_text("Газпром", encoding="utf-8")
    source = read_source(path)
    entities = [Entity(slug(n), EKG + "Organization", n, n) for n in NAMES]
    return document_graph(Document(key=source.key, path=source.source, text="Газпром", entities=entities))


@pytest.mark.parametrize("file_name", ["..txt", "...txt", "中国石油.txt", "a b.txt"])
def test_iris_parse_back_from_turtle_and_trig(tmp_path, file_name):
    g = graph_of(tmp_path, file_name)
    entities = {s for s in g.subjects() if str(s).startswith(EKGR + "entity/")}
    assert len(entities) == len(NAMES)
    again = Graph().parse(data=g.serialize(format="turtle"), format="turtle")
    assert iris(again) == iris(g)
    ds = Dataset()
    ds.graph(URIRef(EKGR + "doc/x")).__iadd__(g)
    back = Dataset().parse(data=ds.serialize(format="trig"), format="trig")
    assert iris(back.graph(URIRef(EKGR + "doc/x"))) == iris(g)


def iris(g) -> set:
    return {t for s, _, o in g for t in (s, o) if isinstance(t, URIRef)}


def test_dot_segments_are_encoded():
    assert str(doc_iri("..")) == EKGR + "doc/%2E%2E"
    assert str(entity_iri(Entity(".", EKG + "Organization", ".", "."))) == EKGR + "entity/%2E"


def test_a_segment_of_unreserved_characters_is_kept_as_quoting_would_keep_it():
    """Every file of a build asks for its document's IRI: a key of [A-Za-z0-9._~-] (all of them) skips
    `quote`, and gives what quoting gives; `.` and `..` are still escaped."""
    from urllib.parse import quote

    from kg.iris import safe_segment
    for text in ["novosti-3f2a9c01d2", "a.b", "x.", "-", "a~b_c", ".", "..", "a/b", "новости", "a b", "a/../b"]:
        quoted = "/".join(p.replace(".", "%2E") if p in (".", "..") else p for p in quote(text, safe="/").split("/"))
        assert safe_segment(text) == quoted, text
    assert safe_segment("..") == "%2E%2E" and safe_segment("новости").startswith("%D0%BD")
