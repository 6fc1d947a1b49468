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


def map_by_length(model, items: list) -> list:
    """`list(model.map(items))` of a slovnet tagger, with the items batched by length: the model pads each batch
    of `model.batch_size` to its longest item, so batches of a document's sentences in text order spent about a
    fifth of the tagger's time on padding (bench/RESULTS.md "Speed round 6"). Results come back in input order.
    The morphology tagger gives the same tags either way (its encoder zeroes the padding after every layer);
    the syntax parser does not go this way, since its heads' float sums move by a last bit with the batch's
    shape and a tie between two equal words may then break the other way."""
    order = sorted(range(len(items)), key=lambda i: len(items[i]))
    out = [None] * len(items)
    size = model.batch_size
    for k in range(0, len(order), size):
        chunk = order[k:k + size]
        for i, markup in zip(chunk, model.infer([items[i] for i in chunk])):
            out[i] = markup
    return out
