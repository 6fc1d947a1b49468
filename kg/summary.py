"""`kg summary`: what is in the store, and the answers to the competency questions (ontology/queries/*.rq)."""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TextIO


from kg import ONTOLOGY_GRAPH
from kg.questions import saved_questions
from kg.query import QueryError, format_table, render, syntax_message, term_text
from kg.stores.base import Store

_ONT = f"<{ONTOLOGY_GRAPH}>"
_CLASS_LABEL = f"""OPTIONAL {{ GRAPH {_ONT} {{ ?c rdfs:label ?lab FILTER(langMatches(lang(?lab), "en")) }} }}
  OPTIONAL {{ GRAPH {_ONT} {{ ?c rdfs:label ?any }} }}"""

ENTITIES_BY_CLASS = f"""
SELECT ?c (SAMPLE(COALESCE(?lab, ?any)) AS ?label) (COUNT(DISTINCT ?e) AS ?n) WHERE {{
  GRAPH ?g {{ ?e a ?c }} FILTER(?g != {_ONT}) FILTER EXISTS {{ ?e skos:prefLabel ?pl }}
  {_CLASS_LABEL}
}} GROUP BY ?c ORDER BY DESC(?n) ?c"""

# Events, not reports: an event several documents report (an ekg:MergedEvent) counts once, by its main report.
EVENTS_BY_TYPE = f"""
SELECT ?c (SAMPLE(COALESCE(?lab, ?any)) AS ?label) (COUNT(DISTINCT ?e) AS ?n) WHERE {{
  GRAPH ?g {{ ?e ekg:sourceDocument ?d ; a ?c }} FILTER(?g != {_ONT})
  FILTER NOT EXISTS {{ ?m ekg:hasReport ?e FILTER NOT EXISTS {{ ?m ekg:mainReport ?e }} }}
  {_CLASS_LABEL}
}} GROUP BY ?c ORDER BY DESC(?n) ?c"""


def _local(iri: str) -> str:
    return iri.rstrip("/#").replace("#", "/").rsplit("/", 1)[-1]


def counts(store: Store) -> dict:
    def grouped(sparql):
        return [((term_text(r["label"]) or _local(r["c"].value)), int(r["n"].value)) for r in store.query(sparql)]
    return {
        "documents": len(store.documents()),
        "entities": grouped(ENTITIES_BY_CLASS),
        "events": grouped(EVENTS_BY_TYPE),
        "triples": store.triple_count(),
    }


NUMBERED = re.compile(r"\d\d_")   # the competency questions are NN_slug.rq (ontology/README.md)


def competency_questions(queries_dir: str | os.PathLike | None = None) -> list[tuple[Path, str, str]]:
    """(file, question, query) for every .rq in the folder (default: ontology/queries), sorted by file name."""
    return [(q.path, q.question, q.text) for q in saved_questions(queries_dir)]


def summarize(store: Store, out: TextIO, queries_dir: str | os.PathLike | None = None) -> int:
    """Print the summary; returns the number of competency queries that failed."""
    c = counts(store)
    out.write(f"documents: {c['documents']}\ntriples:   {c['triples']} (in document graphs)\n\n")
    total = sum(n for _, n in c["entities"])
    out.write(f"entities by class ({total}):\n")
    out.write(format_table(["class", "count"], [[k, str(n)] for k, n in c["entities"]]) + "\n")
    total = sum(n for _, n in c["events"])
    out.write(f"events by type ({total}):\n")
    out.write(format_table(["type", "count"], [[k, str(n)] for k, n in c["events"]]) + "\n")
    failed = 0
    for f, question, sparql in competency_questions(queries_dir):
        if not NUMBERED.match(f.name):   # a table, not an answer to read here (events_table.rq: `kg events`)
            continue
        out.write(f"CQ ({f.name}): {question}\n")
        try:
            out.write(render(store.query(sparql), "table") + "\n")
        except SyntaxError as exc:
            failed += 1
            out.write(f"error: {syntax_message(exc, str(f), sparql)}\n\n")
        except (OSError, RuntimeError, ValueError, QueryError) as exc:
            failed += 1
            out.write(f"error: {f}: {exc}\n\n")
    return failed
