"""Tokens and sentences from Natasha's segmenter (razdel), as a spaCy tokenizer.

Gaps other than one space become whitespace tokens, so `doc.text` is the input
exactly and character offsets survive the round trip.
"""
from __future__ import annotations

import spacy
from spacy.tokens import Doc

from . import models


class NatashaTokenizer:
    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        seg = models.segmenter()
        words, spaces, starts = [], [], []
        sent_starts = {s.start for s in seg.sentenize(text)}
        cursor = 0

        def gap(until: int):
            chunk = text[cursor:until]
            if not chunk:
                return
            if chunk == " " and words:
                spaces[-1] = True
                return
            if words:
                spaces[-1] = False
            words.append(chunk)
            spaces.append(False)
            starts.append(None)  # whitespace token: never a sentence start

        for token in seg.tokenize(text):
            newline = "\n" in text[cursor:token.start]   # a line break always ends a sentence (headlines)
            gap(token.start)
            words.append(token.text)
            spaces.append(False)
            starts.append(token.start in sent_starts or newline)
            cursor = token.stop
        gap(len(text))
        flags, seen_word = [], False      # leading whitespace belongs to the first sentence
        for s in starts:
            if s is None:
                flags.append(not flags)
            else:
                flags.append(not flags or (s and seen_word))
                seen_word = True
        doc = Doc(self.vocab, words=words, spaces=spaces, sent_starts=flags)
        return doc

    # spaCy calls these when saving / loading a pipeline; the tokenizer has no state of its own.
    def to_bytes(self, **kwargs):
        return b""

    def from_bytes(self, data, **kwargs):
        return self

    def to_disk(self, path, **kwargs):
        pass

    def from_disk(self, path, **kwargs):
        return self


@spacy.registry.tokenizers("natasha_tokenizer.v1")
def create_tokenizer():
    def make(nlp):
        return NatashaTokenizer(nlp.vocab)
    return make
