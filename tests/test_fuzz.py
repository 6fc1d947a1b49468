"""200 random and adversarial texts (seed 1234) through the whole pipeline, kg.graph's N-Triples and a parse-back
with Oxigraph: no crash, no triple lost, no ill-typed literal. The cases and the check are bench/fuzz.py's, whose
long run takes any --cases and --seed."""
from __future__ import annotations

import sys
from collections import Counter

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from fuzz import KINDS, check, fuzz_cases, ill_typed  # noqa: E402

CASES = fuzz_cases(1234, 200)


def test_the_cases_cover_every_kind_and_are_fixed_by_the_seed():
    kinds = Counter(k for kinds, _, _ in CASES for k in kinds.split("+"))
    assert set(kinds) == set(KINDS) and min(kinds.values()) >= 5
    assert fuzz_cases(1234, 200) == CASES and fuzz_cases(1235, 200) != CASES
    assert max(len(text) for _, text, _ in CASES) > 10_000          # a run-on sentence past the parser's cut
    assert any(c in text for _, text, _ in CASES for c in "\x0c\x0b\u2028\u2029\x85\x1c\x00")


@pytest.mark.slow
def test_no_case_crashes_or_loses_a_triple(nlp):
    failures = []
    for i, (kinds, text, date) in enumerate(CASES):
        error = check(nlp, i, text, date)
        if error:
            failures.append(f"case {i} ({kinds}, date {date}) {text[:80]!r}: {error.splitlines()[-1]}")
    assert failures == []


@pytest.mark.parametrize("literal, bad", [
    ('"2024-02-29"^^<http://www.w3.org/2001/XMLSchema#date>', False),
    ('"2024-02-31"^^<http://www.w3.org/2001/XMLSchema#date>', True),
    ('"0-03-04"^^<http://www.w3.org/2001/XMLSchema#date>', True),
    ('"2024-13"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>', True),
    ('"0.85"^^<http://www.w3.org/2001/XMLSchema#decimal>', False),
    ('"x"^^<http://www.w3.org/2001/XMLSchema#integer>', True),
    ('"31 февраля"@ru', False),
])
def test_the_ill_typed_check(literal, bad):
    import pyoxigraph as ox
    [triple] = ox.parse(f"<http://a> <http://b> {literal} .", ox.RdfFormat.N_TRIPLES)
    assert ill_typed(triple.object) is bad
