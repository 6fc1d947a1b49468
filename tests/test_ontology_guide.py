"""ontology/README.md done to the letter, on a copy of the ontology (KG_ONTOLOGY): its Turtle blocks give a
new asset class, event type and known actor that `kg build`, `kg validate`, `kg query` and `kg docs` then show.

The blocks, the sample text, the query and its expected output are read from the guide itself, so the
guide and this test cannot drift apart.
"""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.stores import open_store

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "ontology" / "README.md"
ENTITY = "https://w3id.org/energy-kg/id/entity/"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.S | re.M)


def turtle_blocks() -> list[tuple[str, str]]:
    """(file, Turtle) of every ```turtle block of the guide whose first line is '# add to FILE.ttl'."""
    out = []
    for lang, body in FENCE.findall(GUIDE.read_text(encoding="utf-8")):
        target = re.match(r"# add to (\S+\.ttl)\n", body)
        if lang == "turtle" and target:
            out.append((target.group(1), body))
    return out


def guide_block(name: str) -> str:
    """The fenced block right after '<!-- guide-test: NAME -->' in the guide."""
    [body] = re.findall(rf"^<!-- guide-test: {name} -->\n```\w*\n(.*?)^```$", GUIDE.read_text(encoding="utf-8"),
                        re.S | re.M)
    return body


def kg(*args, env=None):
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=600)


def rows(store, sparql) -> list[tuple[str, ...]]:
    result = store.query(sparql)
    names = [v.value for v in result.variables]
    return sorted(tuple(r[n].value if r[n] is not None else "" for n in names) for r in result)


@pytest.fixture(scope="module")
def guide_copy(tmp_path_factory):
    """A copy of the ontology with the guide's blocks added, and the guide's text built with it by `kg build`."""
    tmp = tmp_path_factory.mktemp("guide")
    ontology = tmp / "my-ontology"
    shutil.copytree(ROOT / "ontology", ontology, ignore=shutil.ignore_patterns("__pycache__"))
    for name, block in turtle_blocks():
        with open(ontology / name, "a", encoding="utf-8") as f:
            f.write("\n" + block)
    (tmp / "grid-news.txt").write_text(guide_block("text"), encoding="utf-8")
    env = {**os.environ, "KG_ONTOLOGY": str(ontology)}
    r = kg("build", str(tmp / "grid-news.txt"), "--store", str(tmp / "grid-store"), env=env)
    assert r.returncode == 0, r.stderr
    assert r.stderr.startswith("built 1, unchanged 0, failed 0 of 1 input(s)")
    return tmp, env


@pytest.fixture(scope="module")
def store(guide_copy):
    return open_store(guide_copy[0] / "grid-store", read_only=True)


def test_guide_has_its_blocks():
    assert [name for name, _ in turtle_blocks()] == ["grid.ttl"] * 4
    assert guide_block("text").startswith("date 2026-03-12 ")
    assert "ekg:Mining" in guide_block("query") and guide_block("output").endswith("(3 rows)\n")


@pytest.mark.slow
def test_new_asset_class(store):
    assert rows(store, """
        SELECT ?ru ?en ?anchor ?begin ?end ?rule ?in_text WHERE {
          ?x a ekg:Substation ; skos:prefLabel ?ru , ?en .   # a romanised name is tagged ru-Latn, not en
          FILTER(lang(?ru) = "ru" && LANGMATCHES(lang(?en), "ru-Latn"))
          ?m itsrdf:taIdentRef ?x ; nif:anchorOf ?anchor ; nif:beginIndex ?begin ; nif:endIndex ?end ;
             ekg:rule ?rule ; nif:referenceContext/nif:isString ?text .
          BIND(SUBSTR(?text, ?begin + 1, ?end - ?begin) AS ?in_text)
        }""") == [("Заря", "Zarya", "Заря", "74", "78", "asset-quoted", "Заря")]
    assert store.query("ASK { GRAPH <https://w3id.org/energy-kg/ont> { ekg:Substation rdfs:subClassOf+ ekg:Asset } }")


def grid_news(guide_copy) -> str:
    from extract.reader import read_source
    return "https://w3id.org/energy-kg/id/doc/" + read_source(guide_copy[0] / "grid-news.txt").key


@pytest.mark.slow
def test_new_event_type_with_its_roles(store, guide_copy):
    assert rows(store, """
        SELECT ?trigger ?agent ?target ?target_class ?target_label ?sentence WHERE {
          ?e a ekg:Mining ; ekg:trigger ?m ; ekg:agent ?agent ; ekg:target ?target .
          ?m nif:anchorOf ?trigger ; nif:sentence/nif:anchorOf ?sentence .
          ?target a ?target_class ; skos:prefLabel ?target_label . FILTER(lang(?target_label) = "ru")
        }""") == [
        ("заминировал", ENTITY + "oman", ENTITY + "dukm", "https://w3id.org/energy-kg/ont#Port", "Дукм",
         "Маскат заминировал порт «Дукм»."),
        ("минирование", ENTITY + "oman", ENTITY + "dukm", "https://w3id.org/energy-kg/ont#Port", "Дукм",
         "Оманское минирование порта «Дукм» продолжается."),
    ]
    # one mining (same agent, same port), reported in two sentences: one node with two trigger mentions
    assert rows(store, "SELECT ?e WHERE { ?e a ekg:Mining ; ekg:sourceDocument ?d }") == [
        (grid_news(guide_copy) + "/event/1",)]


@pytest.mark.slow
def test_new_known_actor(store, guide_copy):
    """Named only by its capital and its adjective, Oman is in the document's graph with its Wikidata link."""
    assert rows(store, f"""
        SELECT DISTINCT ?class ?label ?same WHERE {{ GRAPH <{grid_news(guide_copy)}> {{
          <{ENTITY}oman> a ?class ; skos:prefLabel ?label ; owl:sameAs ?same }} }}""") == [
        ("https://w3id.org/energy-kg/ont#State", "Oman", "http://www.wikidata.org/entity/Q842"),
        ("https://w3id.org/energy-kg/ont#State", "Оман", "http://www.wikidata.org/entity/Q842"),
    ]


@pytest.mark.slow
def test_validate_and_query_as_the_guide_shows(guide_copy):
    tmp, env = guide_copy
    r = kg("validate", "--store", str(tmp / "grid-store"), env=env)
    assert (r.returncode, r.stdout, r.stderr) == (0, "valid: the graph conforms to the shapes\n", "")
    (tmp / "grid.rq").write_text(guide_block("query"), encoding="utf-8")
    r = kg("query", str(tmp / "grid.rq"), "--store", str(tmp / "grid-store"), env=env)
    assert (r.returncode, r.stdout, r.stderr) == (0, guide_block("output"), "")


@pytest.mark.slow
def test_docs_show_the_copy(guide_copy):
    tmp, env = guide_copy
    r = kg("docs", "--out", str(tmp / "ontology.html"), env=env)
    assert r.returncode == 0, r.stderr
    page = (tmp / "ontology.html").read_text(encoding="utf-8")
    assert "Substation — Подстанция" in page and "Mining — Минирование" in page
    assert "Trigger lemmas (ekg:triggerLemma): заминировать, минирование, минировать" in page


@pytest.mark.slow
def test_without_the_blocks_the_text_has_none_of_it(nlp, guide_copy):
    """The same text with the repository's ontology: "Заря" is an organisation, no mining; Oman is there by its
    adjective alone (every sovereign state's is in ontology/states.ttl), not by its capital "Маскат"."""
    from rdflib import Graph

    from extract.pipeline import extract_documents
    from extract.reader import read_source
    from kg_fixtures import document_graph

    [doc] = extract_documents(nlp, [read_source(guide_copy[0] / "grid-news.txt")])
    g: Graph = document_graph(doc)
    ekg = "PREFIX ekg: <https://w3id.org/energy-kg/ont#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
    assert not g.query(ekg + "ASK { ?x a ekg:Substation }").askAnswer
    assert not g.query(ekg + "ASK { ?x a ekg:Mining }").askAnswer
    same = g.query("SELECT ?x ?w WHERE { ?x <http://www.w3.org/2002/07/owl#sameAs> ?w }")
    assert [(str(r.x), str(r.w)) for r in same] == [(ENTITY + "oman", "http://www.wikidata.org/entity/Q842")]
    anchors = g.query("PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#> "
                      "PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> "
                      f"SELECT ?t WHERE {{ ?m itsrdf:taIdentRef <{ENTITY}oman> ; nif:anchorOf ?t }}")
    assert [str(r.t) for r in anchors] == ["Оманское"]
    assert [str(r.c) for r in g.query(ekg + 'SELECT ?c WHERE { ?x skos:prefLabel "Заря"@ru ; a ?c }')] == [
        "https://w3id.org/energy-kg/ont#Organization"]
