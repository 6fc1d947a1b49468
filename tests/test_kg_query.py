import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.graph import doc_iri, document_ntriples
from kg.query import QueryError, run
from kg.stores import open_store
from kg_fixtures import EKGR, sample_document

ROOT = Path(__file__).resolve().parent.parent
Q = "SELECT ?label ?role WHERE { ?e a ekg:Attack ; ?role ?x . ?x skos:prefLabel ?label FILTER(lang(?label) = 'ru') } ORDER BY ?label"


@pytest.fixture()
def store_path(tmp_path):
    path = tmp_path / "store"
    store = open_store(path)
    doc = sample_document()
    store.replace_document(str(doc_iri(doc.key)), document_ntriples(doc))
    store.close()
    del store
    return path


def out_of(store_path, query, fmt, capsys):
    run(open_store(store_path, read_only=True), query, fmt)
    return capsys.readouterr().out


def test_table(store_path, capsys):
    assert out_of(store_path, Q, "table", capsys) == (
        "label     role\n"
        "--------  " + "-" * 37 + "\n"
        "Матильда  https://w3id.org/energy-kg/ont#target\n"
        "Украина   https://w3id.org/energy-kg/ont#agent\n"
        "(2 rows)\n")


def test_csv_tsv_json(store_path, capsys):
    assert out_of(store_path, Q, "csv", capsys) == (
        "label,role\r\nМатильда,https://w3id.org/energy-kg/ont#target\r\n"
        "Украина,https://w3id.org/energy-kg/ont#agent\r\n")
    tsv = out_of(store_path, Q, "tsv", capsys)
    assert tsv.splitlines()[0] == "?label\t?role"
    assert tsv.splitlines()[1] == '"Матильда"@ru\t<https://w3id.org/energy-kg/ont#target>'
    data = json.loads(out_of(store_path, Q, "json", capsys))
    assert data["head"]["vars"] == ["label", "role"]
    assert data["results"]["bindings"][1]["label"] == {"type": "literal", "value": "Украина", "xml:lang": "ru"}


def test_ask_and_construct(store_path, capsys):
    assert out_of(store_path, "ASK { ?e a ekg:Attack }", "table", capsys) == "true\n"
    assert out_of(store_path, "ASK { ?e a ekg:Seizure }", "table", capsys) == "false\n"
    assert json.loads(out_of(store_path, "ASK { ?e a ekg:Attack }", "json", capsys)) == {"head": {}, "boolean": True}
    ttl = out_of(store_path, "CONSTRUCT { ?e ekg:target ?t } WHERE { ?e ekg:target ?t }", "table", capsys)
    assert "ekg:target" in ttl
    from rdflib import Graph, URIRef
    g = Graph().parse(data=ttl, format="turtle")
    assert list(g) == [(URIRef(EKGR + "doc/sample-1/event/1"), URIRef("https://w3id.org/energy-kg/ont#target"),
                        URIRef(EKGR + "entity/matilda"))]


def test_query_file(store_path, capsys, tmp_path):
    f = tmp_path / "q.rq"
    f.write_text("# CQ: which attacks?\nSELECT (COUNT(*) AS ?n) WHERE { ?e a ekg:Attack }\n", encoding="utf-8")
    assert out_of(store_path, str(f), "csv", capsys) == "n\r\n1\r\n"


def test_parse_error_message(store_path, tmp_path):
    f = tmp_path / "bad.rq"
    f.write_text("SELECT ?x WHERE {\n  ?x ?y \n}\n", encoding="utf-8")
    with pytest.raises(QueryError) as info:
        run(open_store(store_path, read_only=True), str(f))
    assert info.value.status == 2
    assert str(info.value).startswith(f"{f}:3:2: invalid SPARQL: expected OPTIONAL")
    assert "\n" not in str(info.value)


def test_cli_parse_error_no_traceback(store_path):
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "query", "--store", str(store_path), "SELECT ?x WHERE { ?x"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: query:1:")
    assert "invalid SPARQL" in proc.stderr
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_cli_missing_store(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "query", "--store", str(tmp_path / "none"), "ASK {}"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 1
    assert proc.stderr.startswith("error: no store at ")
    assert "Traceback" not in proc.stderr


def test_query_path_imports_neither_spacy_nor_rdflib(store_path):
    code = ("import sys; from kg.cli import main; rc = main(['query', '--store', %r, 'ASK { ?s ?p ?o }']); "
            "heavy = [m for m in ('spacy', 'natasha', 'rdflib', 'extract.pipeline') if m in sys.modules]; "
            "print(rc, heavy)") % str(store_path)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.stdout.splitlines() == ["true", "0 []"], proc.stderr


def test_kg_store_env(store_path, monkeypatch, capsys):
    from kg.cli import main
    monkeypatch.setenv("KG_STORE", str(store_path))
    assert main(["query", "SELECT (COUNT(*) AS ?n) WHERE { ?e a ekg:Attack }", "--format", "csv"]) == 0
    assert capsys.readouterr().out == "n\r\n1\r\n"
