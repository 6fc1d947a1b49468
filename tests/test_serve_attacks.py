"""Attacks on the endpoint (issue 15), each against a real `kg serve` with Oxigraph's real server behind
it, on free loopback ports, and where a browser is the attacker, headless chromium on a page of another
origin. A listener on another port stands for what an attacker wants to reach (SERVICE, SSRF)."""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, urlencode

import psutil
import pytest

from kg.serve import free_port
from test_serve import ROOT, Served, make_store, triples_in

TIMEOUT = 2      # --timeout of the servers here
MARGIN = 2.5     # seconds past it within which a stopped query must be answered
JSON = "application/sparql-results+json"
ASK = "ASK { ?s ?p ?o }"
# The query of issue 15: two copies of the store joined and sorted, which Oxigraph's own time limit does
# not stop (it checks no time while sorting); three copies: billions of rows, memory growing ~100 MB/s.
RUNAWAY = "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?a ?d LIMIT 1"
GREEDY = "SELECT ?a ?d ?g WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g LIMIT 1"
# A runaway query is stopped by the time limit or, on a fast machine, by the memory limit (default 1024 MB) first.
STOPPED = {(503, "Query Timeout"), (503, "Query Too Large")}
INSERT = "INSERT DATA { GRAPH <urn:attack> { <urn:a> <urn:b> <urn:c> } }"
FROM_LISTENER = {"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal", "value": "listened"}}]}}


class Listener(ThreadingHTTPServer):
    """Records every request; answers SPARQL JSON (as a SPARQL endpoint would), or a page at /attack.html."""
    daemon_threads = True

    def __init__(self):
        self.requests: list[tuple[str, str]] = []
        self.page = b""
        super().__init__(("127.0.0.1", 0), ListenerHandler)
        self.url = f"http://127.0.0.1:{self.server_address[1]}"
        threading.Thread(target=self.serve_forever, daemon=True).start()


class ListenerHandler(BaseHTTPRequestHandler):
    server: Listener

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        if self.path == "/attack.html":
            body, kind = self.server.page, "text/html"
        else:
            self.server.requests.append((self.command, self.path))
            body, kind = json.dumps(FROM_LISTENER).encode(), JSON
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return make_store(tmp_path_factory.mktemp("attacks") / "store")


@pytest.fixture(scope="module")
def served(store, tmp_path_factory):
    s = Served(store, tmp_path_factory.mktemp("log") / "serve.log", "--timeout", str(TIMEOUT))
    yield s
    assert s.stop() == 0, s.output()
    assert "Traceback" not in s.output()


@pytest.fixture(scope="module")
def listener():
    server = Listener()
    yield server
    server.shutdown()


@pytest.fixture()
def writable(store, tmp_path):
    copy = tmp_path / "store"
    shutil.copytree(store, copy)
    s = Served(copy, tmp_path / "serve.log", "--writable")
    yield s
    assert s.stop() == 0, s.output()


def children(served: Served) -> dict[int, list[int]]:
    """The Oxigraph processes behind a server: pid -> the ports it listens on."""
    found = {}
    for child in psutil.Process(served.proc.pid).children():
        try:
            found[child.pid] = [c.laddr.port for c in child.net_connections("tcp") if c.status == psutil.CONN_LISTEN]
        except psutil.NoSuchProcess:
            pass
    return found


def timed(served: Served, sparql: str, method: str = "POST"):
    started = time.monotonic()
    status, reason, _, body = served.query(sparql, JSON, method)
    return status, reason, body.decode("utf-8", "replace"), time.monotonic() - started


# ------------------------------------------------------------------ writes

@pytest.mark.server
def test_writes_refused_when_read_only(served):
    before = triples_in(served)
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    assert served.request("POST", "/update", urlencode({"update": INSERT}), form)[0] == 403
    assert served.request("POST", "/update", INSERT, {"Content-Type": "application/sparql-update"})[0] == 403
    assert served.request("PUT", "/store?graph=urn:attack", "<urn:a> <urn:b> <urn:c> .",
                          {"Content-Type": "application/n-triples"})[0] == 403
    assert served.request("POST", "/query", urlencode({"update": INSERT}), form)[0] == 400
    assert triples_in(served) == before


# ------------------------------------------------------------------ SERVICE (SSRF)

@pytest.mark.server
def test_service_refused(served, listener, writable):
    target = f"{listener.url}/anything?token=abc"
    attempts = [
        f"SELECT * WHERE {{ SERVICE <{target}> {{ ?x ?y ?z }} }}",
        f"SELECT * WHERE {{ SERVICE SILENT <{target}> {{ ?x ?y ?z }} }}",
        f"select * where {{ \\u0053ERVICE <{target}> {{ ?x ?y ?z }} }}",   # as SPARQL 1.1 allows (not Oxigraph)
        f"PREFIX t: <{listener.url}/> SELECT * WHERE {{ SERVICE t:x {{ ?x ?y ?z }} }}",
        f"BASE <{listener.url}/> SELECT * WHERE {{ SERVICE <rel> {{ ?x ?y ?z }} }}",
        f"PREFIX e: <urn:e#> SELECT * WHERE {{ ?s e:a\\' ?o . SERVICE <{target}> {{ ?x ?y ?z }} FILTER(?o != 'x') }}",
        "SELECT * WHERE { BIND(<%s> AS ?s) SERVICE ?s { ?x ?y ?z } }" % target,
    ]
    for sparql in attempts:
        for method in ("GET", "POST"):
            status, reason, body, _ = timed(served, sparql, method)
            assert (status, reason) == (403, "Service Refused"), (sparql, body)
            assert "federated queries are off unless kg serve is started with --allow-service" in body
    status, _, _, body = served.request("POST", "/query", attempts[0], {"Content-Type": "application/sparql-query"})
    assert status == 403, body
    update = f"INSERT {{ ?x ?y ?z }} WHERE {{ SERVICE <{target}> {{ ?x ?y ?z }} }}"
    status, _, _, body = writable.request("POST", "/update", urlencode({"update": update}),
                                          {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403, body
    assert listener.requests == []
    # the word alone is no federated query
    status, _, body, _ = timed(served, "SELECT ?service WHERE { BIND('customer service' AS ?service) } # SERVICE")
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["service"]["value"] == "customer service"


@pytest.mark.server
def test_service_allowed_for_a_host_and_failing_mid_answer(store, listener, tmp_path):
    s = Served(store, tmp_path / "serve.log", "--timeout", str(TIMEOUT), "--allow-service", "127.0.0.1")
    try:
        status, _, body, _ = timed(s, f"SELECT ?x WHERE {{ SERVICE <{listener.url}/sparql> {{ ?x ?y ?z }} }}")
        assert status == 200 and json.loads(body) == FROM_LISTENER
        assert listener.requests[-1][1].startswith("/sparql")
        status, _, _, _ = timed(s, "SELECT ?x WHERE { SERVICE <http://localhost.example/sparql> { ?x ?y ?z } }")
        assert status == 403
        # Oxigraph has sent "200 OK" before the service fails: the client gets an error status all the same
        closed = f"http://127.0.0.1:{free_port()}/sparql"
        union = f"SELECT * WHERE {{ {{ ?x ?y ?z }} UNION {{ SERVICE <{closed}> {{ ?x ?y ?z }} }} }}"
        status, reason, body, _ = timed(s, union)
        assert (status, reason) == (500, "Query Failed"), body
        assert body.startswith("the query failed while its answer was being written: ")
    finally:
        assert s.stop() == 0, s.output()


# Port 1: Oxigraph's SERVICE client refuses it without connecting, and says so, so the query shows whether
# Oxigraph itself would have called the service.
SERVICE_CASES = [
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?x ?y ?z } }", True),
    ("SELECT * WHERE { ?s ?p ?o .SERVICE<http://127.0.0.1:1/>{ ?x ?y ?z } }", True),          # no spaces
    ("SELECT * WHERE { ?s <http://x/it's> ?o . SERVICE <http://127.0.0.1:1/> { ?x ?y ?z } }", True),  # ' in an IRI
    ("SELECT * WHERE { ?s ?p '#' . SERVICE <http://127.0.0.1:1/> { ?x ?y ?z } }", True),     # '#' in a string
    ("INSERT { ?x ?y ?z } WHERE { SERVICE <http://127.0.0.1:1/> { ?x ?y ?z } }", True),
    ("SELECT * WHERE { ?s ?p 'SERVICE <http://127.0.0.1:1/> {}' }", False),                  # only text
    ("SELECT * WHERE { ?s ?p ?o } # SERVICE <http://127.0.0.1:1/> {}", False),               # a comment
    ("SELECT ?service WHERE { ?service <http://x/service> ?o }", False),                     # names
    ("PREFIX service: <http://x/> SELECT * WHERE { ?s service:service ?o }", False),
]


@pytest.mark.parametrize("sparql, calls", SERVICE_CASES)
def test_service_found_where_oxigraph_would_call_it(sparql, calls):
    import pyoxigraph as ox

    from kg.federation import Refused, check
    update = sparql.startswith("INSERT")
    store = ox.Store()   # Oxigraph's engine, the binary's version: one triple that every pattern above matches
    store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("http://x/it's"), ox.Literal("#"), ox.DefaultGraph()))
    try:
        store.update(sparql) if update else list(store.query(sparql))
        called = False
    except OSError as exc:
        called = "port 1 is not allowed" in str(exc)
    assert called == calls
    try:
        check(sparql, update=update, allowed=frozenset())
        refused = False
    except Refused:
        refused = True
    assert refused == calls


# ------------------------------------------------------------------ from a page of another origin

@pytest.mark.server
def test_cross_origin_get_refused(served, listener, browser):
    query = "/query?query=" + quote(ASK)
    assert served.request("GET", query, headers={"Origin": "https://evil.example"})[0] == 403
    assert served.request("GET", query, headers={"Sec-Fetch-Site": "cross-site"})[0] == 403
    assert served.request("GET", query, headers={"Sec-Fetch-Site": "same-site"})[0] == 403   # another local port
    assert served.request("GET", query, headers={"Sec-Fetch-Site": "same-origin"})[0] == 200
    assert served.request("GET", query, headers={"Sec-Fetch-Site": "none"})[0] == 200        # a typed address
    # a real page elsewhere: <img> and <script> GETs carry no Origin
    marker = quote("ASK { <urn:from-another-page> ?p ?o }")
    listener.page = (f'<img src="{served.url}/query?query={marker}">'
                     f'<script src="{served.url}/query?query={marker}&amp;s"></script>').encode()
    page = browser.new_page()
    try:
        page.goto(listener.url + "/attack.html", wait_until="networkidle")
    finally:
        page.close()
    lines = [line for line in served.output().splitlines() if "from-another-page" in line]
    assert len(lines) == 2 and all(line.endswith('" 403 -') for line in lines), lines


# ------------------------------------------------------------------ runaway queries

@pytest.mark.server
def test_runaway_query_is_stopped_and_its_process_ended(served):
    before = children(served)
    assert len(before) == 4
    status, reason, body, took = timed(served, RUNAWAY)
    assert (status, reason) in STOPPED, body     # whichever limit it reaches first on this machine
    assert took < TIMEOUT + MARGIN
    status, _, body, took = timed(served, ASK)                       # the other children answer
    assert status == 200 and json.loads(body)["boolean"] is True and took < 1
    after = children(served)
    gone = set(before) - set(after)
    assert len(gone) == 1 and not psutil.pid_exists(gone.pop())   # ended, not left running
    deadline = time.monotonic() + 10
    while len(children(served)) < 4:                              # and replaced
        assert time.monotonic() < deadline, children(served)
        time.sleep(0.05)


@pytest.mark.server
def test_four_runaway_queries_do_not_hold_the_server(served):
    started = time.monotonic()
    with ThreadPoolExecutor(5) as pool:
        runaways = [pool.submit(timed, served, RUNAWAY) for _ in range(4)]
        time.sleep(0.5)
        ask = pool.submit(timed, served, ASK)
        assert all(f.result()[:2] in STOPPED for f in runaways), [f.result()[:3] for f in runaways]
        status, _, _, _ = ask.result()
    assert status == 200 and time.monotonic() - started < TIMEOUT + MARGIN + 2


@pytest.mark.server
def test_runaway_query_memory_is_bounded(store, tmp_path):
    limit = 200
    s = Served(store, tmp_path / "serve.log", "--timeout", "60", "--max-memory", str(limit))
    peak, done = [0], threading.Event()

    def watch():
        while not done.is_set():
            for pid in children(s):
                try:
                    peak[0] = max(peak[0], psutil.Process(pid).memory_info().rss)
                except psutil.NoSuchProcess:
                    pass
            time.sleep(0.05)
    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        status, reason, body, took = timed(s, GREEDY)
        assert (status, reason) == (503, "Query Too Large"), body
        assert body == (f"the query was stopped: it needed more than {limit} MB (kg serve --max-memory): "
                        "narrow it or raise the limit\n")
        assert took < 30
        assert timed(s, ASK)[0] == 200
    finally:
        done.set()
        watcher.join()
        assert s.stop() == 0, s.output()
    assert 0 < peak[0] < (limit + 100) * 1024 * 1024   # the heap limit, plus the binary and mapped files


# ------------------------------------------------------------------ Oxigraph's own port

@pytest.mark.server
def test_internal_ports_are_out_of_reach_of_pages(writable, listener, browser):
    ports = [port for found in children(writable).values() for port in found]
    assert len(ports) == 1
    inner = f"http://127.0.0.1:{ports[0]}"
    before = triples_in(writable)
    # the attack of issue 15: a page of another origin posts an update straight to Oxigraph
    listener.page = (f'<form method="POST" action="{inner}/update"><input name="update" value="{INSERT}">'
                     '</form><script>document.forms[0].submit()</script>').encode()
    page = browser.new_page()
    failed = []
    page.on("requestfailed", lambda r: failed.append((r.method, r.url, r.failure)))
    try:
        page.goto(listener.url + "/attack.html")
        page.wait_for_timeout(1000)
        fetched = page.evaluate(f"fetch('{inner}/query?query=ASK%7B%7D', {{mode: 'no-cors'}})"
                                ".then(() => 'reached', e => String(e))")
        with pytest.raises(Exception, match="ERR_UNSAFE_PORT"):
            page.goto(inner + "/")
    finally:
        page.close()
    assert ("POST", f"{inner}/update", "net::ERR_UNSAFE_PORT") in failed
    assert fetched.startswith("TypeError")
    assert triples_in(writable) == before


# ------------------------------------------------------------------ load

@pytest.mark.server
def test_burst_of_connections_is_answered_at_once(served):
    """Fifty clients connecting together: none waits for the kernel to retry its connection (1 s)."""
    barrier = threading.Barrier(50)

    def one(_):
        barrier.wait()
        started = time.monotonic()
        status = served.request("GET", "/")[0]
        return status, time.monotonic() - started
    with ThreadPoolExecutor(50) as pool:
        results = list(pool.map(one, range(50)))
    assert [status for status, _ in results] == [200] * 50
    assert max(took for _, took in results) < 0.9, sorted(took for _, took in results)[-5:]


# ------------------------------------------------------------------ a build meanwhile

def run_kg(*args, **kw):
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=600, **kw)


@pytest.mark.server
def test_build_refused_while_served(served, store):
    before = triples_in(served)
    r = run_kg("build", str(ROOT / "seeds"), "--store", str(store))
    assert r.returncode == 1
    assert r.stderr.startswith(f"error: the store {store} is in use by `kg serve` or another `kg build`: ")
    assert triples_in(served) == before


@pytest.mark.server
def test_serve_refused_while_built(store, tmp_path):
    copy = tmp_path / "store"
    shutil.copytree(store, copy)
    build = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(ROOT / "seeds"), "--store", str(copy)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    try:
        fd = os.open(copy, os.O_RDONLY)
        try:   # wait until the build holds the store
            deadline = time.monotonic() + 60
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
                    fcntl.flock(fd, fcntl.LOCK_UN)
                except BlockingIOError:
                    break
                assert build.poll() is None and time.monotonic() < deadline
                time.sleep(0.02)
        finally:
            os.close(fd)
        r = run_kg("serve", "--store", str(copy), "--port", str(free_port()))
        assert r.returncode == 1
        assert r.stderr == (f"error: the store {copy} is being written by `kg build`: serve it when the build "
                            "has finished (a server would see a partial, stale store)\n")
    finally:
        build.kill()
        build.wait()
