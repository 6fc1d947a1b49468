"""Statements from quoted and reported speech, attributed to their speaker.

- «Quote», — сказал он. / «Quote», — заключил Бакаев. / «Quote», — пояснил дипломат.
- Он добавил, что ... (a speech verb with a clause): the clause is the statement.
- По словам замминистра, ...: the rest of the sentence, said by the person.
- "X said ..., передает Y": Y is the outlet that reported it; then every statement in the
  document is reported by Y.
Speakers resolve through `Resolver`: a name, "он"/"она", or a person role noun such as "дипломат".
Runs after `ontology_events`, adds to `doc._.events`.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ontology.lexicon import load_lexicon
from ontology.terms import EKG, Category

from .records import Event, Role
from .lemmas import hits, lemma_column
from .resolve import Resolver

QUOTE = re.compile(r"«((?:[^«»]|«[^«»]*»)+)»\s*,?\s*[—–-]\s*")
AGENT, REPORTED_BY = EKG.agent, EKG.reportedBy
Doc.set_extension("outlet", default=None, force=True)
CONFIDENCE = {"direct-quote": 0.9, "reported-speech": 0.8, "po-slovam": 0.8}


class QuoteExtractor:
    def __init__(self, lexicon):
        self.lexicon = lexicon
        self.statement = EKG.Statement
        self.verbs = set(lexicon.quote_verbs) | {l for l, c in lexicon.triggers.items() if c == self.statement}
        self.verb_table = dict.fromkeys(self.verbs, True)

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
        events = doc._.events
        sent_of = res.sent_of
        taken = {(e.start, e.end) for e in events if e.type == self.statement}
        for m in QUOTE.finditer(doc.text):
            verb = doc.char_span(m.end(), m.end() + 40, alignment_mode="expand")
            verb = verb[0] if verb is not None and len(verb) else None
            if verb is None or verb.lemma_.lower() not in self.verbs:
                continue
            key, _ = self.speaker(verb, res)
            self.add(events, taken, verb, sent_of, key, m.group(1), "direct-quote")
            self.speak_for(doc, events, key, m.start(1), m.end(1))
        speech = {token.i for token, value in hits(doc, self.verb_table) if value}
        slovo = {i for i, (lemma, _) in enumerate(lemma_column(doc)) if lemma == "слово"}
        for verb in (doc[i] for i in sorted(speech | slovo)):
            if verb.i in speech and verb.pos_ == "VERB":
                clause = next((c for c in verb.children if c.dep_ == "ccomp" or (c.dep_ in ("advcl", "parataxis")
                               and any(m.lower_ in ("что", "чтобы") for m in c.children if m.dep_ == "mark"))), None)
                if clause is not None and (verb.idx, verb.idx + len(verb)) not in taken:
                    key, _ = self.speaker(verb, res)
                    text = doc[clause.left_edge.i:clause.right_edge.i + 1].text
                    text = re.sub(r"^[,\s]*(что|чтобы)\s+", "", text)
                    self.add(events, taken, verb, sent_of, key, text, "reported-speech")
                elif clause is not None:
                    for ev in events:
                        if ev.start == verb.idx and ev.quote is None:
                            ev.quote = re.sub(r"^[,\s]*(что|чтобы)\s+", "",
                                              doc[clause.left_edge.i:clause.right_edge.i + 1].text)
            if verb.lemma_ == "слово" and any(c.lower_ == "по" for c in verb.children):
                source = next((c for c in verb.children if c.dep_ == "nmod"), None)
                keys = res.entities(source, role_nouns=True) if source is not None else []
                sent = verb.sent
                rest = doc[verb.right_edge.i + 1:sent.end].text.lstrip(", ").strip()
                self.add(events, taken, verb, sent_of, keys[0] if keys else None, rest, "po-slovam")
        self.attribute_outlet(doc, events, res)
        return doc

    def speak_for(self, doc, events, speaker, start, end):
        """An agentless event inside a quote ("Приглашали послов") is done by the speaker's side."""
        side = next((r.object for r in doc._.relations or [] if r.subject == speaker
                     and r.predicate == EKG.holdsPositionIn), None)
        for ev in events:
            if side and start <= ev.start < end and ev.type != self.statement \
                    and not any(r.role == AGENT for r in ev.roles):
                ev.roles.append(Role(role=AGENT, entity=side, start=ev.start, end=ev.end))
                ev.confidence = min(ev.confidence, 0.5)

    def add(self, events, taken, verb, sent_of, key, quote, rule):
        span = (verb.idx, verb.idx + len(verb))
        existing = next((e for e in events if (e.start, e.end) == span), None)
        if existing is not None:          # the speech verb was already an event trigger: enrich it
            existing.quote = existing.quote or quote.strip()
            if key and not any(r.role == AGENT for r in existing.roles):
                existing.roles.append(Role(role=AGENT, entity=key, start=span[0], end=span[1]))
            taken.add(span)
            return
        roles = [Role(role=AGENT, entity=key, start=span[0], end=span[1])] if key else []
        events.append(Event(index=len(events), type=self.statement, trigger=verb.text, start=span[0],
                            end=span[1], sentence=sent_of[verb.i], roles=roles, quote=quote.strip(),
                            confidence=CONFIDENCE[rule], rule=rule))
        taken.add(span)

    def attribute_outlet(self, doc, events, res):
        """"X заявил ..., передает Y": Y's statement is the report of X's, and Y reported the document."""
        outlet = None
        for ev in [e for e in events if e.type == self.statement]:
            agent = next((r.entity for r in ev.roles if r.role == AGENT), None)
            if not agent or res.category(agent) != Category.ORGANIZATION:
                continue
            peers = [p for p in events if p.type == self.statement and p.sentence == ev.sentence and p is not ev
                     and any(r.role == AGENT and res.category(r.entity) == Category.PERSON for r in p.roles if r.entity)]
            if peers:
                outlet = agent
                doc._.entities[agent].cls = EKG.MediaOutlet if doc._.entities[agent].cls == \
                    EKG.Organization else doc._.entities[agent].cls
                events.remove(ev)
        renumber(events)
        doc._.outlet = outlet
        if outlet:
            for ev in events:
                if ev.type == self.statement and not any(r.role == REPORTED_BY for r in ev.roles):
                    ev.roles.append(Role(role=REPORTED_BY, entity=outlet, start=ev.start, end=ev.end))


def renumber(events):
    """Give events their positions again after one was dropped, keeping topic links pointing right."""
    new = {ev.index: n for n, ev in enumerate(events)}
    for n, ev in enumerate(events):
        ev.index = n
        for role in ev.roles:
            if role.event is not None:
                role.event = new.get(role.event)
        ev.roles = [r for r in ev.roles if r.entity or r.event is not None or r.value]


@Language.factory("ontology_quotes", assigns=["doc._.events"], requires=["doc._.events"],
                  default_config={"ontology_dir": None})
def create_quotes(nlp, name, *, ontology_dir):
    return QuoteExtractor(load_lexicon(ontology_dir))
