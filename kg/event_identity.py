"""Which reports of different documents are one real event, from their class, time, place and participants.

ACLED and GDELT count events, not articles: three outlets reporting one strike make one row with three sources.
Each document's graph keeps its own event (its "report"); this module decides, from plain values read from the
store (no RDF here), which reports join, and says why. The rules, each a gate, all of which must hold:

- class: the same class, or one a subclass of the other (Attack and DroneAttack), never ekg:Event or OtherEvent;
- modality: the same (an attack that happened does not join one that was threatened);
- time: when both are dated, their intervals overlap. An interval is the event's date at its precision
  (a month is the whole month). A report date (the article's date, used when the text gave none) says only that
  the event happened by then: it stands for the WINDOW_DAYS before it. A date coarser than a season, or none,
  is no evidence either way;
- place: compatible unless both have places, none shared, and two of them are known (coordinates) to lie more
  than FAR_KM apart; a state is compatible with any place (a city may lie inside it);
- participants (agent, target, addressee, after entity linking): at least one shared when the time is evidence
  (text dates at a season's precision or finer, or a report date), at least two when it is not, but one person
  for classes that happen to a person once (ekg:oncePerParticipant in the ontology: a death, an arrest; an
  organisation's members are arrested many times);
- document: two reports of one document never join, not even through a third (its extraction kept them apart).

Candidates come from blocking keys, never all pairs: (root class, participant, month) for a report dated to a
season or finer, for every month its interval covers; (root class, two participants) for every report;
(root class, person) for a class that happens once per participant. A block
larger than MAX_BLOCK (a hub such as a country in every statement) is skipped, its size reported. Candidate
pairs are joined strongest first (confidence, then IRIs), so the clusters depend on the set of reports only,
not on the order the documents were built in.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from itertools import combinations
from typing import Callable, Iterable

WINDOW_DAYS = 7          # a report date: the event happened within this many days before the article
EVIDENCE_DAYS = 92       # an interval longer than a season is no evidence of time
FAR_KM = 300.0           # two located places farther apart than this are two events
MAX_BLOCK = 400          # a block larger than this is a hub: its pairs are not compared


@dataclass(frozen=True, slots=True)   # slots: a whole store's reports are held at once (78,200 at 10,000 documents)
class Report:
    """One document's event, as merging sees it. `begin`/`end` bound its date (None: undated);
    `report_date` when that date is the article's, not the text's; `participants` and `places` are IRIs."""
    event: str
    document: str
    event_class: str
    begin: dt.date | None = None
    end: dt.date | None = None
    report_date: bool = False
    modality: str = ""
    participants: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    persons: frozenset[str] = frozenset()      # the participants that are people


@dataclass(frozen=True)
class Place:
    """What place compatibility needs of a place: whether it is a state, and its coordinates if known."""
    state: bool = False
    lat: float | None = None
    long: float | None = None


@dataclass(frozen=True)
class Join:
    """Two reports joined, the rule that joined them and its confidence."""
    a: str
    b: str
    rule: str
    confidence: float


@dataclass
class Cluster:
    """A merged event: its reports (sorted), the one standing for it, and the joins that made it."""
    reports: list[str]
    main: str
    joins: list[Join] = field(default_factory=list)


@dataclass(frozen=True)
class Classes:
    """The event classes' hierarchy: {class: its ancestors, itself included}, the classes never merged, and the
    classes that happen to a participant once (ekg:oncePerParticipant, inherited)."""
    ancestors: dict[str, frozenset[str]]
    unmerged: frozenset[str] = frozenset()
    once: frozenset[str] = frozenset()

    def roots(self, c: str) -> set[str]:
        """The most general ancestors below the unmerged tops (ekg:Event), the blocking keys' classes: two, for a
        class under two (Arrest is a LegalEvent and a Detention)."""
        above = self.ancestors.get(c, frozenset({c})) - self.unmerged
        if c in self.unmerged:
            return set()
        return {a for a in above if not (self.ancestors.get(a, frozenset({a})) - self.unmerged) - {a}}

    def happens_once(self, c: str) -> bool:
        return bool(self.ancestors.get(c, frozenset({c})) & self.once)

    def related(self, a: str, b: str) -> str | None:
        """'same-class', 'subclass' (one is the other's subclass) or None."""
        if a == b:
            return "same-class"
        if a in self.ancestors.get(b, ()) or b in self.ancestors.get(a, ()):
            return "subclass"
        return None

    def depth(self, c: str) -> int:
        return len(self.ancestors.get(c, ()))


# ---------------------------------------------------------------- time

def interval(r: Report) -> tuple[dt.date, dt.date] | None:
    """The days the event may have taken place: a report date stands for the WINDOW_DAYS before it."""
    if r.begin is None or r.end is None:
        return None
    if r.report_date:
        return r.end - dt.timedelta(days=WINDOW_DAYS), r.end
    return r.begin, r.end


def is_time_evidence(r: Report) -> bool:
    span = interval(r)
    return span is not None and (span[1] - span[0]).days <= EVIDENCE_DAYS


def time_relation(a: Report, b: Report) -> str | None:
    """'text-date' (both dates from the text, overlapping), 'report-date' (overlapping, one a report date),
    'no-date' (a date missing or too coarse, overlapping if both given), or None: the dates exclude each other."""
    x, y = interval(a), interval(b)
    if x is not None and y is not None and (x[1] < y[0] or y[1] < x[0]):
        return None
    if not (is_time_evidence(a) and is_time_evidence(b)):
        return "no-date"
    return "report-date" if a.report_date or b.report_date else "text-date"


def months(r: Report) -> list[int]:
    """The months (year * 12 + month - 1) the interval of a report dated to a season or finer covers."""
    if not is_time_evidence(r):
        return []
    first, last = interval(r)
    return list(range(first.year * 12 + first.month - 1, last.year * 12 + last.month))


# ---------------------------------------------------------------- place

def distance_km(p: Place, q: Place) -> float:
    """Great-circle distance (haversine)."""
    la1, lo1, la2, lo2 = map(math.radians, (p.lat, p.long, q.lat, q.long))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def place_relation(a: Report, b: Report, places: dict[str, Place]) -> str | None:
    """'same-place', 'place-unknown' (nothing says they differ) or None (two located places far apart)."""
    if not a.places or not b.places:
        return "place-unknown"
    if a.places & b.places:
        return "same-place"
    known = {p: places.get(p, Place()) for p in a.places | b.places}
    if any(known[p].state for p in known):
        return "place-unknown"
    located = [(p, q) for p in a.places for q in b.places
               if known[p].lat is not None and known[q].lat is not None]
    if located and all(distance_km(known[p], known[q]) > FAR_KM for p, q in located):
        return None
    return "place-unknown"


# ---------------------------------------------------------------- one pair

def join(a: Report, b: Report, classes: Classes, places: dict[str, Place]) -> Join | None:
    """The join of two reports of different documents if every gate holds, else None."""
    if a.document == b.document or a.modality != b.modality:
        return None
    kind = classes.related(a.event_class, b.event_class)
    when = time_relation(a, b) if kind else None
    where = place_relation(a, b, places) if when else None
    shared = len(a.participants & b.participants)
    once = (classes.happens_once(a.event_class) and classes.happens_once(b.event_class)
            and bool(a.persons & b.persons))
    if where is None or shared < (2 if when == "no-date" and not once else 1):
        return None
    rule = f"{kind};{when};{where};participants={shared}" + (";once-per-participant" if shared < 2 and
                                                              when == "no-date" else "")
    x, y = sorted((a.event, b.event))
    return Join(x, y, rule, confidence(when, shared, where == "same-place", kind == "subclass"))


def confidence(when: str, shared: int, same_place: bool, subclass: bool) -> float:
    """A join's confidence: its time relation's, more for participants shared and a place, less for a subclass."""
    found = {"text-date": 0.9, "report-date": 0.75, "no-date": 0.6}[when]
    found += 0.05 * min(shared - 1, 2) + (0.05 if same_place else 0.0)
    found -= 0.05 if subclass else 0.0
    return round(min(found, 0.99), 2)


def best_confidence(r: Report) -> float:
    """The confidence of the strongest join `r` can have: every gate at its best for r (its participants all
    shared, one of its places, the same class, its dates at their best)."""
    when = "no-date" if not is_time_evidence(r) else "report-date" if r.report_date else "text-date"
    return confidence(when, len(r.participants), bool(r.places), False)


# ---------------------------------------------------------------- blocking and clustering

def blocking_keys(r: Report, classes: Classes) -> set[tuple]:
    """The blocks a report is compared within: (root, participant, month) for each month of a report dated to a
    season or finer, (root, participant, participant) for each pair of its participants."""
    people = sorted(r.participants)
    keys = set()
    for root in classes.roots(r.event_class):
        keys |= {(root, p, m) for p in people for m in months(r)}
        keys |= {(root, p, q) for p, q in combinations(people, 2)}
        if classes.happens_once(r.event_class):
            keys |= {(root, p) for p in sorted(r.persons)}
    return keys


def strongest_first(j: Join) -> tuple:
    """The order joins are taken in: confidence, then IRIs."""
    return -j.confidence, j.a, j.b


def candidate_joins(reports: Iterable[Report], classes: Classes, places: dict[str, Place],
                    skipped: Callable[[tuple, int], None] | None = None, hubs: frozenset = frozenset(),
                    among: set[str] | None = None) -> list[Join]:
    """Every join found within a block, strongest first, then by IRIs (the order the clusters are made in).
    `hubs`: blocks larger than MAX_BLOCK in the whole store, when `reports` are some of its reports; `among`:
    only the joins of these reports (the new ones), when given.
    Each pair is compared once, however many blocks it shares (a report of k participants has k(k-1)/2 pair
    keys: walking the pairs of each block instead, 41 reports of six participants took 18 ms, their joins 2)."""
    reports = list(reports)
    keys = [blocking_keys(r, classes) for r in reports]
    blocks: dict[tuple, list[int]] = {}
    for i, ks in enumerate(keys):
        for key in ks:
            blocks.setdefault(key, []).append(i)
    for key, members in blocks.items():
        if len(members) > MAX_BLOCK or key in hubs:
            if skipped:
                skipped(key, len(members))
            blocks[key] = []
    chosen = set(range(len(reports))) if among is None else {i for i, r in enumerate(reports) if r.event in among}
    joins = []
    for i in sorted(chosen):
        partners = set().union(*(blocks[k] for k in keys[i]))
        for j in sorted(p for p in partners if p > i or p not in chosen):
            found = join(reports[i], reports[j], classes, places)
            if found:
                joins.append(found)
    return sorted(joins, key=strongest_first)


def first_joins(fresh: set[str], candidates: dict[str, set[str]], unit_of: dict[str, str], same: set[str],
                reports: dict[str, Report], read: Callable[[set[str]], None], classes: Classes,
                places: dict[str, Place]) -> list[Join]:
    """The joins `attachments` decides by, strongest first: every join of two `fresh` reports, and of a fresh
    report and an old unit (a merged event, `unit_of` its reports, or an old report alone) the first in the order
    joins are taken. After that first join the two are one, or kept apart by a document, for good (`attachments`),
    so the unit's other reports need not be compared: its `candidates` of the fresh report are compared in the
    order of their IRIs, and no further once one joins at the fresh report's `best_confidence` (one joining as
    strongly later comes after it: its pair's IRIs sort after); of a merged event in `same` (its reports
    `alike`), the first alone, the others joining as it does. `reports` holds the fresh reports; `read(events)`
    puts old ones in it, a unit's a few at a time, four times more each round (a copy of the new report joins at
    its best: the first is most often enough)."""
    joins = {join(reports[e], reports[c], classes, places) for e in fresh for c in candidates.get(e, ())
             if c in fresh and e < c} - {None}
    pending: dict[tuple[str, str], list[str]] = {}
    for e in sorted(fresh):
        for c in sorted(candidates.get(e, set()) - fresh):
            unit = unit_of.get(c, c)
            if unit not in same or (e, unit) not in pending:
                pending.setdefault((e, unit), []).append(c)
    first: dict[tuple[str, str], Join] = {}
    size = 1
    while pending:
        read(set().union(*(cs[:size] for cs in pending.values())))
        for (e, unit), cs in pending.items():
            for c in cs[:size]:
                found = join(reports[e], reports[c], classes, places) if c in reports else None
                if found and ((e, unit) not in first or strongest_first(found) < strongest_first(first[e, unit])):
                    first[e, unit] = found
        pending = {(e, unit): cs[size:] for (e, unit), cs in pending.items() if cs[size:] and not (
            (e, unit) in first and first[e, unit].confidence == best_confidence(reports[e]))}
        size *= 4
    return sorted(joins | set(first.values()), key=strongest_first)


def alike(reports: list[Report]) -> bool:
    """Whether these reports differ in nothing `join` compares but their documents: copies of one report (one
    text in several documents), which a report of another document joins alike, or not at all. They stay alike:
    what changes a report's participants after it is written (a node merged, a class stated) changes them all."""
    return len({(r.event_class, r.begin, r.end, r.report_date, r.modality, r.participants, r.places, r.persons)
                for r in reports}) == 1


def weakest(joins: Iterable[Join]) -> tuple:
    """The place of a cluster's last join in the order joins are taken (`strongest_first`)."""
    return max(strongest_first(j) for j in joins)


def attachments(joins: list[Join], fresh: set[str], documents: dict[str, str], cluster_of: dict[str, str],
                last_join: dict[str, tuple]) -> list[tuple[str | None, list[str], list[Join]]] | None:
    """When reports were only added (`fresh`, of documents no old report is of), the clusters they make without
    comparing the old reports again: [(the merged event grown, the old report alone joined, or None for a
    cluster of fresh reports; the fresh reports in it; the joins that took them)]; the other old clusters are
    unchanged. `joins` (strongest first) are every join of a fresh report (or those `first_joins` gives),
    `documents` the document of each report in them and of other old reports, which their units know from the
    start; `cluster_of` the merged event of each old report in one, `last_join` the `weakest` of each merged
    event's joins. None when that may differ from comparing every pair.

    Union-find over every join gives the clusters of the old clusters' joins and the fresh reports' joins
    whenever it takes every old join again (`kg.event_link.with_kept_joins`). If the first join of a fresh
    report to a cluster comes after the cluster's last join, every join before it touching the cluster's
    reports is an old one, decided as before (an old join refused before is refused again: its sides are as
    before or larger), so the cluster is whole when a fresh report first reaches it, and the fresh reports'
    joins are taken or refused between whole clusters. Refused for a document on both sides: that document
    must be known (the documents of a cluster's reports not in `joins` are not); a join that would put two old
    clusters (or old reports) together, or a fresh report before every known report of its cluster (whose IRI,
    made from its first report, would change): None."""
    reached: set[str] = set()
    for j in joins:
        for x in (j.a, j.b):
            m = cluster_of.get(x)
            if m is not None and m not in reached:
                reached.add(m)
                if m not in last_join or strongest_first(j) <= last_join[m]:
                    return None
    parent: dict[str, str] = {}
    docs: dict[str, set[str]] = {}         # the documents known of each unit, then of each root's units
    olds: dict[str, set[str]] = {}         # the old reports known of them
    news: dict[str, set[str]] = {}         # their fresh reports
    taken: dict[str, list[Join]] = {}

    def find(u: str) -> str:
        while parent[u] != u:
            u = parent[u]
        return u

    def root(x: str) -> str:
        """The root of x's unit (its merged event, or itself), x's document and x known to it."""
        u = x if x in fresh else cluster_of.get(x, x)
        if u not in parent:
            parent[u], docs[u], olds[u], news[u], taken[u] = u, set(), set(), set(), []
        u = find(u)
        docs[u].add(documents[x])
        (news if x in fresh else olds)[u].add(x)
        return u
    for x in sorted(documents.keys() - fresh):
        root(x)
    for j in joins:
        a, b = root(j.a), root(j.b)
        if a == b or docs[a] & docs[b]:
            continue
        if olds[a] and olds[b]:
            return None
        keep, gone = (a, b) if olds[a] or not olds[b] else (b, a)
        parent[gone] = keep
        for known in (docs, olds, news):
            known[keep] |= known.pop(gone)
        taken[keep] += taken.pop(gone) + [j]
    made = []
    for root, its in sorted(taken.items()):
        if not its:
            continue
        old = cluster_of.get(min(olds[root])) or min(olds[root]) if olds[root] else None
        if old in last_join and min(olds[root]) > min(news[root]):
            return None
        made.append((old, sorted(news[root]), sorted(its, key=lambda j: (j.a, j.b))))
    return made


def main_report(members: list[Report], classes: Classes) -> str:
    """The report standing for the event: a date from the text, then the finer one, the narrower class, the
    smallest IRI."""
    def rank(r: Report):
        span = interval(r)
        return (span is None, r.report_date, (span[1] - span[0]).days if span else 0,
                -classes.depth(r.event_class), r.event)
    return min(members, key=rank).event


def clusters(reports: Iterable[Report], classes: Classes, places: dict[str, Place] | None = None,
             skipped: Callable[[tuple, int], None] | None = None, hubs: frozenset = frozenset(),
             joins: list[Join] | None = None) -> list[Cluster]:
    """The merged events of two reports or more, sorted by their first report. Union-find over the candidate
    joins (`joins`, strongest first, when known), strongest first; a join that would put two reports of one
    document together is refused."""
    reports = sorted(set(reports), key=lambda r: r.event)
    by_event = {r.event: r for r in reports}
    parent = {r.event: r.event for r in reports}
    documents = {r.event: {r.document} for r in reports}
    made: dict[str, list[Join]] = {}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for j in joins if joins is not None else candidate_joins(reports, classes, places or {}, skipped, hubs):
        ra, rb = find(j.a), find(j.b)
        if ra == rb or documents[ra] & documents[rb]:
            continue
        keep, gone = min(ra, rb), max(ra, rb)
        parent[gone] = keep
        documents[keep] |= documents.pop(gone)
        made[keep] = made.get(keep, []) + made.pop(gone, []) + [j]
    groups: dict[str, list[str]] = {}
    for e in parent:
        groups.setdefault(find(e), []).append(e)
    out = [Cluster(sorted(m), main_report([by_event[e] for e in m], classes),
                   sorted(made.get(root, []), key=lambda j: (j.a, j.b)))
           for root, m in groups.items() if len(m) > 1]
    return sorted(out, key=lambda c: c.reports[0])
