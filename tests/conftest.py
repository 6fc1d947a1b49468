"""Shared fixtures: the spaCy pipelines and the seed's records and store, built once per session
(Natasha's models load slowly)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_ba931c61e4d5ac49.txt"
TEXTS = Path(__file__).resolve().parent / "texts"
CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
# Flags for a closed network: no background connections, no first-run work, no sandbox as root.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


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


def _extract(nlp, path):
    from extract.pipeline import extract_documents
    from extract.reader import read_source
    [doc] = extract_documents(nlp, [read_source(path)])
    return doc


@pytest.fixture(scope="session")
def seed_doc(nlp):
    return _extract(nlp, SEED)


@pytest.fixture(scope="session")
def varna_doc(nlp):
    return _extract(nlp, TEXTS / "tanker_varna.txt")


@pytest.fixture(scope="session")
def ust_luga_doc(nlp):
    return _extract(nlp, TEXTS / "terminal_ust_luga.txt")


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory):
    """A store built from the seed with `kg build`, as a user would."""
    path = tmp_path_factory.mktemp("seed") / "store"
    r = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(SEED), "--store", str(path)],
                       capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert r.returncode == 0, r.stderr
    return path


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, headless, driven by Playwright: one for the session (the view and `kg serve` tests)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium (or set KG_CHROMIUM)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
