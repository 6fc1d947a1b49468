"""Event triggers the lexicon does not list, proposed by a small model trained on NEREL train.

Each verb, noun, name or adjective is described by the Natasha (navec) vector of its lemma, of its syntactic
head's lemma and of the lemmas of the words before and after it, its POS, its dependency relation and a few
morphological features (Aspect, Voice, VerbForm, Animacy); a one-hidden-layer network scores it
(bench/train_triggers.py trains it; the weights ship in extract/models/triggers.npz). The component writes
`doc._.model_triggers`: (token index, score) of every such token scored at or above the threshold chosen on a
held-out part of NEREL train (bench/trigger_threshold.py). It only proposes: what becomes an event is the
events stage's decision.
"""
from __future__ import annotations

from functools import lru_cache, reduce
from pathlib import Path

import numpy as np
from spacy.attrs import DEP, HEAD, LEMMA, MORPH as MORPH_ATTR, ORTH, POS as POS_ATTR
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc

from . import models
from .token_columns import names_of

WEIGHTS = Path(__file__).parent / "models" / "triggers.npz"
POS = ("ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
       "PUNCT", "SCONJ", "SYM", "VERB", "X")
DEPS = ("acl", "acl:relcl", "advcl", "advmod", "amod", "appos", "aux", "aux:pass", "case", "cc", "ccomp",
        "compound", "conj", "cop", "csubj", "csubj:pass", "det", "discourse", "expl", "fixed", "flat",
        "flat:foreign", "flat:name", "iobj", "mark", "nmod", "nsubj", "nsubj:pass", "nummod", "nummod:gov",
        "obj", "obl", "obl:agent", "orphan", "parataxis", "punct", "root", "xcomp")
MORPH = (("Aspect", "Imp"), ("Aspect", "Perf"), ("Voice", "Act"), ("Voice", "Pass"), ("Voice", "Mid"),
         ("VerbForm", "Fin"), ("VerbForm", "Inf"), ("VerbForm", "Part"), ("VerbForm", "Conv"),
         ("Animacy", "Anim"), ("Animacy", "Inan"))
DIM = 300

Doc.set_extension("model_triggers", default=None, force=True)   # [(token index, score)], in document order


def rows(doc, parts_of_speech=None) -> list[tuple]:
    """What the model reads of each token, as plain values: (lemma, head lemma, POS, dep, morph features,
    previous word's lemma, next word's lemma). The neighbours tell "после смерти" from "смерть наступила".
    The training script caches these rows; `matrix` and `hidden` turn them into numbers. Read from
    `doc.to_array`, not token by token: making a spaCy Token and its MorphAnalysis per word was most of
    the component's cost. With `parts_of_speech`, only the rows of tokens of those parts of speech."""
    return indexed_rows(doc, parts_of_speech)[1]


def indexed_rows(doc, parts_of_speech=None, only=None) -> tuple[list[int], list[tuple]]:
    """(token indices, their rows): `rows`, with the indices of the tokens kept (`only`: these tokens). The
    tokens are chosen and their heads found on the arrays; only the kept rows become Python values."""
    n = len(doc)
    if not n:
        return [], []
    array, kept, offsets, heads, key = _arrays(doc, parts_of_speech, only)
    _, _, pos, dep, _, morph = array[kept].T.tolist()
    strings = doc.vocab.strings
    out = [(key[i], key[h] if offset else "", p, d.lower(), _feats(m), key[i - 1] if i else "",
            key[i + 1] if i < n - 1 else "")
           for i, p, d, m, offset, h in zip(kept.tolist(), names_of(strings, pos), names_of(strings, dep),
                                            names_of(strings, morph), offsets.tolist(), heads.tolist())]
    return kept.tolist(), out


def _arrays(doc, parts_of_speech=None, only=None):
    """What `indexed_rows` and `Scorer.scores` read of a (non-empty) document: its array of (ORTH, LEMMA, POS,
    DEP, HEAD, MORPH), the kept tokens, their head offsets and heads, and the word (`_word`) of each kept token,
    head and neighbour by token index."""
    n = len(doc)
    array = doc.to_array([ORTH, LEMMA, POS_ATTR, DEP, HEAD, MORPH_ATTR])
    if only is not None:
        kept = np.array(sorted(set(only)), dtype=np.int64)
    elif parts_of_speech:      # compared with each wanted POS id: np.isin sorts, which costs more on a document
        column = array[:, 2]
        kept = np.flatnonzero(reduce(np.logical_or, [column == p for p in _pos_ids(frozenset(parts_of_speech))],
                                     np.zeros(n, dtype=bool)))
    else:
        kept = np.arange(n)
    offsets = array[kept, 4].astype(np.int64)     # HEAD is an offset, read as unsigned: wrap it back
    # kept inside [0, n - 1] by np.minimum / np.maximum: np.clip's checks cost more than its work on these
    heads = np.minimum(np.maximum(kept + offsets, 0), n - 1)
    needed = np.zeros(n, dtype=bool)              # the kept tokens, their heads and neighbours, in order, once
    for at in (kept, heads, np.maximum(kept - 1, 0), np.minimum(kept + 1, n - 1)):
        needed[at] = True
    needed = np.flatnonzero(needed)
    if len(_WORDS) > 200_000:
        _WORDS.clear()
    lemma = array[needed, 1]
    hashes = np.where(lemma != 0, lemma, array[needed, 0]).tolist()     # the lemma, else the word
    words = list(map(_WORDS.get, hashes))          # known words (most: words recur) looked up in C
    if not all(words):
        words = [w or _word_of(doc.vocab.strings, h) for w, h in zip(words, hashes)]
    return array, kept, offsets, heads, dict(zip(needed.tolist(), words))


@lru_cache(maxsize=8)
def _pos_ids(parts_of_speech: frozenset) -> tuple[int, ...]:
    """spaCy's ids of the parts of speech (fixed symbols, the same in every vocabulary)."""
    return tuple(int(POS_IDS[p]) for p in sorted(parts_of_speech) if p in POS_IDS)


_WORDS: dict[int, str] = {}   # a lemma's (or, without one, the word's) hash -> `_word` of it, for every document:
                              # a hash names one string in any StringStore


def _word_of(strings, h: int) -> str:
    word = _WORDS[h] = _word(strings[h])
    return word


@lru_cache(maxsize=4096)
def _word(text: str) -> str:
    return text.lower().replace("ё", "е")


@lru_cache(maxsize=4096)
def _feats(morph: str) -> tuple[str, ...]:
    """The MORPH features the model reads, from a morph string ("Aspect=Perf|Voice=Pass|VerbForm=Part")."""
    values = dict(f.split("=", 1) for f in morph.split("|") if "=" in f)
    return tuple(f"{k}={v}" for k, v in MORPH if v in values.get(k, "").split(","))


@lru_cache(maxsize=1)
def _index():
    pos = {p: i for i, p in enumerate(POS)}
    dep = {d: i for i, d in enumerate(DEPS)}
    morph = {f"{k}={v}": i for i, (k, v) in enumerate(MORPH)}
    return pos, dep, morph


WORDS = 4     # vector blocks: the lemma, its head's, the previous word's, the next word's


def width() -> int:
    return WORDS * (DIM + 1) + len(POS) + len(DEPS) + len(MORPH)


def navec_vector(emb, word: str, out: np.ndarray) -> None:
    """The word's navec vector in out[:DIM]; out[DIM] = 1 when navec does not know it."""
    if word and word in emb:
        out[:DIM] = emb[word]
    else:
        out[DIM] = 1.0


def word_vectors(emb, words: list[str]) -> np.ndarray:
    """`navec_vector` of each word as the rows of one matrix, the known words' vectors gathered from navec's
    codes in one fancy index (navec's `emb[word]` indexes its codes once a word: most of a new word's cost)."""
    v = np.zeros((len(words), DIM + 1), np.float32)
    word_ids = emb.vocab.word_ids
    ids = [word_ids.get(word) if word else None for word in words]
    known = [n for n, i in enumerate(ids) if i is not None]
    v[[n for n, i in enumerate(ids) if i is None], DIM] = 1.0
    if known:
        pq = emb.pq
        v[known, :DIM] = pq.codes[pq.qdims, pq.indexes[[ids[n] for n in known]]].reshape(len(known), DIM)
    return v


def matrix(token_rows: list[tuple]) -> np.ndarray:
    """One float32 row of features per token."""
    emb = models.embedding()
    pos, dep, morph = _index()
    x = np.zeros((len(token_rows), width()), dtype=np.float32)
    a = WORDS * (DIM + 1)
    b, c = a + len(POS), a + len(POS) + len(DEPS)
    for i, (lemma, head, p, d, feats, before, after) in enumerate(token_rows):
        for k, word in enumerate((lemma, head, before, after)):
            navec_vector(emb, word, x[i, k * (DIM + 1):(k + 1) * (DIM + 1)])
        if p in pos:
            x[i, a + pos[p]] = 1.0
        k = dep.get(d, dep.get(d.split(":")[0]))
        if k is not None:
            x[i, b + k] = 1.0
        for f in feats:
            x[i, c + morph[f]] = 1.0
    return x


def forward(weights: dict, x: np.ndarray) -> np.ndarray:
    """Scores in [0, 1]: a ReLU hidden layer, then a logistic output."""
    h = np.maximum(x @ weights["w1"] + weights["b1"], 0.0)
    z = h @ weights["w2"] + weights["b2"]
    return 1.0 / (1.0 + np.exp(-np.clip(z[:, 0], -30, 30)))


@lru_cache(maxsize=None)
def load(path: str = str(WEIGHTS)) -> dict:
    """The shipped weights, read once per process (float32 arrays and the threshold)."""
    with np.load(path) as data:
        return {k: data[k].astype(np.float32) for k in data.files}


class Scorer:
    """`forward(load(), matrix(rows))` computed without the wide feature matrix: the first layer's product is
    split by block, the vector blocks projected once per word (cached) and the one-hot blocks read as rows."""

    KEPT = 20_000    # words whose projections are kept (WORDS x hidden floats each, in `table`)

    def __init__(self, weights: dict):
        w1, a = weights["w1"], WORDS * (DIM + 1)
        self.blocks = w1[:a].reshape(WORDS, DIM + 1, -1)    # lemma, head, previous, next
        # the blocks side by side: a word's vector times this is its product with each block, in one matmul
        self.side_by_side = np.ascontiguousarray(self.blocks.transpose(1, 0, 2).reshape(DIM + 1, -1))
        self.pos = np.vstack([w1[a:a + len(POS)], np.zeros((1, w1.shape[1]), np.float32)])
        b = a + len(POS)
        self.dep = np.vstack([w1[b:b + len(DEPS)], np.zeros((1, w1.shape[1]), np.float32)])
        self.morph = w1[b + len(DEPS):]
        self.b1, self.w2, self.b2 = weights["b1"], weights["w2"], weights["b2"]
        self.threshold = float(weights["threshold"])
        # the score at which a context trigger of the lexicon (ekg:contextTriggerLemma) is taken: chosen apart
        # (bench/trigger_threshold.py --context), since the lexicon has already named the word's class
        self.context_threshold = float(weights.get("context_threshold", weights["threshold"]))
        self.features = lru_cache(maxsize=1024)(self._features)
        # the projections of the words seen, as rows of one array (one per vector block): a document's
        # rows are gathered by one fancy index, not summed word by word
        self.row_of: dict[str, int] = {}
        self.table = np.zeros((1024, WORDS, w1.shape[1]), np.float32)
        # `scores`' look-ups by the vocabulary's ids (a hash names one string in any StringStore; POS ids are
        # spaCy's fixed symbols): a POS id -> its row in `self.pos`, a DEP hash -> its row in `self.dep`, a
        # MORPH hash -> its row in `morph_table` (the sum of its features' rows, as `_features` makes it)
        index_pos = _index()[0]
        self.pos_row = np.full(max(POS_IDS.values()) + 1, len(POS), np.int64)
        for name, i in POS_IDS.items():
            if name in index_pos:
                self.pos_row[int(i)] = index_pos[name]
        self.dep_row: dict[int, int] = {}
        self.morph_row: dict[int, int] = {}
        self.morph_table = np.zeros((64, w1.shape[1]), np.float32)

    def project(self, words: list[str]) -> np.ndarray:
        """The words' first-layer products in each of the vector blocks (words x WORDS x hidden), in one
        matrix product: one per word was most of the component's time on a corpus, where new words keep coming."""
        return (word_vectors(models.embedding(), words) @ self.side_by_side).reshape(len(words), WORDS, -1)

    def rows(self, words: list[str]) -> list[int]:
        """The table's row of each word, projecting the words not seen yet (past KEPT words, it starts over)."""
        row_of = self.row_of
        if len(row_of) + len(words) > self.KEPT:
            row_of.clear()
        found = list(map(row_of.get, words))     # known words (most: words recur) looked up in C
        if None not in found:
            return found
        new = list(dict.fromkeys(w for w, row in zip(words, found) if row is None))
        first = len(row_of)
        while first + len(new) > len(self.table):
            self.table = np.concatenate([self.table, np.zeros_like(self.table)])
        self.table[first:first + len(new)] = self.project(new)
        row_of.update((w, first + n) for n, w in enumerate(new))
        return [row_of[w] for w in words]

    def _features(self, feats: tuple[str, ...]) -> np.ndarray:
        morph = _index()[2]
        return self.morph[[morph[f] for f in feats]].sum(axis=0)

    def scores(self, doc, parts_of_speech=None, only=None) -> tuple[list[int], np.ndarray]:
        """(token indices, their scores): `self(indexed_rows(doc, parts_of_speech, only))`, the same floats in the
        same order of sums, with the POS, relation and features read as ids from the document's array: no row
        of strings is made. `indexed_rows` stays what the training scripts read."""
        if not len(doc):
            return [], np.zeros(0, np.float32)
        array, kept, offsets, heads, key = _arrays(doc, parts_of_speech, only)
        kept_list, n = kept.tolist(), len(doc)
        if not kept_list:
            return [], np.zeros(0, np.float32)
        words = []
        for i, offset, h in zip(kept_list, offsets.tolist(), heads.tolist()):
            words += (key[i], key[h] if offset else "", key[i - 1] if i else "", key[i + 1] if i < n - 1 else "")
        rows = self.rows(words)
        table = self.table
        h = table[rows[0::4], 0] + table[rows[1::4], 1] + table[rows[2::4], 2] + table[rows[3::4], 3]
        strings = doc.vocab.strings
        features = self.id_rows(self.morph_row, array[kept, 5].tolist(), self.new_morph, strings)
        h += self.morph_table[features]      # read after `id_rows`, which may have grown the table
        h += self.pos[self.pos_row[array[kept, 2]]]
        h += self.dep[self.id_rows(self.dep_row, array[kept, 3].tolist(), self.new_dep, strings)]
        z = np.maximum(h + self.b1, 0.0) @ self.w2 + self.b2
        return kept_list, 1.0 / (1.0 + np.exp(-np.minimum(np.maximum(z[:, 0], -30), 30)))   # `forward`'s clip

    @staticmethod
    def id_rows(rows: dict, ids: list[int], new, strings) -> list[int]:
        out = list(map(rows.get, ids))
        if None in out:
            for k, h in enumerate(ids):
                if out[k] is None:
                    out[k] = rows[h] if h in rows else new(h, strings[h] if h else "")
        return out

    def new_dep(self, h: int, name: str) -> int:
        """A relation's row in `self.dep`, as `__call__` finds it (lower case; "nmod:poss" as "nmod")."""
        dep, d = _index()[1], name.lower()
        row = self.dep_row[h] = dep.get(d, dep.get(d.split(":")[0], len(DEPS)))
        return row

    def new_morph(self, h: int, name: str) -> int:
        """A morph string's row in `morph_table`: `_features(_feats(it))`, added on first sight."""
        row = self.morph_row[h] = len(self.morph_row)
        if row >= len(self.morph_table):
            self.morph_table = np.concatenate([self.morph_table, np.zeros_like(self.morph_table)])
        self.morph_table[row] = self.features(_feats(name))
        return row

    def __call__(self, token_rows: list[tuple]) -> np.ndarray:
        pos, dep, _ = _index()
        rows = self.rows([w for r in token_rows for w in (r[0], r[1], r[5], r[6])])
        table = self.table
        h = table[rows[0::4], 0] + table[rows[1::4], 1] + table[rows[2::4], 2] + table[rows[3::4], 3]
        h += np.stack([self.features(r[4]) for r in token_rows])
        h += self.pos[[pos.get(r[2], len(POS)) for r in token_rows]]
        h += self.dep[[dep.get(r[3], dep.get(r[3].split(":")[0], len(DEPS))) for r in token_rows]]
        z = np.maximum(h + self.b1, 0.0) @ self.w2 + self.b2
        return 1.0 / (1.0 + np.exp(-np.clip(z[:, 0], -30, 30)))


@lru_cache(maxsize=1)
def scorer() -> Scorer:
    return Scorer(load())


# the parts of speech ontology_events takes a trigger of: a name ("Игр", "ЧМ") or an adjective of one
# ("Олимпийских игр": the events stage takes its noun) tells an event as a verb or a noun does
PROPOSED_POS = {"VERB", "NOUN", "PROPN", "ADJ"}


def propose(doc) -> list[tuple[int, float]]:
    """(token index, score) of every verb, noun, name or adjective the model scores at or above its threshold."""
    if not len(doc):
        return []
    score = scorer()
    kept, scores = score.scores(doc, PROPOSED_POS)
    return [(i, round(float(s), 4)) for i, s in zip(kept, scores) if s >= score.threshold]


def confirmed(doc, indices: list[int]) -> set[int]:
    """The tokens among `indices` the model scores at or above its context threshold: where a word the lexicon
    lists as a trigger in some contexts only ("убийство", "смерть") tells an event here."""
    if not indices or not len(doc):
        return set()
    score = scorer()
    kept, scores = score.scores(doc, only=indices)
    return {i for i, s in zip(kept, scores) if s >= score.context_threshold}


class NearestClass:
    """The event class of the lexicon trigger nearest a word by navec cosine: the class an events stage gives a
    proposed trigger that no rule knows (on the in-domain gold, it is the gold class for 36 % of such triggers
    and a superclass or subclass of it for 51 %, against 4 % for ekg:OtherEvent; bench/RESULTS.md).
    Built once per lexicon (in a component's factory), it keeps no per-document state."""

    def __init__(self, triggers: dict[str, str]):
        emb = models.embedding()
        known = [(lemma, cls) for lemma, cls in triggers.items() if lemma in emb]
        self.classes = [cls for _, cls in known]
        vectors = np.stack([emb[lemma] for lemma, _ in known]).astype(np.float32)
        self.vectors = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    def __call__(self, lemma: str) -> tuple[str, float] | None:
        """(class IRI, cosine) of the nearest trigger, or None when navec does not know the lemma."""
        emb = models.embedding()
        if lemma not in emb:
            return None
        v = emb[lemma]
        sims = self.vectors @ (v / np.linalg.norm(v))
        k = int(np.argmax(sims))
        return self.classes[k], round(float(sims[k]), 4)


def model_triggers(doc):
    doc._.model_triggers = propose(doc)
    return doc


@Language.factory("event_trigger_model", assigns=["doc._.model_triggers"],
                  requires=["token.lemma", "token.pos", "token.morph", "token.dep", "token.head"])
def create_trigger_model(nlp, name):
    scorer()   # read the weights when the pipeline is built, not on the first document
    return model_triggers
