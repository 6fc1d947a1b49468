"""The ontology's lexicon as plain Python objects, for the extractor.

Extraction must not see RDF (DESIGN.md), so this module reads the Turtle once with rdflib and
hands out only strings, tuples, dicts and frozen dataclasses. Every lemma is normalised the way
the extractor normalises tokens: lowercase, ё -> е, single spaces.
"""
from __future__ import annotations

import functools
from collections import deque
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Optional, Union

from . import _dir, ontology_graph
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


@dataclass(frozen=True)
class Frame:
    """How the syntax around a trigger fills roles; an event class's own frame data or its nearest
    superclass's (a class may also set subjectRole/objectRole directly, which wins)."""
    name: str = ""                          # local name of the ekg:Frame, "" for the default
    subject_role: Optional[str] = None      # role IRI of an intransitive trigger's subject (default agent)
    object_role: Optional[str] = None       # role IRI of the direct object (default target)
    target_preps: frozenset[str] = frozenset()   # prepositions introducing the target ("на", "по")
    carries_agent: bool = False             # an agentless event takes the latest agent of its class
    genitive_role: Optional[str] = None     # role IRI of a noun trigger's genitive holder ("арест X": target)
    participant_role: Optional[str] = None  # role IRI of the subject of the verb a noun trigger is the oblique of
    dative_role: Optional[str] = None       # role IRI of the indirect object (default addressee)
    party_role: Optional[str] = None        # role IRI of whoever takes part where the sides act alike ("встреча с X")
    genitive_place: bool = False            # a noun trigger's genitive place is where it is held ("чемпионат России")
    adjective_place: bool = False           # a state adjective on a noun trigger is where it happens ("иракская война")
    direction_place: bool = False           # an organisation "в" + accusative leads to is where ("госпитализирован в X")
    body_announces: bool = False            # a body announcing the noun event carried it out ("КНДР подтвердила арест")


DEFAULT_FRAME = Frame()


@dataclass(frozen=True)
class Grammar:
    """The closed word lists of ontology/grammar.ttl (prepositions, months, seasons, pronouns, quote marks)."""
    place_preps: frozenset[str] = frozenset()
    surface_preps: frozenset[str] = frozenset()
    circumstance_nouns: frozenset[str] = frozenset()   # "в результате", "во время": an event noun's clause
    commemoration_nouns: frozenset[str] = frozenset()  # "годовщина": the event it is of takes no date of its clause
    stage_nouns: frozenset[str] = frozenset()          # "церемония", "открытие": their genitive is an event
    origin_preps: frozenset[str] = frozenset()         # "из", "с": where an event starts from
    preposition_nouns: frozenset[str] = frozenset()    # "в поддержку", "в отношении": never a place
    reason_nouns: frozenset[str] = frozenset()         # "в связи с", "в ответ на": a reason, not the verb's clause
    petition_nouns: frozenset[str] = frozenset()       # "рапорт": "рапорт об отставке" is one's own resignation
    capital_nouns: frozenset[str] = frozenset()        # "столица": a state's adjective makes it its capital
    state_nouns: frozenset[str] = frozenset()          # "страна": the state the text last named
    building_nouns: frozenset[str] = frozenset()       # "в здании МВД": the body in the genitive names a venue
    place_part_nouns: frozenset[str] = frozenset()     # "центр", "окраина": "обстрел окраин Донецка" is in Donetsk
    relative_place_adverbs: frozenset[str] = frozenset()   # "где", "куда": the noun a clause hangs on is its place
    relative_pronouns: frozenset[str] = frozenset()    # "который": its gender says which noun a clause is on
    demonstrative_pronouns: frozenset[str] = frozenset()   # "тот": the person named last who is no subject
    office_nouns: frozenset[str] = frozenset()         # "пост", "должность": "с поста президента X" names an office
    topic_preps: frozenset[str] = frozenset()
    topic_nouns: frozenset[str] = frozenset()
    time_words: frozenset[str] = frozenset()
    negations: frozenset[str] = frozenset()
    source_preps: frozenset[str] = frozenset()         # "по словам X", "согласно X": X said it, took no part
    party_preps: frozenset[str] = frozenset()          # "между X и Y", "с X", "против X": a state or city takes part
    possessor_preps: frozenset[str] = frozenset()      # "у X": whom the clause happens to or at
    months: dict[str, int] = field(default_factory=dict)         # lemma -> 1..12
    seasons: dict[str, str] = field(default_factory=dict)        # word -> winter/spring/summer/autumn
    pronouns: dict[str, str] = field(default_factory=dict)       # lemma -> Masc/Fem/Plur
    quote_marks: tuple[tuple[str, str], ...] = ()                # (opening, closing)
    source_nouns: frozenset[str] = frozenset()                   # "по словам/данным X": X is the source
    publication_nouns: frozenset[str] = frozenset()              # "говорится в сообщении X": X relays the news
    relay_verbs: frozenset[str] = frozenset()                    # "..., передает X": X relays the news
    condition_words: frozenset[str] = frozenset()                # "если": a condition's conjunction
    manner_phrases: frozenset[str] = frozenset()                 # "по путь": a set phrase of manner, no event
    hearsay_words: frozenset[str] = frozenset()                  # "как утверждают X": X is the source
    press_nouns: frozenset[str] = frozenset()                    # "как отмечает пресса": the press, no speaker
    then_words: frozenset[str] = frozenset()                     # "Тогда ...": the time the sentence before set
    when_words: frozenset[str] = frozenset()                     # "с 14 августа, когда ...": what happened then
    title_prefixes: frozenset[str] = frozenset()                 # "вице-", "экс-": "вице-губернатор" is a title
    label_verbs: frozenset[str] = frozenset()                    # "подписанный приказ": a thing's label, no event
    penalty_preps: frozenset[str] = frozenset()                  # "приговорен к казни": the penalty, no event
    legal_forms: frozenset[str] = frozenset()                    # "оао": "ОАО «Газпром»" is "Газпром"
    post_nouns: frozenset[str] = frozenset()                     # "сотрудник", "тренер": a post in a body
    work_verbs: frozenset[str] = frozenset()                     # "возглавлять", "работать": a post in a body
    honorary_words: frozenset[str] = frozenset()                 # "народный артист": an honour, no post
    state_title_nouns: frozenset[str] = frozenset()              # "глава государства": the state named before
    state_post_nouns: frozenset[str] = frozenset()               # "премьер": "российский премьер" is Russia's
    affiliation_preps: frozenset[str] = frozenset()              # "Петров из «Спартака»": a post in the body
    team_verbs: frozenset[str] = frozenset()                     # "выступает за «Дален»": a player of the club
    team_preps: frozenset[str] = frozenset()                     # "за": the club a team verb names
    at_the_head_nouns: frozenset[str] = frozenset()              # "во главе партии": the person heads it
    former_words: frozenset[str] = frozenset()                   # "бывший": the post is no longer held
    acting_words: frozenset[str] = frozenset()                   # "исполняющий обязанности", "врио"
    candidate_words: frozenset[str] = frozenset()                # "кандидат": the post is sought
    name_function_words: frozenset[str] = frozenset()            # "и", "по": words an abbreviation skips
    compound_parts: dict[str, str] = field(default_factory=dict)  # "гос" -> "государственный": "Госдума"
    place_kind_nouns: frozenset[str] = frozenset()               # "республика": "Республика Башкортостан"
    quantity_nouns: frozenset[str] = frozenset()                 # "товарооборот": its change is an economic event
    count_nouns: frozenset[str] = frozenset()                    # "тысячи демонстрантов": the demonstrators
    share_nouns: frozenset[str] = frozenset()                    # "акция": also a company's shares
    market_words: frozenset[str] = frozenset()                   # "биржа", "пакет": "пакет акций" names shares
    anaphor_nouns: frozenset[str] = frozenset()                  # "инцидент": names an event the text told before
    stance_verbs: frozenset[str] = frozenset()                   # "поддержать": its subject takes no part in the event
    undergoer_verbs: frozenset[str] = frozenset()                # "родиться": its subject is the target
    weapon_nouns: frozenset[str] = frozenset()                   # "ракета", "вертолет": an instrument, no agent
    attacker_nouns: frozenset[str] = frozenset()                 # "смертник": his accident verb is an attack
    projectile_nouns: frozenset[str] = frozenset()               # "ракета": a launch of it is a shelling
    interview_nouns: frozenset[str] = frozenset()                # "в интервью изданию X": X is the addressee


class OntologyError(ValueError):
    """The ontology says something the extractor cannot follow (e.g. an unknown frame)."""


@dataclass(frozen=True, eq=False)
class Lexicon:
    classes: dict[str, ClassInfo]
    nouns: dict[str, str]              # lemma(s) -> most specific class IRI
    triggers: dict[str, str]           # lemma -> event class IRI
    quote_verbs: frozenset[str]
    relation_triggers: dict[str, str]  # lemma -> property IRI
    actors: list[KnownEntity]
    # adjective lemma -> the Russian name of the state it names, for states that are no actor (ontology/states.ttl)
    state_adjectives: dict[str, str] = field(default_factory=dict)
    plural_nouns: dict[str, str] = field(default_factory=dict)    # lemma(s) -> class IRI, one instance in the plural
    sole_nouns: dict[str, str] = field(default_factory=dict)      # lemma(s) -> class IRI, the one body a state has
    object_roles: dict[str, str] = field(default_factory=dict)    # event class IRI -> role property IRI
    subject_roles: dict[str, str] = field(default_factory=dict)   # event class IRI -> role property IRI
    frames: dict[str, Frame] = field(default_factory=dict)        # event class IRI -> its (inherited) frame
    relation_frames: dict[str, str] = field(default_factory=dict)  # relation property IRI -> frame local name
    imposed: dict[str, str] = field(default_factory=dict)         # event class IRI -> its imposed class (ekg:imposedAs)
    class_lemmas: dict[str, str] = field(default_factory=dict)    # lemma -> event class IRI, for model triggers only
    conditional: dict[str, str] = field(default_factory=dict)     # lemma -> class IRI of its conditional promise
    person_object: dict[str, str] = field(default_factory=dict)   # lemma -> class IRI when its object is people
    context_triggers: dict[str, str] = field(default_factory=dict)  # lemma -> event class IRI, where the model agrees
    quantity_triggers: dict[str, str] = field(default_factory=dict)  # lemma -> event class IRI, on an economic quantity
    grammar: Grammar = field(default_factory=Grammar)
    # class IRI -> its category, as `category` answers it: the stages ask hundreds of times a document
    _categories: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def frame(self, cls_iri: str) -> Frame:
        """The class's frame, else the default one (shared: a Frame is frozen, and the stages ask hundreds of times
        a document, mostly of classes without a frame)."""
        return self.frames.get(cls_iri, DEFAULT_FRAME)

    def is_a(self, cls_iri: str, ancestor_iri: str) -> bool:
        """True when cls_iri is ancestor_iri or one of its subclasses."""
        info = self.classes.get(cls_iri)
        return cls_iri == ancestor_iri or (info is not None and ancestor_iri in info.parents)

    def kind_of(self, cls_iri: str) -> str:
        """The kind an event of class cls_iri is named by with a generic noun ("Инцидент" after "обстрелял"): its
        only direct superclass when that is below a top-level event class (Shelling -> Attack, Detention ->
        Seizure), else the class itself (Attack, Accident, Casualties; Arrest, with two superclasses)."""
        info = self.classes.get(cls_iri)
        if info is None:
            return cls_iri
        event = EKG + "Event"
        direct = [p for p in info.parents if p in self.classes and not any(
            p in self.classes[q].parents for q in info.parents if q in self.classes)]
        if len(direct) != 1 or direct[0] == event or event not in self.classes[direct[0]].parents:
            return cls_iri
        parent = self.classes[direct[0]]
        return direct[0] if any(event in self.classes[q].parents for q in parent.parents if q in self.classes) \
            else cls_iri

    def category(self, cls_iri: str) -> Category:
        """Coarse kind used by extraction rules (`ontology.terms.Category`).

        A State is also an Actor and a Place; it reports STATE. A known class outside these
        (e.g. ekg:Mention) gives OTHER; an IRI the ontology does not define raises KeyError.
        """
        found = self._categories.get(cls_iri)
        if found is None:
            info = self.classes.get(cls_iri)
            if info is None:
                raise KeyError(f"not an ontology class: {cls_iri}")
            found = self._categories[cls_iri] = category_of((cls_iri, *info.parents))
        return found


def load_lexicon(ontology_dir: Optional[Union[str, Path]] = None) -> Lexicon:
    """The Lexicon of an ontology folder (default: ONTOLOGY_DIR), parsed once per folder."""
    return _load(str(_dir(ontology_dir).resolve()))


@functools.lru_cache(maxsize=None)
def _load(folder: str) -> Lexicon:
    from rdflib import OWL, RDF, RDFS, SKOS, Literal, URIRef  # only the loader needs rdflib

    g = ontology_graph(folder)
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

    frames = event_frames(g, classes, ekg)
    lex = Lexicon(classes=classes, nouns=most_specific(ekg("noun")), triggers={}, relation_triggers={},
                  quote_verbs=frozenset(normalize(str(o)) for o in g.objects(None, ekg("quoteVerb"))),
                  actors=[], plural_nouns=most_specific(ekg("pluralNoun")),
                  sole_nouns=most_specific(ekg("soleNoun")),
                  object_roles={c: f.object_role for c, f in frames.items() if f.object_role},
                  subject_roles={c: f.subject_role for c, f in frames.items() if f.subject_role},
                  frames=frames, grammar=grammar(g, ekg),
                  imposed={str(a): str(b) for a, b in g.subject_objects(ekg("imposedAs"))},
                  class_lemmas=most_specific(ekg("classLemma")), conditional=most_specific(ekg("conditionalLemma")),
                  person_object=most_specific(ekg("personObjectLemma")),
                  quantity_triggers=most_specific(ekg("quantityTriggerLemma")))
    for key, s in most_specific(ekg("triggerLemma")).items():
        (lex.triggers if lex.is_a(s, EKG + "Event") else lex.relation_triggers)[key] = s
    lex.relation_frames.update(relation_frames(g, ekg, set(lex.relation_triggers.values())))
    lex.context_triggers.update((k, s) for k, s in most_specific(ekg("contextTriggerLemma")).items()
                                if k not in lex.triggers and lex.is_a(s, EKG + "Event"))

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
    for node in sorted(set(g.subjects(ekg("stateCode"), None))):
        for adjective in lemmas(node, ekg("adjective")):
            lex.state_adjectives[adjective] = label(node, RDFS.label, "ru")
    return lex


def _frame_data(g, node, ekg) -> dict:
    """The frame fields stated on one node (a class or an ekg:Frame), None where it says nothing."""
    from rdflib import Literal
    one = lambda prop: next((str(o) for o in sorted(g.objects(node, ekg(prop)))), None)  # noqa: E731
    preps = frozenset(normalize(str(o)) for o in g.objects(node, ekg("targetPreposition")))
    flag = lambda prop: next((bool(o.toPython()) for o in g.objects(node, ekg(prop)) if isinstance(o, Literal)), None)  # noqa: E731
    return {"subject_role": one("subjectRole"), "object_role": one("objectRole"),
            "target_preps": preps or None, "carries_agent": flag("carriesAgent"), "genitive_role": one("genitiveRole"),
            "participant_role": one("participantRole"), "dative_role": one("dativeRole"),
            "party_role": one("partyRole"),
            "genitive_place": flag("genitivePlace"), "adjective_place": flag("adjectivePlace"),
            "direction_place": flag("directionPlace"), "body_announces": flag("bodyAnnounces")}


FRAME_DATA = tuple(f.name for f in fields(Frame) if f.name != "name")   # what `_frame_data` reads of a node


def event_frames(g, classes: dict[str, ClassInfo], ekg) -> dict[str, Frame]:
    """Each event class's frame: the nearest ekg:frame on the class or a superclass (nearest first), with
    subjectRole/objectRole stated on the classes up to it winning. A frame not an ekg:Frame is an error."""
    from rdflib import RDF, URIRef
    declared = {str(f) for f in g.subjects(RDF.type, ekg("Frame"))}
    own: dict[str, tuple[str, dict, dict]] = {}
    for iri in classes:
        node = URIRef(iri)
        frame = next((str(o) for o in sorted(g.objects(node, ekg("frame")))), None)
        if frame is not None and frame not in declared:
            raise OntologyError(f"{iri} declares the unknown frame {frame} (not an ekg:Frame)")
        own[iri] = (frame or "", _frame_data(g, node, ekg), _frame_data(g, URIRef(frame), ekg) if frame else {})
    out = {}
    for iri, info in classes.items():
        if not info.parents or EKG + "Event" not in (iri, *info.parents):
            continue
        chain = [c for c in (iri, *info.parents) if c in own]
        holder = next((n for n, c in enumerate(chain) if own[c][0]), len(chain))   # the nearest frame wins whole
        sources = [own[c][1] for c in chain[:holder + 1]] + ([own[chain[holder]][2]] if holder < len(chain) else [])
        found = {key: next((d[key] for d in sources if d.get(key) is not None), None) for key in FRAME_DATA}
        name = own[chain[holder]][0] if holder < len(chain) else ""
        out[iri] = Frame(name=name.rsplit("#", 1)[-1], **{k: v for k, v in found.items() if v is not None})
    return out


def relation_frames(g, ekg, properties: set[str]) -> dict[str, str]:
    """Relation property -> the local name of its frame; a property with triggers and no frame, or a frame
    that is not an ekg:Frame, is an error: the extractor would otherwise drop its triggers silently."""
    from rdflib import RDF, URIRef
    declared = {str(f) for f in g.subjects(RDF.type, ekg("Frame"))}
    out = {}
    for prop in sorted(properties):
        frames = sorted(str(o) for o in g.objects(URIRef(prop), ekg("frame")))
        if not frames:
            raise OntologyError(f"relation {prop} has triggers but no ekg:frame")
        if frames[0] not in declared:
            raise OntologyError(f"relation {prop} declares the unknown frame {frames[0]} (not an ekg:Frame)")
        out[prop] = frames[0].rsplit("#", 1)[-1]
    return out


def grammar(g, ekg) -> Grammar:
    """The word lists of grammar.ttl (any ontology file may add to them)."""
    words = lambda node: frozenset(normalize(str(o)) for o in g.objects(ekg(node), ekg("grammarWord")))  # noqa: E731
    months = {normalize(str(w)): int(n) for s, n in g.subject_objects(ekg("monthNumber"))
              for w in g.objects(s, ekg("grammarWord"))}
    seasons = {normalize(str(w)): str(n) for s, n in g.subject_objects(ekg("seasonName"))
               for w in g.objects(s, ekg("grammarWord"))}
    pronouns = {normalize(str(w)): str(n) for s, n in g.subject_objects(ekg("gender"))
                for w in g.objects(s, ekg("grammarWord"))}
    compounds = {normalize(str(w)): str(n) for s, n in g.subject_objects(ekg("compoundPart"))
                 for w in g.objects(s, ekg("grammarWord"))}
    marks = tuple(sorted((str(o), str(c)) for s, o in g.subject_objects(ekg("openingMark"))
                         for c in g.objects(s, ekg("closingMark"))))
    return Grammar(place_preps=words("PlacePrepositions"), surface_preps=words("SurfacePrepositions"),
                   circumstance_nouns=words("CircumstanceNouns"), commemoration_nouns=words("CommemorationNouns"),
                   stage_nouns=words("StageNouns"),
                   origin_preps=words("OriginPrepositions"), source_preps=words("SourcePrepositions"),
                   party_preps=words("PartyPrepositions"), possessor_preps=words("PossessorPrepositions"),
                   preposition_nouns=words("PrepositionNouns"), reason_nouns=words("ReasonPrepositionNouns"),
                   capital_nouns=words("CapitalNouns"), petition_nouns=words("PetitionNouns"), state_nouns=words("StateNouns"),
                   building_nouns=words("BuildingNouns"), place_part_nouns=words("PlacePartNouns"),
                   relative_place_adverbs=words("RelativePlaceAdverbs"),
                   office_nouns=words("OfficeNouns"), relative_pronouns=words("RelativePronouns"),
                   demonstrative_pronouns=words("DemonstrativePronouns"),
                   topic_preps=words("TopicPrepositions"), topic_nouns=words("TopicNouns"),
                   time_words=words("TimeWords") | frozenset(months) | frozenset(seasons),
                   negations=words("Negations"), months=months, seasons=seasons, pronouns=pronouns,
                   quote_marks=marks, source_nouns=words("SourceNouns"),
                   publication_nouns=words("PublicationNouns"),
                   relay_verbs=words("RelayVerbs"), condition_words=words("ConditionWords"),
                   manner_phrases=words("MannerPhrases"),
                   hearsay_words=words("HearsayWords"),
                   press_nouns=words("PressNouns"), then_words=words("ThenWords"),
                   when_words=words("WhenWords"), title_prefixes=words("TitlePrefixes"),
                   post_nouns=words("PostNouns"), work_verbs=words("WorkVerbs"), former_words=words("FormerHolderWords"),
                   state_post_nouns=words("StatePostNouns"), state_title_nouns=words("StateTitleNouns"),
                   honorary_words=words("HonoraryWords"), affiliation_preps=words("AffiliationPrepositions"), team_verbs=words("TeamVerbs"),
                   team_preps=words("TeamPrepositions"), at_the_head_nouns=words("AtTheHeadNouns"),
                   acting_words=words("ActingHolderWords"), candidate_words=words("CandidateWords"),
                   label_verbs=words("LabelVerbs"), penalty_preps=words("PenaltyPrepositions"),
                   legal_forms=words("LegalForms"), name_function_words=words("NameFunctionWords"),
                   compound_parts=compounds, place_kind_nouns=words("PlaceKindNouns"),
                   quantity_nouns=words("QuantityNouns"), count_nouns=words("CountNouns"),
                   share_nouns=words("ShareNouns"), market_words=words("MarketWords"),
                   anaphor_nouns=words("EventAnaphorNouns"),
                   stance_verbs=words("StanceVerbs"), undergoer_verbs=words("UndergoerVerbs"),
                   weapon_nouns=words("WeaponNouns"), attacker_nouns=words("AttackerNouns"),
                   projectile_nouns=words("ProjectileNouns"),
                   interview_nouns=words("InterviewNouns"))
