"""Benchmark of `kg build`: wall time and documents per second with 1, 2, ... worker processes.

    .venv/bin/python bench/build.py ../shared/corpora/factru-dev/ [--workers 1 2] [--dask local:2]

Each setting builds the folder into a fresh temporary store (the models load in every run, as for a
user), and every store's N-Quads must equal the first one's: a speed-up that changed the graph would be
no speed-up. CPU time is of this process's children (`kg build` and its workers). On a shared machine,
compare the runs of one invocation with each other, and look at the load average printed beside them.
"""
from __future__ import annotations

import argparse
import os
import resource
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
    args = parser.parse_args()
    settings = [["--workers", str(n)] for n in args.workers] + [["--dask", a] for a in args.dask]
    documents = sum(1 for _ in Path(args.folder).rglob("*.txt"))
    print(f"{documents} documents in {args.folder}; {os.cpu_count()} cores")
    reference = None
    with tempfile.TemporaryDirectory() as tmp:
        for i, options in enumerate(settings):
            load = os.getloadavg()[0]
            wall, cpu, summary = build(args.folder, Path(tmp) / f"store{i}", options)
            quads = export_bytes(open_store(Path(tmp) / f"store{i}", read_only=True), "nquads")
            reference = reference if reference is not None else quads
            same = "same graph" if quads == reference else "GRAPH DIFFERS from the first run"
            print(f"{' '.join(options):>16}: {wall:6.1f} s wall, {cpu:6.1f} s CPU, "
                  f"{documents / wall:5.2f} doc/s (load before {load:.1f}); {same}; {summary}")


if __name__ == "__main__":
    main()
