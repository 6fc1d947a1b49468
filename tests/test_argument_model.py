"""The event argument model: its shipped weights, the dependency path it reads, the roles it adds in the
events stage, and its training data reader."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from extract import argument_model

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import train_arguments  # noqa: E402


def test_weights_load_small_and_fit_the_features():
    w = argument_model.load()
    assert w["w1"].shape == (argument_model.BUCKETS, train_arguments.HIDDEN)
    assert w["wv"].shape == (argument_model.DIM + 1, train_arguments.HIDDEN)
    assert w["w2"].shape == (train_arguments.HIDDEN, 3)
    assert 0.0 < float(w["add_threshold"]) < 1.0
    assert 0.5 <= float(w["drop_threshold"]) <= 1.01
    assert argument_model.WEIGHTS.stat().st_size < 1_000_000


def test_path_goes_up_to_the_common_head_and_down():
    # 0 <-nsubj- 1 (root) -obl-> 2 -nmod-> 3; 4 hangs on 3
    heads = [1, 1, 1, 2, 3]
    deps = ["nsubj", "root", "obl", "nmod", "appos"]
    assert argument_model.path(heads, deps, 0, 4) == ["^nsubj", "vobl", "vnmod", "vappos"]
    assert argument_model.path(heads, deps, 4, 0) == ["^appos", "^nmod", "^obl", "vnsubj"]
    assert argument_model.path(heads, deps, 2, 3) == ["vnmod"]


def test_mention_root_is_the_word_the_others_hang_on():
    heads = [1, 1, 1, 4, 1]
    assert argument_model.mention_root(heads, 3, 5) == 4
    assert argument_model.mention_root(heads, 0, 2) == 1


def test_hashed_rows_are_stable_between_processes():
    # crc32, not Python's salted hash: the shipped rows must mean the same features in every process
    assert argument_model.bucket("path=^nsubj") == 1301
    assert argument_model.bucket("cat=PERSON") == 3657


def test_scorer_gives_probabilities_of_the_three_labels():
    score = argument_model.scorer()
    p = score([(0, None, "k", "убить", ["path=vnsubj", "cat=person"]),
               (0, None, "k", "неведомослово", ["path=long"])])
    assert p.shape == (2, 3)
    assert np.allclose(p.sum(axis=1), 1.0, atol=1e-4)
