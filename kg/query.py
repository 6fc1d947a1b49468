"""`kg query`: SPARQL over the store, printed as a table, CSV, TSV, JSON or Turtle.

Imports pyoxigraph only (no rdflib, no spaCy) so it starts fast.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TextIO

import pyoxigraph as ox

from kg import PREFIXES

FORMATS = ("table", "csv", "tsv", "json")
_RESULT_FORMATS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
}
_POSITION = re.compile(r"^error at (\d+):(\d+):\s*(.*)$", re.S)
_NAME = re.compile(r"^[\w-]+$")


class QueryError(Exception):
    """A query that cannot be read or parsed; str() is one line. `status` is the exit status."""

    def __init__(self, message: str, status: int = 2):
        super().__init__(message)
        self.status = status


def load_query(text_or_path: str, files: bool = True) -> tuple[str, str]:
    """(query text, name for messages): a `.rq` file / existing file path, a saved question's name
    (`03_attacks`, see kg.questions), or the query itself. Without `files` (a query sent to `kg serve`: a
    request must not read the server's files) a name is a saved question's and anything else is SPARQL."""
    if _NAME.match(text_or_path) and not (files and Path(text_or_path).exists()):
        from kg.questions import find_question
        question = find_question(text_or_path)
        if question is None:   # one word is no SPARQL: a misspelt name
            raise QueryError(f"{text_or_path}: no such file or saved question (`kg query --list` lists them)")
        return question.text, (str(question.path) if files else question.name)
    if not files:
        return text_or_path, "query"
    candidate = Path(text_or_path)
    looks_like_file = text_or_path.endswith((".rq", ".sparql")) and "\n" not in text_or_path
    try:
        is_file = candidate.is_file()
    except OSError:  # e.g. name too long: it is a query
        is_file = False
    if is_file or looks_like_file:
        try:
            return candidate.read_text(encoding="utf-8"), str(candidate)
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"cannot read query file {candidate}: {exc}") from None
    return text_or_path, "query"


def syntax_message(exc: SyntaxError, name: str = "query", sparql: str | None = None) -> str:
    """'<name>:LINE:COL: invalid SPARQL: <reason>' from pyoxigraph's 'error at LINE:COL: <reason>'; when the
    query uses an undeclared prefix the reason is the declaration to add, not the parser's list of Unicode
    ranges or "expected OPTIONAL" (what it says depends on where the name stands)."""
    text = " ".join(str(exc).split())
    if sparql is not None:
        from kg.sparql_text import first_unknown_prefix_at, unknown_prefix_message, unknown_prefixes
        unknown = unknown_prefixes(sparql, PREFIXES)
        if unknown:
            line, column = first_unknown_prefix_at(sparql, PREFIXES)
            return f"{name}:{line}:{column}: invalid SPARQL: {unknown_prefix_message(unknown)}"
    m = _POSITION.match(text)
    if m:
        return f"{name}:{m.group(1)}:{m.group(2)}: invalid SPARQL: {m.group(3)}"
    return f"{name}: invalid SPARQL: {text}"


def term_text(term) -> str:
    """A term as an analyst reads it: IRIs and literal values without quotes, tags or datatypes."""
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value
    return str(term)


def format_table(variables: list[str], rows: list[list[str]]) -> str:
    widths = [len(v) for v in variables]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))
    def line(cells):
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()
    out = [line(variables), "  ".join("-" * w for w in widths)]
    out += [line(row) for row in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def _one_line(cell: str) -> str:
    return " ".join(cell.split()) if ("\n" in cell or "\t" in cell or "\r" in cell) else cell


def render(result, fmt: str = "table") -> str:
    """The text output of a pyoxigraph query result."""
    if isinstance(result, ox.QueryBoolean):
        if fmt == "json":
            return result.serialize(format=ox.QueryResultsFormat.JSON).decode("utf-8") + "\n"
        return ("true" if bool(result) else "false") + "\n"
    if isinstance(result, (ox.QueryTriples, list)):  # a list: CONSTRUCT triples from a remote store
        return (ox.serialize(result, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b"").decode("utf-8")
    if fmt in _RESULT_FORMATS:
        text = result.serialize(format=_RESULT_FORMATS[fmt]).decode("utf-8")
        return text if text.endswith("\n") else text + "\n"
    variables = [v.value for v in result.variables]
    rows = [[_one_line(term_text(solution[i])) for i in range(len(variables))] for solution in result]
    return format_table(variables, rows)


def prepared(text_or_path: str, params: dict[str, str] | None = None) -> tuple[str, str]:
    """(query text with its parameters in place, name for messages). Raises QueryError."""
    from kg.questions import ParamError, with_params
    sparql, name = load_query(text_or_path)
    try:
        return (with_params(sparql, params) if params else sparql), name
    except ParamError as exc:
        raise QueryError(f"{name}: {exc}") from None


def run(store, text_or_path: str, fmt: str = "table", out: TextIO | None = None,
        params: dict[str, str] | None = None, warn: TextIO | None = None) -> None:
    """Run a query (string, file or saved question's name, with `params` for its `# param`s) and write it in
    `fmt`; names in the ontology's namespace that it lacks are warned of on `warn`. Raises QueryError.

    `store` is a `kg.stores.Store`: a directory or a SPARQL server."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    sparql, name = prepared(text_or_path, params)
    try:
        result = store.query(sparql)
        if warn is not None:
            from kg.sparql_text import ontology_terms, vocabulary_warnings
            for line in vocabulary_warnings(sparql, lambda: ontology_terms(store), PREFIXES):
                warn.write(f"warning: {name}: {line}\n")
        text = render(result, fmt)
    except SyntaxError as exc:
        raise QueryError(syntax_message(exc, name, sparql)) from None
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"{name}: query failed: {' '.join(str(exc).split())}", status=1) from None
    (out or sys.stdout).write(text)


def json_term(term) -> dict:
    """A pyoxigraph term as SPARQL 1.1 JSON results write it (to compare answers from a server)."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out
