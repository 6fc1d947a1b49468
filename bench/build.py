"""Benchmark of `kg build`: wall time and documents per second with 1, 2, ... worker processes.

    .venv/bin/python bench/build.py ../shared/corpora/factru-dev/ [--workers 1 2] [--dask local:2] [--rounds 2]

Each setting builds the folder into a fresh temporary store (the models load in every run, as for a
user), and every store's N-Quads must equal the first one's: a speed-up that changed the graph would be
no speed-up. CPU time is of this process's children (`kg build` and its workers). On a shared machine,
compare the runs of one invocation with each other, and look at the load average printed beside them.
With `--rounds R` the settings run R times, every other round in reverse order (1 2 D, D 2 1, ...), so a
change of load during the run falls on every setting alike; each setting's best wall time is printed last.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.export import export_bytes  # noqa: E402
from kg.stores import open_store  # noqa: E402


def build(folder: str, store: Path, options: list[str]) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds, kg's summary line) of one build."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "kg.cli", "build", folder, "--store", str(store), *options],
                       capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode not in (0, 1):
        sys.exit(f"kg build {' '.join(options)} failed:\n{r.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, r.stderr.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--dask", nargs="*", default=[], metavar="ADDRESS", help="e.g. local:2")
    parser.add_argument("--rounds", type=int, default=1, help="runs of every setting, alternating order")
    args = parser.parse_args()
    settings = [["--workers", str(n)] for n in args.workers] + [["--dask", a] for a in args.dask]
    documents = sum(1 for _ in Path(args.folder).rglob("*.txt"))
    print(f"{documents} documents in {args.folder}; {os.cpu_count()} cores")
    reference = None
    best: dict[str, tuple[float, float]] = {}
    order = [(r, i) for r in range(args.rounds)
             for i in (range(len(settings)) if r % 2 == 0 else reversed(range(len(settings))))]
    with tempfile.TemporaryDirectory() as tmp:
        for run, (r, i) in enumerate(order):
            options = settings[i]
            load = os.getloadavg()[0]
            store = Path(tmp) / f"store{run}"
            wall, cpu, summary = build(args.folder, store, options)
            quads = export_bytes(open_store(store, read_only=True), "nquads")
            reference = reference if reference is not None else quads
            same = "same graph" if quads == reference else "GRAPH DIFFERS from the first run"
            print(f"{' '.join(options):>16}: {wall:6.1f} s wall, {cpu:6.1f} s CPU, "
                  f"{documents / wall:5.2f} doc/s (load before {load:.1f}); {same}; {summary}", flush=True)
            key = " ".join(options)
            best[key] = min(best.get(key, (wall, cpu)), (wall, cpu))
            shutil.rmtree(store)
    if args.rounds > 1:
        for key, (wall, cpu) in best.items():
            print(f"{key:>16}: best {wall:6.1f} s wall ({cpu:6.1f} s CPU), {documents / wall:5.2f} doc/s, "
                  f"{cpu / documents:.3f} CPU s per document")

if __name__ == "__main__":
    main()
