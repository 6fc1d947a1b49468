"""Mention records: the span is the name, a descriptor before it is kept beside it (issue 16, entities).

NEREL marks "Колорадо" in "в штате Колорадо", factRuEval "штате Колорадо": the record holds both, and
`kg evaluate` compares each mention as its gold marks it."""
from __future__ import annotations

import json

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from extract.evaluate import pipeline_spans
from extract.gold import GoldDocument, GoldMention
from extract.pipeline import extract_documents
from extract.reader import SourceText
from extract.records import Descriptor, Document, Entity, Mention
from kg.ns import EKG, NIF
from kg_fixtures import EKGR, document_graph
from ontology.lexicon import load_lexicon
from ontology.terms import EKG as TERMS, SEM_NS


def extract(nlp, text):
    [doc] = extract_documents(nlp, [SourceText(path="t.txt", key="t", title="", date=None, text=text,
                                               content_hash="0")])
    return doc


def found(doc):
    return [(m.text, m.start, m.end, m.rule, m.descriptor and (m.descriptor.text, m.descriptor.start,
                                                                m.descriptor.end)) for m in doc.mentions]


def test_a_place_descriptor_is_beside_the_name(nlp):
    text = "Пожар на складе произошёл в штате Колорадо, сообщили местные власти."
    doc = extract(nlp, text)
    [colorado] = [m for m in doc.mentions if m.text == "Колорадо"]
    a = text.index("Колорадо")
    assert (colorado.start, colorado.end, colorado.rule) == (a, a + 8, "place-descriptor")
    assert colorado.descriptor == Descriptor(a - 6, a - 1, "штате")
    assert colorado.phrase(text) == (a - 6, a + 8)


def test_a_quoted_name_is_the_mention_without_its_quotes(nlp):
    text = "Акционеры компании «Нефтегазстрой» одобрили сделку."
    doc = extract(nlp, text)
    a = text.index("Нефтегазстрой")
    assert ("Нефтегазстрой", a, a + 13, "org-descriptor", ("компании", a - 10, a - 2)) in found(doc)
    [m] = [m for m in doc.mentions if m.text == "Нефтегазстрой"]
    assert m.phrase(text) == (a - 10, a + 14)     # "компании «Нефтегазстрой»", as factRuEval marks it


def test_a_name_in_apposition_keeps_its_adjective_descriptor(nlp):
    text = "Руководство американской компании Chevron заявило о сокращении добычи."
    doc = extract(nlp, text)
    a, d = text.index("Chevron"), text.index("американской")
    assert ("Chevron", a, a + 7, "org-descriptor", ("американской компании", d, a - 1)) in found(doc)


def test_a_mention_without_descriptor_is_unchanged(nlp):
    text = "Алексей Миллер прилетел в Анкару."
    doc = extract(nlp, text)
    assert [(m.text, m.descriptor) for m in doc.mentions] == [("Алексей Миллер", None), ("Анкару", None)]


def test_a_country_in_brackets_after_a_person_is_not_his_abbreviation(nlp):
    text = "В жюри вошли Ева Грин (Франция) и Марк Стронг (США)."
    doc = extract(nlp, text)
    usa = next(m for m in doc.mentions if m.text == "США")
    assert usa.cls != TERMS.Person and usa.rule != "ner-abbreviation"


def test_descriptor_round_trips_through_json():
    text = "Завод в городе Кстово остановлен."
    m = Mention(15, 21, "Кстово", 0, "kstovo", TERMS.City, 0.8, "place-descriptor", Descriptor(8, 14, "городе"))
    doc = Document(key="d", path="d.txt", text=text, mentions=[m],
                   entities=[Entity("kstovo", TERMS.City, "Кстово", "Kstovo")])
    again = Document.from_dict(json.loads(json.dumps(doc.to_dict())))
    assert again == doc and again.mentions[0].descriptor == Descriptor(8, 14, "городе")
    old = doc.to_dict()
    del old["mentions"][0]["descriptor"]           # records written before the field still load
    assert Document.from_dict(old).mentions[0].descriptor is None


def test_descriptor_in_rdf_is_a_phrase_beside_the_mention():
    text = "Завод в городе Кстово остановлен."
    m = Mention(15, 21, "Кстово", 0, "kstovo", TERMS.City, 0.8, "place-descriptor", Descriptor(8, 14, "городе"))
    doc = Document(key="d", path="d.txt", text=text, mentions=[m],
                   entities=[Entity("kstovo", TERMS.City, "Кстово", "Kstovo")])
    g = document_graph(doc)
    mention = URIRef(f"{EKGR}doc/d/mention/15-21")
    assert (mention, NIF.anchorOf, Literal("Кстово")) in g
    phrase = g.value(mention, EKG.descriptor)
    assert (phrase, RDF.type, NIF.Phrase) in g and (phrase, NIF.anchorOf, Literal("городе")) in g
    assert (phrase, NIF.beginIndex, Literal(8, datatype=XSD.integer)) in g
    assert (phrase, NIF.endIndex, Literal(14, datatype=XSD.integer)) in g


def test_evaluation_compares_a_mention_as_its_gold_marks_it():
    """The name where the gold marks names (NEREL), descriptor and name where it marks both (factRuEval)."""
    text = "Завод в городе Кстово остановлен."
    m = Mention(15, 21, "Кстово", 0, "kstovo", TERMS.City, 0.8, "place-descriptor", Descriptor(8, 14, "городе"))
    record = Document(key="d", path="d.txt", text=text, mentions=[m])
    lexicon = load_lexicon()
    nerel = GoldDocument("d", "d.txt", text, [GoldMention(15, 21, "LOC")])
    factru = GoldDocument("d", "d.txt", text, [GoldMention(8, 21, "LOC")])
    neither = GoldDocument("d", "d.txt", text, [])
    assert pipeline_spans(lexicon, [nerel], [record]) == {("d", 15, 21, "LOC")}
    assert pipeline_spans(lexicon, [factru], [record]) == {("d", 8, 21, "LOC")}
    assert pipeline_spans(lexicon, [neither], [record]) == {("d", 15, 21, "LOC")}


def test_a_role_filler_is_where_the_mention_is_written_with_its_descriptor():
    """NEREL's place of an event may take the descriptor ("в городе Кстово"): the filler keeps it."""
    from extract.evaluate import role_fillers
    from extract.records import Event, Role
    text = "Завод в городе Кстово остановлен."
    m = Mention(15, 21, "Кстово", 0, "kstovo", TERMS.City, 0.8, "place-descriptor", Descriptor(8, 14, "городе"))
    event = Event(0, TERMS.Halt, "остановлен", 22, 32, 0, roles=[Role(SEM_NS + "hasPlace", "kstovo", start=15, end=21)])
    record = Document(key="d", path="d.txt", text=text, mentions=[m], events=[event])
    assert role_fillers(record, event, event.roles[0]) == [(8, 21)]


def test_an_abbreviation_in_brackets_starts_as_its_name(nlp):
    text = "Компания Нордтрансойл (НТО) купила терминал. Позже НТО продала его."
    doc = extract(nlp, text)
    linked = {m.text: m.entity for m in doc.mentions}
    assert linked["НТО"] == linked["Компания Нордтрансойл"]


def test_a_place_in_brackets_is_no_abbreviation_of_the_place_before(nlp):
    """"в Вирджинии (США)": the country is where the state is, not another name of it."""
    text = "Пожар произошёл на заводе в Вирджинии (США), сообщили спасатели."
    doc = extract(nlp, text)
    linked = {m.text: (m.entity, m.rule) for m in doc.mentions}
    assert linked["США"][0] != linked["Вирджинии"][0] and linked["США"][1] != "ner-abbreviation"


def test_an_abbreviation_after_a_state_owning_an_organisation_is_none_of_the_states(nlp):
    """"агентство США (USADA)", "Министерство обороны Великобритании (MoD)": the Latin word in brackets names
    the body, not the state (no Q30 for it); "Сборная Англии (ENG)", which the tagger leaves out of the place's
    span, is no name of England either; after the state alone ("в США (USA)") it is the state's."""
    doc = extract(nlp, "Спортсмена дисквалифицировало Антидопинговое агентство США (USADA). Министерство обороны "
                       "Великобритании (MoD) сообщило об этом. Сборная Англии (ENG) выиграла. Он живет в США (USA).")
    linked = {m.text: (m.entity, m.cls, m.rule) for m in doc.mentions}
    assert linked["USADA"] == ("usada", str(TERMS.Organization), "ner")
    assert linked["MoD"] == ("mod", str(TERMS.Organization), "ner")
    assert "ENG" not in linked
    assert linked["USA"] == ("united-states", str(TERMS.State), "ner-abbreviation")


def test_a_quote_the_tagger_runs_over_is_not_part_of_the_name(nlp, parse):
    """Natasha's span may take one quote of a pair ("движение «Гражданская сила»" tagged up to »)."""
    from spacy.tokens import Span
    doc = parse("Лидер движения «Гражданская сила» и ''Северсталь выступили вместе.")
    words = [t.text for t in doc]
    doc.ents = [Span(doc, words.index("Гражданская"), words.index("»") + 1, label="ORG"),
                Span(doc, words.index("'"), words.index("Северсталь") + 1, label="ORG")]
    doc = nlp.get_pipe("ontology_mentions")(doc)
    assert [s.text for s in doc.spans["mentions"] if s._.rule == "ner"] == ["Северсталь"]
    [movement] = [s for s in doc.spans["mentions"] if s._.rule == "org-descriptor"]
    assert doc[movement._.name[0]:movement._.name[1]].text == "Гражданская сила"


def test_a_legal_form_and_quoted_name_in_one_tagger_span(nlp):
    """Natasha tags "ОАО «Нефтегазстрой»" as one span: the record is the name, "ОАО" its descriptor."""
    text = "Акции ОАО «Нефтегазстрой» выросли на торгах."
    doc = extract(nlp, text)
    a = text.index("Нефтегазстрой")
    assert ("Нефтегазстрой", a, a + 13, "org-descriptor", ("ОАО", a - 5, a - 2)) in found(doc)


def test_an_entity_takes_the_class_most_of_its_mentions_give(nlp, parse):
    """One mention the tagger calls a place does not make a person a place."""
    from spacy.tokens import Span
    text = "Сотрудники администрации Петренко уволены. Петренко заявил, что Петренко уйдёт."
    doc = parse(text)
    names = [t.i for t in doc if t.text == "Петренко"]
    doc.ents = [Span(doc, names[0], names[0] + 1, label="LOC"), Span(doc, names[1], names[1] + 1, label="PER"),
                Span(doc, names[2], names[2] + 1, label="PER")]
    for name in ["ontology_mentions", "ontology_entities"]:
        doc = nlp.get_pipe(name)(doc)
    keys = {s._.entity for s in doc.spans["mentions"] if s.text == "Петренко"}
    assert len(keys) == 1 and doc._.entities[keys.pop()].cls == TERMS.Person


def test_a_descriptor_settles_the_class_whatever_the_tagger_says_later(nlp, parse):
    from spacy.tokens import Span
    text = "Концерт пройдёт в городе Твери. Тверь ждёт гостей."
    doc = parse(text)
    words = [t.text for t in doc]
    doc.ents = [Span(doc, words.index("Твери"), words.index("Твери") + 1, label="LOC"),
                Span(doc, words.index("Тверь"), words.index("Тверь") + 1, label="PER")]
    for name in ["ontology_mentions", "ontology_entities"]:
        doc = nlp.get_pipe(name)(doc)
    keys = {s._.entity for s in doc.spans["mentions"]}
    assert len(keys) == 1 and doc._.entities[keys.pop()].cls == TERMS.City
