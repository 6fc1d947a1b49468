"""Add new documents, one build each, to a fresh copy of each store (bench/incremental.py's prebuilt extraction
and copies), sizes taking turns, with the code of CODE_ROOT: so that two versions are paired in one run on the
same stores.

    python bench/incremental_add.py CODE_ROOT WORK REPEATS [--sizes 1000 10000] [--docs 1]

WORK holds store-SIZE, corpus/ and records.pickle as bench/incremental.py --work leaves them. The documents added
are the first --docs that no store holds (doc_SIZE.txt of the largest size and those after it: corpus/ must hold
them), in order, each a `kg.build.build` of its own, as documents come day by day. A warm-up add first (the
lexicon's loading). Prints the wall and CPU seconds (`time.process_time`: every thread of the process, RocksDB's
too) of each add, then the medians and their ratio, largest size to smallest; with --docs, also the medians of
each copy's adds summed (the documents differ: one may cost ten times another)."""
import argparse
import os
import pickle
import statistics
import sys
import time
from pathlib import Path

ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument("code", help="the repository whose kg/ is measured")
ap.add_argument("work", type=Path)
ap.add_argument("repeats", type=int)
ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
ap.add_argument("--docs", type=int, default=1, help="documents added one after another into each copy")
args = ap.parse_args()
sys.path.insert(0, f"{args.code}/bench")
from incremental import build_in_process, copy_store  # noqa: E402  (puts CODE_ROOT first on the path)

sizes = sorted(args.sizes)
records = pickle.loads((args.work / "records.pickle").read_bytes())
new = [args.work / "corpus" / f"doc_{sizes[-1] + i:05d}.txt" for i in range(args.docs)]
copy = args.work / "copy-add"
copy_store(args.work / f"store-{sizes[0]}", copy)
build_in_process(copy, new[:1], records)
wall: dict[int, list[float]] = {s: [] for s in sizes}
cpu: dict[int, list[float]] = {s: [] for s in sizes}
for rep in range(args.repeats):
    for size in (sizes if rep % 2 == 0 else sizes[::-1]):
        copy_store(args.work / f"store-{size}", copy)
        for path in new:
            start = time.process_time()
            seconds, summary = build_in_process(copy, [path], records)
            wall[size].append(seconds)
            cpu[size].append(time.process_time() - start)
            print(f"{size} {path.stem}: {seconds:.3f} s, CPU {cpu[size][-1]:.3f} s, load {os.getloadavg()[0]:.1f}",
                  flush=True)


def report(what: str, runs: dict[int, list[float]], cpus: dict[int, list[float]]) -> None:
    med = {s: (statistics.median(runs[s]), statistics.median(cpus[s])) for s in sizes}
    print(f"{args.code}, {what}: " + ", ".join(f"{s}: {w:.3f} s (CPU {c:.3f})" for s, (w, c) in med.items())
          + f"; ratio {med[sizes[-1]][0] / med[sizes[0]][0]:.2f} (CPU {med[sizes[-1]][1] / med[sizes[0]][1]:.2f}),"
          f" {len(runs[sizes[0]])} a size")


report("an add", wall, cpu)
if args.docs > 1:
    def summed(runs):
        return {s: [sum(runs[s][i:i + args.docs]) for i in range(0, len(runs[s]), args.docs)] for s in sizes}
    report(f"{args.docs} adds in a row", summed(wall), summed(cpu))
