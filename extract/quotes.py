"""Statements from quoted and reported speech, attributed to their speaker.

- «Quote», — сказал он. / «Quote», — заключил Бакаев. / «Quote», — пояснил дипломат.
- Он добавил, что ... (a speech verb with a clause): the clause is the statement.
- По словам замминистра, ...: the rest of the sentence, said by the person.
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

from .lemma_lookup import lemma_column, lexicon_matches
from .resolve import Resolver
from .token_columns import text as doc_text



def quote_pattern(marks) -> re.Pattern:
    """«Quote», — : a quote (one level of inner quotes allowed) followed by a comma and a dash, for each pair
    of quote marks of the ontology's grammar (ontology/grammar.ttl)."""
    alternatives = []
    for opening, closing in marks:
        o, c = re.escape(opening), re.escape(closing)
        alternatives.append(f"{o}((?:[^{o}{c}]|{o}[^{o}{c}]*{c})+){c}")
    return re.compile("(?:" + "|".join(alternatives) + r")\s*,?\s*[—–-]\s*")

Doc.set_extension("speech", default=None, force=True)   # Speech | ClauseQuote | SpokenFor, in order
CONFIDENCE = {"direct-quote": 0.9, "reported-speech": 0.8, "po-slovam": 0.8}


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


@dataclass(frozen=True)
class ClauseQuote:
    """A speech verb already taken whose clause is the quote of the events it triggers that have none."""
    start: int
    quote: str


@dataclass(frozen=True)
class SpokenFor:
    """The events inside a quote [start, end) that have no agent are done by the speaker's side."""
    start: int
    end: int
    side: str                  # entity key


class QuoteExtractor:
    def __init__(self, lexicon):
        self.lexicon = lexicon
        self.statement = EKG.Statement
        self.verbs = set(lexicon.quote_verbs) | {l for l, c in lexicon.triggers.items() if c == self.statement}
        self.verb_table = dict.fromkeys(self.verbs, True)
        self.quote = quote_pattern(lexicon.grammar.quote_marks or (("«", "»"),))

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
        for m in self.quote.finditer(doc_text(doc)):
            verb = doc.char_span(m.end(), m.end() + 40, alignment_mode="expand")
            verb = verb[0] if verb is not None and len(verb) else None
            if verb is None or verb.lemma_.lower() not in self.verbs:
                continue
            key, _ = self.speaker(verb, res)
            group = next(n for n in range(1, len(m.groups()) + 1) if m.group(n) is not None)
            self.add(speech, taken, verb, sent_of, key, m.group(group), "direct-quote")
            self.speak_for(doc, speech, key, m.start(group), m.end(group))
        said = {token.i for token, value in lexicon_matches(doc, self.verb_table) if value}
        according_to = {i for i, (lemma, _) in enumerate(lemma_column(doc)) if lemma == "слово"}
        for verb in (doc[i] for i in sorted(said | according_to)):
            if verb.i in said and verb.pos_ == "VERB":
                clause = next((c for c in verb.children if c.dep_ == "ccomp" or (c.dep_ in ("advcl", "parataxis")
                               and any(m.lower_ in ("что", "чтобы") for m in c.children if m.dep_ == "mark"))), None)
                if clause is not None and (verb.idx, verb.idx + len(verb)) not in taken:
                    key, _ = self.speaker(verb, res)
                    text = doc[clause.left_edge.i:clause.right_edge.i + 1].text
                    text = re.sub(r"^[,\s]*(что|чтобы)\s+", "", text)
                    self.add(speech, taken, verb, sent_of, key, text, "reported-speech")
                elif clause is not None:
                    speech.append(ClauseQuote(start=verb.idx, quote=re.sub(
                        r"^[,\s]*(что|чтобы)\s+", "", doc[clause.left_edge.i:clause.right_edge.i + 1].text)))
            if verb.lemma_ == "слово" and any(c.lower_ == "по" for c in verb.children):
                source = next((c for c in verb.children if c.dep_ == "nmod"), None)
                keys = res.entities(source, role_nouns=True) if source is not None else []
                sent = verb.sent
                rest = doc[verb.right_edge.i + 1:sent.end].text.lstrip(", ").strip()
                self.add(speech, taken, verb, sent_of, keys[0] if keys else None, rest, "po-slovam")
        doc._.speech = speech
        return doc

    def speak_for(self, doc, speech, speaker, start, end):
        """An agentless event inside a quote ("Приглашали послов") is done by the speaker's side."""
        side = next((r.object for r in doc._.relations or [] if r.subject == speaker
                     and r.predicate == EKG.holdsPositionIn), None)
        if side:
            speech.append(SpokenFor(start=start, end=end, side=side))

    def add(self, speech, taken, verb, sent_of, key, quote, rule):
        span = (verb.idx, verb.idx + len(verb))
        speech.append(Speech(start=span[0], end=span[1], trigger=verb.text, sentence=sent_of[verb.i], speaker=key,
                             quote=quote.strip(), confidence=CONFIDENCE[rule], rule=rule))
        taken.add(span)


@Language.factory("ontology_quotes", assigns=["doc._.speech"],
                  requires=["doc._.columns", "doc._.events", "doc._.relations", "doc._.entities", "doc.spans",
                            "span._.entity", "span._.anchor", "token.lemma", "token.pos", "token.morph", "token.dep"],
                  default_config={"ontology_dir": None})
def create_quotes(nlp, name, *, ontology_dir):
    return QuoteExtractor(load_lexicon(ontology_dir))
