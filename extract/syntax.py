"""Dependency syntax from Natasha's parser, repaired into one tree per sentence.

Natasha sometimes returns two roots or a cycle; spaCy would accept such heads and
then split sentences wrongly. Each sentence keeps exactly one root (the first
one, preferring a verb), and any token whose head chain does not reach it is
attached to it.
"""
from __future__ import annotations

import numpy
from spacy.attrs import DEP, HEAD
from spacy.language import Language

from . import models
from .morphology import sentence_tokens


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
        for doc in docs:
            sents = list(sentence_tokens(doc))
            markups = parser.map([[t.text for t in s] for s in sents])
            heads = numpy.zeros(len(doc), dtype="int32")   # relative offsets, as spaCy stores them
            deps = numpy.zeros(len(doc), dtype="uint64")
            strings = doc.vocab.strings
            for tokens, markup in zip(sents, markups):
                raw = [int(t.head_id) - 1 for t in markup.tokens]
                fixed, root = repair_tree(raw, [t.pos_ for t in tokens])
                for k, (token, tag) in enumerate(zip(tokens, markup.tokens)):
                    rel = "ROOT" if k == root else tag.rel
                    if k != root and tag.rel == "root":
                        rel = "parataxis"
                    heads[token.i] = tokens[fixed[k]].i - token.i
                    deps[token.i] = strings.add(rel)
            for sent in doc.sents:  # whitespace tokens hang off the previous word of their sentence
                words = [t for t in sent if not t.is_space]
                for token in sent:
                    if token.is_space:
                        anchor = next((w for w in reversed(words) if w.i < token.i), words[0] if words else token)
                        heads[token.i] = anchor.i - token.i
                        deps[token.i] = strings.add("dep")
            doc.from_array([HEAD, DEP], numpy.stack([heads.astype("uint64"), deps], axis=1))
            yield doc


@Language.factory("natasha_syntax", assigns=["token.head", "token.dep", "token.is_sent_start"], requires=["token.pos"])
def create_syntax(nlp, name):
    return NatashaSyntax()
