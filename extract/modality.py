"""Modality: whether an event trigger reports something that happened, or something negated, contested,
threatened, possible or planned. The cue words are the ontology's (modality.ttl, `ontology.cues`).

Sets `doc._.modality`: (start, end) of a trigger -> (Modality IRI, cue word), for the triggers of
`doc._.events` and of the statements in `doc._.speech` that are not asserted; `extract.to_records` writes it on
the events. From the dependency parse, a trigger's clause is the trigger, the verb a noun trigger is the
subject or object of ("соглашение может быть подписано"), and the verbs above them through infinitive
complements ("планируют подписать"). Then:
- a word of the clause from the cue list is a governor ("планировать", "мочь", "пригрозить", "опровергнуть");
- a dependent of the clause from the cue list is a modifier ("не", "бы", "если", "возможно"); so is a participle
  of a governor on a noun trigger ("готовящееся заявление", "предстоящие переговоры": its lemma is the verb's);
- a future auxiliary ("будет подписано") or a verb in the future tense ("начнется") is Planned.
The first in the ontology's order wins when cues meet ("не планирует" is negated).
"""
from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from ontology.cues import load_modality_cues
from ontology.lexicon import normalize
from ontology.terms import EKG

from .quotes import Speech
from .token_columns import morph_get

Doc.set_extension("modality", default=None, force=True)

NOUN_TO_VERB = {"nsubj", "nsubj:pass", "obj", "obl", "iobj"}   # a noun trigger's verb: its clause
UP = {"xcomp", "csubj", "csubj:pass"}                            # an infinitive under a modal verb
MAX_CLAUSE = 4
NAMES = {"PROPN", "NOUN"}   # a name's initial is no cue word: "Б. Обама назначил" is not "бы"


def clause(token, governors=(), carriers=frozenset()) -> list:
    """The trigger, then the words its clause hangs from, nearest first; last, a governing noun of the cues a
    noun or infinitive hangs from ("слухи о его отставке", "намерение уйти в отставку"). A noun trigger a carrier
    noun governs, a permit ("разрешение на арест") or a round of it ("должен пройти первый тур выборов"), hangs
    from the carrier's verb through it. Not a stage noun ("открытие Игр состоится"): NEREL marks such planned
    events, and the stage is an event of its own."""
    chain = [token]
    if carried(token, carriers):
        chain.append(token.head)
    if chain[-1].pos_ in ("NOUN", "PROPN") and chain[-1].dep_ in NOUN_TO_VERB and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    while len(chain) < MAX_CLAUSE and chain[-1].head.i != chain[-1].i and (
            chain[-1].dep_ in UP or (chain[-1].dep_ == "conj" and "Inf" in morph_get(chain[-1], "VerbForm"))):
        chain.append(chain[-1].head)    # "не смогли подтвердить или опровергнуть": infinitives share a governor
    last = chain[-1]
    if last.dep_ in ("nmod", "acl") and last.head.pos_ == "NOUN" and words(last.head) & set(governors):
        chain.append(last.head)
    return chain


def carried(token, carriers) -> bool:
    """Whether a noun trigger is the genitive or object of a carrier noun ("ордер на арест", "тур выборов")."""
    return token.pos_ in ("NOUN", "PROPN") and token.dep_ == "nmod" and token.head.i != token.i \
        and bool(words(token.head) & carriers)


def circumstance(token) -> bool:
    """A noun trigger in an oblique of its verb ("при обыске не обнаружены", "на встрече не обсуждали"): the
    event is where or when the verb's action took place, and the verb's negation denies that action, not the
    event; a governor verb governs its object, not the time of its action (`time_of`: "После встречи депутаты
    опровергли информацию": the meeting took place). A negated event is the verb's subject instead ("Атаки не было",
    "Взрыва не произошло")."""
    return token.pos_ in ("NOUN", "PROPN") and token.dep_ == "obl"


def time_of(token, prepositions) -> bool:
    """Whether a noun's preposition makes it the time of its verb's action ("после встречи", "во время визита",
    "в ходе переговоров", "при обыске": modality.ttl ekg:timePreposition), not what the verb is about
    ("отказываются от переговоров")."""
    case = [c for c in token.children if c.dep_ == "case"]
    return any(words(w) & prepositions for c in case for w in (c, *(f for f in c.children if f.dep_ == "fixed")))


normal = lru_cache(maxsize=100_000)(normalize)   # asked of each word of every trigger's clause


def words(token) -> set[str]:
    return {normal(token.lemma_), normal(token.text)}


class ModalityTagger:
    def __init__(self, cues):
        self.cues = cues
        self.participle_cues = {**cues.modifiers, **cues.governors}
        self.carriers = cues.permit_nouns | cues.round_nouns

    def modality(self, token):
        """The (Modality IRI, cue word) of a trigger token, None when it is asserted."""
        found = []
        chain = clause(token, self.cues.governors, self.carriers)
        inside = {t.i for t in chain}
        verb_at = 2 if carried(token, self.carriers) else 1
        noun = chain[verb_at - 1]     # the noun that hangs from the verb: the trigger, or its carrier
        for n, word in enumerate(chain):
            if n and (hit := next((self.cues.governors[w] for w in words(word) if w in self.cues.governors), None)) \
                    and not (n == verb_at and circumstance(noun) and time_of(noun, self.cues.time_prepositions)):
                found.append((hit, word.text))
            for child in word.children:
                if child.i in inside or child.pos_ in NAMES or (child.dep_ == "mark" and word.dep_ == "ROOT"):
                    continue    # a subordinator on the sentence's root belongs to a clause the parse misplaced
                if (hit := self.modifier(child)):
                    if not (hit == EKG.Negated and n and (circumstance(chain[n - 1]) or (
                            n == verb_at and self.stance_on(noun, word)))):
                        found.append((hit, child.text))
                elif child.dep_.startswith(("aux", "cop")) and normalize(child.text) in self.cues.future_auxiliaries:
                    found.append((EKG.Planned, child.text))
            if word.pos_ in ("VERB", "AUX") and "Fut" in morph_get(word, "Tense"):
                found.append((EKG.Planned, word.text))
        return min(found, key=lambda f: self.cues.rank(f[0])) if found else None

    def stance_on(self, noun, verb) -> bool:
        """Whether a noun trigger is the object of a verb of stance ("не поддержала санкции", "не признаёт
        выборы": modality.ttl ekg:StanceVerbs): the verb's negation denies the stance, the event took place."""
        return noun.pos_ in NAMES and noun.dep_ == "obj" and bool(words(verb) & self.cues.stance_verbs)

    def modifier(self, child):
        """The Modality a dependent gives its head: a cue word, or the participle of a governor verb on the noun
        ("готовящемся заявлении", "планируемый визит", lemmatised to "готовиться", "планироваться"), an
        adjective or, with words of its own, a clause ("на предстоящих в 2012 году выборах": acl)."""
        participle = child.dep_ in ("amod", "acl") and "Part" in morph_get(child, "VerbForm")
        cues = self.participle_cues if participle else self.cues.modifiers
        return next((cues[w] for w in words(child) if w in cues), None)

    def __call__(self, doc):
        spans = [(e.start, e.end) for e in doc._.events or []] + \
            [(s.start, s.end) for s in doc._.speech or [] if isinstance(s, Speech)]
        out = {}
        for start, end in spans:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and len(span) and (m := self.modality(span[0])) is not None:
                out[(start, end)] = m
        doc._.modality = out
        return doc


@Language.factory("ontology_modality", assigns=["doc._.modality"],
                  requires=["doc._.events", "doc._.speech", "token.lemma", "token.pos", "token.morph",
                            "token.dep"],
                  default_config={"ontology_dir": None})
def create_modality(nlp, name, *, ontology_dir):
    return ModalityTagger(load_modality_cues(ontology_dir))
