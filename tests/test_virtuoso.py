"""`kg build --store URL` against a real Virtuoso (Debian's virtuoso-opensource 7.2, started here).

Virtuoso keeps system graphs of its own beside the data, answers with its default graph as the union of all
graphs, and serves the Graph Store Protocol at /sparql-graph-crud. The instance is the test's own: a fresh
database in a temporary folder, loopback ports, and SPARQL_UPDATE granted to its anonymous user (as one would
on a private server). `make test` installs the package (`make virtuoso`); without it these tests are skipped.

What holds: the document graphs written are exactly the local store's, rebuilds skip by the hashes the server
holds, linking merges across documents, and questions without a transitive path answer as locally. What does
not: Virtuoso 7.2 evaluates `?c rdfs:subClassOf* ekg:Asset` wrongly once `?c` comes from a join (no rows where
there are five; the last test pins it), so the saved questions that use such paths differ (docs/DESIGN.md).
"""
from __future__ import annotations

import shutil
import subprocess
import time

import httpx
import pytest
from conftest import FOLLOW_UP, ROOT, document_nquads, kg_run
from test_remote import free_port, stop

VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt")
pytestmark = [pytest.mark.server, pytest.mark.slow,
              pytest.mark.skipif(not (VIRTUOSO and ISQL), reason="virtuoso-opensource is not installed "
                                 "(make virtuoso)")]
# questions with no `rdfs:subClassOf*` joined to another pattern: Virtuoso answers them as Oxigraph does
SAME_ANSWERS = ["01_who_is_bakayev", "02_cpc", "05_bakayev_statements", "08_statements_by"]

INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = {sql}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = .
[HTTPServer]
ServerPort = {http}
ServerRoot = {d}
MaxClientConnections = 4
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """A Virtuoso of the module's own; yields the `kg` options that point at it."""
    folder = tmp_path_factory.mktemp("virtuoso")
    sql, http = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(INI.format(d=folder, sql=sql, http=http), encoding="utf-8")
    proc = subprocess.Popen([VIRTUOSO, "-c", str(folder / "virtuoso.ini"), "+foreground"], cwd=folder,
                            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{http}"
    try:
        for _ in range(600):   # a new database takes some seconds to create
            if proc.poll() is not None:
                pytest.fail(f"virtuoso exited: {(folder / 'virtuoso.log').read_text(errors='replace')[-2000:]}")
            try:
                if httpx.get(f"{base}/sparql", params={"query": "ASK {}"}, timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        grant = subprocess.run([ISQL, str(sql), "dba", "dba", "exec=GRANT SPARQL_UPDATE TO \"SPARQL\";"],
                               capture_output=True, text=True, timeout=60)
        assert grant.returncode == 0, grant.stdout + grant.stderr
        yield ["--store", base, "--query-url", f"{base}/sparql", "--graph-store-url", f"{base}/sparql-graph-crud"]
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def built(virtuoso, dated_dir):
    r = kg_run("build", dated_dir, *virtuoso)
    assert r.returncode == 0, r.stderr
    assert "built 3, unchanged 0, failed 0 of 3 input(s)" in r.stderr
    assert "default graph is not the union" not in r.stderr   # Virtuoso's default graph is every graph
    return virtuoso


def remote_store(options):
    from kg.stores.remote import RemoteStore
    return RemoteStore(options[1], query_url=options[3], graph_store_url=options[5])


def test_virtuoso_holds_exactly_the_local_document_graphs(built, dated_store):
    """Its own system graphs are not documents: only the project's document graphs are read back."""
    from kg.export import export_bytes
    store = remote_store(built)
    try:
        assert export_bytes(store, "nquads") == document_nquads(dated_store)
        assert len(store.documents()) == 3
    finally:
        store.close()


def test_rebuild_on_virtuoso_skips_by_the_stored_hashes(built):
    r = kg_run("build", ROOT / "seeds", *built)
    assert r.returncode == 0 and "built 0, unchanged 1, failed 0" in r.stderr, r.stderr


@pytest.mark.parametrize("name", SAME_ANSWERS)
def test_questions_answer_as_locally(built, dated_store, name):
    query = ROOT / "ontology" / "queries" / f"{name}.rq"
    local = kg_run("query", query, "--store", dated_store)
    assert local.returncode == 0 and "(0 rows)" not in local.stdout
    remote = kg_run("query", query, *built)
    assert (remote.returncode, remote.stdout) == (0, local.stdout), remote.stderr


def test_a_surname_is_linked_to_the_full_name_on_virtuoso(built, tmp_path):
    """The cross-document link step reads class groups through a path Virtuoso accepts (`kg.link`)."""
    news = tmp_path / "followup.txt"
    news.write_text(FOLLOW_UP, encoding="utf-8")
    assert kg_run("build", news, *built).returncode == 0
    from extract.reader import read_source
    followup = "https://w3id.org/energy-kg/id/doc/" + read_source(news).key
    ask = (f"SELECT DISTINCT ?e ?t WHERE {{ GRAPH <{followup}> "
           "{ ?m itsrdf:taIdentRef ?e ; nif:anchorOf ?t . ?e a ekg:Person } }")
    r = kg_run("query", ask, *built, "--format", "csv")
    assert r.stdout == "e,t\nhttps://w3id.org/energy-kg/id/entity/alibek-bakayev,Бакаев\n", r.stderr


@pytest.mark.xfail(strict=True, reason="Virtuoso 7.2: a transitive path whose start comes from a join")
def test_virtuoso_evaluates_a_joined_subclass_path(built, dated_store):
    """Five attacked assets locally; none on Virtuoso. Strict: when Virtuoso gets it right, this says so."""
    ask = ("SELECT ?e ?t WHERE { ?k rdfs:subClassOf* ekg:Attack . ?e a ?k ; ekg:target ?t . ?t a ?c . "
           "?c rdfs:subClassOf* ekg:Asset } ORDER BY ?e ?t")
    local = kg_run("query", ask, "--store", dated_store, "--format", "csv").stdout
    assert local.count("\n") > 1
    assert kg_run("query", ask, *built, "--format", "csv").stdout == local
