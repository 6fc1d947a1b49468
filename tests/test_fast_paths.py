"""The shortcuts the ontology stages take for speed give what the plain spaCy reads give (bench/RESULTS.md,
"Extraction speed"): sentences, copies of records, and the sentences date reading skips."""
from __future__ import annotations

import copy
import datetime as dt

import pytest

from extract.dates import cue_tokens, find_dates, natasha_found, rule_dates
from extract.lemma_lookup import lemma_column, normal_forms
from extract.place_adjectives import adjective_places, lexicon_places, place_made_from, place_named_by
from extract.records import Event, Role, TimeValue
from extract.resolve import sentence_numbers, sentence_spans
from extract.to_records import copied
from extract.token_columns import columns, set_span_extensions, span_extension

TEXT = ("Танкер «Дельта» атакован у терминала КТК.\n\nВчера в 10:00 в порту Новороссийска произошёл взрыв. "
        "По словам губернатора,   пострадавших нет.\nСудно ушло 22 января 2026 года.")


def test_sentences_cut_as_spacy_cuts_them(nlp):
    doc = nlp(TEXT)
    sents = list(doc.sents)
    assert [(s.start, s.end) for s in sentence_spans(doc)] == [(s.start, s.end) for s in sents]
    assert sentence_numbers(doc) == [n for n, s in enumerate(sents) for _ in s]


def test_lemma_column_reads_each_word_as_its_token_and_pymorphy_do(nlp):
    doc = nlp(TEXT)
    for _ in range(2):       # read anew, then from the words kept
        columns(doc).lemma_forms = None
        assert lemma_column(doc) == [(t.lemma_.lower(), normal_forms(t.text) if t.is_alpha else ()) for t in doc]


def test_place_named_by_tries_the_documents_places_then_the_lexicons(nlp):
    lexicon = nlp.get_pipe("ontology_events").lexicon
    every = [(k, a.label_ru) for k, a in lexicon_places(lexicon).items()]
    assert place_named_by("московский", [], lexicon) == place_made_from("московский", every) == "moscow"
    assert place_named_by("московский", [("moskva-oblast", "Москва")], lexicon) == "moskva-oblast"
    assert place_named_by("красный", [], lexicon) is None
    assert adjective_places({}, lexicon) == []


def test_records_copied_as_deepcopy_copies_them_sharing_kept():
    when = TimeValue(text="вчера", precision="day", value="2026-01-21", begin="2026-01-21", end="2026-01-21")
    shared = Role(role="agent", entity="ktk")
    events = [Event(index=0, type="Attack", trigger="атакован", start=7, end=15, sentence=0, roles=[shared],
                    time=when),
              Event(index=1, type="Explosion", trigger="взрыв", start=60, end=65, sentence=1, roles=[shared],
                    time=when)]
    got = copied(events)
    assert got == copy.deepcopy(events)
    assert got[0] is not events[0] and got[0].roles[0] is not shared and got[0].time is not when
    assert got[0].roles[0] is got[1].roles[0] and got[0].time is got[1].time    # shared as before


def test_dates_read_in_every_sentence_that_may_hold_one(nlp):
    doc = nlp(TEXT)
    ref = dt.date(2026, 1, 22)
    for sent in doc.sents:      # the per-token cues skip no expression the readers find
        assert find_dates(sent, ref) or not (rule_dates(sent, ref) or natasha_found(sent, ref))
    assert [v.value for s in doc.sents for _, _, v in find_dates(s, ref)] == ["2026-01-21", "2026-01-22"]


MAR20 = dt.date(2026, 3, 20)


@pytest.mark.parametrize("sentence, text, value", [
    ("Беспилотники атаковали нефтебазу в ночь на 14 марта.", "ночь на 14 марта", "2026-03-14"),
    ("Накануне в Москве задержали двух подозреваемых.", "Накануне", "2026-03-19"),
    ("Взрыв произошёл две недели назад в порту Новороссийска.", "две недели назад", "2026-03-06"),
    ("Полуостров был присоединён к России в 2014-м.", "2014-м", "2014"),
])
def test_the_cues_skip_no_sentence_with_a_date(nlp, sentence, text, value):
    doc = nlp(sentence)
    columns(doc).memo.pop(cue_tokens, None)       # read afresh, as a sentence the events stage had not read
    assert [(v.text, v.value) for _, _, v in find_dates(doc[:], MAR20)] == [(text, value)]


def test_the_cues_are_read_a_sentence_at_a_time(nlp):
    """Only the sentences read for dates have their words looked at (the events stage reads those with an
    event); the others' stay unread (None), and a sentence read later gets its own."""
    doc = nlp("Губернатор провёл совещание. Накануне в Москве задержали двух подозреваемых.")
    first, second = doc.sents
    columns(doc).memo.pop(cue_tokens, None)
    assert [v.text for _, _, v in find_dates(second, MAR20)] == ["Накануне"]
    cues = columns(doc).memo[cue_tokens]
    assert cues[first.start:first.end] == [None] * len(first)
    assert cues[second.start:second.end] == [t.lower_ == "накануне" for t in second]
    assert find_dates(first, MAR20) == [] and None not in cues


def test_known_analyses_are_pymorphys_known_ones():
    """Each word looked up once gives the analyses `Parse.is_known` keeps, in pymorphy3's order: dictionary
    words, a word with ё written as е, an unknown word and one of two spellings."""
    from extract.lemma_lookup import analyzer, known_analyses
    for word in ("стали", "Елка", "ёлка", "житель", "Шойгу", "кубрикоподобный", "iPhone", "по-новому", "ещё"):
        parses = analyzer().parse(word)
        assert known_analyses(parses) == [a for a in parses if a.is_known], word


def test_word_vectors_are_navecs_one_by_one():
    """The trigger model's table rows of new words, gathered at once, are `navec_vector`'s: navec's vector of
    a known word (the same floats), the unknown flag for a word navec lacks and for no word ("")."""
    import numpy as np

    from extract import models
    from extract.trigger_model import DIM, navec_vector, word_vectors
    emb = models.embedding()
    words = ["президент", "", "несуществующееслово", "москва", "президент", "<unk>", "атаковать"]
    expected = np.zeros((len(words), DIM + 1), np.float32)
    for n, word in enumerate(words):
        navec_vector(emb, word, expected[n])
    found = word_vectors(emb, words)
    assert found.dtype == expected.dtype and np.array_equal(found, expected)
    assert found[2, DIM] == 1.0 and found[0, DIM] == 0.0
    assert word_vectors(emb, []).shape == (0, DIM + 1)


def test_span_extensions_written_and_read_where_spacy_keeps_them(nlp):
    """`set_span_extensions` and `span_extension` write and read what `span._` writes and reads."""
    from spacy.tokens import Span
    doc = nlp.make_doc("Компания «Газпром» сообщила о росте добычи газа.")     # no stage has written any
    whole, name = Span(doc, 0, 4, label="Org"), Span(doc, 2, 3, label="Org")
    set_span_extensions(whole, rule="org-descriptor", confidence=0.85, name=(2, 3))
    assert (whole._.rule, whole._.confidence, whole._.name, whole._.known) == ("org-descriptor", 0.85, (2, 3), None)
    name._.known = "http://www.wikidata.org/entity/Q102673"
    assert span_extension(name, "known") == name._.known and span_extension(name, "rule") == ""
    with pytest.raises(AttributeError):
        set_span_extensions(whole, no_such_extension=1)
