"""One entity per thing mentioned: canonical labels and in-document coreference.

Sets `doc._.entities` (key -> Entity record) and `span._.entity` on every mention.
- Labels: the lexicon's for known actors; otherwise the nominative form (Natasha's normaliser:
  Алибека Бакаева -> Алибек Бакаев, Каспийского магистрального нефтепровода -> Каспийский
  магистральный нефтепровод), quoted and Latin names as written. English: the lexicon's label,
  else the iuliia Wikipedia romanisation, as news agencies write names (Бакаев -> Bakayev).
- Coreference: the same lemmas; a surname after the full name; an abbreviation defined in
  brackets and its later uses; noun anaphora resolved in `extract.mentions`; unnamed assets of
  one class whose anchors are a place and an owner ("терминал в Новороссийске", "терминал КТК").
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import iuliia
from natasha import norm as natasha_norm
from spacy.language import Language
from spacy.tokens import Doc, Span

from ontology.lexicon import load_lexicon
from ontology.terms import Category

from . import models
from .identity import Name, group_of, name_keys, patronymic, words_of
from .records import SOLE_NOUN_RULE, Entity
from .token_columns import columns, punct, set_span_extensions, span_extension, span_extensions

Doc.set_extension("entities", default=None, force=True)
Doc.set_extension("document_key", default=None, force=True)   # the source's key (extract.reader.document_key)
LATIN = re.compile(r"^[A-Za-z0-9 .&'’\-]+$")


@dataclass
class NormToken:
    """The shape of token Natasha's normaliser reads."""
    id: int
    head_id: int
    text: str
    pos: str
    feats: dict
    rel: str
    start: int
    stop: int


def norm_tokens(span):
    return [NormToken(t.i, t.head.i if t.head.i != t.i else -1, t.text, t.pos_, t.morph.to_dict(),
                      t.dep_, t.idx, t.idx + len(t)) for t in span if not t.is_space]


def canonical_ru(span, category: str) -> str:
    text = span.text
    quoted, rule = span_extensions(span, ("quoted", "rule"))
    if quoted or LATIN.match(text) or rule == "ner-abbreviation" or text.isupper():
        return text
    # the normaliser reads only the span's own words, tags and tree: names recur, so answers are kept
    key = (text, category, tuple((t.pos, t.morph.key, t.dep, t.head.i - span.start) for t in span))
    label = _CANONICAL.get(key)
    if label is None:
        label = _normalised(span, category, text)
        if len(_CANONICAL) < CACHE_SIZE:
            _CANONICAL[key] = label
    return label


CACHE_SIZE = 100_000
_CANONICAL: dict[tuple, str] = {}


def _normalised(span, category: str, text: str) -> str:
    tokens = norm_tokens(span)
    if not tokens:
        return text
    method = normalize if category == Category.PERSON else syntax_normalize
    try:
        return method(tokens)
    except Exception:  # the normaliser is a best effort; the surface form is a fine label
        return text


def normalize(tokens) -> str:
    """natasha's `norm.normalize` (every word to the nominative), each word inflected through `inflected`."""
    return natasha_norm.recover_spaces(natasha_norm.recover_shapes(map(inflected_word, tokens), tokens), tokens)


def syntax_normalize(tokens) -> str:
    """natasha's `norm.syntax_normalize` (the head and its agreeing words to the nominative), as `normalize`."""
    ids = set(natasha_norm.select_inflectable(tokens))
    words = (inflected_word(t) if not ids or t.id in ids else t.text for t in tokens)
    return natasha_norm.recover_spaces(natasha_norm.recover_shapes(words, tokens), tokens)


def inflected_word(token) -> str:
    """natasha's `norm.inflect_word` of a token: it reads only the word, its POS and its Gender, Number and
    Case, and pymorphy2's inflection costs about a millisecond a word, while names share words ("России"
    in "МИД России" and "Министерство обороны России"): kept per those five."""
    feats = token.feats
    return inflected(token.text, token.pos, feats.get("Gender"), feats.get("Number"), feats.get("Case"))


@lru_cache(maxsize=CACHE_SIZE)
def inflected(text: str, pos: str, gender, number, case) -> str:
    feats = {k: v for k, v in (("Gender", gender), ("Number", number), ("Case", case)) if v is not None}
    return natasha_norm.inflect_word(models.morph_vocab(), NormToken(0, -1, text, pos, feats, "", 0, 0))


def name_part(doc, span):
    """The name inside a mention with a descriptor (`span._.name`, set by extract.orgs)."""
    return Span(doc, *span._.name, label=span.label_)


@lru_cache(maxsize=CACHE_SIZE)
def romanise(label: str) -> str:
    return label if LATIN.match(label) else iuliia.WIKIPEDIA.translate(label)


@lru_cache(maxsize=CACHE_SIZE)
def slug(label: str) -> str:
    """The entity's key, its IRI's last part: the romanised label in [a-z0-9-] (fullwidth ＬＵＫ as LUK).
    A name in a script iuliia cannot romanise (中国石油) keeps its letters, percent-encoded in the IRI,
    so that two such names stay two entities; a label with no letter or digit gets a hash of itself."""
    roman = romanise(unicodedata.normalize("NFKC", label))
    if any(c.isalnum() and not c.isascii() and not unicodedata.name(c, "").startswith("LATIN") for c in roman):
        return re.sub(r"[\W_]+", "-", roman.lower()).strip("-")
    return (re.sub(r"[^a-z0-9]+", "-", roman.lower()).strip("-")
            or "entity-" + hashlib.sha1(label.encode("utf-8", "backslashreplace")).hexdigest()[:8])


def document_scope(doc) -> str:
    """What makes a key the document's own: its source's key (`doc._.document_key`, set by
    `extract.pipeline.extract_documents`), else a hash of its text (a Doc made from a string)."""
    return doc._.document_key or "doc-" + hashlib.sha1(doc.text.encode("utf-8")).hexdigest()[:12]


def lemma_key(span) -> str:
    """The span's lemmas but its punctuation and spaces, read from the token columns (no Token a word)."""
    try:
        cols = columns(span.doc)
    except ValueError:       # no `ontology_normalise` ran
        return " ".join(t.lemma_ for t in span if not t.is_punct and not t.is_space)
    lemma, text, is_punct = cols.lemma, cols.text, punct(span.doc)
    return " ".join(lemma[i] for i in range(span.start, span.end) if not is_punct[i] and not text[i].isspace())


def known_entity(actor) -> Entity:
    """The record of an actor the lexicon knows: its IRI, labels and Wikidata link."""
    return Entity(key=actor.iri.rsplit("/", 1)[-1], cls=actor.cls, label_ru=actor.label_ru,
                  label_en=actor.label_en, alt_labels=list(actor.alt_labels), iri=actor.iri,
                  same_as=list(actor.same_as), confidence=1.0)


@dataclass
class Linking:
    """What linking one document builds up: passed through the linker's methods, never kept on it."""
    entities: dict[str, Entity] = field(default_factory=dict)
    by_lemma: dict[str, str] = field(default_factory=dict)         # lemma key / surface text -> entity key
    surnames: dict[str, str] = field(default_factory=dict)         # surname lemma -> person key
    first_names: dict[str, set] = field(default_factory=dict)      # first-name lemma -> keys of full names
    at: dict[tuple, str] = field(default_factory=dict)             # (start, end) of a mention -> entity key
    place_anchored: dict[str, bool] = field(default_factory=dict)  # unnamed asset key -> anchored on a place?


LATE_RULES = {"name-again": 1, "asset-anchor": 2}
LINK_EXTENSIONS = ("rule", "known", "name", "quoted", "alias_of", "confidence")   # what linking reads of `span._`


class EntityLinker:
    def __init__(self, lexicon):
        self.lexicon = lexicon
        self.known = {a.iri: a for a in lexicon.actors}
        places = [Name(a.iri, "place", a.label_ru, tuple(a.alt_labels), anchored=True) for a in lexicon.actors
                  if group_of(lexicon.category(a.cls)) == "place"]
        # what extract.identity knows of names, with the lexicon's states a name may end with ("ФСБ России")
        grammar = lexicon.grammar
        self.name_words = words_of(places, grammar.legal_forms, grammar.name_function_words,
                                   compounds=grammar.compound_parts)

    def known_entity(self, iri) -> Entity:
        return known_entity(self.known[iri])

    def __call__(self, doc):
        ctx = Linking()
        entities, at = ctx.entities, ctx.at
        votes: dict[str, Counter] = {}     # entity key -> classes its mentions of the tagger give
        settled: set[str] = set()          # entities a descriptor names
        mentions = list(doc.spans["mentions"])
        reads = [span_extensions(m, LINK_EXTENSIONS) for m in mentions]   # linking sets none of them
        # a name again (extract.mentions names_again) after the mention it stands for, which may come later; an
        # unnamed asset after the entities it is anchored on
        late = [LATE_RULES.get(read[0], 0) for read in reads]
        for k in sorted(range(len(mentions)), key=late.__getitem__):
            span, read = mentions[k], reads[k]
            rule, known, name, _, _, confidence = read
            key = self.link(doc, span, ctx, read)
            set_span_extensions(span, entity=key)
            at[(span.start, span.end)] = key
            ent = entities[key]
            # inflected forms are not labels; an abbreviation defined in the text is
            if rule == "ner-abbreviation" and span.text not in ent.alt_labels + [ent.label_ru, ent.label_en]:
                ent.alt_labels.append(span.text)
            ent.confidence = max(ent.confidence, confidence)
            if rule == "ner" and not known:
                votes.setdefault(key, Counter())[span.label_] += 1
            elif name is not None:
                settled.add(key)     # "городе Муроме": a descriptor says what it is, whatever the tagger says,
                if not ent.iri and self.lexicon.category(ent.cls) != self.lexicon.category(span.label_):
                    ent.cls = span.label_    # of an earlier mention too ("Льеж" a person in the headline)
        self.by_majority(entities, {k: v for k, v in votes.items() if k not in settled})
        self.with_their_state(entities, mentions)
        doc._.entities = entities
        return doc

    def with_their_state(self, entities: dict[str, Entity], mentions) -> None:
        """An organisation named without its state ("МИД", "Госдума", "Министерство обороны") is the one of the
        document named with it ("МИД России", "Госдума РФ", "Минобороны России" by its initials) when the
        document names one such: its mentions become that entity's. Across documents a bare name cannot be told
        (it names another state's as often as not: extract.identity joins none), within one it is the same
        body; two ("МИД России", "МИД Украины"): neither."""
        def keys(entity) -> set[tuple[str, str]]:
            return {("name" if kind == "name" else "letters", key) for label in (entity.label_ru, *entity.alt_labels)
                    for kind, key in name_keys(label, self.name_words)}
        organisations = {k: keys(e) for k, e in entities.items()
                         if not e.iri and not e.local and self.lexicon.category(e.cls) == Category.ORGANIZATION}
        stated: dict[tuple[str, str], set[str]] = {}     # (kind, key without its state) -> entities with a state
        for k, found in organisations.items():
            for kind, key in found:
                if "@" in key:
                    stated.setdefault((kind, key.split("@")[0]), set()).add(k)
        into = {}
        for k, found in organisations.items():
            if found and not any("@" in key for _, key in found):
                targets = set().union(*(stated.get(f, set()) for f in found))
                if len(targets) == 1:
                    into[k] = next(iter(targets))
        for span in mentions if into else ():     # most documents join none: no mention's extension read
            if span_extension(span, "entity") in into:
                set_span_extensions(span, entity=into[span_extension(span, "entity")])
        for k in into:
            del entities[k]

    def by_majority(self, entities: dict[str, Entity], votes: dict[str, Counter]) -> None:
        """The tagger may call one mention of a name a place and the others a person ("администрации
        Клинтона", then "Клинтон заявил"): an entity the lexicon does not know is a person when most of the
        tagger's mentions of it say so, and not one when most do not, whatever the first one said."""
        for key, labels in votes.items():
            ent = entities[key]
            if ent.iri:
                continue
            by_category = Counter()
            for label, n in labels.items():
                by_category[self.lexicon.category(label)] += n
            category, n = by_category.most_common(1)[0]
            current = self.lexicon.category(ent.cls)
            # a person or not: an organisation named after its place ("Москва" the city hall) stays apart
            if n > by_category[current] and Category.PERSON in (category, current):
                ent.cls = next(label for label, _ in labels.most_common() if self.lexicon.category(label) == category)

    def link(self, doc, span, ctx: Linking, read: tuple) -> str:
        """The key of the mention's entity, made on first mention. `read`: its LINK_EXTENSIONS."""
        entities, by_lemma, surnames, at = ctx.entities, ctx.by_lemma, ctx.surnames, ctx.at
        category = self.lexicon.category(span.label_)
        rule, known, name, quoted, alias_of, _ = read
        if alias_of is not None and alias_of in at:
            key = at[alias_of]
            by_lemma.setdefault(span.text, key)
            return key
        if known:
            key = known.rsplit("/", 1)[-1]           # known_entity's key, without making the record twice
            if key not in entities:
                entities[key] = self.known_entity(known)
            by_lemma.setdefault(lemma_key(span), key)
            return key
        if rule == "asset-anchor":
            return self.link_unnamed_asset(doc, span, ctx)
        described = name is not None
        if described:   # "компании «Арктикгаз»": the entity is named by its name, not its descriptor
            span = name_part(doc, span)
        lkey = lemma_key(span)
        seen = [by_lemma[k] for k in (span.text, lkey) if k in by_lemma]
        same_kind = [k for k in seen if not self.other_kind(entities[k], category)]
        if same_kind:
            return same_kind[0]
        if seen and not described:   # a descriptor says what it is: "клуба «Бавария»" is not the region
            return seen[0]
        if category == Category.PERSON:
            person = self.person_named_before(span, lkey, ctx)
            if person:
                return person
        label = span.text if quoted else canonical_ru(span, category)
        if rule == SOLE_NOUN_RULE:
            return self.link_local(doc, label, span, ctx)
        key = slug(label)
        if described and key in entities and self.other_kind(entities[key], category):
            key = slug(f"{label} {self.lexicon.classes[span.label_].local_name}")
        if key in entities and entities[key].cls != span.label_:
            if self.lexicon.is_a(span.label_, entities[key].cls):
                entities[key].cls = span.label_
        entities.setdefault(key, Entity(key=key, cls=span.label_, label_ru=label, label_en=romanise(label),
                                        confidence=span_extension(span, "confidence"), romanised=romanise(label) != label))
        by_lemma.setdefault(lkey, key)   # a name seen first keeps its entity for the bare mentions after
        by_lemma.setdefault(span.text, key)
        if category == Category.PERSON:
            surnames[span[-1].lemma_] = key
            words = [t for t in span if t.is_alpha]
            if len(words) >= 2 and not patronymic(words[1].text if len(words) == 2 else ""):
                ctx.first_names.setdefault(words[0].lemma_, set()).add(key)
        return key

    @staticmethod
    def link_local(doc, label: str, span, ctx: Linking) -> str:
        """The node of a state's body named by its bare noun ("правительство", rule org-noun): one per
        document, its key the label's slug and the document's (`document_scope`), so that the government of
        one article never joins another's by its IRI (nor by its name: `Entity.local`, kg/link.py)."""
        key = slug(f"{label} {document_scope(doc)}")
        ctx.entities.setdefault(key, Entity(key=key, cls=span.label_, label_ru=label, label_en=romanise(label),
                                            confidence=span_extension(span, "confidence"), romanised=romanise(label) != label,
                                            local=True))
        ctx.by_lemma.setdefault(lemma_key(span), key)   # its bare mentions after: this node
        ctx.by_lemma.setdefault(span.text, key)
        return key

    @staticmethod
    def person_named_before(span, lkey: str, ctx: Linking) -> str | None:
        """The person a short name stands for, named in full earlier in the document: the surname alone
        ("Бакаев" after "Алибек Бакаев"); else a first name alone, or with the patronymic ("Стив" after
        "Стив Джобс", "Борис Абрамович" after "Борис Березовский"), when one full name of the document has
        that first name (two, "Сергей Скрипаль" and "Сергей Шнуров": neither). News articles name a person in
        full first, then by the first name (children, artists, victims): across documents a first name alone
        cannot be told (`extract.identity` joins it only when the store holds one such full name)."""
        words = [t for t in span if t.is_alpha]
        if len(words) == 1 and lkey in ctx.surnames:
            return ctx.surnames[lkey]
        if len(words) == 1 or (len(words) == 2 and patronymic(words[1].text)):
            if words[0].lemma_ in ctx.surnames:      # that word is someone's surname: not a first name here
                return None
            found = ctx.first_names.get(words[0].lemma_, set())
            return next(iter(found)) if len(found) == 1 else None
        return None

    def other_kind(self, entity, category) -> bool:
        """An organisation and a place (or state) of the same name are two entities."""
        kinds = {self.lexicon.category(entity.cls), category}
        return Category.ORGANIZATION in kinds and bool(kinds & {Category.PLACE, Category.STATE})

    def link_unnamed_asset(self, doc, span, ctx: Linking) -> str:
        entities, at, place_anchored = ctx.entities, ctx.at, ctx.place_anchored
        anchor_key = at.get(span._.anchor)
        anchor = entities.get(anchor_key)
        cls_info = self.lexicon.classes[span.label_]
        noun_phrase = doc[span.start:span._.anchor[0]] if span._.anchor else span
        if noun_phrase and noun_phrase[-1].lower_ in ("в", "на", "вблизи", "около", "близ", "под", "у"):
            noun_phrase = noun_phrase[:-1]
        head = noun_phrase[-1] if len(noun_phrase) else span[-1]
        noun_ru = canonical_ru(noun_phrase, Category.ASSET).lower() if len(noun_phrase) else cls_info.label_ru
        anchor_place = anchor is not None and self.lexicon.category(anchor.cls) in (Category.PLACE,)
        # one unnamed asset per class and document when one anchor is a place and the other an owner
        for key, ent in entities.items():
            if ent.cls == span.label_ and key in place_anchored and place_anchored[key] != anchor_place:
                return key
        anchor_en = anchor.label_en if anchor else ""
        # the anchor as written keeps its case and preposition: "терминал КТК", "терминал в Новороссийске"
        anchor_text = doc[head.i + 1:span._.anchor[1]].text if span._.anchor else ""
        label_ru = " ".join(p for p in (noun_ru, anchor_text) if p)
        label_en = f"{anchor_en} {cls_info.label_en.lower()}".strip()
        key = slug(f"{cls_info.local_name} {anchor_key or noun_ru}")
        if key not in entities:
            entities[key] = Entity(key=key, cls=span.label_, label_ru=label_ru, label_en=label_en,
                                   confidence=span_extension(span, "confidence"))
            place_anchored[key] = anchor_place
        return key


@Language.factory("ontology_entities", assigns=["doc._.entities", "span._.entity"],
                  requires=["doc.spans", "span._.rule", "span._.known", "span._.alias_of", "span._.anchor",
                            "span._.quoted", "span._.name", "span._.confidence", "doc._.document_key", "token.lemma",
                            "token.morph", "token.dep"],
                  default_config={"ontology_dir": None})
def create_linker(nlp, name, *, ontology_dir):
    models.morph_vocab()   # natasha's normaliser loads pymorphy2 (about 0.5 s): now, not in the first name read
    return EntityLinker(load_lexicon(ontology_dir))
