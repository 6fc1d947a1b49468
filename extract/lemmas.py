"""Every lemma a word may have: a safety net when the contextual lemma is wrong.

Natasha's features sometimes lead the lemmatizer astray ("атакам" tagged masculine stays
"атакам"); trigger lookup then also tries pymorphy3's other analyses of the word.
"""
from __future__ import annotations

from functools import lru_cache

import pymorphy3


@lru_cache(maxsize=None)
def analyzer():
    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def normal_forms(word: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(p.normal_form.replace("ё", "е") for p in analyzer().parse(word)))


def lookup(token, table: dict):
    """The table's value for the token's lemma, else for any other lemma the word may have."""
    lemma = token.lemma_.lower()
    if lemma in table:
        return table[lemma]
    if not token.is_alpha:
        return None
    for form in normal_forms(token.lower_):
        if form in table:
            return table[form]
    return None
