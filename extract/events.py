"""Events: a trigger lemma from the ontology, roles from the syntax around it.

Sets `doc._.events` (a list of `records.Event`). Roles by dependency:
- verbs: subject -> agent (target when passive), object -> the class's object role (target, or
  addressee for a warning or an invitation), instrumental -> instrument (agent if it is an actor),
  "о/об/по поводу X" -> topic, place prepositions with a place or asset -> place, "на X" -> target;
- nouns: a state's adjective ("украинских атак") or a genitive actor -> agent, "на X" -> target;
  a noun that is the object of a light verb ("ведет переговоры") takes the verb's subject and its
  place and time phrases.
Falling back when the syntax gives nothing: a nominal trigger of the same type in the sentence of a
verbal one is the same event; an attack with no agent takes the agent of the latest attack in the
preceding sentences. Dates in the sentence go to the nearest trigger that governs them.
"""
from __future__ import annotations

import datetime as dt

from spacy.language import Language
from spacy.tokens import Doc

from ontology.lexicon import load_lexicon
from ontology.terms import EKG, SEM_NS, Category

from .dates import MONTHS, SEASONS, find_dates
from .entities import known_entity
from .lemmas import hits, lookup
from .records import Event, Role
from .resolve import Resolver

Doc.set_extension("events", default=None, force=True)
Doc.set_extension("implied_entities", default=None, force=True)   # key -> Entity: actors no mention names
Doc.set_extension("article_date", default=None, force=True)

AGENT, TARGET, ADDRESSEE, INSTRUMENT, TOPIC, PLACE = (
    EKG.agent, EKG.target, EKG.addressee, EKG.instrument, EKG.topic, SEM_NS + "hasPlace")
TIME_WORDS = set(MONTHS) | set(SEASONS) | {"год", "время", "период", "ночь", "утро", "день", "вечер",
                                            "ночью", "утром", "днем", "вечером"}
TOPIC_PREPS = {"о", "об", "про", "насчет"}
TOPIC_NOUNS = {"повод", "вопрос", "тема"}
PLACE_PREPS = {"в", "вблизи", "около", "близ", "рядом", "у", "под", "возле", "недалеко"}
ACTORS = {Category.PERSON, Category.ORGANIZATION, Category.STATE}     # who can act
PLACES = {Category.PLACE, Category.STATE}                               # where it can happen
SUBCLAUSE = {"acl", "acl:relcl", "advcl", "ccomp", "csubj", "parataxis"}   # heads of another clause
CONFIDENCE = {"verb": 0.85, "noun": 0.75, "light-verb": 0.75, "merged": 0.8}


def case_words(token):
    """The preposition of a phrase, with an adverb it hangs from ("рядом с терминалом")."""
    words = {c.lower_ for c in token.children if c.dep_ in ("case", "fixed")} | \
        {g.lower_ for c in token.children if c.dep_ == "case" for g in c.children if g.dep_ == "fixed"}
    if token.head.dep_ == "advmod" and token.head.lower_ in PLACE_PREPS:
        words.add(token.head.lower_)
    return words


def dependents(token):
    """Children, looking through place adverbs: "предпринята рядом с терминалом" -> терминалом."""
    for child in token.children:
        if child.dep_ == "advmod" and child.lower_ in PLACE_PREPS:
            yield from (g for g in child.children if g.dep_ in ("obl", "nmod"))
        else:
            yield child


def is_negated(token):
    return any(c.lower_ in ("не", "ни") or c.lemma_ == "никакой" for c in token.children) or \
        (token.head.i != token.i and token.pos_ == "NOUN" and
         any(c.lower_ == "не" for c in token.head.children))


def is_passive(token):
    return "Pass" in token.morph.get("Voice") or any(c.dep_ in ("nsubj:pass", "aux:pass") for c in token.children)


class EventCall(Resolver):
    """The resolver of one document with what the stage builds up for it: passed through the methods,
    never kept on the stage."""

    def __init__(self, doc, lexicon):
        super().__init__(doc, lexicon)
        self.parties: list[str] = []    # the two sides of the latest exchange, for "стороны"


class EventExtractor:
    def __init__(self, lexicon):
        self.lexicon = lexicon
        self.name_of = {iri: c.local_name for iri, c in lexicon.classes.items()}
        self.iri_of = {name: iri for iri, name in self.name_of.items()}   # classes of extension modules too
        local = {a.iri: a.iri.rsplit("/", 1)[-1] for a in lexicon.actors}
        self.actor_by_key = {local[a.iri]: a for a in lexicon.actors}
        # a relational adjective names its actor ("украинских атак" -> Ukraine); states first
        self.adjective_of: dict[str, str] = {}
        for a in sorted(lexicon.actors, key=lambda a: lexicon.category(a.cls) != Category.STATE):
            for adj in a.adjectives:
                self.adjective_of.setdefault(adj, local[a.iri])
        self.capital_of = {local[a.iri]: local[a.capital_of] for a in lexicon.actors
                           if a.capital_of and a.capital_of in local}

    def object_role(self, ev_name):
        return self.lexicon.object_roles.get(self.iri_of.get(ev_name), TARGET)

    def triggers(self, doc, res):
        for token, cls in hits(doc, self.lexicon.triggers):
            if cls and token.pos_ in ("VERB", "NOUN", "ADJ") and res.mention_of(token) is None \
                    and not is_negated(token):
                yield token, cls

    def add(self, res, roles, role, keys, token):
        if not keys and role in (AGENT, TARGET, ADDRESSEE) and token.pos_ in ("NOUN", "ADJ") \
                and token.dep_ in ("nsubj", "nsubj:pass", "obj"):
            if token.lemma_ == "сторона" and "Plur" in token.morph.get("Number"):
                keys = res.parties                # "Стороны": the two sides of the latest exchange
            else:                                 # no entity: keep the phrase ("послов европейских стран")
                end = next((t.i for t in token.subtree if t.is_punct and t.i > token.i), token.right_edge.i + 1)
                phrase = token.doc[token.left_edge.i:end]
                if len(phrase) <= 8 and not any(r.role == role for r in roles):
                    roles.append(Role(role=role, value=phrase.text, start=phrase.start_char, end=phrase.end_char))
                return
        if role == AGENT:                         # a capital acting stands for its state ("Астана призывает")
            keys = [self.capital_of.get(k, k) for k in keys]
        entities = token.doc._.entities
        for key in keys:                          # an actor named only by its adjective or its capital
            if key not in entities and key not in res.implied and key in self.actor_by_key:
                res.implied[key] = known_entity(self.actor_by_key[key])
        for key in keys:
            if not any(r.role == role and r.entity == key for r in roles):
                roles.append(Role(role=role, entity=key, start=token.idx, end=token.idx + len(token)))

    def prep_role(self, ev_name, child, res, roles):
        """An oblique or nominal dependent with a preposition: topic, target or place."""
        preps = case_words(child)
        if preps & TOPIC_PREPS or (child.lemma_ in TOPIC_NOUNS and "по" in preps) or {"по", "поводу"} <= preps:
            target = next((c for c in child.children if c.dep_ == "nmod"), child) \
                if child.lemma_ in TOPIC_NOUNS else child
            return TOPIC, target
        keys = res.entities(child, depth=1)
        cats = {res.category(k) for k in keys}
        if ev_name == "Attack" and "на" in preps and cats & {Category.ASSET, Category.ORGANIZATION, Category.STATE}:
            return TARGET, child
        if (preps & PLACE_PREPS and cats & (PLACES | {Category.ASSET})) or ("на" in preps and cats & PLACES):
            return PLACE, child
        return None, None

    def roles(self, trigger, ev_name, res):
        roles: list[Role] = []
        verbal = trigger.pos_ == "VERB"
        for child in dependents(trigger):
            dep = child.dep_
            if verbal and dep == "nsubj":
                self.add(res, roles, TARGET if is_passive(trigger) else AGENT, res.entities(child), child)
            elif dep == "nsubj:pass":
                self.add(res, roles, TARGET, res.entities(child), child)
            elif dep == "obj":
                self.add(res, roles, self.object_role(ev_name), res.entities(child), child)
            elif dep == "iobj":
                self.add(res, roles, ADDRESSEE, res.entities(child), child)
            elif dep == "conj" and not verbal and child.pos_ == "NOUN":   # "об атаке и на третье судно"
                role, filler = self.prep_role(ev_name, child, res, roles)
                if role and role != TOPIC:
                    self.add(res, roles, role, res.entities(filler, depth=1), filler)
            elif dep == "amod" and not verbal and lookup(child, self.adjective_of):
                self.add(res, roles, AGENT, [lookup(child, self.adjective_of)], child)
            elif dep in ("obl", "nmod"):
                if child.lemma_.lower() in TIME_WORDS:
                    continue
                if not case_words(child) and "Ins" in child.morph.get("Case"):
                    keys = res.entities(child)
                    if keys and {res.category(k) for k in keys} & ACTORS:
                        self.add(res, roles, AGENT, keys, child)
                    else:
                        roles.append(Role(role=INSTRUMENT, value=child.lemma_, start=child.idx,
                                          end=child.idx + len(child)))
                    continue
                if dep == "nmod" and not case_words(child) and "Gen" in child.morph.get("Case"):
                    keys = res.entities(child)
                    actors = [k for k in keys if res.category(k) in ACTORS]
                    self.add(res, roles, AGENT if actors else TARGET, keys, child)
                    continue
                role, filler = self.prep_role(ev_name, child, res, roles)
                if role == TOPIC:
                    roles.append(Role(role=TOPIC, value=str(filler.i), start=filler.idx,
                                      end=filler.idx + len(filler)))   # resolved to an event or entity below
                elif role:
                    self.add(res, roles, role, res.entities(filler), filler)
        if not verbal:
            self.linear_fallback(trigger, ev_name, res, roles)
        return roles

    def linear_fallback(self, trigger, ev_name, res, roles):
        """When the parse hangs a noun's dependents elsewhere: "украинских атак на инфраструктуру КТК"."""
        doc = trigger.doc
        before = doc[trigger.i - 1] if trigger.i > trigger.sent.start else None
        if before is not None and lookup(before, self.adjective_of) and not any(r.role == AGENT for r in roles):
            self.add(res, roles, AGENT, [lookup(before, self.adjective_of)], before)
        nxt = trigger.i + 1
        if ev_name == "Attack" and nxt + 1 < trigger.sent.end and doc[nxt].lower_ == "на" \
                and not any(r.role == TARGET for r in roles):
            keys = res.entities(doc[nxt + 1], depth=0)
            if keys:
                self.add(res, roles, TARGET, keys, doc[nxt + 1])
        if not any(r.role in (AGENT, TARGET) for r in roles) and nxt < trigger.sent.end:
            keys = [k for k in res.entities(doc[nxt], depth=0) if res.category(k) in ACTORS]
            if keys and "Gen" in doc[nxt].morph.get("Case"):      # "атакам ВСУ": a genitive actor acts
                self.add(res, roles, AGENT, keys, doc[nxt])

    def light_verb(self, trigger, ev_name, res, roles):
        """ведет переговоры, поддерживают контакты, атака была предпринята: the verb's subject acts."""
        head = trigger.head
        if trigger.pos_ != "NOUN" or head.i == trigger.i or head.pos_ != "VERB" or \
                trigger.dep_ not in ("obj", "nsubj:pass", "nsubj"):
            return False
        if head.lemma_.lower() in self.lexicon.triggers:
            return False
        for child in dependents(head):
            if child.i == trigger.i:
                continue
            if child.dep_ == "nsubj" and trigger.dep_ == "obj" and not any(r.role == AGENT for r in roles):
                # "объекты получили повреждения": the ontology says whose subject undergoes the event
                role = self.lexicon.subject_roles.get(self.iri_of.get(ev_name), AGENT)
                self.add(res, roles, role, res.entities(child), child)
            elif child.dep_ == "obl":
                role, filler = self.prep_role(ev_name, child, res, roles)
                if role == TOPIC and not any(r.role == TOPIC for r in roles):
                    roles.append(Role(role=TOPIC, value=str(filler.i), start=filler.idx,
                                      end=filler.idx + len(filler)))
                elif role and role != TOPIC:
                    self.add(res, roles, role, res.entities(filler), filler)
        return True

    def __call__(self, doc):
        res = EventCall(doc, self.lexicon)
        ref = dt.date.fromisoformat(doc._.article_date) if doc._.article_date else None
        sents = list(doc.sents)
        sent_of = res.sent_of
        events, tokens = [], []
        for token, cls in self.triggers(doc, res):
            name = self.name_of.get(cls, "")
            roles = self.roles(token, name, res)
            rule = "verb" if token.pos_ == "VERB" else "noun"
            if self.light_verb(token, name, res, roles):
                rule = "light-verb"
            events.append(Event(index=len(events), type=cls, trigger=token.text, start=token.idx,
                                end=token.idx + len(token), sentence=sent_of[token.i], roles=roles,
                                confidence=CONFIDENCE[rule], rule=rule))
            tokens.append(token)
            sides = [r.entity for r in roles if r.role in (AGENT, ADDRESSEE) and r.entity]
            if len(sides) >= 2:
                res.parties = sides
        events, tokens = self.merge_same_sentence(events, tokens)
        self.attach_dates(doc, sents, events, tokens, ref)
        self.resolve_topics(events, tokens, res)
        self.carry_agents(events)
        doc._.events = events
        doc._.implied_entities = res.implied
        return doc

    def merge_same_sentence(self, events, tokens):
        """A nominal trigger repeating a verbal one of the same type in its sentence is the same event."""
        keep = []
        for n, (ev, tok) in enumerate(zip(events, tokens)):
            host = next((m for m in keep if events[m].type == ev.type and events[m].sentence == ev.sentence
                         and tokens[m].pos_ == "VERB" and tok.pos_ != "VERB"), None)
            if host is None:
                keep.append(n)
                continue
            for role in ev.roles:
                if not any(r.role == role.role and r.entity == role.entity for r in events[host].roles):
                    events[host].roles.append(role)
            events[host].rule = "merged"
        out_events, out_tokens = [], []
        for n in keep:
            events[n].index = len(out_events)
            out_events.append(events[n])
            out_tokens.append(tokens[n])
        return out_events, out_tokens

    def attach_dates(self, doc, sents, events, tokens, ref):
        for n, sent in enumerate(sents):
            here = [k for k, ev in enumerate(events) if ev.sentence == n]
            if not here:
                continue
            trigger_at = {tokens[k].i: k for k in here}
            light_at = {tokens[k].head.i: k for k in here if tokens[k].pos_ == "NOUN" and tokens[k].head.pos_ == "VERB"}
            for start, end, value in find_dates(sent, ref):
                date_token = doc[end - 1] if doc[end - 1].lemma_ == "год" else doc[start]
                best, other_clause = None, False
                for anc in [date_token, *date_token.ancestors]:   # the nearest trigger that governs the date
                    best = trigger_at.get(anc.i, light_at.get(anc.i))
                    if best is not None:
                        break
                    if anc.dep_ in SUBCLAUSE or (anc.dep_ == "conj" and anc.pos_ in ("VERB", "AUX")):
                        # the date of a clause without a trigger dates no other clause, but the noun that a
                        # participle or relative clause describes ("атаки, произошедшей 11 сентября")
                        best = trigger_at.get(anc.head.i) if anc.dep_.startswith("acl") else None
                        other_clause = best is None
                        break
                if best is None and not other_clause:
                    best = min(here, key=lambda k: abs(tokens[k].i - date_token.i))
                if best is not None and events[best].time is None:
                    events[best].time = value

    def resolve_topics(self, events, tokens, res):
        by_token = {t.i: ev.index for ev, t in zip(events, tokens)}
        for ev in events:
            for role in [r for r in ev.roles if r.role == TOPIC and r.value is not None and r.value.isdigit()]:
                token = res.doc[int(role.value)]
                role.value = None
                if token.lemma_ in ("это", "этот", "то") and token.pos_ in ("PRON", "DET"):   # "Об этом заявил"
                    prior = [p for p in events if p.sentence == ev.sentence - 1]
                    if prior:
                        role.event = prior[0].index
                        continue
                if token.i in by_token and by_token[token.i] != ev.index:
                    role.event = by_token[token.i]
                    continue
                keys = res.entities(token)
                if keys:
                    role.entity = keys[0]
                else:
                    role.value = " ".join(t.text for t in token.subtree)
            ev.roles = [r for r in ev.roles if r.entity or r.event is not None or r.value]

    def carry_agents(self, events):
        """An attack reported without its attacker takes the latest attacker within two sentences."""
        for ev in events:
            if any(r.role == AGENT for r in ev.roles) or self.name_of.get(ev.type) != "Attack":
                continue
            prior = [p for p in events if p.index < ev.index and p.type == ev.type
                     and ev.sentence - p.sentence <= 2 and any(r.role == AGENT for r in p.roles)]
            if prior:
                agent = next(r for r in prior[-1].roles if r.role == AGENT)
                ev.roles.append(Role(role=AGENT, entity=agent.entity, start=agent.start, end=agent.end))
                ev.confidence = min(ev.confidence, 0.5)


@Language.factory("ontology_events", assigns=["doc._.events", "doc._.implied_entities"],
                  requires=["doc._.columns", "doc.spans", "span._.entity", "span._.anchor", "doc._.entities",
                            "doc._.article_date", "token.lemma", "token.pos", "token.morph", "token.dep"],
                  default_config={"ontology_dir": None})
def create_events(nlp, name, *, ontology_dir):
    return EventExtractor(load_lexicon(ontology_dir))
