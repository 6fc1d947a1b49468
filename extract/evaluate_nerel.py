"""NEREL's measures of events, their arguments, times and places, positions and Wikidata links.

The gold is NEREL's brat annotation (`GoldDocument.annotations`, `.relations`, `.links`); the method is
the one of `corpora/nerel-dev/README.md`. Everything matches by character overlap (any part of a
discontinuous span), since NEREL marks a bare word ("умер", "выборах") where a trigger or a filler may
be longer or shorter:
- events: a gold EVENT is found when a predicted trigger overlaps it (recall). Precision is over the
  predicted events that are not statements (ekg:Statement and its subclasses): speech acts are mostly
  not NEREL EVENTs, so statements are counted apart. Only asserted events count (what the graph's questions
  count as having happened), each trigger mention of an event as its own; the events not asserted
  (planned, possible, threatened, contested) are counted apart, with how many a gold EVENT overlaps;
- arguments: a gold AGENT / PARTICIPANT_IN (Arg1 the participant, Arg2 an EVENT) is found when a
  predicted event overlapping the EVENT has a role, any role, whose filler (`role_fillers`) overlaps the
  participant. Precision is over the roles, places aside, of the predicted events that overlap a gold
  EVENT: a role is right when its filler overlaps an AGENT, PARTICIPANT_IN or INANIMATE_INVOLVED
  participant of such an EVENT (an inanimate target is an argument too);
- time: a gold POINT_IN_TIME / START_TIME / END_TIME (Arg1 an EVENT, Arg2 a DATE or TIME) is found when
  a predicted event overlapping the EVENT has a date whose offsets overlap the DATE (a record without them,
  from an older version, is looked up as written in the event's sentence, nearest the trigger);
- place: a gold TAKES_PLACE_IN (Arg1 an EVENT) is found when a predicted event overlapping the EVENT
  has a place role (sem:hasPlace) whose filler overlaps Arg2;
- positions: a gold WORKPLACE is found when a relation of the records joins an entity mentioned over
  Arg1 and one mentioned over Arg2, either way round. When Arg1 is a PROFESSION ("президента США"),
  the persons who WORKS_AS it stand for it, and a post (ekg:Position, "президента Египта") ekg:positionIn an entity
  is mentioned by the phrase its relation spans (the node is that post: the PROFESSION's own meaning);
- Wikidata: of the PERSON / ORGANIZATION / COUNTRY / CITY mentions with an N link, the share that a
  predicted mention overlaps whose entity carries the QID. A link to NULL (no Wikidata item) can never
  be met this way; the share is given over the links to an item and over all links (as the README does).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from extract.evaluate import asserted, b_cubed, local, role_fillers, scored_events
from extract.gold import GoldDocument, GoldSpan
from extract.identity import Name, group_of, node_of, resolve

ARGUMENTS = ("AGENT", "PARTICIPANT_IN")
RIGHT_ARGUMENTS = ARGUMENTS + ("INANIMATE_INVOLVED",)
TIMES = ("POINT_IN_TIME", "START_TIME", "END_TIME")
LINKED = ("PERSON", "ORGANIZATION", "COUNTRY", "CITY")
PLACE_ROLES = ("hasPlace",)
# NEREL's types of the things the graph makes nodes of (people, organisations, places): the identity measure's
# scope. Professions, nationalities, laws, works of art carry QIDs too, but are no entity of the graph.
NODE_TYPES = LINKED + ("STATE_OR_PROVINCE", "DISTRICT", "LOCATION", "FACILITY")
WIKIDATA = re.compile(r"wikidata\.org/entity/(Q\d+)$")

Spans = list[tuple[int, int]]


def _hit(parts, spans) -> bool:
    return any(a < e and s < b for a, b in parts for s, e in spans)


def _overlap(parts, mention) -> int:
    """How many characters of the gold parts the predicted mention covers."""
    return sum(max(0, min(b, mention.end) - max(a, mention.start)) for a, b in parts)


def _share(found: int, total: int) -> dict:
    return {"gold": total, "found": found, "recall": round(found / total, 4) if total else 0.0}


def _precision(right: int, predicted: int) -> dict:
    return {"predicted": predicted, "right": right, "precision": round(right / predicted, 4) if predicted else 0.0}


def _relations(doc: GoldDocument, types, event_arg: str):
    """Relations of these types whose `event_arg` ("arg1" or "arg2") is an EVENT, as (type, event, other)."""
    spans = doc.annotations
    for r in doc.relations:
        if r.type in types and r.arg1 in spans and r.arg2 in spans and spans[getattr(r, event_arg)].type == "EVENT":
            event, other = (r.arg1, r.arg2) if event_arg == "arg1" else (r.arg2, r.arg1)
            yield r.type, spans[event], spans[other]


def _events_over(record, gold: GoldSpan) -> list:
    return [e for e in scored_events(record) if _hit(gold.parts, [(e.start, e.end)])]


def _statement(lexicon):
    iri = next((i for i, c in lexicon.classes.items() if c.local_name == "Statement"), None)
    return lambda cls: iri is not None and lexicon.is_a(cls, iri)


def events(docs: list[GoldDocument], records: list, lexicon) -> dict:
    """Gold EVENTs found; precision of the other predicted events; statements apart; predicted classes."""
    is_statement = _statement(lexicon)
    gold_n = found = 0
    right, predicted = Counter(), Counter()
    by_class: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    other = [0, 0]        # events not asserted (planned, possible ...): not counted above, NEREL marks some
    for doc, record in zip(docs, records):
        gold = [a for a in doc.annotations.values() if a.type == "EVENT"]
        events = scored_events(record)
        triggers = [(e.start, e.end) for e in events]
        gold_n += len(gold)
        found += sum(_hit(g.parts, triggers) for g in gold)
        for e in record.events:
            if not asserted(e):
                other[0] += 1
                other[1] += any(_hit(g.parts, [(m.start, m.end)]) for g in gold for m in e.triggers())
        for e in events:
            kind = "statements" if is_statement(e.type) else "events"
            hit = any(_hit(g.parts, [(e.start, e.end)]) for g in gold)
            predicted[kind] += 1
            right[kind] += hit
            by_class[local(e.type)][0] += 1
            by_class[local(e.type)][1] += hit
    return {"recall": _share(found, gold_n), "precision": _precision(right["events"], predicted["events"]),
            "statements": _precision(right["statements"], predicted["statements"]),
            "not_asserted": {"predicted": other[0], "over_gold_event": other[1]},
            "by_class": {c: {"predicted": n, "over_gold_event": h} for c, (n, h) in sorted(by_class.items())}}


def arguments(docs: list[GoldDocument], records: list) -> dict:
    """AGENT / PARTICIPANT_IN found through any role; precision of the roles of events over a gold EVENT."""
    per_type: dict[str, list[int]] = {t: [0, 0] for t in ARGUMENTS}
    right = predicted = 0
    for doc, record in zip(docs, records):
        for kind, event, participant in _relations(doc, ARGUMENTS, "arg2"):
            per_type[kind][0] += 1
            per_type[kind][1] += any(_hit(participant.parts, role_fillers(record, e, role))
                                     for e in _events_over(record, event) for role in e.roles)
        gold = list(_relations(doc, RIGHT_ARGUMENTS, "arg2"))
        for e in scored_events(record):
            over = [p for _, event, p in gold if _hit(event.parts, [(e.start, e.end)])]
            if not any(_hit(a.parts, [(e.start, e.end)]) for a in doc.annotations.values() if a.type == "EVENT"):
                continue
            for role in e.roles:
                if local(role.role) not in PLACE_ROLES:
                    predicted += 1
                    right += any(_hit(p.parts, role_fillers(record, e, role)) for p in over)
    total = [sum(v[i] for v in per_type.values()) for i in (0, 1)]
    return {"recall": _share(total[1], total[0]), "precision": _precision(right, predicted),
            "by_type": {t: _share(h, n) for t, (n, h) in per_type.items()}}


def date_span(record, event) -> tuple[int, int] | None:
    """Where an event's date is written: its offsets when the record has them, else its text in the sentence."""
    time = event.time
    if time is None:
        return None
    if time.char_start is not None and time.char_end is not None:
        return time.char_start, time.char_end
    sentence = next((s for s in record.sentences if s.index == event.sentence), None)
    lo, hi = (sentence.start, sentence.end) if sentence else (0, len(record.text))
    starts = [m.start() for m in re.finditer(re.escape(time.text), record.text[lo:hi])] if time.text else []
    if not starts:
        return None
    start = lo + min(starts, key=lambda s: abs(lo + s - event.start))
    return start, start + len(time.text)


def times(docs: list[GoldDocument], records: list) -> dict:
    """POINT_IN_TIME / START_TIME / END_TIME of EVENTs found as a predicted event's date."""
    gold_n = found = dated = placed = 0
    for doc, record in zip(docs, records):
        for e in scored_events(record):
            dated += e.time is not None
            placed += e.time is not None and date_span(record, e) is not None
        for _, event, date in _relations(doc, TIMES, "arg1"):
            gold_n += 1
            spans = [date_span(record, e) for e in _events_over(record, event)]
            found += _hit(date.parts, [s for s in spans if s])
    return _share(found, gold_n) | {"predicted_with_date": dated, "date_located": placed}


def places(docs: list[GoldDocument], records: list) -> dict:
    """TAKES_PLACE_IN of EVENTs found as a predicted event's place role."""
    gold_n = found = 0
    for doc, record in zip(docs, records):
        for _, event, place in _relations(doc, ("TAKES_PLACE_IN",), "arg1"):
            gold_n += 1
            found += any(_hit(place.parts, role_fillers(record, e, role)) for e in _events_over(record, event)
                         for role in e.roles if local(role.role) in PLACE_ROLES)
    return _share(found, gold_n)


def _mentions_by_entity(record) -> dict[str, Spans]:
    spans: dict[str, Spans] = defaultdict(list)
    for m in record.mentions:
        spans[m.entity].append(m.phrase(record.text))     # with its descriptor, as role fillers
    return spans


def _holders_by_entity(record) -> dict[str, Spans]:
    """The mentions of each entity, and of each post no person holds (ekg:Position) the phrase its positionIn
    relation spans ("президента Египта"): the post is the PROFESSION such a phrase is."""
    spans = _mentions_by_entity(record)
    for r in record.relations:
        if local(r.predicate) == "positionIn":
            spans[r.subject].append((r.start, r.end))
    return spans


def workplaces(docs: list[GoldDocument], records: list) -> dict:
    """WORKPLACE pairs joined by a relation between the two entities (a PROFESSION stands for its holders)."""
    gold_n = found = 0
    for doc, record in zip(docs, records):
        spans, ann = _holders_by_entity(record), doc.annotations
        holders = defaultdict(list)
        for r in doc.relations:
            if r.type == "WORKS_AS" and r.arg1 in ann:
                holders[r.arg2].append(ann[r.arg1].parts)
        pairs = [(r.subject, r.object) for r in record.relations if r.object]
        for r in doc.relations:
            if r.type != "WORKPLACE" or r.arg1 not in ann or r.arg2 not in ann:
                continue
            gold_n += 1
            people, where = [ann[r.arg1].parts, *holders[r.arg1]], ann[r.arg2].parts

            def over(entity, parts) -> bool:
                return _hit(parts, spans.get(entity, []))
            found += any((over(a, p) and over(b, where)) or (over(b, p) and over(a, where))
                         for a, b in pairs for p in people)
    return _share(found, gold_n)


def record_same_as(record) -> dict[str, list[str]]:
    """{entity key: its sameAs IRIs} as the record gives them (the lexicon's)."""
    return {e.key: list(e.same_as) for e in record.entities}


def wikidata(docs: list[GoldDocument], records: list, same_as=record_same_as) -> dict:
    """Linked PERSON / ORGANIZATION / COUNTRY / CITY mentions whose predicted entity carries their QID.
    `same_as(record) -> {entity key: IRIs}` says which links each entity has: the record's by default; `kg
    evaluate` passes the graph's (kg.graph.document_same_as: the gazetteer's country items too), which
    extract/ cannot compute (it knows no RDF). `by_type` splits the links to an item by NEREL type and by why
    one is missed: no predicted mention over it ("no entity"), the entity of the predicted mention that covers
    most of it with no QID ("no QID") or with another ("wrong QID"): which of finding, linking or the links
    themselves stands in the way."""
    null = 0
    by_type = {t: Counter() for t in LINKED}
    for doc, record in zip(docs, records):
        links = same_as(record)
        qids = {e.key: {m.group(1) for x in [*links.get(e.key, ()), e.iri or ""] if (m := WIKIDATA.search(x))}
                for e in record.entities}
        for tid, link in doc.links.items():
            gold = doc.annotations.get(tid)
            if gold is None or gold.type not in LINKED:
                continue
            if link == "NULL":
                null += 1
                continue
            over = [m for m in record.mentions if _hit(gold.parts, [(m.start, m.end)])]
            # the mention that stands for it covers most of it: a country named inside an organisation's
            # name ("МИД России") carries its own item, which is no wrong link of the organisation
            main = qids.get(max(over, key=lambda m: _overlap(gold.parts, m)).entity, ()) if over else ()
            by_type[gold.type].update(["gold", "found" if any(link in qids.get(m.entity, ()) for m in over)
                                       else "wrong_qid" if main else "no_qid" if over else "no_entity"])
    linked, found = (sum(c[k] for c in by_type.values()) for k in ("gold", "found"))
    return _share(found, linked) | {
        "null_links": null, "recall_all_links": round(found / (linked + null), 4) if linked + null else 0.0,
        "by_type": {t: _share(c["found"], c["gold"]) | {k: c[k] for k in ("no_entity", "no_qid", "wrong_qid")}
                    for t, c in by_type.items()}}


def record_names(records: list, lexicon, same_as=record_same_as) -> list[Name]:
    """The entities of the records as `Name`s, one per node (`Entity.iri`, else its key, as the graph names
    it), but a document's own (`Entity.local`), as kg/link.py leaves them: a node several documents name keeps the smallest label and all their other labels, and the items
    `same_as(record)` gives its entities (the graph's owl:sameAs when `kg evaluate` passes them)."""
    seen: dict[str, list] = {}
    for record in records:
        links = same_as(record)
        for e in record.entities:
            group = group_of(lexicon.category(e.cls)) if e.cls in lexicon.classes else None
            if group is None or e.local:   # a node of its document only (kg/link.py local_nodes): no name joins it
                continue
            node = entity_node(e)
            labels, alts, items = seen.setdefault(node, [group, set(), set(), set(), e.iri is not None])[1:4]
            labels.add(e.label_ru)
            alts.update(e.alt_labels)
            items.update(links.get(e.key, ()))
    known = {a.iri: a for a in lexicon.actors}
    names = []
    for node, (group, labels, alts, items, anchored) in seen.items():
        if node in known:     # the lexicon's names of it, as the store's ontology graph gives them
            alts |= {known[node].label_ru, *known[node].alt_labels}
        label = min(labels)
        names.append(Name(node, group, label, tuple(sorted((alts | labels) - {label})), anchored,
                          tuple(sorted(items))))
    return names


def entity_node(entity) -> str:
    """The node an entity is in the store: its lexicon IRI, else its key (which mints its IRI)."""
    return entity.iri or f"entity/{entity.key}"


def _jaccard(parts, start: int, end: int) -> float:
    common = sum(max(0, min(b, end) - max(a, start)) for a, b in parts)
    return common / (sum(b - a for a, b in parts) + (end - start) - common)


def mention_nodes(doc: GoldDocument, record, types) -> dict[str, str]:
    """{brat id: the node of the predicted mention that stands for it}. Each predicted mention stands for the
    gold mention of `types` it overlaps most (Jaccard of the spans): NEREL nests names, and "ФСБ России"
    stands for the organisation, not for the "России" inside it. A gold mention with several takes the
    closest."""
    entities = {e.key: e for e in record.entities}
    gold = {t: a for t, a in doc.annotations.items() if not types or a.type in types}
    best: dict[str, tuple[float, str]] = {}
    for m in sorted(record.mentions, key=lambda m: (m.start, m.end)):
        if m.entity not in entities:
            continue
        over = [(_jaccard(a.parts, m.start, m.end), t) for t, a in gold.items() if _hit(a.parts, [(m.start, m.end)])]
        if over:
            score, tid = max(over)
            if score > best.get(tid, (0.0, ""))[0]:
                best[tid] = (score, entity_node(entities[m.entity]))
    return {tid: node for tid, (_, node) in best.items()}


def identity(docs: list[GoldDocument], records: list, lexicon, types=NODE_TYPES, same_as=record_same_as) -> dict:
    """B-cubed of one node per real thing across documents (issue 17), over the gold mentions NEREL links to a
    Wikidata item (not NULL) whose type is one of `types` (the things the graph makes nodes of; None: all).
    Gold clusters: the mentions of one QID, in any document. Predicted: the node of the predicted mention
    that stands for the gold one (`mention_nodes`), after the cross-document resolution
    (`extract.identity.resolve`) and, apart, before it (each document's node alone: the same label or
    lexicon entry is already one node). A gold mention no predicted mention stands for is a cluster of its
    own: it costs recall, never precision. `found`: the same over the gold mentions a predicted mention
    stands for, the resolution's own measure apart from the mentions extraction misses. `same_as`: the
    entities' items, as `record_names` takes them."""
    names = record_names(records, lexicon, same_as)
    grammar = lexicon.grammar
    merged = node_of(resolve(names, grammar.legal_forms, grammar.name_function_words,
                             compounds=grammar.compound_parts, place_kinds=grammar.place_kind_nouns))
    gold_of: dict[tuple, str] = {}
    node_of_mention: dict[tuple, str | None] = {}
    for doc, record in zip(docs, records):
        nodes = mention_nodes(doc, record, types)
        for tid, link in sorted(doc.links.items()):
            gold = doc.annotations.get(tid)
            if gold is None or link == "NULL" or (types and gold.type not in types):
                continue
            gold_of[(doc.key, tid)] = link
            node_of_mention[(doc.key, tid)] = nodes.get(tid)
    found = {m: q for m, q in gold_of.items() if node_of_mention[m] is not None}
    after = {m: merged.get(n, n) if n else m for m, n in node_of_mention.items()}
    return {"mentions": len(gold_of), "items": len(set(gold_of.values())), "found": len(found),
            "merges": len(merged), "before": b_cubed(gold_of, {m: n or m for m, n in node_of_mention.items()}),
            "after": b_cubed(gold_of, after), "after_found": b_cubed(found, after),
            "all_types": identity(docs, records, lexicon, None, same_as) if types else None}


def nerel_report(docs: list[GoldDocument], records: list, lexicon, same_as=record_same_as) -> dict:
    """Every NEREL measure of the pipeline (Natasha alone has no events, relations or links); `same_as`: the
    entities' links, as `wikidata` takes them."""
    return {"events": events(docs, records, lexicon), "arguments": arguments(docs, records),
            "time": times(docs, records), "place": places(docs, records),
            "workplace": workplaces(docs, records), "wikidata": wikidata(docs, records, same_as),
            "identity": identity(docs, records, lexicon, same_as=same_as)}


def identity_lines(i: dict) -> list[str]:
    """The B-cubed line of one node per Wikidata item, after the cross-document resolution and before it."""
    def b3(s: dict) -> str:
        return f"P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f} ({s['nodes']} nodes)"
    return [f"{'one node per QID across documents':<34} B-cubed over {i['mentions']} linked mentions of "
            f"{i['items']} items: {b3(i['after'])}",
            f"{'':<34} before the {i['merges']} merges {b3(i['before'])}",
            f"{'':<34} over the {i['found']} a predicted mention stands for {b3(i['after_found'])}",
            *all_types_line(i.get("all_types"), b3)]


def all_types_line(a: dict | None, b3) -> list[str]:
    """The same B-cubed over every linked NEREL type, beside the measure: professions, nationalities, events,
    laws carry QIDs too, but the graph makes no node of them (a profession is a title, a nationality an
    adjective), so they are outside the measure and only shown (the two lines show what that leaves out)."""
    if not a:
        return []
    return [f"{'':<34} all linked types (NATIONALITY, PROFESSION, EVENT... too): {a['mentions']} mentions of "
            f"{a['items']} items: {b3(a['after'])}"]


def format_nerel(report: dict) -> list[str]:
    e, a, t, p, w, q = (report[k] for k in ("events", "arguments", "time", "place", "workplace", "wikidata"))

    def share(name: str, s: dict, note: str = "") -> str:
        return f"{name:<34} {s['found']:>5} of {s['gold']:>5}  {100 * s['recall']:5.1f}%{note}"

    def precision(name: str, s: dict, note: str = "") -> str:
        return f"{name:<34} {s['right']:>5} of {s['predicted']:>5}  {100 * s['precision']:5.1f}%{note}"

    return ["", "NEREL measures, by character overlap (pipeline only: Natasha has no events, relations or links)",
            share("EVENT mentions found", e["recall"], "   (any predicted trigger over them)"),
            precision("events over a gold EVENT", e["precision"], "   (precision; statements aside)"),
            precision("statements over a gold EVENT", e["statements"]),
            f"{'not asserted (planned, possible...)':<34} {e['not_asserted']['predicted']:>5} events, "
            f"{e['not_asserted']['over_gold_event']} over a gold EVENT (not counted above)",
            share("arguments (AGENT, PARTICIPANT_IN)", a["recall"]),
            *(share(f"  {k}", s) for k, s in a["by_type"].items()),
            precision("roles of found events right", a["precision"], "   (precision; places aside)"),
            share("times (POINT_IN_TIME, START/END)", t,
                  f"   ({t['predicted_with_date']} predicted events have a date, {t['date_located']} located in "
                  "the text)"),
            share("places (TAKES_PLACE_IN)", p),
            share("WORKPLACE pairs as a relation", w),
            share("QIDs right (links to an item)", q, f"   ({100 * q['recall_all_links']:.1f}% of all links, "
                                                      f"{q['null_links']} to NULL)"),
            *(share(f"  {t}", s, f"   (missed: no entity {s['no_entity']}, no QID {s['no_qid']}, "
                                 f"wrong QID {s['wrong_qid']})") for t, s in q["by_type"].items()),
            *identity_lines(report["identity"]),
            "predicted event classes (count, over a gold EVENT): "
            + ", ".join(f"{c} {v['predicted']}/{v['over_gold_event']}" for c, v in e["by_class"].items())]
