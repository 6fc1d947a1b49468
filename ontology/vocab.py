"""RDF vocabulary of the project for the graph side (kg/); extraction never imports this.

`EKG` is a closed DefinedNamespace: a misspelt term raises at import time instead of
silently minting a new IRI. tests/test_ontology.py keeps it in sync with core.ttl.
"""
from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

EKGR = Namespace("https://w3id.org/energy-kg/id/")          # resources: entity/, doc/, extractor/
ENTITY = Namespace("https://w3id.org/energy-kg/id/entity/")  # known and extracted entities
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
SCHEMA = Namespace("https://schema.org/")                    # same IRI as rdflib's SDO
WD = Namespace("http://www.wikidata.org/entity/")

__all__ = ["EKG", "EKGR", "ENTITY", "SEM", "NIF", "ITSRDF", "SCHEMA", "WD"]


class EKG(DefinedNamespace):
    """Terms of https://w3id.org/energy-kg/ont# (ontology/core.ttl)."""

    _fail = True
    _NS = Namespace("https://w3id.org/energy-kg/ont#")

    # Actors
    Actor: URIRef                      # person, organisation or state (sem:Actor)
    Person: URIRef                     # a named human
    Organization: URIRef               # any organised body
    Company: URIRef                    # commercial enterprise
    Consortium: URIRef                 # joint venture, e.g. CPC
    GovernmentBody: URIRef             # ministry, agency, government
    ArmedForces: URIRef                # military of a state
    MediaOutlet: URIRef                # news agency, newspaper, broadcaster
    InternationalOrganization: URIRef  # EU, NATO, OPEC ...
    PoliticalParty: URIRef             # party, faction
    Court: URIRef                      # court of law, tribunal
    SportsTeam: URIRef                 # national or club team
    State: URIRef                      # sovereign country: actor and place
    # Places
    Place: URIRef                      # geographic location
    City: URIRef                       # city or town
    Region: URIRef                     # province, district, part of the world
    WaterBody: URIRef                  # sea, gulf, river, lake
    # Assets
    Asset: URIRef                      # physical thing of economic value
    Infrastructure: URIRef             # fixed energy installation
    Pipeline: URIRef                   # oil / gas / product pipeline
    Terminal: URIRef                   # loading terminal
    Port: URIRef                       # sea or river port
    Refinery: URIRef                   # oil refinery
    PumpingStation: URIRef             # pumping / compressor station
    StorageFacility: URIRef            # depot, tank farm, gas storage
    PowerPlant: URIRef                 # power plant
    Facility: URIRef                   # installation of unspecified kind
    OilField: URIRef                   # oil or gas field
    Vessel: URIRef                     # ship
    Tanker: URIRef                     # oil / LNG tanker
    # Events
    Event: URIRef                      # sem:Event, schema:Event
    Attack: URIRef                     # use of force (CAMEO 190/195)
    Damage: URIRef                     # damage to an asset
    Seizure: URIRef                    # capture, detention, arrest
    ArmedConflict: URIRef              # war as an ongoing situation
    Negotiation: URIRef                # CAMEO 046
    Meeting: URIRef                    # meeting or visit
    Invitation: URIRef                 # inviting / summoning
    Consultation: URIRef               # contacts, consultations (CAMEO 040)
    Statement: URIRef                  # public statement (CAMEO 010)
    Warning: URIRef                    # warning of consequences
    Appeal: URIRef                     # call on someone (CAMEO 020)
    Sanction: URIRef                   # sanctions, embargo (CAMEO 163)
    Agreement: URIRef                  # agreement, treaty (CAMEO 057)
    # Provenance and support
    Mention: URIRef                    # entity mention span (nif:Phrase)
    RelationAssertion: URIRef          # reified relation with evidence
    DatePrecision: URIRef              # class of the precision individuals
    DayPrecision: URIRef               # date known to the day
    WeekPrecision: URIRef              # ... to the week
    MonthPrecision: URIRef             # ... to the month
    SeasonPrecision: URIRef            # ... to the season
    YearPrecision: URIRef              # ... to the year
    DecadePrecision: URIRef            # ... to the decade
    # Event roles and event metadata
    agent: URIRef                      # who acts
    target: URIRef                     # what / who is affected
    addressee: URIRef                  # to whom it is directed
    instrument: URIRef                 # means used
    topic: URIRef                      # what it is about (entity or event)
    reportedBy: URIRef                 # outlet / source credited
    trigger: URIRef                    # event -> trigger span
    sourceDocument: URIRef             # -> schema:NewsArticle
    datePrecision: URIRef              # -> DatePrecision individual
    dateSpan: URIRef                   # -> nif:Phrase of the date as written
    # Relations between entities
    holdsPositionIn: URIRef            # person -> organisation / state
    memberOf: URIRef                   # actor -> organisation
    hasMember: URIRef                  # inverse of memberOf
    operates: URIRef                   # actor -> asset
    owns: URIRef                       # actor -> asset
    locatedIn: URIRef                  # asset / place -> place
    connects: URIRef                   # pipeline -> end point
    capital: URIRef                    # state -> city
    # Datatype properties
    confidence: URIRef                 # 0..1
    rule: URIRef                       # extraction mechanism name
    quote: URIRef                      # quoted words of a Statement
    dateValue: URIRef                  # normalised date at its precision
    dateText: URIRef                   # date as written
    dateQualifier: URIRef              # "since", "before" ...
    dateSource: URIRef                 # "text" | "report date"
    qualifier: URIRef                  # qualifier of a relation assertion
    lengthKm: URIRef                   # length in km
    sourcePath: URIRef                 # file path of a document
    contentHash: URIRef                # sha256 of the file
    extractedWith: URIRef              # extractor version and ontology digest
    version: URIRef                    # extractor version
    # Annotation properties (mappings, lexicon)
    cameoCode: URIRef                  # CAMEO event code of an event class
    acledEventType: URIRef             # ACLED event type
    acledSubEventType: URIRef          # ACLED sub-event type
    noun: URIRef                       # Russian noun lemma naming a class
    pluralNoun: URIRef                 # ... naming one instance in the plural (власти)
    triggerLemma: URIRef               # Russian lemma signalling an event / relation
    quoteVerb: URIRef                  # speech verb lemma (Statement)
    objectRole: URIRef                 # role of the trigger's direct object, on an event class
    subjectRole: URIRef                # role of a light verb's subject, on an event class
    adjective: URIRef                  # relational adjective of a known entity
