"""kg.graph writes a document's N-Triples itself (issue 19): byte for byte what rdflib's NTSerializer wrote,
on hand-made records with every escape N-Triples needs, and on the pipeline's records of the seed, the test
texts and gold-news documents."""
import copy
from pathlib import Path

import pytest

from extract.records import Relation, Role, TimeValue
from kg.graph import document_ntriples, rdflib_ntriples
from kg_fixtures import EKG, sample_document

ROOT = Path(__file__).resolve().parents[1]
XSD = "http://www.w3.org/2001/XMLSchema#"


def hostile_document():
    """The sample with text that needs escaping: backslash, quote, newline, CR, tab, control characters,
    non-BMP characters; a romanised label (ru-Latn); literal roles and typed relation values that rdflib
    normalises ("0012" as an integer) or keeps ill-typed ("20200301" as a date)."""
    doc = copy.deepcopy(sample_document("hostile/doc ё", "hash\\\"\n"))
    doc.title = 'Заголовок "в кавычках"\\ \r\n\t\x01 😀'
    doc.path = 'a "b"\\c\nd.txt'
    doc.entities[0].label_en, doc.entities[0].romanised = "Alibek\tBakaev", True
    doc.entities[3].alt_labels.append('«Матильда»\\"\r')
    ev = doc.events[1]
    ev.roles.append(Role(EKG + "amount", value='15 "млн"\nруб.'))
    ev.time = TimeValue("в 2026 году", "year", "2026", "2026-01-01", "2026-12-31", qualifier="около\\")
    doc.events[0].time = TimeValue("весной", "season", "2026-spring", "2026-03-01", "2026-05-31")
    doc.relations += [
        Relation("alibek-bakayev", EKG + "age", None, value="0012", datatype=XSD + "integer"),
        Relation("alibek-bakayev", EKG + "born", None, value="20200301", datatype=XSD + "date"),
        Relation("alibek-bakayev", EKG + "note", None, value="строка\r\n", status="бывший \"глава\""),
    ]
    doc.metadata = {"url": "https://example.org/a b?q=\"x\"", "language": "ru"}
    return doc


@pytest.mark.parametrize("make", [sample_document, hostile_document])
def test_direct_ntriples_are_rdflibs_byte_for_byte(make):
    doc = make()
    ours = document_ntriples(doc)
    assert ours.encode("utf-8") == rdflib_ntriples(doc).encode("utf-8")
    assert ours.count("\n") == len(ours.splitlines()) > 100


def test_hostile_literals_are_escaped_and_parse_back():
    import pyoxigraph as ox
    nt = document_ntriples(hostile_document())
    assert '"Заголовок \\"в кавычках\\"\\\\ \\r\\n\t\x01 😀"@ru' in nt
    assert '"12"^^<http://www.w3.org/2001/XMLSchema#integer>' in nt     # rdflib's normal form, kept
    assert '"Alibek\tBakaev"@ru-Latn' in nt
    titles = [q.object.value for q in ox.parse(nt, ox.RdfFormat.N_TRIPLES)
              if q.predicate.value == "https://schema.org/headline"]
    assert titles == ['Заголовок "в кавычках"\\ \r\n\t\x01 😀']


@pytest.mark.slow
def test_pipeline_records_give_rdflibs_ntriples(nlp):
    from extract.pipeline import extract_documents
    from extract.reader import read_source
    paths = (sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "texts").glob("*.txt"))
             + sorted((ROOT / "tests" / "fixtures" / "gold-news").glob("*.txt"))[:6])
    docs = list(extract_documents(nlp, [read_source(p) for p in paths]))
    assert len(docs) == len(paths) >= 10
    for doc in docs:
        assert document_ntriples(doc).encode("utf-8") == rdflib_ntriples(doc).encode("utf-8"), doc.path
