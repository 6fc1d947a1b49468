"""extract.syntax.repair_tree: whatever Natasha's parser returns, each sentence becomes one tree."""
from __future__ import annotations

import pytest

from conftest import SEED
from extract.reader import read_source
from extract.syntax import repair_tree


def is_tree(heads, root):
    """Every token's head chain reaches the root, which heads itself."""
    if heads[root] != root:
        return False
    for i in range(len(heads)):
        seen, j = set(), i
        while j != root:
            if j in seen:
                return False
            seen.add(j)
            j = heads[j]
    return True


def test_two_roots_become_one_preferring_a_verb():
    heads, root = repair_tree([-1, 0, -1], ["NOUN", "ADJ", "VERB"])
    assert root == 2
    assert heads == [2, 0, 2]
    assert is_tree(heads, root)


def test_two_roots_without_a_verb_keep_the_first():
    heads, root = repair_tree([-1, 0, -1], ["NOUN", "ADJ", "NOUN"])
    assert (heads, root) == ([0, 0, 0], 0)


def test_aux_counts_as_a_verb():
    heads, root = repair_tree([-1, -1], ["NOUN", "AUX"])
    assert (heads, root) == ([1, 1], 1)


def test_self_head_and_out_of_range_count_as_roots():
    heads, root = repair_tree([0, 7, 1], ["NOUN", "VERB", "ADJ"])
    assert (heads, root) == ([1, 1, 1], 1)


def test_pure_cycle_becomes_a_tree():
    heads, root = repair_tree([1, 0], ["NOUN", "NOUN"])     # 0 -> 1 -> 0, no root
    assert root == 0
    assert heads == [0, 0]
    assert is_tree(heads, root)


def test_pure_cycle_roots_at_the_verb():
    heads, root = repair_tree([1, 2, 0], ["NOUN", "VERB", "ADJ"])
    assert root == 1
    assert is_tree(heads, root)
    assert heads == [1, 1, 0]


def test_cycle_apart_from_the_root_is_attached_to_it():
    heads, root = repair_tree([-1, 0, 3, 2], ["VERB", "NOUN", "NOUN", "ADJ"])
    assert root == 0
    assert is_tree(heads, root)
    assert heads[:2] == [0, 0]


@pytest.mark.parametrize("heads, pos, root", [
    ([-1], ["VERB"], 0),
    ([1, -1, 1, 2], ["NOUN", "VERB", "NOUN", "ADJ"], 1),
    ([2, 2, -1, 2, 5, 2, 2], ["ADJ", "NOUN", "VERB", "ADP", "ADJ", "NOUN", "PUNCT"], 2),
])
def test_a_tree_is_unchanged(heads, pos, root):
    fixed, r = repair_tree(list(heads), pos)
    assert r == root
    assert fixed == [root if h < 0 else h for h in heads]


def test_input_list_is_not_mutated():
    heads = [-1, 0, -1]
    repair_tree(heads, ["NOUN", "ADJ", "VERB"])
    assert heads == [-1, 0, -1]


# --- on the seed, through the pipeline ----------------------------------------------------

@pytest.fixture(scope="module")
def seed_doc_spacy(nlp):
    return nlp(read_source(SEED).text)


def test_seed_sentence_count(seed_doc_spacy):
    sents = list(seed_doc_spacy.sents)
    assert len(sents) == 19
    assert sents[0].text.strip() == read_source(SEED).title      # the headline is its own sentence


def test_seed_one_root_per_sentence(seed_doc_spacy):
    for sent in seed_doc_spacy.sents:
        roots = [t for t in sent if t.head.i == t.i]
        assert len(roots) == 1, sent.text
        assert roots[0].dep_ == "ROOT"
        assert not roots[0].is_space


def test_seed_heads_stay_inside_their_sentence(seed_doc_spacy):
    for sent in seed_doc_spacy.sents:
        for t in sent:
            assert sent.start <= t.head.i < sent.end, (t.text, sent.text)
