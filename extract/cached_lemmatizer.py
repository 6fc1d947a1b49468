"""spaCy's Russian pymorphy3 lemmatizer, remembering its answers.

pymorphy3's analysis of each token was half of the whole pipeline's time. Its answer depends only on
the token's text, part of speech and morphological features, and news repeats its words, so each
(text, POS, features) is analysed once per process. Lemmas are exactly those of spaCy's lemmatizer.
"""
from __future__ import annotations

from functools import lru_cache

import spacy.lang.ru.lemmatizer as ru_lemmatizer
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.lang.ru import Russian
from spacy.lang.ru.lemmatizer import RussianLemmatizer

from .lemma_lookup import analyzer

CACHE_SIZE = 500_000   # entries (~100 bytes each); past it, new forms are analysed every time


# spaCy converts the OpenCorpora tag of every analysis of every token to UD features; the conversion is a
# pure function of the tag string and there are a few hundred tags, so it is computed once per tag.
if not hasattr(ru_lemmatizer.oc2ud, "cache_info"):
    ru_lemmatizer.oc2ud = lru_cache(maxsize=4096)(ru_lemmatizer.oc2ud)


class CachedRussianLemmatizer(RussianLemmatizer):
    def __init__(self, *args, **kwargs):
        self._morph = analyzer()     # spaCy keeps an analyser already set; this one caches per word form
        super().__init__(*args, **kwargs)
        # keyed by the vocabulary's ids of (text, POS, features): no strings are built for a known token
        self._answers: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc):
        """spaCy's `Lemmatizer.__call__` (pymorphy3 mode) with each (text, POS, features) analysed once."""
        if self.mode != "pymorphy3":
            return super().__call__(doc)
        if not len(doc):
            return doc
        answers, strings = self._answers, doc.vocab.strings
        # read and written as arrays: a spaCy Token (and its MorphAnalysis) only for a form not seen before
        table = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = table[:, 3].copy()
        for i, (orth, pos, morph, old) in enumerate(table.tolist()):
            if not (self.overwrite or old == 0):
                continue
            key = (orth, pos, morph)
            lemma = answers.get(key)
            if lemma is None:
                lemma = strings.add(self.pymorphy3_lemmatize(doc[i])[0])
                if len(answers) < CACHE_SIZE:
                    answers[key] = lemma
            lemmas[i] = lemma
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc


@Russian.factory("cached_lemmatizer", assigns=["token.lemma"], requires=["token.pos", "token.morph"],
                 default_config={"model": None, "mode": "pymorphy3", "overwrite": False,
                                 "scorer": {"@scorers": "spacy.lemmatizer_scorer.v1"}})
def make_cached_lemmatizer(nlp, model, name, mode, overwrite, scorer):
    return CachedRussianLemmatizer(nlp.vocab, model, name, mode=mode, overwrite=overwrite, scorer=scorer)
