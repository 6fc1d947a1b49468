"""Shared fixtures: the spaCy pipelines, built once per test session (Natasha's models load slowly)."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    """The full pipeline, with the ontology's components."""
    from extract.pipeline import build_nlp
    return build_nlp()


@pytest.fixture(scope="session")
def baseline_nlp():
    """Natasha's stages only (tokens, morphology, lemmas, syntax, NER)."""
    from extract.pipeline import build_nlp
    return build_nlp(ontology=False)
