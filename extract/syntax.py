"""Dependency syntax from Natasha's parser, repaired into one tree per sentence.

Natasha sometimes returns two roots or a cycle; spaCy would accept such heads and
then split sentences wrongly. Each sentence keeps exactly one root (the first
one, preferring a verb), and any token whose head chain does not reach it is
attached to it.
"""
from __future__ import annotations

import numpy
from spacy.attrs import DEP, HEAD, IS_SPACE, POS, SENT_START
from spacy.language import Language
from spacy.parts_of_speech import NAMES as POS_NAMES

from . import models
from .morphology import sentence_words


def repair_tree(heads: list[int], pos: list[str]) -> tuple[list[int], int]:
    """heads: 0-based head index per token, -1 for root. Returns (heads, root) forming one tree."""
    n = len(heads)
    roots = [i for i, h in enumerate(heads) if h < 0 or h >= n or h == i]
    if not roots:  # a pure cycle: pick a verb or the first token
        roots = [next((i for i in range(n) if pos[i] == "VERB"), 0)]
    root = next((r for r in roots if pos[r] in ("VERB", "AUX")), roots[0])
    heads = [root if (i in roots and i != root) else h for i, h in enumerate(heads)]
    heads[root] = root
    for i in range(n):  # break cycles: follow the chain, attach to root if it loops
        seen, j = set(), i
        while j != root and j not in seen:
            seen.add(j)
            j = heads[j]
        if j != root:
            heads[i] = root
    return heads, root


class NatashaSyntax:
    def __call__(self, doc):
        return next(self.pipe([doc]))

    def pipe(self, docs, batch_size=None):
        parser = models.syntax_parser()
        rels = models.tag_names(parser)
        for doc in docs:
            sents = sentence_words(doc)
            preds = models.predict_by_length(parser, [words for _, words in sents])   # less padding
            pos = [POS_NAMES[p] for p in doc.to_array(POS).tolist()]
            heads = [0] * len(doc)      # relative offsets, as spaCy stores them
            deps = [0] * len(doc)
            strings = doc.vocab.strings
            for (ids, _), (head_ids, rel_ids) in zip(sents, preds):
                fixed, root = repair_tree([h - 1 for h in head_ids.tolist()], [pos[i] for i in ids])
                for k, (i, rel_id) in enumerate(zip(ids, rel_ids.tolist())):
                    rel = rels[rel_id]
                    rel = "ROOT" if k == root else "parataxis" if rel == "root" else rel
                    heads[i] = ids[fixed[k]] - i
                    deps[i] = strings.add(rel)
            attach_whitespace(doc, heads, deps)
            columns = numpy.array([[h % 2 ** 64 for h in heads], deps], dtype="uint64").T
            doc.from_array([HEAD, DEP], columns)
            yield doc


def attach_whitespace(doc, heads: list[int], deps: list[int]) -> None:
    """Whitespace tokens hang off the previous word of their sentence (its first word when none is before,
    themselves in a sentence of whitespace only), by the relation `dep`; heads and deps are filled in place."""
    columns = doc.to_array([SENT_START, IS_SPACE])
    starts, spaces = columns[:, 0].tolist(), columns[:, 1].tolist()
    if not any(spaces):
        return
    dep = doc.vocab.strings.add("dep")
    bounds = [i for i, s in enumerate(starts) if s == 1 and i] + [len(doc)]
    begin = 0
    for end in bounds:
        words = [i for i in range(begin, end) if not spaces[i]]
        previous = None
        for i in range(begin, end):
            if not spaces[i]:
                previous = i
                continue
            anchor = previous if previous is not None else (words[0] if words else i)
            heads[i] = anchor - i
            deps[i] = dep
        begin = end


@Language.factory("natasha_syntax", assigns=["token.head", "token.dep", "token.is_sent_start"], requires=["token.pos"])
def create_syntax(nlp, name):
    return NatashaSyntax()
