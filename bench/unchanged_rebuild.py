"""An unchanged rebuild of a store's folder, code roots taking turns (e.g. main and a branch), each in its own
process: `kg.build.build` in process (one warm-up build, then --reps timed) beside reading and hashing the same
files, then the whole `kg build FOLDER --store COPY` process. Each figure in wall time and in CPU time (this
process's, all its threads; the child's for the whole process), the latter less bent by other load on the machine.

    .venv/bin/python bench/unchanged_rebuild.py /work/main . --work /tmp/incr13-work --size 1000

WORK holds store-SIZE and folder-SIZE as bench/incremental.py --work leaves them; each run gets a fresh copy of
the store (bench/incremental.py's copy_store), left to settle (`kg.stores.held.SETTLED_NS`) so that its first
build, timed apart ("first"), records what it found for the next ones, as a store last written a while ago
is. The extraction given to the build fails if it is ever called. Reading and hashing is timed two ways: as
`Path.read_bytes` does it (the figure of issue 19), and with `os.open`/`os.read` (no file object), the least
Python can do.
The whole process's figure includes compiling every module when no bytecode may be written (the helpers'
PYTHONDONTWRITEBYTECODE=1): unset that and set PYTHONPYCACHEPREFIX=DIR to time it as an installed package runs.
"""
from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path


def one(code: str, store: Path, folder: Path, reps: int) -> None:
    """In the process of one code root: medians of the unchanged rebuild and of reading and hashing."""
    sys.path.insert(0, code)
    from kg.build import build
    from kg.stores.local import LocalStore
    files = sorted(folder.glob("*.txt"))

    @contextlib.contextmanager
    def never():
        def run(sources):
            for _ in sources:
                raise AssertionError("an unchanged rebuild extracted a document")
            return iter(())
        yield run

    def rebuild() -> tuple[float, float, str]:
        err = io.StringIO()
        start, cpu = time.perf_counter(), time.process_time()
        with contextlib.redirect_stderr(err):
            build(LocalStore(store), [str(folder)], (never(), None), progress=False)
        return time.perf_counter() - start, time.process_time() - cpu, err.getvalue().strip().splitlines()[-1]

    def hashing() -> tuple[float, float]:
        start, cpu = time.perf_counter(), time.process_time()
        for p in files:
            hashlib.sha256(p.read_bytes()).hexdigest()
        return time.perf_counter() - start, time.process_time() - cpu

    def hashing_os() -> tuple[float, float]:
        start, cpu = time.perf_counter(), time.process_time()
        for p in files:
            fd = os.open(p, os.O_RDONLY)
            hashlib.sha256(os.read(fd, os.fstat(fd).st_size + 1)).hexdigest()
            os.close(fd)
        return time.perf_counter() - start, time.process_time() - cpu
    wall, cpu, said = rebuild()
    print(f"{code}: first build of the copy: wall {wall:.3f} s, cpu {cpu:.3f} s; {said}")
    same, hashed, hashed_os = [], [], []
    for _ in range(reps):
        hashed.append(hashing())
        hashed_os.append(hashing_os())
        same.append(rebuild()[:2])
    for i, what in enumerate(("wall", "cpu")):
        a, b, c = [t[i] for t in same], [t[i] for t in hashed], [t[i] for t in hashed_os]
        print(f"{code}: {what}: unchanged {statistics.median(a):.4f} s, read+hash {statistics.median(b):.4f} s, "
              f"ratio {statistics.median(a) / statistics.median(b):.2f} (os.read: {statistics.median(c):.4f} s, "
              f"ratio {statistics.median(a) / statistics.median(c):.2f}); runs {' '.join(f'{t:.4f}' for t in a)} / "
              f"{' '.join(f'{t:.4f}' for t in b)} / {' '.join(f'{t:.4f}' for t in c)}", flush=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("codes", nargs="+", help="code roots (each a checkout of the project)")
    ap.add_argument("--work", type=Path, required=True)
    ap.add_argument("--size", type=int, default=1000)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    store, folder, copy = args.work / f"store-{args.size}", args.work / f"folder-{args.size}", args.work / "copy-same"
    if args.one:
        one(args.one, copy, folder, args.reps)
        return 0
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from incremental import copy_store
    codes = [str(Path(c).resolve()) for c in args.codes]
    settle = 2.5   # kg.stores.held.SETTLED_NS (not imported: the code roots may not have it) and a margin
    for _ in range(args.rounds):
        for code in codes:
            copy_store(store, copy)
            time.sleep(settle)
            subprocess.run([sys.executable, __file__, *codes, "--work", str(args.work), "--size", str(args.size),
                            "--reps", str(args.reps), "--one", code], env={**os.environ, "PYTHONPATH": code},
                           check=True)
    for _ in range(args.rounds + 1):
        for code in codes:
            copy_store(store, copy)
            time.sleep(settle)
            for run in ("first", "next"):
                start, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
                r = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(folder), "--store", str(copy),
                                    "--quiet"], cwd=code, env={**os.environ, "PYTHONPATH": code},
                                   capture_output=True, text=True)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
                print(f"{code}: kg build FOLDER ({run}), whole process {time.perf_counter() - start:.2f} s, CPU "
                      f"{cpu:.3f} s; {r.stderr.strip().splitlines()[-1] if r.stderr.strip() else r.returncode}",
                      flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
