"""One node per person across documents: "Бакаев" in one article is "Алибек Бакаев" of another.

Extraction names an entity from one document only, so a person called by surname alone gets a node of
its own (`entity/bakayev`). After a build, a person whose Russian label is a single word is merged
into the one person of the store whose full name ends with that word, when there is exactly one such
person (two "… Бакаев" contradict each other, and then nothing is merged). Known actors and other
classes already share their IRIs across documents (the lexicon and the label slugs do that).

The surname node's triples move to the full name's IRI in every document graph, its labels become
`skos:altLabel`s there, so every mention keeps its own provenance (`Store.merge_node`: in a local store
one SPARQL update per person; a server gets each affected graph rewritten whole). Running it again changes
nothing; the result does not depend on the order documents were built in. A build marks the store before
its first write and clears the mark once linked, so a build killed in between is linked by the next one.
"""
from __future__ import annotations

from kg import EKG, ONTOLOGY_GRAPH
from kg.stores.base import Store


def _norm(word: str) -> str:
    return word.casefold().replace("ё", "е")


def person_merges(store: Store) -> dict[str, str]:
    """{surname-only person IRI: full-name person IRI} for the unambiguous cases."""
    labels: dict[str, str] = {}
    for r in store.query(f"""SELECT DISTINCT ?p ?l WHERE {{ GRAPH ?g {{ ?p a <{EKG}Person> ; skos:prefLabel ?l
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


def link_entities(store: Store) -> int:
    """Merge surname-only persons into their full names in every document graph; returns the merges made.
    How a graph is rewritten is the store's affair (`Store.merge_node`)."""
    return sum(store.merge_node(old, new) for old, new in sorted(person_merges(store).items()))


def link_if_pending(store: Store) -> int:
    """Link when documents were written since the last linking (a build killed before it linked included),
    then clear the marker; returns the merges made."""
    if not store.link_pending():
        return 0
    done = link_entities(store)
    store.set_link_pending(False)
    return done
