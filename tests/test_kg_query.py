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


# ------------------------------------------------------------------ saved questions, parameters, messages

PARAM_Q = """# CQ: Which tankers have this name?
# param name: a Russian label
# param day (date): a day
PREFIX ekg: <https://w3id.org/energy-kg/ont#>
SELECT ?t ?d WHERE {
  VALUES ?name { UNDEF }
  VALUES ?day { UNDEF }
  ?t a ekg:Tanker ; skos:prefLabel ?l . FILTER(!BOUND(?name) || STR(?l) = ?name)
  BIND(?day AS ?d)
}"""


def test_parameters_are_declared_in_the_header():
    from kg.questions import Param, declared_params
    assert declared_params(PARAM_Q) == (Param("name", "text", "a Russian label"), Param("day", "date", "a day"))


def test_a_parameter_is_a_sparql_term_never_pasted_text(store_path, capsys):
    from kg.questions import with_params
    hostile = 'x" } ?t ?p ?o . { "'
    text = with_params(PARAM_Q, {"name": hostile, "day": "2026-01-13"})
    assert 'VALUES ?name { "x\\" } ?t ?p ?o . { \\"" }' in text
    assert 'VALUES ?day { "2026-01-13"^^<http://www.w3.org/2001/XMLSchema#date> }' in text
    store = open_store(store_path, read_only=True)
    assert list(store.query(text)) == []                 # one string that names no tanker, not a new pattern
    [row] = store.query(with_params(PARAM_Q, {"name": "Матильда", "day": "2026-01-13"}))
    assert (row["t"].value, row["d"].value) == (EKGR + "entity/matilda", "2026-01-13")
    # UNDEF: the question as written, for any name (the tanker's two labels)
    assert {row["t"].value for row in store.query(PARAM_Q)} == {EKGR + "entity/matilda"}


def test_parameter_mistakes_are_one_line(tmp_path):
    from kg.questions import ParamError, parse_assignments, with_params
    with pytest.raises(ParamError, match="unknown parameter 'nam': this query declares name, day"):
        with_params(PARAM_Q, {"nam": "x"})
    with pytest.raises(ParamError, match=r"parameter day: '2026-13-01' is not a date \(YYYY-MM-DD\)"):
        with_params(PARAM_Q, {"day": "2026-13-01"})
    with pytest.raises(ParamError, match=r"has no `VALUES \?name \{ UNDEF \}`"):
        with_params("# param name: x\nSELECT * WHERE { ?s ?p ?name }", {"name": "x"})
    with pytest.raises(ParamError, match="write NAME=VALUE"):
        parse_assignments(["name"])
    assert parse_assignments(["name=a=b"]) == {"name": "a=b"}


def test_every_saved_question_declares_its_parameters_with_a_place_for_each():
    from kg.questions import saved_questions, with_params
    found = {q.name: [p.name for p in q.params] for q in saved_questions()}
    assert found["03_attacks"] == ["target"] and found["10_events_in_period"] == ["since", "until"]
    assert {"07_operator_asset_attacks", "08_statements_by", "09_events_at_place"} <= set(found)
    assert found["events_table"] == ["since", "until", "wanted_class", "wanted_actor", "wanted_place"]
    value = {"date": "2026-01-01", "integer": "3", "iri": "https://w3id.org/energy-kg/ont#Attack", "text": "x"}
    for q in saved_questions():
        with_params(q.text, {p.name: value[p.kind] for p in q.params})   # raises when a VALUES is missing


def test_cli_asks_a_saved_question_by_name_with_a_parameter(seed_store, store_path):
    r = subprocess.run([sys.executable, "-m", "kg.cli", "query", "03_attacks", "--store", str(seed_store),
                        "--param", "target=матильда", "--format", "csv"], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert [line.split(",")[:7] for line in r.stdout.splitlines()] == [
        ["asset", "class", "date", "precision", "attacker", "place", "instrument"],
        ["Матильда", "Tanker", "2026-01", "month", "Ukraine", "Черное море", ""],
        ["Матильда", "Tanker", "2026-01", "month", "Ukraine", "морской терминал в Новороссийске", ""]]
    r = subprocess.run([sys.executable, "-m", "kg.cli", "query", "03_atacks", "--store", str(store_path)],
                       capture_output=True, text=True, cwd=ROOT)
    assert (r.returncode, r.stderr) == (2, "error: 03_atacks: no such file or saved question (`kg query --list` "
                                           "lists them)\n")
    r = subprocess.run([sys.executable, "-m", "kg.cli", "query", "03_attacks", "--store", str(store_path),
                        "--param", "victim=x"], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 2 and r.stderr.endswith(
        "03_attacks.rq: unknown parameter 'victim': this query declares target (see `kg query --list`)\n")


def test_cli_lists_the_saved_questions(capsys):
    from kg.cli import main
    assert main(["query", "--list"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("01_who_is_bakayev: Who is Alibek Bakayev?")
    at = out.index(next(line for line in out if line.startswith("10_events_in_period: ")))
    assert out[at + 1] == "    --param since=...  (date) only events that end on or after this day, YYYY-MM-DD"
    assert out[at + 2].startswith("    --param until=...  (date) ")


def test_an_unknown_prefix_is_named_with_the_declaration_to_add(store_path):
    with pytest.raises(QueryError) as info:
        run(open_store(store_path, read_only=True), "SELECT * WHERE { foaf:x ?p ?o . ?s dbo:lat ?l }")
    assert str(info.value) == ("query:1:18: invalid SPARQL: Unknown prefix foaf: add PREFIX foaf: <...> with its "
                               "namespace; Unknown prefix dbo: add PREFIX dbo: <...> with its namespace")   # geo: is predeclared
    from kg.sparql_text import unknown_prefix_message, unknown_prefixes
    text = 'PREFIX e: <https://w3id.org/energy-kg/ont#>\nSELECT * { ?x a e:Attack ; ekg:target "a:b" } # c:d <x:y>'
    assert unknown_prefixes(text) == ["ekg"]
    assert unknown_prefix_message(["ekg"]) == "Unknown prefix ekg: add PREFIX ekg: <https://w3id.org/energy-kg/ont#>"


def test_a_misspelt_ontology_term_is_warned_of(seed_store, capsys):
    """ekg:January is no term of ontology/terms.py but the grammar's (in the store's ontology graph)."""
    run(open_store(seed_store, read_only=True),
        "PREFIX k: <https://w3id.org/energy-kg/ont#>\nSELECT * WHERE { ?e a ekg:Atack ; k:target ?t ; "
        "<https://w3id.org/energy-kg/ont#agnt> ?a ; ekg:trigger ?m . ?x a ekg:January }", "csv", warn=sys.stderr)
    err = capsys.readouterr().err
    assert err == ("warning: query: ekg:Atack is not in the ontology: it matches nothing (did you mean ekg:Attack?)\n"
                   "warning: query: ekg:agnt is not in the ontology: it matches nothing (did you mean ekg:agent?)\n")
