"""One node per person across documents: "Бакаев" in one article is "Алибек Бакаев" of another.

Extraction names an entity from one document only, so a person called by surname alone gets a node of
its own (`entity/bakayev`). After a build, a person whose Russian label is a single word is merged
into the one person of the store whose full name ends with that word, when there is exactly one such
person (two "… Бакаев" contradict each other, and then nothing is merged). Known actors and other
classes already share their IRIs across documents (the lexicon and the label slugs do that).

The merge rewrites each document graph in one SPARQL update: the surname node's triples move to the
full name's IRI, its labels become `skos:altLabel`s there, so every mention keeps its own provenance.
Running it again changes nothing; the result does not depend on the order documents were built in.
"""
from __future__ import annotations

import pyoxigraph as ox

from kg import EKG, ONTOLOGY_GRAPH
from kg.store import query


def _norm(word: str) -> str:
    return word.casefold().replace("ё", "е")


def person_merges(store) -> dict[str, str]:
    """{surname-only person IRI: full-name person IRI} for the unambiguous cases."""
    labels: dict[str, str] = {}
    for r in query(store, f"""SELECT DISTINCT ?p ?l WHERE {{ GRAPH ?g {{ ?p a <{EKG}Person> ; skos:prefLabel ?l
                                 FILTER(lang(?l) = "ru") }} FILTER(?g != <{ONTOLOGY_GRAPH}>) }}"""):
        labels.setdefault(r["p"].value, r["l"].value)
    by_surname: dict[str, set[str]] = {}
    for iri, label in labels.items():
        words = label.split()
        if len(words) >= 2:
            by_surname.setdefault(_norm(words[-1]), set()).add(iri)
    merges = {}
    for iri, label in labels.items():
        words = label.split()
        if len(words) == 1:
            full = by_surname.get(_norm(words[0]), set())
            if len(full) == 1:
                merges[iri] = next(iter(full))
    return merges


def _merge_update(graph: str, old: str, new: str) -> str:
    g, o, n = ox.NamedNode(graph), ox.NamedNode(old), ox.NamedNode(new)
    label = "<http://www.w3.org/2004/02/skos/core#prefLabel>"
    rdfs_label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    alt = "<http://www.w3.org/2004/02/skos/core#altLabel>"
    return f"""
DELETE {{ GRAPH {g} {{ {o} ?p ?v }} }} INSERT {{ GRAPH {g} {{ {n} ?q ?v }} }}
WHERE  {{ GRAPH {g} {{ {o} ?p ?v }} BIND(IF(?p IN ({label}, {rdfs_label}), {alt}, ?p) AS ?q) }} ;
DELETE {{ GRAPH {g} {{ ?s ?p {o} }} }} INSERT {{ GRAPH {g} {{ ?s ?p {n} }} }}
WHERE  {{ GRAPH {g} {{ ?s ?p {o} }} }} ;
DELETE {{ GRAPH {g} {{ {n} {alt} ?v }} }} WHERE {{ GRAPH {g} {{ {n} {label} ?v }} }}"""


def link_entities(store) -> int:
    """Merge surname-only persons into their full names in every document graph; returns the merges made."""
    merges = person_merges(store)
    done = 0
    for old, new in sorted(merges.items()):
        graphs = [r["g"].value for r in query(store, f"""
            SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ {{ {ox.NamedNode(old)} ?p ?v }} UNION {{ ?s ?p {ox.NamedNode(old)} }} }} }}""")]
        for graph in graphs:
            store.update(_merge_update(graph, old, new))
        done += bool(graphs)
    return done
