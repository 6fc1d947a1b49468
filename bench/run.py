"""The project's benchmark: figures, each beside a baseline measured in the same run.

    .venv/bin/python bench/run.py --docs 1000 [--sections extract,build,memory,queries,startup,view]

Sections (targets from the benchmark issue in brackets):
- extract: documents/s, CPU time and characters/s of the whole pipeline vs Natasha alone, Natasha's own Doc
           API as it ships (segment, tag_morph, parse_syntax, tag_ner) [≥ 0.85], and vs the pipeline's own
           Natasha stages (its spaCy tokenizer, morphology, syntax and NER on the same models made faster,
           extract/models.py; no lemmatizer, no ontology stages): the share of the ontology's stages, no
           target; on the same texts taking turns, the first 400
- build:   `kg build` of the first 1,000 documents into a fresh store with 1 and 2 worker processes, each
           twice (order 1 2 2 1, the faster run counts) [2 workers ≥ 1.7 × 1]
- incremental: adding one document to stores of --docs/10 and --docs documents, paired, and an unchanged
           rebuild beside reading and hashing the files (bench/incremental.py; extraction prebuilt) [≤ 1.2; ≤ 2×]
- memory:  peak resident memory of `kg build` of --docs and of --docs/10 documents [< 1.5 GB, flat]
- queries: competency questions on the store of --docs documents, median and p95, vs rdflib in memory
           (stopped after 300 s) [< 50 ms]
- startup: `kg query` as a process, vs a bare `python -c pass` [< 1 s]
- view:    seconds until the view is usable in headless chromium (bench/view.py) [< 5 s at 5,000 nodes]
- serve:   8 concurrent clients sending the competency questions to `kg serve` for 20 s (bench/serve.py):
           requests/s, latency percentiles, errors, beside the same load on Oxigraph's server alone [no errors]
The corpus is generated (bench/corpus.py) from the seed, the test texts and factru-dev, found in --corpora,
$KG_CORPORA or `shared/corpora` beside the repository or above it (a worktree's parents too); without it the run
stops, unless --corpora none asks for the project's own 3 texts only.
Machines here are noisy: compare figures of one run with each other, not across runs.
"""
from __future__ import annotations

import argparse
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import CorpusMissing, find_factru, source_texts, write_corpus  # noqa: E402

SECTIONS = ("extract", "build", "incremental", "memory", "queries", "startup", "view", "serve")
QUERIES = sorted((ROOT / "ontology" / "queries").glob("*.rq"))
KG = [sys.executable, "-m", "kg.cli"]


def row(name: str, value: str, baseline: str = "", ratio: str = "", target: str = "") -> None:
    print(f"{name:<44} {value:>16} {baseline:>16} {ratio:>8}  {target}", flush=True)


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def kg(*args, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*KG, *map(str, args)], capture_output=True, text=True, cwd=ROOT, **kw)


# ---------------------------------------------------------------- sections

def natasha_native():
    """Natasha's own `Doc` API as a user runs it (segment, morphology, syntax, NER), on natasha's models as
    natasha loads them (the same files and embedding as the pipeline's, without the pipeline's kept word ids,
    extract/models.py): the second baseline, with no spaCy in it (issue 19)."""
    import natasha
    from extract import models
    emb = models.embedding()
    steps = ((natasha.Doc.segment, natasha.Segmenter()), (natasha.Doc.tag_morph, natasha.NewsMorphTagger(emb)),
             (natasha.Doc.parse_syntax, natasha.NewsSyntaxParser(emb)),
             (natasha.Doc.tag_ner, natasha.NewsNERTagger(emb)))

    def run(texts):
        docs = []
        for text in texts:
            doc = natasha.Doc(text)
            for step, model in steps:
                step(doc, model)
            docs.append(doc)
        return docs
    return run


def bench_extract(folder: Path, chunk: int = 10) -> None:
    """The pipeline and two baselines take turns on chunks of the same texts, so a noisy neighbour slows all
    alike: "native" is Natasha alone, its own Doc API on its own models as it ships; "Natasha stages" the
    pipeline's own tokenizer and Natasha stages (morphology, syntax, NER; no lemmatizer, no ontology stages),
    which run Natasha's models faster than Natasha does (extract/models.py), so their ratio is the share of
    the ontology's stages, not a comparison with Natasha. CPU time is the process's (`process_time`); wall
    time is noise on a shared machine, the CPU ratio is the one to read."""
    from extract.pipeline import build_nlp, extract_documents
    from extract.reader import read_source

    sources = [read_source(p) for p in sorted(folder.glob("*.txt"))]
    chars = sum(len(s.text) for s in sources)
    nlp, natasha = build_nlp(), build_nlp(ontology=False)
    natasha.remove_pipe("lemmatizer")   # the pipeline's Natasha stages: segmentation, morphology, syntax, NER
    native = natasha_native()
    list(extract_documents(nlp, sources[:2]))                 # warm all up: first calls load lazily
    list(natasha.pipe(s.text for s in sources[:2]))
    native([s.text for s in sources[:2]])
    wall = {"natasha": 0.0, "native": 0.0, "pipeline": 0.0}
    cpu = dict(wall)
    for i in range(0, len(sources), chunk):
        part = sources[i:i + chunk]
        for name, run in (("natasha", lambda: list(natasha.pipe(s.text for s in part))),
                          ("native", lambda: native([s.text for s in part])),
                          ("pipeline", lambda: list(extract_documents(nlp, part)))):
            w, c = time.perf_counter(), time.process_time()
            run()
            wall[name] += time.perf_counter() - w
            cpu[name] += time.process_time() - c
    n = len(sources)
    for base, label, target in (("native", "Natasha alone", "≥ 0.85"), ("natasha", "its Natasha stages", "")):
        row(f"extract: documents/s vs {label}", f"{n / wall['pipeline']:.2f}", f"{n / wall[base]:.2f}",
            f"{wall[base] / wall['pipeline']:.2f}", target)
        row(f"extract: CPU s/document vs {label}", f"{cpu['pipeline'] / n:.3f}", f"{cpu[base] / n:.3f}",
            f"{cpu[base] / cpu['pipeline']:.2f}", target)
    row("extract: characters/s vs Natasha alone", f"{chars / wall['pipeline']:,.0f}",
        f"{chars / wall['native']:,.0f}")


def build_time(folder: Path, *options) -> tuple[float, str]:
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        r = kg("build", folder, "--store", Path(tmp) / "s", *options)
        wall = time.perf_counter() - t
    if r.returncode:
        raise SystemExit(f"kg build failed: {r.stderr[-500:]}")
    return wall, r.stderr.strip().splitlines()[-1]


def bench_build(folder: Path) -> None:
    """Each way twice, in the order 1 2 2 1 (a drift in the machine's load then falls on both alike);
    the faster run of each counts, as the one a neighbour disturbed least."""
    n = len(list(folder.glob("*.txt")))
    runs: dict[str, list[float]] = {"1": [], "2": []}
    for workers in "1221":
        runs[workers].append(build_time(folder, "--workers", workers)[0])
    one, two = min(runs["1"]), min(runs["2"])
    row("build: seconds, 2 workers | 1 worker", f"{two:.1f}", f"{one:.1f}", f"{one / two:.2f}", "≥ 1.70")
    row("build: documents/s, 2 workers | 1 worker", f"{n / two:.2f}", f"{n / one:.2f}")
    row("build: every run, s (order 1 2 2 1)", " ".join(f"{t:.1f}" for t in runs["2"]),
        " ".join(f"{t:.1f}" for t in runs["1"]))


def peak_rss_of_build(folder: Path, store: Path) -> float:
    """MB: the peak resident memory of a `kg build` process (run alone, so RUSAGE_CHILDREN is its own)."""
    script = ("import resource, subprocess, sys; "
              f"r = subprocess.run({[*KG, 'build', str(folder), '--store', str(store)]!r}, capture_output=True); "
              "sys.exit(r.returncode) if r.returncode else "
              "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    if r.returncode:
        raise SystemExit(f"kg build failed ({r.returncode}): {r.stderr[-500:]}")
    return int(r.stdout.strip()) / 1024


def bench_memory(big: Path, small: Path, store: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        small_mb = peak_rss_of_build(small, Path(tmp) / "s")
    big_mb = peak_rss_of_build(big, store)
    n_big, n_small = len(list(big.glob("*.txt"))), len(list(small.glob("*.txt")))
    row(f"memory: peak MB, {n_big} docs | {n_small} docs", f"{big_mb:.0f}", f"{small_mb:.0f}",
        f"{big_mb / small_mb:.2f}", "< 1500 MB, ratio ≈ 1")


def rdflib_dataset(store, cap: float):
    """The store's quads in rdflib's in-memory Dataset (the baseline), or None when loading takes over cap s."""
    import pyoxigraph
    import rdflib
    from kg import ONTOLOGY_GRAPH
    dataset = rdflib.Dataset(default_union=True)     # the named graphs, as rdflib users would query them
    try:
        with time_limit(cap):
            for g in map(pyoxigraph.NamedNode, [*store.documents(), ONTOLOGY_GRAPH]):
                data = store.oxigraph.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=g).decode("utf-8")
                dataset.graph(rdflib.URIRef(g.value)).parse(data=data, format="nt")
    except (TimeoutError, MemoryError):
        return None
    return dataset


@contextmanager
def time_limit(seconds: float):
    """TimeoutError in this (main) thread after `seconds`: rdflib evaluates in Python, so it can be stopped."""
    def stop(signum, frame):
        raise TimeoutError
    old = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def bench_queries(store_path: Path, repeat: int = 20, cap: float = 300) -> None:
    """Our medians first, then the baseline: rdflib's load leaves gigabytes of Python objects behind it."""
    from kg import PREFIXES
    from kg.stores import open_store

    store = open_store(store_path, read_only=True)
    texts = {q.stem: q.read_text(encoding="utf-8") for q in QUERIES}
    [count] = store.oxigraph.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    in_graphs = int(count["n"].value)
    row("query store: triples in graphs | in the merge", f"{in_graphs:,}", f"{len(store.oxigraph) - in_graphs:,}")
    ours = {}
    for name, sparql in texts.items():
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            rows = list(store.query(sparql))
            times.append(time.perf_counter() - t)
        ours[name] = (len(rows), statistics.median(times), sorted(times)[max(0, int(len(times) * 0.95) - 1)])
    t = time.perf_counter()
    dataset = rdflib_dataset(store, cap)
    row("query baseline: rdflib load, s", f"{time.perf_counter() - t:.0f}" if dataset is not None
        else f"> {cap:.0f}")
    for name, sparql in texts.items():
        n, med, p95 = ours[name]
        base = ratio = "-"
        if dataset is not None:
            t = time.perf_counter()
            try:
                with time_limit(cap):
                    list(dataset.query(sparql, initNs=PREFIXES))
                b = time.perf_counter() - t
                base, ratio = f"{b * 1000:,.0f} ms", f"{b / med:,.0f}x"
            except TimeoutError:
                base, ratio = f"> {cap:.0f} s", f"> {cap / med:,.0f}x"
            except Exception as exc:   # rdflib 7 cannot evaluate the event table (an unbound ?other in GROUP_CONCAT)
                base = f"rdflib fails: {type(exc).__name__}"
        row(f"query {name[:28]} ({n} rows)", f"{med * 1000:.1f} | {p95 * 1000:.1f} ms", base, ratio,
            "median < 50 ms")


def bench_startup(store: Path, repeat: int = 5) -> None:
    def wall(cmd) -> float:
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            subprocess.run(cmd, capture_output=True, cwd=ROOT, check=True)
            times.append(time.perf_counter() - t)
        return statistics.median(times)
    ours = wall([*KG, "query", "--store", str(store), "ASK { ?s ?p ?o }"])
    bare = wall([sys.executable, "-c", "pass"])
    row("startup: kg query, s (| python -c pass)", f"{ours:.2f}", f"{bare:.2f}", f"{ours / bare:.1f}x", "< 1 s")


def bench_view(store: Path) -> None:
    import view
    view.main(["--store", str(store), "--sizes", "5000", "--cap", "60"])


def bench_serve(store: Path, seconds: float = 20, clients: int = 8) -> None:
    import serve
    ours, base = serve.compare(store, clients, seconds)
    rate = {k: len(v["latencies"]) / v["wall"] for k, v in (("ours", ours), ("base", base))}
    row(f"serve: requests/s, {clients} clients (| Oxigraph alone)", f"{rate['ours']:.0f}", f"{rate['base']:.0f}",
        f"{rate['ours'] / rate['base']:.2f}")
    for p in (50, 95, 99):
        a, b = serve.percentile(ours["latencies"], p), serve.percentile(base["latencies"], p)
        row(f"serve: latency p{p}, ms", f"{a * 1000:.1f}", f"{b * 1000:.1f}", f"{a / b:.2f}")
    errors = ours["errors"] + base["errors"]
    row("serve: errors or wrong answers", f"{len(ours['errors'])}", f"{len(base['errors'])}", "", "none")
    for e in errors[:5]:
        print("  " + e)


EXTRACT_DOCS = 400    # enough for steady figures; the extraction section runs each text twice
BUILD_DOCS = 1000     # enough that loading the models (once per process) is a small part of a build


def sample(tmp: str, name: str, corpus: Path, limit: int) -> Path:
    """The corpus itself, or a folder of its first `limit` documents."""
    paths = sorted(corpus.glob("*.txt"))
    if len(paths) <= limit:
        return corpus
    folder = Path(tmp) / name
    folder.mkdir()
    for p in paths[:limit]:
        (folder / p.name).symlink_to(p)
    return folder


def factru_dir(option: str | None) -> Path | None | str:
    """factru-dev's folder, None when `option` is 'none', or why it cannot be used (a message): figures
    measured on the 3 texts of the repository alone are not comparable with those on 125, so the run does not
    fall back to them silently."""
    if option and option.lower() == "none":
        return None
    try:
        return find_factru(Path(option) if option else None)
    except CorpusMissing as exc:
        return str(exc)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=100, help="documents in the generated corpus (default 100)")
    ap.add_argument("--sections", default=",".join(SECTIONS), help="comma-separated: " + ",".join(SECTIONS))
    ap.add_argument("--corpora", help="folder holding factru-dev/ (default $KG_CORPORA or shared/corpora found "
                    "beside the repository or above it); 'none': the seed and test texts only")
    ap.add_argument("--serve-seconds", type=float, default=20, help="load time of each server (default 20)")
    args = ap.parse_args(argv)
    sections = [s.strip() for s in args.sections.split(",") if s.strip()]
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        ap.error(f"unknown sections: {', '.join(sorted(unknown))}")
    factru = factru_dir(args.corpora)
    if isinstance(factru, str):
        ap.error(factru)
    print(f"machine: {cpu_model()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"load average {os.getloadavg()[0]:.1f}; {args.docs} documents "
          f"of {len(source_texts(factru))} source texts")
    row("figure", "value", "baseline", "ratio", "target")
    with tempfile.TemporaryDirectory() as tmp:
        big, small = Path(tmp) / "big", Path(tmp) / "small"
        write_corpus(big, args.docs, factru)
        write_corpus(small, max(1, args.docs // 10), factru)
        store = Path(tmp) / "store"
        if "extract" in sections:   # the first documents of the corpus (the same texts as the big build's)
            bench_extract(sample(tmp, "extract", big, EXTRACT_DOCS))
        if "build" in sections:
            bench_build(sample(tmp, "build", big, BUILD_DOCS))
        if "incremental" in sections:
            import incremental
            incremental.main(["--sizes", str(max(1, args.docs // 10)), str(args.docs), "--work", str(Path(tmp) / "incr")])
        if "memory" in sections or {"queries", "startup", "view", "serve"} & set(sections):
            if "memory" in sections:
                bench_memory(big, small, store)          # also leaves the store the next sections read
            else:   # the store only (no memory figure): two workers build it sooner
                kg("build", big, "--store", store, "--workers", "2")
        if "queries" in sections:
            bench_queries(store)
        if "startup" in sections:
            bench_startup(store)
        if "view" in sections:
            bench_view(store)
        if "serve" in sections:
            bench_serve(store, args.serve_seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
