"""Part of speech and morphological features from Natasha's morphology tagger.

Lemmas come after this stage from spaCy's own Russian lemmatizer in pymorphy3
mode, which reads the POS and features set here to pick the right analysis.
"""
from __future__ import annotations

from spacy.language import Language

from . import models


def sentence_tokens(doc):
    """Non-whitespace tokens of each sentence: what Natasha's taggers expect."""
    for sent in doc.sents:
        words = [t for t in sent if not t.is_space]
        if words:
            yield words


def feats_string(feats: dict) -> str:
    return "|".join(f"{k}={v}" for k, v in sorted(feats.items()))


class NatashaMorphology:
    def __init__(self, batch_size: int = 64):
        self.batch_size = batch_size

    def __call__(self, doc):
        return next(self.pipe([doc]))

    def pipe(self, docs, batch_size=None):
        tagger = models.morph_tagger()
        for doc in docs:
            sents = list(sentence_tokens(doc))
            markups = tagger.map([[t.text for t in s] for s in sents])
            for tokens, markup in zip(sents, markups):
                for token, tag in zip(tokens, markup.tokens):
                    token.pos_ = tag.pos
                    token.set_morph(feats_string(tag.feats) or None)
            for token in doc:
                if token.is_space:
                    token.pos_ = "SPACE"
            yield doc


@Language.factory("natasha_morphology", assigns=["token.pos", "token.morph"],
                  default_config={"batch_size": 64})
def create_morphology(nlp, name, *, batch_size: int):
    return NatashaMorphology(batch_size=batch_size)
