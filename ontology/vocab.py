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
    # Events (the taxonomy: ontology/README.md)
    Event: URIRef                      # sem:Event, schema:Event
    OtherEvent: URIRef                 # an event no other class fits
    ConflictEvent: URIRef              # use or show of force
    Attack: URIRef                     # use of force (CAMEO 190/195)
    Airstrike: URIRef                  # CAMEO 195
    DroneAttack: URIRef                # CAMEO 195
    Shelling: URIRef                   # CAMEO 194
    Killing: URIRef                    # an attack that kills (also a Death)
    Interception: URIRef               # air defence shooting down
    Seizure: URIRef                    # capture, confiscation (CAMEO 171)
    Detention: URIRef                  # detaining a person or vessel (CAMEO 173)
    Blockade: URIRef                   # CAMEO 191
    ArmedConflict: URIRef              # war as an ongoing situation
    Explosion: URIRef                  # an explosion, whatever its cause
    Accident: URIRef                   # accident or the harm of an event
    Fire: URIRef                       # fire
    Leak: URIRef                       # leak or spill
    Outage: URIRef                     # power / gas supply interruption
    Damage: URIRef                     # damage to an asset
    Casualties: URIRef                 # people injured
    Death: URIRef                      # death of a person
    Statement: URIRef                  # public statement (CAMEO 010)
    Warning: URIRef                    # warning of consequences
    Threat: URIRef                     # CAMEO 130
    Accusation: URIRef                 # CAMEO 112
    Denial: URIRef                     # CAMEO 016
    Appeal: URIRef                     # call on someone (CAMEO 020)
    Demand: URIRef                     # CAMEO 100
    DiplomaticEvent: URIRef            # interaction short of force
    Consultation: URIRef               # contacts, consultations (CAMEO 040)
    PhoneCall: URIRef                  # CAMEO 041
    Meeting: URIRef                    # meeting (CAMEO 042-044)
    Visit: URIRef                      # CAMEO 042/043
    Negotiation: URIRef                # CAMEO 046
    Invitation: URIRef                 # inviting / summoning
    Agreement: URIRef                  # agreement, treaty (CAMEO 057)
    Contract: URIRef                   # commercial contract
    Sanction: URIRef                   # sanctions, embargo (CAMEO 163)
    Expulsion: URIRef                  # CAMEO 174
    PersonnelChange: URIRef            # taking or leaving a post
    Appointment: URIRef                # appointment, taking office
    Resignation: URIRef                # resignation
    Dismissal: URIRef                  # dismissal
    Election: URIRef                   # election, referendum
    LegalEvent: URIRef                 # law enforcement and justice
    Investigation: URIRef              # CAMEO 090/091
    Charge: URIRef                     # CAMEO 173
    Arrest: URIRef                     # CAMEO 173 (also a Detention)
    Trial: URIRef                      # trial, hearing
    Sentence: URIRef                   # verdict, sentence (CAMEO 116)
    EconomicEvent: URIRef              # supplies, prices, assets' work
    Supply: URIRef                     # supplies
    Export: URIRef                     # exports
    Halt: URIRef                       # stopping supplies or operation
    Resumption: URIRef                 # resuming them
    PriceChange: URIRef                # price rise or fall
    Construction: URIRef               # building an asset
    Commissioning: URIRef              # putting an asset into operation
    Repair: URIRef                     # repairing an asset
    SocialUnrest: URIRef               # CAMEO 140
    Protest: URIRef                    # CAMEO 141
    LabourStrike: URIRef               # CAMEO 143
    Riot: URIRef                       # CAMEO 145
    # Provenance and support
    Mention: URIRef                    # entity mention span (nif:Phrase)
    RelationAssertion: URIRef          # reified relation with evidence
    DatePrecision: URIRef              # class of the precision individuals
    DayPrecision: URIRef               # date known to the day
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
