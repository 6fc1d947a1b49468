from decimal import Decimal

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from extract.records import Document, Entity, TimeValue
from kg.graph import confidence, safe_iri, safe_segment
from kg.ns import EKG, ITSRDF, NIF, SCHEMA, SEM
from kg_fixtures import EKGR, TEXT, document_graph, sample_document

DOC = URIRef(EKGR + "doc/sample-1")
ALIBEK = URIRef(EKGR + "entity/alibek-bakayev")
KTK = URIRef(EKGR + "entity/CPC")
UKRAINE = URIRef(EKGR + "entity/Ukraine")
MATILDA = URIRef(EKGR + "entity/matilda")
ATTACK = URIRef(EKGR + "doc/sample-1/event/1")
STATEMENT = URIRef(EKGR + "doc/sample-1/event/0")
ACTIVITY = URIRef(EKGR + "doc/sample-1/extraction")


@pytest.fixture(scope="module")
def g():
    """The RDF graph of the hand-made sample document."""
    return document_graph(sample_document())


def test_document_node(g):
    for cls in (SCHEMA.NewsArticle, NIF.Context, PROV.Entity):
        assert (DOC, RDF.type, cls) in g
    assert (DOC, SCHEMA.headline, Literal("Атака на танкер", lang="ru")) in g
    assert (DOC, SCHEMA.datePublished, Literal("2026-01-14", datatype=XSD.date)) in g
    assert (DOC, NIF.isString, Literal(TEXT)) in g
    assert (DOC, EKG.sourcePath, Literal("seeds/sample-1.txt")) in g
    assert (DOC, EKG.contentHash, Literal("hash-1")) in g
    assert (DOC, EKG.extractedWith, Literal("extractor 0.1.0; ontology unknown")) in g


def test_sentences_and_mentions(g):
    s1 = URIRef(EKGR + "doc/sample-1/sentence/1")
    assert (s1, RDF.type, NIF.Sentence) in g
    assert (s1, NIF.referenceContext, DOC) in g
    assert str(g.value(s1, NIF.anchorOf)).startswith("Украина атаковала")
    start = TEXT.index("танкер «Матильда»")
    m = URIRef(f"{EKGR}doc/sample-1/mention/{start}-{start + 17}")
    assert (m, RDF.type, EKG.Mention) in g and (m, RDF.type, NIF.Phrase) in g
    assert (m, NIF.anchorOf, Literal("танкер «Матильда»")) in g
    assert (m, NIF.beginIndex, Literal(start, datatype=XSD.integer)) in g
    assert (m, NIF.endIndex, Literal(start + 17, datatype=XSD.integer)) in g
    assert (m, NIF.sentence, s1) in g
    assert (m, ITSRDF.taIdentRef, MATILDA) in g
    assert (m, EKG.confidence, Literal(Decimal("0.8"), datatype=XSD.decimal)) in g
    assert (m, EKG.rule, Literal("asset-pattern")) in g
    assert (m, PROV.wasGeneratedBy, ACTIVITY) in g


def test_entities(g):
    assert (ALIBEK, RDF.type, EKG.Person) in g
    for p in (SKOS.prefLabel, RDFS.label):
        assert (ALIBEK, p, Literal("Алибек Бакаев", lang="ru")) in g
        assert (ALIBEK, p, Literal("Alibek Bakayev", lang="en")) in g
    assert (KTK, SKOS.altLabel, Literal("КТК", lang="ru")) in g
    assert (UKRAINE, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q212")) in g
    assert (MATILDA, RDF.type, EKG.Tanker) in g
    # the key-based IRI is used only when the lexicon gives none
    assert not list(g.triples((URIRef(EKGR + "entity/ukraine"), None, None)))


def test_events(g):
    assert (ATTACK, RDF.type, EKG.Attack) in g
    assert (ATTACK, EKG.agent, UKRAINE) in g
    assert (ATTACK, EKG.target, MATILDA) in g
    assert (ATTACK, EKG.dateValue, Literal("2026-01-13", datatype=XSD.date)) in g
    assert (ATTACK, EKG.datePrecision, EKG.DayPrecision) in g
    assert (ATTACK, SEM.hasEarliestBeginTimeStamp, Literal("2026-01-13", datatype=XSD.date)) in g
    assert (ATTACK, SEM.hasLatestEndTimeStamp, Literal("2026-01-13", datatype=XSD.date)) in g
    assert (ATTACK, EKG.dateText, Literal("13 января 2026 года", lang="ru")) in g
    assert (ATTACK, PROV.wasDerivedFrom, URIRef(EKGR + "doc/sample-1/sentence/1")) in g
    assert (ATTACK, EKG.sourceDocument, DOC) in g
    assert (ATTACK, PROV.wasGeneratedBy, ACTIVITY) in g
    assert (ATTACK, EKG.confidence, Literal(Decimal("0.8"), datatype=XSD.decimal)) in g
    assert (ATTACK, EKG.rule, Literal("attack-verb")) in g
    trigger = g.value(ATTACK, EKG.trigger)
    assert trigger == URIRef(EKGR + "doc/sample-1/event/1/trigger")
    assert (trigger, NIF.anchorOf, Literal("атаковала")) in g
    assert (STATEMENT, EKG.quote, Literal("Ситуация под контролем", lang="ru")) in g
    assert (STATEMENT, EKG.agent, ALIBEK) in g


def test_relation_direct_and_reified(g):
    assert (ALIBEK, EKG.holdsPositionIn, KTK) in g
    r = URIRef(EKGR + "doc/sample-1/relation/0")
    assert (r, RDF.type, EKG.RelationAssertion) in g and (r, RDF.type, RDF.Statement) in g
    assert (r, RDF.subject, ALIBEK) in g
    assert (r, RDF.predicate, EKG.holdsPositionIn) in g
    assert (r, RDF.object, KTK) in g
    assert (r, EKG.qualifier, Literal("глава")) in g
    assert (r, PROV.wasDerivedFrom, URIRef(EKGR + "doc/sample-1/sentence/0")) in g
    assert (r, EKG.confidence, Literal(Decimal("0.7"), datatype=XSD.decimal)) in g
    assert (r, PROV.wasGeneratedBy, ACTIVITY) in g


def test_activity_and_agent(g):
    agent = URIRef(EKGR + "extractor/0.1.0")
    assert (ACTIVITY, RDF.type, PROV.Activity) in g
    assert (ACTIVITY, PROV.used, DOC) in g
    assert (ACTIVITY, PROV.wasAssociatedWith, agent) in g
    assert (agent, RDF.type, PROV.SoftwareAgent) in g
    assert (agent, EKG.version, Literal("0.1.0")) in g


def test_no_blank_nodes(g):
    from rdflib import BNode
    assert not [t for t in g if any(isinstance(x, BNode) for x in t)]


def test_literal_relation_typed():
    from extract.records import Relation
    doc = sample_document()
    doc.relations.append(Relation("matilda", EKG + "lengthKm", None, value="1500",
                                  datatype=str(XSD.decimal), sentence=1, confidence=0.66666))
    g = document_graph(doc)
    assert (MATILDA, EKG.lengthKm, Literal("1500", datatype=XSD.decimal)) in g
    r = URIRef(EKGR + "doc/sample-1/relation/1")
    assert g.value(r, EKG.confidence) == Literal(Decimal("0.667"), datatype=XSD.decimal)


@pytest.mark.parametrize("precision,value,datatype,individual", [
    ("month", "2026-01", XSD.gYearMonth, "MonthPrecision"),
    ("year", "2025", XSD.gYear, "YearPrecision"),
    ("season", "2025-autumn", None, "SeasonPrecision"),
])
def test_time_precisions(precision, value, datatype, individual):
    doc = sample_document()
    doc.events[1].time = TimeValue("осенью", precision, value, "2025-09-01", "2025-11-30", qualifier="since")
    g = document_graph(doc)
    assert (ATTACK, EKG.dateValue, Literal(value, datatype=datatype)) in g
    assert (ATTACK, EKG.datePrecision, EKG[individual]) in g
    assert (ATTACK, SEM.hasEarliestBeginTimeStamp, Literal("2025-09-01", datatype=XSD.date)) in g
    assert (ATTACK, EKG.dateQualifier, Literal("since")) in g


def test_a_date_without_year_keeps_its_text_and_precision_only():
    doc = sample_document()
    doc.events[1].time = TimeValue("осенью", "season", None, None, None)
    g = document_graph(doc)
    assert set(g.predicate_objects(ATTACK)) >= {(EKG.dateText, Literal("осенью", lang="ru")),
                                                (EKG.datePrecision, EKG.SeasonPrecision)}
    assert not {EKG.dateValue, SEM.hasEarliestBeginTimeStamp, SEM.hasLatestEndTimeStamp} & set(g.predicates(ATTACK))


def test_a_date_written_in_the_text_has_its_span_and_source():
    doc = sample_document()
    start = TEXT.index("13 января 2026 года")
    doc.events[1].time = TimeValue("13 января 2026 года", "day", "2026-01-13", "2026-01-13", "2026-01-13",
                                   char_start=start, char_end=start + 19, source="text")
    g = document_graph(doc)
    phrase = URIRef(str(ATTACK) + "/date")
    assert (ATTACK, EKG.dateSource, Literal("text")) in g
    assert (ATTACK, EKG.dateSpan, phrase) in g
    assert set(g.predicate_objects(phrase)) == {
        (RDF.type, NIF.Phrase), (NIF.anchorOf, Literal("13 января 2026 года")),
        (NIF.beginIndex, Literal(start, datatype=XSD.integer)),
        (NIF.endIndex, Literal(start + 19, datatype=XSD.integer)), (NIF.referenceContext, DOC)}


def test_a_range_is_an_interval_string_and_a_week_has_its_precision():
    doc = sample_document()
    doc.events[1].time = TimeValue("с 1 по 5 марта", "day", "2026-03-01/2026-03-05", "2026-03-01", "2026-03-05")
    g = document_graph(doc)
    assert (ATTACK, EKG.dateValue, Literal("2026-03-01/2026-03-05")) in g
    assert (ATTACK, SEM.hasLatestEndTimeStamp, Literal("2026-03-05", datatype=XSD.date)) in g
    doc.events[1].time = TimeValue("прошлой неделе", "week", "2026-W11", "2026-03-09", "2026-03-15")
    g = document_graph(doc)
    assert (ATTACK, EKG.datePrecision, EKG.WeekPrecision) in g
    assert (ATTACK, EKG.dateValue, Literal("2026-W11")) in g


def test_unsafe_keys_are_encoded():
    assert safe_segment("a b/ц<>") == "a%20b/%D1%86%3C%3E"
    assert str(safe_iri("http://x/a b>")) == "http://x/a%20b%3E"
    doc = Document(key="bad key<", path="x", text="Бакаев",
                   entities=[Entity("Бакаев x", EKG + "Person", "Бакаев", "Bakayev")])
    g = document_graph(doc)
    subjects = {str(s) for s in g.subjects()}
    assert EKGR + "doc/bad%20key%3C" in subjects
    assert EKGR + "entity/%D0%91%D0%B0%D0%BA%D0%B0%D0%B5%D0%B2%20x" in subjects


def test_confidence_rounding():
    assert str(confidence(1)) == "1"
    assert str(confidence(0.12345)) == "0.123"
    assert confidence(0.5).datatype == XSD.decimal


def test_unknown_entity_key_is_an_error():
    doc = sample_document()
    doc.events[1].roles[0].entity = "nobody"
    with pytest.raises(ValueError, match="nobody"):
        document_graph(doc)


def test_terms_declared_in_core_ttl(g):
    """Every ekg: term the graph uses is declared in ontology/core.ttl."""
    from pathlib import Path
    from rdflib import Graph
    core = Path(__file__).resolve().parent.parent / "ontology" / "core.ttl"
    declared = set(Graph().parse(core).subjects())
    used = {t for triple in g for t in triple if isinstance(t, URIRef) and str(t).startswith(str(EKG))}
    assert used - declared == set()


def test_alt_labels_are_tagged_by_script():
    doc = sample_document()
    doc.entities[1].alt_labels = ["КТК", "CPC"]
    g = document_graph(doc)
    assert set(g.objects(KTK, SKOS.altLabel)) == {Literal("КТК", lang="ru"), Literal("CPC", lang="en")}


def test_entity_confidence_is_stated():
    g = document_graph(sample_document())
    assert set(g.objects(ALIBEK, EKG.confidence)) == {Literal(Decimal("0.9"), datatype=XSD.decimal)}
    assert set(g.objects(KTK, EKG.confidence)) == {Literal(Decimal("1"), datatype=XSD.decimal)}


def test_a_romanised_name_is_tagged_ru_latn_an_english_one_en():
    """"Alibek Bakayev" romanised from "Алибек Бакаев" is Russian in the Latin script, not English; a place the
    gazetteer names gets its English name, tagged en, even when extraction had only a romanisation."""
    doc = sample_document()
    doc.entities[0].romanised = True
    doc.entities.append(Entity("chernoye-more", EKG + "WaterBody", "Чёрное море", "Chernoye more", romanised=True))
    doc.entities.append(Entity("novorossiysk", str(EKG.City), "Новороссийск", "Novorossiysk-x", romanised=True))
    g = document_graph(doc)
    assert set(g.objects(ALIBEK, SKOS.prefLabel)) == {Literal("Алибек Бакаев", lang="ru"),
                                                       Literal("Alibek Bakayev", lang="ru-Latn")}
    assert Literal("Chernoye more", lang="ru-Latn") in set(g.objects(URIRef(EKGR + "entity/chernoye-more"), SKOS.prefLabel))
    assert Literal("Novorossiysk", lang="en") in set(g.objects(URIRef(EKGR + "entity/novorossiysk"), SKOS.prefLabel))
    assert Literal("Caspian Pipeline Consortium", lang="en") in set(g.objects(KTK, SKOS.prefLabel))  # the lexicon's
