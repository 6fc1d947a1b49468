"""The boundary: a processed spaCy Doc and its source -> a `records.Document`, with the final decisions.

The stages only propose (each in its own `doc._` extension or spans key, docs/DESIGN.md "Stage contracts");
here, in one place, the proposals become the records:
- the statements of `doc._.speech` join the events (new ones, or quote and speaker of an event already there);
- an organisation's statement reported beside a person's in the same sentence ("X заявил ..., передает Y")
  is the outlet's report, not a statement: it goes, Y is typed a MediaOutlet and reports every statement;
- the modality the modality stage found for a trigger (`doc._.modality`) goes on its event, every other one
  is asserted;
- the events of one document that report the same event (the headline's, the lead's, the body's) become one
  with all its trigger mentions (`merge_mentions`);
- an asserted event the text gives no date takes the article's, as its "report date";
- the entities kept are those something refers to (a known actor only an alias matched is left out), with
  the actors the events name only by an adjective or a capital (`doc._.implied_entities`).
The Doc is left as the stages made it: the events and entities are copied before they change.
"""
from __future__ import annotations

import copy
import dataclasses
import datetime as dt

from ontology.lexicon import load_lexicon
from ontology.terms import EKG, Category

from . import VERSION
from .quotes import ClauseQuote, Speech, SpokenFor
from .records import Document, Event, Mention, Role, Sentence, TimeValue
from .resolve import sentence_numbers

AGENT, TARGET, ADDRESSEE, REPORTED_BY = EKG.agent, EKG.target, EKG.addressee, EKG.reportedBy
SIDES = (AGENT, TARGET, ADDRESSEE)    # two reports naming different fillers of one of these are two events


def to_document(doc, source, ontology_digest: str = "", lexicon=None) -> Document:
    """`lexicon` types the actors for the outlet decision: the pipeline's (`extract_documents` passes it),
    else the default ontology's."""
    text = doc.text   # spaCy joins the tokens' texts anew on every `doc.text`
    sents = list(doc.sents)
    sent_of = sentence_numbers(doc)
    sentences = []
    for n, s in enumerate(sents):
        words = [t for t in s if not t.is_space]
        start, end = (words[0].idx, words[-1].idx + len(words[-1])) if words else (s.start_char, s.end_char)
        sentences.append(Sentence(index=n, start=start, end=end, text=text[start:end]))
    entities = {**doc._.entities, **(doc._.implied_entities or {})}
    events = copy.deepcopy(doc._.events)
    apply_speech(events, doc._.speech or [])
    lexicon = lexicon or load_lexicon()
    outlets = outlet_reports(events, entities, lexicon)
    apply_modality(events, doc._.modality or {})
    merge_mentions(events, lexicon)
    report_date(events, source.date)
    for key in outlets:
        if entities[key].cls == EKG.Organization:
            entities[key] = dataclasses.replace(entities[key], cls=EKG.MediaOutlet)
    mentions = [Mention(start=m.start_char, end=m.end_char, text=m.text, sentence=sent_of[m.start],
                        entity=m._.entity, cls=entities[m._.entity].cls, confidence=m._.confidence, rule=m._.rule)
                for m in doc.spans["mentions"] if m._.entity]
    used = {m.entity for m in mentions} | {r.entity for e in events for r in e.roles} | \
        {k for r in doc._.relations for k in (r.subject, r.object)}
    return Document(
        key=source.key, path=source.source or source.path, text=text, title=source.title, date=source.date,
        outlet=outlets[-1] if outlets else None, content_hash=source.content_hash, extractor_version=VERSION,
        ontology_digest=ontology_digest,
        sentences=sentences, mentions=mentions,
        entities=[e for k, e in entities.items() if k in used],   # unused: a known actor only an alias matched
        relations=list(doc._.relations), events=events, warnings=list(source.warnings),
    )


def apply_speech(events: list[Event], speech) -> None:
    """The statements the quotes stage found, in its order: each may enrich what an earlier one added."""
    for act in speech:
        if isinstance(act, Speech):
            said(events, act)
        elif isinstance(act, ClauseQuote):
            for ev in events:
                if ev.start == act.start and ev.quote is None:
                    ev.quote = act.quote
        elif isinstance(act, SpokenFor):
            for ev in events:
                if act.start <= ev.start < act.end and ev.type != EKG.Statement \
                        and not any(r.role == AGENT for r in ev.roles):
                    ev.roles.append(Role(role=AGENT, entity=act.side, start=ev.start, end=ev.end))
                    ev.confidence = min(ev.confidence, 0.5)


def said(events: list[Event], act: Speech) -> None:
    existing = next((e for e in events if (e.start, e.end) == (act.start, act.end)), None)
    if existing is not None:          # the speech verb was already an event trigger: enrich it
        existing.quote = existing.quote or act.quote
        if act.speaker and not any(r.role == AGENT for r in existing.roles):
            existing.roles.append(Role(role=AGENT, entity=act.speaker, start=act.start, end=act.end))
        return
    roles = [Role(role=AGENT, entity=act.speaker, start=act.start, end=act.end)] if act.speaker else []
    events.append(Event(index=len(events), type=EKG.Statement, trigger=act.trigger, start=act.start,
                        end=act.end, sentence=act.sentence, roles=roles, quote=act.quote,
                        confidence=act.confidence, rule=act.rule))


def outlet_reports(events: list[Event], entities: dict, lexicon) -> list[str]:
    """"X заявил ..., передает Y": Y's statement is the report of X's, and Y reported the document.
    Removes those statements, gives every other one `reportedBy` the last outlet; returns the outlets."""
    def category(key):
        return lexicon.category(entities[key].cls)
    statement, outlets = EKG.Statement, []
    for ev in [e for e in events if e.type == statement]:
        agent = next((r.entity for r in ev.roles if r.role == AGENT), None)
        if not agent or category(agent) != Category.ORGANIZATION:
            continue
        peers = [p for p in events if p.type == statement and p.sentence == ev.sentence and p is not ev
                 and any(r.role == AGENT and category(r.entity) == Category.PERSON for r in p.roles if r.entity)]
        if peers:
            outlets.append(agent)
            events.remove(ev)
    renumber(events)
    if outlets:
        for ev in events:
            if ev.type == statement and not any(r.role == REPORTED_BY for r in ev.roles):
                ev.roles.append(Role(role=REPORTED_BY, entity=outlets[-1], start=ev.start, end=ev.end))
    return outlets


def renumber(events: list[Event]) -> None:
    """Give events their positions again after one was dropped, keeping topic links pointing right."""
    new = {ev.index: n for n, ev in enumerate(events)}
    for n, ev in enumerate(events):
        ev.index = n
        for role in ev.roles:
            if role.event is not None:
                role.event = new.get(role.event)
        ev.roles = [r for r in ev.roles if r.entity or r.event is not None or r.value]


def apply_modality(events: list[Event], found: dict) -> None:
    for ev in events:
        ev.modality, ev.modality_cue = found.get((ev.start, ev.end), (EKG.Asserted, None))


def merge_mentions(events: list[Event], lexicon) -> None:
    """One node per event in a document: a later event that reports an earlier one joins it as a mention."""
    kept, host_of = [], {}
    for ev in events:
        host = next((h for h in kept if same_event(h, ev, lexicon)), None)
        if host is None:
            kept.append(ev)
            continue
        absorb(host, ev, lexicon)
        host_of[ev.index] = host.index
    if not host_of:
        return
    for ev in kept:
        for role in ev.roles:
            role.event = host_of.get(role.event, role.event)
        ev.roles = [r for r in ev.roles if r.event != ev.index]    # "об этом" pointing at itself now
    events[:] = kept
    renumber(events)


def same_event(a: Event, b: Event, lexicon) -> bool:
    """Same or narrower class, same modality, a shared entity, no side named differently, dates that meet.
    Statements only with the same speaker and the same quote."""
    if a.modality != b.modality or not (lexicon.is_a(a.type, b.type) or lexicon.is_a(b.type, a.type)):
        return False
    if lexicon.is_a(a.type, EKG.Statement) or lexicon.is_a(b.type, EKG.Statement):
        return bool(a.quote) and a.quote == b.quote and bool(fillers(a, AGENT)) and \
            fillers(a, AGENT) == fillers(b, AGENT)
    if not fillers(a) & fillers(b):
        return False
    if any(fillers(a, r) and fillers(b, r) and not fillers(a, r) & fillers(b, r) for r in SIDES):
        return False
    return dates_meet(a.time, b.time)


def fillers(ev: Event, role: str | None = None) -> set[str]:
    """The entities of one role of the event, or of all its roles but the outlet's."""
    return {r.entity for r in ev.roles if r.entity and (r.role == role if role else r.role != REPORTED_BY)}


def dates_meet(a: TimeValue | None, b: TimeValue | None) -> bool:
    if a is None or b is None:
        return True
    if a.begin and a.end and b.begin and b.end:
        return a.begin <= b.end and b.begin <= a.end
    return a.value is not None and a.value == b.value


def absorb(host: Event, ev: Event, lexicon) -> None:
    """The more specific class, every trigger as a mention, the roles of both, the date the text gives."""
    if ev.type != host.type and lexicon.is_a(ev.type, host.type):
        host.type = ev.type
    host.mentions = sorted([*host.mentions, *ev.triggers()], key=lambda m: m.start)
    for role in ev.roles:
        if not any((r.role, r.entity, r.event, r.value) == (role.role, role.entity, role.event, role.value)
                   for r in host.roles):
            host.roles.append(role)
    host.time = host.time or ev.time
    host.quote = host.quote or ev.quote
    host.confidence = max(host.confidence, ev.confidence)


def report_date(events: list[Event], date: str | None) -> None:
    """An asserted event without a date in the text happened by the article's date: a timeline can show it
    there, marked as the report date. Without the article's date, no time."""
    try:
        day = dt.date.fromisoformat(date).isoformat() if date else None
    except ValueError:
        day = None
    if day is None:
        return
    for ev in events:
        if ev.time is None and ev.modality == EKG.Asserted:
            ev.time = TimeValue(text="", precision="day", value=day, begin=day, end=day, source="report date")
