"""`kg build` / `kg extract` with a stand-in for extract.pipeline (no spaCy in these tests)."""
import json
import shutil
import sys
import types

import pytest

import extract
from extract.reader import read_source
from kg.cli import main
from kg.stores import open_store
from kg.stores.base import EVENT_MERGES_GRAPH, INDEX_GRAPH
from ontology import ONTOLOGY_DIR, ontology_digest
from kg_fixtures import EKGR, sample_document


@pytest.fixture()
def fake_pipeline(monkeypatch):
    calls = {"build_nlp": 0, "extracted": []}
    module = types.ModuleType("extract.pipeline")

    def build_nlp(ontology_dir=None):
        calls["build_nlp"] += 1
        return types.SimpleNamespace(meta={"ontology_digest": ontology_digest(ontology_dir)})

    def extract_documents(nlp, sources):
        """As the real one: the records name the extractor's version and the digest of the ontology read."""
        for source in sources:
            if "boom" in source.text:
                raise RuntimeError("extractor crashed")
            calls["extracted"].append(source.key.rsplit("-", 1)[0])   # the file name's part of the key
            doc = sample_document(source.key, source.content_hash)
            doc.path = source.source
            doc.extractor_version, doc.ontology_digest = extract.VERSION, nlp.meta["ontology_digest"]
            yield doc

    module.build_nlp = build_nlp
    module.extract_documents = extract_documents
    monkeypatch.setitem(sys.modules, "extract.pipeline", module)
    return calls


@pytest.fixture()
def corpus(tmp_path):
    root = tmp_path / "texts"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("date 2026-01-14 Атака\nУкраина атаковала танкер.\n", encoding="utf-8")
    (root / "sub" / "b.txt").write_text("Текст второй.\n", encoding="utf-8")
    (root / "notes.md").write_text("ignored", encoding="utf-8")
    return root


def test_unchanged_files_are_skipped_on_their_hash_before_any_reading_of_their_text(tmp_path, corpus, fake_pipeline,
                                                                                  capsys, monkeypatch):
    """Issue 19: an unchanged rebuild decodes nothing and runs no per-character check (language_warning, which
    cost 0.75-0.99 s of an unchanged rebuild at 8,000 documents) and reads no whole-store list of hashes."""
    import extract.reader
    from kg.stores.local import LocalStore
    store = str(tmp_path / "store")
    assert main(["build", str(corpus), "--store", store]) == 0
    capsys.readouterr()

    def refused(*args, **kwargs):
        raise AssertionError("read for an unchanged file")
    monkeypatch.setattr(extract.reader, "read_source", refused)
    monkeypatch.setattr(extract.reader, "language_warning", refused)
    monkeypatch.setattr(LocalStore, "stored", refused)
    assert main(["build", str(corpus), "--store", store]) == 0
    assert "built 0, unchanged 2, failed 0 of 2 input(s)" in capsys.readouterr().err
    assert fake_pipeline["extracted"] == ["a", "b"]


def test_build_folder_skip_and_force(tmp_path, corpus, fake_pipeline, capsys, monkeypatch):
    from kg.stores.local import LocalStore
    store = str(tmp_path / "store")
    assert main(["build", str(corpus), "--store", store]) == 0
    assert fake_pipeline["extracted"] == ["a", "b"]
    err = capsys.readouterr().err
    assert "built 2, unchanged 0, failed 0" in err
    assert main(["build", str(corpus), "--store", store]) == 0
    assert fake_pipeline["extracted"] == ["a", "b"]          # unchanged: skipped, not re-extracted
    assert "built 0, unchanged 2" in capsys.readouterr().err
    (corpus / "a.txt").write_text("date 2026-01-14 Атака\nИзменённый текст.\n", encoding="utf-8")
    asked, held_documents = [], LocalStore.held_documents
    monkeypatch.setattr(LocalStore, "held_documents",
                        lambda self, wanted, done: asked.append(sorted(wanted)) or held_documents(self, wanted, done))
    assert main(["build", str(corpus), "--store", store]) == 0
    assert fake_pipeline["extracted"] == ["a", "b", "a"]
    # the changed file is looked up once, with the unchanged one, not again once read
    assert asked == [sorted(EKGR + "doc/" + read_source(p).key for p in (corpus / "a.txt", corpus / "sub" / "b.txt"))]
    monkeypatch.setattr(LocalStore, "held_documents", held_documents)
    assert main(["build", str(corpus / "sub" / "b.txt"), "--store", store, "--force"]) == 0
    assert fake_pipeline["extracted"][-1] == "b"
    s = open_store(store, read_only=True)
    a, b = (EKGR + "doc/" + read_source(p).key for p in (corpus / "a.txt", corpus / "sub" / "b.txt"))
    assert a in s.stored_hashes()
    # the edited a.txt replaced its earlier document
    # (the two fake "Атака" reports of one date are merged as one event, in the event merges graph)
    assert {g.value for g in s.oxigraph.named_graphs()} == {a, b, "https://w3id.org/energy-kg/ont", EVENT_MERGES_GRAPH,
                                                            INDEX_GRAPH}


def test_a_new_ontology_or_extractor_extracts_unchanged_files_again(tmp_path, corpus, fake_pipeline, capsys,
                                                                    monkeypatch):
    """Edit the ontology, then `kg build`: no --force needed for the graph to follow the ontology."""
    store, ontology = str(tmp_path / "store"), tmp_path / "ontology"
    shutil.copytree(ONTOLOGY_DIR, ontology, ignore=shutil.ignore_patterns("*.py", "__pycache__", "queries"))
    build = ["build", str(corpus), "--store", store, "--ontology", str(ontology)]
    assert main(build) == 0 and main(build) == 0
    assert fake_pipeline["extracted"] == ["a", "b"]
    before = ontology_digest(ontology)
    a, b = (EKGR + "doc/" + read_source(p).key for p in (corpus / "a.txt", corpus / "sub" / "b.txt"))
    assert open_store(store, read_only=True).stored_extractions() == {
        a: f"extractor {extract.VERSION}; ontology {before}",
        b: f"extractor {extract.VERSION}; ontology {before}"}
    capsys.readouterr()
    (ontology / "grid.ttl").write_text("@prefix ekg: <https://w3id.org/energy-kg/ont#> .\n"
                                       "ekg:Substation ekg:noun \"подстанция\"@ru .\n", encoding="utf-8")
    assert ontology_digest(ontology) != before
    assert main(build) == 0
    assert fake_pipeline["extracted"] == ["a", "b", "a", "b"]
    assert "built 2, unchanged 0" in capsys.readouterr().err
    assert main(build) == 0
    assert "built 0, unchanged 2" in capsys.readouterr().err
    monkeypatch.setattr(extract, "VERSION", "0.2.0")
    assert main(build) == 0
    assert fake_pipeline["extracted"] == ["a", "b", "a", "b", "a", "b"]
    assert set(open_store(store, read_only=True).stored_extractions().values()) == {
        f"extractor 0.2.0; ontology {ontology_digest(ontology)}"}


def test_build_bad_files_continue(tmp_path, corpus, fake_pipeline, capsys):
    (corpus / "empty.txt").write_text("   \n", encoding="utf-8")
    (corpus / "crash.txt").write_text("boom\n", encoding="utf-8")
    (corpus / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    rc = main(["build", str(corpus), str(tmp_path / "missing.txt"), "--store", str(tmp_path / "store")])
    assert rc == 1
    err = capsys.readouterr().err
    assert f"error: {tmp_path / 'missing.txt'}: no such file or folder" in err
    assert f"error: {corpus / 'empty.txt'}: empty document" in err
    assert f"error: {corpus / 'crash.txt'}: extractor crashed" in err
    assert f"error: {corpus / 'bin.txt'}: binary file" in err
    assert "built 2, unchanged 0, failed 4 of 6 input(s)" in err
    assert "Traceback" not in err


def test_build_corrupt_store(tmp_path, corpus, fake_pipeline, capsys):
    bad = tmp_path / "store"
    bad.mkdir()
    (bad / "CURRENT").write_text("junk\n")
    assert main(["build", str(corpus), "--store", str(bad)]) == 1
    assert capsys.readouterr().err.startswith(f"error: cannot open store {bad}")


def test_extract_jsonl(corpus, fake_pipeline, capsys):
    path = str(corpus / "a.txt")
    assert main(["extract", path, "--format", "jsonl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["doc"] == path and record["key"] == read_source(path).key
    assert record["entities"][0]["label_ru"] == "Алибек Бакаев"


def test_export_view_summary_commands(tmp_path, corpus, fake_pipeline, capsys):
    store = str(tmp_path / "store")
    assert main(["build", str(corpus), "--store", store]) == 0
    out = tmp_path / "g.ttl"
    assert main(["export", "--store", store, "--format", "turtle", "--out", str(out)]) == 0
    assert "ekg:Attack" in out.read_text(encoding="utf-8")
    assert main(["view", "--store", store, "--out", str(tmp_path / "v.html")]) == 0
    assert (tmp_path / "v.html").exists()
    capsys.readouterr()
    assert main(["summary", "--store", store, "--queries", str(tmp_path)]) == 0
    assert "documents: 2" in capsys.readouterr().out
