"""Time `kg events`' question (ontology/queries/events_table.rq) against an older version of it, alternated.

    python bench/events_table.py STORE [--old main] [--runs 3] [--class Attack] [--since D] [--until D]
        [--actor WORDS] [--place WORDS]

Runs the question of git revision --old and the working tree's in turn, --runs times each (alternated, so that
the load of a shared machine falls on both alike), on a store opened read-only, and prints rows and seconds of
each run (the query and reading its rows, as kg.events.table does). Issue 18: the table on a 1,000-document store.
"""
from __future__ import annotations

import argparse
import subprocess
import time
from pathlib import Path

import pyoxigraph as ox

from kg.events import Filters, parameterised, query_text

QUERY_PATH = "ontology/queries/events_table.rq"


def old_text(revision: str) -> str:
    root = Path(__file__).resolve().parent.parent
    return subprocess.run(["git", "show", f"{revision}:{QUERY_PATH}"], cwd=root, check=True,
                          capture_output=True, text=True).stdout


def timed(store, sparql: str) -> tuple[int, float]:
    start = time.perf_counter()
    result = store.query(sparql)
    rows = sum(1 for _ in result)
    return rows, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store")
    parser.add_argument("--old", default="main", help="git revision of the question to compare (default main)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--class", dest="event_class", default=None)
    for option in ("--since", "--until", "--actor", "--place"):
        parser.add_argument(option, default=None, help=f"as `kg events {option}`")
    args = parser.parse_args()
    store = ox.Store.read_only(args.store)
    filters = Filters(args.since, args.until, args.event_class, args.actor, args.place)
    versions = {args.old: parameterised(old_text(args.old), filters), "new": parameterised(query_text(), filters)}
    times = {name: [] for name in versions}
    for run in range(args.runs):
        for name, sparql in versions.items():
            rows, seconds = timed(store, sparql)
            times[name].append(seconds)
            print(f"run {run + 1} {name}: {rows} rows {seconds:.2f} s", flush=True)
    for name, values in times.items():
        print(f"{name}: " + " ".join(f"{v:.1f}" for v in values) + f" s (best {min(values):.1f})")


if __name__ == "__main__":
    main()
