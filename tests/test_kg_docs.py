"""`kg docs`: the ontology rendered by pyLODE into one page that works offline."""
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Literal, URIRef

from kg.docs import docs_graph

ROOT = Path(__file__).resolve().parent.parent
EKG = "https://w3id.org/energy-kg/ont#"


def kg(*args):
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    out = tmp_path_factory.mktemp("docs") / "build" / "ontology.html"
    r = kg("docs", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert r.stderr == f"wrote {out} ({out.stat().st_size} bytes)\n"
    return out.read_text(encoding="utf-8")


def text_of(page: str, fragment: str) -> str:
    """The visible text of the term section with the given HTML id, whitespace collapsed."""
    start = page.index(">", page.index(f'id="{fragment}"')) + 1
    end = page.index('<div class="property entity"', start)
    return " ".join(re.sub(r"<[^>]+>", " ", page[start:end]).split())


@pytest.mark.slow
def test_page_documents_classes_with_their_lexicon(page):
    assert "<title>Energy-security knowledge graph ontology — Онтология графа знаний по энергетической безопасности</title>" in page
    tanker = text_of(page, "Tanker")
    assert tanker.startswith("Tanker — Танкер c IRI https://w3id.org/energy-kg/ont#Tanker")
    assert "Description A ship that carries oil, products or liquefied gas." in tanker
    assert "Scope Note Russian nouns (ekg:noun): газовоз, танкер" in tanker
    assert "Sub Class Of Vessel — Судно" in tanker
    attack = text_of(page, "Attack")
    assert ("Trigger lemmas (ekg:triggerLemma): атака, атаковать, избить, наброситься, налет, нападение, напасть, открыть огонь, протаранить, "
            "стрельба, теракт, удар, ударить, штурм, штурмовать") in attack      # обстрел: ekg:Shelling
    assert "Trigger lemmas (ekg:triggerLemma): артиллерийский обстрел, артобстрел, обстрел, обстреливать" \
        in text_of(page, "Shelling")
    assert "CAMEO code (ekg:cameoCode): 190, 195" in attack
    assert ("Frame (ekg:frame): ekg:AddresseeFrame: the direct object of a trigger fills ekg:addressee"
            in text_of(page, "Warning"))
    assert re.search(r"Example Known to the lexicon \(\d+\): Австрия, Азербайджан, ", text_of(page, "State"))
    assert "Trigger lemmas (ekg:triggerLemma): оператор, управлять, эксплуатация, эксплуатировать" in text_of(page, "operates")


@pytest.mark.slow
def test_page_needs_no_network(page):
    assert not re.search(r"<script[^>]*\bsrc=", page)
    assert not re.search(r"<link[^>]*\bhref=\"(https?:)?//", page)
    assert "@import" not in page


def test_docs_graph_merges_modules_under_the_core_header(tmp_path):
    for name in ("core.ttl", "lexicon.ttl", "shapes.ttl"):
        (tmp_path / name).write_bytes((ROOT / "ontology" / name).read_bytes())
    (tmp_path / "grid.ttl").write_text("""\
@prefix ekg: <https://w3id.org/energy-kg/ont#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://example.org/grid> a owl:Ontology .
ekg:Substation a owl:Class ; rdfs:subClassOf ekg:Infrastructure ;
    rdfs:label "Substation"@en , "Подстанция"@ru .
ekg:Substation ekg:noun "подстанция"@ru .
""", encoding="utf-8")
    g = docs_graph(tmp_path)
    assert set(g.subjects(RDF.type, OWL.Ontology)) == {URIRef("https://w3id.org/energy-kg/ont")}
    substation = URIRef(EKG + "Substation")
    assert list(g.objects(substation, RDFS.label)) == [Literal("Substation — Подстанция")]
    assert list(g.objects(substation, SKOS.scopeNote)) == [Literal("Russian nouns (ekg:noun): подстанция", lang="en")]


@pytest.mark.slow
def test_missing_ontology_folder(tmp_path):
    r = kg("docs", "--out", str(tmp_path / "o.html"), "--ontology", str(tmp_path / "nowhere"))
    assert r.returncode == 1
    assert r.stderr == f"error: no core.ttl in ontology folder {tmp_path / 'nowhere'}\n"
    assert not (tmp_path / "o.html").exists()
