"""The project's vocabulary as plain strings, importable without rdflib: the one place that states its IRIs.

- the namespaces and prefixes of the graph (`PREFIXES`), the ontology's own graph IRI;
- `EKG`: the terms of `ontology/core.ttl` (one annotated line each, as rdflib's `DefinedNamespace` modules
  and natasha's `const.py`), closed: `EKG.Attackk` or `term("Attackk")` raises instead of minting an IRI.
  `ontology.vocab.EKG` (rdflib, for kg/) is made from the same list; tests/test_ontology.py checks the
  list against the Turtle;
- `Category`: the coarse kinds of classes that extraction rules and the view group by, with the top class
  that decides each (`category_of`).
"""
from __future__ import annotations

from enum import StrEnum
from typing import Iterable

ONTOLOGY_GRAPH = "https://w3id.org/energy-kg/ont"
EKG_NS = ONTOLOGY_GRAPH + "#"
EKGR_NS = "https://w3id.org/energy-kg/id/"
SEM_NS = "http://semanticweb.cs.vu.nl/2009/11/sem/"
SCHEMA_NS = "https://schema.org/"
NIF_NS = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
ITSRDF_NS = "http://www.w3.org/2005/11/its/rdf#"
WD_NS = "http://www.wikidata.org/entity/"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
GEO_NS = "http://www.w3.org/2003/01/geo/wgs84_pos#"

# Prefixes offered to every SPARQL query and used when serialising.
PREFIXES = {
    "ekg": EKG_NS,
    "ekgr": EKGR_NS,
    "sem": SEM_NS,
    "schema": SCHEMA_NS,
    "prov": "http://www.w3.org/ns/prov#",
    "nif": NIF_NS,
    "itsrdf": ITSRDF_NS,
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "wd": WD_NS,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": XSD_NS,
    "geo": GEO_NS,
    "dcterms": "http://purl.org/dc/terms/",
}


class _Closed(type):
    """A namespace whose attributes are its annotated names only: anything else is a typo."""

    def __getattr__(cls, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        if name in cls.__annotations__:
            return cls._NS + name
        raise AttributeError(f"{name!r} is not a term of {cls._NS} (declared in ontology/core.ttl, "
                             f"listed in ontology/terms.py)")

    def __getitem__(cls, name: str) -> str:
        return getattr(cls, name)

    def __contains__(cls, name: str) -> bool:
        return name in cls.__annotations__

    def __iter__(cls):
        return (cls._NS + n for n in cls.__annotations__)


class EKG(metaclass=_Closed):
    """Terms of https://w3id.org/energy-kg/ont# (ontology/core.ttl)."""

    _NS = EKG_NS

    # Actors
    Actor: str                         # person, organisation or state (sem:Actor)
    Person: str                        # a named human
    Position: str                      # a post whose holder the document does not name
    Organization: str                  # any organised body
    Company: str                       # commercial enterprise
    Consortium: str                    # joint venture, e.g. CPC
    GovernmentBody: str                # ministry, agency, government
    ArmedForces: str                   # military of a state
    MediaOutlet: str                   # news agency, newspaper, broadcaster
    InternationalOrganization: str     # EU, NATO, OPEC ...
    PoliticalParty: str                # party, faction
    Court: str                         # court of law, tribunal
    SportsTeam: str                    # national or club team
    State: str                         # sovereign country: actor and place
    # Places
    Place: str                         # geographic location
    City: str                          # city or town
    Region: str                        # province, district, part of the world
    WaterBody: str                     # sea, gulf, river, lake
    # Assets
    Asset: str                         # physical thing of economic value
    Infrastructure: str                # fixed energy installation
    Pipeline: str                      # oil / gas / product pipeline
    Terminal: str                      # loading terminal
    Port: str                          # sea or river port
    Refinery: str                      # oil refinery
    PumpingStation: str                # pumping / compressor station
    StorageFacility: str               # depot, tank farm, gas storage
    PowerPlant: str                    # power plant
    Facility: str                      # installation of unspecified kind
    OilField: str                      # oil or gas field
    Vessel: str                        # ship
    Tanker: str                        # oil / LNG tanker
    # Events (the taxonomy: ontology/README.md)
    Event: str                         # sem:Event, schema:Event
    OtherEvent: str                    # an event no other class fits
    ConflictEvent: str                 # use or show of force
    Attack: str                        # use of force (CAMEO 190/195)
    Airstrike: str                     # CAMEO 195
    DroneAttack: str                   # CAMEO 195
    Shelling: str                      # CAMEO 194
    Killing: str                       # an attack that kills (also a Death)
    Interception: str                  # air defence shooting down
    Seizure: str                       # capture, confiscation (CAMEO 171)
    Detention: str                     # detaining a person or vessel (CAMEO 173)
    Blockade: str                      # CAMEO 191
    ArmedConflict: str                 # war as an ongoing situation
    Explosion: str                     # an explosion, whatever its cause
    Accident: str                      # accident or the harm of an event
    Fire: str                          # fire
    Leak: str                          # leak or spill
    Outage: str                        # power / gas supply interruption
    Damage: str                        # damage to an asset
    Casualties: str                    # people injured
    Death: str                         # death of a person
    Statement: str                     # public statement (CAMEO 010)
    Warning: str                       # warning of consequences
    Threat: str                        # CAMEO 130
    Accusation: str                    # CAMEO 112
    Denial: str                        # CAMEO 016
    Appeal: str                        # call on someone (CAMEO 020)
    Demand: str                        # CAMEO 100
    DiplomaticEvent: str               # interaction short of force
    Consultation: str                  # contacts, consultations (CAMEO 040)
    PhoneCall: str                     # CAMEO 041
    Meeting: str                       # meeting (CAMEO 042-044)
    Visit: str                         # CAMEO 042/043
    Negotiation: str                   # CAMEO 046
    Invitation: str                    # inviting / summoning
    Agreement: str                     # agreement, treaty (CAMEO 057)
    Contract: str                      # commercial contract
    Sanction: str                      # sanctions, embargo (CAMEO 163)
    Expulsion: str                     # CAMEO 174
    PersonnelChange: str               # taking or leaving a post
    Appointment: str                   # appointment, taking office
    Resignation: str                   # resignation
    Dismissal: str                     # dismissal
    Election: str                      # election, referendum
    Vote: str                          # a ballot of voters or of a body
    Travel: str                        # arriving, leaving, returning, fleeing
    Award: str                         # a prize, an order, a title
    LegalEvent: str                    # law enforcement and justice
    Investigation: str                 # CAMEO 090/091
    Charge: str                        # CAMEO 173
    Arrest: str                        # CAMEO 173 (also a Detention)
    Trial: str                         # trial, hearing
    Sentence: str                      # verdict, sentence (CAMEO 116)
    EconomicEvent: str                 # supplies, prices, assets' work
    Supply: str                        # supplies
    Export: str                        # exports
    Halt: str                          # stopping supplies or operation
    Resumption: str                    # resuming them
    PriceChange: str                   # price rise or fall
    Construction: str                  # building an asset
    Commissioning: str                 # putting an asset into operation
    Repair: str                        # repairing an asset
    SocialUnrest: str                  # CAMEO 140
    Protest: str                       # CAMEO 141
    LabourStrike: str                  # CAMEO 143
    Riot: str                          # CAMEO 145
    # Provenance and support
    Mention: str                       # entity mention span (nif:Phrase)
    EntityMerge: str                   # one node merged into another across documents (kg.link)
    MergedEvent: str                   # one real event reported by several documents (kg.event_link)
    EventMerge: str                    # why two reports were joined into a merged event
    RelationAssertion: str             # reified relation with evidence
    DatePrecision: str                 # class of the precision individuals
    DayPrecision: str                  # date known to the day
    MonthPrecision: str                # ... to the month
    SeasonPrecision: str               # ... to the season
    YearPrecision: str                 # ... to the year
    DecadePrecision: str               # ... to the decade
    WeekPrecision: str                 # ... to the week
    Modality: str                      # class of the modality individuals
    Asserted: str                      # the event happened as reported
    Negated: str                       # the text says it did not
    Contested: str                     # someone denies it
    Threatened: str                    # someone threatens it
    Hypothetical: str                  # possible or conditional
    Planned: str                       # planned, intended, future
    # Event roles and event metadata
    agent: str                         # who acts
    target: str                        # what / who is affected
    addressee: str                     # to whom it is directed
    instrument: str                    # means used
    topic: str                         # what it is about (entity or event)
    reportedBy: str                    # outlet / source credited
    trigger: str                       # event -> trigger span
    sourceDocument: str                # -> schema:NewsArticle
    datePrecision: str                 # -> DatePrecision individual
    dateSpan: str                      # -> nif:Phrase of the date as written
    descriptor: str                    # mention -> nif:Phrase of the noun before its name (штате, компании)
    modality: str                      # -> Modality individual
    # Relations between entities
    holdsPositionIn: str               # person -> organisation / state
    positionIn: str                    # position -> organisation / state
    holdsPosition: str                 # person -> the position (ekg:Position) a title names
    memberOf: str                      # actor -> organisation
    hasMember: str                     # inverse of memberOf
    operates: str                      # actor -> asset
    owns: str                          # actor -> asset
    locatedIn: str                     # asset / place -> place
    connects: str                      # pipeline -> end point
    capital: str                       # state -> city
    mergedNode: str                    # EntityMerge -> the node merged (gone from the documents' graphs)
    mergedInto: str                    # EntityMerge -> the node it now is
    hasReport: str                     # MergedEvent -> a document's event reporting it
    mainReport: str                    # MergedEvent -> the report that stands for it
    joinsReport: str                   # EventMerge -> one of the two reports joined
    mergedEvent: str                   # EventMerge -> the MergedEvent
    # Datatype properties
    confidence: str                    # 0..1
    rule: str                          # extraction mechanism name
    quote: str                         # quoted words of a Statement
    dateValue: str                     # normalised date at its precision
    dateText: str                      # date as written
    dateQualifier: str                 # "since", "before" ...
    dateSource: str                    # "text" | "report date"
    modalityCue: str                   # the word that gave a non-asserted modality
    qualifier: str                     # qualifier of a relation assertion
    positionStatus: str                # "former" | "acting" | "candidate" on a position assertion
    lengthKm: str                      # length in km
    sourcePath: str                    # file path of a document
    contentHash: str                   # sha256 of the file
    extractedWith: str                 # extractor version and ontology digest
    version: str                       # extractor version
    # Annotation properties (mappings, lexicon)
    oncePerParticipant: str            # an event class that happens to a participant once (merging)
    cameoCode: str                     # CAMEO event code of an event class
    acledEventType: str                # ACLED event type
    acledSubEventType: str             # ACLED sub-event type
    noun: str                          # Russian noun lemma naming a class
    pluralNoun: str                    # ... naming one instance in the plural (власти)
    soleNoun: str                      # ... naming the one body of its kind a state has (правительство)
    triggerLemma: str                  # Russian lemma signalling an event / relation
    contextTriggerLemma: str           # ... an event only where the trigger model confirms it (убийство)
    quoteVerb: str                     # speech verb lemma (Statement)
    classLemma: str                    # lemma naming the class of a model-only trigger, no trigger alone
    conditionalLemma: str              # lemma whose infinitive under a condition is of the class (Threat)
    personObjectLemma: str             # lemma of a verb whose object of people makes the class (Casualties)
    quantityTriggerLemma: str          # verb of change, an event only on an economic quantity (вырасти)
    objectRole: str                    # role of the trigger's direct object, on an event class
    subjectRole: str                   # role of an intransitive trigger's or light verb's subject, on a class or frame
    genitiveRole: str                  # role of a noun trigger's genitive holder, on a class or frame
    participantRole: str               # role of the subject of the verb a noun trigger is the oblique of
    dativeRole: str                    # role of the trigger's indirect object (default addressee)
    partyRole: str                     # role of whoever takes part where the sides act alike (meeting, clash)
    genitivePlace: str                 # on an event class: a noun trigger's genitive place is where it is held
    adjectivePlace: str                # on an event class: a state adjective on a noun trigger is where it happens
    directionPlace: str                # on an event class: an organisation it takes someone to is where it happens
    imposedAs: str                     # on an event class: the class its bare noun names when the story imposes it
    Frame: str                         # how the syntax fills an event's or relation's roles
    frame: str                         # the frame of an event class (inherited) or a relation property
    targetPreposition: str             # on a frame: a preposition introducing the target
    carriesAgent: str                  # on a frame: an agentless event takes the latest agent
    adjective: str                     # relational adjective of a known entity
    stateCode: str                     # ISO 3166-1 code of a state that is no known entity (states.ttl)
    governorLemma: str                 # on a Modality: lemma governing a trigger's clause
    modifierWord: str                  # on a Modality: word depending on a trigger's clause
    futureAuxiliary: str               # on Planned: future auxiliary form
    modalityRank: str                  # on a Modality: the lowest wins when cues meet
    timePreposition: str               # on Asserted: a preposition making a noun event its verb's time


def local(iri: str) -> str:
    """The local name of an ontology IRI: ekg:Tanker -> Tanker, sem:hasPlace -> hasPlace ("" for none)."""
    return iri.replace("#", "/").rsplit("/", 1)[-1] if iri else ""


def term(name: str) -> str:
    """The IRI of an ontology term by its local name; a name core.ttl does not declare raises AttributeError."""
    return EKG[name]


class GEO(metaclass=_Closed):
    """Terms of the W3C WGS84 Geo Positioning vocabulary (https://www.w3.org/2003/01/geo/) the graph uses:
    a place's point, from the gazetteers of `kg.geo` (declared for the view's labels in ontology/core.ttl)."""

    _NS = GEO_NS

    lat: str                           # latitude, WGS84 decimal degrees
    long: str                          # longitude, WGS84 decimal degrees


class Category(StrEnum):
    """The coarse kind of a class. A StrEnum: it compares, hashes and prints as its value ("person")."""

    EVENT = "event"
    STATE = "state"
    PERSON = "person"
    ORGANIZATION = "organization"
    ACTOR = "actor"            # an ekg:Actor of no narrower kind
    ASSET = "asset"
    PLACE = "place"
    OTHER = "other"

    @property
    def group(self) -> "Category":
        """The view's grouping: states, people and organisations are all actors."""
        return Category.ACTOR if self in _ACTORS else self


_ACTORS = {Category.STATE, Category.PERSON, Category.ORGANIZATION, Category.ACTOR}
# The top classes that decide a class's category, checked in this order: ekg:State is an Actor and a
# Place and counts as a state; ekg:Asset is a sem:Actor but not an ekg:Actor.
CATEGORY_TOPS = ((Category.EVENT, EKG.Event), (Category.EVENT, SEM_NS + "Event"), (Category.STATE, EKG.State),
                 (Category.PERSON, EKG.Person), (Category.ORGANIZATION, EKG.Organization),
                 (Category.ACTOR, EKG.Actor), (Category.ASSET, EKG.Asset), (Category.PLACE, EKG.Place))


def category_of(classes: Iterable[str]) -> Category:
    """The category of a class given the class and all its superclasses."""
    closure = set(classes)
    return next((cat for cat, top in CATEGORY_TOPS if top in closure), Category.OTHER)
