"""spaCy's Russian pymorphy3 lemmatizer, remembering its answers.

pymorphy3's analysis of each token was half of the whole pipeline's time. Its answer depends only on
the token's text, part of speech and morphological features, and news repeats its words, so each
(text, POS, features) is analysed once per process. Lemmas are exactly those of spaCy's lemmatizer.
"""
from __future__ import annotations

from functools import lru_cache

import spacy.lang.ru.lemmatizer as ru_lemmatizer
import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.lang.ru import Russian
from spacy.lang.ru.lemmatizer import PUNCT_RULES, RussianLemmatizer
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.symbols import POS as POS_SYMBOL
from spacy.tokens import MorphAnalysis

from .lemma_lookup import analyzer, known_analyses

CACHE_SIZE = 500_000   # entries (~100 bytes each); past it, new forms are analysed every time


# spaCy converts the OpenCorpora tag of every analysis of every token to UD features; the conversion is a
# pure function of the tag string and there are a few hundred tags, so it is computed once per tag.
if not hasattr(ru_lemmatizer.oc2ud, "cache_info"):
    ru_lemmatizer.oc2ud = lru_cache(maxsize=4096)(ru_lemmatizer.oc2ud)


# the features spaCy compares between a token and each analysis, by the token's POS (`_pymorphy_lemmatize`)
COMPARED = {**dict.fromkeys(("ADJ", "DET", "NOUN", "PROPN"), ("Case", "Number", "Gender")),
            "NUM": ("Case", "Gender"), "PRON": ("Case", "Number", "Gender", "Person"),
            "VERB": ("Aspect", "Gender", "Mood", "Number", "Tense", "VerbForm", "Voice")}
POS_NAMES = {int(v): k for k, v in POS_IDS.items()}


class CachedRussianLemmatizer(RussianLemmatizer):
    def __init__(self, *args, **kwargs):
        self._morph = analyzer()     # spaCy keeps an analyser already set; this one caches per word form
        super().__init__(*args, **kwargs)
        # keyed by the vocabulary's ids of (text, POS, features): no strings are built for a known token
        self._answers: dict[tuple[int, int, int], int] = {}
        self._readings: dict[str, tuple] = {}     # word form -> its known analyses as (UD POS, UD features, lemma)
        self._features: dict[int, dict] = {}      # morph hash -> `token.morph.to_dict()`

    def __call__(self, doc):
        """spaCy's `Lemmatizer.__call__` (pymorphy3 mode) with each (text, POS, features) analysed once."""
        if self.mode != "pymorphy3":
            return super().__call__(doc)
        if not len(doc):
            return doc
        answers, strings = self._answers, doc.vocab.strings
        # read and written as arrays: a spaCy Token (and its MorphAnalysis) only for a form not seen before
        table = doc.to_array([ORTH, POS, MORPH, LEMMA])
        orths, poses, morphs, old = table.T.tolist()
        keys = list(zip(orths, poses, morphs))
        found = list(map(answers.get, keys))     # known forms (most: words recur) looked up in C
        for i in (i for i, lemma in enumerate(found) if lemma is None):
            if old[i] and not self.overwrite:
                continue
            orth, pos, morph = key = keys[i]
            lemma = answers.get(key)             # an earlier token of this document may have added it
            if lemma is None:
                lemma = strings.add(self.lemma_of(strings[orth], POS_NAMES.get(pos, ""), morph, doc.vocab))
                if len(answers) < CACHE_SIZE:
                    answers[key] = lemma
            found[i] = lemma
        if not self.overwrite:                   # spaCy's rule: a lemma already set stays
            found = [o or f for o, f in zip(old, found)]
        lemmas = numpy.array(found, dtype="uint64")
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc

    def lemma_of(self, text: str, pos: str, morph: int, vocab) -> str:
        """`RussianLemmatizer._pymorphy_lemmatize(token)[0]` from the token's text, POS and morph hash, step for
        step: a form new to the cache is read without a spaCy Token, its features are parsed once per morph
        hash, and each word form's analyses are turned into UD terms once (`readings`), not once per
        (text, POS, features). tests/test_pipeline.py compares it with spaCy's on every token of texts."""
        if pos == "PUNCT":
            return PUNCT_RULES.get(text, text)
        if pos not in COMPARED:                  # spaCy's `_pymorphy_lookup_lemmatize`
            forms = {analysis.normal_form for analysis in self._morph.parse(text)}
            return next(iter(forms)) if len(forms) == 1 else text
        readings = self._readings.get(text)
        if readings is None:
            readings = self.readings(text)
        kept = [r for r in readings if r[0] == pos or (r[0] in ("NOUN", "PROPN") and pos in ("NOUN", "PROPN"))
                or (r[0] == "PRON" and pos == "DET")]
        if not kept:
            return text.lower()
        morphology = self._features.get(morph)
        if morphology is None:
            morphology = self._features[morph] = MorphAnalysis.from_id(vocab, morph).to_dict()
        if len(morphology) == 1 and POS_SYMBOL in morphology:
            return kept[0][2]
        compared = [(f, morphology[f].lower()) for f in COMPARED[pos] if f in morphology]
        for _, features, lemma in kept:
            if all(f not in features or features[f].lower() == value for f, value in compared):
                return lemma
        return text.lower()

    def readings(self, text: str) -> tuple:
        """(UD POS, UD features, normal form) of each analysis pymorphy3 knows of a word form, in its order."""
        found = tuple((*ru_lemmatizer.oc2ud(str(a.tag)), a.normal_form)
                      for a in known_analyses(self._morph.parse(text)))
        if len(self._readings) < CACHE_SIZE:
            self._readings[text] = found
        return found


@Russian.factory("cached_lemmatizer", assigns=["token.lemma"], requires=["token.pos", "token.morph"],
                 default_config={"model": None, "mode": "pymorphy3", "overwrite": False,
                                 "scorer": {"@scorers": "spacy.lemmatizer_scorer.v1"}})
def make_cached_lemmatizer(nlp, model, name, mode, overwrite, scorer):
    return CachedRussianLemmatizer(nlp.vocab, model, name, mode=mode, overwrite=overwrite, scorer=scorer)
