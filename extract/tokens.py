"""Tokens and sentences from Natasha's segmenter (razdel), as a spaCy tokenizer.

Gaps other than one space become whitespace tokens, so `doc.text` is the input
exactly and character offsets survive the round trip.

A sentence longer than MAX_SENTENCE words is cut into pieces of at most that many
(after a comma or dash where one is near the limit): the parser's work grows with
the square of a sentence's length, so one run-on sentence of 100,000 characters
would cost gigabytes. The longest sentence of factru-dev and NEREL (train and dev)
has 191 words, so no real sentence there is cut.
"""
from __future__ import annotations

from weakref import WeakKeyDictionary

import razdel
import spacy
from spacy.tokens import Doc

MAX_SENTENCE = 300          # words in one sentence, at most (see above)
CUT_AFTER = {",", ";", ":", "—", "–", "-", ")", "»", '"'}
_TEXTS: WeakKeyDictionary = WeakKeyDictionary()   # Doc -> (the text it was made of, its words, razdel's tokens),
                                                  # kept beside it as the columns are


def cut_long_sentences(words: list[str], gaps: list[bool], flags: list[bool], limit: int = MAX_SENTENCE) -> list[bool]:
    """Sentence-start flags with a start added wherever a sentence would pass `limit` words.

    Gap (whitespace) tokens are never a start and not counted; a cut goes after the last punctuation
    mark in the second half of the window, else before the word past the limit."""
    flags = list(flags)
    count, last_cut = 0, None      # words since the sentence start; the latest punctuation mark's word count
    for i, word in enumerate(words):
        if gaps[i]:
            continue
        if flags[i]:
            count, last_cut = 0, None
        if count >= limit:
            start = next_word(gaps, last_cut[0] + 1) if last_cut and last_cut[1] > limit // 2 else i
            flags[start] = True
            count = count - (last_cut[1] if start != i else count)
            last_cut = None
        count += 1
        if word in CUT_AFTER:
            last_cut = (i, count)
    return flags


def next_word(gaps: list[bool], i: int) -> int:
    while gaps[i]:
        i += 1
    return i


def source_text(doc) -> str | None:
    """The text this tokenizer made the Doc of (`doc.text` exactly, without spaCy joining every token's text
    again), or None for a Doc made otherwise or whose end no longer meets the text's."""
    text, _, _ = _TEXTS.get(doc, (None, None, None))
    if text is None or not len(doc) or doc[-1].idx + len(doc[-1].text_with_ws) != len(text):
        return None
    return text


def source_words(doc) -> list[str] | None:
    """The words this tokenizer made the Doc of (each token's text, without a look-up of its string), or None
    for a Doc made otherwise or with another number of tokens."""
    _, words, _ = _TEXTS.get(doc, (None, None, None))
    return words if words is not None and len(words) == len(doc) else None


def source_tokens(doc) -> list | None:
    """razdel's tokens of the text this tokenizer made the Doc of (`start`, `stop`, `text`; whitespace between
    them is no token), as slovnet's NER tagger would tokenize that text again; None as for `source_text`."""
    return _TEXTS[doc][2] if source_text(doc) is not None else None


def add_gap(words: list[str], spaces: list[bool], starts: list, chunk: str) -> None:
    """A gap between words: one space after a word is that word's trailing space, other whitespace a token of its
    own (never a sentence start), so `doc.text` is the input exactly."""
    if chunk == " " and words:
        spaces[-1] = True
        return
    if words:
        spaces[-1] = False
    words.append(chunk)
    spaces.append(False)
    starts.append(None)


class NatashaTokenizer:
    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words, spaces, starts = [], [], []
        sent_starts = {s.start for s in razdel.sentenize(text)} if text else set()   # Natasha's segmenter's
        tokens = list(razdel.tokenize(text))                                        # calls, without its copies
        cursor = 0
        for token in tokens:
            start = token.start
            newline = False
            if start > cursor:         # the gap before the word
                chunk = text[cursor:start]
                newline = "\n" in chunk   # a line break always ends a sentence (headlines)
                add_gap(words, spaces, starts, chunk)
            words.append(token.text)
            spaces.append(False)
            starts.append(start in sent_starts or newline)
            cursor = token.stop
        if cursor < len(text):
            add_gap(words, spaces, starts, text[cursor:])
        flags, seen_word = [], False      # leading whitespace belongs to the first sentence
        for s in starts:
            if s is None:
                flags.append(not flags)
            else:
                flags.append(not flags or (s and seen_word))
                seen_word = True
        if len(words) > MAX_SENTENCE:
            flags = cut_long_sentences(words, [s is None for s in starts], flags)
        doc = Doc(self.vocab, words=words, spaces=spaces, sent_starts=flags)
        _TEXTS[doc] = text, words, tokens
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
