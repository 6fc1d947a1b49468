"""Part of speech and morphological features from Natasha's morphology tagger.

Lemmas come after this stage from spaCy's own Russian lemmatizer in pymorphy3
mode, which reads the POS and features set here to pick the right analysis.

The Doc is read and written as arrays (`to_array` / `from_array`), never a `Token` a word: the glue around
Natasha's models made about 19 Token objects a token (bench/RESULTS.md "Speed round 5").
"""
from __future__ import annotations

import numpy
import spacy.lang.ru.lemmatizer as ru_lemmatizer
from spacy.attrs import IS_SPACE, MORPH, ORTH, POS, SENT_START
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from slovnet.conll import parse_conll_tag

from . import models
from .lemma_lookup import analyzer, known_analyses


def sentence_words(doc) -> list[tuple[list[int], list[str]]]:
    """(indices, texts) of the non-whitespace tokens of each sentence that has any: what Natasha's taggers
    expect. The sentences are `doc.sents`' (a start wherever SENT_START is 1, the first token always), read
    from the arrays."""
    if not doc.has_annotation("SENT_START"):
        list(doc.sents)        # spaCy's own error for a Doc without sentences
    columns = doc.to_array([SENT_START, IS_SPACE, ORTH])
    starts, spaces, orths = (columns[:, k].tolist() for k in range(3))
    strings = doc.vocab.strings
    out, indices = [], []
    for i, (start, space) in enumerate(zip(starts, spaces)):
        if start == 1 and i and indices:
            out.append(indices)
            indices = []
        if not space:
            indices.append(i)
    if indices:
        out.append(indices)
    return [(ids, [strings[orths[i]] for i in ids]) for ids in out]


def feats_string(feats: dict) -> str:
    return "|".join(f"{k}={v}" for k, v in sorted(feats.items()))


class NatashaMorphology:
    def __init__(self, batch_size: int = 64):
        self.batch_size = batch_size
        self._morph_keys: dict = {}     # the tagger's tag id -> (POS id, spaCy's morph key) in _vocab
        self._vocab = None
        self._verbs: dict = {}          # a sentence's first word -> its finite verb's (POS id, morph key), or False

    def __call__(self, doc):
        return next(self.pipe([doc]))

    def pipe(self, docs, batch_size=None):
        tagger = models.morph_tagger()
        adjective = POS_IDS["ADJ"]
        for doc in docs:
            sents = sentence_words(doc)
            preds = models.predict_by_length(tagger, [words for _, words in sents])
            space = POS_IDS["SPACE"]
            columns = numpy.zeros((len(doc), 2), dtype="uint64")
            columns[:, 0] = space           # whitespace tokens; words are written over below
            columns[:, 1] = doc.to_array(MORPH)
            for (ids, words), tags in zip(sents, preds):
                for i, tag in zip(ids, tags.tolist()):
                    columns[i] = self.pos_and_morph(doc.vocab, tagger, tag)
                if ids and columns[ids[0], 0] == adjective:
                    columns[ids[0]] = self.finite_verb(doc.vocab, words[0]) or columns[ids[0]]
            doc.from_array([POS, MORPH], columns)
            yield doc

    def finite_verb(self, vocab, word: str) -> tuple[int, int] | None:
        """(POS id, morph key) of a sentence's first word the tagger read as an adjective when the dictionary
        knows it only as a finite verb: a capital letter makes the tagger take "Возглавил компанию" or
        "Скончался в больнице" (a subject dropped after the previous sentence) for an adjective, which no
        verb's roles then read. None for any word with an adjective's or a participle's reading."""
        found = self._verbs.get(word)
        if found is None:
            readings = [ru_lemmatizer.oc2ud(str(a.tag)) for a in known_analyses(analyzer().parse(word))]
            found = False
            if readings and all(pos == "VERB" and feats.get("VerbForm") == "Fin" for pos, feats in readings):
                feats = feats_string(readings[0][1])
                found = (POS_IDS["VERB"], vocab.morphology.add(feats))
            self._verbs[word] = found
        return found or None

    def pos_and_morph(self, vocab, tagger, tag: int) -> tuple[int, int]:
        """What `token.pos_ = pos; token.set_morph(features or None)` would store for the tagger's tag id, kept
        per id."""
        if vocab is not self._vocab:
            self._morph_keys, self._verbs, self._vocab = {}, {}, vocab
        found = self._morph_keys.get(tag)
        if found is None:
            pos, feats = parse_conll_tag(models.tag_names(tagger)[tag])
            feats = feats_string(feats)
            found = self._morph_keys[tag] = (POS_IDS[pos], vocab.morphology.add(feats) if feats else 0)
        return found


@Language.factory("natasha_morphology", assigns=["token.pos", "token.morph"],
                  default_config={"batch_size": 64})
def create_morphology(nlp, name, *, batch_size: int):
    return NatashaMorphology(batch_size=batch_size)
