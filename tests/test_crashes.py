"""Texts that crashed an extraction stage and lost their document, each cut down to a short sentence
(bench/crashes.py runs every text of factru-dev and NEREL; bench/long_text.py measures memory on long input)."""
from __future__ import annotations

import sys

import pytest

from conftest import ROOT

from extract.pipeline import extract_documents
from extract.reader import MAX_CHARS, SourceText
from extract.tokens import MAX_SENTENCE, cut_long_sentences


def extract(nlp, text):
    [doc] = extract_documents(nlp, [SourceText(path="t.txt", key="t", title="", date=None, text=text,
                                               content_hash="0")])
    return doc


def events(doc):
    return [(e.type.rsplit("#", 1)[-1], e.trigger, [(r.role.rsplit("#", 1)[-1], r.value, r.start, r.end)
                                                    for r in e.roles]) for e in doc.events]


def test_text_ending_in_an_asset_noun_without_a_stop(nlp):
    """mentions.anchor_after looked for an owner one token past the end (IndexError)."""
    doc = extract(nlp, "Дроны атаковали танкер")
    # the drones are what attacked, its instrument (grammar.ttl WeaponNouns), as gold-domain marks them
    assert events(doc) == [("Attack", "атаковали", [("instrument", "дрон", 0, 5), ("target", "танкер", 16, 22)])]
    assert events(doc) == events(extract(nlp, "Дроны атаковали танкер."))


def test_empty_brackets_after_a_name(nlp):
    """Natasha's name "Жа Жа Габор ()" gave an empty abbreviation span, on which orgs.with_owners failed
    (IndexError; two NEREL train texts were lost)."""
    doc = extract(nlp, "В США умерла актриса венгерского происхождения Жа Жа Габор ().\nГабор умерла в 99 лет.")
    assert [(m.text, m.start, m.end) for m in doc.mentions] == [    # "венгерского": Hungary by its adjective
        ("США", 2, 5), ("венгерского", 21, 32), ("Жа Жа Габор", 47, 58), ("Габор", 63, 68)]
    assert all(m.end > m.start for m in doc.mentions)


@pytest.mark.slow
def test_a_text_longer_than_spacys_default_limit(nlp):
    """spaCy refuses texts over nlp.max_length (1,000,000 by default: E088); the reader accepts up to
    MAX_CHARS characters, and the pipeline takes all of them."""
    assert nlp.max_length == MAX_CHARS >= 2_000_000
    text = ("Министр заявил, что поставки газа возобновятся. " * 22_500)[:1_095_332]
    doc = nlp.make_doc(text)
    assert doc.text == text


def test_long_sentences_are_cut_after_punctuation_near_the_limit():
    words = ["w"] * 250 + [","] + ["w"] * 400 + [" \n "] + ["w"] * 10
    gaps = [w.isspace() for w in words]
    flags = cut_long_sentences(words, gaps, [True] + [False] * (len(words) - 1), limit=300)
    # after the comma (the 251st word), then 300 words on, then nothing: 10 words are left after the gap
    assert [i for i, f in enumerate(flags) if f] == [0, 251, 551]


@pytest.mark.slow
def test_a_sentence_of_any_length_gives_sentences_of_at_most_max_sentence_words(nlp):
    text = " ".join(["газ", "нефть", "танкер", "Казахстан", "поставки"] * 400)   # 2,000 words, no stop
    doc = nlp(text)
    lengths = [sum(1 for t in s if not t.is_space) for s in doc.sents]
    assert sum(lengths) == 2000 and max(lengths) == MAX_SENTENCE and len(lengths) == 7
    assert doc.text == text


def test_a_letter_without_a_unicode_name(nlp):
    """pymorphy3 asks unicodedata.name of every letter; Tangut ideographs have none (ValueError in the
    lemmatizer; found by bench/fuzz.py)."""
    doc = extract(nlp, "Газпром возобновил поставки 𗍤 газ𗀀.")
    assert doc.text == "Газпром возобновил поставки 𗍤 газ𗀀."
    assert [e.label_ru for e in doc.entities] == ["Газпром"]


@pytest.mark.slow
def test_a_long_text_is_tagged_in_pieces_cut_at_sentence_and_line_starts(nlp):
    """Natasha's NER reads a text as one sequence (+400 MB at 300,000 characters): past ner.CHUNK characters
    it reads pieces, each ending before a sentence start, at a line start where there is one late enough."""
    from extract.ner import pieces
    para = "Министр Иван Петров посетил Казахстан. Газпром подписал договор с КТК.\n\n"
    doc = nlp.make_doc(para * 10)
    for t in doc:
        t.is_sent_start = t.i == 0 or doc[t.i - 1].text == "." or doc[t.i - 1].text.startswith("\n")
    text = doc.text
    assert pieces(doc, text) == [(0, len(text))]
    cut = pieces(doc, text, size=200)
    assert cut[0] == (0, 2 * len(para)) and cut[-1][1] == len(text)
    assert all(b == c for (_, b), (c, _) in zip(cut, cut[1:]))
    assert all(text[b - 1] == "\n" for _, b in cut)
    names = [(e.text, e.label_) for e in nlp(para * 800).ents]      # 58,400 characters: 2 pieces
    assert len(names) == 800 * 4 and set(names) == {("Иван Петров", "PER"), ("Казахстан", "LOC"),
                                                      ("Газпром", "ORG"), ("КТК", "ORG")}


@pytest.mark.slow
def test_memory_of_one_100000_character_sentence_stays_near_the_models():
    """In a fresh process (bench/long_text.py): 2,780 MB before sentences were cut, about 460 MB since,
    with the models alone at about 400 MB. The bound is generous: the point is that it no longer grows
    with the square of the sentence."""
    sys.path.insert(0, str(ROOT / "bench"))
    from long_text import measure, one_sentence
    rss, _, out = measure(one_sentence(100_000))
    assert int(out.split()[0]) > 30      # sentences: cut into pieces of at most 300 words (12,800 words)
    assert rss < 1_200


@pytest.mark.slow
def test_the_corpus_run_records_each_file(tmp_path):
    """bench/crashes.py on a corpora folder of two of the texts above; without corpora it says it skipped."""
    import subprocess
    (tmp_path / "factru-dev").mkdir()
    (tmp_path / "nerel-dev" / "train").mkdir(parents=True)
    (tmp_path / "factru-dev" / "a.txt").write_text("Дроны атаковали танкер", encoding="utf-8")
    (tmp_path / "nerel-dev" / "train" / "b.txt").write_text("Умерла актриса Жа Жа Габор ().", encoding="utf-8")
    run = [sys.executable, str(ROOT / "bench" / "crashes.py"), "--corpora"]
    done = subprocess.run(run + [str(tmp_path)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0 and done.stdout.startswith("texts 2, failures 0"), done.stdout + done.stderr
    done = subprocess.run(run + [str(tmp_path / "absent")], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0 and done.stdout.startswith("skipped: no corpora folder"), done.stdout
