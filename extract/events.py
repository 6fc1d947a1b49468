"""Events: a trigger lemma from the ontology, roles from the syntax around it.

Sets `doc._.events` (a list of `records.Event`). Roles by dependency:
- verbs: subject -> agent (target when passive, or when the verb's subject undergoes it: grammar.ttl
  UndergoerVerbs, "родился"), object -> the class's object role (target, or addressee for a warning or an
  invitation), instrumental -> instrument (agent if it is an actor), a weapon subject or "с X" -> instrument
  (grammar.ttl WeaponNouns, "вертолет обстрелял"),
  "о/об/по поводу X" -> topic, place prepositions with a place or asset -> place, "на X" -> target;
- nouns: a state's adjective ("украинских атак") or a genitive actor -> agent, "на X" -> target;
  a noun that is the object of a light verb ("ведет переговоры") takes the verb's subject and its
  place and time phrases;
- participants (sem:hasActor): a person, body or state after a preposition that makes it no place,
  target or topic ("встреча с X", "между X и Y"), the body of a post ("назначен главой X"), a noun
  event's clause subject ("в ходе процесса X признал", "X объявил о своей отставке"; a gerund's main clause's,
  "Выступая на церемонии, X"; a participle's noun, "X, находящийся с визитом") and object ("обыграл X в
  финале"), unless the frame names the subject's role (`participant_role`: "X принимал участие во встрече"
  agent, "X погиб в автокатастрофе" target), the name a noun event's phrase is on ("X на похоронах"); people
  no entity names are kept as phrases ("перестрелка с полицией", "нападения на полицейских"); where the frame's
  sides act alike (`party_role`: a meeting, talks, a clash) every participant is one, in that role (agent);
- a relative pronoun ("который", "с которым") stands for the noun its clause is on.
Places (`clause_place`): the trigger's or its verb's place phrases (several joined by "и", an organisation
in the locative as a venue, "из X" when nothing else), through compound prepositions ("в результате X") and
coordinated verbs, a "где" clause's noun, the office one is appointed to, a place adjective; last, a
locative phrase after the verb wherever the parse hangs it, a city the event is aimed at ("блокады
Ленинграда"), the state of an office it is about ("выборах президента США"); the grammar's word lists
(ontology/grammar.ttl) say which prepositions and nouns count.
Falling back when the syntax gives nothing: a nominal trigger of the same type in the sentence of a
verbal one is the same event; an attack with no agent takes the agent of the latest attack in the
preceding sentences. Dates in the sentence go to the nearest trigger that governs them.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from bisect import bisect_left

from spacy.language import Language
from spacy.tokens import Doc

from ontology.lexicon import load_lexicon, normalize
from ontology.terms import EKG, SEM_NS, Category

from .dates import find_dates, named_weekdays, stated_year, story_year, warm_up
from .entities import known_entity, romanise, slug
from .lemma_lookup import analyzer, lemma_column, lemma_index, lexicon_matches, lookup, normal_forms
from . import argument_model
from .trigger_model import NearestClass, confirmed
from .place_adjectives import adjective_places, place_named_by, unlisted_state
from .records import Entity, Event, Role, TriggerMention
from .resolve import Resolver, sentence_range, sentence_spans
from .token_columns import children, columns, morph_get, punct, syntax

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
CLAUSE_WORDS = {"NOUN", "PROPN", "PRON", "VERB", "AUX"}   # words that tell another clause (not a preposition)
APPOSITION_STOPS = {"VERB", "AUX", "ADP", "PRON", "SCONJ"}   # words no apposition between commas holds
TOPIC_CASE = {"о", "об", "обо"}
APART_MARKS = {"но", "однако", ";", ":"}   # before a coordinated verb: a clause with a time of its own
TIME_APART = TOPIC_CASE | {"после", "до", "перед", "к"}   # a noun after these has a time of its own ("призвал к выборам")
CONFIDENCE = {"verb": 0.85, "noun": 0.75, "light-verb": 0.75, "merged": 0.8, "phrase": 0.8, "model": 0.7}


def relative_of(clause, noun, pronouns):
    """Whether a relative clause the parse hangs on a noun's dependent is the noun's own, by its pronoun's
    gender ("операцию на сердце, которая была проведена": "которая" agrees with "операцию", not "сердце")."""
    head = clause.head
    if head.head.i != noun.i or head.dep_ != "nmod":
        return False
    gender = morph_get(noun, "Gender")
    pron = next((c for c in clause.children if c.lemma_ in pronouns or c.lower_ in pronouns), None)
    return bool(pron is not None and gender and morph_get(pron, "Gender") == gender and
                morph_get(head, "Gender") != gender)


def antecedent(token, pronouns):
    """The noun a relative pronoun stands for ("детектив X, который проводил расследование", "X, с которым она
    встречалась"): the noun its clause is on, or that noun's own noun when only that one agrees in number and
    gender ("глава администрации, который"); None for any other word, or when neither agrees."""
    if token.pos_ not in ("PRON", "DET") or not (token.lemma_ in pronouns or
                                                 any(f in pronouns for f in normal_forms(token.lower_))):
        return None
    clause = next((a for a in token.ancestors if clause_boundary(a)), None)
    if clause is not None and clause.dep_ == "acl:relcl":
        noun = clause.head
    else:       # the parse took the clause for another ("позвонил X, который был госпитализирован"): the
        noun = written_before(token)    # noun written before its comma
        if noun is None:
            return None
    for candidate in (noun, noun.head if noun.dep_ == "nmod" else None):
        if candidate is not None and candidate.pos_ in ("NOUN", "PROPN") and refers_to(token, candidate):
            return candidate
    return None


def written_before(token):
    """The noun just before the comma that opens a token's phrase ("Агафонову, с которым"), or None."""
    start = min([token.i, *(c.i for c in token.children if c.dep_ == "case")])
    if start < 2 or token.doc[start - 1].text != ",":
        return None
    noun = token.doc[start - 2]
    while noun.dep_ in ("flat", "flat:name") and noun.head.i < noun.i:
        noun = noun.head
    return noun if noun.pos_ in ("NOUN", "PROPN") else None


def refers_to(pronoun, noun) -> bool:
    """Whether a pronoun agrees with a noun: in number (a plural one with nouns joined by "и" too), and in a
    singular's gender."""
    number, theirs = morph_get(pronoun, "Number"), morph_get(noun, "Number")
    if number == ["Plur"]:
        return "Plur" in theirs or any(c.dep_ == "conj" for c in noun.children)
    gender, their_gender = morph_get(pronoun, "Gender"), morph_get(noun, "Gender")
    return "Plur" not in theirs and not (gender and their_gender and not set(gender) & set(their_gender))


def case_words(token, place_preps) -> frozenset:
    """The preposition of a phrase, with an adverb it hangs from ("рядом с терминалом"). Kept per token of the
    document: the role and place readers ask it of the same phrases many times, and each asking walks
    spaCy Tokens."""
    try:
        memo = columns(token.doc).memo
    except ValueError:
        return phrase_case_words(token, place_preps)
    key = (case_words, token.i, id(place_preps))
    found = memo.get(key)
    if found is None:
        found = memo[key] = column_case_words(token.doc, token.i, place_preps)
    return found


def column_case_words(doc, i: int, place_preps) -> frozenset:
    """`phrase_case_words` of token i, read from the parse and text columns: no Token for each child."""
    kids, (deps, heads), lower = children(doc), syntax(doc), columns(doc).lower
    words = {lower[c] for c in kids[i] if deps[c] in ("case", "fixed")} | \
        {lower[g] for c in kids[i] if deps[c] == "case" for g in kids[c] if deps[g] == "fixed"}
    head = heads[i]
    if deps[head] == "advmod" and lower[head] in place_preps:
        words.add(lower[head])
    return frozenset(words)


def phrase_case_words(token, place_preps) -> frozenset:
    words = {c.lower_ for c in token.children if c.dep_ in ("case", "fixed")} | \
        {g.lower_ for c in token.children if c.dep_ == "case" for g in c.children if g.dep_ == "fixed"}
    if token.head.dep_ == "advmod" and token.head.lower_ in place_preps:
        words.add(token.head.lower_)
    return frozenset(words)


def fixed_words(token):
    """The lemmas fixed to a phrase's preposition: "время" of "во время X", "отношение" of "в отношении X"."""
    return {g.lemma_ for c in token.children if c.dep_ == "case" for g in c.children if g.dep_ == "fixed"}


def dependents(token, place_preps):
    """Children, looking through place adverbs: "предпринята рядом с терминалом" -> терминалом."""
    doc = token.doc
    kids, deps, lower = children(doc), syntax(doc)[0], columns(doc).lower
    for c in kids[token.i]:
        if deps[c] == "advmod" and lower[c] in place_preps:
            yield from (doc[g] for g in kids[c] if deps[g] in ("obl", "nmod"))
        else:
            yield doc[c]


def participle_voice(token):
    """"pssv" or "actv" for a participle (Natasha tags some as adjectives: pymorphy3 knows them), else None."""
    if "Part" in morph_get(token, "VerbForm"):
        return "pssv" if "Pass" in morph_get(token, "Voice") else "actv"
    tags = [p.tag for p in analyzer().parse(token.lower_) if "PRTF" in p.tag]
    return next(("pssv" if "pssv" in t else "actv" for t in tags), None)


def common_noun(token) -> bool:
    """A capitalised word the tagger takes for a name that the dictionary knows as a common noun only
    ("Экс-премьер" opening a sentence)."""
    parses = analyzer().parse(token.lower_)
    return token.pos_ == "PROPN" and bool(parses) and all(
        p.tag.POS == "NOUN" and not {"Name", "Surn", "Patr", "Geox", "Orgn"} & p.tag.grammemes for p in parses)


def names_people(token):
    """A participle standing for whom it describes ("число погибших", "родным погибших", "среди пострадавших",
    "Погибший, 41-летний капрал") names the people an event befell, not the event (NEREL marks 1 of 51 as one);
    a short participle ("был задержан") or one on its noun ("похищенный гражданин") is left to the roles."""
    if token.pos_ == "NOUN":
        if "Anim" in morph_get(token, "Animacy") and participle_voice(token) is not None:
            return True
    elif "Part" in morph_get(token, "VerbForm") and morph_get(token, "Case") and \
            token.dep_ not in ("amod", "acl", "acl:relcl"):
        return True
    return token.dep_ in NOMINAL and token.pos_ in ("VERB", "ADJ", "NOUN") and participle_voice(token) is not None


def clause_subjects(verb) -> list:
    """Who a clause's verb is said of: its subjects; with none, a gerund's main clause's subjects ("Выступая на
    церемонии, X назвал") and a participle's noun ("X, находящийся с визитом в ЮАР")."""
    own = [c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")]
    if own or verb.head.i == verb.i:
        return own
    if verb.dep_ == "advcl" and "Conv" in morph_get(verb, "VerbForm") and verb.head.pos_ in ("VERB", "AUX"):
        return [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubj:pass")]
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN") and participle_voice(verb) == "actv":
        return [verb.head]
    if said_of_noun(verb):
        return [verb.head]
    return []


def noun_subject(verb):
    """The subject of the verb whose object an infinitive is on ("лига вынесла решение просить ООН": "лига"), who
    decided or ordered, and so acts; None for any other word."""
    noun = verb.head
    if "Inf" not in morph_get(verb, "VerbForm") or verb.dep_ not in ("acl", "nmod") or \
            noun.pos_ != "NOUN" or noun.dep_ != "obj" or noun.head.pos_ != "VERB":
        return None
    return next((c for c in noun.head.children if c.dep_ == "nsubj"), None)


def not_the_subject(token) -> bool:
    """A word the parse takes for a second subject of its verb that is no nominative where another is ("выполнявший
    рейс № 760 самолёт столкнулся": "рейс", an accusative, is the participle's object; "самолёт" is the subject)."""
    case = morph_get(token, "Case")
    if "Gen" in case and any(c.dep_ in ("nummod", "nummod:gov") for c in token.children):
        return False    # "погибли около восьмисот человек, которые ...": a count's noun is in the genitive
    return bool(case) and "Nom" not in case and any(
        c.dep_ == "nsubj" and c.i != token.i and "Nom" in morph_get(c, "Case") for c in token.head.children)


def before_relative(token, pronouns) -> bool:
    """A word the parse takes for a subject of a relative clause written before the clause's relative pronoun, which
    is the subject ("Ранение получил солдат, который был госпитализирован": not "ранение"); a relative clause
    starts at its pronoun."""
    return any(c.dep_ in ("nsubj", "nsubj:pass") and c.i > token.i and c.lower_ in pronouns
               for c in token.head.children)


def stray_subject(verb):
    """The subject the parse gives a coordinated verb that belongs to the verb before it: written between the two,
    set off from this one by a comma, where this one has a subject after it and the one before has none ("погибли,
    по официальным данным, 12 человек, пострадали до 3 тысяч": "12 человек" died). None for any other verb."""
    if verb.dep_ not in ("conj", "parataxis") or verb.head.i > verb.i or \
            any(c.dep_ in ("nsubj", "nsubj:pass") for c in verb.head.children):
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    before = [c for c in subjects if verb.head.i < c.i < verb.i and punct_between(c, verb)]
    return before[0] if len(before) == 1 and any(c.i > verb.i for c in subjects) else None


def said_of_noun(adjective) -> bool:
    """An adjective (no participle) set off after its noun, as a clause would be: "X, виновный в гибели студента",
    "X, причастный к нападению": what its phrase tells is the noun's."""
    return adjective.pos_ == "ADJ" and adjective.dep_ in ("acl", "amod") and adjective.i > adjective.head.i and \
        adjective.head.pos_ in ("NOUN", "PROPN") and participle_voice(adjective) is None


def genitive(token) -> bool:
    """A noun in the genitive, or a name that does not decline ("розыске Макафи") or a foreign one ("выступление
    Pussy Riot") tagged nominative or not at all where only a genitive can stand: a noun's dependent without a
    preposition; so is a name tagged in another case there that the dictionary reads as a genitive too
    ("ультиматум России", tagged a dative)."""
    case = morph_get(token, "Case")
    if token.pos_ == "PROPN" and token.dep_ == "nmod" and case and not {"Gen", "Nom"} & set(case) and \
            not any(c.dep_ == "case" for c in token.children):
        return any("gent" in p.tag for p in analyzer().parse(token.lower_))
    return "Gen" in case or (token.pos_ in ("PROPN", "X") and (not case or "Nom" in case) and token.dep_ == "nmod")


def counts_someone(token) -> bool:
    """A number that is a subject or object with the nouns it counts hung on it ("проголосовали 339 из 476
    депутатов": the parse makes "339" the subject), or the people a participle names ("семеро из задержанных были
    отпущены"): the phrase names them, as "59 человек" does. A bare number ("и 21 пострадал") names no one: NEREL
    marks such counts as numbers, never as participants (7 roles of 7 wrong on its held-out train documents)."""
    return token.pos_ == "NUM" and any(c.dep_ == "nmod" and (c.pos_ == "NOUN" or names_people(c))
                                       for c in token.children)


def describes_noun(token):
    """A participle on its noun ("заявленная операция", "по уточненной информации", "требуемая сумма")."""
    return token.dep_ in ("amod", "acl") and participle_voice(token) is not None


def describes_someone(token):
    """A bare participle on a person ("арестованные братья", "погибший генерал", "погибшем товарище"): it says
    who the person is, the event is told where it happened (NEREL train marks none of 31 bare participles on
    their nouns as an event). One with arguments of its own ("захваченным Советским Союзом", "задержанный в
    аэропорту") is a clause, and a thing's ("атакованный танкер") its target: both stay events."""
    return describes_noun(token) and "Anim" in morph_get(token.head, "Animacy") and \
        not any(c.dep_.startswith(("obl", "obj", "iobj", "nsubj", "advcl", "xcomp")) for c in token.children)


def goal_of(token):
    """A verb's oblique that says where it goes, what it meets or where from ("в остановку", "на полосу", "с
    грузовиком", "выловили из моря", "обстреляны с вертолета"): the accusative after "в"/"на", the
    instrumental after "с", the genitive after "из" or "с" (NEREL train marks no event there: its EVENTs after
    "из" are partitives, "одна из атак")."""
    if token.dep_ != "obl" or token.head.pos_ != "VERB":
        return False
    preps = {c.lower_ for c in token.children if c.dep_ == "case"}
    case = morph_get(token, "Case")
    return ("Acc" in case and preps & {"в", "во", "на"}) or ("Ins" in case and preps & {"с", "со"}) \
        or ("Gen" in case and preps & {"из", "изо", "с", "со"})


def dropped_subjects(verb):
    """The first verb of a chain of coordinated verbs none of which has a subject ("В 2011 году поступил в МФТИ
    и переехал в Москву": "поступил"), the verb itself when it is no second verb and has none; None when a verb
    of the chain has a subject (borrowed_subject's case) or a verb's second is not a verb's. The person a
    dropped subject stands for is read before the first verb: a name between ("задержал Петрова и отвез")
    is its object, not its subject."""
    while True:
        if any(c.dep_ in ("nsubj", "nsubj:pass", "expl") for c in verb.children):
            return None
        if verb.dep_ != "conj":
            return verb
        if verb.head.pos_ not in ("VERB", "AUX") or verb.head.i == verb.i:
            return None
        verb = verb.head


def second_verb(verb) -> bool:
    """Whether a verb is the second of two coordinated ones: a conjunct, or a parenthesis with its own "и"
    ("долго выжидала и, наконец, отреагировала": the parse makes the verb after the commas a parataxis)."""
    return verb.dep_ == "conj" or (verb.dep_ == "parataxis" and verb.pos_ == "VERB" and
                                   any(c.dep_ == "cc" and c.i < verb.i for c in verb.children))


def conjunct_phrases(token, phrase) -> list:
    """The phrases of the nouns coordinated with a phrase's word that the phrase stops before ("погибли водитель
    автобуса, двое пассажиров и пешеход": the phrase ends at the comma, each conjunct is a participant too),
    each from its first word (its "и" and comma aside) to its own first comma."""
    out = []
    for conj in token.children:
        if conj.dep_ != "conj" or conj.pos_ != "NOUN" or conj.i < phrase.end:
            continue
        words = [t for t in conj.subtree if t.i <= conj.i or not any(
            p.is_punct and conj.i < p.i <= t.i for p in conj.subtree)]
        while words and (words[0].dep_ in ("cc", "punct") or words[0].pos_ == "ADP"):
            words = words[1:]
        if words and len(words) <= 6:
            out.append(token.doc[words[0].i:words[-1].i + 1])
    return out


def phrase_start(token) -> int:
    """Where a noun's own phrase begins: its words written right before it, up to the first that is not its
    own. A parse that hangs a word of an earlier phrase on it ("колонны из четырёх бронемашин ... её атаковал
    смертник": "бронемашин" on "смертник") does not make the phrase run back over the clause."""
    start = token.i
    while start > token.left_edge.i and token.is_ancestor(token.doc[start - 1]):
        start -= 1
    return start


def phrase_end(token) -> int:
    """Where a noun's own phrase ends: before the first punctuation mark or word not its own after it. A clause
    the parse hangs on it that takes in words of another ("около восьмисот человек, которые, согласно данным ООН,
    пытались": "Согласно данным" on the clause) does not make the phrase run on past its comma."""
    end = token.i + 1
    while end <= token.right_edge.i and not token.doc[end].is_punct and token.is_ancestor(token.doc[end]):
        end += 1
    return end


def quoted_after(doc, end: int) -> int:
    """Where a name in quotes written right after a phrase ends ("газете «Известия»", "журналу ''Focus''"): after
    its closing marks; `end` when no such name follows (a capitalised word first, no other punctuation inside)."""
    i = end
    while i < len(doc) and doc[i].is_quote:
        i += 1
    if i == end or i >= len(doc) or not doc[i].text[:1].isupper():
        return end
    j = i
    while j < len(doc) and not doc[j].is_punct:
        j += 1
    if j == len(doc) or not doc[j].is_quote:
        return end
    while j < len(doc) and doc[j].is_quote:
        j += 1
    return j


def punct_between(a, b) -> bool:
    """Whether a punctuation mark stands between two words (or is the first of them): "в Тольятти, Россия"."""
    return any(t.is_punct for t in a.doc[min(a.i, b.i):max(a.i, b.i)])


def lemmas_at(column, positions, words) -> bool:
    """Whether these lemmas stand at these positions of the lemma column (`lemma_column`; a word's other possible
    lemmas too): where a multiword trigger's words are looked for."""
    return all(w == column[j][0] or w in column[j][1] for j, w in zip(positions, words))


def modified_phrase(doc, column, i, words):
    """The positions of a multiword trigger's other words when adjectives of their own stand before them
    ("получил незначительные травмы", "покидает занимаемый пост"): up to two adjectives or determiners before
    each word, hanging on it, are in the trigger's span but are no words of the phrase; else None."""
    deps, heads = syntax(doc)
    positions, j, end = [], i + 1, sentence_range(doc, i)[1]
    for word in words:
        gap = []
        while j < end and len(gap) < 2 and deps[j] in ("amod", "det") and not lemmas_at(column, (j,), (word,)):
            gap.append(j)
            j += 1
        if j >= end or not lemmas_at(column, (j,), (word,)) or any(heads[g] != j for g in gap):
            return None
        positions.append(j)
        j += 1
    return positions if positions[-1] - i > len(words) else None


def fronted_rest(doc, column, i, rest):
    """Where a verb phrase's rest stands when it is put before verb i with other words between, as the verb's
    object or oblique ("Тяжелое ранение, в результате попадания ракеты, получил подросток", "ответственность за
    которые взяло на себя", "В отставку глава города подал в понедельник"): the range of the rest's words, its
    last one a dependent of the verb and the others just before it; else None. The noun names the event."""
    first = sentence_range(doc, i)[0]
    for child in doc[i].children:
        start = child.i - len(rest) + 1
        if child.dep_ in ("obj", "obl", "nsubj:pass") and first <= start and child.i < i - 1 and \
                lemmas_at(column, range(start, child.i + 1), rest) and hangs_on(doc, range(start, child.i + 1), i):
            return range(start, child.i + 1)
    return None


def hangs_on(doc, positions: range, i: int) -> bool:
    """Whether the words at these positions hang, as one phrase, from token i alone ("в отставку" on "подал")."""
    heads = syntax(doc)[1]
    return {heads[j] for j in positions if heads[j] not in positions} == {i}


def object_between(doc, i, start) -> bool:
    """Whether an adjective at `start` follows verb i's direct object and nothing else ("признал его виновным")."""
    objects = [c for c in doc[i].children if c.dep_ == "obj" and i < c.i < start]
    return doc[start].pos_ == "ADJ" and len(objects) == 1 and \
        objects[0].left_edge.i == i + 1 and objects[0].right_edge.i == start - 1


def clause_verb(token):
    """The verb of the clause a token sits in (itself when it is one), or None."""
    node = token
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    return node if node.pos_ in ("VERB", "AUX") else None


def agrees(verb, subject):
    """Whether a verb with no subject of its own agrees with a subject in number and, in the past, gender
    ("Полиция сообщила, что задержали ..." does not: someone else detained)."""
    for feat in ("Number", "Gender"):
        mine, theirs = morph_get(verb, feat), morph_get(subject, feat)
        if not mine and feat == "Number":
            return False
        if mine and theirs and not set(mine) & set(theirs):
            return False
    return True


def participle_noun(participle):
    """The noun a participle describes: its head, or the noun right before the comma that opens it when only that one
    agrees with it in case and number ("город с крепостью, захваченной врагом" hung on another word)."""
    def agree(noun) -> bool:
        case = morph_get(participle, "Case")
        return bool(case) and bool(set(case) & set(morph_get(noun, "Case"))) and agrees(participle, noun)
    head = participle.head
    if agree(head):
        return head
    before = written_before(participle)
    return before if before is not None and agree(before) else head


def inverted_subject(verb, obj) -> bool:
    """Whether a second object the parse gives a verb with no subject is its subject after it ("её атаковал
    смертник", "его задержали полицейские": the pronoun before the verb is the object): a noun after the verb,
    the other object before it, that can be a nominative agreeing with the verb (or, plural, a list of them)."""
    plural = "Plur" in morph_get(verb, "Number")
    listed = plural and any(c.dep_ == "conj" for c in obj.children)     # "ведут департамент и сотрудники"
    if any(c.dep_ in ("nsubj", "nsubj:pass") for c in verb.children) or obj.i < verb.i or \
            obj.pos_ not in ("NOUN", "PROPN") or not (listed or agrees(verb, obj)):
        return False
    if not any(c.dep_ == "obj" and c.i < verb.i for c in verb.children):
        return False
    numbers = ("sing", "plur") if listed else ("plur",) if plural else ("sing",)
    return any("nomn" in p.tag and any(n in p.tag for n in numbers) for p in analyzer().parse(obj.lower_))


def is_passive(token):
    if "Pass" in morph_get(token, "Voice"):
        return True
    deps = syntax(token.doc)[0]
    return any(deps[c] in ("nsubj:pass", "aux:pass") for c in children(token.doc)[token.i])


def clause_boundary(token) -> bool:
    """Whether a token heads a clause of its own: a subordinate one, or a coordinated verb."""
    return token.dep_ in SUBCLAUSE or (token.dep_ == "conj" and token.pos_ in ("VERB", "AUX"))


def clause_head(token):
    """The head of the clause a token is in (the root, or the head of a subordinate or coordinated clause)."""
    for anc in [token, *token.ancestors]:
        if clause_boundary(anc) or anc.head == anc:
            return anc
    return token


def coordinated(head):
    """The clause whose time a clause shares, for dates: the first of coordinated verbs with one subject ("был
    задержан и арестован") or joined by "и" ("19 человек погибли и 21 пострадал"), and the verb a gerund
    goes with ("подтвердил, отметив"). A verb after "но" or ";" ("атаковали НПЗ; в 2020 году завод
    модернизировали"), or after "а" with a subject of its own ("..., а сын уехал"), is a clause of its own."""
    while (head.dep_ == "conj" and head.pos_ in ("VERB", "AUX") and shares_time(head)) \
            or (head.dep_ == "advcl" and "Conv" in morph_get(head, "VerbForm")):
        head = clause_head(head.head)
    return head


def shares_time(verb) -> bool:
    """Whether a coordinated verb goes on its first verb's story: no "но", ";" before it, and no subject
    of its own unless joined by "и" ("В начале июня суд оправдал журналиста, а его коллеге смягчил
    обвинение": one subject, one time; "..., а сын уехал" has its own)."""
    marks = {c.lower_ for c in verb.children if c.dep_ in ("cc", "punct") and c.i < verb.i}
    if marks & APART_MARKS:
        return False
    return "и" in marks or not any(c.dep_.startswith("nsubj") for c in verb.children)


def better(value, time) -> bool:
    """Whether a date governed by an event replaces the one it has: none yet, or one without a value (a time
    of day, "на следующий день") beside a resolved one ("умер в 3:40 ... в среду")."""
    return time is None or (time.value is None and value.value is not None)


def stray(date, head) -> bool:
    """Whether the parser put a token in a clause it is not in: words of another clause lie between them ("Как
    только X в сентябре покинул пост, Y объявил": the date is not "объявил"'s), or the comma that opens the
    clause ("осудил визит в ноябре, назвав его"); not after the clause's "что", "когда"."""
    lo, hi = (date.end, head.i) if head.i >= date.end else (head.i + 1, date.start)
    if any(c.dep_ == "mark" and c.i < date.start for c in head.children):   # "..., что в апреле X поручил"
        return False
    inside = {t.i for t in head.subtree}
    return any((t.i not in inside and t.pos_ in CLAUSE_WORDS) or (date.start < t.i and t.text in ",—–" and t.head == head)
               for t in date.doc[lo:hi])


def topic(token) -> bool:
    """What is spoken of ("сообщил о госпитализации"): it has a time of its own."""
    return any(c.dep_ == "case" and c.lower_ in TOPIC_CASE for c in token.children)


def spoken_of(token, speech: bool) -> bool:
    """What a verb speaks of or answers: a phrase that opens with a topic preposition, wherever the parser hung
    it ("о готовящемся заявлении": "о" on the participle), or, for a speech verb, an oblique after another
    preposition than "с" ("отреагировал на заявление премьера"; "выступил с заявлением" is the verb's own act)."""
    first = token.doc[token.left_edge.i].lower_
    return first in TOPIC_CASE or (speech and token.dep_ == "obl" and any(
        c.dep_ == "case" and c.lower_ not in ("с", "со") for c in token.children))


def time_apart(token) -> bool:
    """The topic of speech or a time before or after another ("заявил об отставке", "после перестрелки")."""
    return any(c.dep_ == "case" and c.lower_ in TIME_APART for c in token.children)


def dated_before(token, at: int) -> bool:
    """Whether a noun after "после", "до" (`time_apart`) stands after a date at token `at` of its verb's clause:
    the date is the verb's ("утвердил в сентябре 2018 года после длительных переговоров": the talks came
    before); a date after the noun is its own ("после аварийного запуска спутников 5 декабря 2010 года")."""
    return time_apart(token) and at < token.i


def same_clause(token, clause) -> bool:
    """Whether an event's trigger is in the date's clause (or one coordinated with it), and has no time apart."""
    if clause is None or time_apart(token):
        return False
    return coordinated(clause_head(token)) == coordinated(clause)


def said_in(token, verb) -> bool:
    """Whether a token is in what a verb says: its clausal complement ("заявил, что высказывания X ...")."""
    node = token
    while node.head.i != node.i and node.head.i != verb.i:
        node = node.head
    return node.head.i == verb.i and node.i != verb.i and node.dep_ in ("ccomp", "parataxis")


def pronoun_noun(pronoun, genders):
    """The noun a personal pronoun (grammar.ttl, its gender: Masc, Fem or Plur) stands for: the nearest noun
    subject or object that agrees with it before it in its sentence ("растёт товарооборот: в прошлом году он
    вырос", not "году"), else None."""
    gender = genders.get(pronoun.lemma_.lower())
    if gender is None:
        return None
    for token in reversed(pronoun.doc[pronoun.sent.start:pronoun.i]):
        if token.pos_ == "NOUN" and token.dep_ in ("nsubj", "nsubj:pass", "obj") and (morph_get(token, "Number") == ["Plur"] if gender == "Plur" else
                                     morph_get(token, "Gender") == [gender] and "Sing" in morph_get(token, "Number")):
            return token
    return None


def object_after_dative(doc, i, start) -> bool:
    """Whether a noun at `start` is verb i's direct object and only its dative stands between ("дала Украине
    кредит": the loan given, to whom apart)."""
    between = [t for t in doc[i + 1:start] if t.head.i != t.i]
    return doc[start].dep_ == "obj" and doc[start].head.i == i and bool(between) and \
        all(t.dep_ == "iobj" and t.head.i == i or t.head.dep_ == "iobj" and t.head.head.i == i for t in between)


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
        self.apart: dict[int, range] = {}   # a verb phrase's other words its object splits off ("освободил X от должности")


# what a place adjective's stem ("канн" of "каннский") may need to be its place's name: "Канны", "Тамбов",
# "Каталония", "Урал" ("ураль" without its soft sign), "Казань" ("казан" with one), "Челябинск" ("челябин")
PLACE_NAME_ENDINGS = ("", "ы", "а", "ия", "и", "ь", "ск")


def dictionary_place(adjective, res):
    """A place a "-ский" adjective is made from that neither the document nor the lexicon names ("Каннского
    кинофестиваля": Канны, "челябинском": Челябинск): the stem, with one of a few endings, that the dictionary knows
    as a geographical name (pymorphy3's Geox) first of all its readings ("олимпийских": "Олимпия" is first a man's
    name). The place joins the document's implied entities as an ekg:Place, its key the name's, as NER would make
    it."""
    if not adjective.endswith("ский") or len(adjective) < 8:
        return None
    stem = adjective[:-4].removesuffix("ь")
    for ending in PLACE_NAME_ENDINGS:
        if ending == "ск" and analyzer().word_is_known(stem):
            break       # "партизанский", "советский": made from the word, not from a town "Партизанск", "Советск"
        parses = analyzer().parse(stem + ending)
        # a word of the dictionary, not the guess its ending gives an unknown one ("новосибирь")
        if parses and analyzer().word_is_known(stem + ending) and "Geox" in parses[0].tag.grammemes and \
                parses[0].tag.POS == "NOUN" and parses[0].normal_form == stem + ending:
            name = (stem + ending).capitalize()
            key = slug(name)
            if key in res.doc._.entities or key in res.implied:    # the document's entity of that name: a place?
                return key if res.category(key) in PLACES else None
            res.implied[key] = Entity(key=key, cls=EKG.Place, label_ru=name, label_en=romanise(name),
                                      romanised=True, confidence=0.6)
            return key
    return None


class EventExtractor:
    def __init__(self, lexicon):
        self.lexicon = lexicon
        self.grammar = g = lexicon.grammar
        statement = EKG.Statement
        # the classes a model-only trigger may take: single-word triggers, speech aside (NEREL's events are not)
        self.nearest_class = NearestClass({**{k: c for k, c in lexicon.triggers.items()
                                              if " " not in k and not lexicon.is_a(c, statement)},
                                           **lexicon.class_lemmas})
        # the verbs that name a statement, and with them the verbs that only introduce a quote ("продолжил он")
        self.statement_verbs = dict.fromkeys((k for k, c in lexicon.triggers.items() if lexicon.is_a(c, statement)),
                                             True)
        self.speech_verbs = dict.fromkeys([*lexicon.quote_verbs, *self.statement_verbs], True)
        self.place_preps, self.surface_preps = g.place_preps, g.surface_preps
        self.stage_nouns = dict.fromkeys(g.stage_nouns, True)
        self.armed_nouns = g.weapon_nouns | g.attacker_nouns     # an accident they cause is an attack
        self.quantity_classes = frozenset(lexicon.quantity_triggers.values())
        self.anaphor_nouns = dict.fromkeys(g.anaphor_nouns, True)
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
        # and the states the lexicon lists as no actor ("афганских боевиков" -> Afghanistan, ontology/states.ttl)
        self.unlisted_states = {slug(name): name for name in lexicon.state_adjectives.values()}
        for adj, name in lexicon.state_adjectives.items():
            self.adjective_of.setdefault(adj, slug(name))
        self.capital_of = {local[a.iri]: local[a.capital_of] for a in lexicon.actors
                           if a.capital_of and a.capital_of in local}
        self.capital = {state: city for city, state in self.capital_of.items()}
        # the trained argument model (extract/argument_model.py), None without its weights: the rules alone
        self.arguments = argument_model.scorer()
        # the trained place model (the same code, `WHERE` pairs, extract/models/places.npz), None without it
        self.place_model = argument_model.scorer(argument_model.PLACE_WEIGHTS)

    def object_role(self, cls):
        return self.lexicon.frame(cls).object_role or TARGET

    def phrase_matches(self, doc, apart=None):
        """(start, end, class) of the multiword triggers, longest first where they overlap. A verb's phrase may
        have its object inside ("освободил Павла Астахова от должности"): the rest of the phrase is then a
        dependent of the verb (`split_phrase`), and the trigger is the verb alone (the other words go to `apart`:
        they are no role)."""
        column = lemma_column(doc)
        found, taken = [], set()
        index = lemma_index(doc)      # only the words that may start a phrase, in order (most words start none)
        starts = sorted({i for first in index.keys() & self.phrases.keys() for i in index[first]})
        for i in starts:
            lemma, forms = column[i]
            matches = [(start, end, covered, rest, cls) for first in (lemma, *forms)
                       for words, cls in self.phrases.get(first, ())
                       for start, end, covered, rest in self.phrase_forms(doc, column, i, words)
                       if not taken & covered]
            # a phrase written whole wins over a longer one split by its object ("подал иск в суд": "подать иск",
            # not "подать в суд" with "иск" between)
            match = min(matches, key=lambda m: m[3] is not None, default=None)
            if match is not None:
                start, end, covered, rest, cls = match
                found.append((start, end, cls))
                taken |= covered
                if rest is not None and apart is not None:
                    apart[i] = rest
        return found, taken

    def phrase_forms(self, doc, column, i, words):
        """The ways a multiword trigger's words may stand from its first word at token i, in order of preference,
        each as (start, end, the tokens it takes, the words set apart or None): as written; with adjectives of
        their own ("получил незначительные травмы"); the rest just before a verb, hung on it ("в отставку
        подал"); a verb's phrase split by its object (`split_phrase`)."""
        end = i + len(words)
        if end <= len(column) and lemmas_at(column, range(i + 1, end), words[1:]):
            yield i, end, set(range(i, end)), None
        if spread := modified_phrase(doc, column, i, words[1:]):
            yield i, spread[-1] + 1, set(range(i, spread[-1] + 1)), None
        if columns(doc).pos[i] != "VERB":
            return
        before = i - len(words) + 1
        if before >= sentence_range(doc, i)[0] and lemmas_at(column, range(before, i), words[1:]) and \
                hangs_on(doc, range(before, i), i):
            yield before, i + 1, set(range(before, i + 1)), None
        if (rest := fronted_rest(doc, column, i, words[1:])) is not None:
            yield rest.start, rest.stop, {*rest, i}, None
        rest = self.split_phrase(doc, column, i, words)
        if rest is not None:
            yield i, i + 1, {i} | set(rest), rest

    @staticmethod
    def split_phrase(doc, column, i, words):
        """The token range of a verb phrase's other words when they follow the verb apart from it, as one
        prepositional dependent of the verb ("освободил X от должности": "от должности" hangs on "освободил"), or
        as an adjective just after the verb's object ("признал его виновным": who is found guilty is the object),
        or as its object noun after its dative ("дала Украине кредит": to whom is the addressee), or as the
        preposition of an oblique before it ("Против его варианта выступила Боливия"); else None. A
        noun rest written on the verb ("получил травмы") is the event's own word, and so is an adjective written
        on the verb ("признал виновным")."""
        tail = words[1:]
        sent_end = sentence_range(doc, i)[1]
        if len(tail) == 1:          # "Против его варианта выступила Боливия": the preposition of an oblique before it
            for child in doc[i].children:
                if child.dep_ == "obl" and child.i < i:
                    case = [c.i for c in child.children if c.dep_ == "case" and lemmas_at(column, (c.i,), tail)]
                    if case:
                        return range(case[0], case[0] + 1)
        # the first place after i + 1 the rest's words stand, looked for only where its first word does
        # (`lemma_index`, positions in order), not by a test of each word of the sentence
        starts = lemma_index(doc).get(tail[0], ())
        for start in starts[bisect_left(starts, i + 2):]:
            if start > sent_end - len(tail):
                break
            span = range(start, start + len(tail))
            if lemmas_at(column, span, tail):
                return span if hangs_on(doc, span, i) and (columns(doc).pos[start] == "ADP" or object_between(
                    doc, i, start) or (len(tail) == 1 and object_after_dative(doc, i, start))) else None
        return None

    def triggers(self, doc, res):
        """(head token, class, phrase span or None, found by the model only) of every trigger, in document order:
        a multiword trigger wins over the single words inside it; its head is the word the others hang from."""
        phrases, taken = self.phrase_matches(doc, res.apart)
        out = []
        for start, end, cls in phrases:
            span = doc[start:end]
            head = span.root
            if not self.names_its_noun(span):
                out.append((head, cls, span, False))   # negated or not: ontology_modality says which
        for token, cls in lexicon_matches(doc, self.lexicon.triggers):
            if cls and token.i not in taken and self.may_trigger(token, cls, res):
                out.append((token, self.person_object_class(token, self.conditional_class(token, cls)), None, False))
        out += self.quantity_changes(doc, taken | {t[0].i for t in out})
        out += self.context_triggers(doc, res, taken | {t[0].i for t in out})
        model = self.model_only_triggers(doc, res, taken | {t[0].i for t in out})
        # an anaphoric noun the model marks too ("подробностей происшествия") names the event told before: the
        # anaphor rule's class, not the nearest lexicon word's
        named = self.anaphors(doc, res, out + model, taken | {t[0].i for t in out}, {t[0].i for t in model})
        renamed = {t[0].i for t in named}
        out += [t for t in model if t[0].i not in renamed] + named
        out = [(token, self.armed_subject_class(token, cls), span, by_model) for token, cls, span, by_model in out]
        return sorted(self.act_titles(out), key=lambda t: t[0].i)

    def armed_subject_class(self, token, cls):
        """An accident a weapon or an attacker does is an attack ("ракета попала в автобус", "смертник врезался
        в конвой": grammar.ttl ekg:WeaponNouns, ekg:AttackerNouns); a projectile launched is a shelling, no
        commissioning ("была запущена ракета по территории": ekg:ProjectileNouns); else the trigger's own class."""
        if cls and self.lexicon.is_a(cls, EKG.Commissioning) and token.pos_ == "VERB" and any(
                c.dep_ in ("obj", "nsubj:pass") and normalize(c.lemma_) in self.grammar.projectile_nouns
                for c in token.children):
            return EKG.Shelling
        if not cls or not self.lexicon.is_a(cls, EKG.Accident):
            return cls
        if any(c.dep_ == "nsubj" and normalize(c.lemma_) in self.armed_nouns for c in token.children):
            return EKG.Attack
        # a clash of people ("столкновения демонстрантов с полицией") is a riot, where vehicles' is an accident;
        # not what befalls people ("освидетельствование призывников", a Casualties of the model's: NEREL train)
        if cls == EKG.Accident and token.pos_ == "NOUN" and any(
                c.dep_ == "nmod" and "Gen" in morph_get(c, "Case") and "Anim" in morph_get(c, "Animacy")
                and "Plur" in morph_get(c, "Number") for c in token.children):
            return EKG.Riot
        return cls

    def names_its_noun(self, span) -> bool:
        """A phrase trigger written as a participle on its own noun ("скончался от полученных ранений", "от
        полученных травм погибли") whose noun alone is no trigger: it names the injuries, the cause of what the
        sentence tells, no event (NEREL train marks none of nine); "подписанное соглашение" is the agreement."""
        head = span.root
        return head.pos_ == "NOUN" and lookup(head, self.lexicon.triggers) is None and any(
            t.i != head.i and t.head.i == head.i and t.dep_ in ("amod", "acl") and "Part" in morph_get(t, "VerbForm")
            for t in span)

    @staticmethod
    def act_titles(found):
        """The triggers with an act's title folded into its signing: a phrase trigger of the generic class
        ekg:OtherEvent ("подписал указ", "подписал закон") whose noun has a topic trigger ("Указ «О досрочном
        прекращении полномочий губернатора»", "указ о награждении") takes that trigger's class, and the title is
        no event of its own: what the act does is done by signing it (NEREL train marks "подписал указ", never
        the noun of its title)."""
        titles = {}
        for token, cls, span, _ in found:
            if span is not None and cls == EKG.OtherEvent:
                for other in found:
                    word = other[0]
                    if span.start <= word.head.i < span.end and not span.start <= word.i < span.end and \
                            word.pos_ == "NOUN" and topic(word):
                        titles[token.i] = other
                        break
        dropped = {other[0].i for other in titles.values()}
        return [(token, titles[token.i][1] if token.i in titles else cls, span, by_model)
                for token, cls, span, by_model in found if token.i not in dropped]

    def may_trigger(self, token, cls, res) -> bool:
        """Whether a lexicon word can be a trigger here: a verb, noun, name or adjective that is no entity mention,
        no participle standing for people and no bare participle describing a person ("погибший генерал"). A
        negated one too: ontology_modality marks it. A speech verb's participle on a noun, or in the passive
        ("указ опубликован", "было объявлено"), names no speaker: a thing was said, no statement."""
        return token.pos_ in ("VERB", "NOUN", "ADJ", "PROPN") and res.mention_of(token) is None \
            and not names_people(token) and not describes_someone(token) \
            and not (self.lexicon.is_a(cls, EKG.Statement) and (describes_noun(token) or is_passive(token))) \
            and not self.labels_thing(token) and not self.penalty(token) and not self.terms_of(token, cls) \
            and not self.set_phrase(token)

    def set_phrase(self, token) -> bool:
        """A noun in a set phrase with its preposition that says how or where something was done (grammar.ttl
        ekg:MannerPhrases: "уволен по собственному желанию", "сбив по пути четырёх людей"): no event of its own
        (NEREL train marks the phrase only with the verb it qualifies)."""
        return token.pos_ == "NOUN" and any(
            c.dep_ == "case" and f"{normalize(c.lemma_)} {normalize(token.lemma_)}" in self.grammar.manner_phrases
            for c in token.children)

    def terms_of(self, token, cls) -> bool:
        """An agreement named as the terms something is done under ("прибыл работать по контракту", "согласно
        соглашению": grammar.ttl ekg:SourcePrepositions): no event of its own (NEREL train marks none of five
        "по контракту / договору / соглашению")."""
        return token.pos_ == "NOUN" and self.lexicon.is_a(cls, EKG.Agreement) and \
            any(c.dep_ == "case" and c.lower_ in self.grammar.source_preps for c in token.children)

    def labels_thing(self, token) -> bool:
        """A participle of a labelling verb (grammar.ttl ekg:LabelVerbs) on a thing that is no trigger itself:
        "подписанное президентом помилование", "встреча, назначенная на воскресенье" say when the thing was
        signed or set (a meeting's is the meeting's date); a person's ("назначенный министр") is an appointment,
        and "подписанное соглашение" stays one event with the noun, of its class."""
        head = token.head
        if not describes_noun(token) or normalize(token.lemma_) not in self.grammar.label_verbs \
                or head.i == token.i or "Anim" in morph_get(head, "Animacy"):
            return False
        own = lookup(head, self.lexicon.triggers)
        return own is None or own != lookup(token, self.lexicon.triggers)

    def penalty(self, token) -> bool:
        """The penalty of a sentence ("приговорен к пожизненному заключению или смертной казни"): a noun in the
        penalty oblique (grammar.ttl ekg:PenaltyPrepositions) of a Sentence trigger, or coordinated with one, is
        what the court ordered, no event of its own."""
        node = token
        while node.dep_ == "conj" and node.head.i != node.i and node.head.pos_ in ("NOUN", "PROPN"):
            node = node.head
        if token.pos_ != "NOUN" or node.dep_ != "obl" or not any(
                c.dep_ == "case" and c.lower_ in self.grammar.penalty_preps for c in node.children):
            return False
        cls = lookup(node.head, self.lexicon.triggers)
        return cls is not None and self.lexicon.is_a(cls, EKG.Sentence)

    def conditional_class(self, token, cls):
        """The class of a promise of an action on a condition ("пообещал ограничить поставки, если Минск откажется
        платить": a Threat, ekg:conditionalLemma); else the trigger's own."""
        promised = self.lexicon.conditional.get(normalize(token.lemma_))
        actions = [c for c in token.children if c.dep_ == "xcomp" and "Inf" in morph_get(c, "VerbForm")]
        if promised is None or not actions:
            return cls
        conditions = [c for c in (*token.children, *actions[0].children) if c.dep_ == "advcl"
                      and any(m.dep_ == "mark" and m.lower_ in self.grammar.condition_words for m in c.children)]
        return promised if conditions else cls

    def person_object_class(self, token, cls):
        """The class a verb takes when its object is people (ekg:personObjectLemma: "автобус сбил двух пешеходов",
        people hurt, where "сбили беспилотник" is an interception); else the trigger's own."""
        hurt = self.lexicon.person_object.get(normalize(token.lemma_))
        people = any("Anim" in morph_get(c, "Animacy") or counts_someone(c) for c in self.objects(token))
        return hurt if hurt is not None and people else cls

    def objects(self, verb) -> list:
        """A verb's objects, and the people the parse hangs on a set phrase of manner of it instead ("сбив по
        пути четырёх людей": "людей" on "пути")."""
        return [c for c in verb.children if c.dep_ == "obj"] + self.set_phrase_people(verb)

    def set_phrase_people(self, verb) -> list:
        return [g for c in verb.children if c.dep_ == "obl" and self.set_phrase(c)
                for g in c.children if g.dep_ == "nmod" and "Anim" in morph_get(g, "Animacy")]

    def quantity_changes(self, doc, taken):
        """The lexicon's verbs of change (ekg:quantityTriggerLemma: "вырос", "увеличило") whose subject or object
        is an economic quantity (`changes_quantity`), with the lexicon's class: "товарооборот вырос на 23
        процента" is an economic event, "число погибших увеличилось до 117" none (NEREL marks no such change)."""
        return [(token, cls, None, False) for token, cls in lexicon_matches(doc, self.lexicon.quantity_triggers)
                if cls and token.i not in taken and token.pos_ == "VERB" and self.changes_quantity(token)]

    def changes_quantity(self, verb) -> bool:
        """Whether a verb's subject or object is an economic quantity (grammar.ttl ekg:QuantityNouns), itself or
        by its genitive ("уровень безработицы"); a personal pronoun stands for the noun of its gender before it
        in the sentence ("растёт товарооборот: в прошлом году он вырос")."""
        return any(child.dep_ in ("nsubj", "nsubj:pass", "obj") and self.quantity(child) for child in verb.children)

    def quantity(self, token) -> bool:
        """Whether a word names an economic quantity (grammar.ttl ekg:QuantityNouns), itself or by its genitive
        ("уровень безработицы"), or stands for one: a personal pronoun for the noun of its gender before it."""
        nouns = self.grammar.quantity_nouns
        noun = pronoun_noun(token, self.grammar.pronouns) if token.pos_ == "PRON" else token
        return noun is not None and (normalize(noun.lemma_) in nouns or any(
            c.dep_ == "nmod" and normalize(c.lemma_) in nouns for c in noun.children))

    def anaphors(self, doc, res, found, taken, by_model=frozenset()):
        """Nouns that name an event told before them (grammar.ttl ekg:EventAnaphorNouns: "Инцидент усугубил
        кризис"), where the trigger model confirms them as an event (as `context_triggers`), with the class of the
        nearest event before them that is neither a statement nor ekg:OtherEvent, as the kind of event it is
        (`Lexicon.kind_of`: "обстрелял ... Инцидент" names an Attack, not its manner); none with no such event.
        The dead and hurt of an event are its outcome, not what such a noun names ("самолёт столкнулся с землёй
        ... люди погибли. Трагедия произошла в пригороде": the crash): a Death or Casualties only with nothing
        else before. One the model marks itself (`by_model`, its indices) takes that class too, instead of the
        nearest lexicon word's; with no event before, it stays the model's."""
        nouns = [token for token, _ in lexicon_matches(doc, self.anaphor_nouns)
                 if (token.i not in taken or token.i in by_model) and token.pos_ == "NOUN"
                 and res.mention_of(token) is None]
        sure = (confirmed(doc, [token.i for token in nouns]) if nouns else set()) | set(by_model)
        anaphoric = {token.i for token in nouns}
        told = sorted((token.i, cls) for token, cls, *_ in found if token.i not in anaphoric
                      and cls != EKG.OtherEvent and not self.lexicon.is_a(cls, EKG.Statement))
        out = []
        for token in nouns:
            before = [cls for i, cls in told if i < token.i]
            causes = [cls for cls in before if not self.outcome(cls)]
            if token.i in sure and before:
                out.append((token, self.lexicon.kind_of((causes or before)[-1]), None, True))
        return out

    def outcome(self, cls) -> bool:
        """Whether an event class tells what an event left (deaths, casualties) rather than the event itself; a
        killing is an act."""
        return (self.lexicon.is_a(cls, EKG.Death) or self.lexicon.is_a(cls, EKG.Casualties)) and \
            not self.lexicon.is_a(cls, EKG.Attack)

    def context_triggers(self, doc, res, taken):
        """The lexicon's context triggers (ekg:contextTriggerLemma: "убийство", "смерть", which NEREL marks as
        an event about half the times they occur) where the trigger model confirms them (`confirmed`), with
        the lexicon's class; marked as the model's. One whose own phrase names a place ("конференции в Берлине",
        "вернулся на Украину": `own_place`) tells an occasion that happened there, the event, with no model."""
        found = [(token, cls) for token, cls in lexicon_matches(doc, self.lexicon.context_triggers)
                 if cls and token.i not in taken and self.may_trigger(token, cls, res)]
        sure = confirmed(doc, [token.i for token, _ in found]) if found else set()
        return [(token, cls, None, True) for token, cls in found if token.i in sure or self.own_place(token, res)]

    def own_place(self, token, res) -> bool:
        """Whether a word's own oblique or genitive phrase names a place with a place preposition ("в Берлине",
        "на Украину"; `places`)."""
        return any(child.dep_ in ("obl", "nmod") and self.places(child, res) for child in token.children)

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
            if token.i in taken or res.mention_of(token) is not None or names_people(token) \
                    or "Anim" in morph_get(token, "Animacy") or token.dep_ == "fixed" or self.set_phrase(token) \
                    or self.part_of_event(token, events) or self.shares(token, res):
                # a person noun is who an event befalls ("погибли 8 человек"), never the event; a word of a
                # fixed expression ("по крайней мере") is part of a function word, never the event
                continue
            taken.add(token.i)
            nearest = self.nearest_class(lemma_column(doc)[token.i][0])
            out.append((token, nearest[0] if nearest else EKG.OtherEvent, None, True))
        return out

    def shares(self, token, res) -> bool:
        """Whether a noun that also names a company's shares (grammar.ttl ekg:ShareNouns, "акция") names them here,
        not an action the model takes it for: an organisation or a market word (ekg:MarketWords) in its genitive
        ("акции Bayer", "акции компании"), a market word over it ("пакет акций", "котировки акций") or a verb of
        change ("акции упали на 40 %", ekg:quantityTriggerLemma). NEREL train: "акции Apple упали", "39% акций"."""
        if normalize(token.lemma_) not in self.grammar.share_nouns:
            return False
        market = self.grammar.market_words
        head = token.head
        return normalize(head.lemma_) in market or lookup(head, self.lexicon.quantity_triggers) is not None or any(
            child.dep_ == "nmod" and (normalize(child.lemma_) in market or any(
                res.category(k) == Category.ORGANIZATION for k in res.entities(child)))
            for child in token.children)

    def part_of_event(self, token, events):
        """A proposed noun that is a word of another trigger's phrase ("чемпионат мира"), what it is about
        ("самолёт разбился", "задержали таксиста") or where it goes or what it hits ("врезался в остановку",
        "столкнулся с землёй"): no second event. A verb is its own; so are a noun's topic and the genitive of a
        stage of an event ("распоряжение о выходе", "церемония коронации", "открытие Игр": grammar.ttl
        ekg:StageNouns; NEREL marks such nested events), and what a speech verb says of ("подтвердили смерть",
        "объяснил избиение"): the event spoken of. An office noun on a trigger ("уволен с поста") is that
        trigger's post (NEREL train marks the two together, "уволен с поста", never the noun alone). A noun
        coordinated with such a word, no trigger itself, is part of the same event ("получили ранения и травмы")."""
        head = token.head
        if head.i == token.i or head.i not in events or token.pos_ not in ("NOUN", "PROPN"):
            return False
        if token.dep_ == "conj":    # "получили ранения и травмы": a second noun of the phrase's, of its event
            return lookup(head, self.lexicon.triggers) is None and self.part_of_event(head, events)
        if goal_of(token) or token.lemma_ in self.grammar.office_nouns:
            return True     # an office ("уволен с поста", "назначен на должность") is where the trigger's holder goes
        if token.dep_ not in PHRASE_PARTS | CORE_ARGUMENTS or lookup(head, self.speech_verbs) is not None:
            return False
        return token.dep_ != "nmod" or not (topic(token) or lookup(head, self.stage_nouns) is not None)

    def place_phrase(self, token, res) -> bool:
        """Whether a word heads a place phrase in the locative ("в центре Киева", "на окраине Донецка", "в
        Москве"; a part of a place, grammar.ttl ekg:PlacePartNouns, whatever its entity is taken for): where an event is, never who takes part in it or acts (a direction in the accusative, "напали на
        Украину", may be a target)."""
        return "Loc" in morph_get(token, "Case") and bool(case_words(token, self.place_preps) & self.place_preps) and (
            normalize(token.lemma_) in self.grammar.place_part_nouns or bool(self.places(token, res)))

    def add(self, res, roles, role, keys, token, phrase=False):
        """Roles of these entities on the token; with none, a subject's or object's phrase (or this token's
        phrase when `phrase`: a personal pronoun that names no one before it too, "набросился на нее", as gold keeps
        it; so is an object's, "её атаковал смертник" after a convoy). A relative pronoun stands for its noun ("X,
        который погиб")."""
        if role != PLACE and self.place_phrase(token, res):
            return                                # "митинг в центре Минска": where it is, never who takes part
        if not keys and (noun := antecedent(token, self.grammar.relative_pronouns)) is not None:
            keys, token = res.entities(noun), noun
        if not keys and token.dep_ in ("nsubj", "nsubj:pass") and lookup(token, self.lexicon.triggers) and \
                not names_people(token):
            return      # "Тяжелое ранение получил подросток, который был госпитализирован": an event names no one
        if not keys and role in (AGENT, TARGET, ADDRESSEE) and (token.pos_ in ("NOUN", "PROPN", "ADJ") or
                                                                 counts_someone(token) or names_people(token) or
                                                                 ((phrase or token.dep_ == "obj") and
                                                                  res.unresolved_pronoun(token))) \
                and (phrase or token.dep_ in ("nsubj", "nsubj:pass", "obj", "obl:agent") or
                     (token.dep_ == "iobj" and self.actor_noun(token))):     # "поручил министрам": people
            if token.lemma_ == "сторона" and "Plur" in morph_get(token, "Number"):
                keys = res.parties                # "Стороны": the two sides of the latest exchange
            elif person := self.described_person(token, res):
                keys = [person]
            elif apposed := self.apposed_between(token, res):
                keys = apposed                    # "Владелец судна, компания «X», заявила": the apposition names it
            else:                                 # no entity: keep the phrase ("послов европейских стран")
                phrase = token.doc[phrase_start(token):phrase_end(token)]
                while len(phrase) > 1 and phrase[0].pos_ == "ADP":    # "на редакцию", "на полицейских": no preposition
                    phrase = phrase[1:]
                while len(phrase) > 1 and phrase[-1].pos_ == "ADP":   # "смертник на «...»": cut at the quote
                    phrase = phrase[:-1]
                if phrase[-1].pos_ == "NOUN":       # "газете «Известия»": the name is the noun's, however parsed
                    phrase = token.doc[phrase.start:quoted_after(token.doc, phrase.end)]
                if len(phrase) <= 8 and not any(r.role == role for r in roles):
                    for part in [phrase, *conjunct_phrases(token, phrase)]:
                        roles.append(Role(role=role, value=part.text, start=part.start_char, end=part.end_char))
                return
        if role == AGENT:                         # a capital acting stands for its state ("Астана призывает")
            keys = [self.capital_of.get(k, k) for k in keys]
        entities = res.doc_entities()
        for key in keys:                          # an actor named only by its adjective or its capital
            if key not in entities and key not in res.implied and key in self.actor_by_key:
                res.implied[key] = known_entity(self.actor_by_key[key])
            elif key not in entities and key not in res.implied and key in self.unlisted_states:
                res.implied[key] = unlisted_state(self.unlisted_states[key])
        for key in keys:
            if not any(r.role == role and r.entity == key for r in roles):
                roles.append(Role(role=role, entity=key, start=token.idx, end=token.idx + len(token)))

    def core(self, res, token):
        """The entities a subject or object names. People named by a common noun are not whom a phrase behind a
        preposition inside theirs names ("Похитители россиян в Сирии", "Подозреваемые в нападении на Charlie
        Hebdo": the kidnappers and the suspects, kept as a phrase, not Syria or the magazine); a thing's phrase is
        followed ("прием Черногории в НАТО")."""
        people = token.pos_ == "NOUN" and "Anim" in morph_get(token, "Animacy") and not res.is_role_noun(token)
        return res.entities(token, bare=people)

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
                (cats & PLACES and "Loc" not in morph_get(child, "Case")) or   # "удар по Киеву", not "на Украине"
                (not keys and self.actor_noun(child))):       # "нападения на полицейских": people no name names
            return TARGET, child
        if "на" in preps & self.lexicon.frame(cls).target_preps and not keys and "Acc" in morph_get(child, "Case") \
                and (child.pos_ == "NOUN" or res.unresolved_pronoun(child)):
            # "нападение на редакцию", "набросился на нее": what no entity names, as a phrase
            return TARGET, child
        if self.lexicon.frame(cls).direction_place and preps & self.place_preps and cats == {Category.ORGANIZATION} \
                and "Acc" in morph_get(child, "Case") and res.mention_of(child) is not None:
            return PLACE, child      # "госпитализирована в Боткинскую больницу": where the patient is taken
        if ((preps & self.place_preps and cats & (PLACES | {Category.ASSET})) or
                (preps & self.surface_preps and cats & PLACES and self.surface_place(child, res))) and \
                not self.in_compound_preposition(child):
            return PLACE, child
        return None, None

    def surface_place(self, child, res) -> bool:
        """Whether a "на" phrase puts a place: in the locative ("на Украине"), or a direction to the place itself
        or to a building noun's ("бежал на Украину", "на территорию России"); not what one reacts or answers to
        ("отреагировала на ультиматум России")."""
        return "Loc" in morph_get(child, "Case") or res.mention_of(child) is not None or \
            child.lemma_ in self.grammar.building_nouns

    @staticmethod
    def apposed_between(token, res) -> list[str]:
        """The entities of an apposition set off by commas between a subject with no name and its verb ("Владелец
        судна, греческая компания «X», заявила"), whichever word of it the parse hangs elsewhere: a noun phrase, with
        no verb, participle, preposition or pronoun."""
        doc, verb = token.doc, token.head
        comma = phrase_end(token)
        if token.dep_ not in ("nsubj", "nsubj:pass") or comma >= verb.i or doc[comma].text != ",":
            return []
        close = next((j for j in range(comma + 1, verb.i) if doc[j].text == ","), None)
        if close is None or close + 1 != verb.i or any(t.pos_ in APPOSITION_STOPS for t in doc[comma + 1:close]):
            return []       # "Канцлер, находящийся с визитом в Китае, встретился": a clause, no apposition
        return list(dict.fromkeys(k for t in doc[comma + 1:close] for k in res.entities(t, depth=0)))

    def described_person(self, token, res):
        """A subject or object that describes a person named before ("Экс-премьер был приговорен", "Певец
        скончался", "Подозреваемого задержали"): a singular animate noun with no name, number or clause of its
        own, as a pronoun would be (a noun the tagger takes for a name, "Экс-премьер", too). A feminine one takes
        the latest woman; a masculine title may name either."""
        if not (token.pos_ == "NOUN" or common_noun(token)) or res.mention_of(token) is not None or token.dep_ not in ("nsubj", "nsubj:pass", "obj") or \
                "Anim" not in morph_get(token, "Animacy") or "Sing" not in morph_get(token, "Number") or \
                any(c.dep_ in ("acl:relcl", "acl", "nummod", "nummod:gov", "det", "appos", "conj", "nmod")
                    for c in token.children):
            return None
        gender = morph_get(token, "Gender")
        person = res.person_before(token.i, "Fem" if gender == ["Fem"] else None, token)
        return None if person in self.co_arguments(token, res) else person

    @staticmethod
    def co_arguments(token, res) -> set:
        """Who the other subject or object of the verb a description is an argument of names, and the subject a
        gerund or a coordinated verb takes from its governor: a description never stands for one of them ("его
        застрелил полицейский": not the man shot; "Дайкс похитил ребенка, застрелив водителя": not Дайкс)."""
        verb, core = token.head, ("nsubj", "nsubj:pass", "obj", "iobj")
        others = [c for c in verb.children if c.dep_ in core and c.i != token.i]
        shares = verb.dep_ in ("conj", "xcomp") or (verb.dep_ == "advcl" and "Conv" in morph_get(verb, "VerbForm"))
        if shares and verb.head.i != verb.i:
            others += [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubj:pass")]
        return {k for c in others for k in res.entities(c, depth=0)}

    def prep_actor(self, cls, child, res, roles):
        """A person, body or state in a phrase whose preposition makes it no place, target or topic ("встретился
        с послом", "конфликт между Эритреей и Эфиопией", "обыск у Петрова"): a participant (sem:hasActor). Only
        the phrase's own name or title: "по словам Петрова" names a source, not a participant. A title no one in
        the text holds is kept as a phrase where the frame has sides (`party_role`: "встреча с президентом и
        премьер-министром")."""
        preps = case_words(child, self.place_preps)
        if not preps:
            return
        noun = antecedent(child, self.grammar.relative_pronouns)
        if noun is not None:            # "X, с которым она встречалась"
            keys = [k for k in res.entities(noun) if res.category(k) in ACTORS]
            if keys and not preps & (self.place_preps | self.surface_preps):
                self.add(res, roles, ACTOR, keys, noun)
            return
        if not (res.mention_of(child) is not None or res.is_role_noun(child) or
                any(c.dep_ == "appos" and res.mention_of(c) is not None for c in child.children)):
            if self.actor_noun(child) and not preps & (self.place_preps | self.surface_preps):
                keys = [k for k in res.entities(child, depth=1) if res.category(k) in ACTORS]
                if keys and not preps & self.grammar.source_preps:
                    self.add(res, roles, ACTOR, keys, child)    # "совещание с членами правительства"
                elif not res.entities(child, depth=1):
                    self.actor_phrase(child, roles)      # "перестрелка с полицией", "встреча с сотрудниками"
            elif (child.lemma_ in self.grammar.office_nouns or self.in_compound_preposition(child)) and \
                    not preps & self.grammar.source_preps:
                # "на пост главы ЦРУ", "с должности главы РЖД": a post (not "по словам главы ЦРУ": a source; not
                # "визит на острова президента X": a place, whose genitive is the visitor); "в поддержку
                # журналиста X": whom it is for
                for post in child.children:
                    if post.dep_ == "nmod" and not case_words(post, self.place_preps) and \
                            (res.is_role_noun(post) or self.actor_noun(post)):
                        self.post_holder(post, res, roles, phrase=False)
            return
        sides = ACTORS | PLACES if self.takes_sides(child, preps) else ACTORS
        keys = [k for k in res.entities(child, depth=1) if res.category(k) in sides]
        if keys:
            self.add(res, roles, self.body_speaks(child, res, keys), keys, child)
        elif self.lexicon.frame(cls).party_role and self.takes_sides(child, preps) and res.mention_of(child) is None:
            self.actor_phrase(child, roles)

    def as_sides(self, cls, roles):
        """Where the frame has sides that act alike (`party_role`: a meeting, talks, a clash), whoever takes
        part is one of them: "встретился с послом", "Преступник погиб в перестрелке с полицией" (gold-news README:
        "both parties of a clash or meeting")."""
        party = self.lexicon.frame(cls).party_role
        if not party:
            return
        kept = []
        for r in roles:
            r = dataclasses.replace(r, role=party) if r.role == ACTOR else r
            if not any(k.role == r.role and (k.entity, k.value) == (r.entity, r.value) for k in kept):
                kept.append(r)
        roles[:] = kept

    def takes_sides(self, child, preps) -> bool:
        """A phrase whose preposition names a side ("между Эритреей и Эфиопией", "с Москвой", "против Ирака"),
        where a place takes part too; not "с" of where one comes from ("с Украины")."""
        return bool(preps & self.grammar.party_preps) and \
            not (preps & self.grammar.origin_preps and "Gen" in morph_get(child, "Case"))

    def body_speaks(self, child, res, keys):
        """"В Еврокомиссии предупредили", "в Кремле заявили": a plural verb with no subject and a body after
        "в" says the body acted (agent); any other phrase only takes part (hasActor)."""
        verb = child.head
        if verb.pos_ == "VERB" and child.dep_ == "obl" and case_words(child, self.place_preps) & self.place_preps \
                and "Plur" in morph_get(verb, "Number") and \
                not any(c.dep_ in ("nsubj", "nsubj:pass") for c in verb.children) and \
                all(res.category(k) == Category.ORGANIZATION for k in keys):
            return AGENT
        return ACTOR

    def post_holder(self, post, res, roles, phrase=True):
        """"назначен главой МВФ", "избран лидером партии": the body or state of the post takes part; a post
        that names none ("назначен вице-премьером") is kept as a phrase when `phrase`."""
        own = {r.entity for r in roles if r.entity}
        keys = [k for c in post.children if c.dep_ in ("nmod", "appos") and c.pos_ not in ("PRON", "DET")
                for k in res.entities(c) if res.category(k) in ACTORS and k not in own]
        holder = self.appointee(post, res)
        if holder is not None and holder not in own:
            self.add(res, roles, TARGET, [holder], post)
        keys = [k for k in keys if k != holder]
        if keys:
            self.add(res, roles, ACTOR, keys, post)
        elif phrase and holder is None and (res.is_role_noun(post) or self.actor_noun(post)):
            self.actor_phrase(post, roles)

    @staticmethod
    def appointee(post, res):
        """The person a name after a post's phrase gives ("назначил начальником Генерального штаба Григория
        Педченко"): the parser hangs the name on the post's last noun as an apposition (or on a rank that is
        one: "... генерал-лейтенанта Григория Педченко"); it is who takes the post, not part of the body's
        name."""
        for word in post.subtree:
            if word.dep_ == "appos" and word.i > post.i and \
                    (word.head == post or word.head.dep_ in ("nmod", "appos")):     # "... генерал-лейтенанта X"
                span = res.mention_of(word)
                key = res.entity_of(span) if span is not None else None
                if key and res.category(key) == Category.PERSON:
                    return key
        return None

    def office_in_phrase(self, span, res, roles):
        """A multiword trigger that names an office ("уходе с поста гендиректора Google", "освобожден от
        должности главы РЖД"): the body or state of the post after it takes part, as after a one-word trigger."""
        for word in span:
            if word.lemma_ not in self.grammar.office_nouns:
                continue
            for post in word.children:
                if post.dep_ == "nmod" and post.i >= span.end and not case_words(post, self.place_preps) and \
                        (res.is_role_noun(post) or self.actor_noun(post)):
                    self.post_holder(post, res, roles, phrase=False)

    def actor_noun(self, token):
        """A common noun that names who can act: animate ("полицейские", "монарх"), or a body the lexicon knows
        ("полиция", "правительство")."""
        if token.pos_ != "NOUN" or any(c.dep_ in ("nummod", "nummod:gov") for c in token.children) or \
                token.dep_ in ("nummod", "nummod:gov"):       # a count of people ("59 человек") is no one in particular
            return False
        cls = self.lexicon.nouns.get(token.lemma_.lower())
        if cls is not None and self.lexicon.category(cls) in ACTORS:
            return True     # animate by the dictionary: Natasha's tagger calls "дронами" animate too
        return "Anim" in morph_get(token, "Animacy") and \
            any(p.tag.POS == "NOUN" and "anim" in p.tag for p in analyzer().parse(token.lower_))

    def counts_people(self, token) -> bool:
        """A count noun with the people it counts in its genitive (grammar.ttl ekg:CountNouns: "Тысячи
        демонстрантов собрались на митинг"): the phrase names them."""
        return token.pos_ == "NOUN" and normalize(token.lemma_) in self.grammar.count_nouns and any(
            c.dep_ == "nmod" and "Gen" in morph_get(c, "Case") and self.actor_noun(c) for c in token.children)

    def undergoes(self, verb) -> bool:
        return normalize(verb.lemma_) in self.grammar.undergoer_verbs

    def subject_role(self, trigger, cls, inside=()):
        """Agent, or target when passive or when the frame's subject undergoes an intransitive event (an object
        inside a multiword trigger, "получил ранения", does not make it transitive), or when the verb's does
        whatever its class ("родился", "заболел", "подозреваются": grammar.ttl ekg:UndergoerVerbs)."""
        if is_passive(trigger) or self.undergoes(trigger):
            return TARGET
        undergoer = self.lexicon.frame(cls).subject_role
        if undergoer and not any(c.dep_ == "obj" and c.i not in inside for c in trigger.children):
            return undergoer
        return AGENT

    def roles(self, trigger, cls, res, span=None):
        roles: list[Role] = []
        verbal = trigger.pos_ == "VERB"
        inside = set(range(span.start, span.end) if span is not None else range(trigger.i, trigger.i + 1)) | \
            set(res.apart.get(trigger.i, ()))
        for child in dependents(trigger, self.place_preps):
            dep = child.dep_
            if child.i in inside:
                continue
            if verbal and dep == "nsubj":
                if not_the_subject(child) or before_relative(child, self.grammar.relative_pronouns) or \
                        child == stray_subject(trigger) or (cls in self.quantity_classes and self.quantity(child)):
                    continue    # "товарооборот вырос", "добыча снизилась": the quantity changed, no one acted
                if self.weapon(child, cls, res):
                    self.instrument(child, roles)    # "вертолет обстрелял здания": what fired, not who
                    for adjective in (a for a in child.children if a.dep_ == "amod" and lookup(a, self.adjective_of)):
                        # "Украинские беспилотники атаковали": whose weapons they are acted
                        self.add(res, roles, AGENT, [lookup(adjective, self.adjective_of)], adjective)
                    continue
                self.add(res, roles, self.subject_role(trigger, cls, inside), self.core(res, child), child)
            elif dep == "nsubj:pass" and not before_relative(child, self.grammar.relative_pronouns):
                if self.weapon(child, cls, res) and normalize(child.lemma_) in self.grammar.projectile_nouns:
                    self.instrument(child, roles)    # "была запущена ракета": what was fired, not what was hit
                    continue
                self.add(res, roles, TARGET, self.core(res, child), child)
            elif dep == "obj":
                if lookup(child, self.lexicon.triggers):   # "подписали соглашение": the noun is the event
                    continue
                if verbal and inverted_subject(trigger, child):     # "его задержали полицейские"
                    self.add(res, roles, self.subject_role(trigger, cls, inside), self.core(res, child), child)
                    continue
                self.add(res, roles, self.object_role(cls), self.core(res, child), child)
            elif dep == "iobj":                  # whom it is addressed to, or the accused of a charge
                self.add(res, roles, self.lexicon.frame(cls).dative_role or ADDRESSEE, self.core(res, child), child)
            elif dep == "obl:agent":             # the agent of a passive: "убит боевиками", "задержан полицией"
                self.add(res, roles, AGENT, res.entities(child), child)
            elif dep == "acl" and not verbal and participle_voice(child) == "pssv":
                # "помилование, подписанное президентом X", "заявление, сделанное X": who did it did the event
                for by in (g for g in child.children if g.dep_ == "obl:agent"):
                    self.add(res, roles, AGENT, res.entities(by), by)
            elif dep == "xcomp" and verbal and child.pos_ == "NOUN" and "Ins" in morph_get(child, "Case"):
                self.post_holder(child, res, roles)
            elif dep == "conj" and not verbal and child.pos_ == "NOUN":   # "об атаке и на третье судно"
                role, filler = self.prep_role(cls, child, res, roles)
                if role and role != TOPIC:
                    self.add(res, roles, role, res.entities(filler, depth=1), filler)
            elif dep == "det" and not verbal and res.cols.lemma[child.i].lower() in res.pronouns:
                self.possessor(child, cls, res, roles)
            elif dep == "nmod" and not verbal and child.pos_ == "PRON" and \
                    res.cols.lemma[child.i].lower() in res.pronouns and not case_words(child, self.place_preps):
                self.possessor(child, cls, res, roles)      # "переизбрание его", "о ее депортации": a possessive
            elif dep == "amod" and not verbal and lookup(child, self.adjective_of):
                if not self.lexicon.frame(cls).adjective_place:     # "иракской войны": where, left to clause_place
                    self.add(res, roles, AGENT, [lookup(child, self.adjective_of)], child)
            elif dep == "obl" and verbal and self.set_phrase(child):
                for obj in self.set_phrase_people(trigger):     # "сбив по пути четырёх людей": its object
                    self.add(res, roles, self.object_role(cls), self.core(res, obj), obj, phrase=True)
            elif dep in ("obl", "nmod"):
                if child.lemma_.lower() in self.grammar.time_words:
                    continue
                if case_words(child, self.place_preps) & self.grammar.origin_preps and self.weapon(child, cls, res):
                    self.instrument(child, roles)    # "обстреляны с вертолета": what it was fired from
                    continue
                if not case_words(child, self.place_preps) and "Ins" in morph_get(child, "Case"):
                    keys = res.entities(child)
                    cats = {res.category(k) for k in keys}
                    if keys and (cats & ACTORS or (cats & PLACES and is_passive(trigger))):
                        # "захвачены Османской империей": a named place a passive is done by acts, as its state would
                        self.add(res, roles, AGENT, keys, child)
                    elif not keys and (is_passive(trigger) or not verbal) and self.actor_noun(child):
                        # "убит боевиками", "изнасилование женщины военными": who did it, not a weapon
                        self.add(res, roles, AGENT, keys, child, phrase=True)
                    elif child.pos_ == "NOUN":    # not a pronoun ("объяснил тем, что ...") or an adjective
                        self.instrument(child, roles)
                    continue
                if dep == "nmod" and not case_words(child, self.place_preps) and genitive(child):
                    keys = res.entities(child)
                    if self.lexicon.frame(cls).genitive_role == TARGET and res.person_noun(child) and \
                            res.mention_of(child) is None and not res.is_role_noun(child):
                        # "высылка активистки, жительницы Минска": the woman, not the place or body of her phrase
                        # (the body of "атака боевиков ИГ" acts: kept where the genitive is no target)
                        keys = [k for k in keys if res.category(k) == Category.PERSON]
                    if not keys and (noun := antecedent(child, self.grammar.relative_pronouns)) is not None:
                        # "X, об уходе которого": the genitive holder is X, in the frame's genitive role
                        keys, child = res.entities(noun), noun
                    held = self.lexicon.frame(cls).genitive_role    # "арест журналиста": the one arrested
                    if not keys and child.pos_ == "NOUN" and "Anim" in morph_get(child, "Animacy"):
                        self.actor_phrase(child, roles, held or ACTOR)    # someone, named by no entity
                        continue
                    if not keys and child.pos_ == "NOUN" and held == TARGET and \
                            self.lexicon.frame(cls).subject_role == TARGET:
                        self.actor_phrase(child, roles, TARGET)    # "крушение самолёта": the thing it befell
                        continue
                    if keys and self.lexicon.frame(cls).genitive_place and not verbal and \
                            res.mention_of(child) is not None and all(res.category(k) in PLACES for k in keys):
                        # "чемпионат Испании": held there; not a place inside another name ("полуфинал Кубка России")
                        self.add(res, roles, PLACE, keys, child)
                        continue
                    if not keys and self.lexicon.frame(cls).genitive_place and not verbal and \
                            (state := self.state_named_before(child, res)) is not None:
                        self.add(res, roles, PLACE, [state[0]], child)   # "Кубок страны": the state named last
                        continue
                    actors = [k for k in keys if res.category(k) in ACTORS]
                    # where the frame's genitive acts, a named place does too ("санкции Запада": the West imposes them)
                    acts = actors or (held == AGENT and res.mention_of(child) is not None)
                    self.add(res, roles, (held or AGENT) if acts else TARGET, keys, child)
                    continue
                role, filler = self.prep_role(cls, child, res, roles)
                if role == TOPIC:
                    roles.append(Role(role=TOPIC, value=str(filler.i), start=filler.idx,
                                      end=filler.idx + len(filler)))   # resolved to an event or entity below
                elif role:
                    self.fill(res, roles, role, filler)
                else:
                    self.prep_actor(cls, child, res, roles)
        self.participle(trigger, res, roles)
        if verbal:
            for verb in (c for c in trigger.children if c.dep_ in ("conj", "parataxis")):
                if (subject := stray_subject(verb)) is not None:     # the subject the parse gave the next verb
                    self.add(res, roles, self.subject_role(trigger, cls, inside), self.core(res, subject), subject)
            self.object_behind(trigger, cls, res, roles)
            self.interviewer(trigger, cls, res, roles)
        if span is not None:
            self.office_in_phrase(span, res, roles)
        if verbal:
            self.borrowed_subject(trigger, cls, res, roles)
            self.dropped_subject(trigger, self.subject_role(trigger, cls, inside), res, roles)
        else:
            self.linear_fallback(trigger, cls, res, roles)
        return roles

    def object_behind(self, trigger, cls, res, roles):
        """A verb with no object whose object the parse hangs on its oblique ("уволил с военной службы начальника
        войск генерал-майора Петрова": the rank and name on "службы"): a person named by a title after the
        oblique's noun is whom it is done to."""
        if any(c.dep_ in ("obj", "nsubj:pass") for c in trigger.children) or is_passive(trigger):
            return
        for obl in (c for c in trigger.children if c.dep_ == "obl" and c.i > trigger.i and
                    case_words(c, self.place_preps)):
            for title in (t for t in obl.children if t.dep_ == "nmod" and t.i > obl.i and
                          not case_words(t, self.place_preps) and (res.is_role_noun(t) or self.actor_noun(t))):
                if (holder := self.appointee(title, res)) is not None:
                    self.add(res, roles, self.object_role(cls), [holder], title)

    def interviewer(self, trigger, cls, res, roles):
        """"В интервью изданию X президент пояснил": the dative of the interview a statement is made in is its
        addressee (grammar.ttl ekg:InterviewNouns)."""
        if not self.lexicon.is_a(cls, EKG.Statement) or any(r.role == ADDRESSEE for r in roles):
            return
        for talk in (c for c in trigger.children if c.dep_ == "obl" and
                     normalize(c.lemma_) in self.grammar.interview_nouns):
            for whom in (c for c in talk.children if c.dep_ in ("iobj", "nmod") and "Dat" in morph_get(c, "Case")):
                self.add(res, roles, ADDRESSEE, res.entities(whom), whom, phrase=True)

    def weapon(self, token, cls, res) -> bool:
        """A weapon or the vehicle an attack is made from, named by no entity (grammar.ttl ekg:WeaponNouns)."""
        return self.lexicon.is_a(cls, EKG.Attack) and normalize(token.lemma_) in self.grammar.weapon_nouns and \
            res.mention_of(token) is None

    @staticmethod
    def instrument(token, roles):
        roles.append(Role(role=INSTRUMENT, value=token.lemma_, start=token.idx, end=token.idx + len(token)))

    def possessor(self, token, cls, res, roles):
        """"Его смерть", "её арест": the person the possessive stands for, in the role the frame gives a genitive
        ("арест X": target), else the one its intransitive subject has; in any other he takes part, the word not
        saying how (sem:hasActor)."""
        keys = [k for k in res.entities(token) if res.category(k) in ACTORS]
        frame = self.lexicon.frame(cls)
        if keys or res.unresolved_pronoun(token):     # "о ее депортации": she is named by no entity, kept as is
            self.add(res, roles, frame.genitive_role or frame.subject_role or ACTOR, keys, token, phrase=True)

    def actor_phrase(self, token, roles, role=ACTOR):
        """A participant named by a phrase, not an entity: sem:hasActor (or the frame's `role`) with the
        phrase's text."""
        end = next((t.i for t in token.subtree if t.is_punct and t.i > token.i), token.right_edge.i + 1)
        phrase = token.doc[token.i:end] if token.left_edge.i < token.i and token.left_edge.is_punct else \
            token.doc[token.left_edge.i:end]
        while len(phrase) > 1 and phrase[0].pos_ == "ADP":      # "с полицией": the participant, not its preposition
            phrase = phrase[1:]
        while len(phrase) > 1 and phrase[-1].is_space:
            phrase = phrase[:-1]
        if len(phrase) <= 6 and not any(r.role == role and r.value == phrase.text for r in roles):
            for part in [phrase, *conjunct_phrases(token, phrase)]:
                roles.append(Role(role=role, value=part.text, start=part.start_char, end=part.end_char))

    def borrowed_subject(self, trigger, cls, res, roles):
        """A verb with no subject of its own takes its governor's: an infinitive complement ("решил
        атаковать"), a second verb of a coordination ("атаковали и захватили"), a gerund ("назначив"), a clause
        said by the subject that agrees with it ("заявил, что подписал"). A passive governor's subject controls its
        infinitive ("был вынужден подать в отставку", "был приглашен выступить"); a governor with no subject, its
        dative ("ему пришлось уйти в отставку", "ей удалось добиться"); an infinitive on the object of a verb, that
        verb's subject ("лига вынесла решение просить ООН", "командир отдал приказ атаковать": `noun_subject`)."""
        if any(c.dep_ in ("nsubj", "nsubj:pass") for c in trigger.children) or trigger.head.i == trigger.i:
            return
        if (subject := noun_subject(trigger)) is not None:
            if not lookup(subject, self.lexicon.triggers):
                self.add(res, roles, AGENT, res.entities(subject), subject)
            return
        if trigger.head.pos_ not in ("VERB", "AUX"):
            return
        gerund = trigger.dep_ == "advcl" and "Conv" in morph_get(trigger, "VerbForm")   # "принял отставку, назначив"
        second = second_verb(trigger)
        if trigger.dep_ not in ("xcomp", "csubj", "ccomp") and not (gerund or second):
            return
        # a coordinated verb shares a passive subject too ("был задержан в Швейцарии и экстрадирован в США")
        # and so does a gerund ("Вернувшись в страну, он был арестован": he returned)
        subjects = ("nsubj", "nsubj:pass") if second or gerund else ("nsubj",)
        # a governor with no subject: its dative controls the infinitive ("ему удалось добиться", "ей пришлось уйти")
        impersonal = trigger.dep_ in ("xcomp", "csubj") and \
            not any(c.dep_.startswith("nsubj") for c in trigger.head.children)
        for child in trigger.head.children:    # an event noun as the subject ("произошло возгорание") is no actor
            # a passive governor's subject controls its infinitive ("был вынужден подать в отставку")
            controls = (child.dep_ in subjects and trigger.dep_ != "csubj") or \
                (child.dep_ == "nsubj:pass" and trigger.dep_ == "xcomp") or (impersonal and child.dep_ == "iobj")
            if controls and child.i != trigger.i and not lookup(child, self.lexicon.triggers) and \
                    (trigger.dep_ not in ("ccomp", "parataxis") or agrees(trigger, child)):   # "заявил, что подписал указ"
                # an infinitive's controller acts ("решил атаковать"), unless the verb's subject undergoes it
                # ("числятся пропавшими без вести")
                role = AGENT if trigger.dep_ in ("xcomp", "csubj") and not is_passive(trigger) and \
                    not self.undergoes(trigger) else self.subject_role(trigger, cls)
                self.add(res, roles, role, res.entities(child), child)

    def dropped_subject(self, trigger, role, res, roles):
        """A past-tense verb with no subject at all ("Родился в 1955 году", "В 2010 году подписала контракт"),
        nor has any verb it is coordinated with ("поступил в МФТИ и переехал в Москву"): the person it agrees
        with in gender, the latest one before the chain's first verb, as a pronoun would be. A passive's agent
        ("был арестован силами ПНС") is not its subject: the one arrested is still dropped. `role` is the
        subject's role as `roles` reads it, a multiword trigger's own object aside ("В 2010 году получил тяжелые
        травмы": he undergoes it, as a subject written there would)."""
        gender = morph_get(trigger, "Gender")
        taken = (role,) if is_passive(trigger) else (AGENT, role)
        if any(r.role in taken for r in roles) or dropped_subjects(trigger) is None or \
                trigger.dep_ in ("xcomp", "amod", "acl") or \
                "Sing" not in morph_get(trigger, "Number") or not gender or gender[0] == "Neut":
            return
        if "Past" not in morph_get(trigger, "Tense") and "Part" not in morph_get(trigger, "VerbForm"):
            return
        person = res.person_before(dropped_subjects(trigger).i, gender[0])
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
        noun = participle_noun(trigger)
        role = TARGET if voice == "pssv" else AGENT
        keys = res.entities(noun, depth=1)
        if not keys and noun.dep_ == "appos":       # "Абид Насир, 26-летний пакистанец, арестованный ...": the
            noun = noun.head                        # person the apposition describes
            keys = res.entities(noun, depth=1)
        if not any(r.role == role for r in roles):
            self.add(res, roles, role, keys, noun)

    def clause_place(self, trigger, res, roles):
        """A place phrase of the trigger's clause ("В Новороссийске вчера прогремел взрыв"), when the
        trigger has none of its own: the verb's obliques, or the noun's phrases."""
        if any(r.role == PLACE for r in roles):
            return
        verb = self.place_verb(trigger)
        heads = [trigger] + ([verb] if verb is not None and verb.i != trigger.i else [])
        own = len(heads)
        if verb is not None:        # coordinated verbs share a place: "арестован на Мальдивах и экстрадирован",
            # and "родился и вырос во Флориде", but not over a comma ("скончался от ран, и был погребен на кладбище")
            doc = trigger.doc
            heads += [v for v in (verb.head, *verb.children) if v.pos_ == "VERB" and v.i != verb.i and
                      (v.dep_ == "conj" and not any(punct(doc)[verb.i:v.i]) or
                       verb.dep_ == "conj" and v.i == verb.head.i)]
        # an organisation is a venue where the event itself goes on ("в Госдуме прошло совещание"), not where
        # someone speaks of it or acts on it ("в «Газпроме» подтвердили аварию")
        # (a verb that only introduces a quote is no statement there: "армия продолжает обстрел Донецка" goes on)
        venue = not any(lookup(h, self.statement_verbs) for h in heads[:own])
        if self.oblique_place(trigger, heads, own, res, roles, venue) or self.office_place(heads[:own], res, roles):
            return
        if verb is None and any(c.dep_ == "cop" for c in trigger.head.children) and \
                (found := self.places(trigger.head, res, venue)):     # "во время задержания пара была в аэропорту"
            self.add_places(res, roles, found)
            return
        if trigger.pos_ == "NOUN" and self.next_place(trigger, res, roles, venue) or \
                self.relative_place(trigger, verb, res, roles, venue):
            return
        if self.part_place(trigger, res, roles) or verb is None and self.inner_place(trigger, res, roles):
            return
        if trigger.pos_ in ("NOUN", "PROPN"):     # "лондонской Олимпиады": the tagger's PROPN too
            self.adjective_place(trigger, res, roles)    # its own adjective before a place elsewhere in the clause
        if not any(r.role == PLACE for r in roles) and \
                not self.oblique_place(trigger, heads, own, res, roles, venue, source=True):
            self.sentence_place(trigger, verb, res, roles, venue)
        if trigger.pos_ == "VERB" and not any(r.role == PLACE for r in roles):
            self.after_verb_place(trigger, res, roles, venue)
        if venue and not any(r.role == PLACE for r in roles):     # not what a statement names
            self.target_place(trigger, res, roles)
        if venue and not any(r.role == PLACE for r in roles):
            self.participant_place(trigger, verb, res, roles)

    def origin_place(self, trigger, res, roles):
        """A move from one place to another ("бежал из Украины в Россию", "вылетела из Лондона в ЮАР") happens in
        both, as NEREL marks it: once a direction (a place phrase in the accusative) places the event, the place
        its source phrase names ("из"/"с" with the genitive) is its place too. Alone, a source is a place only when
        nothing else says where (`clause_place`)."""
        doc = trigger.doc
        if not any(r.role == PLACE and (word := doc.char_span(r.start, r.end, alignment_mode="expand")) is not None
                   and "Acc" in morph_get(word.root, "Case") for r in roles):
            return
        # the trigger's own source only: "вернулся с Украины на переговоры в Москву" is the return's, not the talks'
        self.oblique_place(trigger, [trigger], 1, res, roles, False, source=True)

    def part_place(self, trigger, res, roles) -> bool:
        """The place whose part the event is on: a part noun (grammar.ttl's PlacePartNouns) in the genitive of a noun
        event or the object of a verb, with a place in its own genitive ("патрулирование центра Киева", "обстрел
        окраин Донецка", "обстреляли пригороды Дамаска"): the event happens in that place. So it does where a
        common noun there is, by its own place phrase ("штурм поместья в Уэйко", "реставрация фонтанов на ВДНХ")."""
        for child in trigger.children:
            if not (child.dep_ == "nmod" and trigger.pos_ == "NOUN" and "Gen" in morph_get(child, "Case") or
                    child.dep_ == "obj" and trigger.pos_ == "VERB") or case_words(child, self.place_preps):
                continue
            if child.lemma_ not in self.grammar.place_part_nouns:
                found = self.nested_places(child, res, depth=0) if res.mention_of(child) is None else []
                if found:
                    self.add_places(res, roles, found[:1])
                    return True
                continue
            for node in child.children:
                key = res.entity_at(node) if node.dep_ == "nmod" and "Gen" in morph_get(node, "Case") and \
                    not case_words(node, self.place_preps) else None
                if key and res.category(key) in PLACES:
                    self.add(res, roles, PLACE, [key], node)
                    return True
        return False

    def inner_place(self, trigger, res, roles) -> bool:
        """A noun event with no verb of its own (a caption, a list) is where a place phrase deeper in its own phrase
        says ("Митинг в поддержку генерала в Баня-Луке"); not one inside its topic or another event's phrase."""
        for child in trigger.children:
            if child.dep_ != "nmod" or case_words(child, self.place_preps) & self.grammar.topic_preps or \
                    lookup(child, self.lexicon.triggers):
                continue
            found = self.nested_places(child, res, depth=2)
            if found:
                self.add_places(res, roles, found[:1])
                return True
        return False

    @staticmethod
    def target_place(trigger, res, roles):
        """A city or region an event is aimed at is where it happens, when nothing else places it ("блокады
        Ленинграда", "обстрелял Донецк"): named itself, not through a person ("умер президент Израиля"); not a
        state ("санкции против России" are not imposed there)."""
        for r in list(roles):
            token = trigger.doc.char_span(r.start, r.end, alignment_mode="expand") if r.entity else None
            mention = res.mention_of(token[0]) if token else None
            if r.role == TARGET and mention is not None and res.entity_of(mention) == r.entity and \
                    res.category(r.entity) == Category.PLACE:
                roles.append(Role(role=PLACE, entity=r.entity, start=r.start, end=r.end))
                return

    def participant_place(self, trigger, verb, res, roles):
        """The state or city of an office the event is about, when nothing else places it: a noun event's
        office holder ("выборах президента США", "инаугурация президента Зимбабве"), an office left or taken
        ("ушел с поста президента Зимбабве"). Not the office of whoever acts ("Президент России подписал
        указ": where the decree is signed is not said)."""
        heads = [(trigger, trigger.pos_ == "NOUN")]
        if verb is not None and verb.i != trigger.i:
            heads.append((verb, False))
        for head, holder in heads:
            for child in head.children:
                if child.dep_ not in ("obj", "obl", "nmod") or child.i == trigger.i:
                    continue
                office = child if holder and res.is_role_noun(child) and "Gen" in morph_get(child, "Case") else next(
                    (c for c in child.children if c.dep_ == "nmod" and res.is_role_noun(c)), None) \
                    if child.lemma_ in self.grammar.office_nouns else None
                if office is None:
                    continue
                for node in office.children:
                    key = res.entity_at(node) if node.dep_ == "nmod" and "Gen" in morph_get(node, "Case") else None
                    if key and res.category(key) in PLACES:
                        self.add(res, roles, PLACE, [key], node)
                        return True
        return False

    def adjective_place(self, trigger, res, roles):
        """A place adjective on a noun event ("кубинской революции", "минского концерта"): the state the lexicon
        gives the adjective, or a place of the document whose name the adjective is made from; an adjective
        that already fills a role ("украинских атак": the attacker) is left to it. The adjective may be on the
        stage or event noun the trigger is in the genitive of (`occasion`: "на российском этапе Кубка мира")."""
        taken = {r.start for r in roles}
        occasion = self.occasion(trigger)
        for adj in [*trigger.children, *(occasion.children if occasion is not trigger else ())]:
            if adj.dep_ != "amod" or adj.pos_ != "ADJ" or adj.idx in taken:
                continue
            key = lookup(adj, self.adjective_of)
            if key and self.adjective_category(key) not in PLACES:
                key = None
            key = key or self.place_of_adjective(adj, res)
            if key:
                self.add(res, roles, PLACE, [key], adj)
                return

    def adjective_category(self, key):
        """The category of the actor an adjective names (`adjective_of`): a lexicon actor's, or a state."""
        return Category.STATE if key in self.unlisted_states else self.lexicon.category(self.actor_by_key[key].cls)

    def place_of_adjective(self, adjective, res):
        """The key of the place an adjective is made from: one the document or the lexicon names
        (extract/place_adjectives.py), else one the dictionary knows (`dictionary_place`); None else."""
        lemma = adjective.lemma_.lower()
        return place_named_by(lemma, adjective_places(res.doc_entities(), self.lexicon), self.lexicon) or \
            dictionary_place(lemma, res)

    def fill(self, res, roles, role, filler):
        """A role a prepositional phrase gives (`prep_role`): the places it names, or the entities of its filler
        (a target no entity names as its phrase)."""
        if role == PLACE:
            keys = res.entities(filler, depth=1)
            if keys and all(res.category(k) == Category.ORGANIZATION for k in keys):
                self.add(res, roles, PLACE, keys, filler)     # the institution of a frame's direction (`prep_role`)
            else:
                self.add_places(res, roles, self.places(filler, res))
        else:
            keys = res.entities(filler)
            self.add(res, roles, role, keys, filler, phrase=role == TARGET or (not keys and self.actor_noun(filler)))

    def add_places(self, res, roles, found):
        """The places found, and the other places their phrase names ("в квартире дома в районе Наср-Сити на
        северо-востоке Каира": the district and Cairo)."""
        for key, token in found:
            self.add(res, roles, PLACE, [key], token)
        for _, token in found:
            top = token
            for _ in range(3):      # up to the phrase the rule found the place in
                if top.dep_ not in ("nmod", "appos", "flat", "flat:name") or top.head.pos_ not in ("NOUN", "PROPN"):
                    break
                top = top.head
            for k, t in self.nested_places(top, res):
                self.add(res, roles, PLACE, [k], t)

    def nested_places(self, token, res, depth=3):
        """The places of the phrases in the locative with a place preposition below a place phrase's word ("в
        районе поселка X в Красноярском крае", "на северо-востоке Каира"); not after a comma ("в Тольятти,
        Россия")."""
        out = []
        for child in token.children:
            if child.dep_ != "nmod" or punct_between(token, child):
                continue
            if "Loc" in morph_get(child, "Case") and \
                    case_words(child, self.place_preps) & (self.place_preps | self.surface_preps):
                out += self.places(child, res)
            if depth:
                out += self.nested_places(child, res, depth - 1)
        return out

    def places(self, phrase, res, venue=False, any_prep=False, source=False):
        """(entity key, its word) of the places a phrase with a place preposition names: its own mention and
        those joined to it by a conjunction ("в Монсе и Льеже"), not a wider place after a comma ("в Монреале,
        Канада"); through a noun that names none ("на территории Сирии", "в аэропорту Барселоны"), the first
        place in its phrase.
        An organisation in the locative is a venue ("в Госдуме прошел круглый стол") when `venue` is set.
        A direction ("бежал в Россию") is a place too, as NEREL has it, and with `source` so is a source in the
        genitive ("бежал из Украины"). With `any_prep` the phrase needs no preposition of place (a relative
        clause's noun)."""
        preps = case_words(phrase, self.place_preps)
        source = source and preps & self.grammar.origin_preps and "Gen" in morph_get(phrase, "Case")
        if not (preps & (self.place_preps | self.surface_preps) or source or any_prep) or \
                self.in_compound_preposition(phrase):
            return []
        if self.state_possessor(phrase, preps, res) or \
                not preps & self.place_preps and preps & self.surface_preps and not self.surface_place(phrase, res):
            return []
        allowed = PLACES | ({Category.ASSET} if preps & self.place_preps or any_prep else set())
        if venue and "Loc" in morph_get(phrase, "Case"):
            allowed = allowed | {Category.ORGANIZATION}

        def own(token):
            key = res.entity_at(token)
            return key if key and res.category(key) in allowed else None

        if res.mention_of(phrase) is not None:
            heads = [phrase] + [c for c in phrase.children if c.dep_ == "conj" and
                                any(g.dep_ == "cc" for g in c.children)]
            return [(key, h) for h in heads if (key := own(h))]
        if phrase.lemma_ in self.grammar.capital_nouns:     # "в британской столице": London
            capitals = [(self.capital[lookup(c, self.adjective_of)], c) for c in phrase.children
                        if c.dep_ == "amod" and self.capital.get(lookup(c, self.adjective_of))]
            if capitals:
                return capitals[:1]
        elif (state := self.state_of_place_noun(phrase, res)) is not None:
            return [state]
        elif (city := self.city_of_noun(phrase, res)) is not None:
            return [city]
        elif (state := self.state_named_before(phrase, res)) is not None:
            return [state]
        if phrase.pos_ in ("NUM", "ADJ", "DET", "PRON"):     # "в одной из клиник Германии": the phrase after "из"
            inner = next((c for c in phrase.children if c.dep_ == "nmod" and
                          "из" in case_words(c, self.place_preps)), None)
            if inner is not None:
                return self.places(inner, res, venue, any_prep=True)
        names = ("appos", "flat", "flat:name")
        for child in sorted(phrase.children, key=lambda c: (c.dep_ not in names, c.i < phrase.i, c.i)):
            # a venue by its name ("на стадионе «Лужники»"), not by its owner ("в сезоне «Арсенала»"); the
            # noun's own name before a genitive ("в столице Иордании Аммане": Amman)
            if child.dep_ in ("nmod", "appos", "flat", "flat:name") and (key := own(child)) and \
                    (res.category(key) in PLACES | {Category.ASSET} or child.dep_ in names or
                     Category.ORGANIZATION in allowed and phrase.lemma_ in self.grammar.building_nouns):
                return [(key, child)]
        return self.name_after(phrase, res)

    def state_possessor(self, phrase, preps, res) -> bool:
        """Whether a phrase is a state after "у" alone (grammar.ttl's possessor prepositions): whom something is
        taken from or won against ("захватил у Сирии", "выиграла у Колумбии"), not where; near a city stays a
        place ("бои у Донецка")."""
        place = preps & (self.place_preps | self.surface_preps)
        if not place or not place <= self.grammar.possessor_preps:
            return False
        key = res.entity_at(phrase)
        return bool(key) and res.category(key) == Category.STATE

    def state_of_place_noun(self, phrase, res):
        """(state key, its adjective) of a place noun no name names, made a state's by its adjective ("в индийском
        штате", "в российском городе", "в казахстанской степи"): the place is in that state. Only a place noun of
        the lexicon (ekg:noun of ekg:Place and its subclasses): an embassy or a prison a state owns may be abroad."""
        if phrase.pos_ != "NOUN" or res.mention_of(phrase) is not None:
            return None
        cls = self.lexicon.nouns.get(phrase.lemma_)
        if not cls or self.lexicon.category(cls) not in PLACES:
            return None
        for child in phrase.children:
            key = lookup(child, self.adjective_of) if child.dep_ == "amod" else None
            if key and self.adjective_category(key) == Category.STATE:
                return key, child
        return None

    def state_named_before(self, phrase, res):
        """(state key, the noun) of a noun that stands for the state the text last named ("уехал из страны", "в
        стране были убиты", "по всей этой стране"; grammar.ttl's state nouns): only with no word of its own but
        a determiner ("в соседней стране", "страны ЕС" are others)."""
        if phrase.lemma_ not in self.grammar.state_nouns or res.mention_of(phrase) is not None or \
                any(c.dep_ not in ("case", "det", "punct") for c in phrase.children):
            return None
        for span in reversed(res.mentions):
            if span.end <= phrase.i and (key := res.entity_of(span)) and res.category(key) == Category.STATE:
                return key, phrase
        return None

    def city_of_noun(self, phrase, res):
        """(city key, its adjective) of a noun no name names, made a city's or a region's by its adjective ("в
        нью-йоркском метро", "в одной из московских клиник", "в минском кафе"), or the dictionary's name its
        adjective is made from (`dictionary_place`): it is there. Unlike a state
        (`state_of_place_noun`), a city owns nothing abroad, so any noun will do."""
        if phrase.pos_ != "NOUN" or res.mention_of(phrase) is not None or \
                any(c.dep_ in ("appos", "flat", "flat:name") or c.pos_ == "PROPN" for c in phrase.children):
            return None    # "в нью-йоркском аэропорту Кеннеди": a place with a name of its own
        for child in phrase.children:
            if child.dep_ != "amod" or child.pos_ != "ADJ":
                continue
            key = lookup(child, self.adjective_of)
            if key and self.adjective_category(key) != Category.PLACE:
                continue     # a state's ("в российском городе", `state_of_place_noun`)
            # else a city of the document or the lexicon, or one the dictionary knows ("на челябинском кладбище")
            key = key or self.place_of_adjective(child, res)
            known = self.actor_by_key.get(key) if key else None
            if key and (self.lexicon.category(known.cls) if known else res.category(key)) == Category.PLACE:
                return key, child
        return None

    def name_after(self, phrase, res):
        """A place name in the nominative right after a noun in the locative, which the parse hangs elsewhere ("в
        международном аэропорту Казань произошло крушение": Казань taken for the subject): the noun's name. Not
        after a word of time ("в прошлом году Москва ввела")."""
        doc, i = phrase.doc, phrase.i + 1
        if i >= len(doc) or phrase.pos_ != "NOUN" or "Loc" not in morph_get(phrase, "Case") or \
                phrase.lemma_ in self.grammar.time_words or "Nom" not in morph_get(doc[i], "Case"):
            return []
        mention = res.mention_of(doc[i])
        key = res.entity_of(mention) if mention is not None and mention.start == i else None
        return [(key, doc[i])] if key and res.category(key) in PLACES else []

    def in_compound_preposition(self, phrase):
        """"в поддержку Тахрира", "в отношении Ирана": a phrase of a compound preposition is no place."""
        return bool((fixed_words(phrase) | {phrase.lemma_}) & self.grammar.preposition_nouns)

    def place_verb(self, trigger):
        """The verb of the clause where a trigger happens: its own verb; for a noun in a compound preposition,
        the verb that preposition hangs from ("в результате взрыва в Киеве погиб", "в ходе обысков в Монсе
        задержан"); for a noun in the genitive of another event noun, that noun's verb."""
        verb = self.own_verb(trigger)
        if verb is None and trigger.dep_ == "conj" and trigger.head.pos_ == "NOUN" and \
                lookup(trigger.head, self.lexicon.triggers):
            return self.place_verb(trigger.head)      # "Отпевание и прощание пройдут в соборе": the first one's verb
        if verb is not None or trigger.dep_ != "nmod":
            return verb
        head, nouns = trigger.head, self.grammar.circumstance_nouns
        if self.occasion(trigger).i != trigger.i:
            return self.own_verb(head)       # "церемония коронации состоялась в аббатстве": one occasion
        fixed = fixed_words(trigger)
        if head.lemma_ in nouns and head.dep_ == "obl":       # "в результате взрыва": взрыва hangs on the noun
            head = head.head
        elif not fixed & nouns:                                # "во время задержания": время is on the preposition
            return None
        return head if head.pos_ in ("VERB", "AUX") and head.i != trigger.i else None

    def office_place(self, heads, res, roles):
        """The place of an office someone is appointed or elected to ("Мэром Детройта избран", "назначен послом
        в Японии", "назначен начальником штаба Ленинградского военного округа"): a person noun in the
        instrumental, without a preposition, names it in its phrase."""
        for head in heads:
            for child in head.children:
                if child.dep_ not in ("obl", "xcomp") or "Ins" not in morph_get(child, "Case") or \
                        case_words(child, self.place_preps) or not res.is_role_noun(child):
                    continue
                for node in child.subtree:
                    if node.i == child.i or node.dep_ != "nmod" or not (
                            "Gen" in morph_get(node, "Case") or case_words(node, self.place_preps)):
                        continue
                    key = res.entity_at(node)
                    if key and res.category(key) in PLACES:
                        self.add(res, roles, PLACE, [key], node)
                        return True
        return False

    def relative_place(self, trigger, verb, res, roles, venue):
        """A relative clause with a place adverb ("в Берлине, где прошла конференция", "в больницу, куда его
        доставили"): the noun the clause hangs on is where its event happens."""
        clause = verb if verb is not None else trigger
        adverbs = self.grammar.relative_place_adverbs
        if not clause.dep_.startswith("acl") or clause.head.i == clause.i or \
                not any(c.dep_ == "advmod" and c.lemma_ in adverbs for c in clause.children):
            return False
        found = self.places(clause.head, res, venue, any_prep=True)
        self.add_places(res, roles, found)
        return bool(found)

    def oblique_place(self, trigger, heads, own, res, roles, venue, source=False):
        """The first place phrase among the obliques of `heads` (the trigger, its verb, then `own` on, verbs
        coordinated with it). With `source`, "из"/"с" phrases only: where an event starts from is the
        place when nothing says where it happens ("бежал из Украины"; "приехал на гастроли из Германии" in
        "в Ростов, куда ...")."""
        for n, head in enumerate(heads):
            # an organisation is the venue of the trigger's own phrases, and of its verb's when the event goes on
            # there: the verb's subject, object or oblique ("в Госдуме провели совещание", "в Госдуме министр
            # выступил на совещании", and the parse's "в Госдуме прошёл круглый стол" with the noun an object)
            at_venue = venue and (head.i == trigger.i or self.occasion(trigger).dep_ in ("nsubj", "nsubj:pass", "obj", "obl"))
            for child in dependents(head, self.place_preps):
                if child.dep_ not in ("obl", "nmod") or child.i == trigger.i or \
                        (n >= own and "Loc" not in morph_get(child, "Case")):   # another verb's direction
                    continue
                is_source = bool(case_words(child, self.place_preps) & self.grammar.origin_preps)
                found = self.places(child, res, at_venue, source=source) if is_source == source else []
                if found:
                    self.add_places(res, roles, found)
                    return True
        return False

    def occasion(self, trigger):
        """The event noun or stage noun (grammar.ttl's StageNouns) a trigger in its genitive is a stage or part of
        ("церемония коронации", "открытие Игр", "на московском этапе Гран-при"): one occasion, at one venue; else
        the trigger itself."""
        head = trigger.head
        if trigger.dep_ == "nmod" and head.pos_ == "NOUN" and head.i != trigger.i and \
                not case_words(trigger, self.place_preps) and \
                (lookup(head, self.lexicon.triggers) or lookup(head, self.stage_nouns)):
            return head
        return trigger

    def next_place(self, trigger, res, roles, venue=False):
        """A place phrase right after a noun event, wherever the parse hangs it ("стрельбы в Канаде")."""
        doc, i = trigger.doc, trigger.i + 1
        sent_end = sentence_range(doc, trigger.i)[1]
        if i + 1 >= sent_end or doc[i].lower_ not in self.place_preps | self.surface_preps or \
                doc[i + 1].lemma_ in self.grammar.preposition_nouns:
            return False
        for token in doc[i + 1:min(i + 4, sent_end)]:
            if token.is_punct or token.pos_ in ("VERB", "AUX", "ADP") or res.is_role_noun(token):
                break      # "визит на острова президента России": the state is the president's
            mention = res.mention_of(token)
            key = res.entity_of(mention) if mention is not None else None
            if key and (res.category(key) in PLACES or (
                    venue and res.category(key) == Category.ORGANIZATION and "Loc" in morph_get(mention.root, "Case"))):
                if "Acc" in morph_get(mention.root, "Case"):
                    break
                self.add_places(res, roles, self.places(mention.root, res, venue) or [(key, token)])
                return True
        return False

    def after_verb_place(self, trigger, res, roles, venue):
        """A place phrase in the locative after a verb, before a comma or another verb, wherever the parse
        hangs it ("встретился в субботу в Йоханнесбурге", with the city on an earlier participle); not a
        noun's ("умер представитель России в ООН")."""
        doc = trigger.doc
        for token in doc[trigger.i + 1:sentence_range(doc, trigger.i)[1] - 1]:
            if token.is_punct or token.pos_ in ("VERB", "AUX", "SCONJ", "CCONJ", "PRON"):
                return False
            if token.lower_ not in self.place_preps or doc[token.i + 1].lemma_ in self.grammar.preposition_nouns:
                continue
            phrase = token.head
            if "Loc" in morph_get(phrase, "Case") and phrase.i > token.i and phrase.head.pos_ in ("VERB", "AUX") and \
                    not any(t.is_punct for t in doc[token.i:phrase.i]):
                found = self.places(phrase, res, venue)
                if found:
                    self.add_places(res, roles, found)
                    return True
        return False

    def own_verb(self, trigger):
        """The verb whose clause an event happens in: a verb trigger itself; for a noun, the verb it hangs
        from ("произошел взрыв"), or through the verb's object ("принял участие в переговорах"). A noun deeper
        in a phrase, or a topic ("о продлении контракта"), has none: the clause is about something else."""
        if trigger.pos_ in ("VERB", "AUX"):
            return trigger
        head = trigger.head
        if head.i == trigger.i or case_words(trigger, self.place_preps) & self.grammar.topic_preps or \
                fixed_words(trigger) & self.grammar.reason_nouns:
            return None     # a reason ("в связи с гибелью X в области отменены"): not in the verb's clause
        if trigger.dep_ == "nmod" and head.dep_ in ("obj", "nsubj", "nsubj:pass") and \
                not lookup(head, self.lexicon.triggers):
            head = head.head
        return head if head.pos_ in ("VERB", "AUX") and head.i != trigger.i else None

    def clause_participant(self, trigger, cls, res, roles):
        """A noun event in a phrase of a verb ("X принял участие в концерте", "X погиб при крушении") has its
        clause's subject among its actors, in no finer role (sem:hasActor): who took part, not how; the frame's
        participant role (`participant_role`) when the noun is the active verb's own oblique ("X принимал
        участие во встрече": X meets, "X погиб в автокатастрофе": the accident befell X)."""
        acted = [r for r in roles if r.role == AGENT]
        # a body whose session it is ("на заседании Госсовета"): the person of the clause still takes part
        bodies = bool(acted) and all(r.entity and res.category(r.entity) == Category.ORGANIZATION for r in acted)
        people = all(r.entity and res.category(r.entity) == Category.PERSON for r in acted)
        if people and trigger.dep_ in ("obj", "obl") and lookup(trigger.head, self.speech_verbs):
            # "КНДР подтвердила арест", "Власти США сообщили о задержании подозреваемого": before the genitive
            # one held leaves the clause's subject out below; "Клуб подтвердил отставку тренера": the person
            # who resigns acts, the body that lets him go too
            self.announcing_body(trigger.head, cls, res, roles)
        if (acted and not bodies) or trigger.dep_ not in ("obl", "nmod") or self.holder(trigger, roles):
            return
        phrase = self.phrase_top(trigger)
        verb = phrase.head
        # "признал участие в драке", "стал победителем турнира", "подал рапорт об отставке": the event inside
        # the verb's object or complement
        inner = phrase.i != trigger.i and phrase.dep_ in ("obj", "xcomp") and verb.pos_ in ("VERB", "AUX")
        if inner:
            if lookup(verb, self.speech_verbs):
                return
        elif phrase.dep_ != "obl" or not (verb.pos_ in ("VERB", "AUX") or said_of_noun(verb)):
            verb = self.own_verb(trigger)
            if verb is not None and lookup(verb, self.speech_verbs) and phrase.i == trigger.i:
                self.announcing_body(verb, cls, res, roles)
            if verb is None or lookup(verb, self.speech_verbs):
                return
        elif phrase.i == trigger.i and lookup(verb, self.speech_verbs):
            self.announcing_body(verb, cls, res, roles)     # "Полиция объявила о розыске"
        topic = phrase.dep_ in ("obl", "obj", "xcomp") and \
            bool(case_words(trigger if inner else phrase, self.place_preps) & self.grammar.topic_preps)
        if topic and any(r.role in (TARGET, ADDRESSEE) for r in roles):
            return
        own = self.lexicon.frame(cls).participant_role if phrase.i == trigger.i and not is_passive(verb) else None
        for child in verb.children:
            if child.dep_ == "obj" and phrase.dep_ == "obl" and not topic and child.i != trigger.i:
                # "обыграла Азаренко в финале": whom the clause's subject meets there takes part too
                keys = [k for k in res.entities(child) if res.category(k) in ACTORS]
                if keys:
                    self.add(res, roles, ACTOR, keys, child)
            elif child.dep_ == "obl" and phrase.dep_ == "obl" and not topic and child.i != trigger.i:
                self.partner(child, res, roles)
        for child in clause_subjects(verb):
            if child.i != trigger.i:
                role = own if own and child.dep_ == "nsubj" and not bodies else ACTOR
                child = antecedent(child, self.grammar.relative_pronouns) or child   # "X, который погиб в ДТП"
                keys = [k for k in res.entities(child) if res.category(k) in
                        ({Category.PERSON} if topic or bodies else ACTORS)]
                if not keys and (person := self.described_person(child, res)):
                    keys = [person]     # "когда политик возвращался с митинга": the person named before
                if keys:
                    self.add(res, roles, role, keys, child)
                elif (self.actor_noun(child) or self.counts_people(child)) and not bodies and \
                        (not topic or "Anim" in morph_get(child, "Animacy")) and \
                        not any(res.category(k) in ACTORS for k in res.entities(child)):
                    # "полицейские взяли бункер штурмом", "Вице-губернатор области погиб в ДТП"
                    self.actor_phrase(child, roles, role)

    def announcing_body(self, verb, cls, res, roles):
        """The body that announces or confirms an act of authority its frame marks (`body_announces`: "КНДР
        подтвердила арест", "Полиция объявила о розыске") carried it out: its agent. A person saying it need not
        have done it."""
        if not self.lexicon.frame(cls).body_announces or is_passive(verb):
            return
        for child in clause_subjects(verb):
            keys = [k for k in res.entities(child) if res.category(k) in (Category.ORGANIZATION, Category.STATE)]
            if keys and len(keys) == len(res.entities(child)):
                self.add(res, roles, AGENT, keys, child)
            elif not res.entities(child) and self.body_noun(child):
                self.actor_phrase(child, roles, AGENT)      # "Полиция сообщила об аресте X": a body no name names

    def body_noun(self, token) -> bool:
        """A common noun the lexicon knows as a body ("полиция", "прокуратура"), not a person."""
        cls = self.lexicon.nouns.get(token.lemma_.lower()) if token.pos_ == "NOUN" else None
        return cls is not None and self.lexicon.category(cls) == Category.ORGANIZATION

    def partner(self, child, res, roles):
        """Whom the clause's subject is with or against ("с которым телеведущая появлялась на митингах",
        "играл с X в финале"): a person, body or state after a party preposition of the verb takes part in the
        noun event of the verb's other phrase; not "с" of where one comes from ("вернулся с Украины"). A person
        the clause happens to ("в ходе операции у Чавеса открылось кровотечение", grammar.ttl's possessor
        prepositions) takes part too."""
        preps = case_words(child, self.place_preps)
        possessor = bool(preps & self.grammar.possessor_preps)
        if not (possessor or self.takes_sides(child, preps)):
            return
        noun = antecedent(child, self.grammar.relative_pronouns) or child
        keys = [k for k in res.entities(noun, depth=1)
                if res.category(k) in ({Category.PERSON} if possessor else ACTORS)]
        if keys:
            self.add(res, roles, ACTOR, keys, noun)

    def phrase_participant(self, trigger, res, roles):
        """A noun event in a phrase on a name ("Маргарет Тэтчер на похоронах", a caption) has that person or body
        among its actors; in a phrase on a noun with a genitive actor ("победы Путина на выборах") that actor.
        Not a topic or a source ("сообщение агентства о взрыве"), nor a word of a compound preposition."""
        head = trigger.head
        preps = case_words(trigger, self.place_preps)
        if trigger.dep_ != "nmod" or head.i == trigger.i or head.pos_ not in ("NOUN", "PROPN") or not preps or \
                preps & (self.grammar.topic_preps | self.grammar.source_preps) or \
                lookup(head, self.lexicon.triggers) or head.lemma_ in self.grammar.circumstance_nouns:
            return
        own = {r.entity for r in roles if r.entity}
        named = res.mention_of(head)
        if named is not None:
            holders = [head]
        else:
            holders = [c for c in head.children if c.dep_ == "nmod" and c.i != trigger.i and genitive(c)
                       and not case_words(c, self.place_preps)]
        for holder in holders:
            keys = [k for k in res.entities(holder, depth=1) if res.category(k) in ACTORS and k not in own]
            if keys:
                self.add(res, roles, ACTOR, keys, holder)

    def holder(self, trigger, roles) -> bool:
        """Whether a genitive of the noun fills a role ("смерть Иванова", "арест журналиста"): its holder, whatever
        the frame's role for it, leaves the clause's subject out ("врачи констатировали смерть Иванова"). A thing
        is no holder ("сыграл роль в восстановлении отношений между X и Y": the subject took part)."""
        return any(c.dep_ == "nmod" and genitive(c) and not case_words(c, self.place_preps) and
                   (c.pos_ == "PROPN" or "Anim" in morph_get(c, "Animacy")) and
                   any(r.start == c.idx and r.role != ACTOR for r in roles) for c in trigger.children)

    def phrase_top(self, trigger):
        """The phrase a noun event is part of: up through the nouns that only place it in time or in the
        course of something ("в ходе судебного процесса", "до конца Олимпиады") or that it completes
        ("участие в драке", "победителем турнира"), while they are no events."""
        node = trigger
        for _ in range(2):
            head = node.head
            if node.dep_ != "nmod" or head.pos_ != "NOUN" or head.i == node.i or lookup(head, self.lexicon.triggers):
                break
            node = head
        return node

    def sentence_place(self, trigger, verb, res, roles, venue=True):
        """A place phrase the parse hangs elsewhere in the clause ("Скончался ... композитор ... в Кракове"),
        or in a clause on the noun ("выборы, которые пройдут в Индонезии"): the nearest to the trigger. Not, for
        what someone says (`venue` unset), a place in the speaker's phrase ("Посольство РФ в Сирии подтвердило":
        the embassy is there, the statement need not be)."""
        found = []
        for m in res.in_sentence(res.sent_of[trigger.i]):
            key = res.entity_of(m)
            if not key or res.category(key) not in PLACES:
                continue
            phrase = m.root
            for _ in range(2):     # "в японской префектуре Канагава": the preposition is on the descriptor
                if case_words(phrase, self.place_preps) or phrase.dep_ not in ("appos", "flat", "flat:name", "nmod"):
                    break
                phrase = phrase.head
            preps = case_words(phrase, self.place_preps)
            if not preps & (self.place_preps | self.surface_preps) or "Acc" in morph_get(phrase, "Case") or \
                    phrase.i == trigger.i or self.in_compound_preposition(phrase) or \
                    self.state_possessor(phrase, preps, res):
                continue
            own = clause_verb(phrase)
            if own is not None and self.inside_other_phrase(phrase, own, trigger):
                continue
            if not venue and any(a.dep_ in ("nsubj", "nsubj:pass") and a.head.i == own.i for a in phrase.ancestors
                                 if own is not None):
                continue
            if own is None or not (own == verb or (own.dep_ in ("acl", "acl:relcl") and
                                                   (own.head.i == trigger.i or
                                                    relative_of(own, trigger, self.grammar.relative_pronouns)))):
                continue
            found.append((abs(phrase.i - trigger.i), m.start, key, phrase))
        if found:
            _, _, key, phrase = min(found)
            self.add_places(res, roles, [(key, phrase)])
            self.add_places(res, roles, [(k, t) for k, t in self.places(phrase, res) if k != key])
            # the place phrase the nearest one hangs on is the event's too: a wider place names the narrower one's
            # whereabouts ("в районе Челси в Лондоне"), a conjunct the other place ("в Иерусалиме и на Западном
            # берегу")
            if phrase.dep_ in ("nmod", "conj"):
                self.add_places(res, roles, [(k, t) for *_, k, t in found if t.i == phrase.head.i and k != key])

    def inside_other_phrase(self, phrase, verb, trigger) -> bool:
        """Whether a place phrase hangs, below its verb, on a topic ("подписал закон о сносе домов в Москве") or
        on another event noun ("командовала операцией после серии взрывов в Лондоне"): that phrase's place, not
        the clause's. An event the clause happens in the course of shares its place ("погибли в результате
        взрыва в Самаре")."""
        for node in phrase.ancestors:
            if node.i in (verb.i, trigger.i):
                return False
            if case_words(node, self.place_preps) & self.grammar.topic_preps:
                return True
            if node.pos_ == "NOUN" and node.i != trigger.head.i and lookup(node, self.lexicon.triggers) and \
                    not (fixed_words(node) | {node.head.lemma_}) & self.grammar.circumstance_nouns:
                return True
        return False

    def linear_fallback(self, trigger, cls, res, roles):
        """When the parse hangs a noun's dependents elsewhere: "украинских атак на инфраструктуру КТК"."""
        doc = trigger.doc
        sent_start, sent_end = sentence_range(doc, trigger.i)
        before = doc[trigger.i - 1] if trigger.i > sent_start else None
        actor = lookup(before, self.adjective_of) if before is not None else None
        if actor and not any(r.role == AGENT for r in roles) and not self.lexicon.frame(cls).adjective_place:
            self.add(res, roles, AGENT, [actor], before)
        nxt = trigger.i + 1
        if nxt + 1 < sent_end and doc[nxt].lower_ in self.lexicon.frame(cls).target_preps \
                and not any(r.role == TARGET for r in roles):
            keys = res.entities(doc[nxt + 1], depth=0)
            if keys:
                self.add(res, roles, TARGET, keys, doc[nxt + 1])
        if not any(r.role in (AGENT, TARGET) for r in roles) and nxt < sent_end:
            keys = [k for k in res.entities(doc[nxt], depth=0) if res.category(k) in ACTORS and
                    not any(r.role == PLACE and r.entity == k for r in roles)]     # "чемпионат Испании": held there
            if keys and "Gen" in morph_get(doc[nxt], "Case"):      # "атакам ВСУ": a genitive actor acts
                self.add(res, roles, AGENT, keys, doc[nxt])

    def light_verb(self, trigger, cls, res, roles):
        """ведет переговоры, поддерживают контакты, атака была предпринята: the verb's subject acts; an infinitive's
        is its governor's ("пытался вести переговоры"). With no subject, whom it is done to ("ему сделали
        пересадку") or at whom it happens ("у него прошла операция") takes part."""
        head = trigger.head
        if trigger.pos_ != "NOUN" or head.i == trigger.i or head.pos_ != "VERB" or \
                trigger.dep_ not in ("obj", "nsubj:pass", "nsubj"):
            return False
        if head.lemma_.lower() in self.lexicon.triggers or normalize(head.lemma_) in self.grammar.stance_verbs:
            return False    # a stance on the event ("не поддержала санкции Запада"): its holder did not impose them
        # the event noun the parse takes for one of two subjects is the object ("потерпело крушение судно")
        as_object = trigger.dep_ == "obj" or (trigger.dep_ == "nsubj" and any(
            c.dep_ == "nsubj" and c.i != trigger.i for c in head.children))
        subjects = [c for c in head.children if c.dep_ == "nsubj" and c.i != trigger.i] or \
            [c for c in head.children if c.dep_ == "obj" and c.i != trigger.i and trigger.i < head.i and
             inverted_subject(head, c)]      # "Расследование ведут полиция и ...": the noun after the verb
        if not subjects and head.dep_ == "xcomp" and head.head.pos_ in ("VERB", "AUX"):
            subjects = [c for c in head.head.children if c.dep_ == "nsubj"]
        if not subjects and head.dep_ in ("acl", "amod") and participle_voice(head) == "actv" and \
                head.head.pos_ in ("NOUN", "PROPN"):
            subjects = [head.head]     # "потерпевший катастрофу самолёт": the participle's noun
        if as_object:
            for child in subjects:
                self.light_subject(child, cls, res, roles)
        for child in dependents(head, self.place_preps):
            if child.i == trigger.i:
                continue
            if child.dep_ == "iobj" and as_object and not subjects:
                keys = [k for k in self.core(res, child) if res.category(k) in ACTORS]
                if keys:
                    self.add(res, roles, self.lexicon.frame(cls).genitive_role or ACTOR, keys, child)
            elif child.dep_ == "obl":
                role, filler = self.prep_role(cls, child, res, roles)
                if role == TOPIC and not any(r.role == TOPIC for r in roles):
                    roles.append(Role(role=TOPIC, value=str(filler.i), start=filler.idx,
                                      end=filler.idx + len(filler)))
                elif role and role != TOPIC:
                    self.fill(res, roles, role, filler)
                elif role is None and not as_object:
                    self.partner(child, res, roles)
        return True

    def light_subject(self, child, cls, res, roles):
        """The role of a light verb's subject in its noun's event: the frame's subject role ("объекты получили
        повреждения": they undergo it), or agent; a participant when the noun's own phrase names the agent
        ("выиграл чемпионат России")."""
        if not any(r.role == AGENT for r in roles):
            self.add(res, roles, self.lexicon.frame(cls).subject_role or AGENT, res.entities(child), child)
            return
        own = {r.entity for r in roles if r.entity}
        keys = [k for k in res.entities(child) if res.category(k) in ACTORS and k not in own]
        if keys:
            self.add(res, roles, ACTOR, keys, child)

    def __call__(self, doc):
        res = EventCall(doc, self.lexicon)
        ref = dt.date.fromisoformat(doc._.article_date) if doc._.article_date else None
        sents = sentence_spans(doc)
        sent_of = res.sent_of
        events, tokens = [], []
        for token, cls, span, by_model in self.triggers(doc, res):
            roles = self.roles(token, cls, res, span)
            rule = "verb" if token.pos_ == "VERB" else "noun"
            if self.light_verb(token, cls, res, roles):
                rule = "light-verb"
            self.clause_place(token, res, roles)
            self.origin_place(token, res, roles)
            if rule == "noun":
                self.clause_participant(token, cls, res, roles)
                self.phrase_participant(token, res, roles)
            self.as_sides(cls, roles)
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
        self.share_places(events, tokens)
        events, tokens = self.merge_same_sentence(events, tokens)
        self.attach_dates(doc, sents, events, tokens, ref)
        self.resolve_topics(events, tokens, res)
        self.carry_agents(events)
        for group in sentence_groups(res, tokens):     # a sentence's pairs at a time: memory stays flat on a
            evs, toks = [events[n] for n in group], [tokens[n] for n in group]  # 12,800-word one (85,000 pairs)
            self.model_roles(doc, res, evs, toks)
            self.model_places(doc, res, evs, toks)
        doc._.events = events
        doc._.implied_entities = res.implied
        return doc

    @staticmethod
    def share_places(events, tokens):
        """Verbs coordinated without a comma happen in one place ("19 человек погибли и 21 пострадал в результате
        падения автобуса в Забайкальском крае"), and so do nouns ("проведение ремонта и реставрации фонтанов на
        ВДНХ"): one with no place takes the other's, whichever rule found it, but not a direction ("задержала его и
        доставила в Москву": Moscow is where he was taken)."""
        at = {t.i: ev for ev, t in zip(events, tokens)}
        for ev, tok in zip(events, tokens):
            if tok.pos_ not in ("VERB", "NOUN") or any(r.role == PLACE for r in ev.roles):
                continue
            doc = tok.doc
            for v in (tok.head, *tok.children):
                other = at.get(v.i)
                if other is None or v.i == tok.i or v.pos_ != tok.pos_ or \
                        not (v.dep_ == "conj" and v.head.i == tok.i or tok.dep_ == "conj" and v.i == tok.head.i) or \
                        punct_between(v, tok):
                    continue
                for r in other.roles:
                    word = doc.char_span(r.start, r.end, alignment_mode="expand") if r.role == PLACE else None
                    if word is not None and r.entity and "Acc" not in morph_get(word.root, "Case") and \
                            not any(o.role == PLACE and o.entity == r.entity for o in ev.roles):
                        ev.roles.append(Role(role=PLACE, entity=r.entity, start=r.start, end=r.end))

    def merge_same_sentence(self, events, tokens):
        """A nominal trigger repeating a verbal one of the same type in its sentence is the same event: one node,
        the noun one of its mentions. Not what the verb speaks of ("сообщал о готовящемся заявлении") nor what
        it says ("заявил, что высказывания премьера носят ..."): another event, with a time, a speaker and a
        modality of its own."""
        keep = []
        for n, (ev, tok) in enumerate(zip(events, tokens)):
            host = next((m for m in keep if events[m].type == ev.type and events[m].sentence == ev.sentence
                         and tokens[m].pos_ == "VERB" and tok.pos_ != "VERB"
                         and not (tok.head.i == tokens[m].i
                                  and spoken_of(tok, self.lexicon.is_a(ev.type, EKG.Statement)))
                         and not (said_in(tok, tokens[m]) and self.lexicon.is_a(ev.type, EKG.Statement))), None)
            if host is None:
                keep.append(n)
                continue
            for role in ev.roles:
                if not any(r.role == role.role and r.entity == role.entity for r in events[host].roles):
                    events[host].roles.append(role)
            if not self.named_by_verb(tok, tokens[host]):
                events[host].mentions.append(TriggerMention(ev.start, ev.end, ev.sentence, ev.trigger))
            events[host].rule = "merged"
        out_events, out_tokens = [], []
        for n in keep:
            events[n].index = len(out_events)
            out_events.append(events[n])
            out_tokens.append(tokens[n])
        return out_events, out_tokens

    @staticmethod
    def named_by_verb(noun, verb) -> bool:
        """Whether a noun of a verb's event is the act the verb itself names, no mention of its own: the verb's
        object ("опубликовало заявление") or what its object is for ("выдал ордер на арест": the arrest the verb
        orders, one event with it, as gold-news marks it on the verb)."""
        obj = noun if noun.dep_ == "obj" else noun.head
        return obj.dep_ == "obj" and obj.head.i == verb.i and (obj.i == noun.i or noun.dep_ == "nmod")

    def attach_dates(self, doc, sents, events, tokens, ref):
        """Each date of a sentence (from its head word) dates the trigger that governs it, then the undated
        events of its clause (a noun event and its light verb, coordinated verbs that share a subject: "был
        задержан и арестован 5 мая"), and, when no trigger governs it, the nearest one. An event keeps the
        first date it gets. In an article without a date, a bare weekday is the day the article writes with it
        (`named_weekdays`)."""
        found, story, busy = [], None, {ev.sentence for ev in events}
        for n, sent in enumerate(sents):      # a sentence without events is read only to find the story's year
            found.append(find_dates(sent, ref) if n in busy or (ref is None and story is None) else [])
            story = story_year(found[-1]) if ref is None and story is None else story
        if story is not None:           # a day without its year takes the story's (or the year the sentence
            # before states: "В марте 2011 года ... В апреле"): re-read those sentences
            found = [find_dates(sent, None, self.year_before(sents, found, busy, n) or story)
                     if n in busy and any(v.value is None for _, _, v in ds) else ds
                     for n, (sent, ds) in enumerate(zip(sents, found))]
        if ref is None:
            found = named_weekdays(doc, found)
        of_sentence: dict[int, list[int]] = {}     # sentence -> its events, in order (not a scan of all per sentence)
        for k, ev in enumerate(events):
            of_sentence.setdefault(ev.sentence, []).append(k)
        for n, dates in enumerate(found):
            here = of_sentence.get(n)
            if not dates or not here:                 # nothing to date, or nothing dated
                continue
            inside = {i for start, end, _ in dates for i in range(start, end)}
            here = [k for k in here if tokens[k].i not in inside]      # a date's own word is no event
            if not here:
                continue
            placed = [(value, *self.place(doc[start:end], tokens, here)) for start, end, value in dates]
            for value, _, best, _, _ in placed:                     # the governing trigger first
                if best is not None and better(value, events[best].time):
                    events[best].time = value
            triggers = {tokens[k].i for k in here}
            for k in here:                  # then an undated event takes the nearest date of its clause
                if self.describes_thing(tokens[k], triggers) or self.commemorated(tokens[k]):
                    continue
                mine = [(abs(tokens[k].i - date_token.i), value) for value, date_token, _, clause, _ in placed
                        if same_clause(tokens[k], clause)]
                if events[k].time is None and mine:
                    events[k].time = min(mine, key=lambda m: m[0])[1]
            for (_, end, _), (value, date_token, best, _, apart) in zip(dates, placed):   # else the nearest
                # trigger, but not the head of the clause whose opening comma follows the date (`stray`: "осудил
                # визит в ноябре, назвав его": the visit's, not "назвав"'s)
                if best is not None or apart:
                    continue
                opened = doc[end].head if end < len(doc) and doc[end].text == "," else None
                wrong = opened if opened is not None and clause_boundary(opened) and opened in date_token.ancestors \
                    else None
                free = [k for k in here if tokens[k] != wrong and not self.commemorated(tokens[k])]
                if free:
                    near = min(free, key=lambda k: abs(tokens[k].i - date_token.i))
                    if events[near].time is None and not topic(tokens[near]) and \
                            not dated_before(tokens[near], date_token.i):
                        events[near].time = value
            for start, end, value in dates:
                self.date_when(doc[start:end], value, events, tokens, here)
            self.date_said_now(events, tokens, here)
        for n, here in of_sentence.items():
            self.date_then(sents, found, n, here, events, tokens, ref, story)

    def describes_thing(self, token, triggers) -> bool:
        """Whether a noun event only describes the person it hangs from ("участник нападения на редакцию сдался
        7 января": the attack is not of 7 January): the clause's date is the person's verb's, not the event's."""
        head = token.head
        return token.pos_ in ("NOUN", "PROPN") and token.dep_ == "nmod" and head.i != token.i \
            and head.pos_ in ("NOUN", "PROPN") and head.i not in triggers and "Anim" in morph_get(head, "Animacy")

    def commemorated(self, token) -> bool:
        """Whether a noun event is in the phrase of an anniversary or a memorial before it (grammar.ttl
        ekg:CommemorationNouns: "в честь годовщины окончания войны", "в память об объединении города"), read
        along the words, as the parse may hang the phrase's last noun elsewhere: it happened long before the
        date of its clause."""
        if token.pos_ not in ("NOUN", "PROPN"):
            return False
        for word in reversed(token.doc[max(token.sent.start, token.i - 8):token.i]):
            if normalize(word.lemma_) in self.grammar.commemoration_nouns:
                return True
            if word.pos_ not in ("NOUN", "PROPN", "ADJ", "ADP", "NUM", "DET"):
                return False
        return False

    def date_when(self, date, value, events, tokens, here):
        """A "когда" clause on a date tells what happened then ("С 14 августа 2013 года, когда власти разогнали
        лагеря, ... были убиты": the dispersal is of 14 August, the deaths since): its undated events take the
        day itself, not the range the date starts."""
        doc, at = date.doc, date.end + (date.end < len(date.doc) and date.doc[date.end].text == ",")
        word = doc[at] if at < date.sent.end else None      # the parser hangs the clause on the date or the verb
        if word is None or word.lower_ not in self.grammar.when_words or word.dep_ not in ("advmod", "mark") or \
                word.head.dep_ not in ("acl", "acl:relcl", "advcl"):
            return
        clause = coordinated(word.head)
        for k in here:
            if events[k].time is None and coordinated(clause_head(tokens[k])) == clause:
                events[k].time = dataclasses.replace(value, qualifier=None)

    def date_said_now(self, events, tokens, here):
        """A present-tense verb in what a dated speech act says happens when it is said ("В среду премьер-министр
        заявил, что покидает свой пост": he leaves on Wednesday)."""
        at = {tokens[k].i: k for k in here}
        for k in here:
            token = tokens[k]
            if events[k].time is not None or token.pos_ != "VERB" or "Pres" not in morph_get(token, "Tense"):
                continue
            head = clause_head(token)
            host = at.get(head.head.i) if head.dep_ == "ccomp" else None
            if host is not None and events[host].time is not None and \
                    self.lexicon.is_a(events[host].type, EKG.Statement):
                events[k].time = events[host].time

    def date_then(self, sents, found, n, here, events, tokens, ref, story):
        """A sentence that opens with "Тогда" (grammar.ttl ekg:ThenWords; not "тогда как") is at the time the
        sentence before set in its main clause ("В 2009 году в Грузии происходили события. Тогда митинги
        длились неделями": 2009): the undated events of its clause take that date, written as the adverb. A date
        inside a subordinate clause or on a noun of the sentence before ("Напомним, что 25 декабря случилось",
        "после июньской трагедии") sets no time for the next one."""
        sent = sents[n]
        then = sent[0]
        if n == 0 or then.lower_ not in self.grammar.then_words or len(sent) < 2 or sent[1].lower_ == "как":
            return
        before = sents[n - 1]
        dates = found[n - 1] if found[n - 1] else find_dates(before, ref, story)
        main = [value for start, end, value in dates if value.value is not None
                and self.place(before.doc[start:end], [], [])[0].head == before.root]
        if not main:
            return
        end = sent[1] if sent[1].lower_ == "же" else then
        value = dataclasses.replace(main[0], text=sent.doc[then.i:end.i + 1].text, char_start=then.idx,
                                    char_end=end.idx + len(end))
        for k in here:
            if events[k].time is None and same_clause(tokens[k], clause_head(then)):
                events[k].time = value

    @staticmethod
    def year_before(sents, found, busy, n):
        """The year the sentence before sentence n states with a month or day (`stated_year`), read now if it
        holds no event (such sentences are not read for dates)."""
        if n == 0:
            return None
        dates = found[n - 1] if n - 1 in busy or found[n - 1] else find_dates(sents[n - 1], None)
        return stated_year(dates)

    def place(self, date, tokens, here):
        """(the date's head word, the trigger it dates first, its clause, whether it dates no other clause)."""
        doc = date.doc
        date_token = next((t for t in date if not date.start <= t.head.i < date.end or t.head == t), date[0])
        if date.start > 0 and doc[date.start - 1].lower_ == "от":   # "закон от 6 октября": the date of the noun
            noun = next((t for t in date_token.ancestors if t.pos_ in ("NOUN", "PROPN")), None)   # it describes
            return date_token, next((k for k in here if tokens[k] == noun), None), None, True
        noun = next((k for k in here if tokens[k] == date_token.head), None)
        if len(date) == 1 and date_token.pos_ == "ADJ" and (noun is not None or date_token.head.pos_ == "NOUN"):
            # "мартовских терактов": its noun's; "после июньской трагедии, в которой утонули": a noun no
            # trigger, the date of no event
            return date_token, noun, None, True
        if self.dates_thing(date_token) and noun is None:     # "на основе границ 1967 года": the borders' year
            return date_token, None, None, True
        return (date_token, *self.governing(date, date_token, tokens, here))

    def dates_thing(self, date_token) -> bool:
        """Whether a date is the bare genitive of a thing that is no event ("границ 1967 года", "итоги 2011 года"):
        it says which thing, and dates no event; not of a time word or a compound preposition ("в течение 2011
        года", "в день 9 мая"), nor a date with its own preposition the parser hung on a noun ("сдался после
        преследования в среду, 7 января")."""
        head = date_token.head
        return date_token.dep_ == "nmod" and head.pos_ == "NOUN" and head.i != date_token.i and \
            "Gen" in morph_get(date_token, "Case") and not any(c.dep_ == "case" for c in date_token.children) and \
            head.lemma_ not in self.grammar.time_words and head.lemma_ not in self.grammar.preposition_nouns and \
            "Anim" not in morph_get(head, "Animacy")

    @staticmethod
    def governing(date, date_token, tokens, here):
        """(the nearest trigger that governs the date, the date's clause head, whether the date is in a clause
        of its own without a trigger: it dates no other clause). A participle or relative clause dates the
        noun it describes ("атаки, произошедшей 11 сентября")."""
        trigger_at = {tokens[k].i: k for k in here}
        light_at = {tokens[k].head.i: k for k in here if tokens[k].pos_ == "NOUN" and tokens[k].head.pos_ == "VERB"
                    and not dated_before(tokens[k], date.start)}
        for anc in [date_token, *date_token.ancestors]:
            best = trigger_at.get(anc.i, light_at.get(anc.i))
            if (best is not None or clause_boundary(anc)) and anc != date_token and stray(date, anc):
                return None, None, False          # the parser's error: the nearest trigger, as for no clause
            if best is not None:
                return best, clause_head(anc), False
            if clause_boundary(anc):
                best = trigger_at.get(anc.head.i) if anc.dep_.startswith("acl") else None
                return best, anc, best is None
        return None, clause_head(date_token), False

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

    def model_roles(self, doc, res, events, tokens):
        """The argument model's word on each event's trigger and each entity mentioned in its sentence
        (extract/argument_model.py): an entity the rules gave no role takes the agent role when the model finds
        it an AGENT, the frame's participant role (sem:hasActor when the frame names none) when a PARTICIPANT,
        at the model's add threshold (its category's own where the weights give one: `Scorer.adds`); an entity
        the rules gave roles (places and topics aside) loses them when the model rejects it at its drop
        threshold."""
        model = self.arguments
        if model is None or not events:
            return
        found = argument_model.pairs(doc, res, self.lexicon, events, tokens,
                                     lambda t: case_words(t, self.place_preps))
        if not found:
            return
        done = set()
        for (n, mention, key, _, _), p in zip(found, model(found).tolist()):
            ev = events[n]
            if (n, key) in done:
                continue
            held = [r for r in ev.roles if r.entity == key]
            adding = not held and model.adds(p, str(res.category(key)))
            dropping = held and p[0] >= model.drop_threshold
            if not (adding or dropping) or self.argument_of_another(events, tokens, n, mention, key) or \
                    self.said_by(events, tokens, n, mention):
                continue    # the guards walk the tree: read only for a pair the model would change
            if adding and self.place_phrase(doc[argument_model.mention_root(
                    argument_model.tree(doc)[0], mention.start, mention.end)], res):
                continue    # "акция в центре Минска": a place, never a participant
            if adding:
                role = AGENT if p[1] >= p[2] else self.lexicon.frame(ev.type).participant_role or ACTOR
                root = doc[argument_model.mention_root(argument_model.tree(doc)[0], mention.start, mention.end)]
                ev.roles.append(Role(role=role, entity=key, start=root.idx, end=root.idx + len(root), by_model=True))
                done.add((n, key))
            else:
                ev.roles = [r for r in ev.roles if r.entity != key or r.role in (PLACE, TOPIC)]
                done.add((n, key))

    def said_by(self, events, tokens, n, mention) -> bool:
        """Whether the mention is in the subject of a statement the event's noun is said in: "Министр ...
        Словакии Юрай Бенко назвал удар ...", "выразил обеспокоенность ростом числа атак", "сообщил, что
        соглашение ...": the speaker and the speaker's state are no agents of what is spoken of. A topic
        with "о" is left to the model."""
        word, root = tokens[n], mention.root
        if word.pos_ != "NOUN" or (word.dep_ == "obl" and topic(word)):
            return False    # "объявил о назначении X своим советником": who announces a topic often did it
        return any(m != n and self.lexicon.is_a(other.type, EKG.Statement) and other_word.is_ancestor(word)
                   and any(child.dep_ in ("nsubj", "nsubj:pass") and (child == root or child.is_ancestor(root))
                           for child in other_word.children)
                   for m, (other, other_word) in enumerate(zip(events, tokens)))

    def model_places(self, doc, res, events, tokens):
        """The place model's word on each event's trigger and each place, state or facility mentioned in its
        sentence (extract/argument_model.py, `WHERE`): a mention the rules did not make the event's place becomes
        it (flagged by_model) at the model's add threshold; a rules' place goes when the model rejects it at its
        drop threshold. The grammar still rules out a place in a compound preposition's phrase ("Митинг в
        поддержку жителей Самары": no place), as it does for the rules, and a name inside the phrase of the
        event's place is part of it ("в здании МВД России": the ministry's building, not a second place), and the
        event's own party is not its place (`own_party`)."""
        model = self.place_model
        if model is None or not events:
            return
        found = argument_model.pairs(doc, res, self.lexicon, events, tokens,
                                     lambda t: case_words(t, self.place_preps), kinds=argument_model.WHERE)
        if not found:
            return
        heads, deps, _ = argument_model.tree(doc)
        added, placed, dropped = [], set(), set()
        for (n, mention, key, _, feats), p in zip(found, model(found).tolist()):
            own = "own_place=True" in feats
            if not own and p[1] >= self.add_threshold(model, mention, feats) and (n, key) not in placed:
                root = doc[argument_model.mention_root(heads, mention.start, mention.end)]
                chain = argument_model.phrase_chain(heads, deps, root.i)
                given = {r.start for r in events[n].roles if r.role == PLACE}
                if any(self.in_compound_preposition(doc[i]) or doc[i].idx in given for i in chain[1:]) or \
                        self.in_compound_preposition(root) or self.own_party(events[n], key) or \
                        self.origin_of_someone(root, tokens[n]) or self.inside_party(events[n], mention, res) or \
                        self.bare_instrumental(root):
                    continue
                added.append((n, Role(role=PLACE, entity=key, start=root.idx, end=root.idx + len(root),
                                      by_model=True)))
                placed.add((n, key))
            elif own and p[0] >= model.drop_threshold:
                dropped.add((n, key))
        for n, key in dropped:
            events[n].roles = [r for r in events[n].roles if r.role != PLACE or r.entity != key]
        for n, role in added:
            events[n].roles.append(role)

    def add_threshold(self, model, mention, feats) -> float:
        """The model's add threshold, lower (`argument_model.PHRASE_ADD_THRESHOLD`) for a phrase with a place
        preposition in the locative (where, not whither) when the rules gave the event no place at all ("в Баня-Луке"
        the parse hangs elsewhere): there the phrase itself says "where", and the model need only say whose. Only
        for a place or a state: "сообщили в компании «Транснефть»" is the company that spoke, not a place."""
        heads, _, _ = argument_model.tree(mention.doc)
        root = mention.doc[argument_model.mention_root(heads, mention.start, mention.end)]
        phrase = "has_place=False" in feats and ("cat=place" in feats or "cat=state" in feats) and \
            "Loc" in morph_get(root, "Case") and \
            bool(case_words(root, self.place_preps) & self.place_preps)
        return min(model.add_threshold, argument_model.PHRASE_ADD_THRESHOLD) if phrase else model.add_threshold

    @staticmethod
    def inside_party(event, mention, res) -> bool:
        """Whether a mention lies inside the name of a body that takes part in the event ("Правительство Исама
        Шарафа подало в отставку"): it names that body, not where the event happens."""
        parties = {r.entity for r in event.roles if r.entity and r.role != PLACE}
        return any(m.start <= mention.start and mention.end <= m.end and len(m) > len(mention) and
                   res.entity_of(m) in parties and res.category(res.entity_of(m)) == Category.ORGANIZATION
                   for m in res.in_sentence(res.sent_of[mention.start]))

    def origin_of_someone(self, phrase, trigger) -> bool:
        """Whether a place phrase says where someone comes from, on a noun other than the event's ("террористами из
        Сектора Газа была запущена ракета", "демонстранты из Нидерландов"): a trait of that noun's person, not where
        the event happens; a verb's own source stays one ("переехал из Техаса", "полёт из Джакарты")."""
        head = phrase.head
        return head.i != trigger.i and head.pos_ in ("NOUN", "PROPN") and "Gen" in morph_get(phrase, "Case") and \
            bool(case_words(phrase, self.place_preps) & self.grammar.origin_preps)

    def bare_instrumental(self, root) -> bool:
        """Whether a mention is in the instrumental with no preposition ("островам, захваченным Советским Союзом",
        "руководил Россией"): the one who acts or what is ruled, never where; a place needs a preposition there
        ("под Москвой", "перед зданием")."""
        return "Ins" in morph_get(root, "Case") and not case_words(root, self.place_preps)

    @staticmethod
    def own_party(event, key) -> bool:
        """Whether an entity is already one of the event's parties (agent, target, addressee, participant): who acts
        or what is hit is not where the event is ("запущена ракета по территории Израиля": Israel is the target,
        not the launch site; "Правительство подало в отставку"). Not the state in a party's title
        ("Премьер-министр Словении подал в отставку"): NEREL often places the event there, though the in-domain
        gold does not (cutting those too cost a NEREL dev place)."""
        return any(r.entity == key for r in event.roles if r.role in (AGENT, TARGET, ADDRESSEE, ACTOR))

    @staticmethod
    def argument_of_another(events, tokens, n, mention, key) -> bool:
        """Whether the mention is a rules' role of another event named by a noun whose phrase holds it, the
        model's event standing outside that phrase: "атакует ... на фоне конфликта с Россией" is Russia's
        conflict, not its attack. The model reads one pair at a time and would give the entity to both (a
        clause's subject is still the gerund's too: "Иван Петров, начав стрельбу, ...")."""
        root, word = mention.root, tokens[n]
        return any(m != n and other_word.pos_ in ("NOUN", "PROPN") and other_word.is_ancestor(root)
                   and not other_word.is_ancestor(word) and
                   any(not r.by_model and r.entity == key and mention.start_char <= r.start < mention.end_char
                       for r in other.roles)
                   for m, (other, other_word) in enumerate(zip(events, tokens)))

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


def sentence_groups(res, tokens) -> list[list[int]]:
    """The events' numbers by the sentence (or sentence piece) of their trigger, in document order. The models
    read an event's own sentence only, so each group is scored on its own."""
    groups: dict[int, list[int]] = {}
    for n, token in enumerate(tokens):
        groups.setdefault(res.sent_of[token.i], []).append(n)
    return list(groups.values())


@Language.factory("ontology_events", assigns=["doc._.events", "doc._.implied_entities"],
                  requires=["doc._.columns", "doc._.model_triggers", "doc.spans", "span._.entity", "span._.anchor",
                            "doc._.entities",
                            "doc._.relations", "doc._.article_date", "token.lemma", "token.pos", "token.morph", "token.dep"],
                  default_config={"ontology_dir": None})
def create_events(nlp, name, *, ontology_dir):
    warm_up()   # dateparser's patterns, compiled now rather than in the first document
    return EventExtractor(load_lexicon(ontology_dir))
