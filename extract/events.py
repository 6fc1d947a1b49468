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

from .dates import find_dates, warm_up
from .entities import known_entity
from .lemma_lookup import analyzer, lemma_column, lexicon_matches, lookup
from .trigger_model import NearestClass
from .records import Event, Role, TriggerMention
from .resolve import Resolver

Doc.set_extension("events", default=None, force=True)
Doc.set_extension("implied_entities", default=None, force=True)   # key -> Entity: actors no mention names
Doc.set_extension("article_date", default=None, force=True)

AGENT, TARGET, ADDRESSEE, INSTRUMENT, TOPIC, PLACE, ACTOR = (
    EKG.agent, EKG.target, EKG.addressee, EKG.instrument, EKG.topic, SEM_NS + "hasPlace", SEM_NS + "hasActor")
ACTORS = {Category.PERSON, Category.ORGANIZATION, Category.STATE}     # who can act
PLACES = {Category.PLACE, Category.STATE}                               # where it can happen
PHRASE_PARTS = {"nmod", "appos", "flat", "flat:name", "fixed"}      # words of a trigger's own phrase
CORE_ARGUMENTS = {"nsubj", "nsubj:pass", "obj", "iobj"}             # who or what an event is about
NOMINAL = {"nsubj", "nsubj:pass", "obj", "iobj", "obl", "nmod"}     # where a noun phrase stands
SUBCLAUSE = {"acl", "acl:relcl", "advcl", "ccomp", "csubj", "parataxis"}   # heads of another clause
CONFIDENCE = {"verb": 0.85, "noun": 0.75, "light-verb": 0.75, "merged": 0.8, "phrase": 0.8, "model": 0.7}


def case_words(token, place_preps):
    """The preposition of a phrase, with an adverb it hangs from ("рядом с терминалом")."""
    words = {c.lower_ for c in token.children if c.dep_ in ("case", "fixed")} | \
        {g.lower_ for c in token.children if c.dep_ == "case" for g in c.children if g.dep_ == "fixed"}
    if token.head.dep_ == "advmod" and token.head.lower_ in place_preps:
        words.add(token.head.lower_)
    return words


def dependents(token, place_preps):
    """Children, looking through place adverbs: "предпринята рядом с терминалом" -> терминалом."""
    for child in token.children:
        if child.dep_ == "advmod" and child.lower_ in place_preps:
            yield from (g for g in child.children if g.dep_ in ("obl", "nmod"))
        else:
            yield child


def is_negated(token, negations):
    return any(c.lower_ in negations or c.lemma_ in negations for c in token.children) or \
        (token.head.i != token.i and token.pos_ == "NOUN" and
         any(c.lower_ in negations for c in token.head.children))


def participle_voice(token):
    """"pssv" or "actv" for a participle (Natasha tags some as adjectives: pymorphy3 knows them), else None."""
    if "Part" in token.morph.get("VerbForm"):
        return "pssv" if "Pass" in token.morph.get("Voice") else "actv"
    tags = [p.tag for p in analyzer().parse(token.lower_) if "PRTF" in p.tag]
    return next(("pssv" if "pssv" in t else "actv" for t in tags), None)


def clause_verb(token):
    """The verb of the clause a token sits in (itself when it is one), or None."""
    node = token
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    return node if node.pos_ in ("VERB", "AUX") else None


def is_passive(token):
    return "Pass" in token.morph.get("Voice") or any(c.dep_ in ("nsubj:pass", "aux:pass") for c in token.children)


def names_someone(token):
    """A participle standing for whom it describes ("число погибших", "семье умершего"): a person, not an event."""
    return token.dep_ in NOMINAL and token.pos_ in ("VERB", "ADJ", "NOUN") and participle_voice(token) is not None


def event_word(token):
    """The word that tells a proposed event: a verb or a noun itself; an adjective's noun; else None."""
    if token.pos_ in ("VERB", "NOUN", "PROPN"):
        return token
    if token.pos_ == "ADJ" and token.dep_ == "amod" and token.head.pos_ in ("NOUN", "PROPN"):
        return token.head
    return None


class EventCall(Resolver):
    """The resolver of one document with what the stage builds up for it: passed through the methods,
    never kept on the stage."""

    def __init__(self, doc, lexicon):
        super().__init__(doc, lexicon)
        self.parties: list[str] = []    # the two sides of the latest exchange, for "стороны"


class EventExtractor:
    def __init__(self, lexicon):
        self.lexicon = lexicon
        self.grammar = g = lexicon.grammar
        statement = EKG.Statement
        # the classes a model-only trigger may take: single-word triggers, speech aside (NEREL's events are not)
        self.nearest_class = NearestClass({k: c for k, c in lexicon.triggers.items()
                                           if " " not in k and not lexicon.is_a(c, statement)})
        self.speech_verbs = dict.fromkeys([*lexicon.quote_verbs, *(k for k, c in lexicon.triggers.items()
                                                                   if lexicon.is_a(c, statement))], True)
        self.place_preps, self.surface_preps = g.place_preps, g.surface_preps
        # multiword triggers ("подать в отставка", "атака беспилотник"): first lemma -> (lemmas, class), longest
        # first. Matched on the lemma column with each word's other possible lemmas, as single words are
        self.phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for key, cls in sorted(lexicon.triggers.items(), key=lambda kv: -len(kv[0].split())):
            if " " in key:
                words = tuple(key.split())
                self.phrases.setdefault(words[0], []).append((words, cls))
        local = {a.iri: a.iri.rsplit("/", 1)[-1] for a in lexicon.actors}
        self.actor_by_key = {local[a.iri]: a for a in lexicon.actors}
        # a relational adjective names its actor ("украинских атак" -> Ukraine); states first
        self.adjective_of: dict[str, str] = {}
        for a in sorted(lexicon.actors, key=lambda a: lexicon.category(a.cls) != Category.STATE):
            for adj in a.adjectives:
                self.adjective_of.setdefault(adj, local[a.iri])
        self.capital_of = {local[a.iri]: local[a.capital_of] for a in lexicon.actors
                           if a.capital_of and a.capital_of in local}

    def object_role(self, cls):
        return self.lexicon.frame(cls).object_role or TARGET

    def phrase_matches(self, doc):
        """(start, end, class) of the multiword triggers, longest first where they overlap."""
        column = lemma_column(doc)
        found, taken = [], set()
        for i, (lemma, forms) in enumerate(column):
            for first in (lemma, *forms):
                for words, cls in self.phrases.get(first, ()):
                    end = i + len(words)
                    if end <= len(column) and all(w == column[j][0] or w in column[j][1]
                                                  for j, w in zip(range(i + 1, end), words[1:])) \
                            and not taken & set(range(i, end)):
                        found.append((i, end, cls))
                        taken |= set(range(i, end))
                        break
        return found, taken

    def triggers(self, doc, res):
        """(head token, class, phrase span or None, found by the model only) of every trigger, in document order:
        a multiword trigger wins over the single words inside it; its head is the word the others hang from."""
        phrases, taken = self.phrase_matches(doc)
        out = []
        for start, end, cls in phrases:
            span = doc[start:end]
            head = span.root
            out.append((head, cls, span, False))   # negated or not: ontology_modality says which
        for token, cls in lexicon_matches(doc, self.lexicon.triggers):
            if cls and token.i not in taken and token.pos_ in ("VERB", "NOUN", "ADJ", "PROPN") \
                    and res.mention_of(token) is None and not names_someone(token):   # a negated one too:
                out.append((token, cls, None, False))                                 # ontology_modality marks it
        out += self.model_only_triggers(doc, res, taken | {t[0].i for t in out})
        return sorted(out, key=lambda t: t[0].i)

    def model_only_triggers(self, doc, res, taken):
        """The trained component's triggers (`doc._.model_triggers`) that no rule found, each with the class of
        the nearest lexicon trigger (extract/trigger_model.py `NearestClass`; ekg:OtherEvent when navec does not
        know the word). Rules and model together find more of NEREL's events at the same precision
        (bench/RESULTS.md, "Trigger model on NEREL dev"). An adjective the model marks names its noun's event
        ("Олимпийских игр", "парламентских выборов"): the noun is the trigger, or nothing when it already is one;
        a noun of another trigger's phrase or one of its core arguments is no second event (`part_of_event`).
        A negated one is kept, as a rule's is: ontology_modality marks it."""
        proposed = [t for t in (event_word(doc[i]) for i, _score in doc._.model_triggers or ()) if t is not None]
        events = set(taken) | {t.i for t in proposed}
        out, taken = [], set(taken)
        for token in proposed:
            if token.i in taken or res.mention_of(token) is not None or names_someone(token) \
                    or self.part_of_event(token, events):
                continue
            taken.add(token.i)
            nearest = self.nearest_class(lemma_column(doc)[token.i][0])
            out.append((token, nearest[0] if nearest else EKG.OtherEvent, None, True))
        return out

    @staticmethod
    def part_of_event(token, events):
        """A proposed noun that is a word of another trigger's phrase ("чемпионат мира") or what it is about
        ("самолёт разбился", "задержали таксиста"): no second event. A verb is its own."""
        head = token.head
        return head.i != token.i and head.i in events and token.pos_ in ("NOUN", "PROPN") and \
            token.dep_ in PHRASE_PARTS | CORE_ARGUMENTS

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

    def prep_role(self, cls, child, res, roles):
        """An oblique or nominal dependent with a preposition: topic, target or place."""
        g = self.grammar
        preps = case_words(child, self.place_preps)
        if preps & g.topic_preps or (child.lemma_ in g.topic_nouns and "по" in preps) or {"по", "поводу"} <= preps:
            target = next((c for c in child.children if c.dep_ == "nmod"), child) \
                if child.lemma_ in g.topic_nouns else child
            return TOPIC, target
        keys = res.entities(child, depth=1)
        cats = {res.category(k) for k in keys}
        if preps & self.lexicon.frame(cls).target_preps and (
                cats & {Category.ASSET, Category.ORGANIZATION, Category.STATE, Category.PERSON} or
                (cats & PLACES and "Loc" not in child.morph.get("Case"))):   # "удар по Киеву", not "на Украине"
            return TARGET, child
        if (preps & self.place_preps and cats & (PLACES | {Category.ASSET})) or \
                (preps & self.surface_preps and cats & PLACES):
            return PLACE, child
        return None, None

    def subject_role(self, trigger, cls, inside=()):
        """Agent, or target when passive or when the frame's subject undergoes an intransitive event (an object
        inside a multiword trigger, "получил ранения", does not make it transitive)."""
        if is_passive(trigger):
            return TARGET
        undergoer = self.lexicon.frame(cls).subject_role
        if undergoer and not any(c.dep_ == "obj" and c.i not in inside for c in trigger.children):
            return undergoer
        return AGENT

    def roles(self, trigger, cls, res, span=None):
        roles: list[Role] = []
        verbal = trigger.pos_ == "VERB"
        inside = range(span.start, span.end) if span is not None else range(trigger.i, trigger.i + 1)
        for child in dependents(trigger, self.place_preps):
            dep = child.dep_
            if child.i in inside:
                continue
            if verbal and dep == "nsubj":
                self.add(res, roles, self.subject_role(trigger, cls, inside), res.entities(child), child)
            elif dep == "nsubj:pass":
                self.add(res, roles, TARGET, res.entities(child), child)
            elif dep == "obj":
                if lookup(child, self.lexicon.triggers):   # "подписали соглашение": the noun is the event
                    continue
                self.add(res, roles, self.object_role(cls), res.entities(child), child)
            elif dep == "iobj":
                self.add(res, roles, ADDRESSEE, res.entities(child), child)
            elif dep == "conj" and not verbal and child.pos_ == "NOUN":   # "об атаке и на третье судно"
                role, filler = self.prep_role(cls, child, res, roles)
                if role and role != TOPIC:
                    self.add(res, roles, role, res.entities(filler, depth=1), filler)
            elif dep == "amod" and not verbal and lookup(child, self.adjective_of):
                self.add(res, roles, AGENT, [lookup(child, self.adjective_of)], child)
            elif dep in ("obl", "nmod"):
                if child.lemma_.lower() in self.grammar.time_words:
                    continue
                if not case_words(child, self.place_preps) and "Ins" in child.morph.get("Case"):
                    keys = res.entities(child)
                    if keys and {res.category(k) for k in keys} & ACTORS:
                        self.add(res, roles, AGENT, keys, child)
                    else:
                        roles.append(Role(role=INSTRUMENT, value=child.lemma_, start=child.idx,
                                          end=child.idx + len(child)))
                    continue
                if dep == "nmod" and not case_words(child, self.place_preps) and "Gen" in child.morph.get("Case"):
                    keys = res.entities(child)
                    if not keys and child.pos_ == "NOUN" and "Anim" in child.morph.get("Animacy"):
                        self.actor_phrase(child, roles)    # "арест журналиста": someone, named by no entity
                        continue
                    actors = [k for k in keys if res.category(k) in ACTORS]
                    self.add(res, roles, AGENT if actors else TARGET, keys, child)
                    continue
                role, filler = self.prep_role(cls, child, res, roles)
                if role == TOPIC:
                    roles.append(Role(role=TOPIC, value=str(filler.i), start=filler.idx,
                                      end=filler.idx + len(filler)))   # resolved to an event or entity below
                elif role:
                    self.add(res, roles, role, res.entities(filler), filler)
        self.participle(trigger, res, roles)
        if verbal:
            self.borrowed_subject(trigger, cls, res, roles)
            self.dropped_subject(trigger, cls, res, roles)
        else:
            self.linear_fallback(trigger, cls, res, roles)
        return roles

    def actor_phrase(self, token, roles):
        """A participant named by a phrase, not an entity: sem:hasActor with the phrase's text."""
        end = next((t.i for t in token.subtree if t.is_punct and t.i > token.i), token.right_edge.i + 1)
        phrase = token.doc[token.i:end] if token.left_edge.i < token.i and token.left_edge.is_punct else \
            token.doc[token.left_edge.i:end]
        if len(phrase) <= 6 and not any(r.role == ACTOR and r.value for r in roles):
            roles.append(Role(role=ACTOR, value=phrase.text, start=phrase.start_char, end=phrase.end_char))

    def borrowed_subject(self, trigger, cls, res, roles):
        """A verb with no subject of its own takes its governor's: an infinitive complement ("решил
        атаковать"), a second verb of a coordination ("атаковали и захватили")."""
        if any(c.dep_ in ("nsubj", "nsubj:pass") for c in trigger.children) or trigger.head.i == trigger.i:
            return
        if trigger.dep_ not in ("xcomp", "conj") or trigger.head.pos_ not in ("VERB", "AUX"):
            return
        for child in trigger.head.children:    # an event noun as the subject ("произошло возгорание") is no actor
            if child.dep_ == "nsubj" and child.i != trigger.i and not lookup(child, self.lexicon.triggers):
                role = TARGET if is_passive(trigger) else AGENT if trigger.dep_ == "xcomp" else \
                    self.subject_role(trigger, cls)
                self.add(res, roles, role, res.entities(child), child)

    def dropped_subject(self, trigger, cls, res, roles):
        """A past-tense verb with no subject at all ("Родился в 1955 году", "В 2010 году подписала контракт"):
        the person it agrees with in gender, the latest one before it, as a pronoun would be."""
        gender = trigger.morph.get("Gender")
        role = self.subject_role(trigger, cls)
        if any(r.role in (AGENT, role) for r in roles) or \
                any(c.dep_ in ("nsubj", "nsubj:pass", "expl") for c in trigger.children) or \
                trigger.dep_ in ("xcomp", "conj", "amod", "acl") or \
                "Sing" not in trigger.morph.get("Number") or not gender or gender[0] == "Neut":
            return
        if "Past" not in trigger.morph.get("Tense") and "Part" not in trigger.morph.get("VerbForm"):
            return
        person = res.person_before(trigger.i, gender[0])
        if person:
            self.add(res, roles, role, [person], trigger)

    def participle(self, trigger, res, roles):
        """"атакованный танкер": a passive participle's noun is its target; "атаковавшие судно боевики": an
        active one's is its agent."""
        if trigger.dep_ not in ("amod", "acl") or trigger.head.i == trigger.i or trigger.pos_ not in ("VERB", "ADJ"):
            return
        voice = participle_voice(trigger)
        if voice is None:
            return
        noun = trigger.head
        role = TARGET if voice == "pssv" else AGENT
        if not any(r.role == role for r in roles):
            self.add(res, roles, role, res.entities(noun, depth=1), noun)

    def clause_place(self, trigger, res, roles):
        """A place phrase of the trigger's clause ("В Новороссийске вчера прогремел взрыв"), when the
        trigger has none of its own: the verb's obliques, or the noun's phrases."""
        if any(r.role == PLACE for r in roles):
            return
        verb = self.own_verb(trigger)
        heads = [trigger] + ([verb] if verb is not None and verb.i != trigger.i else [])
        for head in heads:
            for child in dependents(head, self.place_preps):
                if child.dep_ not in ("obl", "nmod") or child.i == trigger.i:
                    continue
                preps = case_words(child, self.place_preps)
                if not preps & (self.place_preps | self.surface_preps):
                    continue
                keys = [k for k in res.entities(child, depth=1) if res.category(k) in PLACES]
                if keys:
                    self.add(res, roles, PLACE, keys[:1], child)
                    return
        if trigger.pos_ == "NOUN" and self.next_place(trigger, res, roles):
            return
        self.sentence_place(trigger, verb, res, roles)

    def next_place(self, trigger, res, roles):
        """A place phrase right after a noun event, wherever the parse hangs it ("стрельбы в Канаде")."""
        doc, i = trigger.doc, trigger.i + 1
        if i >= trigger.sent.end or doc[i].lower_ not in self.place_preps | self.surface_preps:
            return False
        for token in doc[i + 1:min(i + 4, trigger.sent.end)]:
            if token.is_punct or token.pos_ in ("VERB", "AUX", "ADP"):
                break
            mention = res.mention_of(token)
            if mention is not None and mention._.entity and res.category(mention._.entity) in PLACES:
                if "Acc" in mention.root.morph.get("Case"):
                    break
                self.add(res, roles, PLACE, [mention._.entity], token)
                return True
        return False

    def own_verb(self, trigger):
        """The verb whose clause an event happens in: a verb trigger itself; for a noun, the verb it hangs
        from ("произошел взрыв"), or through the verb's object ("принял участие в переговорах"). A noun deeper
        in a phrase, or a topic ("о продлении контракта"), has none: the clause is about something else."""
        if trigger.pos_ in ("VERB", "AUX"):
            return trigger
        head = trigger.head
        if head.i == trigger.i or case_words(trigger, self.place_preps) & self.grammar.topic_preps:
            return None
        if trigger.dep_ == "nmod" and head.dep_ in ("obj", "nsubj") and not lookup(head, self.lexicon.triggers):
            head = head.head
        return head if head.pos_ in ("VERB", "AUX") and head.i != trigger.i else None

    def clause_participant(self, trigger, res, roles):
        """A noun event in a phrase of a verb ("X принял участие в концерте", "X погиб при крушении") has its
        clause's subject among its actors, in no finer role (sem:hasActor): who took part, not how."""
        if any(r.role in (AGENT, TARGET, ADDRESSEE, ACTOR) for r in roles) or trigger.dep_ not in ("obl", "nmod"):
            return
        verb = self.own_verb(trigger)
        if verb is None or trigger.dep_ not in ("obl", "nmod") or lookup(verb, self.speech_verbs):
            return
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubj:pass") and child.i != trigger.i:
                keys = [k for k in res.entities(child) if res.category(k) in ACTORS]
                if keys:
                    self.add(res, roles, ACTOR, keys, child)

    def sentence_place(self, trigger, verb, res, roles):
        """A place phrase the parse hangs elsewhere in the clause ("Скончался ... композитор ... в Кракове"),
        or in a clause on the noun ("выборы, которые пройдут в Индонезии"): the nearest to the trigger."""
        found = []
        for m in res.mentions:
            if res.sent_of[m.start] != res.sent_of[trigger.i] or not m._.entity or \
                    res.category(m._.entity) not in PLACES:
                continue
            phrase = m.root
            for _ in range(2):     # "в японской префектуре Канагава": the preposition is on the descriptor
                if case_words(phrase, self.place_preps) or phrase.dep_ not in ("appos", "flat", "flat:name", "nmod"):
                    break
                phrase = phrase.head
            if not case_words(phrase, self.place_preps) & (self.place_preps | self.surface_preps) or \
                    "Acc" in phrase.morph.get("Case") or phrase.i == trigger.i:
                continue
            own = clause_verb(phrase)
            if own is None or not (own == verb or (own.dep_ in ("acl", "acl:relcl") and own.head.i == trigger.i)):
                continue
            found.append((abs(phrase.i - trigger.i), m.start, m._.entity, phrase))
        if found:
            _, _, key, phrase = min(found)
            self.add(res, roles, PLACE, [key], phrase)

    def linear_fallback(self, trigger, cls, res, roles):
        """When the parse hangs a noun's dependents elsewhere: "украинских атак на инфраструктуру КТК"."""
        doc = trigger.doc
        before = doc[trigger.i - 1] if trigger.i > trigger.sent.start else None
        if before is not None and lookup(before, self.adjective_of) and not any(r.role == AGENT for r in roles):
            self.add(res, roles, AGENT, [lookup(before, self.adjective_of)], before)
        nxt = trigger.i + 1
        if nxt + 1 < trigger.sent.end and doc[nxt].lower_ in self.lexicon.frame(cls).target_preps \
                and not any(r.role == TARGET for r in roles):
            keys = res.entities(doc[nxt + 1], depth=0)
            if keys:
                self.add(res, roles, TARGET, keys, doc[nxt + 1])
        if not any(r.role in (AGENT, TARGET) for r in roles) and nxt < trigger.sent.end:
            keys = [k for k in res.entities(doc[nxt], depth=0) if res.category(k) in ACTORS]
            if keys and "Gen" in doc[nxt].morph.get("Case"):      # "атакам ВСУ": a genitive actor acts
                self.add(res, roles, AGENT, keys, doc[nxt])

    def light_verb(self, trigger, cls, res, roles):
        """ведет переговоры, поддерживают контакты, атака была предпринята: the verb's subject acts."""
        head = trigger.head
        if trigger.pos_ != "NOUN" or head.i == trigger.i or head.pos_ != "VERB" or \
                trigger.dep_ not in ("obj", "nsubj:pass", "nsubj"):
            return False
        if head.lemma_.lower() in self.lexicon.triggers:
            return False
        for child in dependents(head, self.place_preps):
            if child.i == trigger.i:
                continue
            if child.dep_ == "nsubj" and trigger.dep_ == "obj" and not any(r.role == AGENT for r in roles):
                # "объекты получили повреждения": the ontology says whose subject undergoes the event
                role = self.lexicon.frame(cls).subject_role or AGENT
                self.add(res, roles, role, res.entities(child), child)
            elif child.dep_ == "obl":
                role, filler = self.prep_role(cls, child, res, roles)
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
        for token, cls, span, by_model in self.triggers(doc, res):
            roles = self.roles(token, cls, res, span)
            rule = "verb" if token.pos_ == "VERB" else "noun"
            if self.light_verb(token, cls, res, roles):
                rule = "light-verb"
            self.clause_place(token, res, roles)
            if rule == "noun":
                self.clause_participant(token, res, roles)
            rule = "phrase" if span is not None else rule
            rule = "model" if by_model else rule
            text, start, end = (span.text, span.start_char, span.end_char) if span is not None else \
                (token.text, token.idx, token.idx + len(token))
            events.append(Event(index=len(events), type=cls, trigger=text, start=start, end=end,
                                sentence=sent_of[token.i], roles=roles, confidence=CONFIDENCE[rule], rule=rule))
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
        """A nominal trigger repeating a verbal one of the same type in its sentence is the same event: one node,
        the noun one of its mentions."""
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
            events[host].mentions.append(TriggerMention(ev.start, ev.end, ev.sentence, ev.trigger))   # still said there
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
            if any(r.role == AGENT for r in ev.roles) or not self.lexicon.frame(ev.type).carries_agent:
                continue
            prior = [p for p in events if p.index < ev.index and p.type == ev.type
                     and ev.sentence - p.sentence <= 2 and any(r.role == AGENT for r in p.roles)]
            if prior:
                agent = next(r for r in prior[-1].roles if r.role == AGENT)
                ev.roles.append(Role(role=AGENT, entity=agent.entity, start=agent.start, end=agent.end))
                ev.confidence = min(ev.confidence, 0.5)


@Language.factory("ontology_events", assigns=["doc._.events", "doc._.implied_entities"],
                  requires=["doc._.columns", "doc._.model_triggers", "doc.spans", "span._.entity", "span._.anchor",
                            "doc._.entities",
                            "doc._.relations", "doc._.article_date", "token.lemma", "token.pos", "token.morph", "token.dep"],
                  default_config={"ontology_dir": None})
def create_events(nlp, name, *, ontology_dir):
    warm_up()   # dateparser's patterns, compiled now rather than in the first document
    return EventExtractor(load_lexicon(ontology_dir))
