"""spaCy's Russian pymorphy3 lemmatizer, remembering its answers.

pymorphy3's analysis of each token was half of the whole pipeline's time. Its answer depends only on
the token's text, part of speech and morphological features, and news repeats its words, so each
(text, POS, features) is analysed once per process. Lemmas are exactly those of spaCy's lemmatizer.
"""
from __future__ import annotations

from functools import lru_cache

import spacy.lang.ru.lemmatizer as ru_lemmatizer
from spacy.lang.ru import Russian
from spacy.lang.ru.lemmatizer import RussianLemmatizer

CACHE_SIZE = 500_000   # entries (~100 bytes each); past it, new forms are analysed every time


# spaCy converts the OpenCorpora tag of every analysis of every token to UD features; the conversion is a
# pure function of the tag string and there are a few hundred tags, so it is computed once per tag.
if not hasattr(ru_lemmatizer.oc2ud, "cache_info"):
    ru_lemmatizer.oc2ud = lru_cache(maxsize=4096)(ru_lemmatizer.oc2ud)


class CachedRussianLemmatizer(RussianLemmatizer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._answers: dict[tuple[str, str, str], tuple[str, ...]] = {}
        # pymorphy3's analyses of a word form (immutable Parse tuples) serve all its occurrences
        self._morph.parse = lru_cache(maxsize=CACHE_SIZE)(self._morph.parse)

    def pymorphy3_lemmatize(self, token) -> list[str]:
        key = (token.text, token.pos_, str(token.morph))
        answer = self._answers.get(key)
        if answer is None:
            answer = tuple(super().pymorphy3_lemmatize(token))
            if len(self._answers) < CACHE_SIZE:
                self._answers[key] = answer
        return list(answer)


@Russian.factory("cached_lemmatizer", assigns=["token.lemma"],
                 default_config={"model": None, "mode": "pymorphy3", "overwrite": False,
                                 "scorer": {"@scorers": "spacy.lemmatizer_scorer.v1"}})
def make_cached_lemmatizer(nlp, model, name, mode, overwrite, scorer):
    return CachedRussianLemmatizer(nlp.vocab, model, name, mode=mode, overwrite=overwrite, scorer=scorer)
