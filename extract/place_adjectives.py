"""Places named by an adjective made from their name ("московский" Москва, "каннский" Канны).

The lexicon lists states' adjectives; a city's or region's is read from its name. Two stages read it: the
events stage for an event's place ("минского концерта") and the records for a mention of the place
("московского клуба"), from the same candidates in the same order.
"""
from __future__ import annotations

from functools import lru_cache

from ontology.terms import EKG, Category

from .entities import romanise, slug
from .records import Entity

PLACE_CATEGORIES = (Category.PLACE, Category.STATE)
# the most an adjective adds to its place name's stem: "куб-инский", "москв-а" -> "моск-овский"
MAX_ADJECTIVE_SUFFIX = 6


def place_made_from(adjective: str, places) -> str | None:
    """The key of the first of `places` (key, name) whose name an adjective (its lemma) is made from:
    "минский" Минск, "каннский" Канны, "кубинский" Куба, "московский" Москва (the name without its last vowel
    starts the adjective, or all but its last letter do)."""
    if not adjective.endswith(("ский", "ской", "цкий")):
        return None
    own = adjective[:-4]        # "каннский": "канн"
    for key, name in places:
        name = (name or "").lower()
        if " " in name:
            continue
        stem = name.rstrip("аеиоуыэюяйь")
        # what the adjective adds to the stem is a suffix ("-инский", "-овский"), never a longer word:
        # "венецианский" is not made from "Вена"
        if len(stem) >= 3 and len(adjective) - len(stem) <= MAX_ADJECTIVE_SUFFIX and (
                adjective.startswith(stem) or len(stem) >= 5 and adjective.startswith(stem[:-1])) or \
                len(own) >= 4 and name.startswith(own) and len(name) - len(own) <= 2:
            # the last: a name left in a case ending ("Каннах", a plural the lemmatiser keeps as written)
            return key
    return None


def unlisted_state(name: str) -> Entity:
    """The entity of a state the lexicon lists as no actor, named by its adjective (ontology/states.ttl,
    "афганских" Афганистан): a State keyed as the text's name of it would be, which the graph links to its
    Wikidata item by that name (kg/geo.py)."""
    return Entity(key=slug(name), cls=EKG.State, label_ru=name, label_en=romanise(name),
                  romanised=romanise(name) != name)


@lru_cache(maxsize=4)
def lexicon_places(lexicon) -> dict:
    """{key: actor} of the lexicon's cities and regions, whose adjectives it does not list ("московский")."""
    return {a.iri.rsplit("/", 1)[-1]: a for a in lexicon.actors
            if lexicon.category(a.cls) == Category.PLACE}


def adjective_places(entities: dict, lexicon) -> list[tuple[str, str]]:
    """(key, name) of the document's places and states (`entities`, key -> entity) an adjective may be made from,
    in the order `place_named_by` tries them before the lexicon's places."""
    return [(k, e.label_ru) for k, e in entities.items() if lexicon.category(e.cls) in PLACE_CATEGORIES]


def place_named_by(adjective: str, places: list[tuple[str, str]], lexicon) -> str | None:
    """`place_made_from` the document's `places` (`adjective_places`), then the lexicon's places."""
    return place_made_from(adjective, places) or lexicon_place_made_from(lexicon, adjective)


@lru_cache(maxsize=50_000)
def lexicon_place_made_from(lexicon, adjective: str) -> str | None:
    """`place_made_from` the lexicon's places (`lexicon_places`), the same for every document: found once per
    adjective, not by a walk over the 56 places at each "-ский" word of each document."""
    return place_made_from(adjective, [(k, a.label_ru) for k, a in lexicon_places(lexicon).items()])
