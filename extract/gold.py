"""Gold annotations for measuring extraction: factRuEval-2016 and brat standoff, read into one shape.

Gold classes are PER, ORG and LOC. factRuEval's types map as Person → PER, Org → ORG,
Location and LocOrg → LOC (a state or city acting as an organisation is still a place name);
brat's entity types map by `BRAT_TYPES` (case-insensitive); NEREL's PERSON → PER, ORGANIZATION → ORG,
COUNTRY / CITY / STATE_OR_PROVINCE / LOCATION / DISTRICT → LOC.

A brat document also keeps every text-bound annotation as written (`annotations`: its type and its
parts, several for a discontinuous span), its relations (`R` lines) and its Wikidata links (`N` lines),
which NEREL's measures use (extract/evaluate_nerel.py).

brat files may also hold assets and events, named after the ontology (`read_brat`):
- a text-bound type that is the local name of an asset class of the ontology (`Tanker`, `Refinery`,
  `PumpingStation`, ...; exact case) is a `GoldAsset` with that class's IRI (`ekg:Tanker`);
- an event (`E1<TAB>Attack:T3 Agent:T1 Target:T4`) is a `GoldEvent`: its trigger's span and the event
  class named by the trigger's type (`Attack` → `ekg:Attack`; it must be an event class of the
  ontology), with roles named after the ontology's role properties (`ROLES`; a trailing number, as
  in brat's `Agent2`, is dropped). A role's filler is a text-bound annotation (its span) or another
  event (its trigger's span).
- an event's own date is its `Time` role: a text-bound `Date` span (the date as written) whose brat
  note (`#1<TAB>AnnotatorNotes T9<TAB>2011-04-07`) gives the normalised value (`DATE_VALUE`): `YYYY-MM-DD`,
  `YYYY-MM` or `YYYY`, or `--MM-DD` / `--MM` when the article never says the year. An event without
  one has no date.
Other text-bound types (e.g. `Weapon`, `Phrase` for fillers that name no entity) are not scored as
mentions; they only give role fillers their spans.
A factRuEval mention spans from its first span's start to its last span's end, so
"мэрии Москвы" (org_descr + loc_name) is one ORG mention and "Москвы" another, LOC.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ontology.terms import EKG, SEM_NS

FACTRU_TYPES = {"Person": "PER", "Org": "ORG", "Location": "LOC", "LocOrg": "LOC"}
BRAT_TYPES = {"per": "PER", "person": "PER", "org": "ORG", "organization": "ORG", "organisation": "ORG",
              "loc": "LOC", "location": "LOC", "gpe": "LOC", "locorg": "LOC", "geo": "LOC",
              "country": "LOC", "city": "LOC", "state_or_province": "LOC", "district": "LOC"}
CLASSES = ("PER", "ORG", "LOC")
ROLES = {"Agent": EKG.agent, "Target": EKG.target, "Addressee": EKG.addressee,
         "Instrument": EKG.instrument, "Topic": EKG.topic, "ReportedBy": EKG.reportedBy,
         "Place": SEM_NS + "hasPlace"}
DATE_VALUE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?|--\d{2}(-\d{2})?")


@dataclass(frozen=True)
class GoldMention:
    start: int
    end: int
    cls: str          # PER | ORG | LOC
    entity: str = ""  # the gold entity: its coreference group, or its own object id when it is alone


@dataclass(frozen=True)
class GoldOccupation:
    """factRuEval's Occupation fact: a person holds a position, in an organisation or place.

    Each argument is the spans of its mentions: an entity (`objN` is a coreference group) has several.
    """
    who: tuple[tuple[int, int], ...]
    position: tuple[tuple[int, int], ...] | None
    where: tuple[tuple[int, int], ...] | None


@dataclass(frozen=True)
class GoldAsset:
    start: int
    end: int
    cls: str          # ontology asset class IRI


@dataclass(frozen=True)
class GoldRole:
    role: str         # role property IRI (ROLES)
    start: int        # the filler's span: a text-bound annotation or another event's trigger
    end: int


@dataclass(frozen=True)
class GoldEvent:
    start: int        # trigger span
    end: int
    cls: str          # ontology event class IRI
    roles: tuple[GoldRole, ...] = ()
    date: str | None = None                      # normalised (DATE_VALUE), from the `Time` role
    date_span: tuple[int, int] | None = None     # the date as written


@dataclass(frozen=True)
class GoldSpan:
    """A brat text-bound annotation as written: its type and its parts (a discontinuous span has several)."""
    type: str
    parts: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return max(b for _, b in self.parts)


@dataclass(frozen=True)
class GoldRelation:
    """A brat relation (`R` line): its type and its two arguments' annotation ids."""
    type: str
    arg1: str
    arg2: str


@dataclass
class GoldDocument:
    key: str
    path: str
    text: str
    mentions: list[GoldMention]
    occupations: list[GoldOccupation] = field(default_factory=list)
    assets: list[GoldAsset] = field(default_factory=list)
    events: list[GoldEvent] = field(default_factory=list)
    annotations: dict[str, GoldSpan] = field(default_factory=dict)   # brat T id -> its span
    relations: list[GoldRelation] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)              # brat T id -> Wikidata QID ("Q30") or "NULL"


class GoldError(Exception):
    """A gold file that cannot be read; str() names the file and the reason."""


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").lstrip("\ufeff")   # offsets count from after the BOM
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: {exc}") from None


def _lines(path: Path):
    if not path.exists():
        return
    for n, line in enumerate(_read_text(path).splitlines(), 1):
        if line.strip():
            yield n, line


def read_factru(txt: Path) -> GoldDocument:
    """One factRuEval document: book_N.txt with its .spans, .objects, .coref and .facts."""
    base = txt.with_suffix("")
    text = _read_text(txt)
    spans: dict[str, tuple[int, int]] = {}
    for n, line in _lines(base.with_suffix(".spans")):
        try:
            sid, _, start, length = line.split()[:4]
            spans[sid] = (int(start), int(start) + int(length))
        except ValueError:
            raise GoldError(f"{base}.spans:{n}: expected 'id type start length ...'") from None
    objects: dict[str, tuple[int, int, str]] = {}
    for n, line in _lines(base.with_suffix(".objects")):
        head = line.split("#", 1)[0].split()
        try:
            oid, otype, *ids = head
            parts = [spans[i] for i in ids]
        except (ValueError, KeyError):
            raise GoldError(f"{base}.objects:{n}: an object needs an id, a type and known span ids") from None
        if otype in FACTRU_TYPES and parts:
            objects[oid] = (min(p[0] for p in parts), max(p[1] for p in parts), FACTRU_TYPES[otype])
    group = {}
    for block in _read_text(base.with_suffix(".coref")).split("\n\n") if base.with_suffix(".coref").exists() else []:
        ids = block.strip().splitlines()[0].split() if block.strip() else []
        for oid in ids[1:]:
            group[oid] = ids[0]
    mentions = sorted({GoldMention(s, e, c, group.get(oid, f"obj{oid}")) for oid, (s, e, c) in objects.items()},
                      key=lambda m: (m.start, m.end, m.cls))
    members: dict[str, list[tuple[int, int]]] = {}
    for oid, (start, end, _) in objects.items():
        members.setdefault(group.get(oid, f"obj{oid}"), []).append((start, end))
    return GoldDocument(base.name, str(txt), text, mentions, _factru_occupations(base, spans, members))


def _factru_occupations(base: Path, spans, members) -> list[GoldOccupation]:
    """Occupation facts; an argument is objN (the entity N of the .coref file) or spanN (a span).

    An argument naming an entity with no mention in this document counts as not given.
    """
    def where(ref: str):
        if ref.startswith("obj") and ref[3:] in members:
            return tuple(sorted(members[ref[3:]]))
        if ref.startswith("span") and ref[4:] in spans:
            return (spans[ref[4:]],)
        return None

    facts, current = [], None
    for _, line in _lines(base.with_suffix(".facts")):
        parts = line.split()
        if len(parts) == 2 and parts[1][:1].isupper() and "-" in parts[0]:
            current = {"type": parts[1]}
            facts.append(current)
        elif current is not None and len(parts) >= 2:
            current.setdefault(parts[0], where(parts[1]))
    return [GoldOccupation(f["Who"], f.get("Position"), f.get("Where") or f.get("Org"))
            for f in facts if f["type"] == "Occupation" and f.get("Who")]


def ontology_classes(ontology_dir=None) -> tuple[dict[str, str], dict[str, str]]:
    """{local name: IRI} of the ontology's asset classes and of its event classes."""
    from ontology.lexicon import load_lexicon
    lexicon = load_lexicon(ontology_dir)
    by_kind: dict[str, dict[str, str]] = {"asset": {}, "event": {}}
    for iri, info in lexicon.classes.items():
        kind = lexicon.category(iri)
        if kind in by_kind:
            by_kind[kind][info.local_name] = iri
    return by_kind["asset"], by_kind["event"]


def _brat_lines(ann: Path):
    """T lines as {id: GoldSpan}, E lines as (line, id, rest), R lines as GoldRelation, N lines as {T id: QID},
    AnnotatorNotes (`#` lines) as {T id: note}.

    Other lines (attributes, a stray line of text) are not read."""
    spans, events, relations, links, notes = {}, [], [], {}, {}
    for n, line in _lines(ann):
        head, _, rest = line.partition("\t")
        if head.startswith("T"):
            try:
                kind, offsets = rest.split("\t", 1)[0].split(" ", 1)
                parts = tuple(tuple(int(x) for x in part.split()) for part in offsets.split(";"))
                if any(len(p) != 2 or p[0] > p[1] for p in parts):
                    raise ValueError
            except ValueError:
                raise GoldError(f"{ann}:{n}: expected 'Tn<TAB>TYPE START END<TAB>text'") from None
            spans[head] = GoldSpan(kind, tuple(sorted(parts)))
        elif head.startswith("E"):
            events.append((n, head, rest))
        elif head.startswith("R"):
            fields = rest.split("\t", 1)[0].split()
            args = dict(a.split(":", 1) for a in fields[1:] if ":" in a)
            if len(fields) != 3 or set(args) != {"Arg1", "Arg2"}:
                raise GoldError(f"{ann}:{n}: expected 'Rn<TAB>TYPE Arg1:ID Arg2:ID'")
            relations.append(GoldRelation(fields[0], args["Arg1"], args["Arg2"]))
        elif head.startswith("N"):
            fields = rest.split("\t", 1)[0].split()
            if len(fields) == 3 and fields[2].startswith("Wikidata:"):
                links[fields[1]] = fields[2].split(":", 1)[1]   # a QID, or NULL: no Wikidata item
        elif head.startswith("#"):
            fields = rest.split("\t")
            if len(fields) == 2 and fields[0].startswith("AnnotatorNotes "):
                notes[fields[0].split()[1]] = fields[1].strip()
    return spans, events, relations, links, notes


def _brat_events(ann: Path, spans, lines, event_classes, notes=None) -> list[GoldEvent]:
    """E lines: the trigger's span and type, roles by ROLES with their fillers' spans, the date by `Time`."""
    parsed = {}
    for n, eid, rest in lines:
        args = [a.split(":", 1) for a in rest.split()]
        if not args or any(len(a) != 2 for a in args) or args[0][1] not in spans:
            raise GoldError(f"{ann}:{n}: expected 'En<TAB>TYPE:Tn ROLE:ID ...' with a known trigger")
        parsed[eid] = (n, args)
    events = []
    for eid, (n, args) in parsed.items():
        trigger = spans[args[0][1]]
        kind, start, end = trigger.type, trigger.start, trigger.end
        if kind not in event_classes:
            raise GoldError(f"{ann}:{n}: {kind} is not an event class of the ontology")
        roles, date, date_span = [], None, None
        for name, ref in args[1:]:
            if name == "Time":
                date = (notes or {}).get(ref, "")
                if ref not in spans or date_span is not None or not DATE_VALUE.fullmatch(date):
                    raise GoldError(f"{ann}:{n}: Time:{ref} needs one Date span with a note holding its value "
                                    "(YYYY-MM-DD, YYYY-MM, YYYY, --MM-DD or --MM)")
                date_span = (spans[ref].start, spans[ref].end)
                continue
            role = ROLES.get(name.rstrip("0123456789"))
            filler = spans.get(ref) or (spans.get(parsed[ref][1][0][1]) if ref in parsed else None)
            if role is None or filler is None:
                raise GoldError(f"{ann}:{n}: unknown role {name!r} or filler {ref!r} (roles: {', '.join(ROLES)})")
            roles.append(GoldRole(role, filler.start, filler.end))
        events.append(GoldEvent(start, end, event_classes[kind], tuple(roles), date, date_span))
    return sorted(events, key=lambda e: (e.start, e.end, e.cls))


def read_brat(txt: Path, ontology_dir=None) -> GoldDocument:
    """One brat document: NAME.txt and NAME.ann; PER/ORG/LOC mentions, assets, events, relations, links.

    A discontinuous mention or asset spans from its first part's start to its last part's end."""
    text = _read_text(txt)
    ann = txt.with_suffix(".ann")
    spans, event_lines, relations, links, notes = _brat_lines(ann)
    asset_classes, event_classes = ontology_classes(ontology_dir)
    mentions = {GoldMention(a.start, a.end, BRAT_TYPES[a.type.lower()]) for a in spans.values()
                if a.type.lower() in BRAT_TYPES}
    assets = {GoldAsset(a.start, a.end, asset_classes[a.type]) for a in spans.values() if a.type in asset_classes}
    return GoldDocument(txt.stem, str(txt), text, sorted(mentions, key=lambda m: (m.start, m.end, m.cls)),
                        assets=sorted(assets, key=lambda a: (a.start, a.end, a.cls)),
                        events=_brat_events(ann, spans, event_lines, event_classes, notes),
                        annotations=spans, relations=relations, links=links)


def read_collection(folder: str | Path, ontology_dir=None) -> list[GoldDocument]:
    """Every document of a gold folder: factRuEval when .objects files are there, brat when .ann files are.

    brat asset and event types are looked up in the ontology of `ontology_dir` (default: the project's)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise GoldError(f"{folder}: not a folder")
    docs = []
    for txt in sorted(folder.glob("*.txt"), key=lambda p: p.name):
        if txt.with_suffix(".objects").exists():
            docs.append(read_factru(txt))
        elif txt.with_suffix(".ann").exists():
            docs.append(read_brat(txt, ontology_dir))
    if not docs:
        raise GoldError(f"{folder}: no annotated documents (NAME.txt with NAME.objects or NAME.ann)")
    return docs
