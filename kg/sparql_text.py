"""What a SPARQL text names, read without parsing it: its prefixes and its terms in the project's namespace.

For the messages a parser does not give: Oxigraph answers an undeclared prefix with a list of Unicode ranges,
and a misspelt class (ekg:Atack) with a silent empty answer. `kg query` and `kg serve` (its /check, and its
/query when Oxigraph refused a query) say instead "Unknown prefix ekg: add PREFIX ekg: <...>" and "ekg:Atack
is not in the ontology (did you mean ekg:Attack?)". Strings, comments and IRIs are masked first, so a colon in
a literal or a '#' in an IRI is not read as a name. Stdlib only: `kg serve` imports it.
"""
from __future__ import annotations

import difflib
import re
from typing import Callable

from ontology.terms import EKG, EKG_NS, ONTOLOGY_GRAPH, PREFIXES

# strings (long ones first), IRIs, comments: what may hold a colon that is not a prefixed name
_MASKED = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""' r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
                     r'|"(?:[^"\\\n]|\\.)*"' r"|'(?:[^'\\\n]|\\.)*'"
                     r'|<[^<>"{}|^`\\\s]*>' r"|#[^\n]*", re.S)
_DECLARATION = re.compile(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:\s*<([^<>\s]*)>")
# a prefixed name: PN_PREFIX ':' PN_LOCAL, not a variable's tail nor part of a longer word
_NAME = re.compile(r"(?<![\w?$:.-])([A-Za-z][\w.-]*)?:((?:[\w%-]|\.(?=[\w%-])|\\.)*)")


def _masked(sparql: str) -> tuple[str, str, dict[str, str]]:
    """(the text with strings, comments and PREFIX declarations blanked out, the same with its IRIs blanked
    too, {declared prefix: namespace})."""
    def blank(m):
        return m.group() if m.group().startswith("<") else " " * len(m.group())
    with_iris = _MASKED.sub(blank, sparql)
    declared = {m.group(1) or "": m.group(2) for m in _DECLARATION.finditer(with_iris)}
    with_iris = _DECLARATION.sub(lambda m: " " * len(m.group()), with_iris)
    return with_iris, _MASKED.sub(lambda m: " " * len(m.group()), with_iris), declared


def prefixed_names(sparql: str) -> tuple[list[tuple[str, str, int]], dict[str, str]]:
    """([(prefix, local name, offset)] in text order, {declared prefix: namespace})."""
    _, text, declared = _masked(sparql)
    return [(m.group(1) or "", m.group(2), m.start()) for m in _NAME.finditer(text) if m.group(1) != "_"], declared


def unknown_prefixes(sparql: str, predeclared: dict[str, str] | None = None) -> list[str]:
    """The prefixes the text uses without declaring them (nor finding them in `predeclared`), in text order."""
    return list(dict.fromkeys(p for p, _ in _undeclared(sparql, predeclared)))


def first_unknown_prefix_at(sparql: str, predeclared: dict[str, str] | None = None) -> tuple[int, int] | None:
    """(line, column), from 1, of the first name with an undeclared prefix."""
    found = _undeclared(sparql, predeclared)
    if not found:
        return None
    before = sparql[:found[0][1]]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def _undeclared(sparql, predeclared) -> list[tuple[str, int]]:
    names, declared = prefixed_names(sparql)
    known = {**(predeclared or {}), **declared}
    return [(p, at) for p, _, at in names if p not in known]


def unknown_prefix_message(prefixes: list[str]) -> str:
    """One line: each unknown prefix with the declaration to add (the project's, when it has one)."""
    def fix(p):
        return f"PREFIX {p}: <{PREFIXES[p]}>" if p in PREFIXES else f"PREFIX {p}: <...> with its namespace"
    return "; ".join(f"Unknown prefix {p or '(empty)'}: add {fix(p)}" for p in prefixes)


ONTOLOGY_TERMS = f"""SELECT DISTINCT ?t WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ {{ ?t ?p ?o }} UNION {{ ?s ?t ?o }} UNION {{ ?s ?p ?t }} }}
  FILTER(isIRI(?t) && STRSTARTS(STR(?t), "{EKG_NS}")) }}"""


def ontology_terms(store) -> frozenset[str]:
    """The local names of the ontology's namespace that the store's ontology graph holds (the lexicon's and
    the grammar's classes and individuals too, besides those of ontology/terms.py)."""
    return frozenset(solution[0].value[len(EKG_NS):] for solution in store.query(ONTOLOGY_TERMS))


def vocabulary_warnings(sparql: str, more_terms: Callable[[], frozenset[str]] = frozenset,
                        predeclared: dict[str, str] | None = None) -> list[str]:
    """A line for each name in the ontology's namespace that is neither a term of ontology/terms.py nor one of
    `more_terms()` (asked only then), with the nearest ones: such a name (ekg:Atack) matches nothing, and the
    answer is empty without an error."""
    with_iris, text, declared = _masked(sparql)
    namespaces = {**(predeclared or {}), **declared}
    local_names = [m.group(2) for m in _NAME.finditer(text) if namespaces.get(m.group(1) or "") == EKG_NS]
    local_names += [m.group(1) for m in re.finditer("<" + re.escape(EKG_NS) + r"([^<>\s]*)>", with_iris)]
    unknown = [local for local in dict.fromkeys(local_names) if local and local not in EKG]
    known = set(EKG.__annotations__) | (more_terms() if unknown else set())
    out = []
    for local in unknown:
        if local not in known:
            near = difflib.get_close_matches(local, sorted(known), n=3, cutoff=0.75)
            hint = f" (did you mean {', '.join('ekg:' + n for n in near)}?)" if near else ""
            out.append(f"ekg:{local} is not in the ontology: it matches nothing{hint}")
    return out
