"""`kg serve` on stores of several sizes: seconds until it serves, and the front's peak memory after it has
served the view (the first page, and around a name) and a query. The front is the Python process; the Oxigraph
children answering queries (the view's too) are apart, with their own limit (--max-memory): the largest one's
peak is shown beside it.

    .venv/bin/python bench/serve_memory.py STORE [STORE ...] [--focus Россия] [--code DIR]

--code runs another checkout's `kg serve` (e.g. the main one, which renders the whole store's view at
start-up) on the same stores, for a before/after in one run.
"""
from __future__ import annotations

import argparse
import http.client
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.serve import free_port  # noqa: E402


def peak_mb(pid: int) -> float:
    """The process's peak resident memory (VmHWM), MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def children_peak_mb(pid: int) -> float:
    """The largest peak resident memory among the process's children (kg serve's Oxigraph servers), MB."""
    children = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children += (task / "children").read_text().split()
    return max((peak_mb(int(c)) for c in children), default=float("nan"))


def get(port: int, path: str, timeout: float = 600) -> tuple[int, int, float]:
    """(status, body bytes, seconds) of one GET."""
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        body = resp.read()
    finally:
        conn.close()
    return resp.status, len(body), time.perf_counter() - start


def measure(store: Path, code: Path, focus: str) -> dict:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(code)}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(store), "--port", str(port)],
                            cwd=code, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        for line in proc.stderr:
            if line.startswith("serving"):
                break
        else:
            raise SystemExit(f"kg serve did not start on {store}")
        ready = time.perf_counter() - start
        out = {"ready": ready, "start_mb": peak_mb(proc.pid)}
        out["view"] = get(port, "/view")
        out["focus"] = get(port, "/view?focus=" + quote(focus) + "&hops=1")
        out["query"] = get(port, "/query?query=" + quote("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))
        out["peak_mb"] = peak_mb(proc.pid)
        out["children_mb"] = children_peak_mb(proc.pid)
        return out
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("stores", nargs="+", type=Path)
    ap.add_argument("--focus", default="Россия")
    ap.add_argument("--code", type=Path, action="append", default=[],
                    help="another checkout to run as well (repeatable); this one always runs")
    args = ap.parse_args(argv)
    from kg.stores.local import LocalStore
    sizes = {}
    for store in args.stores:
        s = LocalStore(store, read_only=True)
        sizes[store] = len(s.documents())
        del s
    print(f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    print(f"{'code':24} {'documents':>9} {'ready s':>8} {'MB at start':>11} {'/view s':>8} {'/view MB':>9} "
          f"{'focus s':>8} {'peak MB':>8} {'Oxigraph MB':>11}")
    for code in [ROOT, *args.code]:
        peaks = []
        for store in args.stores:
            m = measure(store, code, args.focus)
            peaks.append(m["peak_mb"])
            print(f"{str(code)[-24:]:24} {sizes[store]:9d} {m['ready']:8.1f} {m['start_mb']:11.0f} "
                  f"{m['view'][2]:8.1f} {m['view'][1] / 1e6:9.1f} {m['focus'][2]:8.1f} {m['peak_mb']:8.0f}"
                  f" {m['children_mb']:11.0f}  (statuses {m['view'][0]} {m['focus'][0]} {m['query'][0]})", flush=True)
        print(f"{str(code)[-24:]:24} peak memory, largest / smallest store: {peaks[-1] / peaks[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
