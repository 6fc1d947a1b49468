"""The YASGUI query page of `kg serve`: YASGUI's files from the Oxigraph server, a strict content security
policy, the project's prefixes, the saved questions, /check, and the answer to an undeclared prefix; in
chromium, a query answered in a sortable table with requests to this server only. Marked `server`."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kg import PREFIXES
from test_kg_view import REMOTE
from test_serve import Q, Served, make_store
from test_view_browser import SHOTS

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "ontology" / "queries"
TEMPLATES = ROOT / "kg" / "templates"
pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    store = make_store(tmp_path_factory.mktemp("yasgui") / "store")
    s = Served(store, store.parent / "serve.log")
    yield s
    assert s.stop() == 0, s.output()
    assert "Traceback" not in s.output()


def page_data(page: str) -> dict:
    return json.loads(page.split('<script id="kg-data" type="application/json">')[1].split("</script>")[0])


def test_the_query_page_is_yasgui_under_a_strict_policy(served):
    status, _, headers, body = served.request("GET", "/")
    page = body.decode("utf-8")
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    policy = dict(part.strip().split(" ", 1) for part in headers["content-security-policy"].split(";"))
    assert policy["script-src"] == "'self'" and policy["connect-src"] == "'self'"
    assert policy["default-src"] == "'none'" and policy["form-action"] == "'none'"
    # no script runs but the two files of this server; the data block is JSON, which is not run
    assert re.findall(r"<script[^>]*>", page) == ['<script id="kg-data" type="application/json">',
                                                  '<script src="yasgui.min.js">', '<script src="kg-query.js">']
    assert not REMOTE.search(page)
    data = page_data(page)
    assert [q["name"] for q in data["questions"]] == sorted(f.stem for f in QUERIES.glob("*.rq"))
    attacks = next(q for q in data["questions"] if q["name"] == "03_attacks")
    assert attacks["params"] == [{"name": "target", "kind": "text", "description":
                                  "only the attacks on this asset, named by any of its labels in any language "
                                  "(e.g. Матильда)"}]
    assert data["query"].startswith("PREFIX ekg: <https://w3id.org/energy-kg/ont#>\n")
    assert data["prefixes"] == PREFIXES


def test_yasgui_files_are_the_oxigraph_servers(served):
    status, _, headers, body = served.request("GET", "/yasgui.min.js")
    assert status == 200 and headers["content-type"] == "application/javascript; charset=utf-8"
    assert body.startswith(b"/*! For license information please see yasgui.min.js.LICENSE.txt */")
    assert b"Yasgui" in body and len(body) > 500_000
    status, _, headers, body = served.request("GET", "/yasgui.min.css")
    assert status == 200 and headers["content-type"] == "text/css; charset=utf-8" and b".yasr" in body
    assert served.request("GET", "/kg-query.js")[3] == (TEMPLATES / "query.js").read_bytes()
    assert json.loads(served.request("GET", "/prefixes.json")[3]) == PREFIXES
    assert served.request("POST", "/yasgui.min.js", b"x")[0] == 405


def test_check_names_undeclared_prefixes_and_misspelt_terms(served):
    def check(text, headers=None):
        status, _, _, body = served.request("POST", "/check", text, {"Content-Type": "text/plain", **(headers or {})})
        return status, body.decode("utf-8")
    status, body = check("PREFIX e: <https://w3id.org/energy-kg/ont#>\n"
                         "SELECT * { ?x a e:Atack ; skos:prefLabel 'a:b' ; e:January ?j }")
    assert status == 200 and json.loads(body) == {
        "errors": ["Unknown prefix skos: add PREFIX skos: <http://www.w3.org/2004/02/skos/core#>"],
        "warnings": ["ekg:Atack is not in the ontology: it matches nothing (did you mean ekg:Attack?)"]}
    assert check("SELECT * { ?s ?p ?o }") == (200, '{"errors": [], "warnings": []}')
    assert check("ASK {}", {"Origin": "https://evil.example"})[0] == 403
    assert served.request("GET", "/check")[0] == 405


def test_an_undeclared_prefix_is_answered_with_the_line_to_add(served):
    status, _, _, body = served.query("SELECT * WHERE { ?x a ekg:Attack ; foo:bar ?y }", "application/sparql-results+json",
                                      "POST")
    assert (status, body.decode("utf-8")) == (400, "Unknown prefix ekg: add PREFIX ekg: <https://w3id.org/energy-kg/"
                                                   "ont#>; Unknown prefix foo: add PREFIX foo: <...> with its namespace\n")
    status, _, _, body = served.query("SELECT * WHERE {", "application/sparql-results+json")
    assert status == 400 and body.startswith(b"error at 1:")       # any other mistake: Oxigraph's own words


@pytest.mark.browser
def test_yasgui_runs_a_query_into_a_sortable_table_offline(served, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    requests, errors, console = [], [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.goto(served.url + "/")
    page.wait_for_function("window.kgQuery !== undefined")
    assert page.locator("#endpoint").inner_text() == served.url + "/query"
    assert page.evaluate("kgQuery.yasgui.getTab().getQuery()").startswith("PREFIX ekg: <https://w3id.org/energy-kg/")

    def run(query):
        page.evaluate("q => void kgQuery.yasgui.getTab().setQuery(q)", query)
        page.locator(".tabPanel.active .yasqe_queryButton").click()

    def column(n):
        return page.locator(f".tabPanel.active .yasr table.dataTable tbody td:nth-child({n})").all_inner_texts()

    run(Q)
    page.locator(".tabPanel.active .yasr table.dataTable tbody td").first.wait_for(timeout=30_000)
    assert page.locator(".tabPanel.active .yasr table.dataTable thead th").all_inner_texts()[1:] == ["label", "role"]
    assert [t.split("@")[0].strip('"') for t in column(2)] == ["Матильда", "Украина"]
    assert column(3) == ["ekg:target", "ekg:agent"]           # IRIs shortened by the project's prefixes
    header = page.locator(".tabPanel.active .yasr table.dataTable thead th", has_text="label")

    def sort(order):
        """Click the header until DataTables says it sorts so (it cycles: none, ascending, descending)."""
        for _ in range(6):
            if header.get_attribute("aria-sort") == order:
                return [t.split("@")[0].strip('"') for t in column(2)]
            header.click()
            page.wait_for_timeout(200)
        raise AssertionError(f"the table was never sorted {order}")

    assert sort("ascending") == ["Матильда", "Украина"]
    assert sort("descending") == ["Украина", "Матильда"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "query-yasgui.png"))
    # a misspelt class: a warning over the empty table
    run("PREFIX ekg: <https://w3id.org/energy-kg/ont#>\nSELECT * WHERE { ?x a ekg:Tankr }")
    page.locator("#notes .warning").wait_for(timeout=30_000)
    assert page.locator("#notes").inner_text() == (
        "Warning: ekg:Tankr is not in the ontology: it matches nothing (did you mean ekg:Tanker?)")
    # a missing prefix: said before the answer, and in it
    run("SELECT * WHERE { ?x a ekg:Tanker }")
    page.locator("#notes .error").wait_for(timeout=30_000)
    assert page.locator("#notes").inner_text() == "Unknown prefix ekg: add PREFIX ekg: <https://w3id.org/energy-kg/ont#>"
    page.locator(".tabPanel.active .yasr", has_text="Unknown prefix ekg: add PREFIX").wait_for(timeout=30_000)
    page.screenshot(path=str(SHOTS / "query-yasgui-prefix.png"))
    # a saved question in a tab of its own, answered from this server
    page.select_option("#questions", label=next(o for o in page.locator("#questions option").all_inner_texts()
                                                 if o.startswith("03_attacks: ")))
    assert page.evaluate("kgQuery.yasgui.getTab().getName()") == "03_attacks"
    assert page.evaluate("kgQuery.yasgui.getTab().getEndpoint()") == served.url + "/query"
    page.locator(".tabPanel.active .yasqe_queryButton").click()
    page.locator(".tabPanel.active .yasr table.dataTable tbody td").first.wait_for(timeout=30_000)
    assert page.locator(".tabPanel.active .yasr table.dataTable thead th").all_inner_texts()[1:4] == [
        "asset", "class", "date"]
    assert [u for u in requests if not u.startswith(served.url + "/") and not u.startswith("data:")] == []
    assert errors == []
    assert [m for m in console if "status of 400" not in m] == []   # the 400 is the undeclared prefix's, above
    page.close()


@pytest.mark.browser
def test_typing_completes_ontology_names_and_declares_their_prefix(served, browser):
    """Completion from the ontology and the project's prefixes, not from LOV or prefix.cc (both remote)."""
    page = browser.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(served.url + "/")
    page.wait_for_function("window.kgQuery !== undefined")
    page.evaluate("void kgQuery.yasgui.getTab().setQuery('SELECT * WHERE { ?x a ')")
    page.locator(".tabPanel.active .CodeMirror").click()
    page.keyboard.press("Control+End")
    page.keyboard.type("ekg:Tan", delay=50)
    page.locator(".CodeMirror-hints li").first.wait_for(timeout=10_000)
    assert page.locator(".CodeMirror-hints li").all_inner_texts() == ["ekg:Tanker"]
    page.keyboard.press("Enter")
    assert page.evaluate("kgQuery.yasgui.getTab().getQuery()") == (
        "PREFIX ekg: <https://w3id.org/energy-kg/ont#>\nSELECT * WHERE { ?x a ekg:Tanker")
    assert [u for u in requests if not u.startswith(served.url + "/") and not u.startswith("data:")] == []
    assert served.url + "/prefixes.json" in requests
    page.close()


def test_prepare_puts_parameters_in_a_saved_question_as_sparql_terms(served):
    def prepare(asked, headers=None):
        status, _, _, body = served.request("POST", "/prepare", json.dumps(asked),
                                            {"Content-Type": "application/json", **(headers or {})})
        return status, body.decode("utf-8")
    status, body = prepare({"name": "03_attacks", "params": {"target": 'x" } ?s ?p ?o { "'}})
    assert status == 200
    assert 'VALUES ?target { "x\\" } ?s ?p ?o { \\"" }' in json.loads(body)["query"]
    status, body = prepare({"name": "10_events_in_period", "params": {"since": "2026-01-01", "until": ""}})
    query = json.loads(body)["query"]
    assert 'VALUES ?since { "2026-01-01"^^<http://www.w3.org/2001/XMLSchema#date> }' in query
    assert "VALUES ?until { UNDEF }" in query                        # an empty field: every value
    assert prepare({"name": "10_events_in_period", "params": {"since": "1 January"}}) == (
        400, "parameter since: '1 January' is not a date (YYYY-MM-DD): Invalid isoformat string: '1 January'\n")
    assert prepare({"name": "nothere"}) == (400, "no saved question 'nothere'\n")
    assert prepare({"name": ["03_attacks"]})[0] == 400 and prepare("03_attacks")[0] == 400
    assert prepare({"name": "03_attacks"}, {"Origin": "https://evil.example"})[0] == 403
    assert served.request("GET", "/prepare")[0] == 405


@pytest.mark.browser
def test_a_saved_questions_parameters_are_fields_of_its_tab(served, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(served.url + "/")
    page.wait_for_function("window.kgQuery !== undefined")
    assert page.locator("#params").is_hidden()
    options = page.locator("#questions option").all_inner_texts()
    page.select_option("#questions", label=next(o for o in options if o.startswith("03_attacks: ")))
    assert page.locator("#params label").all_inner_texts() == ["target"]
    page.locator("#params input[name=target]").fill("матильда")
    page.locator("#params-ask").click()
    page.locator(".tabPanel.active .yasr table.dataTable tbody td:nth-child(2)").first.wait_for(timeout=30_000)
    assert 'VALUES ?target { "матильда" }' in page.evaluate("kgQuery.yasgui.getTab().getQuery()")
    assert {t.split("@")[0].strip('"') for t in page.locator(
        ".tabPanel.active .yasr table.dataTable tbody td:nth-child(2)").all_inner_texts()} == {"Матильда"}
    page.screenshot(path=str(SHOTS / "query-yasgui-parameters.png"))
    page.locator("#params input[name=target]").fill("")
    page.locator(".tabsList a", has_text="Query").first.click()      # a tab of no question: no fields
    assert page.locator("#params").is_hidden()
    assert errors == []
    page.close()
