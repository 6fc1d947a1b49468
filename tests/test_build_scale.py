"""`kg build` at scale: worker processes and a Dask cluster give exactly the graph one process gives,
a build reads and holds a bounded number of documents at a time, and a build resumes where it stopped.

The graph of a document holds no run time stamp: activity and extractor IRIs are derived from the
document key and the extractor version. The one input that varies between runs is today's date, used
for undated texts; the texts here are dated, so equal N-Quads mean equal extraction.
"""
from __future__ import annotations

import contextlib
import json
import multiprocessing
from concurrent.futures import Future

import pytest
from conftest import DATED_TEXTS, document_nquads, kg_run

from kg import workers
from kg.cli import main


@pytest.mark.slow
def test_two_worker_processes_build_the_same_graph(dated_dir, dated_store, tmp_path):
    (dated_dir.parent / "bad").mkdir(exist_ok=True)
    empty = dated_dir.parent / "bad" / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    r = kg_run("build", dated_dir, empty, "--store", tmp_path / "store", "--workers", 2)
    assert r.returncode == 1, r.stderr                 # the bad file fails, the batch goes on
    assert "extracting in 2 worker processes" in r.stderr
    assert f"error: {empty}: empty document (no text)" in r.stderr
    assert "built 3, unchanged 0, failed 1 of 4 input(s)" in r.stderr
    reference = document_nquads(dated_store)
    assert reference.count(b"\n") > 2000 and reference.count(b"/ont#contentHash>") == len(DATED_TEXTS)
    assert document_nquads(tmp_path / "store") == reference


@pytest.mark.slow
def test_the_main_process_extracts_while_its_helper_is_busy(dated_dir, monkeypatch):
    """--workers 2 is this process and one helper: with the helper's queue full (one document here, while it
    still loads its models), this process extracts the next document itself, and each comes out the same."""
    from extract.reader import read_source
    sources = [read_source(p) for p in sorted(dated_dir.glob("*.txt"))]
    monkeypatch.setattr(workers, "IN_FLIGHT_PER_WORKER", 1)
    here, build = [], workers.build
    monkeypatch.setattr(workers, "build", lambda nlp, source: here.append(source.path) or build(nlp, source))
    with workers.process_pool(2) as run:
        pooled = list(run(iter(sources)))
    assert here      # this process extracted a document itself (a spawned helper does not see the patch)
    monkeypatch.undo()
    with workers.inline() as run:
        alone = list(run(iter(sources)))
    assert sorted((b.path, b.ntriples) for b in pooled) == sorted((b.path, b.ntriples) for b in alone)
    assert all(b.ntriples and not b.error for b in pooled) and len(pooled) == len(sources)


@pytest.fixture(scope="module")
def dask_scheduler():
    """A LocalCluster of two worker processes, reached by its address as a remote cluster would be."""
    distributed = pytest.importorskip("distributed")
    import logging
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=logging.ERROR) as cluster:
        yield cluster.scheduler_address


@pytest.mark.dask
def test_dask_cluster_builds_the_same_graph(dask_scheduler, dated_dir, dated_store, tmp_path):
    r = kg_run("build", dated_dir, "--store", tmp_path / "store", "--dask", dask_scheduler)
    assert r.returncode == 0, r.stderr
    assert f"extracting on Dask ({dask_scheduler})" in r.stderr
    assert document_nquads(tmp_path / "store") == document_nquads(dated_store)


@pytest.mark.slow
def test_resume_skips_what_is_stored(dated_dir, dated_store, tmp_path):
    """An interrupted build is a build of part of the folder: the next run builds only the rest."""
    store = tmp_path / "store"
    first = sorted(dated_dir.glob("*.txt"))[0]
    assert kg_run("build", first, "--store", store).returncode == 0
    r = kg_run("build", dated_dir, "--store", store)
    assert r.returncode == 0, r.stderr
    assert "built 2, unchanged 1, failed 0 of 3 input(s)" in r.stderr
    assert document_nquads(store) == document_nquads(dated_store)


def test_nothing_to_extract_starts_no_worker():
    before = set(multiprocessing.active_children())
    with workers.process_pool(2) as run:
        assert list(run(iter([]))) == []
        assert set(multiprocessing.active_children()) == before


def test_bounded_map_reads_ahead_at_most_its_limit():
    read = submitted = 0

    def sources():
        nonlocal read
        for i in range(100):
            read += 1
            yield i

    def submit(i):
        nonlocal submitted
        submitted += 1
        future = Future()
        future.set_result(i * 2)
        return future

    results = []
    for value in workers.bounded_map(submit, sources(), limit=5):
        assert read - len(results) <= 5            # never more than 5 documents read and not yet written
        results.append(value)
    assert results == [i * 2 for i in range(100)] and submitted == 100


@pytest.mark.parametrize("args, message", [
    (["--workers", "0"], "--workers must be 1 or more"),
    (["--workers", "2", "--dask", "local"], "--workers and --dask exclude each other"),
    (["--dask", "local:0"], "expected local:N with N >= 1"),
])
def test_build_option_errors(tmp_path, capsys, args, message):
    assert main(["build", str(DATED_TEXTS[0]), "--store", str(tmp_path / "s"), *args]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "s").exists()


def test_dask_address_forms():
    assert workers.parse_dask_address("local") == (None, None)
    assert workers.parse_dask_address("local:3") == (None, 3)
    assert workers.parse_dask_address("tcp://10.0.0.5:8786") == ("tcp://10.0.0.5:8786", None)


def test_default_build_uses_every_core_and_keeps_a_few_documents_here(monkeypatch):
    """No --workers: one process a core (a pool when there are two or more), and a build of at most
    IN_FLIGHT_PER_WORKER documents stays in this process, starting no helper."""
    from kg.build import extractor
    monkeypatch.setattr(workers, "usable_cores", lambda: 1)
    runner, note = extractor()
    assert runner.func is workers.inline.__wrapped__ and note is None
    monkeypatch.setattr(workers, "usable_cores", lambda: 2)
    assert extractor()[0].func is workers.process_pool.__wrapped__
    assert extractor(1)[0].func is workers.inline.__wrapped__
    built = []
    import extract.pipeline
    monkeypatch.setattr(extract.pipeline, "build_nlp", lambda ontology_dir=None: built.append("models") or "nlp")
    monkeypatch.setattr(workers, "build", lambda nlp, source: built.append((nlp, source)) or source)
    before = set(multiprocessing.active_children())
    with extractor()[0] as run:
        assert list(run(iter(range(workers.IN_FLIGHT_PER_WORKER)))) == list(range(workers.IN_FLIGHT_PER_WORKER))
        assert set(multiprocessing.active_children()) == before      # no helper for four documents
    assert built == ["models"] + [("nlp", n) for n in range(workers.IN_FLIGHT_PER_WORKER)]   # loaded once, here
    assert workers.first_few(iter(range(3)), 4) == ([0, 1, 2], None)
    head, rest = workers.first_few(iter(range(7)), 4)
    assert head == [0, 1, 2, 3, 4] and list(rest) == [5, 6]


def test_kg_extract_uses_every_core_and_keeps_the_input_order(monkeypatch):
    """Issue 19: `kg extract` without options extracts as `kg build` does, one process a core, with a few files
    in this process; its records come in input order, so this process runs no document itself."""
    from kg.build import extractor
    monkeypatch.setattr(workers, "usable_cores", lambda: 2)
    runner, note = extractor(task=workers.record_line)
    assert runner.func is workers.process_pool.__wrapped__ and note is None
    assert runner.args[0] == 2 and runner.kwds["task"] is workers.record_line and runner.kwds["in_order"]
    assert extractor(1, task=workers.record_line)[0].func is workers.inline.__wrapped__
    monkeypatch.setattr(workers, "usable_cores", lambda: 1)
    assert extractor(task=workers.record_line)[0].func is workers.inline.__wrapped__


@pytest.mark.slow
def test_kg_extract_in_worker_processes_prints_what_one_process_prints(dated_dir, tmp_path):
    """Two helpers, five files (more than the few kept in this process), one of them empty: the same lines in
    the same order as one process, and the empty file failed in both."""
    files = [*sorted(dated_dir.glob("*.txt")), tmp_path / "empty.txt", DATED_TEXTS[0]]
    files[3].write_text("  \n", encoding="utf-8")
    files.insert(1, DATED_TEXTS[1])
    alone = kg_run("extract", *files, "--workers", 1)
    pooled = kg_run("extract", *files, "--workers", 2)
    assert alone.returncode == pooled.returncode == 1
    assert pooled.stdout == alone.stdout and pooled.stdout.count("\n") == 5
    assert [json.loads(line)["doc"] for line in pooled.stdout.splitlines()] == [
        str(f) for f in files if f.name != "empty.txt"]
    assert f"error: {files[4]}: empty document (no text)" in pooled.stderr


def test_usable_cores_are_this_process_affinity():
    import os
    assert workers.usable_cores() == len(os.sched_getaffinity(0)) >= 1


@contextlib.contextmanager
def sentences_only():
    """A build's extraction without the models: each text one sentence, stamped with the extractor version as
    it is when the documents come (a test may change it)."""
    import extract
    from extract.records import Document, Sentence
    from ontology import ontology_digest

    from kg.graph import doc_iri, document_ntriples

    def run(sources):
        for s in sources:
            doc = Document(key=s.key, path=s.source, text=s.text, content_hash=s.content_hash,
                           sentences=[Sentence(0, 0, len(s.text), s.text)])
            doc.extractor_version, doc.ontology_digest = extract.VERSION, ontology_digest(None)
            yield workers.DocumentResult(s.path, str(doc_iri(s.key)), ntriples=document_ntriples(doc))
    yield run


@contextlib.contextmanager
def given_records(records):
    """A build's extraction without the models that gives the texts, in turn, these records (their key, path and
    hash made the text's): documents whose entities and events linking merges."""
    import extract
    from ontology import ontology_digest

    from kg.graph import doc_iri, document_ntriples

    def run(sources):
        for s, doc in zip(sources, records):
            doc.key, doc.path, doc.content_hash = s.key, s.source, s.content_hash
            doc.extractor_version, doc.ontology_digest = extract.VERSION, ontology_digest(None)
            yield workers.DocumentResult(s.path, str(doc_iri(s.key)), ntriples=document_ntriples(doc))
    yield run


def test_a_large_build_links_in_a_process_of_its_own_as_it_would_here(tmp_path, monkeypatch, capsys):
    """A build of LINK_APART documents or more lends its store to a spawned process without the models for the
    linking (kg.build.link_apart), then reads it again for its summary: the store is the one linking here
    makes, quad for quad, two reports of the attack one merged event."""
    import kg.build
    from kg.build import build
    from kg.stores.base import EVENT_MERGES_GRAPH
    from kg.stores.local import LocalStore
    from kg_fixtures import sample_document
    from test_event_link import second_report
    texts = tmp_path / "texts"
    texts.mkdir()
    for name in ("a.txt", "b.txt"):
        (texts / name).write_text(f"Текст {name}.", encoding="utf-8")
    apart, link_apart = [], kg.build.link_apart
    monkeypatch.setattr(kg.build, "link_apart", lambda location: apart.append(location) or link_apart(location))
    quads, summaries = {}, {}
    for where, threshold in (("here", 3), ("apart", 2)):
        monkeypatch.setattr(kg.build, "LINK_APART", threshold)
        records = [sample_document("a"), second_report("b")]
        build(LocalStore(tmp_path / where), [str(texts)], (given_records(records), None), progress=False)
        summaries[where] = capsys.readouterr().err.strip().splitlines()[-1].rsplit(": ", 1)[1]
        store = LocalStore(tmp_path / where, read_only=True)
        quads[where] = sorted(map(str, store.quads(include_ontology=True)))
        merged = [r["m"].value for r in store.query(
            f"SELECT ?m WHERE {{ GRAPH <{EVENT_MERGES_GRAPH}> {{ ?m a ekg:MergedEvent }} }}")]
        assert len(merged) == 1 and not store.link_pending()
        del store
    assert apart == [str(tmp_path / "apart")]
    assert quads["apart"] == quads["here"] and summaries["apart"] == summaries["here"]


UNCHANGED_REBUILD = """
import sys
from kg.cli import main
status = main(["build", sys.argv[1], "--store", sys.argv[2], "--quiet"])
print(status, *[m for m in ("spacy", "natasha", "rdflib", "extract.pipeline", "kg.graph", "kg.link", "yaml",
                           "charset_normalizer", "iuliia", "multiprocessing", "concurrent.futures.process",
                           "importlib.metadata", "dataclasses")
                 if m in sys.modules])
"""


def test_an_unchanged_rebuild_loads_no_model_reads_no_ontology_file_and_writes_nothing(tmp_path, monkeypatch):
    """Issue 19: each file is hashed and looked up in the store (two point lookups), and that is all: no
    model, no rdflib, no linking, no parse of the ontology files (the index holds their digest), no write, no
    count over the store, none of the reader's imports for decoding, front matter or romanising, no pool, no
    lookup of the installed version (--version's), no `dataclasses` (its import, with `inspect`'s, was a tenth of
    the process)."""
    import subprocess
    import sys

    import extract.pipeline
    import kg.link
    import kg.stores.local
    from conftest import ROOT

    from kg.build import Report, build
    from kg.stores.local import LocalStore
    texts = tmp_path / "texts"
    texts.mkdir()
    for i, text in enumerate(["Газпром сообщил о поставках.", "В Москве прошла встреча.", "Нефть подорожала."]):
        (texts / f"n{i}.txt").write_text(text, encoding="utf-8")

    assert build(LocalStore(tmp_path / "store"), [str(texts)], (sentences_only(), None), progress=False).built == 3

    def refused(what):
        def fail(*args, **kw):
            raise AssertionError(f"an unchanged rebuild {what}")
        return fail
    monkeypatch.setattr(extract.pipeline, "build_nlp", refused("loaded the models"))
    monkeypatch.setattr(kg.stores.local, "ontology_ntriples", refused("parsed the ontology files"))
    monkeypatch.setattr(kg.link, "link_if_pending", refused("linked"))
    store = LocalStore(tmp_path / "store")
    monkeypatch.setattr(store, "stored", refused("read every document's hash instead of looking them up"))
    monkeypatch.setattr(store, "count_document_triples", refused("counted the store's triples for its summary"))
    report: Report = build(store, [str(texts)], (workers.inline(), None), progress=False)
    assert (report.built, report.unchanged, report.failed) == (0, 3, 0)
    assert not store.touched and store.written == 0   # nothing written, so nothing flushed when it closed
    monkeypatch.undo()   # it holds the store too
    del store   # RocksDB's lock goes with the last reference
    import gc
    gc.collect()
    r = subprocess.run([sys.executable, "-c", UNCHANGED_REBUILD, str(texts), str(tmp_path / "store")],
                       capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.stdout.split() == ["0"], r.stderr        # exit 0, none of those modules imported
    assert r.stderr.strip().endswith("built 0, unchanged 3, failed 0 of 3 input(s); "
                                     f"store {tmp_path / 'store'}: 51 triples")


# ---------------------------------------------------------------- the record of held documents (kg.stores.held)

@contextlib.contextmanager
def never():
    """An extraction that fails if any document comes to it."""
    def run(sources):
        for s in sources:
            raise AssertionError(f"extracted {s.path}")
        return iter(())
    yield run


def _held_store(tmp_path, monkeypatch, texts=("Газпром сообщил о поставках.", "В Москве прошла встреча.",
                                              "Нефть подорожала.")):
    """A folder of texts built into a store, then built unchanged once, which records what it found (the store
    counted as settled at once: kg.stores.held waits SETTLED_NS after the last write otherwise)."""
    import kg.stores.held
    from kg.build import build
    from kg.stores.local import LocalStore
    monkeypatch.setattr(kg.stores.held, "SETTLED_NS", 0)
    folder = tmp_path / "texts"
    folder.mkdir()
    for i, text in enumerate(texts):
        (folder / f"n{i}.txt").write_text(text, encoding="utf-8")
    store = tmp_path / "store"
    assert build(LocalStore(store), [str(folder)], (sentences_only(), None), progress=False).built == len(texts)
    assert not (store / kg.stores.held.NAME).exists()   # a build that wrote records nothing
    first = LocalStore(store)
    assert build(first, [str(folder)], (never(), None), progress=False).unchanged == len(texts)
    assert first._db is not None and (store / kg.stores.held.NAME).is_file()   # looked up, then recorded
    return folder, store


def _outcome(report) -> tuple[int, int, int]:
    return report.built, report.unchanged, report.failed


def test_an_unchanged_rebuild_after_a_recorded_one_does_not_open_the_store(tmp_path, monkeypatch, capsys):
    from kg.build import build
    from kg.stores.local import LocalStore
    folder, path = _held_store(tmp_path, monkeypatch)
    counted = capsys.readouterr().err.strip().splitlines()[-1].rsplit(": ", 1)[1]
    store = LocalStore(path)
    assert _outcome(build(store, [str(folder)], (never(), None), progress=False)) == (0, 3, 0)
    assert store._db is None   # RocksDB not opened: the record answered every file, the ontology and the count
    assert capsys.readouterr().err.strip().endswith(f"store {path}: {counted}")


def test_a_changed_file_is_rebuilt_though_the_store_holds_a_record(tmp_path, monkeypatch):
    from extract.reader import peek_key

    from kg.build import build
    from kg.iris import document_iri
    from kg.stores.local import LocalStore
    folder, path = _held_store(tmp_path, monkeypatch)
    old = document_iri(peek_key(str(folder / "n1.txt"))[0])
    (folder / "n1.txt").write_text("В Москве прошла другая встреча.", encoding="utf-8")
    new = document_iri(peek_key(str(folder / "n1.txt"))[0])
    assert _outcome(build(LocalStore(path), [str(folder)], (sentences_only(), None), progress=False)) == (1, 2, 0)
    documents = LocalStore(path, read_only=True).documents()
    assert new in documents and old not in documents
    # the record no longer matches the store: the next build asks the store, and records again
    again = LocalStore(path)
    assert _outcome(build(again, [str(folder)], (never(), None), progress=False)) == (0, 3, 0)
    assert again._db is not None
    last = LocalStore(path)
    assert _outcome(build(last, [str(folder)], (never(), None), progress=False)) == (0, 3, 0)
    assert last._db is None


def test_a_new_extractor_version_rebuilds_every_recorded_file(tmp_path, monkeypatch):
    import extract

    from kg.build import build
    from kg.stores.local import LocalStore
    folder, path = _held_store(tmp_path, monkeypatch)
    monkeypatch.setattr(extract, "VERSION", extract.VERSION + ".1")
    assert _outcome(build(LocalStore(path), [str(folder)], (sentences_only(), None), progress=False)) == (3, 0, 0)


def test_a_deleted_store_is_built_anew_though_it_held_a_record(tmp_path, monkeypatch):
    import shutil

    from kg.build import build
    from kg.stores.local import LocalStore
    folder, path = _held_store(tmp_path, monkeypatch)
    shutil.rmtree(path)
    assert _outcome(build(LocalStore(path), [str(folder)], (sentences_only(), None), progress=False)) == (3, 0, 0)


def test_a_document_dropped_behind_the_records_back_is_rebuilt(tmp_path, monkeypatch):
    import gc

    import pyoxigraph as ox
    from extract.reader import peek_key

    from kg.build import build
    from kg.iris import document_iri
    from kg.stores.local import LocalStore
    folder, path = _held_store(tmp_path, monkeypatch)
    gc.collect()   # RocksDB's lock goes with the last handle of the builds above
    other = ox.Store(str(path))   # another program, which knows nothing of the record
    other.remove_graph(ox.NamedNode(document_iri(peek_key(str(folder / "n2.txt"))[0])))
    del other
    gc.collect()
    assert _outcome(build(LocalStore(path), [str(folder)], (sentences_only(), None), progress=False)) == (1, 2, 0)


def test_a_store_fingerprint_changes_with_a_file_rewritten_in_place_and_is_unsettled_at_first(tmp_path, monkeypatch):
    import time

    from kg.stores.held import NAME, fingerprint
    folder, path = _held_store(tmp_path, monkeypatch)
    monkeypatch.undo()   # SETTLED_NS as it is: the store was just written
    before, settled = fingerprint(path)
    assert before is not None and not settled and NAME not in before
    time.sleep(0.05)   # past the file system's timestamp granularity
    same = (path / "IDENTITY").read_bytes()
    (path / "IDENTITY").write_bytes(same)   # the same name, inode, size and bytes: only its ctime differs
    assert fingerprint(path)[0] != before


def test_a_record_is_not_written_while_the_store_is_unsettled(tmp_path):
    from kg.build import build
    from kg.stores.held import NAME
    from kg.stores.local import LocalStore
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "n0.txt").write_text("Нефть подорожала.", encoding="utf-8")
    build(LocalStore(tmp_path / "store"), [str(folder)], (sentences_only(), None), progress=False)
    assert _outcome(build(LocalStore(tmp_path / "store"), [str(folder)], (never(), None), progress=False)) == (0, 1, 0)
    assert not (tmp_path / "store" / NAME).exists()   # written within SETTLED_NS: a later write might keep a ctime


def test_the_record_is_not_believed_once_the_build_has_written(tmp_path, monkeypatch):
    """a/news.txt is edited, b/news.txt holds its old bytes (one document, "the same document" at first). Writing
    a's new text drops its earlier document, which b's is: the record, written before, would say it is held."""
    import kg.build
    import kg.stores.held
    from kg.build import build
    from kg.stores.local import LocalStore
    monkeypatch.setattr(kg.stores.held, "SETTLED_NS", 0)
    monkeypatch.setattr(kg.build, "HELD_BATCH", 1)   # b is looked up after a is written
    folder, path = tmp_path / "texts", tmp_path / "store"
    for name in ("a", "b"):
        (folder / name).mkdir(parents=True)
        (folder / name / "news.txt").write_text("Нефть подорожала.", encoding="utf-8")
    assert _outcome(build(LocalStore(path), [str(folder)], (sentences_only(), None), progress=False)) == (1, 1, 0)
    assert _outcome(build(LocalStore(path), [str(folder)], (never(), None), progress=False)) == (0, 2, 0)
    assert (path / kg.stores.held.NAME).is_file()
    (folder / "a" / "news.txt").write_text("Нефть подешевела.", encoding="utf-8")
    assert _outcome(build(LocalStore(path), [str(folder)], (sentences_only(), None), progress=False)) == (2, 0, 0)
    assert len(LocalStore(path, read_only=True).documents()) == 2


def test_the_record_holds_the_last_builds_files_and_a_foreign_one_is_ignored(tmp_path, monkeypatch):
    """A record costs the next build a little a document: it holds the files of the build that wrote it, not
    every document ever found; one that is not the record's format is not believed."""
    from kg.build import build
    from kg.stores.held import NAME, Held
    from kg.stores.local import LocalStore
    folder, path = _held_store(tmp_path, monkeypatch)
    assert len(Held(path).documents) == 3
    assert _outcome(build(LocalStore(path), [str(folder / "n0.txt")], (never(), None), progress=False)) == (0, 1, 0)
    assert len(Held(path).documents) == 1
    store = LocalStore(path)
    assert _outcome(build(store, [str(folder)], (never(), None), progress=False)) == (0, 3, 0)
    assert store._db is not None and len(Held(path).documents) == 3   # two looked up, then recorded
    lines = (path / NAME).read_text(encoding="utf-8").split("\n")
    (path / NAME).write_text("\n".join(lines[:5] + ["no-space-here"] + lines[5:]), encoding="utf-8")
    assert not Held(path).valid
