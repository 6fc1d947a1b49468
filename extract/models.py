"""Natasha's models, loaded once per process (they ship inside the natasha wheel; nothing downloads)."""
from __future__ import annotations

from functools import lru_cache

import natasha  # imported before pymorphy2 is touched: yargy patches it for Python 3.11
import numpy
from slovnet.exec.encoders import WordShapeEncoder
from slovnet.exec.model import CRF, CNNEncoder, NavecEmbedding


@lru_cache(maxsize=None)
def embedding():
    return natasha.NewsEmbedding()


@lru_cache(maxsize=None)
def morph_tagger():
    return with_fast_paths(natasha.NewsMorphTagger(embedding()))


@lru_cache(maxsize=None)
def syntax_parser():
    return with_fast_paths(natasha.NewsSyntaxParser(embedding()))


@lru_cache(maxsize=None)
def ner_tagger():
    return with_fast_paths(natasha.NewsNERTagger(embedding()))


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


def with_fast_paths(model):
    """The natasha model with the same answers, faster: its encoder keeps each word's ids (KeptWordIds), its
    word vectors are read in one take (FlatNavecEmbedding), its convolutions run on the words' rows
    (RowsCNNEncoder), the NER tagger's CRF decodes with fewer numpy calls a word (RowsCRF)."""
    model.infer.encoder = KeptWordIds(model.infer.encoder)
    emb = model.infer.model.emb
    emb.word = FlatNavecEmbedding(emb.word.id, emb.word.indexes, emb.word.codes)
    model.infer.model.encoder = RowsCNNEncoder(model.infer.model.encoder.layers)
    head = model.infer.model.head
    if isinstance(getattr(head, "crf", None), CRF):
        head.crf = RowsCRF(head.crf.transitions)
    return model


class FlatNavecEmbedding(NavecEmbedding):
    """navec's word vectors (each a centroid's 3 floats for each of 100 parts) read as one `take` of rows from
    the codes seen as one table, where slovnet indexes them with two arrays at once: a fifth of the time, the
    same floats."""

    def __init__(self, id, indexes, codes):
        super().__init__(id, indexes, codes)
        parts, centroids, chunk = codes.shape
        self.rows = codes.array.reshape(parts * centroids, chunk)
        self.offsets = numpy.arange(parts) * centroids      # where each part's centroids start in `rows`

    def __call__(self, input):
        found = self.indexes.array[input.ravel()].astype(numpy.intp)
        found += self.offsets
        return self.rows.take(found, axis=0).reshape(*input.shape, self.dim)


class RowsCNNEncoder(CNNEncoder):
    """slovnet's CNN encoder (each layer a convolution, ReLU and batch norm, the padding's words zeroed) computed
    on the words' rows as the embedding gives them (batch x words x features) instead of its transpose. slovnet
    pads the transpose, then copies the windows of each word three features at a time (numpy's copy with an
    inner loop of 3): as long as the product itself (bench/RESULTS.md "Speed round 13"). Here each of the
    kernel's offsets is one strided copy of whole rows. The same matrix product of the same matrices, and the
    same element-wise steps in the same order: the same numbers, bit for bit."""

    def __call__(self, input, mask):
        batch, length, _ = input.shape
        for layer in self.layers:
            conv, norm = layer.conv, layer.norm
            filters, dim, width = conv.weight.shape
            pad = conv.padding
            padded = numpy.zeros((batch, length + 2 * pad, dim), dtype=input.dtype)
            padded[:, pad:pad + length] = input
            length = length + 2 * pad - width + 1
            windows = numpy.empty((batch, length, dim, width), dtype=input.dtype)
            for k in range(width):                 # windows[b, w, c, k] = padded[b, w + k, c], as slovnet's
                windows[..., k] = padded[:, k:k + length]
            weight = conv.weight.array.reshape(filters, dim * width)
            x = numpy.matmul(windows.reshape(batch * length, dim * width), weight.T)
            x += conv.bias.array                   # in place: the same operations, fewer arrays made
            x.clip(0, out=x)
            x -= norm.mean.array
            x /= norm.std.array
            x *= norm.weight.array
            x += norm.bias.array
            x = x.reshape(batch, length, filters)
            x[mask] = 0
            input = x
        return input


class RowsCRF(CRF):
    """slovnet's Viterbi decoding of the NER tagger's CRF, which reads a whole text as one sequence: a step a
    word, where slovnet made nine numpy calls (`np.indices` among them) and walked back through numpy scalars,
    about a third of the tagger's time on a factru-dev article (bench/RESULTS.md "Speed round 13"). The same
    sums in the same order, the maximum taken where slovnet took the value at the arg-max (the same number),
    the walk back on lists: the same tags."""

    def decode(self, emissions, mask):
        batch_size, seq_len, tags_num = emissions.shape
        emissions, mask = emissions.swapaxes(1, 0), mask.swapaxes(1, 0)
        transitions = self.transitions.array
        history = numpy.empty((max(seq_len - 1, 0), batch_size, tags_num), dtype=numpy.intp)
        score = emissions[0].copy()                       # batch x tags
        column = score[:, :, None]
        sums = numpy.empty((batch_size, tags_num, tags_num), dtype=numpy.result_type(score, transitions))
        best = numpy.empty_like(score)
        whole = bool(mask.all())                          # no padding: every step counts for every sequence
        add, maximum, argmax = numpy.add, numpy.maximum.reduce, numpy.ndarray.argmax
        for index in range(1, seq_len):
            add(column, transitions, out=sums)            # (score + transitions) + emissions, as slovnet sums
            add(sums, emissions[index][:, None, :], out=sums)
            argmax(sums, -2, history[index - 1])
            if whole:
                maximum(sums, -2, out=score)
            else:
                maximum(sums, -2, out=best)
                numpy.copyto(score, best, where=mask[index][:, None])
        sizes = (mask.sum(0) - 1).tolist()
        batch = []
        for index in range(batch_size):
            tag = int(score[index].argmax())
            tags = [tag]
            for indexes in reversed(history[:sizes[index], index].tolist()):
                tag = indexes[tag]
                tags.append(tag)
            tags.reverse()
            batch.append(numpy.array(tags))
        return batch


def ner_tags(words: list[str]) -> list[str]:
    """The NER tagger's BIO tags of a text's words, read as one sequence: what `ner_tagger()(text)` computes
    after tokenizing the text with razdel, for a caller that has razdel's tokens already (extract/ner.py)."""
    infer = ner_tagger().infer
    return next(infer.decoder(infer.process(infer.encoder([words]))))


@lru_cache(maxsize=None)
def morph_vocab():
    return natasha.MorphVocab()


def predict_by_length(model, items: list) -> list:
    """slovnet's predictions for each item, in input order, without its markup objects: the morphology tagger's
    tag ids (an array a sentence; `tag_names` names them), the parser's (head ids, relation ids), heads counted
    from 1 and 0 for the root. The items go in batches of similar length: the model pads each batch of
    `model.batch_size` to its longest item, so batches of a document's sentences in text order spent about a
    fifth of the tagger's time on padding (bench/RESULTS.md "Speed round 6"). The morphology tagger gives the
    same tags either way (1,603 sentences of factru-dev). The parser's scores move by a last bit with the
    batch's shape, so an exact tie between two equal words ("убийство ... убийство", a ':' repeated) may break
    the other way: 2 of those 1,603 sentences hang a word on the other copy; no record changed on factru-dev,
    NEREL train's first 200 texts, NEREL dev or gold-news (bench/same_records.sh). slovnet's markups (a record
    a word, tags parsed from strings, heads made strings and read back) were a tenth of the two models' time
    beside the models themselves (bench/RESULTS.md "Speed round 13")."""
    infer = model.infer
    order = sorted(range(len(items)), key=lambda i: len(items[i]))
    out = [None] * len(items)
    size = model.batch_size
    for k in range(0, len(order), size):
        chunk = order[k:k + size]
        for i, pred in zip(chunk, infer.process(infer.encoder([items[i] for i in chunk]))):
            out[i] = pred
    return out


def tag_names(model) -> list[str]:
    """The names of a tagger's tag ids (the morphology tagger's "NOUN|Case=Nom|...", the parser's relations)."""
    decoder = model.infer.decoder
    return (decoder.tags_vocab if hasattr(decoder, "tags_vocab") else decoder.rels_vocab).items
