"""Time `kg events`' question (ontology/queries/events_table.rq) against an older version of it, alternated.

    python bench/events_table.py STORE [--old main] [--runs 3] [--class Attack] [--since D] [--until D]
        [--actor WORDS] [--place WORDS]
    python bench/events_table.py STORE --same [--old main]

Runs the question of git revision --old and the working tree's in turn, --runs times each (alternated, so that
the load of a shared machine falls on both alike), on a store opened read-only, and prints rows and seconds of
each run (the query and reading its rows, as kg.events.table does). Issue 18: the table on a 1,000-document store.
--same instead compares the CSV `kg events` writes with each version for the 14 FORMS below (whole table, each
filter alone and together): a change of the question's plan must leave every cell and the rows' order as they were.
"""
from __future__ import annotations

import argparse
import io
import subprocess
import time
from pathlib import Path

import pyoxigraph as ox

from kg.events import Filters, cell, parameterised, query_text, write_csv

QUERY_PATH = "ontology/queries/events_table.rq"
FORMS = {
    "whole table": Filters(),
    "--class Attack": Filters(event_class="Attack"),
    "--class ConflictEvent": Filters(event_class="ConflictEvent"),
    "--class Statement": Filters(event_class="Statement"),
    "--class DroneAttack": Filters(event_class="DroneAttack"),
    "--actor Медведев": Filters(actor="Медведев"),
    "--actor 'united states'": Filters(actor="united states"),
    "--place Москва": Filters(place="Москва"),
    "--place russia": Filters(place="russia"),
    "--since 2011-03-01": Filters(since="2011-03-01"),
    "--until 2010-06-30": Filters(until="2010-06-30"),
    "--since 2011-01-01 --until 2011-12-31": Filters(since="2011-01-01", until="2011-12-31"),
    "--class Statement --actor Медведев": Filters(event_class="Statement", actor="Медведев"),
    "--class Attack --place russia --since 2000-01-01": Filters("2000-01-01", None, "Attack", None, "russia"),
}


def old_text(revision: str) -> str:
    root = Path(__file__).resolve().parent.parent
    return subprocess.run(["git", "show", f"{revision}:{QUERY_PATH}"], cwd=root, check=True,
                          capture_output=True, text=True).stdout


def timed(store, sparql: str) -> tuple[int, float]:
    start = time.perf_counter()
    result = store.query(sparql)
    rows = sum(1 for _ in result)
    return rows, time.perf_counter() - start


def csv_text(store, sparql: str) -> str:
    """What `kg events` writes for this question (kg.events.table's cells, kg.events.write_csv)."""
    result = store.query(sparql)
    columns = [v.value for v in result.variables]
    out = io.StringIO()
    write_csv(columns, [{c: cell(c, solution[c]) for c in columns} for solution in result], out)
    return out.getvalue()


def same(store, old: str) -> bool:
    differ = []
    for form, filters in FORMS.items():
        before, after = (csv_text(store, parameterised(text, filters)) for text in (old, query_text()))
        print(f"{form}: {before.count(chr(10)) - 1} lines, {'same' if before == after else 'DIFFERENT'}", flush=True)
        if before != after:
            differ.append(form)
    print("every form's CSV the same" if not differ else f"{len(differ)} forms differ: {'; '.join(differ)}")
    return not differ


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store")
    parser.add_argument("--old", default="main", help="git revision of the question to compare (default main)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--class", dest="event_class", default=None)
    for option in ("--since", "--until", "--actor", "--place"):
        parser.add_argument(option, default=None, help=f"as `kg events {option}`")
    parser.add_argument("--same", action="store_true", help="compare the CSV of both versions for the FORMS")
    args = parser.parse_args()
    store = ox.Store.read_only(args.store)
    if args.same:
        raise SystemExit(0 if same(store, old_text(args.old)) else 1)
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
