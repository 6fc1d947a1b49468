"""Search by lemma in the page: «путина» finds Путин, «нефти» a sentence about нефть.

The browser has no morphology, so Python hands it a table: each word form the page may meet or be
asked for -> its possible lemmas (pymorphy3). Forms come from two places: every form of each word
of the labels (the lexeme, so a query in any case finds a name) and each word of the source
sentences shown, with every form of the nouns among them (a query «заместителю» meets «заместитель»;
verbs' and adjectives' lexemes would triple the table). Only forms whose lemma differs from the form
itself are listed. On the factRuEval store (1,940 nodes) the table is about 1 MB of the page, made in about 2.5 s.
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import TYPE_CHECKING

import pymorphy3

if TYPE_CHECKING:          # kg/geo asks for the analyser while writing a graph: no networkx on that path
    import networkx as nx

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
CYRILLIC = re.compile(r"[а-яё]")


def fold(text: str) -> str:
    """As the page folds: lower case, ё as е."""
    return text.lower().replace("ё", "е")


def words(text: str) -> list[str]:
    return WORD.findall(fold(text or ""))


@lru_cache(maxsize=None)
def analyzer() -> pymorphy3.MorphAnalyzer:
    """The one pymorphy3 analyser of the kg side (the view's search, kg/geo's nominatives): its dictionaries
    are loaded once per process."""
    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=100_000)
def lemmas(word: str) -> tuple[str, ...]:
    """Every lemma a (folded) Russian word may have; a word of another script is its own lemma."""
    if not CYRILLIC.search(word):
        return (word,)
    return tuple(dict.fromkeys(fold(p.normal_form) for p in analyzer().parse(word)))


@lru_cache(maxsize=100_000)
def forms(word: str, nouns_only: bool = False) -> frozenset[tuple[str, str]]:
    """(form, lemma) of every form of each analysis of `word` («путин»: («путина», «путин»), ...)."""
    if not CYRILLIC.search(word):
        return frozenset()
    return frozenset().union(*(_lexeme(p) for p in analyzer().parse(word) if not nouns_only or p.tag.POS == "NOUN"))


_LEXEMES: dict[tuple, frozenset[tuple[str, str]]] = {}


def _lexeme(parse) -> frozenset[tuple[str, str]]:
    """The (form, lemma) pairs of an analysis's lexeme, made once per lemma and part of speech: the forms
    of one word share it, and pymorphy3's lexeme is most of the table's time."""
    key = (parse.normal_form, parse.tag.POS)
    if key not in _LEXEMES:
        lemma = fold(parse.normal_form)
        _LEXEMES[key] = frozenset((f.word.replace("ё", "е"), lemma) for f in parse.lexeme)
    return _LEXEMES[key]


def node_lemmas(data: dict) -> list[str]:
    """The lemmas of the words of a node's labels (ru, en, alternative), what a query's lemmas meet."""
    names = [data.get("label_ru"), data.get("label_en"), *(data.get("alt") or ())]
    return sorted({lemma for name in names if name for word in words(name) for lemma in lemmas(word)})


def search_table(graph: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Word form -> its lemmas, for the forms of the labels' words and the words of the sources' sentences."""
    table: dict[str, set[str]] = defaultdict(set)
    said: set[str] = set()
    for _, data in graph.nodes(data=True):
        for lemma in node_lemmas(data):
            for form, of in forms(lemma):
                table[form].add(of)
        for source in data.get("sources") or ():
            said.update(words(source.get("sentence")))
    for word in said:                                  # each word once, however many sentences have it
        table[word].update(lemmas(word))
        for form, of in forms(word, nouns_only=True):
            table[form].add(of)
    return {form: sorted(found) for form, found in sorted(table.items()) if found != {form}}
