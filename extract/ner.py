"""Named entities (PER, ORG, LOC) from Natasha's NER tagger, as `doc.ents`.

These are the raw model's spans; `extract.mentions` types them by the ontology.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Span
from spacy.util import filter_spans

from . import models


class NatashaNER:
    def __call__(self, doc):
        return next(self.pipe([doc]))

    def pipe(self, docs, batch_size=None):
        tagger = models.ner_tagger()
        for doc in docs:
            spans = []
            if all(t.is_space for t in doc):   # Natasha's CRF decoder fails on no tokens (IndexError)
                doc.ents = ()
                yield doc
                continue
            for span in tagger(doc.text).spans:
                s = doc.char_span(span.start, span.stop, label=span.type, alignment_mode="expand")
                if s is not None:
                    # a name never crosses a line break (a headline without a full stop runs into the body)
                    end = next((t.i for t in s if t.is_space and "\n" in t.text), s.end)
                    if end > s.start:
                        spans.append(Span(doc, s.start, end, label=s.label))
            doc.ents = filter_spans(spans)
            yield doc


@Language.factory("natasha_ner", assigns=["doc.ents"])
def create_ner(nlp, name):
    return NatashaNER()
