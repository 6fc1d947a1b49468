"""Extraction records -> the RDF graph of one document, with provenance (see docs/DESIGN.md).

One small function per record kind. Every resource gets a deterministic IRI, so
rebuilding a document yields the same triples.
"""
from __future__ import annotations

import functools
import io
import re
from datetime import date as _date
from decimal import ROUND_HALF_EVEN, Decimal
from urllib.parse import quote

from rdflib import Literal, URIRef
from rdflib.plugins.serializers.nt import NTSerializer
from rdflib.term import Node

from extract.records import Document, Entity, Event, Mention, Relation, Sentence, TimeValue
from kg import geo
from kg.iris import document_iri, extracted_with, safe_segment  # noqa: F401 (kg.graph's names, kept)
from kg.ns import DCTERMS, EKG, EKGR, GEO, ITSRDF, NIF, OWL, PROV, RDF, RDFS, SCHEMA, SEM, SKOS, XSD

_UNSAFE_IRI_CHARS = re.compile(r'[\x00-\x20<>"{}|^`\\]')

PRECISION_CLASS = {
    "day": "DayPrecision",
    "week": "WeekPrecision",
    "month": "MonthPrecision",
    "season": "SeasonPrecision",
    "year": "YearPrecision",
    "decade": "DecadePrecision",
}
PRECISION_DATATYPE = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}


# ---------------------------------------------------------------- IRIs

def safe_iri(iri: str) -> URIRef:
    """An IRI given by someone else (lexicon, records): percent-encode the characters RDF forbids."""
    return URIRef(_UNSAFE_IRI_CHARS.sub(lambda m: quote(m.group(0), safe=""), iri.strip()))


def doc_iri(key: str) -> URIRef:
    return URIRef(document_iri(key))


def entity_iri(entity: Entity) -> URIRef:
    if entity.iri:
        return safe_iri(entity.iri)
    return URIRef(f"{EKGR}entity/{safe_segment(entity.key)}")


def sentence_iri(doc: URIRef, index: int) -> URIRef:
    return URIRef(f"{doc}/sentence/{int(index)}")


def mention_iri(doc: URIRef, start: int, end: int) -> URIRef:
    return URIRef(f"{doc}/mention/{int(start)}-{int(end)}")


def event_iri(doc: URIRef, index: int) -> URIRef:
    return URIRef(f"{doc}/event/{int(index)}")


def trigger_iri(doc: URIRef, index: int, mention: int = 0) -> URIRef:
    """The event's own trigger, then `/trigger/1`, `/trigger/2` for its further mentions."""
    suffix = f"/{int(mention)}" if mention else ""
    return URIRef(f"{doc}/event/{int(index)}/trigger{suffix}")


def relation_iri(doc: URIRef, index: int) -> URIRef:
    return URIRef(f"{doc}/relation/{int(index)}")


def activity_iri(doc: URIRef) -> URIRef:
    return URIRef(f"{doc}/extraction")


def extractor_iri(version: str) -> URIRef:
    return URIRef(f"{EKGR}extractor/{safe_segment(version or 'unknown')}")


# ---------------------------------------------------------------- literals

def confidence(value: float, lit=Literal) -> Literal:
    """xsd:decimal rounded to 3 places, in the canonical form Oxigraph stores ("0.9", "1")."""
    d = Decimal(str(value)).quantize(Decimal("0.001"), rounding=ROUND_HALF_EVEN).normalize()
    return lit(format(d, "f"), datatype=XSD.decimal)


def offset(value: int, lit=Literal) -> Literal:
    # xsd:integer, not NIF's xsd:nonNegativeInteger: Oxigraph stores derived integer types as xsd:integer,
    # so the latter would not survive a round trip through the store.
    return lit(int(value), datatype=XSD.integer)


def iso_date(value: str, lit=Literal) -> Literal | None:
    """xsd:date for a valid ISO day, else None."""
    try:
        _date.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return lit(value, datatype=XSD.date)


# ---------------------------------------------------------------- context

class Triples(dict):
    """The triples of one document, without repeats, in the order they were made. `document_ntriples`
    writes them out directly: filling an rdflib Graph's indexes costs more than the rest of the conversion,
    and a worker only sends N-Triples on."""

    def add(self, triple: tuple[Node, Node, Node]) -> None:
        self[triple] = None


class DocumentGraph:
    """What every record function needs: the triples, the document IRIs, key -> entity IRI and the literal
    maker (`lit`: rdflib's Literal, or `nt_literal` for N-Triples text)."""

    def __init__(self, doc: Document, lit=Literal):
        self.graph = Triples()
        self.lit = lit
        self.doc = doc_iri(doc.key)
        self.activity = activity_iri(self.doc)
        self.entities = {e.key: entity_iri(e) for e in doc.entities}
        self.events = {e.index: event_iri(self.doc, e.index) for e in doc.events}
        self.text = doc.text
        self._entities, self._language = doc.entities, doc.language or "ru"

    @functools.cached_property
    def countries(self) -> set[str]:
        """ISO codes of the countries the document names: a city name two countries share is decided by them."""
        return geo.document_countries((e.label_ru for e in self._entities if geo.kind_of(e.cls) is not None),
                                      self._language)

    def add(self, s: Node, p: Node, o: Node | None) -> None:
        if o is not None:
            self.graph.add((s, p, o))

    def entity(self, key: str) -> URIRef:
        try:
            return self.entities[key]
        except KeyError:
            raise ValueError(f"record refers to unknown entity key {key!r}") from None

    def span(self, node: URIRef, start: int, end: int, sentence: int | None) -> None:
        """NIF offsets and anchor of a span of the document text."""
        g = self.graph
        g.add((node, NIF.anchorOf, self.lit(self.text[start:end])))
        g.add((node, NIF.beginIndex, offset(start, self.lit)))
        g.add((node, NIF.endIndex, offset(end, self.lit)))
        g.add((node, NIF.referenceContext, self.doc))
        if sentence is not None:
            g.add((node, NIF.sentence, sentence_iri(self.doc, sentence)))


# ---------------------------------------------------------------- record kinds

def add_document(ctx: DocumentGraph, doc: Document) -> None:
    d, g = ctx.doc, ctx.graph
    for cls in (SCHEMA.NewsArticle, NIF.Context, PROV.Entity):
        g.add((d, RDF.type, cls))
    if doc.title:
        g.add((d, SCHEMA.headline, ctx.lit(doc.title, lang=doc.language or None)))
    if doc.date:
        ctx.add(d, SCHEMA.datePublished, iso_date(doc.date, ctx.lit))
    g.add((d, NIF.isString, ctx.lit(doc.text)))
    g.add((d, EKG.sourcePath, ctx.lit(doc.path)))
    if doc.extractor_version:
        g.add((d, EKG.extractedWith, ctx.lit(extracted_with(doc.extractor_version, doc.ontology_digest))))
    if doc.outlet:
        g.add((d, SCHEMA.publisher, ctx.entity(doc.outlet)))
    add_metadata(ctx, doc.metadata)


def add_metadata(ctx: DocumentGraph, metadata: dict) -> None:
    """What the front matter states beyond title, date and outlet (written above): the article's address and
    its language. Only when stated: a document without front matter keeps the triples it had."""
    if metadata.get("url"):
        ctx.graph.add((ctx.doc, SCHEMA.url, safe_iri(metadata["url"])))
    if metadata.get("language"):
        ctx.graph.add((ctx.doc, DCTERMS.language, ctx.lit(metadata["language"], datatype=XSD.language)))


def add_activity(ctx: DocumentGraph, doc: Document) -> None:
    g, a = ctx.graph, ctx.activity
    agent = extractor_iri(doc.extractor_version)
    g.add((a, RDF.type, PROV.Activity))
    g.add((a, PROV.used, ctx.doc))
    g.add((a, PROV.wasAssociatedWith, agent))
    g.add((agent, RDF.type, PROV.SoftwareAgent))
    g.add((agent, EKG.version, ctx.lit(doc.extractor_version or "unknown")))


def add_sentence(ctx: DocumentGraph, s: Sentence) -> None:
    node = sentence_iri(ctx.doc, s.index)
    ctx.graph.add((node, RDF.type, NIF.Sentence))
    ctx.span(node, s.start, s.end, None)


def add_mention(ctx: DocumentGraph, m: Mention) -> None:
    g, node = ctx.graph, mention_iri(ctx.doc, m.start, m.end)
    g.add((node, RDF.type, EKG.Mention))
    g.add((node, RDF.type, NIF.Phrase))
    ctx.span(node, m.start, m.end, m.sentence)
    g.add((node, ITSRDF.taIdentRef, ctx.entity(m.entity)))
    g.add((node, EKG.confidence, confidence(m.confidence, ctx.lit)))
    if m.rule:
        g.add((node, EKG.rule, ctx.lit(m.rule)))
    g.add((node, PROV.wasGeneratedBy, ctx.activity))
    if m.descriptor is not None:    # "штате" of "штате Колорадо": the mention is the name, the descriptor beside it
        phrase = URIRef(f"{node}/descriptor")
        g.add((node, EKG.descriptor, phrase))
        g.add((phrase, RDF.type, NIF.Phrase))
        ctx.span(phrase, m.descriptor.start, m.descriptor.end, m.sentence)


def label_language(text: str) -> str:
    """ru for Cyrillic text; a Latin-script name in Russian news is the international (en) one ("CPC")."""
    return "ru" if _CYRILLIC.search(text) else "en"


_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


# The language tag of a romanised Russian name (BCP 47: Russian in the Latin script). A romanisation is not an
# English name ("Chernoye more" is not "Black Sea"): an English label is the lexicon's or a gazetteer's only.
ROMANISED = "ru-Latn"


def add_entity(ctx: DocumentGraph, e: Entity) -> None:
    g, node = ctx.graph, ctx.entity(e.key)
    point = place_point(ctx, e)
    g.add((node, RDF.type, place_class(e, point)))
    label_ru, label_en, latin = e.label_ru, e.label_en, ROMANISED if e.romanised else "en"
    if point is not None:
        add_point(ctx, node, point)
        if not e.iri:       # the lexicon's names first; the gazetteer's before a romanisation or a case form
            label_ru, label_en, latin = point.name_ru or label_ru, point.name_en, "en"
    for text, lang in ((label_ru, "ru"), (label_en, latin)):
        if text:
            g.add((node, SKOS.prefLabel, ctx.lit(text, lang=lang)))
            g.add((node, RDFS.label, ctx.lit(text, lang=lang)))
    prefs = {label_ru, label_en}
    for alt in [*e.alt_labels, e.label_ru]:     # the label as read, when the gazetteer's nominative replaced it
        if alt and alt not in prefs:
            g.add((node, SKOS.altLabel, ctx.lit(alt, lang=label_language(alt))))
    for iri in entity_same_as(e, point):
        g.add((node, OWL.sameAs, safe_iri(iri)))
    # how sure this document's extraction is of the entity (its best mention); one value per document graph
    g.add((node, EKG.confidence, confidence(e.confidence, ctx.lit)))


def place_point(ctx: DocumentGraph, e: Entity) -> geo.GeoPoint | None:
    """Where the gazetteers put a place entity (kg/geo.py), None for other classes and unknown or ambiguous names."""
    kind = geo.kind_of(e.cls)
    if kind is None:
        return None
    return geo.locate(e.label_ru, e.label_en, kind, ctx.countries if kind != "state" else ())


def place_class(e: Entity, point: geo.GeoPoint | None) -> URIRef:
    """The entity's class; a place or region the ISO 3166 list names (pycountry, CLDR: "Мексика", "КНДР",
    "Турецкая республика") is an ekg:State, whether or not the lexicon lists it: the gazetteer types states,
    not a list in code."""
    if point is not None and point.source.startswith("iso3166:") and geo.kind_of(e.cls) in ("place", "state"):
        return EKG.State
    return safe_iri(e.cls)


def entity_same_as(e: Entity, point: geo.GeoPoint | None) -> list[str]:
    """The entity's owl:sameAs IRIs: the lexicon's, and for a State the gazetteer knows (`place_class`) its
    Wikidata item (kg/data/wikidata-countries.csv), unless the lexicon gives one already: the lexicon's QID
    is never overridden, and a name the gazetteer finds ambiguous has no point, so no link."""
    if place_class(e, point) != EKG.State or any(geo.WIKIDATA_ENTITY in iri for iri in e.same_as):
        return list(e.same_as)
    qid = geo.wikidata_iri(point)
    return [*e.same_as, qid] if qid else list(e.same_as)


def document_same_as(doc: Document) -> dict[str, list[str]]:
    """{entity key: the owl:sameAs IRIs its node gets in the document's graph}: what `kg evaluate` scores the
    Wikidata links on (extract/evaluate_nerel.py `wikidata`), so the figure is the graph's, not the records'."""
    ctx = DocumentGraph(doc)
    return {e.key: entity_same_as(e, place_point(ctx, e)) for e in doc.entities}


def decimal(value: float, lit=Literal) -> Literal:
    return lit(format(Decimal(str(value)), "f"), datatype=XSD.decimal)


def add_point(ctx: DocumentGraph, node: URIRef, point: geo.GeoPoint) -> None:
    """The place's WGS84 point (geo:lat, geo:long)."""
    ctx.graph.add((node, GEO.lat, decimal(point.lat, ctx.lit)))
    ctx.graph.add((node, GEO.long, decimal(point.long, ctx.lit)))


def add_time(ctx: DocumentGraph, node: URIRef, t: TimeValue) -> None:
    g = ctx.graph
    if t.value is not None:     # None: no year is known (an undated article's "осенью")
        # a range's value is an ISO interval ("2026-03-01/2026-03-05"): a plain string, not an xsd:date
        datatype = None if "/" in t.value else PRECISION_DATATYPE.get(t.precision)
        g.add((node, EKG.dateValue, ctx.lit(t.value, datatype=datatype) if datatype else ctx.lit(t.value)))
        ctx.add(node, SEM.hasEarliestBeginTimeStamp, iso_date(t.begin, ctx.lit))
        ctx.add(node, SEM.hasLatestEndTimeStamp, iso_date(t.end, ctx.lit))
    if t.precision in PRECISION_CLASS:
        g.add((node, EKG.datePrecision, EKG[PRECISION_CLASS[t.precision]]))
    if t.text:
        g.add((node, EKG.dateText, ctx.lit(t.text, lang="ru")))
    if t.qualifier:
        g.add((node, EKG.dateQualifier, ctx.lit(t.qualifier)))
    if t.source:
        g.add((node, EKG.dateSource, ctx.lit(t.source)))
    if t.char_start is not None and t.char_end is not None:   # where the text says it, as a trigger is shown
        phrase = URIRef(f"{node}/date")
        g.add((node, EKG.dateSpan, phrase))
        g.add((phrase, RDF.type, NIF.Phrase))
        ctx.span(phrase, t.char_start, t.char_end, None)


def add_event(ctx: DocumentGraph, ev: Event) -> None:
    g, node = ctx.graph, ctx.events[ev.index]
    g.add((node, RDF.type, safe_iri(ev.type)))
    for n, m in enumerate(ev.triggers()):     # the event's own trigger, then the other reports of it
        trigger = trigger_iri(ctx.doc, ev.index, n)
        g.add((node, EKG.trigger, trigger))
        g.add((trigger, RDF.type, NIF.Phrase))
        ctx.span(trigger, m.start, m.end, m.sentence)
        g.add((node, PROV.wasDerivedFrom, sentence_iri(ctx.doc, m.sentence)))
    g.add((node, EKG.modality, safe_iri(ev.modality or EKG.Asserted)))
    if ev.modality_cue:
        g.add((node, EKG.modalityCue, ctx.lit(ev.modality_cue, lang="ru")))
    for role in ev.roles:
        prop = safe_iri(role.role)
        if role.entity is not None:
            g.add((node, prop, ctx.entity(role.entity)))
        elif role.event is not None:
            if role.event not in ctx.events:
                raise ValueError(f"event {ev.index} refers to unknown event {role.event}")
            g.add((node, prop, ctx.events[role.event]))
        elif role.value is not None:
            g.add((node, prop, ctx.lit(role.value)))
    if ev.time is not None:
        add_time(ctx, node, ev.time)
    if ev.quote:
        g.add((node, EKG.quote, ctx.lit(ev.quote, lang="ru")))
    g.add((node, EKG.sourceDocument, ctx.doc))
    g.add((node, PROV.wasGeneratedBy, ctx.activity))
    g.add((node, EKG.confidence, confidence(ev.confidence, ctx.lit)))
    if ev.rule:
        g.add((node, EKG.rule, ctx.lit(ev.rule)))


def relation_object(ctx: DocumentGraph, r: Relation) -> Node:
    if r.object is not None:
        return ctx.entity(r.object)
    if r.value is None:
        raise ValueError(f"relation {r.predicate} of {r.subject!r} has neither object nor value")
    return ctx.lit(r.value, datatype=safe_iri(r.datatype) if r.datatype else None)


def add_relation(ctx: DocumentGraph, index: int, r: Relation) -> None:
    g = ctx.graph
    s, p, o = ctx.entity(r.subject), safe_iri(r.predicate), relation_object(ctx, r)
    g.add((s, p, o))
    node = relation_iri(ctx.doc, index)
    g.add((node, RDF.type, EKG.RelationAssertion))
    g.add((node, RDF.type, RDF.Statement))
    g.add((node, RDF.subject, s))
    g.add((node, RDF.predicate, p))
    g.add((node, RDF.object, o))
    if r.qualifier:
        g.add((node, EKG.qualifier, ctx.lit(r.qualifier)))
    if r.status:
        g.add((node, EKG.positionStatus, ctx.lit(r.status)))
    g.add((node, PROV.wasDerivedFrom, sentence_iri(ctx.doc, r.sentence)))
    g.add((node, NIF.beginIndex, offset(r.start, ctx.lit)))
    g.add((node, NIF.endIndex, offset(r.end, ctx.lit)))
    g.add((node, EKG.confidence, confidence(r.confidence, ctx.lit)))
    if r.rule:
        g.add((node, EKG.rule, ctx.lit(r.rule)))
    g.add((node, PROV.wasGeneratedBy, ctx.activity))


def document_ntriples(doc: Document) -> str:
    """The document's triples as N-Triples, the form every store takes, its content hash on the last line
    (in the order the triples were made, without building a Graph). Literals are made as text (`nt_literal`)
    and every term written here, not by rdflib's NTSerializer, byte for byte as it writes them
    (tests/test_ntriples.py): rdflib's Literal and `n3()` were half the conversion's CPU. One difference
    cannot arise here: rdflib takes "x"@EN and "x"@en as one triple, this writer keeps both, and the tags
    made here ("ru", "en", "ru-Latn", the document's own for the headline alone) never differ by case."""
    return "".join([f"{_nt_term(s)} {_nt_term(p)} {_nt_term(o)} .\n"
                    for s, p, o in document_triples(doc, nt_literal)])


def rdflib_ntriples(doc: Document) -> str:
    """The document's N-Triples as rdflib's NTSerializer writes them: the reference `document_ntriples`
    is tested against, byte for byte."""
    out = io.BytesIO()
    NTSerializer(list(document_triples(doc))).serialize(out)
    return out.getvalue().decode("utf-8")


class NTLiteral(str):
    """A literal as N-Triples text (quoted, escaped, with its tag or datatype): `nt_literal` makes them
    instead of rdflib Literals, whose construction was a quarter of the conversion."""


def nt_literal(value, lang: str | None = None, datatype: str | None = None) -> NTLiteral:
    """`value` as rdflib's NTSerializer writes Literal(value, lang=, datatype=): a string or an
    xsd:integer int here, the rest (typed values rdflib normalises, "0012" -> "12"; other Python types)
    through rdflib, cached; invalid language tags raise as rdflib's do."""
    if type(value) is not str or lang is not None and datatype is not None:
        if type(value) is int and lang is None and datatype == XSD.integer:
            return NTLiteral(f'"{value}"^^<{datatype}>')
        return NTLiteral(_nt_term(Literal(value, lang=lang, datatype=datatype)))
    if datatype is not None:
        return _nt_typed(value, datatype)
    lexical = value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r")
    if lang is not None:
        tag = _language_tag(lang)
        if tag:
            return NTLiteral(f'"{lexical}"@{tag}')
    return NTLiteral(f'"{lexical}"')


@functools.lru_cache(maxsize=4096)
def _nt_typed(value: str, datatype: str) -> NTLiteral:
    return NTLiteral(_nt_term(Literal(value, datatype=datatype)))


@functools.lru_cache(maxsize=256)
def _language_tag(lang: str) -> str | None:
    """The tag as rdflib keeps it (None for ""), or its ValueError."""
    return Literal("", lang=lang).language


# What rdflib's URIRef.n3() refuses to write (rdflib.term._invalid_uri_chars)
_NOT_NT_IRI = re.compile(r'[<>" {}|\\^`]')


def _nt_term(term: Node) -> str:
    """One term in N-Triples, as rdflib's NTSerializer writes it: an IRI as it is (our IRIs are made safe
    when minted), a literal's lexical form with \\, newline, quote and CR escaped, then its language tag
    or datatype. Other characters are written as UTF-8, as rdflib does."""
    kind = type(term)
    if kind is NTLiteral:
        return term
    if kind is URIRef:
        if _NOT_NT_IRI.search(term):
            return term.n3()    # raises, as rdflib's serializer does
        return f"<{term}>"
    if kind is Literal:
        lexical = term.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r")
        if term.language:
            if term.datatype:
                raise ValueError("Literal has datatype AND language!")
            return f'"{lexical}"@{term.language}'
        if term.datatype:
            return f'"{lexical}"^^<{term.datatype}>'
        return f'"{lexical}"'
    return term.n3()


def document_triples(doc: Document, lit=Literal) -> Triples:
    """The document's triples, rdflib terms; with `lit=nt_literal`, literals as their N-Triples text."""
    ctx = DocumentGraph(doc, lit)
    add_document(ctx, doc)
    add_activity(ctx, doc)
    for s in doc.sentences:
        add_sentence(ctx, s)
    for e in doc.entities:
        add_entity(ctx, e)
    for m in doc.mentions:
        add_mention(ctx, m)
    for ev in doc.events:
        add_event(ctx, ev)
    for i, r in enumerate(doc.relations):
        add_relation(ctx, i, r)
    add_content_hash(ctx, doc)
    return ctx.graph


def add_content_hash(ctx: DocumentGraph, doc: Document) -> None:
    """Last of all: a store that took a body only in part (a server, a killed upload) then holds no hash,
    and the next build extracts the document again."""
    if doc.content_hash:
        ctx.graph.add((ctx.doc, EKG.contentHash, ctx.lit(doc.content_hash)))
