"""Natasha's models, loaded once per process (they ship inside the natasha wheel; nothing downloads)."""
from __future__ import annotations

from functools import lru_cache

import natasha  # imported before pymorphy2 is touched: yargy patches it for Python 3.11
from slovnet.exec.encoders import WordShapeEncoder


@lru_cache(maxsize=None)
def embedding():
    return natasha.NewsEmbedding()


@lru_cache(maxsize=None)
def segmenter():
    return natasha.Segmenter()


@lru_cache(maxsize=None)
def morph_tagger():
    return with_word_ids_kept(natasha.NewsMorphTagger(embedding()))


@lru_cache(maxsize=None)
def syntax_parser():
    return with_word_ids_kept(natasha.NewsSyntaxParser(embedding()))


@lru_cache(maxsize=None)
def ner_tagger():
    return with_word_ids_kept(natasha.NewsNERTagger(embedding()))


WORD_IDS_KEPT = 200_000   # words a model's encoder remembers before it starts afresh (about 40 MB)


class KeptWordIds(WordShapeEncoder):
    """slovnet's encoder of words into (vocabulary id, shape id), with each word's ids kept: slovnet works out a
    word's shape (a regular expression and case tests) and looks it up anew each time, for each of the three
    models, which was about a tenth of their time in Python (bench/RESULTS.md "Speed round 6"). The same ids."""

    def __init__(self, encoder: WordShapeEncoder):
        super().__init__(encoder.words_vocab, encoder.shapes_vocab, encoder.batch_size)
        self.ids: dict[str, tuple[int, int]] = {}

    def item(self, words):
        ids = self.ids
        if len(ids) > WORD_IDS_KEPT:
            ids.clear()
        pairs = [ids.get(word) or self.word_ids(word) for word in words]
        return [p[0] for p in pairs], [p[1] for p in pairs]

    def word_ids(self, word: str) -> tuple[int, int]:
        (word_id,), (shape_id,) = WordShapeEncoder.item(self, [word])
        self.ids[word] = found = (word_id, shape_id)
        return found


def with_word_ids_kept(model):
    """The natasha model, its encoder keeping each word's ids (KeptWordIds)."""
    model.infer.encoder = KeptWordIds(model.infer.encoder)
    return model


@lru_cache(maxsize=None)
def morph_vocab():
    return natasha.MorphVocab()


def map_by_length(model, items: list) -> list:
    """`list(model.map(items))` of a slovnet tagger, with the items batched by length: the model pads each batch
    of `model.batch_size` to its longest item, so batches of a document's sentences in text order spent about a
    fifth of the tagger's time on padding (bench/RESULTS.md "Speed round 6"). Results come back in input order.
    The morphology tagger gives the same tags either way (1,603 sentences of factru-dev). The parser's scores
    move by a last bit with the batch's shape, so an exact tie between two equal words ("убийство ...
    убийство", a ':' repeated) may break the other way: 2 of those 1,603 sentences hang a word on the other
    copy; no record changed on factru-dev, NEREL train's first 200 texts, NEREL dev or gold-news
    (bench/same_records.sh)."""
    order = sorted(range(len(items)), key=lambda i: len(items[i]))
    out = [None] * len(items)
    size = model.batch_size
    for k in range(0, len(order), size):
        chunk = order[k:k + size]
        for i, markup in zip(chunk, model.infer([items[i] for i in chunk])):
            out[i] = markup
    return out
