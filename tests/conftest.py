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


SLOW_KINDS = ("browser", "server", "dask")


def pytest_collection_modifyitems(items):
    """A browser, server or dask test is slow too, so `-m "not slow"` (make test-fast) leaves it out. A test
    of the `browser` or `dated_store` fixture (chromium; a second build in a subprocess) is marked here even
    when its module forgot to."""
    for item in items:
        if "browser" in item.fixturenames:
            item.add_marker(pytest.mark.browser)
        if "dated_store" in item.fixturenames:
            item.add_marker(pytest.mark.slow)
        if any(item.get_closest_marker(kind) for kind in SLOW_KINDS):
            item.add_marker(pytest.mark.slow)


def pytest_sessionfinish(session, exitstatus):
    """No test collected or selected (a wrong path, -k or -m) fails with exit 1, not pytest's 5, which scripts
    often let pass as "nothing to do": `make test` in CI never passes without running the suite."""
    if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:
        session.config.pluginmanager.get_plugin("terminalreporter").write_line("error: no test ran")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session")
def nlp():
    """The full pipeline, with the ontology's components."""
    from extract.pipeline import build_nlp
    return build_nlp()


@pytest.fixture(scope="session")
def parse(nlp):
    """A text through the stages before NER (morphology, lemmas, normalisation, syntax): a Doc to which a test
    gives tagger spans of its own."""
    def run(text):
        doc = nlp.make_doc(text)
        for name in nlp.pipe_names[:nlp.pipe_names.index("natasha_ner")]:
            doc = nlp.get_pipe(name)(doc)
        return doc
    return run


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


def chromium() -> str:
    """The chromium binary; the test is skipped, saying why, when there is none."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no chromium at {CHROMIUM}: `make test` installs Debian's (or set KG_CHROMIUM)")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, headless, driven by Playwright: one for the session (the view and `kg serve` tests)."""
    executable = chromium()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield b
        b.close()


# Texts with a `date` header: extraction then never falls back on today's date (see extract/dates.py),
# so builds of them on different days, or in different processes, must give the same graph.
DATED_TEXTS = [SEED, TEXTS / "tanker_varna.txt", TEXTS / "terminal_ust_luga.txt"]
# a later article that names Alibek Bakayev by his surname alone: linking must join it to the full name
FOLLOW_UP = "date 2026-01-25 Бакаев: переговоры продолжаются\n\nКак сообщил Бакаев журналистам, переговоры с Киевом продолжаются.\n"


def kg_run(*args, timeout=600, **kw):
    """`kg ARGS...` as a user runs it (a fresh interpreter: models load in it, or in its workers)."""
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=timeout, **kw)


@pytest.fixture(scope="session")
def dated_dir(tmp_path_factory):
    """A folder holding the three dated texts."""
    import shutil
    root = tmp_path_factory.mktemp("dated") / "texts"
    root.mkdir()
    for path in DATED_TEXTS:
        shutil.copy(path, root / path.name)
    return root


@pytest.fixture(scope="session")
def dated_store(dated_dir, tmp_path_factory):
    """The folder built in one process, the reference for the other ways of building."""
    path = tmp_path_factory.mktemp("dated-store") / "store"
    r = kg_run("build", dated_dir, "--store", path)
    assert r.returncode == 0, r.stderr
    return path


def document_nquads(store) -> bytes:
    """The N-Quads of the document graphs (not the ontology), sorted: what two builds must share exactly."""
    from kg.export import export_bytes
    from kg.stores import open_store
    if not hasattr(store, "quads"):
        store = open_store(store, read_only=True)
    return export_bytes(store, "nquads")
