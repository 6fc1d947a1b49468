"""Load on `kg serve`: several clients in threads send the competency questions for a while; every answer
must equal the rows the store gives directly (a fast wrong answer is no answer).

    .venv/bin/python bench/serve.py [--store kg-store] [--clients 8] [--seconds 30]

Starts `kg serve` on a free loopback port, runs the load, prints requests served, requests/s and latency
percentiles, and stops the server. The baseline is the same load, in the same run, on Oxigraph's own
server alone (what `kg serve` runs behind its front), so the ratio is the cost of the front: the
form, the limits and one more hop on loopback. tests/test_serve_load.py runs the load for a few seconds.
"""
from __future__ import annotations

import argparse
import http.client
import json
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = ROOT / "ontology" / "queries"
JSON = "application/sparql-results+json"


def rows(bindings: list[dict]) -> list[str]:
    """Order-free form of an answer (the questions that ORDER BY still compare equal)."""
    return sorted(json.dumps(b, sort_keys=True, ensure_ascii=False) for b in bindings)


def expected_answers(store_dir) -> dict[str, tuple[str, list[str]]]:
    """{file name: (query text, rows)} of every competency question, asked of the store directly."""
    from kg.query import json_term
    from kg.stores import open_store
    store = open_store(store_dir, read_only=True)
    out = {}
    for f in sorted(QUERIES.glob("*.rq")):
        text = f.read_text(encoding="utf-8")
        result = store.query(text)
        names = [v.value for v in result.variables]
        out[f.name] = (text, rows([{n: json_term(r[n]) for n in names if r[n] is not None} for r in result]))
    return out


def ask(port: int, text: str) -> tuple[int, list[str] | str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("POST", "/query", urlencode({"query": text}),
                     {"Accept": JSON, "Content-Type": "application/x-www-form-urlencoded"})
        resp = conn.getresponse()
        body = resp.read()
    finally:
        conn.close()
    if resp.status != 200:
        return resp.status, body.decode("utf-8", "replace")[:200]
    return 200, rows(json.loads(body)["results"]["bindings"])


def load(port: int, expected: dict, clients: int, seconds: float) -> dict:
    """Run `clients` threads for `seconds`; returns {'latencies': [...], 'errors': [...], 'wall': s}."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    items = list(expected.items())
    deadline = time.monotonic() + seconds

    def client(i: int):
        n = i
        while n - i < len(items) or time.monotonic() < deadline:   # every question at least once, then until time
            name, (text, want) = items[n % len(items)]
            n += 1
            start = time.perf_counter()
            try:
                status, got = ask(port, text)
            except OSError as exc:
                status, got = 0, str(exc)
            took = time.perf_counter() - start
            with lock:
                latencies.append(took)
                if status != 200:
                    errors.append(f"{name}: {status} {got}")
                elif got != want:
                    errors.append(f"{name}: a different answer ({len(got)} rows, expected {len(want)})")

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"latencies": latencies, "errors": errors, "wall": time.monotonic() - start}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] if ordered else float("nan")


def report(stats: dict, clients: int) -> str:
    lat = stats["latencies"]
    return (f"{len(lat)} requests from {clients} clients in {stats['wall']:.1f} s: {len(lat) / stats['wall']:.1f} "
            f"requests/s; latency p50 {percentile(lat, 50) * 1000:.0f} ms, p95 {percentile(lat, 95) * 1000:.0f} ms, "
            f"p99 {percentile(lat, 99) * 1000:.0f} ms; {len(stats['errors'])} error(s)")


def start_server(store, log: Path) -> tuple[subprocess.Popen, int]:
    """`kg serve` on a free port, once its form answers."""
    from kg.serve import free_port
    port = free_port()
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(store), "--port", str(port)],
                                stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"kg serve exited with {proc.returncode}: {log.read_text()}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/")
            if conn.getresponse().status == 200:
                view = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
                view.request("GET", "/view")   # built in the background at start-up: not during the load
                view.getresponse().read()
                return proc, port
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("kg serve did not answer within 90 s")


def oxigraph_alone(store):
    """Oxigraph's server on the store, as `kg serve` starts it, without the front (the baseline)."""
    from kg.serve import Oxigraph
    from kg.stores.local import LocalStore
    union = not LocalStore(store, read_only=True).has_merge()
    server = Oxigraph(Path(store), writable=False, timeout=60, cors=False, union=union)
    server.start()
    return server


def compare(store, clients: int, seconds: float) -> tuple[dict, dict]:
    """(kg serve's figures, Oxigraph alone's figures) under the same load, one after the other."""
    expected = expected_answers(store)
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        proc, port = start_server(store, Path(tmp) / "serve.log")
        try:
            ours = load(port, expected, clients, seconds)
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(30)
    server = oxigraph_alone(store)
    try:
        base = load(server.port, expected, clients, seconds)
    finally:
        server.stop()
    return ours, base


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", default="kg-store")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args(argv)
    ours, base = compare(args.store, args.clients, args.seconds)
    print("kg serve:        " + report(ours, args.clients))
    print("Oxigraph alone:  " + report(base, args.clients))
    for e in (ours["errors"] + base["errors"])[:10]:
        print("  " + e)
    return 1 if ours["errors"] or base["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
