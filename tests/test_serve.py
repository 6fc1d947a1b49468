"""`kg serve` as a user runs it: a real subprocess on a free loopback port with Oxigraph's real server
behind it, asked over real sockets by SPARQLWrapper, http.client and headless chromium. No mocks.
Each server starts once per module; the tests are marked `server` (see pyproject.toml)."""
from __future__ import annotations

import csv
import http.client
import io
import json
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import quote, urlencode

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from SPARQLWrapper import CSV, JSON, POST, TSV, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import EndPointInternalError, URITooLong

from kg.query import json_term
from kg.serve import free_port
from kg.stores import open_store
from kg_fixtures import EKG, EKGR, stored
from test_kg_view import REMOTE, page_data
from test_view_browser import SHOTS

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "ontology" / "queries"
TIMEOUT = 2   # seconds: the module's server stops queries early, so the timeout test is quick
PREFIXES = ("PREFIX ekg: <https://w3id.org/energy-kg/ont#>\n"
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n")
Q = PREFIXES + ("SELECT DISTINCT ?label ?role WHERE { ?e a ekg:Attack ; ?role ?x . "
                "?x skos:prefLabel ?label FILTER(lang(?label) = 'ru') } ORDER BY ?label")
ROWS = [("Матильда", EKG + "target"), ("Украина", EKG + "agent")]
CONSTRUCT = PREFIXES + "CONSTRUCT { ?e ekg:target ?t } WHERE { ?e ekg:target ?t }"
TARGET = (URIRef(EKGR + "doc/sample-1/event/1"), URIRef(EKG + "target"), URIRef(EKGR + "entity/matilda"))
EXPENSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"   # 1,500^3 rows to count
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


class Served:
    """One `kg serve` process, its base URL and its log (stdout and stderr)."""

    def __init__(self, store: Path, log: Path, *options: str):
        self.store, self.log = store, log
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        with open(log, "w") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "kg.cli", "serve", "--store", str(store), "--port", str(self.port), *options],
                stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        deadline = time.monotonic() + 90
        while True:
            if self.proc.poll() is not None:
                pytest.fail(f"kg serve exited with {self.proc.returncode}:\n{self.output()}")
            try:
                if self.request("GET", "/")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.stop(signal.SIGKILL)
                pytest.fail(f"kg serve did not answer:\n{self.output()}")
            time.sleep(0.1)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def request(self, method: str, path: str, body: bytes | str | None = None, headers: dict | None = None):
        """(status, reason, headers, body) of one request, on its own connection."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.request(method, path, body=body.encode("utf-8") if isinstance(body, str) else body,
                         headers=headers or {})
            resp = conn.getresponse()
            return resp.status, resp.reason, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
        finally:
            conn.close()

    def query(self, sparql: str, accept: str, method: str = "GET"):
        if method == "GET":
            return self.request("GET", "/query?" + urlencode({"query": sparql}), headers={"Accept": accept})
        return self.request("POST", "/query", urlencode({"query": sparql}),
                            {"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})

    def wrapper(self, sparql: str, fmt=JSON, method=None) -> SPARQLWrapper:
        w = SPARQLWrapper(self.url + "/query", updateEndpoint=self.url + "/update")
        w.setQuery(sparql)
        w.setReturnFormat(fmt)
        if method:
            w.setMethod(method)
        return w

    def stop(self, sig=signal.SIGTERM) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise


def make_store(path: Path) -> Path:
    """The hand-made document and the ontology, as `kg build` would store them (no NLP, fast)."""
    store = stored(path)
    store.close()
    del store
    return path


def triples_in(served: Served) -> int:
    """The number of triples in the named graphs of the served store."""
    status, _, _, body = served.query(COUNT, "text/csv")
    assert status == 200, body
    return int(body.decode().split()[1])


@pytest.fixture(scope="module")
def small_store(tmp_path_factory) -> Path:
    return make_store(tmp_path_factory.mktemp("serve") / "store")


@pytest.fixture(scope="module")
def served(small_store, tmp_path_factory):
    s = Served(small_store, tmp_path_factory.mktemp("log") / "serve.log", "--timeout", str(TIMEOUT),
               "--max-result", "1")
    yield s
    assert s.stop() == 0, s.output()
    assert "Traceback" not in s.output()


@pytest.fixture(scope="module")
def writable(small_store, tmp_path_factory):
    copy = tmp_path_factory.mktemp("writable") / "store"
    shutil.copytree(small_store, copy)
    s = Served(copy, copy.parent / "serve.log", "--writable", "--cors")
    yield s
    assert s.stop() == 0, s.output()


# ------------------------------------------------------------------ answers and formats

@pytest.mark.server
def test_select_in_every_format_by_accept(served):
    status, _, headers, body = served.query(Q, "application/sparql-results+json")
    assert status == 200 and headers["content-type"] == "application/sparql-results+json"
    assert json.loads(body) == {"head": {"vars": ["label", "role"]}, "results": {"bindings": [
        {"label": {"type": "literal", "value": label, "xml:lang": "ru"}, "role": {"type": "uri", "value": role}}
        for label, role in ROWS]}}

    status, _, headers, body = served.query(Q, "application/sparql-results+xml")
    assert status == 200 and headers["content-type"] == "application/sparql-results+xml"
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    results = ET.fromstring(body).findall("r:results/r:result", ns)
    assert [(r.find("r:binding[@name='label']/r:literal", ns).text, r.find("r:binding[@name='role']/r:uri", ns).text)
            for r in results] == ROWS

    status, _, headers, body = served.query(Q, "text/csv")
    assert status == 200 and headers["content-type"] == "text/csv; charset=utf-8"
    assert body.decode("utf-8") == "label,role\r\n" + "".join(f"{label},{role}\r\n" for label, role in ROWS)

    status, _, headers, body = served.query(Q, "text/tab-separated-values")
    assert status == 200 and headers["content-type"] == "text/tab-separated-values; charset=utf-8"
    assert body.decode("utf-8") == "?label\t?role\n" + "".join(f'"{label}"@ru\t<{role}>\n' for label, role in ROWS)


@pytest.mark.server
def test_get_and_post_give_the_same_answer(served):
    get = served.query(Q, "text/csv", "GET")
    post = served.query(Q, "text/csv", "POST")
    direct = served.request("POST", "/query", Q, {"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert get[0] == post[0] == direct[0] == 200
    assert get[3] == post[3] == direct[3]


@pytest.mark.server
def test_sparqlwrapper_get_and_post(served):
    for method in (None, POST):
        result = served.wrapper(Q, JSON, method).query().convert()
        assert [(b["label"]["value"], b["role"]["value"]) for b in result["results"]["bindings"]] == ROWS
    assert served.wrapper(Q, CSV).query().convert().decode("utf-8").splitlines()[1] == f"{ROWS[0][0]},{ROWS[0][1]}"
    assert served.wrapper(Q, TSV, POST).query().convert().decode("utf-8").splitlines()[2] == f'"{ROWS[1][0]}"@ru\t<{ROWS[1][1]}>'
    doc = served.wrapper(Q, XML).query().convert()   # a DOM document
    assert [u.firstChild.data for u in doc.getElementsByTagName("uri")] == [role for _, role in ROWS]
    assert served.wrapper(PREFIXES + "ASK { ?e a ekg:Attack }").query().convert() == {"head": {}, "boolean": True}
    assert served.wrapper(PREFIXES + "ASK { ?e a ekg:Seizure }").query().convert()["boolean"] is False


@pytest.mark.server
def test_construct_as_turtle_and_json_ld(served):
    status, _, headers, body = served.query(CONSTRUCT, "text/turtle")
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    assert set(Graph().parse(data=body.decode("utf-8"), format="turtle")) == {TARGET}
    status, _, headers, body = served.query(CONSTRUCT, "application/ld+json", "POST")
    assert status == 200 and headers["content-type"].startswith("application/ld+json")
    assert set(Graph().parse(data=body.decode("utf-8"), format="json-ld")) == {TARGET}


@pytest.mark.server
def test_default_graph_is_the_union_of_the_documents(served):
    """No GRAPH in the query, yet the document's triples answer it (as `kg query`)."""
    status, _, _, body = served.query(PREFIXES + "SELECT (COUNT(*) AS ?n) WHERE { ?e a ekg:Attack }", "text/csv")
    assert (status, body) == (200, b"n\r\n1\r\n")


@pytest.mark.server
def test_bad_query_is_a_400_with_oxigraph_s_message(served):
    status, _, _, body = served.query("SELECT ?x WHERE { ?x", "application/sparql-results+json")
    assert status == 400 and body.decode().startswith("error at 1:")


@pytest.mark.server
def test_competency_questions_on_the_seed(seed_store, tmp_path):
    """Every competency question gives over HTTP exactly the rows `kg query` gives."""
    s = Served(seed_store, tmp_path / "serve.log")
    try:
        store = open_store(seed_store, read_only=True)
        for f in sorted(QUERIES.glob("*.rq")):
            text = f.read_text(encoding="utf-8")
            got = s.wrapper(text, JSON, POST).query().convert()
            result = store.query(text)
            names = [v.value for v in result.variables]
            expected = [{n: json_term(row[n]) for n in names if row[n] is not None} for row in result]
            assert got["head"]["vars"] == names, f.name
            key = lambda row: json.dumps(row, sort_keys=True, ensure_ascii=False)  # noqa: E731
            assert sorted(got["results"]["bindings"], key=key) == sorted(expected, key=key), f.name
            assert expected, f"{f.name} has no answer on the seed"
        cq1 = s.wrapper((QUERIES / "01_who_is_bakayev.rq").read_text(encoding="utf-8"), CSV).query().convert()
        header, row = csv.reader(io.StringIO(cq1.decode("utf-8")))
        assert header == ["class", "label_ru", "label_en", "title", "of", "sentence"]
        assert row[:5] == ["Person", "Алибек Бакаев", "Alibek Bakayev", "заместитель министра иностранных дел Казахстана",
                           "Kazakhstan"]
        assert row[5].startswith("Об этом заявил заместитель министра иностранных дел Казахстана Алибек Бакаев")
    finally:
        assert s.stop() == 0, s.output()


# ------------------------------------------------------------------ read-only, writable

@pytest.mark.server
def test_update_refused_when_read_only(served, small_store):
    before = triples_in(served)
    insert = "INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }"
    status, _, _, body = served.request("POST", "/update", urlencode({"update": insert}),
                                        {"Content-Type": "application/x-www-form-urlencoded"})
    assert (status, body) == (403, b"the store is served read-only: /update needs `kg serve --writable`\n")
    status, _, _, _ = served.request("POST", "/update", insert, {"Content-Type": "application/sparql-update"})
    assert status == 403
    status, _, _, _ = served.request("PUT", "/store?graph=urn:x", "<urn:a> <urn:b> <urn:c> .",
                                     {"Content-Type": "application/n-triples"})
    assert status == 403
    status, _, _, _ = served.request("POST", "/query", urlencode({"update": insert}),   # an update is no query
                                     {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 400
    w = served.wrapper(insert)
    w.setMethod(POST)
    with pytest.raises(urllib.error.HTTPError) as refused:
        w.query()
    assert refused.value.code == 403
    assert triples_in(served) == before
    store = open_store(small_store, read_only=True)
    assert list(store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode("urn:x"))) == []


@pytest.mark.server
def test_update_accepted_when_writable(writable):
    """Queries read the store's merge (the default graph), as `kg query` does: a triple written there is
    answered at once; one written to a named graph is in that graph (and answered with GRAPH)."""
    before = triples_in(writable)
    w = writable.wrapper("INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> 'c' } . <urn:a> <urn:b> 'd' }")
    w.setMethod(POST)
    w.query()
    assert triples_in(writable) == before + 1
    status, _, headers, body = writable.request("GET", "/store?graph=urn:x", headers={"Accept": "application/n-triples"})
    assert (status, body) == (200, b'<urn:a> <urn:b> "c" .\n')
    status, _, _, _ = writable.request("POST", "/update",
                                       urlencode({"update": "DROP GRAPH <urn:x> ; DELETE DATA { <urn:a> <urn:b> 'd' }"}),
                                       {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 204 and triples_in(writable) == before


# ------------------------------------------------------------------ pages

@pytest.mark.server
def test_form_page(served, writable):
    """The plain form, at /form beside the YASGUI page (tests/test_serve_yasgui.py)."""
    status, _, headers, body = served.request("GET", "/form")
    page = body.decode("utf-8")
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    assert "default-src 'none'" in headers["content-security-policy"]
    assert '<textarea id="sparql"' in page and 'fetch(kind' in page
    data = json.loads(page.split('<script id="kg-data" type="application/json">')[1].split("</script>")[0])
    assert [e["name"] for e in data["examples"]] == sorted(f.name for f in QUERIES.glob("*.rq"))
    assert data["examples"][0]["question"].startswith("Who is Alibek Bakayev?")
    assert data["query"].startswith("PREFIX ekg: <https://w3id.org/energy-kg/ont#>\n")
    assert data["writable"] is False and "Run as update" not in page
    assert not REMOTE.search(page)
    assert '<button id="update" type="button">Run as update</button>' in writable.request("GET", "/form")[3].decode()


@pytest.mark.server
def test_view_page(served):
    status, _, headers, body = served.request("GET", "/view")
    page = body.decode("utf-8")
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    assert not REMOTE.search(page)
    labels = {n["kg"]["label_ru"] for n in page_data(page)["nodes"]}
    assert {"Матильда", "Украина", "Алибек Бакаев"} <= labels
    nodes = {n["kg"]["label_ru"]: n["kg"] for n in page_data(page)["nodes"]}
    assert nodes["Украина"]["geo"] == [49.1482, 31.2291] and nodes["Атака"]["when"]["begin"] == "2026-01-13"


@pytest.mark.server
def test_unknown_path_and_method(served):
    assert served.request("GET", "/sparql")[0] == 404
    status, _, headers, body = served.request("POST", "/view", b"x")
    assert status == 405 and headers["allow"] == "GET, HEAD"


# ------------------------------------------------------------------ limits

@pytest.mark.server
def test_oversized_body_is_refused_before_forwarding(served):
    status, reason, _, body = served.request("POST", "/query", b"q" * (1024 * 1024 + 1),
                                             {"Content-Type": "application/sparql-query"})
    assert status == 413
    assert body.decode().startswith("the request body is larger than 1 MB, the most kg serve accepts")
    assert served.query(Q, "text/csv")[0] == 200


@pytest.mark.server
def test_oversized_url_is_refused(served):
    long_query = Q + "#" + "x" * 70_000
    status, _, _, body = served.query(long_query, "text/csv", "GET")
    assert status == 414 and body.decode().startswith("the request line is longer than 64 KB: send long queries with POST")
    with pytest.raises(URITooLong):
        served.wrapper(long_query).query()
    assert served.query(long_query, "text/csv", "POST")[0] == 200   # as the message says


@pytest.mark.server
def test_query_stopped_at_the_time_limit(served):
    status, reason, headers, body = served.query(EXPENSIVE, "application/sparql-results+json", "POST")
    assert (status, reason) == (503, "Query Timeout")
    assert body.decode() == (f"the query was stopped at the time limit of {TIMEOUT} s (kg serve --timeout): "
                             "narrow it (more specific patterns, LIMIT) or raise the limit\n")
    assert served.query(Q, "text/csv")[0] == 200


@pytest.mark.server
def test_answer_over_the_size_limit(served):
    big = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 20000"
    status, reason, _, body = served.query(big, "application/sparql-results+json", "POST")
    assert (status, reason) == (500, "Result Too Large")
    assert body.decode().startswith("the answer is larger than 1 MB, the most kg serve sends (--max-result)")
    with pytest.raises(EndPointInternalError, match="larger than 1 MB"):
        served.wrapper(big, JSON, POST).query()
    assert served.query(big.replace("20000", "10"), "text/csv")[0] == 200


@pytest.mark.server
def test_other_origins_and_hosts_are_refused(served, writable):
    evil = {"Origin": "https://evil.example", "Content-Type": "application/x-www-form-urlencoded"}
    form = urlencode({"query": "ASK {}"})
    assert served.request("POST", "/query", form, evil)[0] == 403        # no --cors
    assert served.request("POST", "/query", form, {**evil, "Origin": served.url})[0] == 200   # its own page
    assert served.request("GET", "/", headers={"Host": f"evil.example:{served.port}"})[0] == 403
    assert served.request("GET", "/", headers={"Host": f"localhost:{served.port}"})[0] == 200
    # --cors: other pages may query (Oxigraph answers the preflight), never update
    status, _, headers, _ = writable.request("OPTIONS", "/query", headers={
        "Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert status == 204 and headers["access-control-allow-origin"] == "*"
    status, _, headers, body = writable.request("POST", "/query", form, {**evil, "Accept": "application/sparql-results+json"})
    assert status == 200 and headers["access-control-allow-origin"] == "*" and json.loads(body)["boolean"] is True
    update = urlencode({"update": "DROP ALL"})
    status, _, _, body = writable.request("POST", "/update", update, evil)
    assert status == 403 and b"never update" in body
    assert triples_in(writable) > 0


# ------------------------------------------------------------------ start and stop

@pytest.mark.server
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_signal_stops_the_server_and_oxigraph(small_store, tmp_path, sig):
    copy = tmp_path / "store"
    shutil.copytree(small_store, copy)
    s = Served(copy, tmp_path / "serve.log", "--writable")
    assert s.stop(sig) == 0
    assert s.output().splitlines()[-1] == "stopped"
    assert "Traceback" not in s.output()
    with pytest.raises(OSError):
        s.request("GET", "/")
    store = open_store(copy)   # for writing: Oxigraph has let go of the store's lock
    assert len(store.oxigraph) > 0


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "kg.cli", "serve", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


@pytest.mark.slow
def test_missing_store_is_one_line(tmp_path):
    r = run_cli("--store", str(tmp_path / "none"), "--port", str(free_port()))
    assert r.returncode == 1
    assert r.stderr == (f"error: no store at {tmp_path / 'none'} (build one first with `kg build`, "
                        "or pass --store / set KG_STORE)\n")


@pytest.mark.slow
def test_port_in_use_is_one_line(small_store):
    import socket
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        r = run_cli("--store", str(small_store), "--port", str(port))
    assert r.returncode == 1
    assert r.stderr == f"error: cannot listen on 127.0.0.1:{port}: the port is in use (choose another with --port)\n"


@pytest.mark.slow
def test_serving_imports_no_nlp(small_store):
    code = ("import sys; from kg.serve import check_query, form_page, our_files, query_page, view_page; "
            "from kg.stores import open_store; from kg.sparql_text import ontology_terms; "
            f"view_page(open_store({str(small_store)!r}, read_only=True)); "
            f"check_query('SELECT * {{ ?x a ekg:A }}', ontology_terms(open_store({str(small_store)!r}, read_only=True))); "
            "form_page(writable=False, timeout=30, max_result_mb=100); our_files(); "
            "query_page(writable=False, timeout=30, max_result_mb=100); "
            "print([m for m in ('spacy', 'natasha', 'rdflib', 'extract', 'extract.pipeline') if m in sys.modules])")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.stdout.splitlines() == ["[]"], proc.stderr


# ------------------------------------------------------------------ in a browser

@pytest.mark.browser
@pytest.mark.server
def test_query_form_in_a_browser(served, browser):
    page = browser.new_page()
    requests, errors, console = [], [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.goto(served.url + "/form")
    assert page.locator("#endpoint").inner_text() == served.url + "/query"
    page.locator("#sparql").fill(Q)
    page.locator("#run").click()
    page.locator("#results table").wait_for(timeout=30_000)
    assert page.locator("#status").inner_text().startswith("2 rows in ")
    assert page.locator("#results th").all_inner_texts() == ["label", "role"]
    assert page.locator("#results td").all_inner_texts() == ["Матильда@ru", "ekg:target", "Украина@ru", "ekg:agent"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "query-form.png"))
    # text from the store is shown, never run
    hostile = '<img src=x onerror="window.__pwned=1">'
    page.locator("#sparql").fill(f"SELECT ?x WHERE {{ BIND('{hostile}' AS ?x) }}")
    page.keyboard.press("Control+Enter")
    page.locator("#results td").wait_for(timeout=30_000)
    assert page.locator("#results td").inner_text() == hostile
    assert page.evaluate("window.__pwned === undefined") and page.locator("#results img").count() == 0
    # an example, and an error shown in words
    page.select_option("#examples", index=1)
    assert page.locator("#sparql").input_value().startswith("# CQ: Who is Alibek Bakayev?")
    page.locator("#sparql").fill("SELECT ?x WHERE {")
    page.locator("#run").click()
    page.locator("#status.error").wait_for(timeout=30_000)
    assert page.locator("#status").inner_text().startswith("400 Bad Request: error at 1:")
    page.locator("#sparql").fill(CONSTRUCT)
    page.select_option("#format", "turtle")
    page.locator("#run").click()
    page.locator("#results pre").wait_for(timeout=30_000)
    assert set(Graph().parse(data=page.locator("#results pre").inner_text(), format="turtle")) == {TARGET}
    # the network view from the same server draws under its content security policy
    page.goto(served.url + "/view")
    page.wait_for_function("window.kgView && kgView.isDrawn() && kgView.isStable()", timeout=60_000)
    assert page.evaluate("kgView.data.nodes.length") > 3
    assert [u for u in requests if not u.startswith((served.url + "/", "data:", "blob:"))] == []
    assert errors == []
    assert [m for m in console if "status of 400" not in m] == []   # the 400 is the bad query's, above
    page.close()


# ------------------------------------------------------------------ the view, per request (issue 19)

def test_view_page_reads_one_page_of_documents_or_the_documents_naming_the_focus(tmp_path):
    """The view is never the whole store: a page of `per_page` documents, in IRI order, or the last documents
    naming a node; past the last page or for a name no document has, ViewRequest(404)."""
    import copy

    from kg.serve import ViewRequest, view_page
    from kg_fixtures import sample_document
    other = copy.deepcopy(sample_document("sample-2", content_hash="h2"))
    other.entities = [e for e in other.entities if e.label_ru == "Украина"]
    other.mentions = [m for m in other.mentions if m.entity in {e.key for e in other.entities}]
    other.events, other.relations = [], []
    store = stored(tmp_path / "s", sample_document(), other)
    first = {n["kg"]["label_ru"] for n in page_data(view_page(store, page=1, per_page=1).decode())["nodes"]}
    second = page_data(view_page(store, page=2, per_page=1).decode())
    assert {"Матильда", "Алибек Бакаев"} <= first and "Украина" in first
    assert {n["kg"]["label_ru"] for n in second["nodes"]} == {"Украина"}
    assert second["title"]["en"].endswith(": documents 2–2 of 2 (page 2 of 2)")
    with pytest.raises(ViewRequest, match="page 3 of 2: the store has 2 documents") as stopped:
        view_page(store, page=3, per_page=1)
    assert stopped.value.status == 404
    around = page_data(view_page(store, focus="украина", hops=1).decode())
    assert [n["kg"]["label_ru"] for n in around["nodes"] if n["kg"].get("focus")] == ["Украина"]
    assert around["title"]["en"].endswith(": around украина (the last 2 documents naming it)")
    with pytest.raises(ViewRequest, match="no node is labelled or named 'Нигде'"):
        view_page(store, focus="Нигде")


def test_view_parameters_are_checked():
    from kg.serve import ViewRequest, view_params
    assert view_params("") == {"page": 1, "focus": None, "hops": 2, "query": None}
    assert view_params("page=3&focus=%D0%93%D0%B0%D0%B7%D0%BF%D1%80%D0%BE%D0%BC&hops=1") == {
        "page": 3, "focus": "Газпром", "hops": 1, "query": None}
    assert view_params("query=03_attacks")["query"] == "03_attacks"
    for bad, message in [("hops=9", "hops must be a whole number from 1 to 4"), ("page=0", "page must be"),
                         ("page=-1", "page must be"), ("focus=" + "я" * 201, "at most 200 characters"),
                         ("sparql=SELECT", "unknown parameter(s) sparql")]:
        with pytest.raises(ViewRequest, match=message.replace("(", r"\(").replace(")", r"\)")) as refused:
            view_params(bad)
        assert refused.value.status == 400


def test_view_of_a_query_reads_the_documents_naming_what_it_returns(tmp_path):
    """/view?query= draws what the query returns (as `kg view --query`), read from the documents naming it
    only; a saved question goes by its name; a file path is SPARQL text, never read; an ASK or a query that
    does not parse is a 400, one returning nothing a document names a 404."""
    import copy

    from kg.serve import ViewRequest, query_view, view_page
    from kg_fixtures import sample_document
    other = copy.deepcopy(sample_document("sample-2", content_hash="h2"))
    other.entities = [e for e in other.entities if e.label_ru == "Украина"]
    other.mentions = [m for m in other.mentions if m.entity in {e.key for e in other.entities}]
    other.events, other.relations = [], []
    store = stored(tmp_path / "s", sample_document(), other)
    ukraine = 'SELECT ?e WHERE { ?e skos:prefLabel "Украина"@ru }'
    _, name, graphs, answer = query_view(store, ukraine)
    assert name == "query" and graphs == sorted(store.documents(), reverse=True)
    assert answer.triples is None and sorted(answer.rows) == [[ox.NamedNode(EKGR + f"entity/{key}")]
                                                              for key in ("Ukraine", "ukraine")]   # one per document
    _, _, graphs, _ = query_view(store, 'SELECT ?l WHERE { ?e skos:prefLabel ?l FILTER(str(?l) = "Матильда") }')
    assert graphs == [d for d in store.documents() if "sample-2" not in d]    # a label stands for its node
    _, _, graphs, _ = query_view(store, 'SELECT ?l WHERE { VALUES ?l { "матильда" "УКРАИНА" "Атлантида" } }')
    assert graphs == sorted(store.documents(), reverse=True)     # each label, in one lookup, any case
    drawn = page_data(view_page(store, query=ukraine).decode())
    assert [n["kg"]["label_ru"] for n in drawn["nodes"]] == ["Украина"]
    assert drawn["title"]["en"].endswith(": query (the last 2 documents naming what it returns)")
    assert page_data(view_page(store, query="03_attacks").decode())["title"]["en"].endswith(
        ": 03_attacks (the last 2 documents naming what it returns)")
    for text, status, message in [("ASK { ?s ?p ?o }", 400, "an ASK query returns true or false"),
                                  ("SELECT ?x WHERE {", 400, "query:1:18: invalid SPARQL"),
                                  ("no_such_question", 400, "no_such_question: no such file or saved question"),
                                  ("/etc/passwd", 400, "query:1:10: invalid SPARQL: expected CONSTRUCT"),
                                  ('SELECT ?x WHERE { BIND(<http://example.org/none> AS ?x) }', 404,
                                   "query: no document names what the query returned"),
                                  ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", 403,
                                   "SERVICE refused: federated queries are off")]:
        with pytest.raises(ViewRequest) as refused:
            view_page(store, query=text)
        assert (refused.value.status, str(refused.value)[:len(message)]) == (status, message)


@pytest.mark.server
def test_view_is_built_per_request(served):
    """The server starts without the view; /view?focus= and ?page= are built when asked, with the page's CSP."""
    assert "network" in served.output()
    status, _, headers, body = served.request("GET", "/view?focus=%D0%A3%D0%BA%D1%80%D0%B0%D0%B8%D0%BD%D0%B0&hops=1")
    assert status == 200 and "script-src 'unsafe-inline'" in headers["content-security-policy"]
    assert [n["kg"]["label_ru"] for n in page_data(body.decode())["nodes"] if n["kg"].get("focus")] == ["Украина"]
    assert served.request("GET", "/view?page=2")[0] == 404
    assert served.request("GET", "/view?hops=0")[0] == 400
    assert served.request("GET", "/view?focus=nothing-of-the-kind")[0] == 404
    from urllib.parse import quote
    status, _, headers, body = served.request(
        "GET", "/view?query=" + quote('SELECT ?e WHERE { ?e skos:prefLabel "Украина"@ru }'))
    assert status == 200 and "script-src 'unsafe-inline'" in headers["content-security-policy"]
    assert [n["kg"]["label_ru"] for n in page_data(body.decode())["nodes"]] == ["Украина"]
    status, _, _, body = served.request("GET", "/view?query=" + quote("ASK { ?s ?p ?o }"))
    assert status == 400 and body.decode().startswith("an ASK query returns true or false")
    status, _, _, body = served.request(     # as /query refuses it: the front would make the call itself
        "GET", "/view?query=" + quote("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"))
    assert status == 403 and body.decode().startswith("SERVICE refused")
    status, _, _, body = served.request("GET", "/view?query=no_such_question")
    assert status == 400 and body.decode().startswith("no_such_question: no such file or saved question")
    status, _, _, body = served.request("GET", "/view?query=" + quote("SELECT ?x WHERE {"))
    assert status == 400 and body.decode().startswith("query:1:18: invalid SPARQL")
    status, _, _, body = served.request(
        "GET", "/view?query=" + quote("SELECT ?x WHERE { BIND(<http://example.org/none> AS ?x) }"))
    assert status == 404 and body.decode().startswith("query: no document names what the query returned")


@pytest.mark.server
def test_view_of_a_query_is_stopped_at_the_time_limit(served):
    """/view?query= runs its query in an Oxigraph child as /query does: one past --timeout is stopped with
    /query's status, and the server (the view too) answers afterwards; a CONSTRUCT is drawn from the child's
    triples."""
    from urllib.parse import quote
    started = time.monotonic()
    status, reason, _, body = served.request("GET", "/view?query=" + quote(EXPENSIVE))
    assert time.monotonic() - started < TIMEOUT + 10
    assert (status, reason) == (503, "Query Timeout")
    assert body.decode() == (f"the query was stopped at the time limit of {TIMEOUT} s (kg serve --timeout): "
                             "narrow it (more specific patterns, LIMIT) or raise the limit\n")
    assert served.query(Q, "text/csv")[0] == 200
    status, _, _, body = served.request("GET", "/view?query=" + quote(CONSTRUCT))
    drawn = page_data(body.decode())
    assert status == 200 and sorted(n["kg"]["label_ru"] for n in drawn["nodes"]) == ["Атака", "Матильда"]
    assert len(drawn["edges"]) == 1


@pytest.mark.server
def test_view_lookups_after_its_query_are_stopped_at_the_time_limit(small_store, tmp_path):
    """The lookups /view?query= makes after its query (the nodes labelled as a returned literal, the documents
    naming them) run in an Oxigraph child under the same limits: one that outlasts --timeout (here the label
    lookup, sent as a query that counts 1,500^3 rows, as a large store's label scan would take long) is stopped
    with /query's status and message, not left running in the front with the view's lock held; the next view is
    drawn. Before, they ran on the front's own store, unlimited."""
    from urllib.parse import parse_qs

    from kg.serve import Front, Pool, ViewRequest, view_params
    front = Front("127.0.0.1", 0, writable=False, cors=False, max_result_mb=1, timeout=TIMEOUT)
    pool = Pool(1, store=small_store, writable=False, timeout=TIMEOUT, cors=False)
    sent, slow = [], [True]
    exchange = front.exchange

    def slow_label_lookup(method, target, headers, body):
        query = parse_qs(body.decode())["query"][0]
        sent.append(query)
        if slow[0] and 'replace(lcase(str(?l)), "ё", "е")' in query:    # kg.serve.labelled's lookup
            body = urlencode({"query": EXPENSIVE}).encode()
        return exchange(method, target, headers, body)
    front.exchange = slow_label_lookup
    try:
        pool.start()
        front.pool = pool
        started = time.monotonic()
        with pytest.raises(ViewRequest) as stopped:
            front.view(**view_params("query=" + quote('SELECT ?l WHERE { ?e skos:prefLabel ?l '
                                                      'FILTER(str(?l) = "Матильда") }')))
        assert time.monotonic() - started < TIMEOUT + 10
        assert (stopped.value.status, stopped.value.reason, str(stopped.value)) == (
            503, "Query Timeout", f"the query was stopped at the time limit of {TIMEOUT} s (kg serve --timeout): "
                                  "narrow it (more specific patterns, LIMIT) or raise the limit")
        assert len(sent) == 2            # the query, then the label lookup, each in a child
        slow[0] = False
        drawn = page_data(front.view(**view_params("focus=" + quote("Украина") + "&hops=1")).decode())
        assert [n["kg"]["label_ru"] for n in drawn["nodes"] if n["kg"].get("focus")] == ["Украина"]
        # the focus's label lookup, its documents, then the network read from them: every query in a child
        assert 'replace(lcase(str(?l)), "ё", "е")' in sent[2] and "ORDER BY DESC(?g)" in sent[3]
        scoped = [q for q in sent[4:] if "GRAPH ?g" not in q and "BIND(<https://w3id.org/energy-kg/id/doc/" in q]
        assert len(scoped) == 13         # the network's reads of document graphs: one query each, not one a graph
    finally:
        pool.stop()
        front.server_close()


@pytest.mark.server
def test_a_writable_server_serves_the_first_page_made_at_start_up(writable):
    """Reading the store while its Oxigraph writes is undefined: the page made before it started, nothing else."""
    status, _, _, body = writable.request("GET", "/view")
    assert status == 200 and "Алибек Бакаев" in {n["kg"]["label_ru"] for n in page_data(body.decode())["nodes"]}
    status, _, _, body = writable.request("GET", "/view?page=2")
    assert status == 409 and body.decode().startswith("with --writable the view is the first page")
