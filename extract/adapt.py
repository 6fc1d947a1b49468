"""The boundary: a processed spaCy Doc and its source -> a `records.Document`."""
from __future__ import annotations

from . import VERSION
from .records import Document, Mention, Sentence
from .resolve import sentence_numbers


def to_document(doc, source, ontology_digest: str = "") -> Document:
    text = doc.text   # spaCy joins the tokens' texts anew on every `doc.text`
    sents = list(doc.sents)
    sent_of = sentence_numbers(doc)
    sentences = []
    for n, s in enumerate(sents):
        words = [t for t in s if not t.is_space]
        start, end = (words[0].idx, words[-1].idx + len(words[-1])) if words else (s.start_char, s.end_char)
        sentences.append(Sentence(index=n, start=start, end=end, text=text[start:end]))
    entities = doc._.entities
    mentions = [Mention(start=m.start_char, end=m.end_char, text=m.text, sentence=sent_of[m.start],
                        entity=m._.entity, cls=entities[m._.entity].cls, confidence=m._.confidence, rule=m._.rule)
                for m in doc.spans["mentions"] if m._.entity]
    used = {m.entity for m in mentions} | {r.entity for e in doc._.events for r in e.roles} | \
        {k for r in doc._.relations for k in (r.subject, r.object)}
    return Document(
        key=source.key, path=source.source or source.path, text=text, title=source.title, date=source.date,
        outlet=doc._.outlet, content_hash=source.content_hash, extractor_version=VERSION,
        ontology_digest=ontology_digest,
        sentences=sentences, mentions=mentions,
        entities=[e for k, e in entities.items() if k in used],   # unused: a known actor only an alias matched
        relations=list(doc._.relations), events=list(doc._.events), warnings=list(source.warnings),
    )
