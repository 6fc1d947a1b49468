"""`kg build --store URL` and `kg query --store URL` against a real Oxigraph server started here.

The server answers as the local store does (it is started with --union-default-graph, as documented):
same document graphs, same query output; a rebuild replaces graphs; failures are one clear line and exit 1.
"""
from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from conftest import DATED_TEXTS, ROOT, document_nquads, kg_run

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
    """The server's document graphs, sorted and serialised as `kg export` does it."""
    r = httpx.get(url + "/store", headers={"Accept": "application/n-quads"})
    r.raise_for_status()
    copy = ox.Store()
    copy.extend(q for q in ox.parse(r.content, ox.RdfFormat.N_QUADS) if q.graph_name.value != ONTOLOGY_GRAPH)
    return document_nquads(copy)


def run_query(capsys, *args) -> tuple[int, str, str]:
    status = main(["query", *map(str, args)])
    out, err = capsys.readouterr()
    return status, out, err


def test_server_holds_the_local_graph(remote, dated_store):
    assert server_nquads(remote) == document_nquads(dated_store)


@pytest.mark.parametrize("query", QUERIES, ids=lambda p: p.stem)
def test_competency_answers_match_the_local_store(remote, dated_store, capsys, query):
    local = run_query(capsys, query, "--store", dated_store)
    assert local[0] == 0 and "(0 rows)" not in local[1]
    assert run_query(capsys, query, "--store", remote) == local


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json"])
@pytest.mark.parametrize("sparql", [
    "SELECT ?event ?target WHERE { ?event a ekg:Attack ; ekg:target ?target } ORDER BY ?event ?target",
    "ASK { ?event a ekg:Attack }",
    "CONSTRUCT { ?e a ekg:Attack } WHERE { ?e a ekg:Attack }",
])
def test_result_formats_match(remote, dated_store, capsys, sparql, fmt):
    assert run_query(capsys, sparql, "--format", fmt, "--store", remote) == \
        run_query(capsys, sparql, "--format", fmt, "--store", dated_store)


def test_syntax_error_is_reported_as_locally(remote, dated_store, capsys):
    bad = "SELECT ?x WHERE { ?x ?y }"
    local = run_query(capsys, bad, "--store", dated_store)
    assert local[0] == 2 and "query:1:" in local[2]
    assert run_query(capsys, bad, "--store", remote) == local


def test_rebuild_replaces_and_unchanged_is_skipped(remote, dated_dir, dated_store):
    r = kg_run("build", dated_dir, "--store", remote)
    assert "built 0, unchanged 3, failed 0" in r.stderr          # content hashes asked of the server
    r = kg_run("build", dated_dir / DATED_TEXTS[0].name, "--store", remote, "--force")  # same path, same graph
    assert r.returncode == 0, r.stderr
    assert "built 1, unchanged 0, failed 0" in r.stderr
    assert server_nquads(remote) == document_nquads(dated_store)   # replaced, nothing duplicated


def test_an_edited_file_replaces_its_document_on_the_server(server, tmp_path):
    """Its key changes with its content; the server keeps one document per file (Graph Store DELETE)."""
    from extract.reader import read_source
    (tmp_path / "a").mkdir()
    news = tmp_path / "a" / "news.txt"
    news.write_text(FOLLOW_UP, encoding="utf-8")
    assert kg_run("build", news, "--store", server).returncode == 0
    old = "https://w3id.org/energy-kg/id/doc/" + read_source(news).key
    news.write_text(FOLLOW_UP.replace("Киевом", "Анкарой"), encoding="utf-8")
    r = kg_run("build", news, "--store", server)
    assert r.returncode == 0 and "built 1, unchanged 0, failed 0" in r.stderr, r.stderr
    new = "https://w3id.org/energy-kg/id/doc/" + read_source(news).key
    graphs = {q.graph_name.value for q in ox.parse(httpx.get(server + "/store", headers={
        "Accept": "application/n-quads"}).content, ox.RdfFormat.N_QUADS)}
    assert new in graphs and old not in graphs


def test_unreachable_server_is_one_clear_error(tmp_path):
    url = f"http://127.0.0.1:{free_port()}"                        # nothing listens there
    r = kg_run("build", DATED_TEXTS[0], "--store", url)
    assert r.returncode == 1
    assert r.stderr.strip() == f"error: cannot reach {url}/store: connection refused (is the server running?)"
    r = kg_run("query", "ASK {}", "--store", url)
    assert r.returncode == 1
    assert r.stderr.strip() == f"error: cannot reach {url}/query: connection refused (is the server running?)"


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


def test_endpoint_overrides(remote, dated_store, capsys, monkeypatch):
    """Fuseki and GraphDB lay their endpoints out otherwise: each can be named on its own."""
    base = "http://127.0.0.1:9"                                  # not used when both endpoints are given
    local = run_query(capsys, QUERIES[0], "--store", dated_store)
    assert run_query(capsys, QUERIES[0], "--store", base, "--query-url", remote + "/query",
                     "--graph-store-url", remote + "/store") == local
    monkeypatch.setenv("KG_QUERY_URL", remote + "/query")
    assert run_query(capsys, QUERIES[0], "--store", base) == local


def test_url_options_need_a_url_and_other_commands_need_a_directory(tmp_path, capsys):
    assert main(["query", "ASK {}", "--store", str(tmp_path), "--query-url", "http://x/q"]) == 2
    assert "--query-url and --graph-store-url need --store URL" in capsys.readouterr().err
    assert main(["export", "--store", "http://127.0.0.1:9"]) == 1
    assert "kg export works on a store directory" in capsys.readouterr().err


def test_passwords_are_masked_and_prefixes_keep_line_numbers():
    from kg.remote import shown, with_prefixes
    assert shown("https://admin:s3cret@db:7200/repositories/news") == "https://admin:***@db:7200/repositories/news"
    text, added = with_prefixes("PREFIX ekg: <urn:mine#>\nSELECT * WHERE { ?s ?p ?o }")
    assert text[added:] == "PREFIX ekg: <urn:mine#>\nSELECT * WHERE { ?s ?p ?o }"
    assert "\n" not in text[:added] and "PREFIX skos:" in text[:added] and "PREFIX ekg:" not in text[:added]


FOLLOW_UP = "date 2026-01-25 Бакаев: переговоры продолжаются\n\nКак сообщил Бакаев журналистам, переговоры с Киевом продолжаются.\n"


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
