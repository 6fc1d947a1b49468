"""Natasha's models, loaded once per process (they ship inside the natasha wheel; nothing downloads)."""
from __future__ import annotations

from functools import lru_cache

import natasha  # imported before pymorphy2 is touched: yargy patches it for Python 3.11


@lru_cache(maxsize=None)
def embedding():
    return natasha.NewsEmbedding()


@lru_cache(maxsize=None)
def segmenter():
    return natasha.Segmenter()


@lru_cache(maxsize=None)
def morph_tagger():
    return natasha.NewsMorphTagger(embedding())


@lru_cache(maxsize=None)
def syntax_parser():
    return natasha.NewsSyntaxParser(embedding())


@lru_cache(maxsize=None)
def ner_tagger():
    return natasha.NewsNERTagger(embedding())


@lru_cache(maxsize=None)
def morph_vocab():
    return natasha.MorphVocab()
