"""A document's token attributes as plain lists (`doc._.columns`), made once by `ontology_normalise`.

Every `for token in doc` makes a new spaCy `Token` per token; the ontology stages scan the whole document
many times over (lexicon nouns, triggers, speech verbs, adjectives), and those objects had become a large
part of their cost. A scan reads these lists and makes a `Token` only where something matched.

The columns are kept beside the Doc, not in it: a weak map from Doc to its columns, read through a getter
extension. They are never in `doc.user_data`, so `doc.to_bytes` and pickling see nothing of them, and they
go when the Doc goes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import compress, repeat
from weakref import WeakKeyDictionary, ref

import numpy

from spacy.attrs import DEP, HEAD, IS_ALPHA, IS_PUNCT, LEMMA, LOWER, MORPH, ORTH, POS
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens.underscore import Underscore

from .tokens import source_text, source_words


@dataclass
class Columns:
    text: list[str]
    lower: list[str]
    lemma: list[str]          # after normalisation: ё written е
    pos: list[str]
    alpha: list[bool]
    # derived on first use, for the whole document (not part of what the columns are: no compare, no repr)
    lemma_forms: list | None = field(default=None, compare=False, repr=False)   # extract.lemma_lookup.lemma_column
    sentences: list[int] | None = field(default=None, compare=False, repr=False)   # extract.resolve.sentence_numbers
    memo: dict = field(default_factory=dict, compare=False, repr=False)   # per-token answers, by asker
                                                                          # (extract.mentions.noun_at)


_COLUMNS: WeakKeyDictionary = WeakKeyDictionary()
_LAST: list = [lambda: None, None, 0]   # (weak reference to the latest Doc asked for, its columns, their length):
                                        # the stages ask for one document's columns thousands of times in a row


def columns(doc) -> Columns:
    """The document's columns: `doc._.columns` without spaCy's extension lookup (the stages ask a thousand times
    a document: the latest Doc's columns and length are kept at hand)."""
    last, cols, n = _LAST
    if last() is not doc:
        cols = _COLUMNS.get(doc)
        if cols is None:
            raise ValueError("the document has no token columns: run the `ontology_normalise` component first")
        n = len(cols.lower)
        _LAST[:] = ref(doc), cols, n
    if n != len(doc):
        raise ValueError("the document's tokens changed after `ontology_normalise`")
    return cols


Doc.set_extension("columns", getter=columns, force=True)


def read(doc) -> Columns:
    if not len(doc):
        return Columns(text=[], lower=[], lemma=[], pos=[], alpha=[])
    strings, attrs = doc.vocab.strings, [LOWER, LEMMA, POS, IS_ALPHA, IS_PUNCT]
    text = source_words(doc)     # the tokenizer's words, without a look-up of each token's string
    table = doc.to_array(attrs if text else [*attrs, ORTH]).T.tolist()
    lower, lemma, pos = (names_of(strings, column) for column in table[:3])
    cols = Columns(text=text or names_of(strings, table[5]), lower=lower, lemma=lemma, pos=pos,
                   alpha=list(map(bool, table[3])))
    cols.memo[punct] = list(map(bool, table[4]))     # `punct`, in the same read of the arrays
    return cols


_NAMES: dict[int, str] = {0: ""}   # hash -> its string, for every document: a hash names one string in any
NAMES_KEPT = 500_000               # StringStore (and POS ids are spaCy's fixed symbols)


def names_of(strings, hashes: list[int]) -> list[str]:
    """The strings of a column of hashes (0: ""), read through `_NAMES`: one dict look-up each, in C."""
    out = list(map(_NAMES.get, hashes))
    if None in out:
        if len(_NAMES) > NAMES_KEPT:
            _NAMES.clear()
            _NAMES[0] = ""
        for k, h in enumerate(hashes):
            if out[k] is None:
                out[k] = _NAMES[h] = strings[h]
    return out


def text(doc) -> str:
    """`doc.text`, joined once per document: spaCy joins the tokens' texts anew on every read (the tokenizer's
    own text, when it kept it)."""
    memo = columns(doc).memo
    found = memo.get(text)
    if found is None:
        found = memo[text] = source_text(doc) or doc.text
    return found


def syntax(doc) -> tuple[list[str], list[int]]:
    """Each token's dependency label and head index (its own for a root), read once per document on first ask:
    the parser runs after `ontology_normalise`, so these are not among the columns it reads, and later stages
    must not change the tree. `doc[j].dep_` and `doc[j].head.i` make two Tokens a read."""
    memo = columns(doc).memo
    found = memo.get(syntax)
    if found is None:
        if len(doc):
            table = doc.to_array([DEP, HEAD])     # unsigned: a head before its token wraps round
            heads = (table[:, 1].astype(numpy.int64) + numpy.arange(len(doc))).tolist()
            found = (names_of(doc.vocab.strings, table[:, 0].tolist()), heads)
        else:
            found = ([], [])
        memo[syntax] = found
    return found


def children(doc) -> list[list[int]]:
    """Each token's children's indices, in order (`Token.children`'s), from the `syntax` heads: one pass over
    the heads per document; a scan of a word's children then makes no Token for each of them."""
    memo = columns(doc).memo
    found = memo.get(children)
    if found is None:
        found = memo[children] = [[] for _ in range(len(doc))]
        for j, h in enumerate(syntax(doc)[1]):
            if h != j:
                found[h].append(j)
    return found


def punct(doc) -> list[bool]:
    """Each token's `is_punct`, read once per document (by `read`, with the columns)."""
    memo = columns(doc).memo
    found = memo.get(punct)
    if found is None:
        found = memo[punct] = [bool(p) for p in doc.to_array(IS_PUNCT).tolist()] if len(doc) else []
    return found


def morph_column(doc) -> list[int]:
    """Each token's MORPH hash, read once per document on first ask (after the taggers: no stage changes it)."""
    memo = columns(doc).memo
    found = memo.get(morph_column)
    if found is None:
        found = memo[morph_column] = doc.to_array(MORPH).tolist() if len(doc) else []
    return found


_FIELDS: dict[tuple[int, str], tuple[str, ...]] = {}   # (MORPH hash, field) -> its values, for every document:
FIELDS_KEPT = 100_000                                  # a hash names one feature string in any StringStore


def morph_get(token, field: str) -> list[str]:
    """`token.morph.get(field)` (the values of one feature, as a new list), looked up by the token's MORPH hash:
    each `token.morph` makes a MorphAnalysis and each `get` reads its features anew (some 100 call sites, a
    few hundred calls a document). A Doc without the columns is read through spaCy."""
    try:
        key = (morph_column(token.doc)[token.i], field)
    except ValueError:
        return token.morph.get(field)
    found = _FIELDS.get(key)
    if found is None:
        if len(_FIELDS) > FIELDS_KEPT:
            _FIELDS.clear()
        found = _FIELDS[key] = tuple(token.morph.get(field))
    return list(found)


def normalise_yo(doc) -> None:
    """The lexicon writes ё as е ("Вооружённые силы" is its "вооруженный сила"): so do the lemmas."""
    strings = doc.vocab.strings
    for i, h in enumerate(doc.to_array(LEMMA).tolist() if len(doc) else []):
        lemma = strings[h] if h else ""
        if "ё" in lemma:
            doc[i].lemma_ = lemma.replace("ё", "е")


def normalise(doc):
    """Settle the lemmas as the lexicon writes them (`normalise_yo`), then read the columns every later stage
    scans (`read`): one read of the document's arrays for both."""
    cols = read(doc)
    lemmas = cols.lemma     # the few lemmas with ё picked in C, without a Python step per word
    for i in compress(range(len(lemmas)), map(str.__contains__, lemmas, repeat("ё"))):
        doc[i].lemma_ = lemmas[i] = lemmas[i].replace("ё", "е")
    _COLUMNS[doc] = cols
    _LAST[:] = ref(doc), cols, len(cols.lower)
    return doc


@Language.factory("ontology_normalise", assigns=["token.lemma", "doc._.columns"], requires=["token.lemma", "token.pos"])
def create_normalise(nlp, name):
    return normalise


def span_extensions(span, names: tuple[str, ...]) -> tuple:
    """`span._.<name>` of each name, read from the Doc's user data where spaCy keeps them (("._.", name,
    start char, end char)): each `span._` makes a new object, and each read of it looks the extension up
    again, while the record makers read several of every mention. Only for extensions with an immutable
    default (spaCy stores a copy of a mutable one on first read)."""
    data, start, end = span.doc.user_data, span.start_char, span.end_char
    extensions = Underscore.span_extensions
    return tuple(data.get(("._.", name, start, end), extensions[name][0]) for name in names)


def span_extension(span, name: str):
    """`span._.<name>`, read as `span_extensions` reads it: for the one extension a scan of mentions asks."""
    return span.doc.user_data.get(("._.", name, span.start_char, span.end_char), Underscore.span_extensions[name][0])


def set_span_extensions(span, **values) -> None:
    """`span._.<name> = value` of each, written where spaCy keeps them (`span_extensions`): a new `span._`
    and an extension look-up each write cost more than the write, and every mention made is written two or
    three times. Only for extensions without a setter (all the stages' are plain values)."""
    data, start, end = span.doc.user_data, span.start_char, span.end_char
    extensions = Underscore.span_extensions
    for name, value in values.items():
        if name not in extensions:
            raise AttributeError(f"no span extension {name!r}")
        data[("._.", name, start, end)] = value
