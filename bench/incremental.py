"""Incremental `kg build`: adding one document to stores of --sizes documents, paired in one run, and an
unchanged rebuild beside reading and hashing the same files.

    .venv/bin/python bench/incremental.py [--sizes 1000 10000] [--repeat 3] [--work DIR]

The corpus is bench/corpus.py's (factru-dev must be found, see there). Extraction is not what is measured, and
10,000 documents through the models take hours on a shared 2-core machine, so each of the corpus's source texts
is extracted once (the models, as `kg build` runs them) and document i gets the records of its source text with
its own key, path, content hash and date (`prebuilt`): the store holds one graph per document, as a build
writes it, through `kg.build.build` itself (plan, write, link, summary); only the extraction is replaced. (Its
event dates resolved against another day than a real build would; the graphs' sizes and names are the same.)

Figures, in this process, each size's store copied afresh for every run, sizes taking turns:
- add one: `kg.build.build` of one new file into the store (plan, write, link through the index, summary);
- unchanged: `kg.build.build` of the folder of the store's files (each hashed, looked up, skipped) vs reading
  and hashing them (sha256) alone;
- also, once, `kg build NEW --store COPY` as a whole process with the real models (their loading is a constant).
"""
from __future__ import annotations

import argparse
import contextlib
import copy
import hashlib
import os
import pickle
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import source_texts, write_corpus  # noqa: E402


def source_records(paths: list[Path], n_sources: int, cache: Path) -> list:
    """The extraction records of documents 0..n_sources-1 (one per source text), from `cache` when there."""
    if cache.exists():
        records = pickle.loads(cache.read_bytes())
        if len(records) == n_sources:
            return records
    from extract.pipeline import build_nlp
    from extract.reader import read_source
    from kg.workers import extract_document
    nlp = build_nlp()
    records = [extract_document(nlp, read_source(p)) for p in paths[:n_sources]]
    cache.write_bytes(pickle.dumps(records))
    return records


@contextlib.contextmanager
def prebuilt(records: list):
    """An extraction runner (as `kg.workers.inline`) that gives document i the records of its source text,
    stamped with this code's extractor version and ontology (records cached by an older version would make
    every document look changed, and an "unchanged" rebuild rewrite them all)."""
    from extract import VERSION
    from ontology import ontology_digest

    from kg.graph import doc_iri, document_ntriples
    from kg.workers import DocumentResult
    digest = ontology_digest(None)

    def run(sources):
        for source in sources:
            i = int(Path(source.path).stem.split("_")[-1])
            doc = copy.copy(records[i % len(records)])
            doc.key, doc.path, doc.content_hash, doc.date = source.key, source.source, source.content_hash, source.date
            doc.extractor_version, doc.ontology_digest = VERSION, digest
            yield DocumentResult(source.path, str(doc_iri(source.key)), ntriples=document_ntriples(doc))
    yield run


def build_in_process(store_dir: Path, inputs: list[Path], records: list) -> tuple[float, str]:
    """(seconds, summary line) of `kg.build.build` with the prebuilt extraction."""
    import io
    from contextlib import redirect_stderr

    from kg.build import build
    from kg.stores.local import LocalStore
    err = io.StringIO()
    start = time.perf_counter()
    with redirect_stderr(err):
        build(LocalStore(store_dir), [str(p) for p in inputs], (prebuilt(records), None), progress=False)
    return time.perf_counter() - start, err.getvalue().strip().splitlines()[-1]


def copy_store(source: Path, target: Path) -> None:
    """A copy to write into, as a RocksDB checkpoint makes it: the table files (never changed once written)
    linked, the others (the manifest is appended to) copied."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, copy_function=lambda a, b: os.link(a, b) if a.endswith(".sst") else shutil.copy2(a, b))


def folder_of(work: Path, paths: list[Path], size: int) -> Path:
    """A folder of the first `size` documents (hard links), as `kg build FOLDER` is given it."""
    folder = work / f"folder-{size}"
    if not folder.is_dir():
        folder.mkdir()
        for p in paths[:size]:
            os.link(p, folder / p.name)
    return folder


def read_and_hash(paths: list[Path]) -> float:
    start = time.perf_counter()
    for p in paths:
        hashlib.sha256(p.read_bytes()).hexdigest()
    return time.perf_counter() - start


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--work", type=Path, help="keep the corpus, records and stores here (default: a temporary folder)")
    ap.add_argument("--process", action="store_true", help="also `kg build NEW` as a whole process, once per size")
    args = ap.parse_args(argv)
    sizes = sorted(args.sizes)
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-incr-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus"
    paths = sorted(corpus.glob("doc_*.txt"))
    if len(paths) < sizes[-1] + 1:
        paths = write_corpus(corpus, sizes[-1] + 1)
    n_sources = len(source_texts())
    print(f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; corpus of {len(paths)} documents from "
          f"{n_sources} source texts in {corpus}")
    start = time.perf_counter()
    records = source_records(paths, n_sources, work / "records.pickle")
    print(f"records of the {n_sources} source texts: {time.perf_counter() - start:.0f} s")
    new = paths[sizes[-1]]   # a document no store holds
    for size in sizes:
        store = work / f"store-{size}"
        if not (store / "CURRENT").exists():
            seconds, summary = build_in_process(store, paths[:size], records)
            print(f"store of {size}: built in {seconds:.0f} s; {summary}; "
                  f"{sum(f.stat().st_size for f in store.rglob('*')) / 1e6:.0f} MB")
    add: dict[int, list[float]] = {s: [] for s in sizes}
    same: dict[int, list[float]] = {s: [] for s in sizes}
    hashing: dict[int, list[float]] = {s: [] for s in sizes}
    for rep in range(args.repeat):
        for size in (sizes if rep % 2 == 0 else sizes[::-1]):
            copy_dir = work / f"copy-{size}"
            copy_store(work / f"store-{size}", copy_dir)
            seconds, summary = build_in_process(copy_dir, [new], records)
            add[size].append(seconds)
            if rep == 0:
                print(f"  add one to {size}: {summary}")
            hashing[size].append(read_and_hash(paths[:size]))
            seconds, summary = build_in_process(copy_dir, [folder_of(work, paths, size)], records)
            same[size].append(seconds)
            if rep == 0:
                print(f"  unchanged {size}: {summary}")
    print(f"{'figure':44} " + " ".join(f"{s:>10}" for s in sizes) + "      ratio")
    for name, runs in (("add one document, s (median)", add), ("unchanged rebuild, s (median)", same),
                       ("read + sha256 of the files, s (median)", hashing)):
        med = [statistics.median(runs[s]) for s in sizes]
        print(f"{name:44} " + " ".join(f"{m:10.3f}" for m in med) + f" {med[-1] / med[0]:10.2f}")
    for s in sizes:
        print(f"unchanged rebuild / read+hash at {s}: {statistics.median(same[s]) / statistics.median(hashing[s]):.2f}"
              f"  (every run, add: {' '.join(f'{t:.3f}' for t in add[s])}; unchanged: "
              f"{' '.join(f'{t:.2f}' for t in same[s])})")
    if args.process:
        for size in sizes:
            copy_dir = work / f"copy-{size}"
            copy_store(work / f"store-{size}", copy_dir)
            start = time.perf_counter()
            r = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(new), "--store", str(copy_dir)],
                               capture_output=True, text=True, cwd=ROOT)
            print(f"kg build NEW (whole process, models loaded) into {size}: {time.perf_counter() - start:.1f} s; "
                  f"{r.stderr.strip().splitlines()[-1] if r.stderr.strip() else r.returncode}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
