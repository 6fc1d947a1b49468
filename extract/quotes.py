"""Statements from quoted and reported speech, attributed to their speaker.

- «Quote», — сказал он. / «Quote», — заключил Бакаев. / «Quote», — пояснил дипломат.
- Он добавил, что ... (a speech verb with a clause): the clause is the statement.
- «Quote» inside a speaker's words: the agentless events in it are done by the speaker's side.
Speakers resolve through `Resolver`: a name, "он"/"она", or a person role noun such as "дипломат".
Runs after `ontology_events` and proposes, in `doc._.speech`, what it found: `extract.to_records` applies it to
the events (a new Statement, or the quote and speaker of the event a speech verb already triggers) and
decides which statement is an outlet's report ("X said ..., передает Y").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from ontology.lexicon import load_lexicon
from ontology.terms import EKG, Category

from .entities import romanise, slug
from .lemma_lookup import lemma_column, lemma_index, lexicon_matches
from .records import Entity, Relation
from .resolve import Resolver
from .token_columns import columns, morph_get, text as doc_text



def subtree_phrase(token) -> tuple[int, int, str]:
    """(start char, end char, text) of a token's whole phrase."""
    words = token.doc[token.left_edge.i:token.right_edge.i + 1]
    return words.start_char, words.end_char, words.text


def quote_pattern(marks) -> re.Pattern:
    """«Quote», — : a quote (one level of inner quotes allowed) followed by a comma and a dash, for each pair
    of quote marks of the ontology's grammar (ontology/grammar.ttl)."""
    alternatives = []
    for opening, closing in marks:
        o, c = re.escape(opening), re.escape(closing)
        alternatives.append(f"{o}((?:[^{o}{c}]|{o}[^{o}{c}]*{c})+){c}")
    return re.compile("(?:" + "|".join(alternatives) + r")\s*,?\s*[—–-]\s*")

Doc.set_extension("speech", default=None, force=True)   # Speech | ClauseQuote | SpokenFor | Relay | Source | Speaker
CONFIDENCE = {"direct-quote": 0.9, "reported-speech": 0.8}


@dataclass(frozen=True)
class Speech:
    """Someone said something at a speech verb: a Statement there, or more about the event it triggers."""
    start: int
    end: int
    trigger: str
    sentence: int
    speaker: Optional[str]     # entity key
    quote: str
    confidence: float
    rule: str
    said_by: Optional[tuple[int, int]] = None   # where the verb's subject is written ("— добавил он"), if it has one


@dataclass(frozen=True)
class ClauseQuote:
    """A speech verb already taken whose clause is the quote of the events it triggers that have none."""
    start: int
    quote: str


@dataclass(frozen=True)
class Relay:
    """An outlet's statement ("Об этом сообщает РИА Новости", "..., передает «Интерфакс»") at [start, end) only
    relays the news: it is no event, the outlet is the `reportedBy` of what it relays."""
    start: int
    end: int
    outlet: Optional[str]      # entity key, or None for an unnamed one ("американские СМИ")
    phrase: tuple[int, int, str]


@dataclass(frozen=True)
class Source:
    """"По данным X", "по словам X", "по информации X": X is the source (`reportedBy`) of the events of the
    sentence outside the phrase [start, end)."""
    sentence: int
    start: int
    end: int
    sources: tuple[str, ...]   # entity keys ("газет New York Post, New York Times"), none for "по данным СМИ"
    phrase: tuple[int, int, str]
    formula: bool = False      # the speech verb at [start, end) only names the source ("как утверждают X"): no event


@dataclass(frozen=True)
class Speaker:
    """Who makes a speech act the events stage found without a named agent: the subject of the verb a gerund
    hangs from ("Суд отклонил довод, отметив, что ..."), the body of "В Минобороны подтвердили", the person a
    title stands for. `keys` are entities ("Израиль и США"), else `phrase` names the speaker ("демонстранты")."""
    start: int
    end: int
    keys: tuple[str, ...]
    phrase: tuple[int, int, str]


@dataclass(frozen=True)
class Post:
    """"Президент Казахстана заявил" in a document that names no holder: the post (an ekg:Position, `entity`,
    with its `relation` ekg:positionIn the state or organisation) speaks at [start, end), never the state."""
    start: int
    end: int
    entity: Entity
    relation: Relation


@dataclass(frozen=True)
class SpokenFor:
    """The events inside a quote [start, end) that have no agent are done by the speaker's side."""
    start: int
    end: int
    side: str                  # entity key


def parenthetical(verb, subject) -> bool:
    """A speech verb set off by commas inside the sentence it attributes, its subject after it ("Сейчас,
    продолжал он, правительство ...", "Поне, отмечает издание, был ...")."""
    doc, last = verb.doc, subject.right_edge.i
    return verb.dep_ == "parataxis" and subject.i > verb.i and verb.i > verb.sent.start \
        and doc[verb.i - 1].text == "," and last + 1 < verb.sent.end and doc[last + 1].text == ","


class QuoteExtractor:
    def __init__(self, lexicon):
        self.lexicon = lexicon
        self.statement = EKG.Statement
        self.verbs = set(lexicon.quote_verbs) | {l for l, c in lexicon.triggers.items() if c == self.statement}
        self.verb_table = dict.fromkeys(self.verbs, True)
        self.quote = quote_pattern(lexicon.grammar.quote_marks or (("«", "»"),))
        self.source_nouns = lexicon.grammar.source_nouns
        self.outlet_nouns = {n for n, c in lexicon.nouns.items() if lexicon.is_a(c, EKG.MediaOutlet)}

    def speaker(self, verb, res):
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubj:pass"):
                keys = res.entities(child, role_nouns=True)
                if keys:
                    return keys[0], child
        after = verb.doc[verb.i + 1:verb.sent.end]
        for token in after:                              # the parse may hang the speaker elsewhere
            keys = res.entities(token, depth=0)
            if keys and res.category(keys[0]) == Category.PERSON:
                return keys[0], token
        return None, None

    def __call__(self, doc):
        res = Resolver(doc, self.lexicon)
        sent_of = res.sent_of
        speech: list = []      # in the order found: `extract.to_records` applies them in this order
        taken = {(e.start, e.end) for e in doc._.events if e.type == self.statement}
        text = doc_text(doc)
        for m in self.quote.finditer(text):
            verb = doc.char_span(m.end(), min(m.end() + 40, len(text)), alignment_mode="expand")
            verb = verb[0] if verb is not None and len(verb) else None
            if verb is None or verb.lemma_.lower() not in self.verbs:
                continue
            key, _ = self.speaker(verb, res)
            group = next(n for n in range(1, len(m.groups()) + 1) if m.group(n) is not None)
            self.add(speech, taken, verb, sent_of, key, m.group(group), "direct-quote")
            self.speak_for(doc, speech, key, m.start(group), m.end(group))
        said = {token.i for token, value in lexicon_matches(doc, self.verb_table) if value}
        according_to = {i for word, where in lemma_index(doc).items() if word in self.source_nouns for i in where}
        for verb in (doc[i] for i in sorted(said | according_to)):
            if verb.i in said and verb.pos_ == "VERB":
                clause = next((c for c in verb.children if c.dep_ == "ccomp" or (c.dep_ in ("advcl", "parataxis")
                               and any(m.lower_ in ("что", "чтобы") for m in c.children if m.dep_ == "mark"))), None)
                if clause is not None:
                    said_text = re.sub(r"^[,\s]*(что|чтобы)\s+", "", subtree_phrase(clause)[2])
                    if (verb.idx, verb.idx + len(verb)) not in taken:
                        key, _ = self.speaker(verb, res)
                        self.add(speech, taken, verb, sent_of, key, said_text, "reported-speech")
                    else:
                        speech.append(ClauseQuote(start=verb.idx, quote=said_text))
                elif (verb.idx, verb.idx + len(verb)) not in taken:
                    self.hearsay_speech(verb, res, sent_of, speech, taken)
            if verb.i in according_to and any(c.lower_ == "по" for c in verb.children):
                self.according_to(verb, res, sent_of, speech)
        self.relays(doc, res, speech)
        self.publications(doc, res, speech)
        self.speakers(doc, res, speech)
        doc._.speech = speech
        return doc

    def hearsay_speech(self, verb, res, sent_of, speech, taken):
        """People's hearsay clause with no clause of its own ("В целом, как отмечают эксперты, новость не стала
        неожиданностью"), or a speech verb set off by commas inside what is said ("Сейчас, продолжал он,
        правительство ассигновало ..."): their statement of the rest of the sentence. The press's ("как отмечает британская
        пресса") only names the sentence's source, the reportedBy of its events (gold-news README)."""
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or not (self.hearsay(verb) or parenthetical(verb, subject)):
            return
        if self.press(subject, res):
            speech.append(Source(sent_of[verb.i], verb.idx, verb.idx + len(verb),
                                 tuple(res.entities(subject, depth=1)), subtree_phrase(subject), formula=True))
            return
        sent = verb.sent
        rest = [t for t in sent if not verb.left_edge.i <= t.i <= verb.right_edge.i]
        said_text = "".join(t.text_with_ws for t in rest).strip(" ,.")
        key, _ = self.speaker(verb, res)
        self.add(speech, taken, verb, sent_of, key, said_text, "reported-speech")

    def according_to(self, noun, res, sent_of, speech):
        """"По словам X, ...", "по данным X": X is the source of the events the sentence reports. The phrase is no
        event of its own, whatever the sentence reports (gold-news README, attribution phrases: "слова", "данные"
        name no event; gold-domain README: "по его словам"). A statement alone in its sentence takes no source from
        "по словам X" ("По словам Петрова, министр заявил": the minister's own)."""
        doc = noun.doc
        owner = next((c for c in noun.children if c.dep_ in ("nmod", "det")), None)
        keys = res.entities(owner, role_nouns=True) if owner is not None else []
        start, end = doc[noun.left_edge.i].idx, doc[noun.right_edge.i].idx + len(doc[noun.right_edge.i])
        said = lemma_column(doc)[noun.i][0] == "слово"
        # "Полиция, по данным газеты, отметила": the paper relays the statement too
        here = [e for e in doc._.events if e.sentence == sent_of[noun.i] and not start <= e.start < end
                and (e.type != self.statement or not said)]
        if here and owner is not None and (keys or owner.pos_ not in ("PRON", "DET")):   # not an unresolved "её"
            speech.append(Source(sentence=sent_of[noun.i], start=start, end=end, sources=tuple(keys),
                                 phrase=subtree_phrase(owner)))

    def speakers(self, doc, res, speech):
        """The speaker of every speech act (Statement and its kinds, and the statements found here) that has no
        entity agent yet."""
        acts = {(ev.start, ev.end): (ev.type, any(r.role == EKG.agent and r.entity for r in ev.roles),
                                     any(r.role == EKG.agent for r in ev.roles)) for ev in doc._.events}
        for said in speech:
            if isinstance(said, Speech):
                acts.setdefault((said.start, said.end), (self.statement, said.speaker is not None, False))
        for (start, end), (cls, named, phrase) in acts.items():
            if not self.lexicon.is_a(cls, self.statement) or named:
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            found = self.subject_of(span.root, res, not phrase) if span is not None else None
            if found is not None:
                speech.append(Speaker(start, end, *found))
            elif span is not None and (post := self.post(span.root, res)) is not None:
                speech.append(Post(start, end, *post))

    def post(self, verb, res):
        """(Position entity, its positionIn relation) for a subject that is a title of a state or organisation
        with no holder named in the document ("Президент Казахстана заявил")."""
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or not res.is_role_noun(subject) or "Plur" in morph_get(subject, "Number") or \
                res.entities(subject):
            return None
        of = next((k for c in subject.children if c.dep_ == "nmod" for k in res.entities(c, depth=1)
                   if res.category(k) in (Category.STATE, Category.ORGANIZATION)), None)
        if of is None:
            return None
        doc = verb.doc
        label = " ".join([subject.lemma_.lower(), doc[subject.i + 1:subject.right_edge.i + 1].text]).strip()
        entity = Entity(key=slug(label), cls=EKG.Position, label_ru=label,
                        label_en=romanise(label), alt_labels=[], confidence=0.7, romanised=romanise(label) != label)
        relation = Relation(subject=entity.key, predicate=EKG.positionIn, object=of, sentence=res.sent_of[subject.i],
                            start=subject.idx, end=doc[subject.right_edge.i].idx + len(doc[subject.right_edge.i]),
                            confidence=0.7, rule="position")
        return entity, relation

    def subject_of(self, verb, res, unread=False):
        """(entity keys, phrase) of who speaks at a speech verb or noun: its subject (a title as its holder; any
        subject when nothing read one yet, `unread`), the subject of the clause a gerund or a conjoined verb belongs
        to, the body of "в X сообщили", the genitive of a noun ("по заявлениям департамента"), the subject of the
        verb a noun hangs from ("выступил с заявлением")."""
        node = verb
        if verb.pos_ == "NOUN":
            owner = next((c for c in verb.children if c.dep_ == "nmod" and "Gen" in morph_get(c, "Case")
                          and not any(g.dep_ == "case" for g in c.children)), None)
            if owner is not None:
                return tuple(res.entities(owner)), subtree_phrase(owner)
            if verb.dep_ not in ("obl", "obj") or verb.head.pos_ != "VERB":
                return None
            node = verb.head
        for _ in range(3):
            subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                keys = res.entities(subject)     # a bare title ("представитель заявил") is no one named
                people = [k for k in keys if res.category(k) == Category.PERSON]
                if node is verb and not people and not unread:
                    return None       # the events stage read this subject already
                return tuple(people or keys), subtree_phrase(subject)
            if "Plur" in morph_get(node, "Number") and "Fin" in morph_get(node, "VerbForm"):
                for child in node.children:     # "В Минобороны подтвердили": the body speaks
                    if child.dep_ == "obl" and any(c.lower_ in ("в", "во") for c in child.children
                                                   if c.dep_ == "case"):
                        keys = [k for k in res.entities(child, depth=1) if res.category(k) == Category.ORGANIZATION]
                        if keys:
                            return tuple(keys[:1]), (child.idx, child.idx + len(child), child.text)
            if "Conv" not in morph_get(node, "VerbForm") and node.dep_ != "conj" or node.head.i == node.i:
                return None
            node = node.head
        return None

    def outlet(self, doc, key):
        entity = doc._.entities.get(key)
        return entity is not None and self.lexicon.is_a(entity.cls, EKG.MediaOutlet)

    def relayed(self, doc, ev, verb):
        """Whether a statement relays other events: "об этом" one, or those of its own sentence."""
        about = any(r.role == EKG.topic and r.event is not None for r in ev.roles)
        return about or any(e.sentence == ev.sentence and e is not ev for e in doc._.events)

    def relays(self, doc, res, speech):
        """A statement whose subject is a media outlet ("сообщает РИА Новости", "сообщают американские СМИ")."""
        for ev in doc._.events:
            span = doc.char_span(ev.start, ev.end, alignment_mode="expand") if ev.type == self.statement else None
            subject = next((c for c in span.root.children if c.dep_ == "nsubj"), None) if span else None
            if subject is None:
                continue
            hearsay = self.hearsay(span.root)
            if not (hearsay or self.relayed(doc, ev, span.root) or self.formula(span.root)):
                continue                  # "Издание сообщило, что ...": the outlet's own statement
            found = self.relaying(span.root, subject, res)
            if found is not None:
                speech.append(Relay(ev.start, ev.end, *found))
            elif hearsay and self.press(subject, res):      # "как отмечает британская пресса": the source
                speech.append(Source(ev.sentence, ev.start, ev.end, tuple(res.entities(subject, depth=1)),
                                     subtree_phrase(subject), formula=True))
        # "..., которого цитирует РБК": no statement, the outlet is still the source (found on the columns: a
        # spaCy Token only for a relay verb)
        cols, relay_verbs = columns(doc), self.lexicon.grammar.relay_verbs
        for verb in (doc[i] for i, lemma in enumerate(cols.lemma) if lemma in relay_verbs and cols.pos[i] == "VERB"):
            if not any(e.start == verb.idx for e in doc._.events):
                subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                found = self.relaying(verb, subject, res) if subject is not None else None
                if found is not None and found[0]:
                    speech.append(Source(res.sent_of[verb.i], verb.idx, verb.idx, (found[0],), found[1]))

    def publications(self, doc, res, speech):
        """An impersonal speech verb with an outlet's publication after "в" ("в публикации «Независимой газеты»
        сообщалось", "говорится в сообщении информагентства"): the outlet is the source of what the sentence
        reports, the verb no statement (gold-news README: "говорится в документе" is not marked)."""
        cols, words = columns(doc), self.lexicon.grammar.publication_nouns
        for i, lemma in enumerate(cols.lemma):
            if cols.pos[i] != "VERB" or not {lemma, lemma.removesuffix("ся")} & self.verbs:
                continue
            verb = doc[i]
            if "Pass" not in morph_get(verb, "Voice") or any(c.dep_.startswith("nsubj") for c in verb.children):
                continue
            for where in verb.children:
                if where.dep_ != "obl" or lemma_column(doc)[where.i][0] not in words or \
                        not {c.lower_ for c in where.children if c.dep_ == "case"} & {"в", "во"}:
                    continue
                for outlet in (c for c in where.children if c.dep_ == "nmod" and "Gen" in morph_get(c, "Case")):
                    found = self.relaying(verb, outlet, res)
                    if found is not None:
                        speech.append(Source(res.sent_of[i], verb.idx, verb.idx + len(verb),
                                             (found[0],) if found[0] else (), found[1], formula=True))

    def hearsay(self, verb):
        """A speech verb in the present tense of a "как" clause ("Как утверждают источники", "как отмечает
        британская пресса"): a formula naming the source of the sentence, as the agency's "сообщает" is (the
        gold-news annotation marks no statement there; a past "Как сообщили в МВД" is the body's statement). The
        conjunction just before the verb counts wherever the parse hangs it ("Как отмечает пресса, X был вынужден")."""
        words = self.lexicon.grammar.hearsay_words
        return "Pres" in morph_get(verb, "Tense") and (any(
            c.lower_ in words and c.i < verb.i for c in verb.children if c.dep_ in ("mark", "advmod")) or
            (verb.i > 0 and verb.doc[verb.i - 1].lower_ in words))

    def press(self, subject, res) -> bool:
        """Whether the subject of a hearsay clause is the press or a body ("британская пресса", "как отмечает
        РБК"), which only names the source of the sentence; people's hearsay ("как отмечают эксперты", "Как
        утверждают источники «Известий»") is their statement (gold-news README, speech acts)."""
        own = res.entity_at(subject)
        if own:
            return res.category(own) == Category.ORGANIZATION
        lemma = lemma_column(subject.doc)[subject.i][0]
        return lemma in self.lexicon.grammar.press_nouns or lemma in self.outlet_nouns

    def formula(self, verb):
        """The agency formula: a relay verb in the present tense ("передает", "сообщает", "цитирует")."""
        return verb.lemma_ in self.lexicon.grammar.relay_verbs and "Pres" in morph_get(verb, "Tense")

    def relaying(self, verb, subject, res):
        """(outlet key or None, its phrase) when the subject of a speech verb is an outlet: a media outlet, an
        outlet noun ("американские СМИ"), or an organisation in the agency formula ("сообщает Лента.ру")."""
        doc = verb.doc
        own = res.entity_at(subject)
        if own:                                    # the subject is the outlet, not a phrase about one
            formula = self.formula(verb) and res.category(own) == Category.ORGANIZATION
            if not (self.outlet(doc, own) or formula):
                return None
            outlets = [own]
        elif lemma_column(doc)[subject.i][0] in self.outlet_nouns:   # "газета «Известия»", "СМИ Египта"
            outlets = [k for k in res.entities(subject, depth=1) if self.outlet(doc, k)]
        else:
            return None
        return (outlets[0] if outlets else None), subtree_phrase(subject)

    def speak_for(self, doc, speech, speaker, start, end):
        """An agentless event inside a quote ("Приглашали послов") is done by the speaker's side."""
        side = next((r.object for r in doc._.relations or [] if r.subject == speaker
                     and r.predicate == EKG.holdsPositionIn), None)
        if side:
            speech.append(SpokenFor(start=start, end=end, side=side))

    def add(self, speech, taken, verb, sent_of, key, quote, rule):
        span = (verb.idx, verb.idx + len(verb))
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        said_by = (subject.idx, subject.idx + len(subject)) if subject is not None else None
        speech.append(Speech(start=span[0], end=span[1], trigger=verb.text, sentence=sent_of[verb.i], speaker=key,
                             quote=quote.strip(), confidence=CONFIDENCE[rule], rule=rule, said_by=said_by))
        taken.add(span)


@Language.factory("ontology_quotes", assigns=["doc._.speech"],
                  requires=["doc._.columns", "doc._.events", "doc._.relations", "doc._.entities", "doc.spans",
                            "span._.entity", "span._.anchor", "token.lemma", "token.pos", "token.morph", "token.dep"],
                  default_config={"ontology_dir": None})
def create_quotes(nlp, name, *, ontology_dir):
    return QuoteExtractor(load_lexicon(ontology_dir))
