"""One event per real event across documents: reports of one strike by three outlets are one ekg:MergedEvent.

Runs after entity linking (kg.link), so that "Путин" of one article and "Владимир Путин" of another are one
participant. Reads every document's events (the reports) with their class, dates, modality, participants and
places in four queries, none per event; `kg.event_identity` says which reports join and why; the result replaces
the store's event-merges graph (`EVENT_MERGES_GRAPH`) whole. Nothing in the documents' graphs changes: each keeps
its own event, and removing the event-merges graph undoes every merge. The merged event's IRI is made from its
first report, so it stays the same when a later document adds a report (unless that report sorts first).

    <…/event/merged/H> a ekg:MergedEvent ; ekg:hasReport <doc A's event>, <doc B's event> ; ekg:mainReport <…> .
    <…/event-merge/H2> a ekg:EventMerge ; ekg:mergedEvent <…/event/merged/H> ;
        ekg:joinsReport <doc A's event>, <doc B's event> ; ekg:rule "same-class;text-date;same-place;participants=2" ;
        ekg:confidence 0.95 .

Made again from the whole store at each linking: reading it is linear in the store, the comparisons are
blocked (see kg.event_identity), so the cost per added document does not grow with the pairs of the store.
"""
from __future__ import annotations

import datetime as dt
import hashlib

from kg import EKG, EKGR
from kg.event_identity import Classes, Cluster, Place, Report, clusters
from kg.stores.base import Store
from ontology.terms import XSD_NS

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
ROLES = ("agent", "target", "addressee")


def event_classes(store: Store) -> Classes:
    """The event classes with their ancestors; ekg:Event, what is above it and ekg:OtherEvent are never merged."""
    ancestors: dict[str, set[str]] = {}
    for r in store.query("SELECT ?c ?a WHERE { ?c rdfs:subClassOf* ekg:Event ; rdfs:subClassOf* ?a }"):
        ancestors.setdefault(r["c"].value, set()).add(r["a"].value)
    tops = ancestors.get(EKG + "Event", {EKG + "Event"}) | {EKG + "Event", EKG + "OtherEvent"}
    once = {r["c"].value for r in store.query("SELECT ?c WHERE { ?c ekg:oncePerParticipant true }")}
    return Classes({c: frozenset(a) for c, a in ancestors.items()}, frozenset(tops), frozenset(once))


def day(term) -> dt.date | None:
    try:
        return dt.date.fromisoformat(term.value[:10]) if term is not None else None
    except ValueError:
        return None


def store_reports(store: Store, classes: Classes) -> list[Report]:
    """Every document's event with what merging compares. Participants are entities (IRIs), not phrases, and
    not other events."""
    base: dict[str, dict] = {}
    for r in store.query("""SELECT ?e ?doc ?c ?b ?end ?src ?m WHERE {
            ?e ekg:sourceDocument ?doc ; a ?c .
            OPTIONAL { ?e sem:hasEarliestBeginTimeStamp ?b } OPTIONAL { ?e sem:hasLatestEndTimeStamp ?end }
            OPTIONAL { ?e ekg:dateSource ?src } OPTIONAL { ?e ekg:modality ?m } }"""):
        if r["c"].value not in classes.ancestors:
            continue
        e = r["e"].value
        known = base.get(e)
        if known is not None and classes.depth(known["event_class"]) >= classes.depth(r["c"].value):
            continue
        modality = r["m"].value if r["m"] is not None else EKG + "Asserted"
        base[e] = dict(event=e, document=r["doc"].value, event_class=r["c"].value, begin=day(r["b"]),
                       end=day(r["end"]), report_date=r["src"] is not None and r["src"].value == "report date",
                       modality=modality)
    who: dict[str, set[str]] = {}
    roles = " ".join(f"ekg:{name}" for name in ROLES)
    for r in store.query(f"""SELECT DISTINCT ?e ?x WHERE {{ VALUES ?role {{ {roles} }} ?e ?role ?x
            FILTER(isIRI(?x)) FILTER NOT EXISTS {{ ?x ekg:sourceDocument ?d }} }}"""):
        who.setdefault(r["e"].value, set()).add(r["x"].value)
    people = {r["x"].value for r in store.query(f"""SELECT DISTINCT ?x WHERE {{ VALUES ?role {{ {roles} }}
            ?e ?role ?x . ?x a/rdfs:subClassOf* ekg:Person }}""")}
    where: dict[str, set[str]] = {}
    for r in store.query("""SELECT DISTINCT ?e ?p WHERE {
            ?e ekg:sourceDocument ?d ; sem:hasPlace ?p FILTER(isIRI(?p)) }"""):
        where.setdefault(r["e"].value, set()).add(r["p"].value)
    return [Report(**fields, participants=frozenset(who.get(e, ())), places=frozenset(where.get(e, ())),
                   persons=frozenset(who.get(e, set()) & people)) for e, fields in sorted(base.items())]


def store_places(store: Store) -> dict[str, Place]:
    """{place IRI: whether it is a state, its coordinates} for the places of events."""
    states = {r["p"].value for r in store.query("""SELECT DISTINCT ?p WHERE {
            ?e ekg:sourceDocument ?d ; sem:hasPlace ?p . ?p a/rdfs:subClassOf* ekg:State }""")}
    found = {p: Place(True) for p in states}
    for r in store.query("""SELECT ?p (SAMPLE(?la) AS ?lat) (SAMPLE(?lo) AS ?long) WHERE {
            ?e ekg:sourceDocument ?d ; sem:hasPlace ?p . ?p geo:lat ?la ; geo:long ?lo } GROUP BY ?p"""):
        found[r["p"].value] = Place(r["p"].value in states, float(r["lat"].value), float(r["long"].value))
    return found

def merged_iri(cluster: Cluster) -> str:
    return f"{EKGR}event/merged/{hashlib.sha1(cluster.reports[0].encode('utf-8')).hexdigest()[:16]}"


def cluster_ntriples(cluster: Cluster) -> str:
    """N-Triples of one merged event and of the joins that made it."""
    m = f"<{merged_iri(cluster)}>"
    lines = [f"{m} <{RDF_TYPE}> <{EKG}MergedEvent> .", f"{m} <{EKG}mainReport> <{cluster.main}> ."]
    lines += [f"{m} <{EKG}hasReport> <{r}> ." for r in cluster.reports]
    for j in cluster.joins:
        node = f"<{EKGR}event-merge/{hashlib.sha1(f'{j.a} {j.b}'.encode('utf-8')).hexdigest()[:16]}>"
        lines += [f"{node} <{RDF_TYPE}> <{EKG}EventMerge> .", f"{node} <{EKG}mergedEvent> {m} .",
                  f"{node} <{EKG}joinsReport> <{j.a}> .", f"{node} <{EKG}joinsReport> <{j.b}> .",
                  f'{node} <{EKG}rule> "{j.rule}" .',
                  f'{node} <{EKG}confidence> "{j.confidence:g}"^^<{XSD_NS}decimal> .']
    return "".join(line + "\n" for line in lines)


def event_clusters(store: Store) -> list[Cluster]:
    classes = event_classes(store)
    return clusters(store_reports(store, classes), classes, store_places(store))


def link_events(store: Store) -> int:
    """Replace the event-merges graph by the merged events the store's reports make; returns how many."""
    found = event_clusters(store)
    store.replace_event_merges("".join(cluster_ntriples(c) for c in found))
    return len(found)
