"""Hand-made extraction records for the kg/ tests (no spaCy, no Natasha)."""
from __future__ import annotations

import copy
import re

from extract.records import Document, Entity, Event, Mention, Relation, Role, Sentence, TimeValue

EKG = "https://w3id.org/energy-kg/ont#"
EKGR = "https://w3id.org/energy-kg/id/"

TITLE = "Атака на танкер"
S0 = "Глава КТК Алибек Бакаев заявил: «Ситуация под контролем»."
S1 = "Украина атаковала танкер «Матильда» 13 января 2026 года."
TEXT = f"{TITLE}\n\n{S0} {S1}"


def span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = TEXT.index(part, after)
    return start, start + len(part)


def sample_document(key: str = "sample-1", content_hash: str = "hash-1") -> Document:
    s0_start = TEXT.index(S0)
    s1_start = TEXT.index(S1)
    sentences = [
        Sentence(0, s0_start, s0_start + len(S0), S0),
        Sentence(1, s1_start, s1_start + len(S1), S1),
    ]
    entities = [
        Entity("alibek-bakayev", EKG + "Person", "Алибек Бакаев", "Alibek Bakayev", confidence=0.9),
        Entity("ktk", EKG + "Consortium", "Каспийский трубопроводный консорциум", "Caspian Pipeline Consortium",
               alt_labels=["КТК"], iri=EKGR + "entity/CPC", same_as=["http://www.wikidata.org/entity/Q1055475"]),
        Entity("ukraine", EKG + "State", "Украина", "Ukraine", iri=EKGR + "entity/Ukraine",
               same_as=["http://www.wikidata.org/entity/Q212"]),
        Entity("matilda", EKG + "Tanker", "Матильда", "Matilda", alt_labels=["танкер «Матильда»"]),
    ]

    def mention(part, entity, cls, sentence, conf=0.95, rule="ner"):
        start, end = span(TEXT, part)
        return Mention(start, end, part, sentence, entity, cls, conf, rule)

    mentions = [
        mention("КТК", "ktk", EKG + "Consortium", 0, 1.0, "lexicon"),
        mention("Алибек Бакаев", "alibek-bakayev", EKG + "Person", 0, 0.9),
        mention("Украина", "ukraine", EKG + "State", 1, 1.0, "lexicon"),
        mention("танкер «Матильда»", "matilda", EKG + "Tanker", 1, 0.8, "asset-pattern"),
    ]
    said = span(TEXT, "заявил")
    attacked = span(TEXT, "атаковала")
    date_text = "13 января 2026 года"
    events = [
        Event(0, EKG + "Statement", "заявил", said[0], said[1], 0,
              roles=[Role(EKG + "agent", entity="alibek-bakayev")],
              quote="Ситуация под контролем", confidence=0.85, rule="quote-colon"),
        Event(1, EKG + "Attack", "атаковала", attacked[0], attacked[1], 1,
              roles=[Role(EKG + "agent", entity="ukraine"), Role(EKG + "target", entity="matilda")],
              time=TimeValue(date_text, "day", "2026-01-13", "2026-01-13", "2026-01-13"),
              confidence=0.8, rule="attack-verb"),
    ]
    rel_start, rel_end = span(TEXT, "Глава КТК Алибек Бакаев")
    relations = [
        Relation("alibek-bakayev", EKG + "holdsPositionIn", "ktk", qualifier="глава", sentence=0,
                 start=rel_start, end=rel_end, confidence=0.7, rule="position-appos"),
    ]
    return Document(
        key=key, path=f"seeds/{key}.txt", text=TEXT, title=TITLE, date="2026-01-14",
        content_hash=content_hash, extractor_version="0.1.0", sentences=sentences, mentions=mentions,
        entities=entities, relations=relations, events=events,
    )


def stored(path, *docs):
    """An Oxigraph store at `path` holding `docs` (default: the sample) and the ontology, as `kg build`
    stores them, without NLP."""
    from kg.graph import doc_iri, document_ntriples
    from kg.stores import open_store

    store = open_store(path)
    for doc in docs or (sample_document(),):
        store.replace_document(str(doc_iri(doc.key)), document_ntriples(doc))
    store.load_ontology()
    return store


def changed_document(key: str = "sample-1") -> Document:
    """The same document after an edit: the attack is gone, the statement remains."""
    doc = copy.deepcopy(sample_document(key, content_hash="hash-2"))
    doc.events = doc.events[:1]
    doc.mentions = [m for m in doc.mentions if m.entity != "matilda"]
    doc.entities = [e for e in doc.entities if e.key != "matilda"]
    return doc


def document_graph(doc: Document):
    """The document's triples in an rdflib Graph, parsed back from the N-Triples every store is given."""
    from rdflib import Graph

    from kg.graph import document_ntriples
    from kg.ns import bind_prefixes
    return bind_prefixes(Graph()).parse(data=document_ntriples(doc), format="nt")


def written_document(key: str, text: str, entities: list[Entity], events: list[tuple], date: str = "2026-03-06",
                     ) -> Document:
    """A document of `text` written in a test (no title), without NLP: a sentence ends at each full stop; each
    entity is named where its first alt label (the form in the text), else its label_ru, first stands; `events`
    are (class name, trigger word, day or None, [(role: an ekg: name or an IRI, entity key)]), each trigger the
    first after the previous one. For `stored`."""
    sentences = [Sentence(i, m.start(1), m.end(1), m.group(1))
                 for i, m in enumerate(re.finditer(r"\s*([^.]+\.)", text))]

    def sentence_at(offset: int) -> int:
        return next(s.index for s in sentences if s.start <= offset < s.end)

    mentions = []
    for e in entities:
        form = (e.alt_labels or [e.label_ru])[0]
        start = text.index(form)
        mentions.append(Mention(start, start + len(form), form, sentence_at(start), e.key, e.cls, 0.9, "lexicon"))
    records, after = [], 0
    for index, (cls, word, day, roles) in enumerate(events):
        start = text.index(word, after)
        after = start + len(word)
        time = TimeValue(day, "day", day, day, day, source="text") if day else None
        records.append(Event(index, EKG + cls, word, start, after, sentence_at(start),
                             roles=[Role(role if "://" in role else EKG + role, entity=who) for role, who in roles],
                             time=time, rule="test"))
    return Document(key=key, path=f"tests/{key}.txt", text=text, date=date, content_hash=key,
                    extractor_version="0.1.0", sentences=sentences, mentions=mentions, entities=entities,
                    relations=[], events=records)
