"""The boundary: a processed spaCy Doc and its source -> a `records.Document`, with the final decisions.

The stages only propose (each in its own `doc._` extension or spans key, docs/DESIGN.md "Stage contracts");
here, in one place, the proposals become the records:
- the statements of `doc._.speech` join the events (new ones, or quote and speaker of an event already there);
- an organisation's statement reported beside a person's in the same sentence ("X заявил ..., передает Y")
  is the outlet's report, not a statement: it goes, Y is typed a MediaOutlet and is the document's outlet;
- the modality the modality stage found for a trigger (`doc._.modality`) goes on its event, every other one
  is asserted;
- the events of one document that report the same event (the headline's, the lead's, the body's) become one
  with all its trigger mentions (`merge_mentions`);
- an asserted event the text gives no date takes the article's, as its "report date";
- a state or region named by its adjective outside any mention ("российских шпионов") is a mention of it;
- the entities kept are those something refers to (a known actor only an alias matched is left out), with
  the actors the events name only by an adjective or a capital (`doc._.implied_entities`).
The Doc is left as the stages made it: the events and entities are copied before they change.
"""
from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from functools import lru_cache

from ontology.lexicon import load_lexicon, normalize
from ontology.terms import EKG, SEM_NS, Category

from . import VERSION
from .entities import known_entity, romanise, slug
from .place_adjectives import adjective_places, lexicon_places, place_named_by, unlisted_state
from .quotes import ClauseQuote, Post, Relay, Source, Speaker, Speech, SpokenFor
from .records import ADJECTIVE_RULE, Descriptor, Document, Entity, Event, Mention, Role, Sentence, TimeValue
from .resolve import sentence_bounds, sentence_numbers
from .token_columns import columns, span_extension, span_extensions, text as doc_text

AGENT, TARGET, ADDRESSEE, TOPIC, REPORTED_BY = EKG.agent, EKG.target, EKG.addressee, EKG.topic, EKG.reportedBy
PLACE = SEM_NS + "hasPlace"
ACTOR = SEM_NS + "hasActor"
ADJECTIVE_CONFIDENCE = 0.7    # a relational adjective names its state ("российский"), but not always it alone
SIDES = (AGENT, TARGET, ADDRESSEE)    # two reports naming different fillers of one of these are two events


def to_document(doc, source, ontology_digest: str = "", lexicon=None) -> Document:
    """`lexicon` types the actors for the outlet decision: the pipeline's (`extract_documents` passes it),
    else the default ontology's."""
    text = doc_text(doc)   # spaCy joins the tokens' texts anew on every `doc.text`: once per document
    sent_of = sentence_numbers(doc)
    sentences = []
    # a whitespace token (spaCy's `is_space`: `str.isspace`) read from the columns, and a Token made only for a
    # sentence's first and last word: `to_array` of IS_SPACE reads every word's lexeme (1 % of the stages' time)
    words = columns(doc).text
    for n, (first, stop) in enumerate(sentence_bounds(doc)):
        a, b = first, stop - 1               # the first and the last word of the sentence
        while a <= b and words[a].isspace():
            a += 1
        while b >= a and words[b].isspace():
            b -= 1
        start, end = (doc[a].idx, doc[b].idx + len(words[b])) if a <= b else \
            (doc[first:stop].start_char, doc[first:stop].end_char)
        sentences.append(Sentence(index=n, start=start, end=end, text=text[start:end]))
    entities = {**(doc._.positions or {}), **doc._.entities, **(doc._.implied_entities or {})}
    events = copied(doc._.events)
    relayed, speakers_outlets = apply_speech(events, doc._.speech or [])
    relations = list(doc._.relations)
    for post in (p for p in doc._.speech or [] if isinstance(p, Post)):
        speaks(events, entities, relations, post)
    lexicon = lexicon or load_lexicon()
    outlets = [o for o in relayed if o not in speakers_outlets] + \
        outlet_reports(events, entities, lexicon, speakers_outlets)
    apply_modality(events, doc._.modality or {})
    imposed_voice(events, entities, lexicon, doc)
    merge_mentions(events, lexicon)
    report_date(events, source.date)
    metadata = dict(getattr(source, "metadata", None) or {})
    if "outlet" in metadata:   # the publisher the front matter names is the document's outlet, whatever the text relays
        outlets.append(stated_outlet(metadata["outlet"], entities, lexicon))
    for key in outlets:
        if entities[key].cls == EKG.Organization:
            entities[key] = dataclasses.replace(entities[key], cls=EKG.MediaOutlet)
    mentions = [mention_record(m, sent_of, entities, read) for m in doc.spans["mentions"]
                if (read := span_extensions(m, MENTION_EXTENSIONS))[0]]
    mentions += adjective_mentions(doc, sent_of, entities, lexicon, doc.spans["mentions"])
    mentions = sorted(mentions + place_adjective_mentions(doc, sent_of, entities, events, mentions),
                      key=lambda m: m.start)     # stable: the stages' mentions keep their order
    used = {m.entity for m in mentions} | {r.entity for e in events for r in e.roles} | \
        {k for r in relations for k in (r.subject, r.object)} | set(outlets[-1:])
    return Document(
        key=source.key, path=source.source or source.path, text=text, title=source.title, date=source.date,
        outlet=outlets[-1] if outlets else None, content_hash=source.content_hash, extractor_version=VERSION,
        ontology_digest=ontology_digest,
        sentences=sentences, mentions=mentions,
        entities=[e for k, e in entities.items() if k in used],   # unused: a known actor only an alias matched
        relations=relations, events=events, warnings=list(source.warnings),
        language=metadata.get("language", "ru"), metadata=metadata,
    )


# The case endings of an adjective, longest first: what is left of "украинской", "украинских" is "украинск"
ADJECTIVE_ENDINGS = ("ыми", "ими", "ого", "его", "ому", "ему", "ий", "ый", "ой", "ая", "яя", "ое", "ее", "ие", "ые",
                     "ую", "юю", "ым", "им", "ом", "ем", "ей", "ых", "их")


@lru_cache(maxsize=100_000)
def adjective_stem(word: str) -> str:
    """The word without its adjective ending ("Украинской" -> "украинск"): the tagger's lemma of a relational
    adjective is often the form itself ("украинской"), so the stem, not the lemma, is compared. Kept per word:
    every adjective of every document is asked, and the endings are tried one by one."""
    word = word.casefold().replace("ё", "е")
    ending = next((e for e in ADJECTIVE_ENDINGS if word.endswith(e) and len(word) > len(e) + 3), "")
    return word[: len(word) - len(ending)]


@lru_cache(maxsize=4)
def actor_adjectives(lexicon) -> dict[str, object]:
    """{relational adjective's stem: the lexicon actor it names} ("российск": Russia), a state's before a
    region's, as the events read them (extract/events.py `adjective_of`)."""
    found: dict[str, object] = {}
    for a in sorted(lexicon.actors, key=lambda a: (lexicon.category(a.cls) != Category.STATE, a.iri)):
        for adj in a.adjectives:
            found.setdefault(adjective_stem(adj), a)
    return found


@lru_cache(maxsize=4)
def state_adjectives(lexicon) -> dict[str, str]:
    """{relational adjective's stem: the Russian name of the state} of the states that are no lexicon actor
    ("афганск": "Афганистан", ontology/states.ttl)."""
    return {adjective_stem(adj): name for adj, name in lexicon.state_adjectives.items()}


def adjective_mentions(doc, sent_of, entities: dict, lexicon, taken) -> list[Mention]:
    """A state or region named by its adjective outside any other mention ("российских шпионов", "в британском
    Солсбери") or before an organisation's noun ("российских властей", "Российского антидопингового агентства"),
    or a place whose name the adjective is made from ("московского клуба", extract/place_adjectives.py): a
    mention of that actor (rule "state-adjective"), added to `entities` when new. NEREL links
    these words to the country's item; the graph's node of the country then has every document that refers
    to it, and its Wikidata link reaches them. Not a name: the name measures leave them out
    (extract/evaluate.py `pipeline_spans`), and the stages never saw them (no event or relation changes)."""
    adjectives, states = actor_adjectives(lexicon), state_adjectives(lexicon)
    if not (adjectives or states) or not len(doc):
        return []
    cols = columns(doc)
    # the adjectives before an organisation's noun name their state or city too, as NEREL marks them: those that
    # make a noun a mention ("американскую компанию", "российских властей", extract/orgs.py) and those a name
    # opens with ("Российского антидопингового агентства", "Большого московского цирка"); so do a place
    # descriptor's ("в итальянской провинции Феррара", extract/places.py)
    covered = set()
    for span in taken:
        start = span.start
        if lexicon.category(span.label_) == Category.ORGANIZATION or span_extension(span, "rule") == "place-descriptor":
            while start < span.end and cols.pos[start] == "ADJ":
                start += 1
        covered.update(range(start, span.end))
    text, out = doc_text(doc), []
    places = None
    for i, (pos, word) in enumerate(zip(cols.pos, cols.lower)):
        if pos != "ADJ" or i in covered:
            continue
        stem = adjective_stem(word)
        actor = adjectives.get(stem)
        if actor is not None:
            key = actor.iri.rsplit("/", 1)[-1]
            if key not in entities:
                entities[key] = known_entity(actor)
        elif stem in states:
            key = entities.setdefault(slug(states[stem]), unlisted_state(states[stem])).key
        else:
            if places is None:
                places = adjective_places(entities, lexicon)
            key = place_named_by(cols.lemma[i], places, lexicon)
            if key is None:
                continue
            if key not in entities:
                entities[key] = known_entity(lexicon_places(lexicon)[key])
        start = doc[i].idx
        end = start + len(cols.text[i])
        out.append(Mention(start=start, end=end, text=text[start:end], sentence=sent_of[i], entity=key,
                           cls=entities[key].cls, confidence=ADJECTIVE_CONFIDENCE, rule=ADJECTIVE_RULE))
    return out


def place_adjective_mentions(doc, sent_of, entities: dict, events, mentions) -> list[Mention]:
    """A city an event happens in, named by its adjective on the event noun ("Каннского кинофестиваля",
    "минского концерта": extract/events.py `adjective_place`): a mention of that place (rule "state-adjective"),
    as NEREL marks the adjective; the lexicon gives states' adjectives only (`adjective_mentions`), a city's
    is read from its name by the events stage. Only the place roles' words: no walk over the document."""
    covered = {(m.start, m.end) for m in mentions}
    text, out = doc_text(doc), []
    for event in events:
        for r in event.roles:
            if r.role != PLACE or not r.entity or r.entity not in entities or (r.start, r.end) in covered:
                continue
            span = doc.char_span(r.start, r.end)
            if span is None or len(span) != 1 or span[0].pos_ != "ADJ":
                continue
            covered.add((r.start, r.end))
            out.append(Mention(start=r.start, end=r.end, text=text[r.start:r.end], sentence=sent_of[span[0].i],
                               entity=r.entity, cls=entities[r.entity].cls, confidence=ADJECTIVE_CONFIDENCE,
                               rule=ADJECTIVE_RULE))
    return out


def stated_outlet(name: str, entities: dict, lexicon) -> str:
    """The entity key of the outlet a document's front matter names (adding it to `entities`): the known
    actor of that name, else the entity of the text with that label ("передает Интерфакс"), else a new
    MediaOutlet. One node per outlet, whichever way the text or the front matter names it."""
    wanted = normalize(name)
    for actor in lexicon.actors:
        if wanted in {normalize(label) for label in (actor.label_ru, actor.label_en, *actor.alt_labels)}:
            entity = known_entity(actor)
            return entities.setdefault(entity.key, entity).key
    for key, entity in entities.items():
        if wanted in {normalize(label) for label in (entity.label_ru, entity.label_en, *entity.alt_labels)}:
            return key
    key = slug(name)
    entities.setdefault(key, Entity(key=key, cls=EKG.MediaOutlet, label_ru=name, label_en=romanise(name),
                                    romanised=romanise(name) != name))
    return key


ATOMIC = frozenset({str, int, float, bool, type(None)})


def copied(obj, memo: dict | None = None):
    """`copy.deepcopy` of records (dataclasses of plain values, in lists), objects shared as before, in less
    than half the generic deepcopy's time (0.05 against 0.11 ms a document), which dispatches on every value."""
    kind = type(obj)
    if kind in ATOMIC:
        return obj
    memo = {} if memo is None else memo
    new = memo.get(id(obj))
    if new is not None:
        return new
    if kind is list:
        new = memo[id(obj)] = []
        new.extend(copied(x, memo) for x in obj)
    elif dataclasses.is_dataclass(kind) and not hasattr(kind, "__slots__"):
        new = memo[id(obj)] = object.__new__(kind)
        new.__dict__.update({k: copied(v, memo) for k, v in obj.__dict__.items()})
    else:
        new = copy.deepcopy(obj, memo)
    return new


MENTION_EXTENSIONS = ("entity", "name", "confidence", "rule")   # what a mention's record reads of `span._`


def mention_record(span, sent_of, entities: dict, read: tuple) -> Mention:
    """The record of a mention: its name, with the descriptor the stages found before it ("штате Колорадо",
    "компании «Арктикгаз»": `span._.name` is the name's tokens) kept beside it, without the name's quotes.
    `read`: the span's MENTION_EXTENSIONS (`span_extensions`); its class is its entity's."""
    doc = span.doc
    entity, name, confidence, rule = read
    cls = entities[entity].cls
    if name is None or tuple(name) == (span.start, span.end) or name[0] <= span.start:
        start, end = span.start_char, span.end_char   # the text cut from the document's: spaCy joins tokens
        return Mention(start=start, end=end, text=doc_text(doc)[start:end], sentence=sent_of[span.start],
                       entity=entity, cls=cls, confidence=confidence, rule=rule)
    words = doc[span.start:name[0]]
    while len(words) and (words[-1].is_punct or words[-1].is_space):   # the opening quote
        words = words[:-1]
    named = doc[name[0]:name[1]]
    descriptor = Descriptor(start=words.start_char, end=words.end_char, text=words.text) if len(words) else None
    return Mention(start=named.start_char, end=named.end_char, text=named.text, sentence=sent_of[named.start],
                   entity=entity, cls=cls, confidence=confidence, rule=rule, descriptor=descriptor)


def apply_speech(events: list[Event], speech) -> tuple[list[str], list[str]]:
    """The statements the quotes stage found, in its order: each may enrich what an earlier one added. Returns
    the outlets whose statements only relayed the news (`Relay`), and those of them that relayed someone's
    statement ("Об этом заявил X, передает Y"): Y reports the document's statements."""
    outlets, of_speakers = [], []
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
        elif isinstance(act, Source):
            if act.formula:             # "как утверждают X": the verb names the source, it is no statement
                events[:] = [e for e in events if (e.start, e.end) != (act.start, act.end)]
                renumber(events)
            for ev in events:
                if ev.sentence == act.sentence and not act.start <= ev.start < act.end:
                    for key in act.sources or (None,):
                        reported_by(ev, key, act.phrase)
        elif isinstance(act, Speaker):
            for ev in events:
                if (ev.start, ev.end) == (act.start, act.end) and not any(r.role == AGENT and r.entity
                                                                          for r in ev.roles):
                    ev.roles = [r for r in ev.roles if r.role != AGENT]
                    for key in act.keys or (None,):
                        ev.roles.append(Role(role=AGENT, entity=key, value=None if key else act.phrase[2],
                                             start=act.phrase[0], end=act.phrase[1]))
        elif isinstance(act, Relay) and (relayed := relay(events, act)) is not None:
            outlets += [act.outlet] if act.outlet else []
            of_speakers += [act.outlet] if act.outlet and relayed else []
    return outlets, of_speakers


def speaks(events: list[Event], entities: dict, relations: list, post: Post) -> None:
    """The post speaks (its node and its positionIn the state), in place of the title as a phrase."""
    ev = next((e for e in events if (e.start, e.end) == (post.start, post.end)), None)
    if ev is None or any(r.role == AGENT and r.entity for r in ev.roles):
        return
    entities.setdefault(post.entity.key, post.entity)
    same = (post.relation.subject, post.relation.predicate, post.relation.object)
    if not any((r.subject, r.predicate, r.object) == same for r in relations):   # the relations stage read it too
        relations.append(post.relation)
    ev.roles = [r for r in ev.roles if r.role != AGENT]
    ev.roles.append(Role(role=AGENT, entity=post.entity.key, start=post.relation.start, end=post.relation.end))


def reported_by(ev: Event, key: str | None, phrase: tuple[int, int, str]) -> None:
    """The outlet or source of an event: its entity, else the phrase that names it ("американские СМИ")."""
    if not any(r.role == REPORTED_BY and (r.entity == key if key else r.value == phrase[2]) for r in ev.roles):
        ev.roles.append(Role(role=REPORTED_BY, entity=key, value=None if key else phrase[2],
                             start=phrase[0], end=phrase[1]))


def relay(events: list[Event], act: Relay) -> bool | None:
    """The outlet's statement goes; its outlet reports what it relays: the event "об этом" points to and the
    others of that sentence, else the events of its own sentence ("Россия дала кредит, сообщает Лента.ру").
    None when there is no such statement; else whether it relayed someone's statement."""
    ev = next((e for e in events if (e.start, e.end) == (act.start, act.end)), None)
    if ev is None:
        return None
    topic = next((r.event for r in ev.roles if r.role == TOPIC and r.event is not None), None)
    sentence = next((e.sentence for e in events if e.index == topic), ev.sentence)
    events.remove(ev)
    relayed = [other for other in events if other.sentence == sentence]
    for other in relayed:
        reported_by(other, act.outlet, act.phrase)
    renumber(events)
    return any(e.type == EKG.Statement and any(r.role == AGENT and r.entity for r in e.roles) for e in relayed)


def said(events: list[Event], act: Speech) -> None:
    existing = next((e for e in events if (e.start, e.end) == (act.start, act.end)), None)
    if existing is not None:          # the speech verb was already an event trigger: enrich it
        existing.quote = existing.quote or act.quote
        if act.speaker and not any(r.role == AGENT and r.entity for r in existing.roles):
            # a title the events stage kept as a phrase ("министр подчеркнул") is the person who holds it
            title = next((r for r in existing.roles if r.role == AGENT), None)
            existing.roles = [r for r in existing.roles if r.role != AGENT]
            start, end = (title.start, title.end) if title else act.said_by or (act.start, act.end)
            existing.roles.append(Role(role=AGENT, entity=act.speaker, start=start, end=end))
        return
    start, end = act.said_by or (act.start, act.end)     # the subject's word ("— добавил он"), else the verb's
    roles = [Role(role=AGENT, entity=act.speaker, start=start, end=end)] if act.speaker else []
    events.append(Event(index=len(events), type=EKG.Statement, trigger=act.trigger, start=act.start,
                        end=act.end, sentence=act.sentence, roles=roles, quote=act.quote,
                        confidence=act.confidence, rule=act.rule))


def outlet_reports(events: list[Event], entities: dict, lexicon, relayed: list[str] = ()) -> list[str]:
    """"X заявил ..., передает Y": Y's statement is the report of X's, and Y reported the document.
    Removes those statements; returns the outlets (these and the `relayed` ones that relayed a statement,
    `apply_speech`), the last of which is the document's. The other statements get no `reportedBy` from it: the
    outlet reports the events of the sentence that names it (`relay`), not every statement of the text."""
    def category(key):
        return lexicon.category(entities[key].cls)
    statement, outlets = EKG.Statement, list(relayed)
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
    return outlets      # the document's outlet (Document.outlet), not each statement's: it relays only its own


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


def imposed_voice(events: list[Event], entities: dict, lexicon, doc) -> None:
    """A bare noun trigger that says nothing of who decided ("отставка") takes the class its verbs give the story
    (`lexicon.imposed`, "уволен", "отправлен в отставку"): its holder's own if a verb imposes it on that person,
    else the noun's with no person when the story's verbs only impose it; the holder is then the target.
    A noun a petition asks for ("рапорт об отставке": grammar's PetitionNouns) says who decided: the filer."""
    def petitioned(ev):
        span = doc.char_span(ev.start, ev.end, alignment_mode="expand")
        return span is not None and span.root.head.lemma_ in lexicon.grammar.petition_nouns

    def explicit(cls):
        return [e for e in events if e.type == cls and e.rule in ("verb", "phrase", "light-verb")]
    for own, imposed in lexicon.imposed.items():
        forced, chosen = explicit(imposed), explicit(own)
        dismissed = {r.entity for e in forced for r in e.roles if r.role == TARGET and r.entity}
        for ev in (e for e in events if e.type == own and e.rule in ("noun", "light-verb") and not petitioned(e)):
            people = {r.entity for r in ev.roles if r.entity and r.role != REPORTED_BY
                      and lexicon.category(entities[r.entity].cls) == Category.PERSON}
            if people & dismissed or (not people and forced and not chosen):
                ev.type = imposed
                ev.roles = [dataclasses.replace(r, role=TARGET) if r.role in (AGENT, ACTOR) else r for r in ev.roles]


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
    """The entities of one role of the event, or of all its roles but the outlet's. The argument model's
    roles are left out: two reports are one event or two on the rules' evidence alone (a guess of the model
    named as a second agent kept apart reports the rules join, and their places with them)."""
    return {r.entity for r in ev.roles if r.entity and not r.by_model and
            (r.role == role if role else r.role != REPORTED_BY)}


def dates_meet(a: TimeValue | None, b: TimeValue | None) -> bool:
    if a is None or b is None:
        return True
    if a.begin and a.end and b.begin and b.end:
        return a.begin <= b.end and b.begin <= a.end
    return a.value is not None and a.value == b.value


def absorb(host: Event, ev: Event, lexicon) -> None:
    """The more specific class, every trigger as a mention (with the date its report gives and the class its word
    names: "задержан" of an arrest is a Detention, as gold marks each word), the roles of both,
    the date the text gives first.
    A role the host has already is kept again where the later mention says it in its own words ("Умер X. Он
    умер в больнице": "Он" is X): each mention keeps its own sentence's roles; the graph holds one triple."""
    if ev.type != host.type and lexicon.is_a(ev.type, host.type):
        host.trigger_type = host.trigger_type or host.type      # its words so far still name the broader class
        host.mentions = [dataclasses.replace(m, type=m.type or host.type) for m in host.mentions]
        host.type = ev.type
    # each with its date, and the class its word names where it is not the event's
    reports = [dataclasses.replace(m, time=m.time or ev.time, type=m.type or (ev.type if ev.type != host.type else None))
               for m in ev.triggers()]
    host.mentions = sorted([*host.mentions, *reports], key=lambda m: m.start)
    for role in ev.roles:
        if not any((r.role, r.entity, r.event, r.value, r.start) ==
                   (role.role, role.entity, role.event, role.value, role.start) for r in host.roles):
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
