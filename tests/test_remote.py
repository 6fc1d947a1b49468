"""`kg build --store URL` and `kg query --store URL` against a real Oxigraph server started here.

The server answers as the local store does (it is started with --union-default-graph, as documented):
same document graphs, same query output; a rebuild replaces graphs; failures are one clear line and exit 1.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from conftest import DATED_TEXTS, FOLLOW_UP, ROOT, document_nquads, kg_run

from kg import ONTOLOGY_GRAPH
from kg.cli import main

OXIGRAPH = Path(sys.executable).with_name("oxigraph")
QUERIES = sorted((ROOT / "ontology" / "queries").glob("*.rq"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(location: Path, *options: str):
    """Start `oxigraph serve...` on a free port; return (process, base URL) once it answers."""
    port = free_port()
    proc = subprocess.Popen([str(OXIGRAPH), *options, "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        if proc.poll() is not None:
            raise RuntimeError(f"oxigraph exited: {proc.stderr.read().decode()}")
        try:
            httpx.get(url + "/", timeout=1)
            return proc, url
        except httpx.TransportError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError("oxigraph did not answer")


def stop(proc):
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    proc, url = serve(tmp_path_factory.mktemp("oxigraph") / "db", "serve", "--union-default-graph")
    yield url
    stop(proc)


@pytest.fixture(scope="module")
def remote(server, dated_dir):
    """The dated texts built into the server, as into the local reference store."""
    r = kg_run("build", dated_dir, "--store", server)
    assert r.returncode == 0, r.stderr
    assert f"built 3, unchanged 0, failed 0 of 3 input(s); store {server}: " in r.stderr
    return server


def server_nquads(url) -> bytes:
    """The server's graphs but the ontology's and the index (linking's own, as a local store's `quads` leaves it
    out), read with the Graph Store Protocol, sorted and serialised as `kg export` does it."""
    from kg.stores.base import INDEX_GRAPH
    r = httpx.get(url + "/store", headers={"Accept": "application/n-quads"})
    r.raise_for_status()
    quads = [q for q in ox.parse(r.content, ox.RdfFormat.N_QUADS) if q.graph_name.value not in (ONTOLOGY_GRAPH, INDEX_GRAPH)]
    return ox.serialize(sorted(quads, key=lambda q: tuple(map(str, (q.graph_name, q.subject, q.predicate, q.object)))),
                        format=ox.RdfFormat.N_QUADS) or b""


def run_query(capsys, *args) -> tuple[int, str, str]:
    status = main(["query", *map(str, args)])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.server
def test_server_holds_the_local_graph(remote, dated_store):
    assert server_nquads(remote) == document_nquads(dated_store)


@pytest.mark.server
@pytest.mark.parametrize("query", QUERIES, ids=lambda p: p.stem)
def test_competency_answers_match_the_local_store(remote, dated_store, capsys, query):
    local = run_query(capsys, query, "--store", dated_store)
    assert local[0] == 0 and "(0 rows)" not in local[1]
    assert run_query(capsys, query, "--store", remote) == local


@pytest.mark.server
@pytest.mark.parametrize("fmt", ["csv", "tsv", "json"])
@pytest.mark.parametrize("sparql", [
    "SELECT ?event ?target WHERE { ?event a ekg:Attack ; ekg:target ?target } ORDER BY ?event ?target",
    "ASK { ?event a ekg:Attack }",
    "CONSTRUCT { ?e a ekg:Attack } WHERE { ?e a ekg:Attack }",
])
def test_result_formats_match(remote, dated_store, capsys, sparql, fmt):
    assert run_query(capsys, sparql, "--format", fmt, "--store", remote) == \
        run_query(capsys, sparql, "--format", fmt, "--store", dated_store)


@pytest.mark.server
def test_syntax_error_is_reported_as_locally(remote, dated_store, capsys):
    bad = "SELECT ?x WHERE { ?x ?y }"
    local = run_query(capsys, bad, "--store", dated_store)
    assert local[0] == 2 and "query:1:" in local[2]
    assert run_query(capsys, bad, "--store", remote) == local


@pytest.mark.server
def test_rebuild_replaces_and_unchanged_is_skipped(remote, dated_dir, dated_store):
    r = kg_run("build", dated_dir, "--store", remote)
    assert "built 0, unchanged 3, failed 0" in r.stderr          # content hashes asked of the server
    r = kg_run("build", dated_dir / DATED_TEXTS[0].name, "--store", remote, "--force")  # same path, same graph
    assert r.returncode == 0, r.stderr
    assert "built 1, unchanged 0, failed 0" in r.stderr
    assert server_nquads(remote) == document_nquads(dated_store)   # replaced, nothing duplicated


@pytest.mark.slow
@pytest.mark.server
def test_an_edited_file_replaces_its_document_on_the_server(tmp_path):
    """Its key changes with its content; the server keeps one document per file (Graph Store DELETE).
    A server of its own: the module's one holds the reference graph the other tests compare with."""
    from extract.reader import read_source
    (tmp_path / "a").mkdir()
    news = tmp_path / "a" / "news.txt"
    news.write_text(FOLLOW_UP, encoding="utf-8")
    proc, server = serve(tmp_path / "db", "serve", "--union-default-graph")
    try:
        assert kg_run("build", news, "--store", server).returncode == 0
        old = "https://w3id.org/energy-kg/id/doc/" + read_source(news).key
        news.write_text(FOLLOW_UP.replace("Киевом", "Анкарой"), encoding="utf-8")
        r = kg_run("build", news, "--store", server)
        assert r.returncode == 0 and "built 1, unchanged 0, failed 0" in r.stderr, r.stderr
        new = "https://w3id.org/energy-kg/id/doc/" + read_source(news).key
        graphs = {q.graph_name.value for q in ox.parse(httpx.get(server + "/store", headers={
            "Accept": "application/n-quads"}).content, ox.RdfFormat.N_QUADS)}
        assert new in graphs and old not in graphs
    finally:
        stop(proc)


@pytest.mark.slow
def test_unreachable_server_is_one_clear_error(tmp_path):
    url = f"http://127.0.0.1:{free_port()}"                        # nothing listens there
    r = kg_run("build", DATED_TEXTS[0], "--store", url)
    assert r.returncode == 1
    assert r.stderr.strip() == f"error: cannot reach {url}/query: connection refused (is the server running?)"
    r = kg_run("query", "ASK {}", "--store", url)
    assert r.returncode == 1
    assert r.stderr.strip() == f"error: cannot reach {url}/query: connection refused (is the server running?)"


@pytest.mark.server
def test_read_only_server_refuses_the_build(tmp_path, dated_store, capsys):
    """A server that refuses writes: the build stops before any model time; its default graph is not the
    union (no --union-default-graph), and `kg query` says so instead of answering emptily in silence."""
    db = tmp_path / "db"
    ox.Store(str(db)).flush()
    proc, url = serve(db, "serve-read-only")
    try:
        r = kg_run("build", DATED_TEXTS[0], "--store", url)
        assert r.returncode == 1
        assert r.stderr.strip() == (f"error: cannot write the ontology graph: {url}/store refused graph "
                                    f"<{ONTOLOGY_GRAPH}>: HTTP 403 Forbidden: The server is read-only")
    finally:
        stop(proc)
    proc, url = serve(tmp_path / "copy", "serve")      # a writable server without the union default graph
    try:
        assert kg_run("build", DATED_TEXTS[0], "--store", url).returncode == 0
        status, out, err = run_query(capsys, QUERIES[0], "--store", url)
        assert status == 0 and "(0 rows)" in out
        assert "warning: " in err and "default graph is not the union" in err
    finally:
        stop(proc)


@pytest.mark.server
def test_endpoint_overrides(remote, dated_store, capsys, monkeypatch):
    """Fuseki and GraphDB lay their endpoints out otherwise: each can be named on its own."""
    base = "http://127.0.0.1:9"                                  # not used when both endpoints are given
    local = run_query(capsys, QUERIES[0], "--store", dated_store)
    assert run_query(capsys, QUERIES[0], "--store", base, "--query-url", remote + "/query",
                     "--graph-store-url", remote + "/store") == local
    monkeypatch.setenv("KG_QUERY_URL", remote + "/query")
    assert run_query(capsys, QUERIES[0], "--store", base) == local


def test_url_options_need_a_url_and_serve_needs_a_directory(tmp_path, capsys):
    assert main(["query", "ASK {}", "--store", str(tmp_path), "--query-url", "http://x/q"]) == 2
    assert "--query-url, --graph-store-url and --update-url need --store URL" in capsys.readouterr().err
    assert main(["serve", "--store", "http://127.0.0.1:9"]) == 1
    assert capsys.readouterr().err == ("error: kg serve serves a store directory; http://127.0.0.1:9 is a SPARQL "
                                       "server already: query it with `kg query --store URL`, or build a local "
                                       "copy and serve that\n")


@pytest.mark.parametrize("command", [["export", "--format", "nquads"], ["export", "--format", "trig"],
                                     ["summary"], ["validate"]], ids=lambda c: "-".join(c[::2]))
def test_every_reading_command_answers_from_a_server_as_from_the_directory(remote, dated_store, command):
    local, server = (kg_run(*command, "--store", store) for store in (dated_store, remote))
    assert local.returncode == 0, local.stderr
    assert (server.returncode, server.stdout, server.stderr) == (local.returncode, local.stdout, local.stderr)


def test_view_of_a_server_is_the_view_of_the_directory(remote, dated_store, tmp_path):
    pages = []
    for name, store in (("local", dated_store), ("server", remote)):
        r = kg_run("view", "--store", store, "--out", tmp_path / f"{name}.html")
        assert r.returncode == 0, r.stderr
        pages.append((r.stderr.replace(str(tmp_path / name), "OUT"), (tmp_path / f"{name}.html").read_bytes()))
    assert pages[0] == pages[1]


def test_a_construct_asks_for_triples_and_a_select_for_results():
    """By the query's form, not by a keyword inside an IRI or a comment."""
    from kg.stores.remote import ACCEPT, GRAPH_ACCEPT, accept_for
    assert accept_for("PREFIX x: <http://a/SELECT#> # ASK\nCONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }") == GRAPH_ACCEPT
    assert accept_for("describe <http://x/a>") == GRAPH_ACCEPT
    assert accept_for("SELECT * WHERE { ?s <http://x/CONSTRUCT> ?o }") == ACCEPT
    assert accept_for("ASK { ?s ?p ?o }") == ACCEPT


def test_passwords_are_masked_and_prefixes_keep_line_numbers():
    from kg.stores.remote import shown, with_prefixes
    assert shown("https://admin:s3cret@db:7200/repositories/news") == "https://admin:***@db:7200/repositories/news"
    text, added = with_prefixes("PREFIX ekg: <urn:mine#>\nSELECT * WHERE { ?s ?p ?o }")
    assert text[added:] == "PREFIX ekg: <urn:mine#>\nSELECT * WHERE { ?s ?p ?o }"
    assert "\n" not in text[:added] and "PREFIX skos:" in text[:added] and "PREFIX ekg:" not in text[:added]


def test_the_server_store_imports_httpx_without_its_command_line():
    """httpx's command line (click, rich, pygments) was 59 ms of CPU of every command on a server; kg never runs it."""
    code = ("import sys, kg.stores.remote, httpx; httpx.Client(); "
            "print(*[m for m in ('httpx._main', 'click', 'rich', 'pygments') if sys.modules.get(m) is not None])")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert (r.returncode, r.stdout.strip()) == (0, ""), r.stderr




@pytest.mark.server
def test_surname_joins_the_full_name_locally_and_on_a_server(tmp_path, dated_dir):
    """A later article says only "Бакаев": one node, Alibek Bakayev's, in a local store and on a server."""
    folder = tmp_path / "texts"
    folder.mkdir()
    for path in DATED_TEXTS:
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "followup.txt").write_text(FOLLOW_UP, encoding="utf-8")
    proc, url = serve(tmp_path / "db", "serve", "--union-default-graph")
    try:
        for store in (tmp_path / "local", url):
            r = kg_run("build", folder, "--store", store)
            assert r.returncode == 0, r.stderr
        from extract.reader import read_source
        followup = "https://w3id.org/energy-kg/id/doc/" + read_source(folder / "followup.txt").key
        ask = (f"SELECT DISTINCT ?e ?t WHERE {{ GRAPH <{followup}> "
               "{ ?m itsrdf:taIdentRef ?e ; nif:anchorOf ?t . ?e a ekg:Person } }")
        answers = [kg_run("query", ask, "--store", store, "--format", "csv").stdout
                   for store in (tmp_path / "local", url)]
        assert answers[0] == answers[1] == "e,t\nhttps://w3id.org/energy-kg/id/entity/alibek-bakayev,Бакаев\n"
    finally:
        stop(proc)


# ------------------------------------------------------------------ servers that misbehave (issue 15.10)

class Listener:
    """A real socket on a free local port, served by a thread: `silent` accepts and reads but never answers;
    otherwise every request gets `answer`. `connections` counts who came."""

    def __init__(self, answer: bytes | None = None):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.answer, self.connections, self.held = answer, 0, []
        threading.Thread(target=self.run, daemon=True).start()

    def run(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            self.held.append(conn)
            threading.Thread(target=self.reply, args=(conn,), daemon=True).start()

    def reply(self, conn):
        try:
            conn.recv(65536)
            if self.answer is not None:
                conn.sendall(self.answer)
                conn.close()
        except OSError:
            pass

    def close(self):
        self.sock.close()
        for conn in self.held:
            conn.close()


@pytest.mark.slow
def test_a_server_that_never_answers_is_one_line_within_the_time_limit(tmp_path):
    silent = Listener()
    try:
        started = time.monotonic()
        r = kg_run("build", DATED_TEXTS[0], "--store", silent.url, "--server-timeout", "1", timeout=60)
        assert time.monotonic() - started < 30
        assert r.returncode == 1
        assert r.stderr.strip() == (f"error: {silent.url}/query did not answer within 1 s (raise the limit with "
                                    f"--server-timeout or KG_TIMEOUT if the server is only slow)")
        env = {**os.environ, "KG_TIMEOUT": "1"}
        r = kg_run("query", "ASK {}", "--store", silent.url, timeout=60, env=env)
        assert r.returncode == 1 and r.stderr.strip().startswith(f"error: {silent.url}/query did not answer within 1 s")
    finally:
        silent.close()


def test_a_redirect_is_reported_and_not_followed(tmp_path):
    """Documents go only where the user said: a 307 to another port gets no request, and the build and the
    query end in one line, not a traceback."""
    elsewhere = Listener(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n")
    redirect = Listener(f"HTTP/1.1 307 Temporary Redirect\r\nLocation: {elsewhere.url}/store\r\n"
                        f"Content-Length: 0\r\nConnection: close\r\n\r\n".encode())
    try:
        r = kg_run("build", DATED_TEXTS[0], "--store", redirect.url, timeout=60)
        assert r.returncode == 1
        # the build's first request reads the index (is the ontology graph the same files'?)
        assert r.stderr.strip() == (f"error: {redirect.url}/query redirects to {elsewhere.url}/store (HTTP 307): "
                                    f"not followed; give that address as --store (or --query-url / --graph-store-url)")
        r = kg_run("query", "ASK {}", "--store", redirect.url, timeout=60)
        assert r.returncode == 1 and r.stderr.startswith(f"error: {redirect.url}/query redirects to ")
        assert len(r.stderr.strip().splitlines()) == 1
        assert elsewhere.connections == 0
    finally:
        redirect.close()
        elsewhere.close()


def test_rdflib_over_a_server_answers_as_over_the_directory(remote, dated_store):
    from kg.stores import open_store
    sparql = "SELECT ?e WHERE { ?e a ekg:Attack } ORDER BY ?e"
    answers = [[str(r.e) for r in open_store(store, read_only=True).rdflib().query(sparql)]
               for store in (dated_store, remote)]
    assert answers[0] and answers[0] == answers[1]


@pytest.mark.server
def test_linking_merges_and_records_on_the_server(tmp_path):
    """The same merges as the local store: "Путин" and "В. Путин" become "Владимир Путин" in every document
    graph, each recorded in the merges graph (Graph Store POST) with its rule."""
    from test_kg_link import named

    from kg.graph import doc_iri, document_ntriples
    from kg.link import link_entities
    from kg.stores import open_store
    from kg.stores.base import MERGES_GRAPH
    proc, server = serve(tmp_path / "db", "serve", "--union-default-graph")
    try:
        store = open_store(server)
        for doc in (named("a", ("vladimir-putin", "Person", "Владимир Путин")),
                    named("b", ("putin", "Person", "Путин")), named("c", ("v-putin", "Person", "В. Путин"))):
            store.replace_document(str(doc_iri(doc.key)), document_ntriples(doc))
        store.load_ontology()
        assert link_entities(store) == 2
        entity = "https://w3id.org/energy-kg/id/entity/"
        rows = store.query(f"""SELECT ?merged ?into ?rule WHERE {{ GRAPH <{MERGES_GRAPH}> {{
            [] ekg:mergedNode ?merged ; ekg:mergedInto ?into ; ekg:rule ?rule }} }} ORDER BY ?merged""")
        assert [tuple(t.value for t in r) for r in rows] == [
            (entity + "putin", entity + "vladimir-putin", "surname"),
            (entity + "v-putin", entity + "vladimir-putin", "initials")]
        assert not store.query(f"ASK {{ GRAPH ?g {{ <{entity}putin> ?p ?o }} }}")
        assert MERGES_GRAPH not in store.documents() and link_entities(store) == 0
    finally:
        stop(proc)


@pytest.mark.server
def test_one_name_per_language_on_the_server(tmp_path):
    """As on the local store: "NASA" and "НАСА" from two documents, one Russian prefLabel (НАСА) over the
    union, NASA an altLabel of its own document, and `kg validate` over the server finds nothing."""
    from test_kg_link import named

    from kg.graph import doc_iri, document_ntriples
    from kg.link import choose_names
    from kg.stores import open_store
    from kg.stores.base import NAMES_GRAPH
    from kg.validate import validate_store
    proc, server = serve(tmp_path / "db", "serve", "--union-default-graph")
    try:
        store = open_store(server)
        for doc in (named("a", ("nasa", "Organization", "NASA")), named("b", ("nasa", "Organization", "НАСА"))):
            store.replace_document(str(doc_iri(doc.key)), document_ntriples(doc))
        store.load_ontology()
        nasa = "https://w3id.org/energy-kg/id/entity/nasa"
        assert choose_names(store) == 1
        rows = store.query(f"""SELECT DISTINCT ?l WHERE {{ <{nasa}> skos:prefLabel ?l FILTER(lang(?l) = "ru") }}""")
        assert [r["l"].value for r in rows] == ["НАСА"]
        rows = store.query(f"SELECT ?l WHERE {{ GRAPH <{doc_iri('a')}> {{ <{nasa}> skos:altLabel ?l }} }}")
        assert [r["l"].value for r in rows] == ["NASA"]
        assert NAMES_GRAPH not in store.documents() and validate_store(store) == []
    finally:
        stop(proc)


def graph_quads(url, graphs: set[str]) -> dict[str, list[str]]:
    """{graph: its quads as text, sorted} of these graphs on the server, read with the Graph Store Protocol."""
    r = httpx.get(url + "/store", headers={"Accept": "application/n-quads"})
    r.raise_for_status()
    found: dict[str, list[str]] = {}
    for q in ox.parse(r.content, ox.RdfFormat.N_QUADS):
        if q.graph_name.value in graphs or q.graph_name.value.startswith("https://w3id.org/energy-kg/id/doc/"):
            found.setdefault(q.graph_name.value, []).append(str(q.triple))
    return {g: sorted(t) for g, t in found.items()}


@pytest.mark.server
def test_a_server_links_a_build_s_documents_through_the_index_as_the_local_store(tmp_path, monkeypatch):
    """Issue 19: the build steps of tests/test_kg_link.py, each linked through the index on a server (no
    read of every node's names or labels) and on a local store: the same document graphs, merges, names,
    event merges and index after every step. A build of one document whose names merge with nothing writes
    that document's graph alone, besides the lists linking keeps (pending, index, names)."""
    import kg.event_link
    import kg.link
    from test_kg_link import STEPS, linked_build, named

    from kg.graph import doc_iri
    from kg.stores import open_store
    from kg.stores.base import EVENT_MERGES_GRAPH, INDEX_GRAPH, LINK_PENDING_GRAPH, MERGES_GRAPH, NAMES_GRAPH
    from kg.stores.local import LocalStore
    proc, url = serve(tmp_path / "db", "serve", "--union-default-graph")
    try:
        remote, local = open_store(url), LocalStore(tmp_path / "local")
        assert remote.keeps_index() and remote.update_url == url + "/update"
        written: list[tuple[str, str]] = []
        send = remote._send

        def logged(method, address, **kw):
            if address == remote.graph_store_url and method != "GET":
                written.append((method, kw["params"]["graph"]))
            return send(method, address, **kw)
        monkeypatch.setattr(remote, "_send", logged)
        label_forms, store_places = kg.link.label_forms, kg.event_link.store_places

        def forms_of_some(store, nodes=None):
            assert nodes is not None, "every node's labels read"
            return label_forms(store, nodes)

        def places_of_some(store, places=None):
            assert places is not None, "every event's places read"
            return store_places(store, places)
        kept = {MERGES_GRAPH, NAMES_GRAPH, EVENT_MERGES_GRAPH, INDEX_GRAPH}
        for i, doc in enumerate(STEPS + [named("j", ("anna-petrova", "Person", "Анна Петрова"))]):
            if i:
                monkeypatch.setattr(kg.link, "store_names", lambda store: (_ for _ in ()).throw(AssertionError("scan")))
                monkeypatch.setattr(kg.link, "label_forms", forms_of_some)
                monkeypatch.setattr(kg.event_link, "store_places", places_of_some)
            written.clear()
            assert linked_build(remote, doc) == linked_build(local, doc), doc.key
            for name in ("store_names", "label_forms"):
                monkeypatch.setattr(kg.link, name, getattr(kg.link, name))
            assert not remote.link_pending() and not remote.named_before()
            on_server = graph_quads(url, kept)
            here = {g: sorted(str(q.triple) for q in local.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(g)))
                    for g in set(local.documents()) | kept}
            assert on_server == {g: t for g, t in here.items() if t}, doc.key   # the kept triple count too
            assert remote.triple_count() == remote.count_document_triples() == local.triple_count(), doc.key
        new = str(doc_iri("j"))
        assert [w for w in written if w[1] not in (LINK_PENDING_GRAPH, INDEX_GRAPH, NAMES_GRAPH)] == [("PUT", new)]
    finally:
        stop(proc)


@pytest.mark.server
def test_a_server_keeps_the_triple_count_and_looks_up_a_batch_of_hashes_in_one_query(tmp_path, monkeypatch):
    """Issue 19: the summary's count on a server is the one every write keeps in the index (after adds,
    replaces and removals it equals COUNT(*) over the document graphs; a build opened afterwards reads it,
    counting nothing), and a build's unchanged check asks for its batch of documents (VALUES), never for every
    document's hash."""
    from kg_fixtures import EKGR, sample_document
    from test_kg_store import DOC, build, count_steps

    from kg.graph import doc_iri, extracted_with
    from kg.link import link_if_pending
    from kg.stores import open_store
    proc, url = serve(tmp_path / "db", "serve", "--union-default-graph")
    try:
        for step, what in count_steps():
            store = open_store(url)
            store.set_link_pending(True)
            if step == "remove":
                store.drop_graph(what)
            else:
                build(store, what)
            link_if_pending(store)
            assert store.triple_count() == store.count_document_triples() > 0, step
            store.close()
            again = open_store(url)
            monkeypatch.setattr(again, "count_document_triples", lambda: (_ for _ in ()).throw(AssertionError(step)))
            assert again.triple_count() == store.count, step
            again.close()
        doc = sample_document("other", "hash-o")
        store = open_store(url)
        build(store, doc)
        asked = []
        query = store.query
        monkeypatch.setattr(store, "query", lambda sparql: asked.append(sparql) or query(sparql))
        monkeypatch.setattr(store, "stored", lambda name: (_ for _ in ()).throw(AssertionError("read every one")))
        current = extracted_with(doc.extractor_version, doc.ontology_digest)
        other, held = str(doc_iri(doc.key)), EKGR + "doc/sample-2"
        wanted = {other: "hash-o", held: "hash-2", EKGR + "doc/absent": "hash-o", DOC: "hash-1"}
        assert store.held_documents(wanted, current) == {other, held}
        assert len(asked) == 1 and all(f"<{d}>" in asked[0] for d in wanted)
        assert store.held_documents({other: "hash-2"}, current) == set()
        assert store.held_documents({other: "hash-o"}, "another extractor") == set()
        assert store.held_documents({}, current) == set() and len(asked) == 3
    finally:
        stop(proc)
