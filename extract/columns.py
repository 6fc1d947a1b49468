"""A document's token attributes as plain lists, read once with `Doc.to_array`.

Every `for token in doc` makes a new spaCy `Token` per token; the ontology stages scan the whole document
many times over (lexicon nouns, triggers, speech verbs, adjectives), and those objects had become a large
part of their cost. A scan now reads these lists and makes a `Token` only where something matched.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import IS_ALPHA, LEMMA, LOWER, ORTH, POS

_last: tuple | None = None   # (doc, its Columns): the document at hand (not in doc.user_data, which
                             # spaCy serialises with the Doc)


@dataclass
class Columns:
    text: list[str]
    lower: list[str]
    lemma: list[str]
    pos: list[str]
    alpha: list[bool]
    lemma_forms: list | None = None   # extract.lemmas.lemma_column, made on first use
    sentences: list[int] | None = None   # extract.resolve.sentence_numbers, made on first use


def read(doc) -> Columns:
    strings = doc.vocab.strings
    rows = doc.to_array([ORTH, LOWER, LEMMA, POS, IS_ALPHA]).tolist() if len(doc) else []
    names: dict[int, str] = {}

    def name(h: int) -> str:
        s = names.get(h)
        if s is None:
            s = names[h] = strings[h] if h else ""
        return s
    return Columns(text=[name(r[0]) for r in rows], lower=[name(r[1]) for r in rows],
                   lemma=[name(r[2]) for r in rows], pos=[name(r[3]) for r in rows], alpha=[bool(r[4]) for r in rows])


def columns(doc) -> Columns:
    """The columns of the document, kept while it is the one at hand, once the lemmas are final
    (`ontology_mentions` writes ё as е before its first scan; nothing changes tokens after that)."""
    global _last
    if _last is None or _last[0] is not doc or len(_last[1].lower) != len(doc):
        _last = (doc, read(doc))
    return _last[1]


def normalise_yo(doc) -> None:
    """The lexicon writes ё as е ("Вооружённые силы" is its "вооруженный сила"): so do the lemmas."""
    strings = doc.vocab.strings
    for i, h in enumerate(doc.to_array(LEMMA).tolist() if len(doc) else []):
        lemma = strings[h] if h else ""
        if "ё" in lemma:
            doc[i].lemma_ = lemma.replace("ё", "е")
    global _last
    _last = None
