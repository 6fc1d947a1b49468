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

A build that says which documents it wrote (`Store.pending_documents`) merges only what they reach
(`link_new_events`): the index graph holds every report's document and blocking keys, so the reports sharing a
block with a new one are found by key; the clusters are made again from the reports joined to the changed ones,
transitively, and only those clusters are replaced in the event-merges graph. Union-find decides within such a
set alone, so the result is the whole store's. When reports were only added, only the pairs of a new report are
compared: most often their joins are taken between whole old clusters (`attach_new_reports`, through each merged
event's last join, which the index holds), else with the joins that made the old clusters read back from the
event-merges graph (`with_kept_joins`), unless an old join is refused now. Taken between whole clusters, a new
report's joins need only its first to each cluster (`event_identity.first_joins`): the reports of its blocks are
looked up, not read, and of each merged event read in IRI order until one joins at the new report's best, or one
alone when the index says its reports are alike (`ekg:alikeReports`: copies of one story). Otherwise (a document
removed, a store without that index) the whole store is read: linear in the store, the comparisons blocked (see
kg.event_identity).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from sys import intern

import pyoxigraph as ox

from kg import EKG, EKGR
from kg.event_identity import (MAX_BLOCK, Classes, Cluster, Join, Place, Report, alike, attachments, blocking_keys,
                               candidate_joins, clusters, first_joins, join, main_report, strongest_first, weakest)
from kg.stores.base import EVENT_MERGES_GRAPH, INDEX, Store, values_clause
from ontology import terms
from ontology.terms import SEM_NS, XSD_NS

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
ROLES = ("agent", "target", "addressee")
# The roles as one property path: `VALUES ?role {…} ?e ?role ?x` made Oxigraph read every role triple of the
# store and join the given events afterwards (0.30 s for 100 events of a 3,000-document store, the path 0.015 s)
ROLE_PATH = "|".join(f"ekg:{name}" for name in ROLES)
ASSERTED = terms.EKG.Asserted      # a report without ekg:modality
INDEX_CHUNK = 20_000     # index quads a transaction when the whole store's reports are indexed again


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


# What merging reads of a report, each a predicate of its event: one read of them all (a query with an OPTIONAL
# for each, and one for roles and for places, cost 0.19-0.22 s against 0.12-0.13 s for the 1,985 reports of a
# new document's blocks at 10,000 documents, the same reports; bench/RESULTS.md, addone18)
_FIELDS = {EKG + "sourceDocument": "document", RDF_TYPE: "class", SEM_NS + "hasEarliestBeginTimeStamp": "begin",
           SEM_NS + "hasLatestEndTimeStamp": "end", EKG + "dateSource": "source", EKG + "modality": "modality",
           SEM_NS + "hasPlace": "place", **{EKG + name: "who" for name in ROLES}}


def store_reports(store: Store, classes: Classes, docs=None, events=None) -> list[Report]:
    """Every document's event with what merging compares (those of `docs`, or the `events`, when given).
    Participants are entities (IRIs), not phrases, and not other events. Of several classes the deepest (then
    the first IRI) is the report's; of several values of a field, the first."""
    found: dict[str, dict[str, list]] = {}
    predicates = ", ".join(f"<{p}>" for p in _FIELDS)
    for r in store.query(f"""SELECT ?e ?p ?o WHERE {{ {values_clause("doc", docs)} {values_clause("e", events)}
            ?e ekg:sourceDocument ?doc ; ?p ?o FILTER(?p IN ({predicates})) }}"""):
        e, p, o = r
        found.setdefault(e.value, {}).setdefault(_FIELDS[p.value], []).append(o)
    named = {x.value for f in found.values() for x in f.get("who", ()) if isinstance(x, ox.NamedNode)}
    if docs is None and events is None:     # every event read: an IRI that is none is an entity
        people = {r["x"].value for r in store.query(f"""SELECT DISTINCT ?x WHERE {{
                ?e {ROLE_PATH} ?x . ?x a/rdfs:subClassOf* ekg:Person }}""")}
        named -= set(found)
    else:
        people = {r["x"].value for r in store.query(f"""SELECT DISTINCT ?x WHERE {{
                {values_clause("x", named)} ?x a/rdfs:subClassOf* ekg:Person }}""")} if named else set()
        if named:
            named -= {r["x"].value for r in store.query(f"""SELECT DISTINCT ?x WHERE {{ {values_clause("x", named)}
                ?x ekg:sourceDocument ?d }}""")}
    reports = []
    for e, f in sorted(found.items()):
        kinds = [c.value for c in f.get("class", ()) if c.value in classes.ancestors]
        if not kinds:
            continue
        first = {k: min(f[k], key=lambda t: t.value) for k in ("document", "begin", "end", "source", "modality")
                 if k in f}
        # one string for each document, class, modality and participant that many reports name (each row's
        # `.value` is a new string: a 10,000-document store's reports took 100 MB of Python objects, 71 with
        # them kept once; bench/RESULTS.md "A build's memory at 10,000 documents")
        who = frozenset(intern(x.value) for x in f.get("who", ()) if x.value in named)
        reports.append(Report(e, intern(first["document"].value),
                              intern(min(kinds, key=lambda c: (-classes.depth(c), c))),
                              day(first.get("begin")), day(first.get("end")),
                              "source" in first and first["source"].value == "report date",
                              intern(first["modality"].value) if "modality" in first else ASSERTED, who,
                              frozenset(intern(p.value) for p in f.get("place", ()) if isinstance(p, ox.NamedNode)),
                              who & people))
    return reports


def store_places(store: Store, places=None) -> dict[str, Place]:
    """{place IRI: whether it is a state, its coordinates} for the places of events (these `places` only,
    when given)."""
    if places is None:
        states = {r["p"].value for r in store.query("""SELECT DISTINCT ?p WHERE {
                ?e ekg:sourceDocument ?d ; sem:hasPlace ?p . ?p a/rdfs:subClassOf* ekg:State }""")}
    else:
        states = {r["p"].value for r in store.query(f"""SELECT DISTINCT ?p WHERE {{ {values_clause("p", places)}
                ?p a/rdfs:subClassOf* ekg:State }}""")}
    found = {p: Place(True) for p in states}
    where = ("?e ekg:sourceDocument ?d ; sem:hasPlace ?p ." if places is None else values_clause("p", places))
    for r in store.query(f"""SELECT ?p (SAMPLE(?la) AS ?lat) (SAMPLE(?lo) AS ?long) WHERE {{
            {where} ?p geo:lat ?la ; geo:long ?lo }} GROUP BY ?p"""):
        found[r["p"].value] = Place(r["p"].value in states, float(r["lat"].value), float(r["long"].value))
    return found

def merged_iri(cluster: Cluster) -> str:
    return f"{EKGR}event/merged/{hashlib.sha1(cluster.reports[0].encode('utf-8')).hexdigest()[:16]}"


def cluster_ntriples(cluster: Cluster) -> str:
    """N-Triples of one merged event and of the joins that made it."""
    m = f"<{merged_iri(cluster)}>"
    lines = [f"{m} <{RDF_TYPE}> <{EKG}MergedEvent> .", f"{m} <{EKG}mainReport> <{cluster.main}> ."]
    lines += [f"{m} <{EKG}hasReport> <{r}> ." for r in cluster.reports]
    return "".join(line + "\n" for line in lines) + "".join(join_ntriples(m, j) for j in cluster.joins)


def join_ntriples(m: str, j: Join) -> str:
    """N-Triples of the ekg:EventMerge of one join of merged event `m` (in N-Triples' brackets)."""
    node = f"<{EKGR}event-merge/{hashlib.sha1(f'{j.a} {j.b}'.encode('utf-8')).hexdigest()[:16]}>"
    lines = [f"{node} <{RDF_TYPE}> <{EKG}EventMerge> .", f"{node} <{EKG}mergedEvent> {m} .",
             f"{node} <{EKG}joinsReport> <{j.a}> .", f"{node} <{EKG}joinsReport> <{j.b}> .",
             f'{node} <{EKG}rule> "{j.rule}" .', f'{node} <{EKG}confidence> "{j.confidence:g}"^^<{XSD_NS}decimal> .']
    return "".join(line + "\n" for line in lines)


def event_clusters(store: Store) -> list[Cluster]:
    classes = event_classes(store)
    return clusters(store_reports(store, classes), classes, store_places(store))


def link_events(store: Store, docs: list[str] | None = None, merged: set[str] = frozenset(),
                moved: set[str] | None = None) -> int:
    """Replace the event-merges graph by the merged events the store's reports make; returns how many. With
    `docs` (written since the last linking), `merged` (the nodes this linking merged others into) and `moved`
    (those of them whose merged node other documents named: None, all), in a store whose index holds the
    reports' blocking keys, only the clusters those reports reach change (`link_new_events`); else the whole
    store is read, and the index of the reports written anew."""
    classes = event_classes(store)
    if docs is not None and store.keeps_index() and store.index_quads(INDEX, _EVENTS_INDEXED, _INDEXED):
        if moved is not None:
            merged = moved | restated(store, docs, set(merged) - moved)
        return link_new_events(store, classes, docs, merged)
    reports = store_reports(store, classes)
    found = clusters(reports, classes, store_places(store))
    store.replace_event_merges("".join(cluster_ntriples(c) for c in found))
    if store.keeps_index():
        by_event = {r.event: r for r in reports}
        write_events_index(store, reports, classes, [q for c in found for q in merged_quads(c, by_event)])
    return len(found)


def write_events_index(store: Store, reports: list[Report], classes: Classes, merged: list[ox.Quad]) -> None:
    """The index of every report's document and blocking keys and of every merged event (`merged_quads`), written
    anew a chunk at a time (one transaction of a 10,000-document store's 140,000 quads took 300 MB): the flag
    that says the index is whole goes first and comes back last, so a build killed between chunks leaves a
    store that the next linking reads whole again (`link_events`)."""
    stale = store.index_quads(INDEX, _EVENTS_INDEXED)
    stale += [q for p in (_EVENT_KEY, _EVENT_DOC, _LAST_JOIN, _ALIKE) for q in store.index_quads(None, p)]
    for k in range(0, len(stale), INDEX_CHUNK):
        store.update_index(stale[k:k + INDEX_CHUNK], [])
    del stale
    chunk: list[ox.Quad] = []
    for quads in (*(report_quads(r, classes) for r in reports), merged):
        chunk += quads
        while len(chunk) >= INDEX_CHUNK:
            store.update_index([], chunk[:INDEX_CHUNK])
            chunk = chunk[INDEX_CHUNK:]
    store.update_index([], chunk + [ox.Quad(INDEX, _EVENTS_INDEXED, _INDEXED, INDEX)])


# ---------------------------------------------------------------- the index: merging k new documents' events

_EVENT_KEY, _EVENT_DOC, _EVENTS_INDEXED, _LAST_JOIN, _ALIKE = (ox.NamedNode(EKG + n) for n in (
    "eventBlockingKey", "eventDocument", "eventsIndexed", "lastJoin", "alikeReports"))
# What the index holds of events (ekg:eventsIndexed): a store indexed before the merged events' last joins were
# (`true`) is merged whole once, which indexes them. A merged event without ekg:alikeReports (a store indexed
# before them) has its reports compared as if they differed: such a store is not merged whole again
_INDEXED = ox.Literal("reports and last joins")


def key_literal(key: tuple) -> ox.Literal:
    return ox.Literal(json.dumps(list(key), ensure_ascii=False))


def report_quads(r: Report, classes: Classes) -> list[ox.Quad]:
    """What the index holds of a report: its document (to find it when the document is rewritten) and its
    blocking keys (to find the reports it is compared with)."""
    e = ox.NamedNode(r.event)
    return [ox.Quad(e, _EVENT_DOC, ox.NamedNode(r.document), INDEX)] + \
        [ox.Quad(e, _EVENT_KEY, key_literal(k), INDEX) for k in sorted(blocking_keys(r, classes), key=str)]


def merged_quads(cluster: Cluster, reports: dict[str, Report]) -> list[ox.Quad]:
    """What the index holds of a merged event (`reports` holding its reports): `merged_event_quads`."""
    return merged_event_quads(merged_iri(cluster), weakest(cluster.joins),
                              alike([reports[e] for e in cluster.reports]))


def merged_event_quads(merged: str, key: tuple, same: bool) -> list[ox.Quad]:
    """What the index holds of a merged event: where its last join came in the order joins are taken
    (`event_identity.weakest`), as "confidence a b", so that a report added to it is decided without reading
    its joins (`attach_new_reports`); and, when its reports are `alike` (copies of one report: the same text
    in several documents), ekg:alikeReports, so that a new report is compared with one of them alone."""
    confidence, a, b = key
    m = ox.NamedNode(merged)
    return [ox.Quad(m, _LAST_JOIN, ox.Literal(f"{-confidence:g} {a} {b}"), INDEX)] + \
        ([ox.Quad(m, _ALIKE, ox.Literal(True), INDEX)] if same else [])


def last_join(literal: ox.Literal) -> tuple:
    confidence, a, b = literal.value.split(" ")
    return -float(confidence), a, b


def restated(store: Store, docs: list[str], nodes: set[str]) -> set[str]:
    """Of `nodes` (merged into by this linking, their merged nodes named by `docs` alone), those whose facts
    event merging reads of a participant or a place (its classes, coordinates) `docs` state and no other graph
    does: the other reports naming them are read again. A node such as a person many documents name, merged
    into from a new document's "Медведев", is not: its other reports are as they were (reading them again cost
    4 s at 10,000 documents, 1,753 reports, their blocks and clusters)."""
    if not nodes:
        return set()
    skip = ", ".join(f"<{g}>" for g in docs)
    return {r["x"].value for r in store.query(f"""SELECT DISTINCT ?x WHERE {{ {values_clause("x", nodes)}
            {values_clause("g", docs)} GRAPH ?g {{ ?x ?p ?o }} FILTER(?p IN (rdf:type, geo:lat, geo:long))
            FILTER NOT EXISTS {{ GRAPH ?h {{ ?x ?p ?o }} FILTER(?h NOT IN ({skip})) }} }}""")}


def events_naming(store: Store, nodes: set[str]) -> set[str]:
    """The reports whose participants or places are among `nodes` (a merge gave them new names or facts)."""
    if not nodes:
        return set()
    return {r["e"].value for r in store.query(f"""SELECT DISTINCT ?e WHERE {{ {values_clause("x", nodes)}
            ?e {ROLE_PATH}|sem:hasPlace ?x ; ekg:sourceDocument ?d }}""")}


def old_clusters(store: Store, events: set[str]) -> dict[str, set[str]]:
    """{merged event: its reports} of the event-merges graph's clusters holding one of `events`. The merged
    events first: `?m ekg:hasReport ?x , ?r` gave every report of a cluster once per report of it given (41
    reports: 1,681 rows)."""
    if not events:
        return {}
    found: dict[str, set[str]] = {}
    for r in store.query(f"""SELECT ?m ?r WHERE {{ {{ SELECT DISTINCT ?m WHERE {{ {values_clause("x", events)}
            GRAPH <{EVENT_MERGES_GRAPH}> {{ ?m ekg:hasReport ?x }} }} }} GRAPH <{EVENT_MERGES_GRAPH}> {{ ?m ekg:hasReport ?r }} }}"""):
        found.setdefault(r["m"].value, set()).add(r["r"].value)
    return found


def link_new_events(store: Store, classes: Classes, docs: list[str], merged: set[str]) -> int:
    """Merge the events of `docs` with the store's through the index of blocking keys, as `link_events` over
    the whole store would: the clusters are made again from the reports joined, transitively, to the changed
    ones (the new documents', those naming a node merged into, those of a block that crossed MAX_BLOCK, and
    the members of their former clusters); union-find over joins decides within such a set alone.
    When reports were only added, the joins that made the old clusters and the new reports' joins decide if they
    take every old join again (`with_kept_joins`); else every pair of the set is compared: a join the old
    clusters refused can be taken now (reports D1 and D2 of a new document D, joining X and A1 more strongly,
    put D on both sides of the old join X-A1, refused now, and X's join to A2, refused before because A1's
    document A was on X's side, is taken)."""
    old = {q.subject.value for d in docs for q in store.index_quads(None, _EVENT_DOC, ox.NamedNode(d))}
    new = store_reports(store, classes, docs=docs)
    mentioned = events_naming(store, set(merged)) - old - {r.event for r in new}
    changed = new + (store_reports(store, classes, events=mentioned) if mentioned else [])
    reports = {r.event: r for r in changed}
    gone = old - set(reports)
    removed = old | mentioned
    had = Counter(q.object.value for e in removed for q in store.index_quads(ox.NamedNode(e), _EVENT_KEY))
    has = Counter(key_literal(k).value for r in changed for k in blocking_keys(r, classes))
    store.update_index([q for e in sorted(removed) for q in store.index_quads(ox.NamedNode(e))
                        if q.predicate in (_EVENT_KEY, _EVENT_DOC)],
                       [q for r in changed for q in report_quads(r, classes)])
    members: dict[str, set[str]] = {}

    def block(k: str) -> set[str]:
        if k not in members:
            members[k] = {q.subject.value for q in store.index_quads(None, _EVENT_KEY, ox.Literal(k))}
        return members[k]
    seeds = fresh = set(reports)
    crossed = False
    for k in had | has:   # a block that became a hub, or stopped being one: its pairs are (no longer) compared
        if (len(block(k)) - has[k] + had[k] > MAX_BLOCK) != (len(block(k)) > MAX_BLOCK):
            seeds, crossed = seeds | block(k), True
    places: dict[str, Place] = {}

    def load(events: set[str]) -> None:
        wanted = events - set(reports)
        if wanted:
            reports.update((r.event, r) for r in store_reports(store, classes, events=wanted))
        unknown = set().union(*(reports[e].places for e in events if e in reports)) - set(places)
        if unknown:
            places.update({p: Place() for p in unknown} | store_places(store, unknown))
    if not removed and not crossed:   # only reports added: most often each joins one cluster
        attached = attach_new_reports(store, classes, reports, places, block, load)
        if attached is not None:
            return attached
    seeds |= set().union(*old_clusters(store, removed | seeds).values()) - gone
    load(seeds)
    closure, frontier, hubs = set(), {e for e in seeds if e in reports}, set()
    while frontier:
        closure |= frontier
        candidates = {}
        for e in sorted(frontier):
            for k in blocking_keys(reports[e], classes):
                found = block(key_literal(k).value)
                if len(found) > MAX_BLOCK:
                    hubs.add(k)
                else:
                    candidates.setdefault(e, set()).update(found - closure)
        load(set().union(*candidates.values()))
        frontier = {c for e, cs in candidates.items() for c in cs
                    if c in reports and join(reports[e], reports[c], classes, places)}
    members = [reports[e] for e in closure]
    stale = old_clusters(store, closure | gone)
    made = None
    if not removed and not crossed:     # only reports added: the old clusters' joins are kept
        made = with_kept_joins(store, members, set(stale), fresh, classes, places, frozenset(hubs))
    if made is None:
        made = clusters(members, classes, places, hubs=frozenset(hubs))
    store.update_event_merges(sorted(stale), "".join(cluster_ntriples(c) for c in made))
    store.update_index([q for m in sorted(stale) for q in store.index_quads(ox.NamedNode(m))],
                       [q for c in made for q in merged_quads(c, reports)])
    return len(made)


def attach_new_reports(store: Store, classes: Classes, reports: dict[str, Report], places: dict[str, Place],
                       block, load) -> int | None:
    """When reports were only added (`reports`, of documents no old report is of): the reports of their blocks
    looked up in the index and the event-merges graph (their merged events; not read), each new report compared
    with each merged event's reports there until it is decided (`event_identity.first_joins`: most often one
    report read of each), and the joins union-find takes between the new reports and those whole clusters
    written beside them (`event_identity.attachments` says when that is what comparing every pair gives; the
    documents of the reports not read are looked up only when it cannot say without them); the old clusters'
    joins are neither read nor compared again, nor their other reports read. Returns the merged events made or
    grown, or None (nothing written) when `attachments` cannot decide."""
    fresh = set(reports)
    candidates: dict[str, set[str]] = {}
    for e in sorted(fresh):
        for k in blocking_keys(reports[e], classes):
            found = block(key_literal(k).value)
            if len(found) <= MAX_BLOCK:    # a hub's pairs are never compared
                candidates.setdefault(e, set()).update(found - {e})
    cluster_of = merged_events(store, set().union(*candidates.values()) - fresh)
    same = alike_merged_events(store, set(cluster_of.values()))
    joins = first_joins(fresh, candidates, cluster_of, same, reports, load, classes, places)
    reached = {cluster_of[x] for j in joins for x in (j.a, j.b) if x in cluster_of}
    last = {q.subject.value: last_join(q.object) for m in sorted(reached)
            for q in store.index_quads(ox.NamedNode(m), _LAST_JOIN)}
    documents = {e: r.document for e, r in reports.items()}
    made = attachments(joins, fresh, documents, cluster_of, last)
    if made is None:    # perhaps for want of a document: those of the merged events' other reports are looked up
        made = attachments(joins, fresh, documents | report_documents(store, set(cluster_of) - set(documents)),
                           cluster_of, last)
    if made is None:
        return None
    grown = {old for old, _, _ in made if old in reached}
    mains = {r["m"].value: r["main"].value for r in store.query(f"""SELECT ?m ?main WHERE {{ {values_clause("m", grown)}
            GRAPH <{EVENT_MERGES_GRAPH}> {{ ?m ekg:mainReport ?main }} }}""")} if grown else {}
    load(set(mains.values()))
    gone, added, index_gone, index_added = [], [], [], []
    for old, news, its in made:
        if old in mains:     # a merged event: its new reports, their joins, perhaps its main report
            m, main = ox.NamedNode(old), main_report([reports[e] for e in [mains[old], *news]], classes)
            added += [f"{m} <{EKG}hasReport> <{r}> .\n" for r in news] + [join_ntriples(str(m), j) for j in its]
            if main != mains[old]:
                gone.append(f"{m} <{EKG}mainReport> <{mains[old]}> .\n")
                added.append(f"{m} <{EKG}mainReport> <{main}> .\n")
            index_gone += store.index_quads(m)
            index_added += merged_event_quads(old, max(last[old], weakest(its)),
                                              old in same and alike([reports[e] for e in [mains[old], *news]]))
        else:                # new reports with an old report alone until now, or with each other
            members = ([old] if old else []) + news
            cluster = Cluster(sorted(members), main_report([reports[e] for e in members], classes), its)
            added.append(cluster_ntriples(cluster))
            index_added += merged_quads(cluster, reports)
    store.amend_event_merges("".join(gone), "".join(added))
    store.update_index(index_gone, index_added)
    return len(made)


def merged_events(store: Store, events: set[str]) -> dict[str, str]:
    """{report: its merged event} of these reports in one: each merged event found read whole with it, so that
    of a merged event's 80 copies in a block one is looked up, not 80 (~15 µs a report at 10,000 documents; the
    395 reports of doc_10004's blocks, five merged events: 9 ms, 2.6 ms so); the others sought 16, then 64, ...
    at a time."""
    found: dict[str, str] = {}
    pending, size = sorted(events), 16
    while pending:
        batch, pending = pending[:size], pending[size:]
        for r in store.query(f"""SELECT ?m ?r WHERE {{ {{ SELECT DISTINCT ?m WHERE {{ {values_clause("x", batch)}
                GRAPH <{EVENT_MERGES_GRAPH}> {{ ?m ekg:hasReport ?x }} }} }} GRAPH <{EVENT_MERGES_GRAPH}> {{ ?m ekg:hasReport ?r }} }}"""):
            found[r["r"].value] = r["m"].value
        pending = [x for x in pending if x not in found]
        size *= 4
    return {x: m for x, m in found.items() if x in events}


def alike_merged_events(store: Store, merged: set[str]) -> set[str]:
    """Of these merged events, those whose reports are `alike` (ekg:alikeReports in the index)."""
    return {r["m"].value for r in store.query(f"""SELECT ?m WHERE {{ {values_clause("m", merged)}
            GRAPH <{INDEX.value}> {{ ?m ekg:alikeReports true }} }}""")} if merged else set()


def report_documents(store: Store, events: set[str]) -> dict[str, str]:
    """{report: its document} from the index, without reading the reports."""
    return {r["x"].value: r["d"].value for r in store.query(f"""SELECT ?x ?d WHERE {{ {values_clause("x", events)}
            GRAPH <{INDEX.value}> {{ ?x ekg:eventDocument ?d }} }}""")} if events else {}


def kept_joins(store: Store, merged: set[str]) -> list[Join]:
    """The joins that made these merged events, as the event-merges graph keeps them."""
    found: dict[str, dict] = {}
    for r in store.query(f"""SELECT ?n ?r ?rule ?c WHERE {{ {values_clause("m", merged)} GRAPH <{EVENT_MERGES_GRAPH}> {{
            ?n ekg:mergedEvent ?m ; ekg:joinsReport ?r ; ekg:rule ?rule ; ekg:confidence ?c }} }}"""):
        kept = found.setdefault(r["n"].value, {"reports": set()})
        kept["reports"].add(r["r"].value)
        kept.update(rule=r["rule"].value, confidence=float(r["c"].value))
    return [Join(*sorted(j["reports"]), j["rule"], j["confidence"]) for j in found.values()]


def with_kept_joins(store: Store, members: list[Report], merged: set[str], fresh: set[str], classes: Classes,
                    places: dict[str, Place], hubs: frozenset) -> list[Cluster] | None:
    """The clusters of `members` from the joins that made their old clusters (`merged`) and the joins of the
    `fresh` reports, comparing only the pairs of a fresh report: O(new reports x block), not O(block^2). None when
    that may differ from comparing every pair: an old join that no longer holds as kept, or one refused now.
    If every old join is taken again, a join of two old reports refused before (its two reports already
    together, or a document on both sides) is refused again, its two sides being as before or larger; so the
    clusters are those of every pair."""
    by_event = {r.event: r for r in members}
    kept = kept_joins(store, merged) if merged else []
    if any(j.a not in by_event or j.b not in by_event or join(by_event[j.a], by_event[j.b], classes, places) != j
           for j in kept):
        return None
    joins = sorted(kept + candidate_joins(members, classes, places, hubs=hubs, among=fresh), key=strongest_first)
    made = clusters(members, classes, places, joins=joins)
    taken = {(j.a, j.b) for c in made for j in c.joins}
    return made if all((j.a, j.b) in taken for j in kept) else None
