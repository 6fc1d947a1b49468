"""Bad input for `kg build`: every file gets its verdict (a reason naming the file, or a warning), the rest
of the batch is built, a summary ends the run and the exit status is 1. One real build of
tests/fixtures/bad plus the cases that are awkward to commit (made here: no permission, 30 MB, a long
line, a real PNG and zip, an empty folder, a missing path).
"""
from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import NamedTuple

import pyoxigraph as ox
import pytest
from conftest import TEXTS, kg_run

from extract.reader import MAX_BYTES, MAX_LINE, InputError, read_source
from kg.stores import open_store

BAD = Path(__file__).resolve().parent / "fixtures" / "bad"
EKGR = "https://w3id.org/energy-kg/id/"
# what the Russian test article says, whatever its encoding or wrapping
ENTITIES = ["Алибек Бакаев", "Казахстан", "Каспийский трубопроводный консорциум", "Матильда", "Новороссийск",
            "Украина", "терминал КТК"]
TITLE = "Атака на танкер у терминала КТК"


def blocked(path: Path) -> bool:
    """chmod 000 keeps a normal user out, not root (tests may run as root)."""
    try:
        path.read_bytes()
    except PermissionError:
        return True
    return False


class Batch(NamedTuple):
    """One `kg build` of every bad input: its run, the folder of made cases, its store, and whether chmod 000
    kept the reader out (not as root)."""
    run: subprocess.CompletedProcess
    extra: Path
    store: ox.Store
    locked_out: bool


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Batch:
    extra = tmp_path_factory.mktemp("extra")
    (extra / "no-texts").mkdir()
    (extra / "no-texts" / "notes.md").write_text("not an input", encoding="utf-8")
    locked = extra / "locked.txt"
    locked.write_bytes((BAD / "no_header.txt").read_bytes())
    locked.chmod(0)
    with open(extra / "huge.txt", "wb") as f:          # 30 MB, sparse: cheap to make
        f.truncate(30_000_000)
    (extra / "long_line.txt").write_text("Нефть " * (MAX_LINE // 5), encoding="utf-8")
    shutil.copy(BAD / "image.png.txt", extra / "image.png")
    (extra / "other").mkdir()
    shutil.copy(BAD / "english.txt", extra / "other" / "cp1251.txt")      # another file of the same name
    with zipfile.ZipFile(extra / "texts.zip", "w") as z:
        z.writestr("article.txt", (BAD / "no_header.txt").read_text(encoding="utf-8"))
    inputs = [BAD, BAD / "cp1251.txt",                  # the same file twice: built once
              extra / "no-texts", extra / "missing.txt", locked, extra / "huge.txt", extra / "long_line.txt",
              extra / "image.png", extra / "texts.zip", extra / "other" / "cp1251.txt"]
    r = kg_run("build", *inputs, "--store", extra / "store")
    yield Batch(r, extra, open_store(extra / "store", read_only=True), blocked(locked))
    locked.chmod(0o644)


def K(stem: str, folder: Path = BAD) -> str:
    """The document key of a fixture: its name's slug and its content's hash."""
    return read_source(next(folder.glob(f"{stem}.*"))).key


def stderr_lines(run):
    return run.stderr.splitlines()


@pytest.mark.slow
@pytest.mark.parametrize("name, reason", [
    ("empty.txt", "empty document (no text)"),
    ("whitespace.txt", "empty document (no text)"),
    ("image.png.txt", "binary file, not text"),
    ("archive.zip.txt", "binary file, not text"),
    ("broken_utf8.txt", "not valid UTF-8: 3 undecodable byte sequence(s), the first at byte 60; "
                        "repair the file or save it again as UTF-8"),
])
def test_unreadable_fixture_is_named_with_its_reason(batch, name, reason):
    assert f"error: {BAD / name}: {reason}" in stderr_lines(batch.run)


@pytest.mark.slow
def test_made_cases_are_named_with_their_reason(batch):
    r, extra = batch.run, batch.extra
    assert f"error: {extra / 'no-texts'}: folder holds no .txt or .html files" in stderr_lines(r)
    assert f"error: {extra / 'missing.txt'}: no such file or folder" in stderr_lines(r)
    assert (f"error: {extra / 'huge.txt'}: file is 30,000,000 bytes, over the limit of {MAX_BYTES:,} "
            f"for a text") in stderr_lines(r)
    assert (f"error: {extra / 'long_line.txt'}: a line of {MAX_LINE // 5 * 6 - 1:,} characters, over the limit of "
            f"{MAX_LINE:,} (not an article: break it into paragraphs)") in stderr_lines(r)
    assert f"error: {extra / 'image.png'}: binary file, not text" in stderr_lines(r)
    assert f"error: {extra / 'texts.zip'}: binary file, not text" in stderr_lines(r)
    assert not [line for line in stderr_lines(r) if "other" in line and "error" in line]   # its own document now
    assert "Traceback" not in r.stderr


@pytest.mark.slow
def test_unreadable_file(batch):
    r, extra = batch.run, batch.extra
    if not batch.locked_out:
        pytest.skip("running as root: chmod 000 does not stop root from reading, so the file was built")
    assert f"error: {extra / 'locked.txt'}: permission denied" in stderr_lines(r)


@pytest.mark.slow
def test_warnings_name_the_file(batch):
    r = batch.run
    assert stderr_lines(r).count(f"warning: {BAD / 'bad_date.txt'}: header date '2026-13-45' is not a valid "
                          f"YYYY-MM-DD date; ignored") == 1
    assert (f"warning: {BAD / 'header_order.txt'}: the first line looks like a header but is not "
            f"`date YYYY-MM-DD Title`; read as text, without a date") in stderr_lines(r)
    assert (f"warning: {BAD / 'english.txt'}: only 15% of its letters are Cyrillic: the models read Russian, "
            f"so extraction from the rest is partial at best") in stderr_lines(r)
    assert (f"warning: {BAD / 'no_entities.txt'}: no entities found: the document is stored with its "
            f"sentences only") in stderr_lines(r)


@pytest.mark.slow
def test_summary_and_exit_status(batch):
    r = batch.run
    built, failed = (11, 12) if batch.locked_out else (12, 11)
    assert r.returncode == 1
    assert stderr_lines(r)[-1].startswith(
        f"built {built}, unchanged 0, failed {failed} of {built + failed} input(s); store ")
    assert stderr_lines(r)[-1].endswith("; 5 warning(s)")   # other/cp1251.txt, English, is built now


def document_values(store, key: str, sparql: str) -> list[str]:
    """The sorted values of ?x in the pattern SPARQL over document KEY's graph (DOC in it names the document)."""
    graph = f"<{EKGR}doc/{key}>"
    return sorted(str(row[0].value) for row in store.query(
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX schema: <https://schema.org/> "
        "PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#> "
        f"SELECT DISTINCT ?x WHERE {{ GRAPH {graph} {{ {sparql.replace('DOC', graph)} }} }}"))


def russian_labels(store, key):
    return document_values(store, key, '?m itsrdf:taIdentRef ?e . ?e skos:prefLabel ?x FILTER(lang(?x) = "ru")')


@pytest.mark.slow
@pytest.mark.parametrize("key", ["cp1251", "koi8r", "utf16", "no_header", "bad_date", "header_order", "page"])
def test_every_encoding_and_wrapping_gives_the_same_entities(batch, key):
    assert russian_labels(batch.store, K(key)) == ENTITIES


@pytest.mark.slow
def test_headers_and_dates(batch):
    store = batch.store
    for key in map(K, ("cp1251", "koi8r", "utf16", "page")):
        assert document_values(store, key, "DOC schema:headline ?x") == [TITLE]
        assert document_values(store, key, "DOC schema:datePublished ?x") == ["2026-01-14"]
    assert document_values(store, K("bad_date"), "DOC schema:headline ?x") == [TITLE]
    for key in map(K, ("bad_date", "header_order", "no_header")):
        assert document_values(store, key, "DOC schema:datePublished ?x") == []
    assert document_values(store, K("no_header"), "DOC schema:headline ?x") == []


@pytest.mark.slow
def test_web_page_gives_its_article_not_its_markup(batch):
    [text] = document_values(batch.store, K("page"),
                             "DOC <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString> ?x")
    assert text.startswith(TITLE + "\n\nУкраина атаковала танкер")
    assert text.endswith("отгрузки нефти идут по графику.")
    for junk in ("<", "Главная", "реклама", "color:red", "права защищены"):
        assert junk not in text


@pytest.mark.slow
def test_what_is_stored(batch):
    store = batch.store
    keys = {g.removeprefix(EKGR + "doc/") for g in store.documents()}
    expected = set(map(K, ("bad_date", "cp1251", "english", "header_order", "hostile", "koi8r", "no_entities",
                           "no_header", "page", "utf16")))
    # other/cp1251.txt holds english.txt's text: another file of the same name is another document
    assert K("cp1251", batch.extra / "other") == "cp1251-" + K("english").removeprefix("english-")
    expected |= {K("cp1251", batch.extra / "other")}
    assert keys == expected | ({K("locked", batch.extra)} if not batch.locked_out else set())
    assert russian_labels(store, K("no_entities")) == []
    assert document_values(store, K("no_entities"), "DOC schema:headline ?x") == ["Погода"]
    assert russian_labels(store, K("english")) == ["Казахстан", "Каспийский трубопроводный консорциум", "Украина"]


@pytest.mark.slow
def test_hostile_article_gives_exactly_its_triples(batch, nlp, tmp_path):
    """Markup, quotes, braces, backslashes and a SPARQL injection in a real article: the stored graph is
    exactly what extraction made of it, the store has no other graph, and the Turtle export parses again."""
    from rdflib import Graph

    from kg.export import export
    from kg.graph import document_ntriples
    from kg.workers import extract_document
    store = batch.store
    graph = ox.NamedNode(EKGR + "doc/" + K("hostile"))
    doc = extract_document(nlp, read_source(BAD / "hostile.txt"))
    expected = {q.triple for q in ox.parse(document_ntriples(doc),
                                           format=ox.RdfFormat.N_TRIPLES)}
    assert {q.triple for q in store.oxigraph.quads_for_pattern(None, None, None, graph)} == expected
    from kg.stores.base import EVENT_MERGES_GRAPH, INDEX_GRAPH, NAMES_GRAPH, ONTOLOGY_GRAPH
    others = {g.value for g in store.oxigraph.named_graphs()} - set(store.documents())
    assert {ONTOLOGY_GRAPH, INDEX_GRAPH} <= others <= {ONTOLOGY_GRAPH, INDEX_GRAPH, NAMES_GRAPH, EVENT_MERGES_GRAPH}
    [headline] = document_values(store, K("hostile"), "DOC schema:headline ?x")
    assert headline == '<script>alert(1)</script> Атака на "терминал" {КТК} \\ "} ; DROP ALL ; INSERT DATA {"'
    assert "Матильда {x} \\ y" in russian_labels(store, K("hostile"))
    export(store, "turtle", str(tmp_path / "g.ttl"))
    assert len(Graph().parse(tmp_path / "g.ttl", format="turtle")) == len(
        {q.triple for q in store.quads()})


# ------------------------------------------------------------------ in the reader and the pipeline

def test_permission_denied_in_the_reader(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text("Текст", encoding="utf-8")
    path.chmod(0)
    try:
        if not blocked(path):
            pytest.skip("running as root: chmod 000 does not stop root from reading")
        with pytest.raises(InputError, match="permission denied"):
            read_source(path)
    finally:
        path.chmod(0o644)


@pytest.mark.parametrize("text", ["", " ", "\n\n\t  \n"])
def test_the_pipeline_takes_empty_text(nlp, text):
    """Natasha's NER tagger raises IndexError on no tokens: the pipeline must not pass it any."""
    from extract.pipeline import extract_documents
    from extract.reader import SourceText
    assert list(nlp(text).ents) == []
    [doc] = extract_documents(nlp, [SourceText("x.txt", "x", "", None, text, "h")])
    assert doc.entities == [] and doc.mentions == []


# ------------------------------------------------------------------ the same document again

@pytest.mark.slow
def test_changed_text_replaces_the_old_assertions(batch, tmp_path):
    """A document built again with another text holds exactly what a build of the new text holds."""
    store_dir, folder = tmp_path / "store", tmp_path / "texts"
    folder.mkdir()
    doc = folder / "no_header.txt"
    shutil.copy(TEXTS / "tanker_varna.txt", doc)
    assert kg_run("build", doc, folder, "--store", store_dir).stderr.splitlines()[-1].startswith(
        "built 1, unchanged 0, failed 0 of 1 input(s)")          # the file and its folder: one document
    before = russian_labels(open_store(store_dir, read_only=True), K("no_header", folder))
    shutil.copy(BAD / "no_header.txt", doc)
    r = kg_run("build", folder, "--store", store_dir)
    assert r.returncode == 0 and "built 1, unchanged 0, failed 0 of 1 input(s)" in r.stderr, r.stderr
    store = open_store(store_dir, read_only=True)
    # a new key (its content changed) and the file's earlier document gone
    assert store.documents() == [EKGR + "doc/" + K("no_header")]
    graph = ox.NamedNode(EKGR + "doc/" + K("no_header"))
    path = ox.NamedNode("https://w3id.org/energy-kg/ont#sourcePath")
    got = {q.triple for q in store.oxigraph.quads_for_pattern(None, None, None, graph) if q.predicate != path}
    reference = {q.triple for q in batch.store.oxigraph.quads_for_pattern(None, None, None, graph)
                 if q.predicate != path}
    assert len(got) == len(reference) > 50 and got == reference
    assert russian_labels(store, K("no_header")) == ENTITIES
    assert set(before) - set(ENTITIES), "the first text should have entities the second lacks"
    old = set(before) - set(ENTITIES)
    assert not old & {str(q.object.value) for q in store.oxigraph.quads_for_pattern(None, None, None, graph)}


@pytest.mark.slow
def test_a_control_character_in_a_text_neither_stops_the_build_nor_the_next_one(tmp_path):
    """Issue 15.1's text (\\f between two sentences): it is built, so is the file after it, the summary
    ends the run, and the rerun finds both unchanged."""
    folder = tmp_path / "texts"
    folder.mkdir()
    text = "Газпром сообщил о поставках газа.\fМинистр Новак заявил…"
    (folder / "a_control.txt").write_text(text, encoding="utf-8")
    (folder / "b_after.txt").write_text("Украина атаковала танкер «Матильда» у Новороссийска.\n", encoding="utf-8")
    for verdict in ("built 2, unchanged 0, failed 0", "built 0, unchanged 2, failed 0"):
        r = kg_run("build", folder, "--store", tmp_path / "store")
        assert r.returncode == 0, r.stderr
        assert r.stderr.strip().splitlines()[-1].startswith(f"{verdict} of 2 input(s); store ")
    store = open_store(tmp_path / "store", read_only=True)
    assert store.documents() == [EKGR + "doc/" + K("a_control", folder), EKGR + "doc/" + K("b_after", folder)]
    [row] = store.query(f"SELECT ?t WHERE {{ <{EKGR}doc/{K('a_control', folder)}> nif:isString ?t }}")
    assert row["t"].value == text
