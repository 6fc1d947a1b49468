"""Named entities (PER, ORG, LOC) from Natasha's NER tagger, as `doc.ents`.

These are the raw model's spans; `extract.mentions` types them by the ontology.

The tagger reads a text as one sequence and its memory grows with it (+400 MB at 300,000 characters), so a text
over CHUNK characters is tagged in pieces of about that size, cut at sentence starts (at a line start where
there is one in the second half of a piece). No article of factru-dev or NEREL comes near: they are tagged whole.
"""
from __future__ import annotations

from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Span
from spacy.util import filter_spans
from slovnet.bio import bio_spans

from . import models
from .tokens import source_text, source_tokens


CHUNK = 50_000     # characters


def pieces(doc, text: str, size: int = CHUNK) -> list[tuple[int, int]]:
    """(start, end) character ranges that cover the text, each at most `size` long unless one sentence is longer."""
    if len(text) <= size:
        return [(0, len(text))]
    starts = [s.start_char for s in doc.sents if s.start_char > 0] + [len(text)]
    out, a = [], 0
    while a < len(text):
        fits = [b for b in starts if a < b <= a + size] or [next(b for b in starts if b > a)]
        lines = [b for b in fits if text[b - 1] == "\n" and b > a + size // 2]
        b = (lines or fits)[-1]
        out.append((a, b))
        a = b
    return out


class NatashaNER:
    def __call__(self, doc):
        return next(self.pipe([doc]))

    def pipe(self, docs, batch_size=None):
        tagger = models.ner_tagger()
        for doc in docs:
            spans = []
            if doc.to_array(IS_SPACE).all():   # Natasha's CRF decoder fails on no tokens (IndexError)
                doc.ents = ()
                yield doc
                continue
            text = source_text(doc) or doc.text
            parts, tokens = pieces(doc, text), source_tokens(doc)
            if len(parts) == 1 and tokens:      # the tokenizer's razdel tokens: the tagger's own, not made again
                found = [(s.start, s.stop, s.type)
                         for s in bio_spans(tokens, models.ner_tags([t.text for t in tokens]))]
            else:
                found = [(a + span.start, a + span.stop, span.type)
                         for a, b in parts for span in tagger(text[a:b]).spans]
            for start, stop, label in found:
                s = doc.char_span(start, stop, label=label, alignment_mode="expand")
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
