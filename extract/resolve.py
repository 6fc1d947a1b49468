"""From a token to the entities it stands for: mentions, subtrees, pronouns and role nouns.

Shared by events, quotes and relations so that "он", "дипломат" or "Консорциум" resolve the same
way everywhere.
"""
from __future__ import annotations

from operator import attrgetter

import numpy
from spacy.attrs import SENT_START

from ontology.terms import EKG, Category

from .lemma_lookup import analyzer
from .token_columns import children, columns, morph_get, span_extensions, syntax


def sentence_numbers(doc) -> list[int]:
    """Token index -> number of its sentence, as the records count sentences. Computed once per document
    by the ontology stages (sentences are settled by then): `doc.sents` walks every token each time."""
    cols = columns(doc)
    if cols.sentences is None:    # as `doc.sents` cuts: before each token past the first that starts a sentence
        starts = doc.to_array(SENT_START).astype(numpy.int64) == 1 if len(doc) else numpy.zeros(0, bool)
        starts[:1] = False
        cols.sentences = numpy.cumsum(starts).tolist()
    return cols.sentences


def sentence_bounds(doc) -> list[tuple[int, int]]:
    """Each sentence's (start, end) token range, as `doc.sents` cuts (`sentence_numbers`), found once per
    document: the stages ask a token's sentence often, and `Token.sent` walks the tokens each time."""
    memo = columns(doc).memo
    found = memo.get(sentence_bounds)
    if found is None:
        sent_of = numpy.asarray(sentence_numbers(doc))
        cuts = (numpy.flatnonzero(sent_of[1:] != sent_of[:-1]) + 1).tolist() if len(sent_of) else []
        edges = [0] + cuts + [len(sent_of)] if len(sent_of) else []
        found = memo[sentence_bounds] = list(zip(edges, edges[1:]))
    return found


def sentence_range(doc, i: int) -> tuple[int, int]:
    """The (start, end) of token i's sentence: `doc[i].sent`'s, without a Token or a Span."""
    return sentence_bounds(doc)[sentence_numbers(doc)[i]]


def sentence_spans(doc) -> list:
    """`list(doc.sents)`, cut at the sentence numbers: spaCy's `doc.sents` walks every token first."""
    return [doc[start:end] for start, end in sentence_bounds(doc)]


START_END = attrgetter("start", "end")    # a span's (start, end), read in C


def mention_index(doc):
    """The mentions in order, token index -> the mentions over it, (start, end) -> the mention's anchor and its
    entity key (`span._.anchor`, `span._.entity`). Anchors and entities are read once per document for the
    stages that resolve (relations, events, quotes), unless the mentions changed; the memo holds no Span (a
    Span would keep its Doc alive)."""
    group = doc.spans["mentions"]
    mentions = sorted(group, key=START_END)
    memo = columns(doc).memo
    kept = memo.get(mention_index)
    if kept is not None and kept[0] == (id(group), len(group)):
        anchor, entity = kept[1]
    else:
        anchor, entity = {}, {}
        for span in mentions:
            anchor[(span.start, span.end)], entity[(span.start, span.end)] = span_extensions(span, ("anchor", "entity"))
        if None not in entity.values():    # linked (the entities stage has run): the same for every later stage
            memo[mention_index] = ((id(group), len(group)), (anchor, entity))
    at: dict[int, list] = {}
    for span in mentions:
        for i in range(span.start, span.end):
            at.setdefault(i, []).append(span)
    return mentions, at, anchor, entity


FOLLOW = {"conj", "appos", "flat", "flat:name", "flat:foreign", "nmod", "nummod", "det", "amod"}
ACTORS = (Category.PERSON, Category.ORGANIZATION, Category.STATE)


def subject_of(span):
    """The subject word a mention is part of (the name itself, or the title it stands beside: "Президент
    Эстонии Тоомас Ильвес выступил"), or None when the mention is no subject."""
    node = span.root
    while node.dep_ in ("appos", "flat", "flat:name", "conj") and node.head.i != node.i:
        node = node.head
    return node if node.dep_ in ("nsubj", "nsubj:pass") else None


class Resolver:
    def __init__(self, doc, lexicon):
        self.doc, self.lexicon = doc, lexicon
        self.cols = columns(doc)
        self.implied: dict = {}      # entities a stage names beyond the mentions (events: by adjective or capital)
        self.sent_of = sentence_numbers(doc)
        self.pronouns = lexicon.grammar.pronouns     # он -> Masc, она -> Fem, они -> Plur (ontology/grammar.ttl)
        self.mentions, self.at, self.anchor, self._entity = mention_index(doc)
        self._entities = None      # doc._.entities, read on first use (the entities stage may come later)
        self._by_sentence = None   # sentence number -> its mentions (`in_sentence`)
        self._person = None        # the ontology's Person class (`lexicon_person`)
        self._sentences = None     # the sentences as spans (`pronoun_subjects`)
        self._said: dict = {}      # sentence number -> its pronoun subjects with their gender
        self._first_person = None  # `first_person_sentence`

    def entity_of(self, span):
        """`span._.entity` of a mention, read once per document."""
        return self._entity[(span.start, span.end)]

    def entity_at(self, token):
        """The entity of the mention a token belongs to (`mention_of`), or None."""
        mention = self.mention_of(token)
        return self.entity_of(mention) if mention is not None else None

    def in_sentence(self, n: int) -> list:
        """The mentions of sentence n, in order (grouped once per resolver)."""
        if self._by_sentence is None:
            self._by_sentence = {}
            for span in self.mentions:
                self._by_sentence.setdefault(self.sent_of[span.start], []).append(span)
        return self._by_sentence.get(n, [])

    def doc_entities(self) -> dict:
        """`doc._.entities`, read once per resolver (each `doc._` is a new object)."""
        if self._entities is None:
            self._entities = self.doc._.entities
        return self._entities

    def category(self, key):
        entity = self.doc_entities().get(key) or self.implied[key]
        return self.lexicon.category(entity.cls)

    def mention_of(self, token):
        """The mention a token belongs to: an unnamed asset's own noun before its anchor."""
        i = token.i
        spans = self.at.get(i)
        if not spans:
            return None
        anchors = [self.anchor[(span.start, span.end)] for span in spans]
        for span, anchor in zip(spans, anchors):
            if anchor and not (anchor[0] <= i < anchor[1]):
                return span
        named = [s for s, anchor in zip(spans, anchors) if not anchor]
        return min(named, key=len) if named else spans[0]

    def entities(self, token, depth: int = 3, role_nouns: bool = False, bare: bool = False) -> list[str]:
        """Entity keys for a role filler: its own mention, else mentions reached through its phrase.

        A person role noun with a name in its phrase ("заместитель министра ... Алибек Бакаев") stands
        for the person alone; with `role_nouns` a bare one ("дипломат") is the latest person. With `bare` a
        phrase behind a preposition is not followed ("Похитители россиян в Сирии": not Syria).
        """
        own = self.mention_of(token)
        if own is not None:
            keys = [self.entity_of(own)]
            if keys[0] and self.is_role_noun(token) and self.category(keys[0]) != Category.PERSON:
                # a title the tagger took into a body's name ("Представитель Минобороны Игорь Конашенков"):
                # the person its name gives, also one the parse hangs on the body ("Президент России Дмитрий
                # Медведев подписал": Медведев, not Russia); else the one holder of that post the document names
                people = [k for c in token.children if c.dep_ == "appos" for k in self.entities(c, 0)
                          if self.category(k) == Category.PERSON] or self.name_after_body(token)
                holder = self.holder(token, keys[:1]) if not people else None
                keys = people or ([holder] if holder else keys)
            doc, deps = self.doc, syntax(self.doc)[0]     # the children read as columns: a Token for a match only
            # coordinated fillers: танкеры «А» и «Б», on any word of the mention ("газет Daily Mail, The Guardian":
            # the parse hangs the second on the first name, not on the descriptor)
            for c in (c for j in range(own.start, own.end) for c in children(doc)[j]):
                if deps[c] == "conj" and not own.start <= c < own.end:
                    keys += [k for k in self.entities(doc[c], depth) if k not in keys]
            if keys[0] and depth > 0 and self.category(keys[0]) == Category.PERSON:
                keys += [k for k in self.listed_people(token) if k not in keys]
            elif keys[0] and depth > 0:
                keys += [k for k in self.name_after_body(token) if k not in keys]
            return keys
        keys: list[str] = []
        if depth > 0:
            doc, kids, deps = self.doc, children(self.doc), syntax(self.doc)[0]
            for c in kids[token.i]:
                if deps[c] in FOLLOW and not (bare and any(deps[g] == "case" for g in kids[c])):
                    for k in self.entities(doc[c], depth - 1, bare=bare):
                        if k not in keys:
                            keys.append(k)
        title = self.is_role_noun(token) or self.is_role_noun(token, proper=True)    # "Президент России" too
        if title or self.person_noun(token):
            people = [k for k in keys if self.category(k) == Category.PERSON]
            if people:
                return people
        if title:
            if keys:      # "Президент Казахстана заявил": the holder of the title, never the state
                holder = self.holder(token, keys)
                return [holder] if holder else []
        if not keys:
            pronoun = self.pronoun(token, role_nouns)
            if pronoun:
                return [pronoun]
            antecedent = self.antecedent(token)
            if antecedent is not None:
                return self.entities(antecedent, depth, role_nouns)
        return keys

    def person_noun(self, token) -> bool:
        """An animate common noun ("король", "мвами", "супруга"): with a person named in its phrase it stands for
        that person, as a title does."""
        return self.cols.pos[token.i] == "NOUN" and "Anim" in morph_get(token, "Animacy")

    def name_after_body(self, token) -> list[str]:
        """A person's name the parse hangs on the body's or state's name a title has before it ("король Руанды
        Кигели V", "Кигели" a flat:name of "Руанды"): the person the title names, kept beside the body."""
        people = []
        for child in token.children:
            if child.dep_ in ("flat:name", "appos", "flat") and child.i > token.i and \
                    (mention := self.mention_of(child)) is not None and mention.start > token.i:
                key = self.entity_of(mention)
                if key and key not in people and self.category(key) == Category.PERSON:
                    people.append(key)
        return people

    def listed_people(self, token) -> list[str]:
        """People a list after a comma names that the parse hangs on a person's name as appositions ("Погибли
        Анна Ли, ее дочь Грейс, дочь Рэчел": Грейс and Рэчел too): a name after a comma, or the name a word
        after a comma has as its own apposition ("дочь Грейс"), never one reached through a genitive ("Анна,
        жена Ивана Петрова": not Иван)."""
        keys: list[str] = []
        for child in token.children:
            first = child.left_edge
            if child.dep_ != "appos" or not (first.text == "," or (first.i > 0 and token.doc[first.i - 1].text == ",")):
                continue
            items = [child] + [c for c in child.children if c.dep_ == "conj"]    # "..., дочь Y и мать Z"
            for name in (n for item in items for n in ([item] if self.mention_of(item) is not None else
                                                       [c for c in item.children if c.dep_ == "appos" and c.i > item.i])):
                mention = self.mention_of(name)
                key = self.entity_of(mention) if mention is not None else None
                if key and key not in keys and self.category(key) == Category.PERSON:
                    keys.append(key)
        return keys

    def antecedent(self, token):
        """The noun a relative pronoun stands for ("Поповкин, который был уволен"): the one its clause hangs on,
        when the pronoun is a core argument of that clause's verb."""
        if token.dep_ not in ("nsubj", "nsubj:pass", "obj", "iobj") or self.cols.pos[token.i] != "PRON":
            return None
        relative = self.lexicon.grammar.relative_pronouns     # the tagger leaves some forms ("которого") as they are
        if not ({self.cols.lemma[token.i].lower(), token.lower_} & relative or
                any(p.normal_form in relative for p in analyzer().parse(token.lower_))):
            return None
        clause = token.head
        if clause.dep_ != "acl:relcl" or clause.head.i == clause.i:
            return None
        return clause.head

    def person_before(self, before: int, gender: str | None, pronoun=None, latter=False):
        """The person a pronoun, a dropped subject or a description before token `before` stands for, among the
        people mentioned before it whose first word agrees in gender (or has none; any person when `gender` is
        None): the latest in its own sentence; else, in the latest sentence that names one, its first subject,
        the one the story goes on about ("X напал на Y. Затем он вошёл в школу": X), else the latest person
        there; a sentence whose subject is such a pronoun goes on about someone named before it ("X прилетел.
        Он убедил Y. Ранее он пытался ...": X), so the search goes on before it. An object `pronoun` never
        stands for its own verb's subject ("X застрелил его"), a `latter` one ("тот") for no subject of its own
        sentence ("X ранил Y, и тот скончался": Y)."""
        here = self.sent_of[before]
        for span in reversed(self.in_sentence(here)):
            if span.start < before and self.agrees(span, gender) and not (
                    (pronoun is not None and self.bound(pronoun, span)) or (latter and subject_of(span) is not None)):
                return self.entity_of(span)
        for n in range(here - 1, self.first_person_sentence() - 1, -1):
            people = [s for s in self.in_sentence(n) if self.agrees(s, gender)]
            named = next((s for s in people if subject_of(s) is not None), None)
            said = next(iter(self.pronoun_subjects(n, gender)), None)
            if named is not None and (said is None or subject_of(named).i < said.i):
                return self.entity_of(named)
            if said is not None:      # the pronoun goes on about someone named before: look further back
                continue
            if people:
                return self.entity_of(people[-1])
        return None

    def agrees(self, span, gender) -> bool:
        """Whether a mention names a person whose first word agrees in gender (or has none), and is no part of a
        longer name."""
        key = self.entity_of(span)
        if not key or self.category(key) != Category.PERSON or self.nested(span):
            return False
        span_gender = morph_get(span[0], "Gender")
        return gender is None or not span_gender or gender in span_gender

    def pronoun_subjects(self, n: int, gender) -> list:
        """The singular personal pronouns that are subjects in sentence n and agree in gender ("Он убедил ...").
        Each sentence is read once per resolver."""
        if n not in self._said:
            if self._sentences is None:
                self._sentences = sentence_spans(self.doc)
            lemma = self.cols.lemma
            self._said[n] = [(token, said) for token in self._sentences[n]
                             if (said := self.pronouns.get(lemma[token.i].lower())) and said != "Plur" and
                             token.dep_ in ("nsubj", "nsubj:pass") and token.pos_ == "PRON"]
        return [token for token, said in self._said[n] if gender is None or said == gender]

    def first_person_sentence(self) -> int:
        """The number of the first sentence that names a person (where a search backwards for one stops)."""
        if self._first_person is None:
            self._first_person = min((self.sent_of[s.start] for s in self.mentions if self.entity_of(s) and
                                      self.category(self.entity_of(s)) == Category.PERSON), default=len(self.doc))
        return self._first_person

    @staticmethod
    def bound(pronoun, span) -> bool:
        """Whether a personal pronoun that is a verb's object or oblique would stand for that verb's own subject:
        Russian says "себя" there, so "его" is someone else."""
        subject = subject_of(span)
        return subject is not None and pronoun.dep_ in ("obj", "iobj", "obl") and \
            pronoun.head.i == subject.head.i

    def nested(self, span):
        """A mention inside a longer one ("Ирана" in "Власти Ирана"): not what a pronoun stands for."""
        return any(o.start <= span.start and span.end <= o.end and len(o) > len(span) and self.entity_of(o)
                   for o in self.at.get(span.start, []))

    def holder(self, token, organisations):
        """The person the document names as holding this title in one of these organisations or states
        ("президент Казахстана Касым-Жомарт Токаев", before or after, gives Токаев for a bare "Президент
        Казахстана"): the same post noun in the same body, neither a former one nor one sought. None when the
        document names no such holder, or two ("президент Франции X ... президент Франции Y": no guess)."""
        title = token.lemma_.lower()
        holders = {r.subject for r in self.doc._.relations or [] if r.predicate == EKG.holdsPositionIn and
                   r.object in organisations and r.qualifier and r.status not in ("former", "candidate") and
                   self.post_word(r.qualifier) == title}
        return holders.pop() if len(holders) == 1 else None

    def post_word(self, qualifier: str) -> str | None:
        """The post noun a title begins with, past the words that say how it is held ("бывший", "врио")."""
        grammar = self.lexicon.grammar
        skip = grammar.former_words | grammar.acting_words | grammar.candidate_words
        return next((w for w in qualifier.lower().split() if w not in skip), None)

    def unresolved_pronoun(self, token) -> bool:
        """A personal pronoun ("нее", "его") the caller found no entity for: kept as the phrase it is."""
        return self.cols.pos[token.i] == "PRON" and self.cols.lemma[token.i].lower() in self.pronouns

    def is_role_noun(self, token, proper: bool = False):
        """A person's title ("министр"), also behind a title prefix ("вице-губернатор", "экс-президент"); with
        `proper` one the tagger takes for a name for its capital ("Президент России Дмитрий Медведев")."""
        cols = self.cols     # asked of every filler: the token's POS and lemma from the columns
        if cols.pos[token.i] != ("PROPN" if proper else "NOUN"):
            return False
        lemma = cols.lemma[token.i].lower()
        prefix, hyphen, title = lemma.partition("-")
        if hyphen and prefix in self.lexicon.grammar.title_prefixes:
            lemma = title
        return self.lexicon.nouns.get(lemma) == self.lexicon_person()

    def pronoun(self, token, role_nouns=False):
        """он/она/тот, or a singular person role noun ("дипломат", "замминистра"), resolved to a person named
        before (`person_before`); они to the nearest actor."""
        lemma = self.cols.lemma[token.i].lower()
        if lemma in self.lexicon.grammar.demonstrative_pronouns and token.dep_ in ("nsubj", "nsubj:pass") and \
                "Sing" in morph_get(token, "Number") and not any(c.dep_.startswith("acl") for c in token.children):
            # "однако тот скончался": the latter; not "тот, кто ..."
            return self.person_before(token.i, next(iter(morph_get(token, "Gender")), None), token, latter=True)
        is_role = role_nouns and self.is_role_noun(token) and "Plur" not in morph_get(token, "Number")
        if lemma not in self.pronouns and not is_role:
            return None
        if token.pos_ == "PRON" and self.pronouns.get(lemma) == "Plur":   # "они": the nearest actor before
            span = next((s for s in reversed(self.mentions) if s.start < token.i and self.entity_of(s)
                         and self.category(self.entity_of(s)) in ACTORS and not self.nested(s)), None)
            return self.entity_of(span) if span is not None else None
        return self.person_before(token.i, self.pronouns.get(lemma), token)

    def lexicon_person(self):
        if self._person is None:     # a scan of the ontology's classes: once per resolver
            self._person = next(iri for iri, c in self.lexicon.classes.items() if c.local_name == "Person")
        return self._person

    def latest(self, before: int, category: str):
        for span in reversed(self.mentions):
            if span.start < before and self.entity_of(span) and self.category(self.entity_of(span)) == category:
                return self.entity_of(span)
        return None
