"""Every lemma a word may have: a safety net when the contextual lemma is wrong.

Natasha's features sometimes lead the lemmatizer astray ("атакам" tagged masculine stays
"атакам"); trigger lookup then also tries pymorphy3's other analyses of the word.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

import pymorphy3

from .token_columns import columns


PARSE_CACHE = 500_000   # word forms (~100 bytes each); past it, new forms are analysed every time


@lru_cache(maxsize=None)
def analyzer():
    """The process's one pymorphy3 analyser, shared with the lemmatizer: each word form is analysed once
    (its Parse tuples are immutable) whether the lemmatizer or a lexicon lookup asks first."""
    morph = pymorphy3.MorphAnalyzer(lang="ru")
    morph.parse = lru_cache(maxsize=PARSE_CACHE)(named_letters_only(morph.parse))
    return morph


def named_letters_only(parse):
    """pymorphy3 asks `unicodedata.name` of each letter, which fails (ValueError) on the 6,145 letters that
    have no name (Tangut ideographs): such letters are read as U+FFFD, not a letter, instead."""
    def safe(word):
        try:
            return parse(word)
        except ValueError:
            return parse("".join(c if unicodedata.name(c, "") else "\ufffd" for c in word))
    return safe


def known_analyses(parses) -> list:
    """The analyses pymorphy3 finds in its dictionary (`Parse.is_known`), in order. `is_known` looks the
    analysis's word up in the dictionary each time it is read, while a word's analyses mostly share one word:
    each different word is looked up once (a quarter of a new word form's reading in the lemmatizer)."""
    known: dict[str, bool] = {}
    out = []
    for a in parses:
        found = known.get(a.word)
        if found is None:
            found = known[a.word] = a.is_known
        if found:
            out.append(a)
    return out


@lru_cache(maxsize=200_000)
def normal_forms(word: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(p.normal_form.replace("ё", "е") for p in analyzer().parse(word)))


_WORD_FORMS: dict[str, tuple[str, ...]] = {}   # a token's text -> its other possible lemmas in `lemma_column`
WORD_FORMS_KEPT = 200_000                        # (`normal_forms` of a word of letters, none of any other)


def lemma_column(doc) -> list[tuple[str, tuple[str, ...]]]:
    """(lemma, the word's other possible lemmas) of every token, read once per document: the scans of
    the ontology stages then create no spaCy `Token` for the words that match nothing. Read after
    `ontology_normalise` has settled the lemmas (ё as е). The text, as the lemmatizer parses it, of the
    words of letters (spaCy's IS_ALPHA, `str.isalpha`); each token's looked up in one plain dict in C:
    through `normal_forms`' lru_cache, relinked on every hit, it was 1.7 % of the stages' samples."""
    cols = columns(doc)
    if cols.lemma_forms is None:
        forms = list(map(_WORD_FORMS.get, cols.text))
        if None in forms:
            if len(_WORD_FORMS) > WORD_FORMS_KEPT:
                _WORD_FORMS.clear()
            for k, (word, alpha) in enumerate(zip(cols.text, cols.alpha)):
                if forms[k] is None:
                    forms[k] = _WORD_FORMS[word] = normal_forms(word) if alpha else ()
        cols.lemma_forms = list(zip(map(str.lower, cols.lemma), forms))
    return cols.lemma_forms


def lemma_index(doc) -> dict[str, list[int]]:
    """Each lemma or other possible lemma of the document's words -> the tokens that may have it, in order:
    a table scan then looks up each different word once, not every token. Read once per document."""
    memo = columns(doc).memo
    index = memo.get(lemma_index)
    if index is None:
        index = memo[lemma_index] = {}
        for i, (lemma, forms) in enumerate(lemma_column(doc)):
            index.setdefault(lemma, []).append(i)
            for form in forms:
                index.setdefault(form, []).append(i)
    return index


def lexicon_matches(doc, table: dict):
    """(token, value) for every token that `lookup` finds in the table, in document order: the tokens with a
    lemma or another possible lemma in the table (`lemma_index`), each then read as `lookup` reads it."""
    column, index = lemma_column(doc), lemma_index(doc)
    # the words in both, by a set intersection in C (it walks the smaller of the two), not a loop over the index
    found = index.keys() & (table.keys() if isinstance(table, dict) else table)
    for i in sorted({i for word in found for i in index[word]}):
        lemma, forms = column[i]
        if lemma in table:
            yield doc[i], table[lemma]
            continue
        for form in forms:        # a loop, not next(generator): this runs for every candidate of every scan
            if form in table:
                yield doc[i], table[form]
                break


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
