"""One node per person across documents: "Бакаев" in one article is "Алибек Бакаев" of another.

Extraction names an entity from one document only, so a person called by surname alone gets a node of
its own (`entity/bakayev`). After a build, a person whose Russian label is a single word is merged
into the one person of the store whose full name ends with that word, when there is exactly one such
person (two "… Бакаев" contradict each other, and then nothing is merged). Known actors and other
classes already share their IRIs across documents (the lexicon and the label slugs do that).

The surname node's triples move to the full name's IRI in every document graph, its labels become
`skos:altLabel`s there, so every mention keeps its own provenance. In a local store that is one SPARQL
update per person, touching only the triples that name them (and keeping the store's merge exact);
a server gets each affected document graph rewritten whole, one Graph Store Protocol PUT each.
Running it again changes nothing; the result does not depend on the order documents were built in.
"""
from __future__ import annotations

import pyoxigraph as ox

from kg import EKG, ONTOLOGY_GRAPH


def _norm(word: str) -> str:
    return word.casefold().replace("ё", "е")


def person_merges(store) -> dict[str, str]:
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


SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def merged_graph(triples, old: str, new: str) -> str:
    """N-Triples of one document graph with `old` renamed `new`; old's labels become alternative labels."""
    out = set()
    for t in triples:
        s, p, o = t.subject, t.predicate, t.object
        if s.value == old and isinstance(s, ox.NamedNode):
            s = ox.NamedNode(new)
            if p.value in (SKOS_PREF, RDFS_LABEL):
                p = ox.NamedNode(SKOS_ALT)
        if isinstance(o, ox.NamedNode) and o.value == old:
            o = ox.NamedNode(new)
        out.add(ox.Triple(s, p, o))
    prefs = {t.object for t in out if t.subject.value == new and t.predicate.value == SKOS_PREF}
    out = {t for t in out if not (t.subject.value == new and t.predicate.value == SKOS_ALT and t.object in prefs)}
    return "".join(f"{t} .\n" for t in sorted(out, key=str))


# `old` becomes `new` in every graph, as merged_graph does it; then the store's merge (its default graph)
# is brought in line for both nodes. Operations of one update apply in order, in one transaction.
_RENAME = """
DELETE {{ GRAPH ?g {{ {old} ?p ?o }} }} INSERT {{ GRAPH ?g {{ {new} ?q ?o }} }}
WHERE {{ GRAPH ?g {{ {old} ?p ?o }} BIND(IF(?p IN (<{pref}>, <{label}>), <{alt}>, ?p) AS ?q) }} ;
DELETE {{ GRAPH ?g {{ ?s ?p {old} }} }} INSERT {{ GRAPH ?g {{ ?s ?p {new} }} }} WHERE {{ GRAPH ?g {{ ?s ?p {old} }} }} ;
DELETE {{ GRAPH ?g {{ {new} <{alt}> ?l }} }} WHERE {{ GRAPH ?g {{ {new} <{alt}> ?l ; <{pref}> ?l }} }} ;
DELETE WHERE {{ {old} ?p ?o }} ;
DELETE WHERE {{ ?s ?p {old} }} ;
DELETE {{ {new} <{alt}> ?l }} WHERE {{ {new} <{alt}> ?l FILTER NOT EXISTS {{ GRAPH ?g {{ {new} <{alt}> ?l }} }} }} ;
INSERT {{ {new} ?p ?o }} WHERE {{ GRAPH ?g {{ {new} ?p ?o }} }} ;
INSERT {{ ?s ?p {new} }} WHERE {{ GRAPH ?g {{ ?s ?p {new} }} }}
"""


def link_entities(store) -> int:
    """Merge surname-only persons into their full names in every document graph; returns the merges made.

    `store` is the build's store: a kg.store.LocalStore takes one update per person; a
    kg.remote.RemoteStore gets each affected document graph read, rewritten and put back whole.
    """
    merges = person_merges(store)
    done = 0
    for old, new in sorted(merges.items()):
        o = ox.NamedNode(old)
        if hasattr(store, "update"):
            done += 1
            store.update(_RENAME.format(old=o, new=ox.NamedNode(new), pref=SKOS_PREF, label=RDFS_LABEL,
                                        alt=SKOS_ALT))
            continue
        graphs = [r["g"].value for r in store.query(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ {{ {o} ?p ?v }} UNION {{ ?s ?p {o} }} }} }}")]
        for graph in graphs:
            triples = list(store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {ox.NamedNode(graph)} {{ ?s ?p ?o }} }}"))
            store.replace_document(graph, merged_graph(triples, old, new))
        done += bool(graphs)
    return done
