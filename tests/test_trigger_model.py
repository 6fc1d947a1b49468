"""The event trigger model: its shipped weights, what it proposes, its contract, and its training data reader."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from extract import trigger_model

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import train_triggers  # noqa: E402


@pytest.fixture(scope="module")
def analyser():
    nlp = train_triggers.analyser()
    nlp.add_pipe("event_trigger_model")
    return nlp


def test_weights_load_small_and_fit_the_features():
    w = trigger_model.load()
    assert w["w1"].shape == (trigger_model.width(), train_triggers.HIDDEN)
    assert w["w2"].shape == (train_triggers.HIDDEN, 1)
    assert 0.0 < float(w["threshold"]) < 1.0
    assert trigger_model.WEIGHTS.stat().st_size < 2_000_000


@pytest.mark.parametrize("text,expected", [
    ("Вчера в порту произошёл взрыв.", ["взрыв"]),
    ("Полиция задержала трёх подозреваемых.", ["задержала"]),
    ("Министр подал в отставку в понедельник.", ["отставку"]),
])
def test_component_proposes_the_triggers(analyser, text, expected):
    doc = analyser(text)
    proposed = [doc[i].text for i, _ in doc._.model_triggers]
    assert proposed == expected
    assert all(0.0 < s <= 1.0 for _, s in doc._.model_triggers)


def test_factory_declares_what_it_reads_and_writes():
    from spacy.language import Language
    meta = Language.get_factory_meta("event_trigger_model")
    assert meta.assigns == ["doc._.model_triggers"]
    assert {"token.lemma", "token.dep"} <= set(meta.requires)


def test_data_reader_labels_tokens_over_event_spans(tmp_path, analyser):
    text = "Вчера произошёл взрыв на заводе. Его обсудили."
    (tmp_path / "1.txt").write_text(text, encoding="utf-8")
    (tmp_path / "1.ann").write_text("T1\tEVENT 16 21\tвзрыв\nT2\tLOCATION 25 31\tзаводе\n"
                                    "T3\tEVENT 37 45\tобсудили\n", encoding="utf-8")
    got, parts = train_triggers.read_events(tmp_path / "1.txt")
    assert got == text and sorted(parts) == [(16, 21), (37, 45)]
    doc = analyser(text)
    y = train_triggers.labels(doc, parts)
    assert [t.text for t, v in zip(doc, y) if v] == ["взрыв", "обсудили"]


def test_head_labels_mark_the_mention_head_and_leave_its_other_words_out(tmp_path):
    text = "Вчера под Тверью разбился самолёт. Гибель людей расследуют."
    (tmp_path / "1.txt").write_text(text, encoding="utf-8")
    (tmp_path / "1.ann").write_text("T1\tEVENT 17 33\tразбился самолёт\nT2\tEVENT 35 47\tГибель людей\n",
                                    encoding="utf-8")
    d = train_triggers.parse(tmp_path)[0]
    y = train_triggers.head_labels(d)
    words = [text[a:b] for a, b in d["spans"]]
    assert [w for w, v in zip(words, y) if v == 1] == ["разбился", "Гибель"]
    assert [w for w, v in zip(words, y) if v == -1] == ["самолёт", "людей"]


def test_average_precision_ranks_triggers_first():
    import numpy as np
    y = np.array([1, 0, 1, 0], dtype=np.float32)
    assert train_triggers.average_precision(np.array([0.9, 0.8, 0.7, 0.1]), y) == pytest.approx((1 + 2 / 3) / 2)
    assert train_triggers.average_precision(np.array([0.9, 0.1, 0.8, 0.2]), y) == 1.0
