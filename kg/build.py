"""`kg build`, step by step: plan (read the inputs, skip the unchanged), extract (in this process, a process pool
or on Dask: `kg.workers`), write (one writer, the main process), link (`kg.link`), report.

Reading and skipping come before any model time: a file is unchanged when the store holds its content hash and
it was extracted by the same extractor with the same ontology files; both are looked up for a batch of files at
a time (`Store.held_documents`: point lookups in a local store, one query of the batch on a server), and the
hash is of the file's bytes, taken before any decoding or checking, so an unchanged rebuild costs about what
reading and hashing the files costs. At most a few documents are in flight per worker, so a build of any size
keeps memory flat. The store is marked before the first write and the mark is cleared once linked, so a build
killed after its last document is linked by the next one.
"""
from __future__ import annotations

import os
import sys
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Iterable, Iterator

from kg.errors import reason
from kg.stores.base import Store, StoreError, WriteRefused

INPUT_SUFFIXES = (".txt", ".html", ".htm")   # texts, and saved web pages (their article text is read)


class BuildError(Exception):
    """The extraction itself stopped (a worker process died, the scheduler went away): one line for users."""


def collect_inputs(paths: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Files to process (folders -> every *.txt, *.html, *.htm below, sorted), each named as its Path would name
    it, and (path, reason) for unusable arguments. A file named twice (itself and in its folder) is processed
    once. A name the system refuses (over its length limit) fails that argument, not the build; names are shown
    as valid UTF-8."""
    from extract.reader import shown
    files, bad = [], []
    for raw in paths:
        try:
            found, why = _inputs_of(Path(raw))
        except OSError as exc:
            found, why = [], f"cannot read: {exc.strerror or exc}"
        files.extend(found)
        if why:
            bad.append((shown(raw), why))
    seen, unique = set(), []
    for f, real in files:
        if real not in seen:
            seen.add(real)
            unique.append(f)
    return unique, bad


def _inputs_of(p: Path) -> tuple[list[tuple[str, str]], str | None]:
    """The input files one argument names, each with the file it really is (links resolved), or why it names
    none. A folder is walked once (os.scandir: the entry's type comes with its name) and resolved once; only
    a link below it is resolved apart (a path resolved per file cost more than reading and hashing it)."""
    if p.is_dir():   # in the order of sorted Paths: by their parts, compared as tuples of strings (cheaper)
        walked = _walk(_child_prefix(p), os.path.join(_real(p), ""), ())
        found = [(path, real) for _, path, real in sorted(walked, key=lambda t: t[0])]
        return found, None if found else "folder holds no .txt or .html files"
    if p.is_file():
        return [(str(p), _real(p))], None
    if p.exists():
        return [], "not a regular file or folder"   # a device, a pipe, a socket
    return [], "no such file or folder"


def _child_prefix(folder) -> str:
    """What str(folder / name) puts before name (a Path per file cost a quarter of reading and hashing it):
    nothing for ".", the folder's own trailing "/" for the root."""
    base = str(folder)
    return "" if base == "." else os.path.join(base, "")


def _real(p: Path) -> str:
    """The file p really is, as text (compared only: a Path per file cost more than reading the file)."""
    try:
        return str(p.resolve())
    except OSError:   # read_source names the problem
        return str(p)


def _walk(prefix: str, real: str, parts: tuple):
    """(parts below the argument, path, real path) of every input file below the folder named by prefix (as
    `_child_prefix` makes it) and really at `real` (ending with "/": a string joined, not os.path.join's call a
    file); links to folders are not followed, as Path.rglob does not follow them."""
    try:
        entries = list(os.scandir(prefix or "."))
    except OSError:
        return
    for entry in entries:
        name = entry.name
        link = entry.is_symlink()
        try:
            if entry.is_dir():
                if not link:
                    yield from _walk(f"{prefix}{name}/", f"{real}{name}/", (*parts, name))
                continue
            if name.lower().endswith(INPUT_SUFFIXES) and entry.is_file():
                path = prefix + name
                yield (*parts, name), path, _real(Path(path)) if link else real + name
        except OSError:
            continue


# ---------------------------------------------------------------- report

def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):   # no isatty, or closed
        return False


class Report:
    """What became of each input, said as it happens (above a progress bar for more than one file)."""

    def __init__(self, inputs: int, verbose: bool = False, progress: bool = True):
        self.inputs, self.verbose, self.show_progress = inputs, verbose, progress
        self.built = self.unchanged = self.failed = self.warnings = 0
        self.progress = None

    def start(self, files: int) -> None:
        # no bar with --quiet, nor when stderr is not a terminal (a log, a pipe): then tqdm is not even imported
        # (its import and lock cost 0.27 s of an unchanged rebuild of 1,000 files)
        if files > 1 and self.show_progress and _is_terminal(sys.stderr):
            from tqdm import tqdm
            self.progress = tqdm(total=files, unit="doc", file=sys.stderr)

    def say(self, message: str) -> None:
        if self.progress is not None:
            self.progress.write(message, file=sys.stderr)
        else:
            print(message, file=sys.stderr)

    def done(self, outcome: str, error: str | None = None) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)
        if error:
            self.say(f"error: {error}")
        if self.progress is not None:
            self.progress.update(1)

    def warn(self, path, warnings: Iterable[str]) -> None:
        for warning in warnings:
            self.warnings += 1
            self.say(f"warning: {path}: {warning}")

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress = None

    def summary(self, store: Store) -> None:
        """The last line of every build, and the store's own warning if it has one."""
        warned = f"; {self.warnings} warning(s)" if self.warnings else ""
        print(f"built {self.built}, unchanged {self.unchanged}, failed {self.failed} of {self.inputs} input(s); "
              f"store {store}: {store.triple_count()} triples{warned}", file=sys.stderr)
        warning = store.default_graph_warning()
        if warning:
            print(f"warning: {warning}", file=sys.stderr)


# ---------------------------------------------------------------- steps

def extractor(workers: int | None = None, dask: str | None = None, ontology=None, *,
              task=None) -> tuple[AbstractContextManager, str | None]:
    """(where extraction runs, a note to say so): this process, `workers` local processes, or Dask.
    No `workers` (nor Dask) is every core this process may use: one process per core, since OpenBLAS's own
    threads doubled the CPU time of Natasha's small products for nothing (bench/RESULTS.md "Speed round 6"),
    and a build of a few documents stays in this process (no helper loads the models for them).
    `task` (`kg extract`'s `kg.workers.record_line`) makes each result instead of a document graph, in input
    order. Raises ValueError for options that do not go together."""
    from kg import workers as run
    if workers is not None and workers < 1:
        raise ValueError("--workers must be 1 or more")
    if dask:
        if workers not in (None, 1):
            raise ValueError("--workers and --dask exclude each other (with Dask, the cluster has the workers)")
        run.parse_dask_address(dask)
        return run.dask_cluster(dask, ontology), f"extracting on Dask ({dask})"
    in_order = task is not None
    if workers is None:
        cores = run.usable_cores()
        return (run.process_pool(cores, ontology, inline_up_to=run.IN_FLIGHT_PER_WORKER, task=task,
                                 in_order=in_order) if cores > 1 else run.inline(ontology, task)), None
    if workers > 1:
        return (run.process_pool(workers, ontology, task=task, in_order=in_order),
                f"extracting in {workers} worker processes")
    return run.inline(ontology, task), None


# files whose content hashes a build looks up together: a server answers a batch in one query (VALUES), and the
# batch bounds what is held in memory and what one request carries, whatever the number of files
HELD_BATCH = 200


def plan(store: Store, files: list[str], report: Report, *, ontology=None, force: bool = False) -> Iterator:
    """The source texts that need extraction, read one at a time; the others are reported here."""
    from extract import VERSION
    from extract.reader import InputError, read_source, shown  # light: reading only
    from ontology import ontology_digest

    from kg.iris import document_iri, extracted_with   # not kg.graph: an unchanged rebuild needs no rdflib

    planned: dict[str, str] = {}   # key -> file; a key holds the content hash: one key, one name and text
    # a file is unchanged only if its extraction would be too: same extractor, same ontology files
    current = extracted_with(VERSION, ontology_digest(ontology))

    for start in range(0, len(files), HELD_BATCH):
        batch = _peeked(files[start:start + HELD_BATCH])
        iris = {seen[0]: document_iri(seen[0]) for _, seen in batch if seen is not None}
        hashes = {iris[seen[0]]: seen[1] for _, seen in batch if seen is not None}
        held = set() if force else store.held_documents(hashes, current)
        for path, seen in batch:
            try:
                # the bytes' hash first: an unchanged file is not decoded or checked
                if seen is not None and seen[0] not in planned and iris[seen[0]] in held:
                    planned[seen[0]] = path   # shown only in the note below, if a copy follows
                    report.done("unchanged")
                    continue
                source = read_source(path)
                if source.key in planned:   # a copy of a file this build has (same name, same bytes): one document
                    report.say(f"note: {source.path}: the same document as {shown(planned[source.key])} "
                               f"(same name and text)")
                    report.done("unchanged")
                    continue
                # not looked up again: peek_key gave the batch's lookup this key and hash from the same bytes
                # (a file it could not open, read_source refuses too, unless it changed in between)
                planned[source.key] = source.path
                report.warn(source.path, source.warnings)
            except InputError as exc:  # str() is "path: reason"
                report.done("failed", str(exc))
                continue
            except StoreError:
                raise
            except Exception as exc:  # one bad document must not stop the batch
                report.done("failed", f"{shown(path)}: {reason(exc)}")
                continue
            yield source


def _peeked(paths: list[str]) -> list[tuple[str, tuple[str, str] | None]]:
    """Each path with (document key, content hash) from the file's bytes alone (`extract.reader.peek_key`), or
    None when the file is to be read whole, which says what is wrong with it."""
    from extract.reader import peek_key   # once a batch: an import statement cost ~2 µs a file
    peeked = []
    for path in paths:
        try:
            peeked.append((path, peek_key(path)))
        except Exception:   # read_source reports it
            peeked.append((path, None))
    return peeked


def write(store: Store, built: Iterable, report: Report) -> None:
    """Each extracted document into the store, as it comes; the store is marked as not linked before the first."""
    marked = False
    for doc in built:
        if doc.error:
            report.done("failed", f"{doc.path}: {doc.error}")
            continue
        if not marked:
            store.set_link_pending(True)
            marked = True
        try:
            store.replace_document(doc.iri, doc.ntriples)
        except WriteRefused as exc:  # e.g. the server refused this graph
            report.done("failed", f"{doc.path}: {reason(exc)}")
            continue
        report.warn(doc.path, doc.warnings)
        if report.verbose:
            report.say(f"stored {doc.path}")
        report.done("built")


# A build that wrote this many documents or more links in a process of its own, which has no models: linking a
# 10,000-document build's store read 230 MB of reports and wrote 190 MB of merges beside the 540 MB of models
# the main process had loaded to extract (bench/RESULTS.md "A build's memory at 10,000 documents"); a
# smaller build links here, as a process costs about half a second to start.
LINK_APART = 200


def link(store: Store, built: int = 0) -> int:
    """Across the whole store, when anything was written since it was last linked: the result does not
    depend on build order. In another process when `built` (documents written) reaches LINK_APART and the store
    can be lent (`Store.lent`)."""
    if not store.link_pending():   # an unchanged rebuild: nothing to link, kg.link not even imported
        return 0
    if built >= LINK_APART:
        with store.lent() as location:
            if location is not None:
                return link_apart(location)
    from kg.link import link_if_pending
    return link_if_pending(store)


def link_apart(location: str) -> int:
    """`kg.link.link_if_pending` on the store at `location` in a spawned process (nothing of this one's
    memory, models included, is in it); what it raises is raised here."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from kg.link import link_store_at
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(link_store_at, location).result()


def build(store: Store, paths: list[str], extraction: tuple[AbstractContextManager, str | None], *,
          ontology=None, force: bool = False, verbose: bool = False, progress: bool = True) -> Report:
    """The whole build into `store` (which it closes); returns the report, its summary already printed."""
    files, bad = collect_inputs(paths)
    report = Report(len(files) + len(bad), verbose, progress)
    for path, why in bad:
        report.done("failed", f"{path}: {why}")
    runner, note = extraction
    store.load_ontology(ontology)
    report.start(len(files))
    if note:
        report.say(note)
    try:
        with runner as extract:
            write(store, extract(plan(store, files, report, ontology=ontology, force=force)), report)
    except StoreError:
        raise
    except Exception as exc:  # the workers themselves failed (a process died, the scheduler went away)
        raise BuildError(f"extraction stopped: {reason(exc)} (what was written is kept: run the build again "
                         f"to resume)") from None
    finally:
        report.stop()
    link(store, report.built)
    report.summary(store)
    store.close()
    return report
