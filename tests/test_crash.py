"""Crashes and damaged stores: a `kg build` killed part-way leaves only whole documents and resumes; a
store that is missing or damaged is one line of error from every command, never a traceback."""
from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import DATED_TEXTS, FOLLOW_UP, ROOT, kg_run

from extract.reader import read_source
from kg import EKG
from kg.stores import open_store

pytestmark = pytest.mark.slow      # every test here runs `kg` in subprocesses
HASH = ox.NamedNode(EKG + "contentHash")


def per_document(store_dir) -> dict[str, tuple[str, int, bytes]]:
    """{document IRI: (content hash, triple count, sorted N-Quads)} of a store."""
    store = open_store(store_dir, read_only=True).oxigraph
    out = {}
    for g in map(ox.NamedNode, open_store(store_dir, read_only=True).documents()):
        quads = sorted(str(q) for q in store.quads_for_pattern(None, None, None, g))
        hashes = [q.object.value for q in store.quads_for_pattern(g, HASH, None, g)]
        assert len(hashes) == 1, f"{g.value} holds {len(hashes)} content hashes"
        out[g.value] = (hashes[0], len(quads), "\n".join(quads).encode())
    return out


def children(pid: int) -> set[int]:
    """The processes whose parent is pid (Linux /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def killed_build(tmp_path, *options) -> tuple:
    """(folder, store, children of the build) of a `kg build` of 12 documents (3 distinct texts) killed with
    SIGKILL as soon as it reports its first stored document."""
    folder, store = tmp_path / "texts", tmp_path / "store"
    folder.mkdir()
    for i in range(4):
        for path in DATED_TEXTS:
            shutil.copy(path, folder / f"c{i}_{path.name}")
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(folder), "--store", str(store), "-v",
                             *options], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, cwd=ROOT)
    kids: set[int] = set()
    try:
        for line in proc.stderr:
            if line.startswith("stored "):
                kids = children(proc.pid)
                proc.send_signal(signal.SIGKILL)
                break
    finally:
        proc.kill()
        proc.wait(60)
    assert proc.returncode == -signal.SIGKILL
    return folder, store, kids


def test_killed_build_keeps_whole_documents_and_resumes(dated_store, tmp_path):
    """SIGKILL after the first document is stored: what is stored is whole, and the same command finishes."""
    reference = {h: n for h, n, _ in per_document(dated_store).values()}   # content hash -> triples
    folder, store, _ = killed_build(tmp_path)

    partial = per_document(store)
    assert 1 <= len(partial) < 12, f"{len(partial)} documents stored before the kill"
    for iri, (content_hash, n, _) in partial.items():
        assert reference[content_hash] == n, f"{iri} holds {n} triples, a whole document {reference[content_hash]}"
    r = kg_run("validate", "--store", store)
    assert r.returncode == 0, r.stdout + r.stderr

    r = kg_run("build", folder, "--store", store)
    assert r.returncode == 0, r.stderr
    assert f"built {12 - len(partial)}, unchanged {len(partial)}, failed 0 of 12 input(s)" in r.stderr
    complete = per_document(store)
    assert len(complete) == 12
    assert {iri: n for iri, (h, n, _) in complete.items()} == {iri: reference[h] for iri, (h, _, _) in complete.items()}
    for iri, before in partial.items():
        assert complete[iri] == before, f"{iri} changed when the build resumed"


PERSONS = ("SELECT DISTINCT ?e WHERE {{ GRAPH <https://w3id.org/energy-kg/id/doc/{key}> "
           "{{ ?m itsrdf:taIdentRef ?e . ?e a ekg:Person }} }}")


def test_a_build_killed_after_its_last_document_is_linked_by_the_next(tmp_path):
    """Every document written, the process dies as linking starts: the rerun finds every file unchanged and
    still links, so "Бакаев" of the follow-up is Alibek Bakayev's node, not a node of its own."""
    folder, store = tmp_path / "texts", tmp_path / "store"
    folder.mkdir()
    for path in DATED_TEXTS:
        shutil.copy(path, folder / path.name)
    (folder / "followup.txt").write_text(FOLLOW_UP, encoding="utf-8")
    persons = PERSONS.format(key=read_source(folder / "followup.txt").key)
    code = ("import os, sys, kg.build; kg.build.link = lambda store, built=0: os._exit(9); from kg.cli import main; "
            "main(sys.argv[1:])")
    r = subprocess.run([sys.executable, "-c", code, "build", str(folder), "--store", str(store)], cwd=ROOT,
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 9 and "built 4" not in r.stderr, r.stderr
    assert kg_run("query", persons, "--store", store, "--format", "csv").stdout == \
        "e\nhttps://w3id.org/energy-kg/id/entity/bakayev\n"              # written, not linked
    r = kg_run("build", folder, "--store", store)
    assert r.returncode == 0, r.stderr
    assert "built 0, unchanged 4, failed 0 of 4 input(s)" in r.stderr
    assert kg_run("query", persons, "--store", store, "--format", "csv").stdout == \
        "e\nhttps://w3id.org/energy-kg/id/entity/alibek-bakayev\n"
    assert not open_store(store, read_only=True).link_pending()


def test_killed_build_with_workers_leaves_no_helper_behind(tmp_path):
    """SIGKILL of a `--workers 2` build: its helper, which would wait for tasks forever with the models in
    memory, exits by itself, and the same command builds the rest."""
    folder, store, helpers = killed_build(tmp_path, "--workers", "2")
    assert helpers, "the build started no helper process"
    deadline = time.monotonic() + 30
    while any(alive(p) for p in helpers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [p for p in helpers if alive(p)], "helpers still running 30 s after their build was killed"
    assert 1 <= len(per_document(store)) < 12
    r = kg_run("build", folder, "--store", store)
    assert r.returncode == 0 and "failed 0 of 12 input(s)" in r.stderr, r.stderr


# ------------------------------------------------------------------ damaged and missing stores

def damage(kind: str, path):
    """A store directory as a disk, a crash or a person may leave it."""
    if kind == "garbage":
        path.mkdir()
        (path / "notes.txt").write_text("not a store", encoding="utf-8")
        (path / "000001.sst").write_bytes(b"\x00\xff" * 500)
    elif kind == "corrupt CURRENT":
        (path / "CURRENT").write_bytes(b"\x00garbage\n")
    elif kind == "corrupt MANIFEST":
        for f in path.glob("MANIFEST-*"):
            f.write_bytes(f.read_bytes()[:20] + b"\xde\xad\xbe\xef" * 64)
    elif kind == "a file":
        path.write_text("not a store", encoding="utf-8")


@pytest.fixture(scope="module")
def small_store(tmp_path_factory):
    from test_serve import make_store
    return make_store(tmp_path_factory.mktemp("crash") / "store")


COMMANDS = {
    "query": ["query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1"],
    "build": ["build", DATED_TEXTS[1]],
    "view": ["view", "--out", "VIEW"],
    "validate": ["validate"],
    "serve": ["serve", "--port", "0"],
}


@pytest.mark.parametrize("kind, message", [
    ("garbage", "the directory is not empty and is not an Oxigraph store"),
    ("corrupt CURRENT", "Corruption: CURRENT file corrupted"),
    ("corrupt MANIFEST", "Corruption:"),
    ("a file", "it is a file, not a store directory"),
    ("missing", "no store at"),
])
def test_damaged_or_missing_store_is_one_line(small_store, tmp_path, kind, message):
    for command, args in COMMANDS.items():
        if kind == "missing" and command == "build":
            continue                                     # a build makes the store
        path = tmp_path / command
        if kind.startswith("corrupt"):
            shutil.copytree(small_store, path)
        damage(kind, path)
        r = kg_run(*[str(tmp_path / "v.html") if a == "VIEW" else a for a in args], "--store", path, timeout=120)
        assert r.returncode == 1, (command, r.stderr)
        assert len(r.stderr.splitlines()) == 1 and r.stderr.startswith("error: "), (command, r.stderr)
        assert message in r.stderr and str(path) in r.stderr, (command, r.stderr)
