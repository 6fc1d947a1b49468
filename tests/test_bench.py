"""The benchmarks run on a tiny input (their figures are not checked: timing belongs to the benchmark)."""
import subprocess
import sys

import pytest
from conftest import ROOT, chromium


def run_script(*args):
    """`python ARGS...` in the repository root, in a fresh interpreter."""
    return subprocess.run([sys.executable, *map(str, args)], capture_output=True, text=True, cwd=ROOT, timeout=600)


@pytest.mark.server
def test_bench_run_prints_each_figure_beside_its_baseline():
    # the 3 texts of the repository on purpose: a clean machine has no ../shared
    r = run_script("bench/run.py", "--docs", "2", "--sections", "memory,queries,startup,serve", "--serve-seconds", "1",
                   "--corpora", "none")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith("machine: ") and "2 documents" in lines[0]
    assert lines[1].split() == ["figure", "value", "baseline", "ratio", "target"]
    assert any(line.startswith("memory: peak MB, 2 docs | 1 docs") for line in lines)
    # every saved question, the event table too (rdflib's baseline cannot run that one: "rdflib fails")
    questions = sorted(p.stem for p in (ROOT / "ontology" / "queries").glob("*.rq"))
    assert [line.split(" (")[0] for line in lines if line.startswith("query ") and " rows)" in line] == \
        [f"query {q[:28]}" for q in questions]
    assert any(line.startswith("startup: kg query") for line in lines)
    assert any(line.startswith("serve: requests/s, 8 clients (| Oxigraph alone)") for line in lines)
    assert [line.split()[-3:] for line in lines if line.startswith("serve: errors")] == [["0", "0", "none"]]


@pytest.mark.browser
def test_bench_view_runs_on_a_small_graph():
    r = run_script("bench/view.py", "--sizes", "30", "--cap", "30", "--chromium", chromium())
    assert r.returncode == 0, r.stderr
    row = next(line for line in r.stdout.splitlines() if line.startswith("generated, 30 nodes")).split()
    draw, frame = float(row[-4]), float(row[-3])   # the row ends: draw, frame, relayout, page MB
    assert 0 < draw <= frame < 30   # a pan step painted takes at least its draw call


def test_corpus_documents_are_distinct(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import write_corpus
    paths = write_corpus(tmp_path, 5, factru=None)
    texts = [p.read_text(encoding="utf-8") for p in paths]
    assert [p.name for p in paths] == [f"doc_0000{i}.txt" for i in range(5)]
    assert len(set(texts)) == 5 and all(t.startswith("date 2020-01-0") for t in texts)


def test_corpus_takes_factru_from_the_folder_given_and_refuses_an_empty_one(tmp_path):
    """A corpus folder that holds no texts stops the benchmark: it used to measure the 3 texts of the
    repository silently when run from a checkout without ../shared beside it."""
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import source_texts
    factru = tmp_path / "factru-dev"
    factru.mkdir()
    with pytest.raises(FileNotFoundError):
        source_texts(factru)
    (factru / "a.txt").write_text("date 2010-01-01\nПервый текст.\n", encoding="utf-8")
    assert source_texts(factru)[-1] == "Первый текст." and len(source_texts(factru)) == len(source_texts(None)) + 1
    r = run_script("bench/run.py", "--docs", "1", "--sections", "startup", "--corpora", tmp_path / "missing")
    assert r.returncode == 2 and "no factru-dev texts in" in r.stderr


def test_corpus_without_factru_fails_loudly_instead_of_building_from_three_texts(tmp_path, monkeypatch):
    """Item 5 of issue 19: with $KG_CORPORA (or shared/corpora) lacking factru-dev, `write_corpus` raised
    nothing and wrote 5 copies of the repository's 3 texts; now it stops and says where it looked."""
    sys.path.insert(0, str(ROOT / "bench"))
    import corpus
    monkeypatch.setenv("KG_CORPORA", str(tmp_path))   # a corpora folder without factru-dev/
    with pytest.raises(corpus.CorpusMissing, match=r"no factru-dev texts in .*factru-dev; pass --corpora DIR"):
        corpus.write_corpus(tmp_path / "out", 5)
    assert not (tmp_path / "out").exists()
    monkeypatch.setenv("KG_CORPORA", str(tmp_path / "absent"))
    with pytest.raises(corpus.CorpusMissing, match="no corpora found"):
        corpus.source_texts()
    (tmp_path / "factru-dev").mkdir()
    (tmp_path / "factru-dev" / "a.txt").write_text("Второй текст.\n", encoding="utf-8")
    monkeypatch.setenv("KG_CORPORA", str(tmp_path))
    assert corpus.source_texts()[-1] == "Второй текст." and len(corpus.source_texts()) == len(corpus.source_texts(None)) + 1


def test_mine_triggers_counts_event_lemmas_and_their_share():
    """NEREL-form fixture: three EVENT mentions (one discontinuous), each with its lexicon class if any."""
    r = run_script("bench/mine_triggers.py", ROOT / "tests/fixtures/nerel")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [
        "lemma\tcount\toccurrences\tevent_share\tlexicon_class",
        "встретиться\t1\t1\t1.00\tMeeting",
        "произойти взрыв\t1\t\t\t",              # "произошёл ... взрыв": a multiword trigger, no class of its own
        "переговоры\t1\t1\t1.00\tNegotiation",
    ]
    r = run_script("bench/mine_triggers.py", ROOT / "tests/fixtures/nerel", "--estimate")
    assert r.stdout.splitlines() == ["EVENT mentions with a trigger word: 3 of 3 (100.0%)",   # "взрыв" covers the 2nd
                                     "occurrences of non-statement triggers inside an EVENT: 3 of 3 (100.0%)"]
