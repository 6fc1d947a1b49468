"""Where extraction runs: in this process, in a local process pool, or on a Dask cluster.

The main process reads the files, skips the unchanged ones and writes the store. Every way of
running takes source texts and yields one `DocumentResult` per source, or `kg extract`'s `RecordLine` (in
input order, except that a local pool's main process may slip in a document it extracted itself), with at
most a few documents per worker in flight, so a build of any size keeps memory flat. A worker returns the
document graph as N-Triples text (not the records): the RDF conversion runs in the workers too.

Nothing here imports spaCy or rdflib at module level: `kg build` pays for them only when a
document has to be extracted.
"""
from __future__ import annotations

import itertools
import os
import threading
from collections import deque
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator, NamedTuple

from kg.errors import reason

IN_FLIGHT_PER_WORKER = 4   # enough to keep a worker busy while the main process writes; bounds memory


class DocumentResult(NamedTuple):
    """What became of one source: its document graph, or why there is none. (A named tuple: `dataclasses`'s
    import was a tenth of an unchanged rebuild's process, which only builds this module's runner.)"""
    path: str
    iri: str
    ntriples: str | None = None
    error: str | None = None
    warnings: tuple[str, ...] = ()


def extract_document(nlp, source):
    """The extraction records (`extract.records.Document`) of one source text."""
    from extract.pipeline import extract_documents

    docs = list(extract_documents(nlp, [source]))
    if len(docs) != 1:
        raise RuntimeError(f"extraction returned {len(docs)} documents for one source")
    return docs[0]


def build(nlp, source) -> DocumentResult:
    """One source to a `DocumentResult`; an error is caught here so that it crosses process boundaries as text."""
    from kg.graph import doc_iri, document_ntriples

    iri = str(doc_iri(source.key))
    try:
        doc = extract_document(nlp, source)
        warnings = () if doc.entities else ("no entities found: the document is stored with its sentences only",)
        return DocumentResult(source.path, iri, ntriples=document_ntriples(doc), warnings=warnings)
    except Exception as exc:  # one bad document must not stop the batch
        return DocumentResult(source.path, iri, error=reason(exc))


class RecordLine(NamedTuple):
    """What `kg extract` prints for one source: its records as one JSON line, or why there are none."""
    path: str
    line: str | None = None
    error: str | None = None


def record_line(nlp, source) -> RecordLine:
    """One source to its records' JSON line (`kg extract`); an error is caught, as in `build`."""
    import json
    try:
        record = extract_document(nlp, source).to_dict()
    except Exception as exc:
        return RecordLine(source.path, error=reason(exc))
    record["doc"] = source.path   # as given, shown as valid UTF-8
    return RecordLine(source.path, json.dumps(record, ensure_ascii=False) + "\n")


# ---------------------------------------------------------------- in a worker process

_PIPELINES: dict = {}
_LOCK = threading.Lock()   # a Dask worker may run tasks in several threads: one pipeline, used by one at a time


def worker_pipeline(ontology_dir=None):
    """The pipeline of this worker process, built at its first document and kept for the next ones."""
    key = str(ontology_dir) if ontology_dir else None
    if key not in _PIPELINES:
        from extract.pipeline import build_nlp
        _PIPELINES[key] = build_nlp(ontology_dir)
    return _PIPELINES[key]


def worker_build(source, ontology_dir=None, task=None):
    """The task sent to pool and cluster workers: `task(nlp, source)`, `build` unless given (`record_line`)."""
    with _LOCK:
        return (task or build)(worker_pipeline(ontology_dir), source)


def exit_with_parent() -> None:
    """A helper whose parent was killed outright (SIGKILL) would wait on its task queue forever with its
    models in memory: a daemon thread ends the process as soon as the parent's sentinel closes."""
    import multiprocessing
    import multiprocessing.connection
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch():
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)
    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def warm_up(ontology_dir=None) -> None:
    """Pool initializer: load the models as the process starts, before its first document arrives.
    A failure is left for the first task to raise: there it reaches the main process as an error."""
    exit_with_parent()
    try:
        with _LOCK:
            worker_pipeline(ontology_dir)
    except Exception:
        pass


# ---------------------------------------------------------------- ways of running

def bounded_map(submit: Callable, sources: Iterable, limit: int, run_locally: Callable | None = None) -> Iterator:
    """`submit(source)` for each source with at most `limit` futures pending; results in input order, each
    as soon as it and those before it are done. With `run_locally`, a source that finds `limit` futures pending
    is run at once by `run_locally(source)` instead of waiting for them (its result comes out ahead of theirs)."""
    pending: deque = deque()
    for source in sources:
        while pending and pending[0].done():
            yield pending.popleft().result()
        if run_locally is not None and len(pending) >= limit:
            yield run_locally(source)
            continue
        pending.append(submit(source))
        if run_locally is None and len(pending) >= limit:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def nonempty(sources: Iterable) -> Iterator | None:
    """The sources again, or None when there are none: workers start only for a first document to extract."""
    it = iter(sources)
    for first in it:
        return itertools.chain([first], it)
    return None


@contextmanager
def inline(ontology_dir=None, task=None):
    """In this process; the models load at the first document that needs them. `task(nlp, source)` makes each
    result: `build` unless given (`kg extract` gives `record_line`)."""
    nlp = None
    task = task or build

    def run(sources):
        nonlocal nlp
        for source in sources:
            if nlp is None:
                from extract.pipeline import build_nlp
                nlp = build_nlp(ontology_dir)
            yield task(nlp, source)
    yield run


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system says), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def first_few(sources: Iterable, n: int) -> tuple[list, Iterator | None]:
    """(the sources, None) when there are at most n of them; else (the first n + 1 read, the rest)."""
    it = iter(sources)
    head = list(itertools.islice(it, n + 1))
    return (head, None) if len(head) <= n else (head, it)


@contextmanager
def process_pool(workers: int, ontology_dir=None, inline_up_to: int = 0, task=None, in_order: bool = False):
    """N processes extract: this one and N-1 helpers, each loading the models once. This process writes the
    store too, and extracts a document itself only while every helper has a full queue, so N processes
    share N cores instead of N helpers and a writer competing for them. Helpers are spawned, not forked:
    a child inherits no store handle and none of this process's threads. With `inline_up_to`, a build of
    that many documents or fewer runs in this process alone: a helper would only load the models for them.
    `task(nlp, source)` makes each result (`build` unless given). `in_order` (`kg extract`, which prints the
    results as they come): N helpers, this process extracts nothing, and the results come in input order."""
    helpers = workers if in_order else max(1, workers - 1)
    pools: list = []
    mine: dict = {}    # this process's models, this build's: a process that builds again after the ontology
                       # changed must not reuse the models of the last (worker_pipeline keeps a helper's for good)

    def here(source):
        if "nlp" not in mine:
            from extract.pipeline import build_nlp
            mine["nlp"] = build_nlp(ontology_dir)
        return (task or build)(mine["nlp"], source)

    def run(sources):
        if inline_up_to:
            head, rest = first_few(sources, inline_up_to)
            if rest is None:
                yield from (here(s) for s in head)
                return
            sources = itertools.chain(head, rest)
        sources = nonempty(sources)
        if sources is None:   # an unchanged rebuild: not even imported
            return
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        pool = ProcessPoolExecutor(helpers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=warm_up, initargs=(ontology_dir,))
        pools.append(pool)
        run_locally = here if workers > 1 and not in_order else None   # when every helper is busy
        yield from bounded_map(lambda s: pool.submit(worker_build, s, ontology_dir, task), sources,
                               helpers * IN_FLIGHT_PER_WORKER, run_locally)
    try:
        yield run
    finally:
        for pool in pools:
            pool.shutdown(wait=True, cancel_futures=True)


def parse_dask_address(address: str) -> tuple[str | None, int | None]:
    """'local' or 'local:N' -> (None, N or None) for a LocalCluster; anything else is a scheduler address."""
    if address == "local":
        return None, None
    if address.startswith("local:"):
        n = address.split(":", 1)[1]
        if not n.isdigit() or int(n) < 1:
            raise ValueError(f"--dask {address}: expected local:N with N >= 1 worker processes")
        return None, int(n)
    return address, None


@contextmanager
def dask_cluster(address: str, ontology_dir=None):
    """Dask's distributed scheduler: a LocalCluster of worker processes (`local`, `local:N`), or the
    scheduler at `address` (e.g. tcp://host:8786), whose workers have this project installed."""
    scheduler, n = parse_dask_address(address)
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise RuntimeError("--dask needs the dask extra: pip install 'energy-kg[dask]'") from None
    opened: list = []

    def connect():
        if scheduler is None:
            import logging
            cluster = LocalCluster(n_workers=n or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.ERROR)
            opened.append(cluster)
            client = Client(cluster)
        else:
            try:
                client = Client(scheduler, timeout="30s")
            except OSError as exc:
                raise RuntimeError(f"cannot reach the Dask scheduler at {scheduler}: {reason(exc)}") from None
        opened.append(client)
        return client

    def run(sources):
        sources = nonempty(sources)
        if sources is None:
            return
        client = connect()
        threads = sum(client.nthreads().values()) or 1
        yield from bounded_map(lambda s: client.submit(worker_build, s, ontology_dir, pure=False), sources,
                               threads * IN_FLIGHT_PER_WORKER)
    try:
        yield run
    finally:
        for resource in reversed(opened):
            resource.close()
