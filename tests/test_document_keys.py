"""Document keys through `kg build` (issue 15.5 and 15.6): one file is one document whatever path names it,
two files are two documents, an edited file replaces its earlier document, a store with the old keys is
migrated without duplicates, and file names the system cannot take fail alone."""
from __future__ import annotations

import os
import subprocess
import sys

import pyoxigraph as ox
import pytest
from conftest import ROOT

from extract.reader import read_source
from kg.stores import open_store

EKGR = "https://w3id.org/energy-kg/id/"
SOURCE = ox.NamedNode("https://w3id.org/energy-kg/ont#sourcePath")
TEXT_A = "date 2026-01-14 Атака на танкер\nУкраина атаковала танкер «Матильда» у терминала КТК в Новороссийске.\n"
TEXT_B = "date 2026-01-15 Газ для Китая\n«Газпром» увеличил поставки газа в Китай по «Силе Сибири».\n"


def kg(*args, cwd=ROOT):
    r = subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, text=True,
                       cwd=cwd, timeout=600)
    return r, r.stderr.splitlines()[-1]


def documents(store_dir) -> dict[str, str]:
    """{document IRI: ekg:sourcePath} of a store."""
    with open_store(store_dir, read_only=True) as store:
        return {g: next(store.oxigraph.quads_for_pattern(ox.NamedNode(g), SOURCE, None, ox.NamedNode(g))).object.value
                for g in store.documents()}


def iri(path) -> str:
    return EKGR + "doc/" + read_source(path).key


@pytest.mark.slow
def test_one_file_through_three_paths_is_one_document(tmp_path):
    (tmp_path / "corpus").mkdir()
    news = tmp_path / "corpus" / "news.txt"
    news.write_text(TEXT_A, encoding="utf-8")
    store = tmp_path / "store"
    _, last = kg("build", "corpus/news.txt", "--store", store, cwd=tmp_path)
    assert last.startswith("built 1, unchanged 0, failed 0 of 1 input(s)")
    _, last = kg("build", news, "--store", store)
    assert last.startswith("built 0, unchanged 1, failed 0 of 1 input(s)")
    _, last = kg("build", "news.txt", "--store", store, cwd=tmp_path / "corpus")
    assert last.startswith("built 0, unchanged 1, failed 0 of 1 input(s)")
    assert documents(store) == {iri(news): str(news)}


@pytest.mark.slow
def test_two_files_of_one_name_and_an_edit(tmp_path):
    for folder, text in (("a", TEXT_A), ("b", TEXT_B)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "news.txt").write_text(text, encoding="utf-8")
    a, b, store = tmp_path / "a" / "news.txt", tmp_path / "b" / "news.txt", tmp_path / "store"
    kg("build", a, "--store", store)
    _, last = kg("build", b, "--store", store)               # a later build: a's document stays
    assert last.startswith("built 1, unchanged 0, failed 0 of 1 input(s)")
    assert documents(store) == {iri(a): str(a), iri(b): str(b)}
    old = iri(a)
    a.write_text(TEXT_A.replace("Матильда", "Делта Хармони"), encoding="utf-8")
    _, last = kg("build", a, "--store", store)
    assert last.startswith("built 1, unchanged 0, failed 0 of 1 input(s)")
    assert iri(a) != old
    assert documents(store) == {iri(a): str(a), iri(b): str(b)}     # the edit replaced a's earlier document


@pytest.mark.slow
def test_a_store_with_the_old_keys_is_migrated(tmp_path):
    """Before content-hash keys a document's IRI was doc/<file name slug> and ekg:sourcePath the path as given."""
    (tmp_path / "news.txt").write_text(TEXT_A, encoding="utf-8")
    (tmp_path / "other.txt").write_text(TEXT_B, encoding="utf-8")
    store_dir = tmp_path / "store"
    kg("build", "news.txt", "other.txt", "--store", store_dir, cwd=tmp_path)
    with open_store(store_dir) as store:
        for name in ("news", "other"):      # rewrite each document as the old code stored it
            new = iri(tmp_path / f"{name}.txt")
            graph = ox.NamedNode(new)
            ntriples = "".join(f"{q.subject} {q.predicate} {q.object} .\n"
                               for q in store.oxigraph.quads_for_pattern(None, None, None, graph))
            ntriples = ntriples.replace(new, EKGR + "doc/" + name).replace(f'"{tmp_path}/{name}.txt"', f'"{name}.txt"')
            store.drop_graph(new)
            store._replace_graph(EKGR + "doc/" + name, ntriples)   # as written then: nothing superseded
        from kg.stores.base import INDEX_GRAPH       # nor an index graph, which came later: a store without
        store.oxigraph.remove_graph(ox.NamedNode(INDEX_GRAPH))   # one may hold documents of the old keys
    del store   # lets RocksDB go before the build opens the directory
    assert documents(store_dir) == {EKGR + "doc/news": "news.txt", EKGR + "doc/other": "other.txt"}
    r, last = kg("build", "news.txt", "other.txt", "--store", store_dir, cwd=tmp_path)
    assert last.startswith("built 2, unchanged 0, failed 0 of 2 input(s)"), r.stderr
    assert documents(store_dir) == {iri(tmp_path / "news.txt"): str(tmp_path / "news.txt"),
                                    iri(tmp_path / "other.txt"): str(tmp_path / "other.txt")}


@pytest.mark.slow
def test_file_names_the_system_cannot_take(tmp_path):
    """A name whose bytes are not UTF-8 is stored with a visible escape; a path over 4,096 characters fails
    alone, and the rest of the build goes on."""
    odd = tmp_path / os.fsdecode(b"caf\xe9.txt")
    odd.write_text(TEXT_A, encoding="utf-8")
    (tmp_path / "ok.txt").write_text(TEXT_B, encoding="utf-8")
    long = tmp_path / ("x" * 5000 + ".txt")
    store = tmp_path / "store"
    r, last = kg("build", tmp_path / "ok.txt", long, odd, "--store", store)
    assert r.returncode == 1, r.stderr
    assert f"error: {long}: cannot read: File name too long" in r.stderr.splitlines()
    assert last.startswith("built 2, unchanged 0, failed 1 of 3 input(s)")
    shown = f"{tmp_path}/caf\\xe9.txt"
    assert documents(store)[iri(odd)] == shown
    assert iri(odd).startswith(EKGR + "doc/caf-xe9-")



@pytest.mark.slow
def test_copies_in_one_build_are_one_document_and_odd_names_read_in_warnings(tmp_path):
    """Two files of one name and the same bytes are one document (the second is reported with a note, not
    failed), and a warning names a non-UTF-8 file as its messages do (caf\\xe9, not a lone surrogate)."""
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "news.txt").write_text(TEXT_A, encoding="utf-8")
    english = tmp_path / os.fsdecode(b"caf\xe9.txt")
    english.write_text("date 2026-01-14 Tanker\nUkraine attacked a tanker near Novorossiysk.\n", encoding="utf-8")
    r, last = kg("build", tmp_path / "a", tmp_path / "b", english, "--store", tmp_path / "store")
    assert r.returncode == 0, r.stderr
    assert last.startswith("built 2, unchanged 1, failed 0 of 3 input(s)")
    assert (f"note: {tmp_path}/b/news.txt: the same document as {tmp_path}/a/news.txt (same name and text)"
            in r.stderr.splitlines())
    assert [line for line in r.stderr.splitlines() if line.startswith("warning:")] == [
        f"warning: {tmp_path}/caf\\xe9.txt: only 0% of its letters are Cyrillic: the models read Russian, "
        f"so extraction from the rest is partial at best"]
    docs = documents(tmp_path / "store")
    assert docs[iri(tmp_path / "a" / "news.txt")] == str(tmp_path / "a" / "news.txt") and len(docs) == 2


def test_the_key_s_stem_is_the_path_s_stem_without_a_path():
    from pathlib import Path

    from extract.reader import _stem
    names = ["a/b/c.txt", "x.tar.gz", ".txt", "dir/.hidden", "a/новости.html", "noext", "a/b.", "a/..b.txt",
             "/abs/p.txt", "a/b/", "..txt", "...", "a.b/c", "x/..", ".", "a//b.txt", "a/b.txt/"]
    assert [_stem(n) for n in names] == [Path(n).stem for n in names]
