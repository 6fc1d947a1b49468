"""Saved questions (ontology/queries/*.rq): found by name, listed, and asked with parameters.

A question's header comments state it and its parameters:

    # CQ: Which attacks hit the assets of an operator?
    # param operator: the operator's name, any of its labels (e.g. КТК)
    # param since (date): the earliest day, YYYY-MM-DD

and each parameter is a `VALUES ?name { UNDEF }` in the query. Left as it is, the question asks about every
value, so the file runs unchanged in YASGUI or any SPARQL client. `kg query NAME --param name=value` replaces
that UNDEF with the value as a SPARQL term (a string, a date, a number or an IRI, written and escaped by
pyoxigraph), never with the text pasted in.
"""
from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ontology.terms import XSD_NS

_CQ = re.compile(r"^#\s*CQ:\s*(.*)$")
_PARAM = re.compile(r"^#\s*param\s+([A-Za-z_]\w*)\s*(?:\((\w+)\))?\s*:\s*(.*)$")
KINDS = {"text": "string", "date": "date (YYYY-MM-DD)", "integer": "whole number", "iri": "absolute IRI"}


class ParamError(ValueError):
    """A parameter that is not declared, not of its kind, or has no place in the query; str() is one line."""


@dataclass(frozen=True)
class Param:
    name: str
    kind: str          # one of KINDS
    description: str


@dataclass(frozen=True)
class Question:
    path: Path
    question: str
    params: tuple[Param, ...]
    text: str

    @property
    def name(self) -> str:
        return self.path.stem


def default_folder() -> Path:
    from ontology import ONTOLOGY_DIR
    return Path(ONTOLOGY_DIR) / "queries"


def declared_params(text: str) -> tuple[Param, ...]:
    """The `# param` lines of a query's header (the comments before its first other line)."""
    out = []
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith("#"):
            break
        m = _PARAM.match(line)
        if m:
            kind = (m.group(2) or "text").lower()
            if kind not in KINDS:
                raise ParamError(f"parameter {m.group(1)}: unknown kind {kind!r} (choose from {', '.join(KINDS)})")
            out.append(Param(m.group(1), kind, m.group(3).strip()))
    return tuple(out)


def read_question(path: Path) -> Question:
    text = path.read_text(encoding="utf-8")
    question = next((m.group(1).strip() for line in text.splitlines() if (m := _CQ.match(line.strip()))), path.stem)
    return Question(path, question, declared_params(text), text)


def saved_questions(folder: str | os.PathLike | None = None) -> list[Question]:
    """Every .rq of the folder (default: ontology/queries), by file name."""
    folder = Path(folder) if folder else default_folder()
    return [read_question(f) for f in sorted(folder.glob("*.rq"))] if folder.is_dir() else []


def find_question(name: str, folder: str | os.PathLike | None = None) -> Question | None:
    """The question whose file is NAME.rq, or the only one whose name starts with NAME (`03` for 03_attacks)."""
    found = saved_questions(folder)
    exact = [q for q in found if q.name == name]
    starting = [q for q in found if q.name.startswith(name)]
    return exact[0] if exact else starting[0] if len(starting) == 1 else None


def sparql_term(param: Param, value: str) -> str:
    """The value as a SPARQL term of the parameter's kind, escaped by pyoxigraph's own writer."""
    try:
        if param.kind == "date":
            term = ox.Literal(datetime.date.fromisoformat(value).isoformat(), datatype=ox.NamedNode(XSD_NS + "date"))
        elif param.kind == "integer":
            term = ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD_NS + "integer"))
        elif param.kind == "iri":
            if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value):
                raise ValueError("not an absolute IRI")
            term = ox.NamedNode(value)
        else:
            term = ox.Literal(value)
    except ValueError as exc:
        raise ParamError(f"parameter {param.name}: {value!r} is not a {KINDS[param.kind]}: {exc}") from None
    return str(term)


def _placeholder(name: str) -> re.Pattern:
    return re.compile(r"(?i)(\bVALUES\s+[?$]" + re.escape(name) + r"\s*\{\s*)UNDEF(\s*\})")


def with_params(text: str, values: dict[str, str]) -> str:
    """The query with each given parameter's `VALUES ?name { UNDEF }` holding its value."""
    declared = {p.name: p for p in declared_params(text)}
    for name, value in values.items():
        if name not in declared:
            known = ", ".join(declared) or "none"
            raise ParamError(f"unknown parameter {name!r}: this query declares {known} (see `kg query --list`)")
        pattern = _placeholder(name)
        if not pattern.search(text):
            raise ParamError(f"parameter {name}: the query has no `VALUES ?{name} {{ UNDEF }}` to put it in")
        term = sparql_term(declared[name], value)
        text = pattern.sub(lambda m: m.group(1) + term + m.group(2), text)
    return text


def parse_assignments(items: list[str] | None) -> dict[str, str]:
    """{'target': 'Матильда'} from ['target=Матильда'] (the value may hold '=')."""
    out = {}
    for item in items or ():
        name, eq, value = item.partition("=")
        if not eq or not name.strip():
            raise ParamError(f"--param {item!r}: write NAME=VALUE")
        out[name.strip()] = value
    return out


def listing(questions: list[Question]) -> str:
    """`kg query --list`: each name, its question, and its parameters."""
    lines = []
    for q in questions:
        lines.append(f"{q.name}: {q.question}")
        for p in q.params:
            lines.append(f"    --param {p.name}=...  ({p.kind}) {p.description}")
    return "\n".join(lines) + "\n"
