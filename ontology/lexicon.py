"""The ontology's lexicon as plain Python objects, for the extractor.

Extraction must not see RDF (DESIGN.md), so this module reads the Turtle once with rdflib and
hands out only strings, tuples, dicts and frozen dataclasses. Every lemma is normalised the way
the extractor normalises tokens: lowercase, ё -> е, single spaces.
"""
from __future__ import annotations

import functools
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union

from . import _dir, ontology_files
from .terms import EKG_NS as EKG, Category, category_of
_LANG_ORDER = {"ru": 0, "en": 1}


def normalize(text: str) -> str:
    """The key form of a lemma or label: lowercase, ё written е, whitespace collapsed."""
    return " ".join(text.replace("ё", "е").replace("Ё", "Е").lower().split())


@dataclass(frozen=True)
class ClassInfo:
    iri: str
    local_name: str
    label_en: str
    label_ru: str
    parents: tuple[str, ...]   # every superclass, nearest first, including non-ekg ones
    nouns: tuple[str, ...]     # ekg:noun lemmas declared on this very class


@dataclass(frozen=True)
class KnownEntity:
    iri: str
    cls: str                   # most specific ekg class
    label_ru: str
    label_en: str
    alt_labels: tuple[str, ...]  # all languages, ru first
    adjectives: tuple[str, ...]
    same_as: tuple[str, ...]
    capital_of: Optional[str] = None   # IRI of the state whose capital this is


@dataclass(frozen=True, eq=False)
class Lexicon:
    classes: dict[str, ClassInfo]
    nouns: dict[str, str]              # lemma(s) -> most specific class IRI
    triggers: dict[str, str]           # lemma -> event class IRI
    quote_verbs: frozenset[str]
    relation_triggers: dict[str, str]  # lemma -> property IRI
    actors: list[KnownEntity]
    plural_nouns: dict[str, str] = field(default_factory=dict)    # lemma(s) -> class IRI, one instance in the plural
    object_roles: dict[str, str] = field(default_factory=dict)    # event class IRI -> role property IRI
    subject_roles: dict[str, str] = field(default_factory=dict)   # event class IRI -> role property IRI

    def is_a(self, cls_iri: str, ancestor_iri: str) -> bool:
        """True when cls_iri is ancestor_iri or one of its subclasses."""
        info = self.classes.get(cls_iri)
        return cls_iri == ancestor_iri or (info is not None and ancestor_iri in info.parents)

    def category(self, cls_iri: str) -> Category:
        """Coarse kind used by extraction rules (`ontology.terms.Category`).

        A State is also an Actor and a Place; it reports STATE. A known class outside these
        (e.g. ekg:Mention) gives OTHER; an IRI the ontology does not define raises KeyError.
        """
        info = self.classes.get(cls_iri)
        if info is None:
            raise KeyError(f"not an ontology class: {cls_iri}")
        return category_of((cls_iri, *info.parents))


def load_lexicon(ontology_dir: Optional[Union[str, Path]] = None) -> Lexicon:
    """The Lexicon of an ontology folder (default: ONTOLOGY_DIR), parsed once per folder."""
    return _load(str(_dir(ontology_dir).resolve()))


@functools.lru_cache(maxsize=None)
def _load(folder: str) -> Lexicon:
    from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef  # only the loader needs rdflib

    g = Graph()
    for path in ontology_files(folder):
        g.parse(path, format="turtle")
    ekg = lambda name: URIRef(EKG + name)  # noqa: E731

    def label(node, prop, lang: str) -> str:
        vals = sorted(str(o) for o in g.objects(node, prop) if isinstance(o, Literal) and o.language == lang)
        return vals[0] if vals else ""

    def ancestors(node) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        queue = deque(sorted(g.objects(node, RDFS.subClassOf)))
        while queue:
            parent = queue.popleft()
            if isinstance(parent, URIRef) and parent != node and str(parent) not in seen:
                seen[str(parent)] = None
                queue.extend(sorted(g.objects(parent, RDFS.subClassOf)))
        return tuple(seen)

    lemmas = lambda node, prop: tuple(sorted({normalize(str(o)) for o in g.objects(node, prop)}))  # noqa: E731
    classes = {
        str(c): ClassInfo(str(c), str(c)[len(EKG):], label(c, RDFS.label, "en"), label(c, RDFS.label, "ru"),
                          ancestors(c), lemmas(c, ekg("noun")))
        for c in g.subjects(RDF.type, OWL.Class) if str(c).startswith(EKG)
    }
    depth = lambda iri: len(classes[iri].parents) if iri in classes else -1  # noqa: E731

    def most_specific(prop) -> dict[str, str]:
        """lemma -> subject; a lemma on several subjects goes to the deepest (then first by IRI)."""
        out: dict[str, str] = {}
        for s, o in sorted(g.subject_objects(prop)):
            key, s = normalize(str(o)), str(s)
            if key not in out or depth(s) > depth(out[key]):
                out[key] = s
        return out

    lex = Lexicon(classes=classes, nouns=most_specific(ekg("noun")), triggers={}, relation_triggers={},
                  quote_verbs=frozenset(normalize(str(o)) for o in g.objects(None, ekg("quoteVerb"))),
                  actors=[], plural_nouns=most_specific(ekg("pluralNoun")),
                  object_roles={str(s): str(o) for s, o in g.subject_objects(ekg("objectRole"))},
                  subject_roles={str(s): str(o) for s, o in g.subject_objects(ekg("subjectRole"))})
    for key, s in most_specific(ekg("triggerLemma")).items():
        (lex.triggers if lex.is_a(s, EKG + "Event") else lex.relation_triggers)[key] = s

    capital_of = {str(city): str(state) for state, city in g.subject_objects(ekg("capital"))}
    for node in sorted(set(g.subjects(SKOS.prefLabel, None))):
        types = [str(t) for t in g.objects(node, RDF.type) if str(t) in classes]
        if not isinstance(node, URIRef) or not types:
            continue
        alts = sorted((o for o in g.objects(node, SKOS.altLabel) if isinstance(o, Literal)),
                      key=lambda o: (_LANG_ORDER.get(o.language or "", 9), o.language or "", str(o)))
        lex.actors.append(KnownEntity(
            iri=str(node), cls=max(sorted(types), key=depth),
            label_ru=label(node, SKOS.prefLabel, "ru"), label_en=label(node, SKOS.prefLabel, "en"),
            alt_labels=tuple(str(o) for o in alts), adjectives=lemmas(node, ekg("adjective")),
            same_as=tuple(sorted(str(o) for o in g.objects(node, OWL.sameAs))),
            capital_of=capital_of.get(str(node))))
    return lex
