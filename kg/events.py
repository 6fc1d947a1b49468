"""`kg events`: the event table, one row per event, from one saved question (ontology/queries/events_table.rq).

The question selects, joins and filters: the filters (--since --until --class --actor --place) are its declared
parameters, written in as SPARQL terms by `kg.questions.with_params` as for every saved question (never spliced
in as text), and nothing is filtered here. This module only
reads the answer into typed columns and writes CSV, JSON or Parquet (pyarrow, the `parquet` extra). Imports
pyoxigraph only, like `kg query`: no models, no rdflib. The columns beside ACLED's: docs/EVENTS_TABLE.md.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from ontology.terms import EKG, EKG_NS, ONTOLOGY_GRAPH, PREFIXES, XSD_NS

QUERY_FILE = "events_table.rq"
INTEGERS = {"reports", "mentions"}
FLOATS = {"latitude", "longitude"}
BOOLEANS = {"is_report_date"}
DATES = {"date_begin", "date_end"}
# cells a GROUP_CONCAT joins: SPARQL leaves their order to the engine's evaluation, so it is sorted here
# (one table for one store, whatever the plan)
LISTS = {"cameo_code", "actor1", "actor2", "assets", "place", "source_documents", "source_urls", "outlets"}
SEPARATOR = "; "


class EventsError(Exception):
    """A filter or format that cannot be used; str() is one line for users."""


@dataclass(frozen=True)
class Filters:
    """What `kg events` keeps: events whose dates meet [since, until], of a class or a narrower one, with an
    actor (agent, target, addressee) or a place whose label contains the words given (or with that IRI)."""
    since: str | None = None
    until: str | None = None
    event_class: str | None = None
    actor: str | None = None
    place: str | None = None


def query_text() -> str:
    from ontology import ONTOLOGY_DIR
    return (Path(ONTOLOGY_DIR) / "queries" / QUERY_FILE).read_text(encoding="utf-8")


def day(text: str | None, option: str) -> ox.Literal | None:
    if text is None:
        return None
    try:
        return ox.Literal(dt.date.fromisoformat(text).isoformat(), datatype=ox.NamedNode(XSD_NS + "date"))
    except ValueError:
        raise EventsError(f"{option} {text!r} is not a date: write YYYY-MM-DD") from None


def event_class(name: str | None, store=None) -> ox.NamedNode | None:
    """The ontology's event class for `--class`: its local name in any case (attack, DroneAttack), with `ekg:` or
    without, or its IRI; else, with a store, the event class one of whose labels it is in any case ("атака",
    "Удар с воздуха": the page's legend and a Russian analyst call classes so)."""
    if name is None:
        return None
    local = name[len(EKG_NS):] if name.startswith(EKG_NS) else name.removeprefix("ekg:")
    found = next((n for n in EKG.__annotations__ if n.lower() == local.lower() and n[:1].isupper()), None)
    if found is None and store is not None:
        labelled = labelled_event_class(store, name)
        if labelled is not None:
            return labelled
    if found is None:
        raise EventsError(f"--class {name!r} is not a class of the ontology (e.g. Attack, DroneAttack, Statement, "
                          f"Meeting, or a label: Атака: ontology/README.md lists them)")
    return ox.NamedNode(EKG[found])


def labelled_event_class(store, label: str) -> ox.NamedNode | None:
    """The event class of the store's ontology graph labelled `label` (any language, any case), if one is."""
    wanted = ox.Literal(label.strip())
    rows = list(store.query(
        f"PREFIX rdfs: <{PREFIXES['rdfs']}> SELECT DISTINCT ?c WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{"
        f" ?c rdfs:label ?l ; rdfs:subClassOf* <{EKG.Event}> }} FILTER(LCASE(STR(?l)) = LCASE({wanted})) }}"))
    return rows[0]["c"] if len(rows) == 1 else None


def parameterised(sparql: str, filters: Filters, store=None) -> str:
    """The question with the filters given as its parameters' values (`kg.questions.with_params`, as `kg query
    --param` does it); the class is the ontology's IRI for its name, the dates are checked with the option's
    name in the message."""
    from kg.questions import ParamError, with_params
    wanted_class = event_class(filters.event_class, store)
    values = {"since": day(filters.since, "--since"), "until": day(filters.until, "--until"),
              "wanted_class": wanted_class.value if wanted_class is not None else None,
              "wanted_actor": filters.actor or None, "wanted_place": filters.place or None}
    try:
        return with_params(sparql, {name: getattr(v, "value", v) for name, v in values.items() if v is not None})
    except ParamError as exc:
        raise EventsError(f"{QUERY_FILE}: {exc}") from None


def cell(column: str, term):
    """A typed value: integers, floats, booleans as such, everything else as text; None for nothing
    (an unbound variable, or an empty list of agents)."""
    if term is None or term.value == "":
        return None
    if column in INTEGERS:
        return int(term.value)
    if column in FLOATS:
        return float(term.value)
    if column in BOOLEANS:
        return term.value in ("true", "1")
    if column in LISTS:
        return SEPARATOR.join(sorted(term.value.split(SEPARATOR)))
    return term.value


def table(store, filters: Filters = Filters()) -> tuple[list[str], list[dict]]:
    """(columns, rows) of the event table, in the question's order (dated events first, by date)."""
    result = store.query(parameterised(query_text(), filters, store))
    columns = [v.value for v in result.variables]
    return columns, [{c: cell(c, solution[c]) for c in columns} for solution in result]


# ---------------------------------------------------------------- writers

def write_csv(columns: list[str], rows: list[dict], out) -> None:
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: "" if v is None else ("true" if v is True else "false" if v is False else v)
                         for c, v in row.items()})


def write_json(columns: list[str], rows: list[dict], out) -> None:
    json.dump(rows, out, ensure_ascii=False, indent=1)
    out.write("\n")


def arrow_type(pa, column: str):
    if column in INTEGERS:
        return pa.int64()
    if column in FLOATS:
        return pa.float64()
    if column in BOOLEANS:
        return pa.bool_()
    if column in DATES:
        return pa.date32()
    return pa.string()


def write_parquet(columns: list[str], rows: list[dict], out: BinaryIO | str) -> None:
    """Parquet with typed columns (dates as dates, counts as integers). Needs pyarrow: the `parquet` extra."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise EventsError("--format parquet needs pyarrow: pip install 'energy-kg[parquet]' (or pip install "
                          "pyarrow); csv and json need nothing more") from None
    schema = pa.schema([(c, arrow_type(pa, c)) for c in columns])
    data = {c: [dt.date.fromisoformat(r[c]) if c in DATES and r[c] else r[c] for r in rows] for c in columns}
    pq.write_table(pa.Table.from_pydict(data, schema=schema), out)


WRITERS = {"csv": write_csv, "json": write_json}


def format_of(path: str | None) -> str:
    """The format an output file's extension names (events.json, events.parquet); CSV for any other, and stdout."""
    suffix = Path(path).suffix.lower().lstrip(".") if path else ""
    return suffix if suffix in ("json", "parquet") else "csv"


def check_output(fmt: str, path: str | None) -> None:
    """Parquet is binary: it goes to a file, never to the terminal."""
    if fmt == "parquet" and not path:
        raise EventsError("--format parquet writes a file: give --out FILE.parquet")


def write_table(columns: list[str], rows: list[dict], fmt: str, path: str | None = None) -> None:
    """The table in `fmt` to the file `path`, or to stdout (not Parquet)."""
    check_output(fmt, path)
    if fmt == "parquet":
        write_parquet(columns, rows, path)
    elif path:
        with open(path, "w", encoding="utf-8", newline="") as out:
            WRITERS[fmt](columns, rows, out)
    else:
        WRITERS[fmt](columns, rows, sys.stdout)
