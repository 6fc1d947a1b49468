"""Plain records that cross the boundary between extraction and the graph.

The spaCy pipeline produces a `Doc`; `extract.to_records` turns it into these
dataclasses. They hold no spaCy or RDF objects: they pickle, go through
`dataclasses.asdict` to JSON, and are all that `kg/` ever sees of extraction.

Offsets are character offsets into `Document.text`. Classes, event types,
roles and predicates are IRIs (strings) of the ontology.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Optional

OPENING_QUOTES = {"«", '"', "„", "“"}
CLOSING_QUOTES = {"»", '"', "“", "”"}


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass
class Descriptor:
    """The noun phrase that says what a named thing is ("штате", "компании", "автономной республики"),
    written before its name."""
    start: int
    end: int
    text: str


# `Mention.rule` of a state or region named by its adjective ("российских"): no name (extract/to_records.py)
ADJECTIVE_RULE = "state-adjective"
# ... of a state's one body named by its bare noun ("полиция", ekg:soleNoun): no name either (extract/mentions.py)
SOLE_NOUN_RULE = "org-noun"
UNNAMED_RULES = frozenset({ADJECTIVE_RULE, SOLE_NOUN_RULE})


@dataclass
class Mention:
    """One occurrence of an entity in the text: its span is the name ("Колорадо", "Арктикгаз" without
    its quotes); a descriptor before it ("в штате Колорадо", "компании «Арктикгаз»") is kept beside it."""
    start: int
    end: int
    text: str
    sentence: int
    entity: str            # Entity.key of the entity it refers to
    cls: str               # ontology class IRI
    confidence: float
    rule: str              # which mechanism produced it (e.g. "ner", "lexicon", "asset-pattern")
    descriptor: Optional[Descriptor] = None

    def phrase(self, text: str) -> tuple[int, int]:
        """(start, end) of descriptor and name together, with the name's closing quote: "компании «Арктикгаз»",
        as factRuEval marks a mention. Without a descriptor, the name's own span. `text`: the document's."""
        if self.descriptor is None:
            return self.start, self.end
        end = self.end + 1 if text[self.end:self.end + 1] in CLOSING_QUOTES and \
            text[self.start - 1:self.start] in OPENING_QUOTES else self.end
        return min(self.descriptor.start, self.start), end


@dataclass
class Entity:
    """One node: all mentions of the same thing in a document."""
    key: str               # stable slug, unique within the document and across documents for the same name
    #                        (a `local` entity's names its document)
    cls: str               # ontology class IRI
    label_ru: str          # canonical Russian label, nominative
    label_en: str          # lexicon's English label, else a romanisation
    alt_labels: list[str] = field(default_factory=list)   # surface forms, abbreviations
    iri: Optional[str] = None        # IRI from the lexicon when the entity is known there
    same_as: list[str] = field(default_factory=list)      # e.g. Wikidata IRIs from the lexicon
    confidence: float = 1.0
    romanised: bool = False          # label_en is label_ru romanised, not a name from the lexicon or a gazetteer
    # a node of its document only ("правительство" of rule org-noun): its key names the document, and no
    # other document's node joins it by name (kg/link.py, extract/evaluate_nerel.py)
    local: bool = False


@dataclass
class Relation:
    """A binary fact stated in the text: subject -predicate-> object entity or literal value."""
    subject: str           # Entity.key
    predicate: str         # property IRI
    object: Optional[str]  # Entity.key, or None when the object is a literal
    value: Optional[str] = None        # literal value (e.g. "1992", "1500")
    datatype: Optional[str] = None     # XSD datatype IRI of value
    qualifier: Optional[str] = None    # e.g. "more than", or a position title for holdsPositionIn
    sentence: int = 0
    start: int = 0         # evidence span in the text
    end: int = 0
    confidence: float = 1.0
    rule: str = ""
    status: Optional[str] = None       # a position's "former" | "acting" | "candidate"; None: held


@dataclass
class TimeValue:
    """A normalised date with its precision."""
    text: str              # as written ("осенью", "в январе 2026 года")
    precision: str         # "day" | "month" | "season" | "year" | "decade"
    # None for the three below when the year is unknown ("осенью" in an article without a date)
    value: Optional[str]   # "2026-01-22", "2026-01", "2025-autumn", "2025"
    begin: Optional[str]   # earliest day, ISO "YYYY-MM-DD"
    end: Optional[str]     # latest day, ISO "YYYY-MM-DD"
    qualifier: Optional[str] = None    # "since", "until", "early", "since early", "night before" ...
    char_start: Optional[int] = None   # the expression's offsets in the document's text
    char_end: Optional[int] = None
    source: Optional[str] = None       # "text": written in the text; "report date": the article's date


@dataclass
class Role:
    role: str              # role property IRI (agent, target, addressee, instrument, place, topic, ...)
    entity: Optional[str] = None   # Entity.key, or None with `event` or `value` set
    event: Optional[int] = None    # index of another Event (e.g. the topic of a negotiation)
    value: Optional[str] = None    # literal filler when no entity fits
    start: int = 0
    end: int = 0
    by_model: bool = False         # proposed by the argument or place model (extract/argument_model.py), not a rule


@dataclass
class TriggerMention:
    """Another place the document reports the same event (the headline's, the lead's, the body's word)."""
    start: int
    end: int
    sentence: int
    text: str
    time: Optional[TimeValue] = None    # the date this report gives (the event keeps the first one's)
    type: Optional[str] = None          # the class its own word names ("задержан" of an arrest: Detention); None: the event's


@dataclass
class Event:
    index: int             # position in Document.events
    type: str              # event class IRI
    trigger: str           # trigger text
    start: int             # trigger span
    end: int
    sentence: int
    roles: list[Role] = field(default_factory=list)
    time: Optional[TimeValue] = None
    quote: Optional[str] = None        # the quoted words of a Statement
    confidence: float = 1.0
    rule: str = ""
    modality: Optional[str] = None     # Modality IRI (ekg:Planned ...); None: asserted
    modality_cue: Optional[str] = None # the word that gave it ("планируют")
    mentions: list[TriggerMention] = field(default_factory=list)   # further triggers of this event
    trigger_type: Optional[str] = None  # the class its own trigger names, when a later mention's narrower one won

    def triggers(self) -> list[TriggerMention]:
        """Every trigger of the event, its own first."""
        return [TriggerMention(self.start, self.end, self.sentence, self.trigger, type=self.trigger_type),
                *self.mentions]


@dataclass
class Document:
    key: str               # file name slug and content hash (extract.reader.document_key): the IRI's last part
    path: str              # which file (extract.reader.source_id): relative to its git work tree, else absolute
    text: str              # what offsets refer to: title line, blank line, body
    title: str = ""
    date: Optional[str] = None         # ISO date of the article
    outlet: Optional[str] = None       # Entity.key of the outlet that reported it, if stated
    language: str = "ru"                # the front matter's, else Russian (the models read Russian)
    content_hash: str = ""             # sha256 of the raw file bytes
    extractor_version: str = ""
    ontology_digest: str = ""          # of the ontology files the pipeline read (ontology.ontology_digest)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)   # what the front matter states (reader.FRONT_MATTER_KEYS)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Document":
        data = dict(data)
        data["sentences"] = [Sentence(**s) for s in data.get("sentences", [])]
        data["mentions"] = [Mention(**{**m, "descriptor": Descriptor(**m["descriptor"]) if m.get("descriptor") else None})
                            for m in data.get("mentions", [])]
        data["entities"] = [Entity(**e) for e in data.get("entities", [])]
        data["relations"] = [Relation(**r) for r in data.get("relations", [])]
        events = []
        for e in data.get("events", []):
            e = dict(e)
            e["roles"] = [Role(**r) for r in e.get("roles", [])]
            e["time"] = TimeValue(**e["time"]) if e.get("time") else None
            e["mentions"] = [TriggerMention(**{**m, "time": TimeValue(**m["time"]) if m.get("time") else None})
                             for m in e.get("mentions", [])]
            events.append(Event(**e))
        data["events"] = events
        return cls(**data)
