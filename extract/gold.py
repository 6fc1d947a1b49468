"""Gold annotations for measuring extraction: factRuEval-2016 and brat standoff, read into one shape.

Gold classes are PER, ORG and LOC. factRuEval's types map as Person → PER, Org → ORG,
Location and LocOrg → LOC (a state or city acting as an organisation is still a place name);
brat's entity types map by `BRAT_TYPES` (case-insensitive), other types are ignored.
A factRuEval mention spans from its first span's start to its last span's end, so
"мэрии Москвы" (org_descr + loc_name) is one ORG mention and "Москвы" another, LOC.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

FACTRU_TYPES = {"Person": "PER", "Org": "ORG", "Location": "LOC", "LocOrg": "LOC"}
BRAT_TYPES = {"per": "PER", "person": "PER", "org": "ORG", "organization": "ORG", "organisation": "ORG",
              "loc": "LOC", "location": "LOC", "gpe": "LOC", "locorg": "LOC", "geo": "LOC"}
CLASSES = ("PER", "ORG", "LOC")


@dataclass(frozen=True)
class GoldMention:
    start: int
    end: int
    cls: str          # PER | ORG | LOC
    entity: str = ""  # the gold entity: its coreference group, or its own object id when it is alone


@dataclass(frozen=True)
class GoldOccupation:
    """factRuEval's Occupation fact: a person holds a position, in an organisation or place."""
    who: tuple[int, int]
    position: tuple[int, int] | None
    where: tuple[int, int] | None


@dataclass
class GoldDocument:
    key: str
    path: str
    text: str
    mentions: list[GoldMention]
    occupations: list[GoldOccupation] = field(default_factory=list)


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
    return GoldDocument(base.name, str(txt), text, mentions, _factru_occupations(base, spans, objects))


def _factru_occupations(base: Path, spans, objects) -> list[GoldOccupation]:
    """Occupation facts; arguments are objN (an object) or spanN (a span)."""
    def where(ref: str):
        if ref.startswith("obj") and ref[3:] in objects:
            return objects[ref[3:]][:2]
        if ref.startswith("span") and ref[4:] in spans:
            return spans[ref[4:]]
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


def read_brat(txt: Path) -> GoldDocument:
    """One brat document: NAME.txt and NAME.ann (T lines; discontinuous spans count min..max)."""
    text = _read_text(txt)
    mentions = set()
    for n, line in _lines(txt.with_suffix(".ann")):
        if not line.startswith("T"):
            continue
        try:
            _, kind_offsets, _ = line.split("\t", 2)
            kind, offsets = kind_offsets.split(" ", 1)
            pairs = [tuple(int(x) for x in part.split()) for part in offsets.split(";")]
        except ValueError:
            raise GoldError(f"{txt.with_suffix('.ann')}:{n}: expected 'Tn<TAB>TYPE START END<TAB>text'") from None
        cls = BRAT_TYPES.get(kind.lower())
        if cls:
            mentions.add(GoldMention(min(p[0] for p in pairs), max(p[1] for p in pairs), cls))
    return GoldDocument(txt.stem, str(txt), text, sorted(mentions, key=lambda m: (m.start, m.end, m.cls)))


def read_collection(folder: str | Path) -> list[GoldDocument]:
    """Every document of a gold folder: factRuEval when .objects files are there, brat when .ann files are."""
    folder = Path(folder)
    if not folder.is_dir():
        raise GoldError(f"{folder}: not a folder")
    docs = []
    for txt in sorted(folder.glob("*.txt"), key=lambda p: p.name):
        if txt.with_suffix(".objects").exists():
            docs.append(read_factru(txt))
        elif txt.with_suffix(".ann").exists():
            docs.append(read_brat(txt))
    if not docs:
        raise GoldError(f"{folder}: no annotated documents (NAME.txt with NAME.objects or NAME.ann)")
    return docs
