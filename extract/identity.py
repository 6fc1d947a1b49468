"""One node per real thing across documents: which nodes name the same person, organisation, place or asset.

Each document names its entities alone, so "Путин" of one article, "Владимира Путина" of a second and
"В. Путин" of a third are three nodes, "ОАО «Газпром»" and "Газпром" two. This module decides, from the
names alone, which nodes are one: it is pure Python on plain `Name`s, so `kg.link` runs it on the nodes of a
store and `kg evaluate` on the records of a collection (extract/ knows no RDF, kg/ no spaCy: both import it).

The rules, each merge carrying its rule and a confidence:
- people, blocked by a surname key (the surname without its case ending, double letters single, so
  "Путина", "Путиным" and "Путин" share it, and so do the halves of a hyphenated surname inflected):
  full names with the same first name join ("full-name"); an initial with the surname joins the one full
  name whose first name starts with it ("initials"); the surname alone joins the one person of that
  surname ("surname"), or, with no full name in the store, the other forms of that surname alone
  ("surname-form"); a first name alone joins the one full name with that first name when no person has it
  as a surname ("first-name");
- organisations, places, states and assets, blocked by a name key (words without case endings, quotes
  and legal forms such as "ОАО" dropped, from every label the node has, so the lexicon's "РФ" beside
  "Россия" counts): nodes that share a key join ("name"); an abbreviation joins the one name whose
  initials it is ("abbreviation"); nodes the same item (owl:sameAs: a Wikidata QID the lexicon or the gazetteer
  gives) joins whatever their names ("Республика Куба", "Куба": "same-item"), and two nodes of two different
  items never join, whatever their names (a contradiction merges nothing).
A key that points at two candidates (two full names for one surname, two lexicon entities for one name)
merges nothing. Work is one pass over the names and one over each key's small block: no pair of
unrelated names is ever compared, so a new document costs the same whatever the size of the store.
The result depends on the set of names only, not on their order: blocks and their members are sorted,
and which node of a group the others join is decided by the group (lexicon node first, then the
shortest of the longest names, then the node's id).
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from ontology.terms import Category

# Case endings of Russian nouns, adjectives and surnames, longest first: what is left is the key
ENDINGS = ("ыми", "ими", "ого", "его", "ому", "ему", "ой", "ей", "ую", "юю", "ым", "им", "ом", "ем", "ах", "ях",
           "ам", "ям", "ий", "ый", "ая", "яя", "ое", "ее", "ые", "ие", "а", "я", "у", "ю", "е", "ы", "и", "о", "ь")
MIN_STEM = 3
QUOTES = "«»\"„“”'‘’"
# an initial is a letter, or two for one sound ("Дж. Коми": Джеймс), and a dot
INITIAL = re.compile(r"^(?:[^\W\d_][^\W\d_]?\.)+$")
PERSON, OTHER = "person", "other"
CONFIDENCE = {"full-name": 0.95, "initials": 0.9, "surname": 0.85, "surname-form": 0.75, "patronymic": 0.8,
              "first-name": 0.6,
              "name": 0.9, "abbreviation": 0.8, "place-part": 0.7, "same-item": 0.95}


# An actor of no narrower kind is a post (ekg:Position, "замминистра МИД Казахстана"): no kind of its own here.
# In the organisations' group its label's initials made "министр иностранных дел Казахстана" the full name
# of the abbreviation "МИД", and the ministry was merged into a post.
GROUPS = {Category.PERSON: PERSON, Category.ORGANIZATION: "organization",
          Category.STATE: "place", Category.PLACE: "place", Category.ASSET: "asset"}


def group_of(category: Category) -> str | None:
    """The kind of thing a class's category names for resolution: a state and a place are one kind (the
    lexicon's state and a place read elsewhere may be one node); events and others are none."""
    return GROUPS.get(category)


@dataclass(frozen=True)
class Name:
    """A node with its names. `group`: the kind of thing ("person", "organization", "place", "asset": a
    state is a place, so the lexicon's state and a place read elsewhere can be one). `anchored`: the node
    is the lexicon's (its IRI is not minted from a label): two of them are never one. `same_as`: the IRIs of
    the items it is (owl:sameAs, a Wikidata entity): nodes of one item are one, of two different ones never."""
    node: str
    group: str
    label: str
    alt_labels: tuple[str, ...] = ()
    anchored: bool = False
    same_as: tuple[str, ...] = ()


@dataclass(frozen=True)
class Merge:
    """`node` is the same thing as `into`, by `rule`, with `confidence`."""
    node: str
    into: str
    rule: str
    confidence: float


def fold(word: str) -> str:
    return word.casefold().replace("ё", "е")


def stem(word: str) -> str:
    """The word without its case ending ("Газпрома" → "газпром", "Москве" → "москв"), each part of a
    hyphenated word apart ("Римского-Корсакова" → "римск-корсаков")."""
    parts = []
    for part in fold(word).split("-"):
        for ending in ENDINGS:
            if part.endswith(ending) and len(part) - len(ending) >= MIN_STEM:
                part = part[: -len(ending)]
                break
        parts.append(part)
    return "-".join(parts)


VOWELS = set("аеёиоуыэюяйьъaeiouy")
PATRONYMIC = ("вич", "вича", "вичу", "вичем", "виче", "вна", "вны", "вне", "вну", "вной", "ична", "ичны", "ичне",
              "ичну", "ичной", "ьич", "ьича", "ьичу", "ьичем")


def stems(word: str) -> set[str]:
    """The keys a word may share with its other case forms: its stem, and the word itself when it ends
    in a consonant, as a masculine nominative does ("Газпром": "газпр" and "газпром"; "Газпрома" and
    "Газпромом": "газпром"). An abbreviation is its own key ("ДУМ" is no "Дума")."""
    if word.isupper() and len(word) > 1:
        return {fold(word)}
    folded = fold(word)
    return {stem(word)} | ({folded} if folded[-1:] not in VOWELS else set())


@lru_cache(maxsize=100_000)
def person_key(word: str) -> str:
    """A surname's or first name's key, the same for its case forms and its transliterations: the stem's
    first letter and its consonants, double letters single ("Кэмерон", "Камерона" → "кмрн"; "Асада",
    "Ассад" → "ксд"... "асд"). A stem of fewer than three consonants keeps its vowels ("Ли", "Ким"), which
    alone would match too much."""
    base = re.sub(r"(.)\1", r"\1", stem(word).replace("э", "е").replace("ы", "и"))
    skeleton = base[:1] + "".join(c for c in base[1:] if c not in VOWELS and c != "-")
    return skeleton if len(skeleton) >= 4 else base


def words(label: str) -> list[str]:
    return [w for w in re.split(r"[\s" + re.escape(QUOTES) + r"]+", label) if w.strip(".,;:()")]


# ---------------------------------------------------------------- people

@dataclass(frozen=True)
class PersonName:
    first: str | None      # first-name key ("владимир"), or None
    initial: str | None    # its first letter, from an initial when there is no first name (both of "Дж.")
    surname: str           # surname key; the single word when only one is written; "" with none
    patronymic: str | None = None   # its key, when written ("Владимирович")
    clean: bool = True     # a name as people are named (two or three words): it may stand for a short one


def patronymic(word: str) -> bool:
    """"Владимирович", "Андреевича", "Вячеславовна", "Ильич": a patronymic in any case."""
    return fold(word).endswith(PATRONYMIC)


def person_name(label: str) -> PersonName | None:
    """"Владимир Владимирович Путин" and "Путин Владимир Владимирович": first "владимир", surname
    "путин"; "В. Путин", "В.Путин" and "Путин В.В.": an initial; "Путин": a single word (it may be a first
    name: `first` and `initial` None); "Геннадий Андреевич": a first name and a patronymic, no surname."""
    tokens = []
    for t in words(label):
        glued = re.match(r"^((?:[^\W\d_][^\W\d_]?\.)+)([^\W\d_].+)$", t)     # "Р.Оззи", "В.В.Путин", "Дж.Коми"
        tokens += [glued.group(1), glued.group(2)] if glued else [t]
    initials = [t for t in tokens if INITIAL.match(t)]
    full = [t.strip(".,;:()") for t in tokens if not INITIAL.match(t)]
    full = [t for t in full if t]
    if not full:
        return None
    if len(full) >= 2:
        middle = None
        if len(full) == 3 and patronymic(full[2]) and not patronymic(full[1]):
            full = [full[1], full[2], full[0]]        # "Грызлов Борис Вячеславович"
        if len(full) == 2 and patronymic(full[1]):
            return PersonName(person_key(full[0]), fold(full[0])[:1], "", person_key(full[1]))
        if len(full) == 3 and patronymic(full[1]):
            middle = person_key(full[1])
        first = person_key(full[0])
        return PersonName(first, fold(full[0])[:1], person_key(full[-1]), middle, clean=len(full) <= 3)
    initial = fold(initials[0].split(".")[0]).replace("э", "е") if initials else None     # "дж" of "Дж."
    return PersonName(None, initial, person_key(full[0]))


def _person_merges(names: list[Name]) -> list[Merge]:
    parsed = {n.node: p for n in names if (p := person_name(n.label))}
    by_node = {n.node: n for n in names if n.node in parsed}
    full: dict[tuple[str, str], list[str]] = defaultdict(list)          # (surname, first) -> nodes
    for node, p in parsed.items():
        if p.first and p.surname:
            full[(p.surname, p.first)].append(node)
    merges: list[Merge] = []
    person_of: dict[tuple[str, str], str] = {}    # (surname, first) -> the node the others join
    by_surname: dict[str, set[str]] = defaultdict(set)      # surname -> first names of clean full names
    by_first: dict[str, set[tuple[str, str]]] = defaultdict(set)
    patronymics: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for key, nodes in sorted(full.items()):
        into = _canonical([by_node[n] for n in nodes])
        person_of[key] = into
        merges += [Merge(n, into, "full-name", CONFIDENCE["full-name"]) for n in sorted(nodes) if n != into]
        if any(parsed[n].clean for n in nodes):
            by_surname[key[0]].add(key[1])
            by_first[key[1]].add(key)
        for n in nodes:
            if parsed[n].patronymic:
                patronymics[(key[1], parsed[n].patronymic)].add(key)
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for node, p in sorted(parsed.items()):
        if p.first and p.surname:
            continue
        rule, fits = _person_candidates(p, by_surname, by_first, patronymics)
        if len(fits) == 1:
            merges.append(Merge(node, person_of[next(iter(fits))], rule, CONFIDENCE[rule]))
        elif not fits:    # no full name it may stand for: its forms stay one
            groups[(rule if p.surname else "patronymic", p.surname + (p.initial or "") + (p.patronymic or ""))
                   ].append(node)
    for (rule, _), nodes in sorted(groups.items()):
        rule = "surname-form" if rule in ("surname", "first-name") else rule
        into = _canonical([by_node[n] for n in nodes])
        merges += [Merge(n, into, rule, CONFIDENCE[rule]) for n in sorted(nodes) if n != into]
    return merges


def _person_candidates(p: PersonName, by_surname, by_first, patronymics) -> tuple[str, set[tuple[str, str]]]:
    """The rule that may join a short name, and the full names ((surname, first)) it may join."""
    if not p.surname:           # "Геннадий Андреевич"
        return "patronymic", patronymics.get((p.first, p.patronymic), set())
    firsts = by_surname.get(p.surname, set())
    if p.initial:
        return "initials", {(p.surname, f) for f in firsts if f.startswith(p.initial)}
    if firsts:
        return "surname", {(p.surname, f) for f in firsts}
    return "first-name", by_first.get(p.surname, set())


# ---------------------------------------------------------------- organisations, places, assets

@dataclass(frozen=True)
class Words:
    """What the name rules need to know of words: legal forms a name may drop ("оао"), words an
    abbreviation skips ("и", "по"), the states a name may end with ({"росси": node, "рф": node}: "ФСБ
    России" is "ФСБ" of that state), and the first parts of compound abbreviations with the word each stands
    for ("гос": "государственный")."""
    legal_forms: frozenset[str] = frozenset()
    function_words: frozenset[str] = frozenset()
    states: tuple[tuple[str, str], ...] = ()
    compounds: tuple[tuple[str, str], ...] = ()   # ("гос", "государственный"): "Госдума" is "Государственная дума"
    place_kinds: frozenset[str] = frozenset()     # "республика": "Республика Башкортостан" is "Башкортостан"
    # `states` as a dict, made once (`name_keys` reads it for every label of every document)
    state_of: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "state_of", dict(self.states))


def state_names(names: list[Name]) -> tuple[tuple[str, str], ...]:
    """(name key, node) of every label of the lexicon's places: the states and places a name may end with."""
    keys: dict[str, set[str]] = defaultdict(set)
    for n in names:
        if n.anchored and n.group == "place":
            for label in (n.label, *n.alt_labels):
                for key in _joined([sorted(stems(w)) for w in words(label)]):
                    keys[key].add(n.node)
    return tuple(sorted((k, next(iter(v))) for k, v in keys.items() if len(v) == 1 and k))


def name_keys(label: str, vocab: Words) -> set[tuple[str, str]]:
    """The keys of a label: ("name", its words without case endings, quotes and legal forms: "ОАО
    «Газпром»", "Газпрома" → "газпром"); ("initials", "фсб") of a name of several words ("Федеральная
    служба безопасности"), ("abbreviation", "фсб") of an abbreviation ("ФСБ"). A name that ends with a
    state ("ФСБ России", "Следственный комитет РФ") has these keys for the rest with the state's node
    after "@": "ФСБ России" is "ФСБ РФ", not "ФСБ" (which may be another state's)."""
    tokens = [t.strip(".,;:()") for t in words(label)]
    tokens = [t for t in tokens if t and fold(t) not in vocab.legal_forms]
    if not tokens:
        return set()
    forms = [sorted(stems(t)) for t in tokens]
    states = vocab.state_of
    for size in (2, 1):
        node = next((states[k] for k in _joined(forms[-size:]) if k in states), None) if len(tokens) > size else None
        if node:
            rest = _keys(tokens[:-size], forms[:-size], vocab)
            return {(kind, f"{key}@{node}") for kind, key in rest}
    return _keys(tokens, forms, vocab)


def _joined(forms: list[list[str]]) -> list[str]:
    """Every way of writing the words with one key each ("Газпром Нефть": "газпр нефт", "газпром нефт")."""
    out = [""]
    for keys in forms[:6]:
        out = [f"{o} {k}".strip() for o in out for k in keys]
    return out


def _keys(tokens: list[str], forms: list[list[str]], vocab: Words) -> set[tuple[str, str]]:
    keys = {("name", k) for k in _joined(forms)}
    compound = compound_forms(tokens, vocab)
    if compound:
        keys |= {("name", k) for k in _joined(compound)}
    content = [t for t in tokens if fold(t) not in vocab.function_words]
    if len(content) >= 2:
        keys.add(("initials", "".join(fold(t)[:1] for t in content)))
    elif len(tokens) == 1 and len(tokens[0]) >= 2 and tokens[0].isupper() and tokens[0].isalpha():
        keys.add(("abbreviation", fold(tokens[0])))
    return keys


def compound_forms(tokens: list[str], vocab: Words) -> list[list[str]]:
    """The keys of the words a one-word compound abbreviation stands for ("Госдума": "государственн", "дум";
    "Минобороны": "министерств", "оборон"), so that it shares the name key of its full name; [] for another
    name. The rest must be a word of its own (three letters or more: "Минск" is no ministry)."""
    if len(tokens) != 1 or tokens[0].isupper():
        return []
    word = fold(tokens[0])
    for part, full in sorted(vocab.compounds, key=lambda c: -len(c[0])):
        if word.startswith(part) and len(word) - len(part) >= 3:
            return [sorted(stems(full)), sorted(stems(word[len(part):]))]
    return []


# A name without its state ("Сенат", "Министерство обороны") does not join the one with it ("Сенат США"): on
# NEREL train it named another state's as often as not
PHASES = (("item", "item", "same-item"), ("name", "name", "name"), ("abbreviation", "initials", "abbreviation"),
          ("name", "part", "place-part"))


def kind_keys(label: str, vocab: Words) -> set[tuple[str, str]]:
    """The name keys of a place's name without the noun of its kind before it ("Республика Башкортостан",
    "Республики Башкортостан": those of "Башкортостан"); none for another name."""
    tokens = words(label)
    if len(tokens) < 2 or stem(tokens[0]) not in {stem(k) for k in vocab.place_kinds}:
        return set()
    return {key for key in name_keys(" ".join(tokens[1:]), vocab) if key[0] == "name"}


def part_keys(label: str, vocab: Words) -> set[tuple[str, str]]:
    """("part", key) of the first part of a place's hyphenated name ("Рио-де-Жанейро": "рио", "Ростов-на-Дону":
    "ростов"), which the place is called by alone. Not a later part: "Гэмпшир" is not "Нью-Гэмпшир"."""
    tokens = words(label)
    if len(tokens) != 1 or "-" not in tokens[0]:
        return set()
    first = tokens[0].split("-")[0]
    return {("part", k) for k in stems(first)} if len(first) >= 3 else set()


def _label_keys(n: Name, vocab: Words) -> set[tuple[str, str]]:
    """Every (kind, key) of a node's labels: its name keys, and a place's part keys; and ("item", "item:IRI")
    of each item it is the same as."""
    return {key for label in (n.label, *n.alt_labels)
            for key in name_keys(label, vocab) | (part_keys(label, vocab) | kind_keys(label, vocab)
                                                  if n.group == "place" else set())
            } | {("item", f"item:{iri}") for iri in n.same_as}


def index_keys(n: Name, vocab: Words) -> set[str]:
    """The strings under which a node meets the others ("group|key"): two nodes the rules may join, or whose
    joining depends on each other, share one. A person's are the surname and first-name keys of its labels
    (a short name reads the full names of its surname, and of its word as a first name); another's its name
    keys whatever their kind (an abbreviation reads the initials of the same letters). `kg.link` keeps them
    in the store's index, so that a new document's names find the nodes they may join without a scan."""
    if n.group == PERSON:
        found = set()
        for label in (n.label, *n.alt_labels):
            p = person_name(label)
            if p:
                found |= {k for k in (p.surname, p.first) if k}
        return {f"{PERSON}|{k}" for k in found}
    return {f"{n.group}|{key}" for _, key in _label_keys(n, vocab)}


def _name_merges(names: list[Name], vocab: Words, keys: set[str] | None = None) -> list[Merge]:
    """Phases, each over its keys in order: the same name; an abbreviation and the one name with its
    initials; a place's one-word name and the one place whose hyphenated name begins with it. A phase's key
    joins nothing when it would join two lexicon entities or (after the first) when it has two candidates.
    Given `keys` ("group|key", `index_keys`), only the blocks of those keys join (`kg.link` on the nodes a
    new document touches: the other blocks of these nodes are not all there, and were joined before)."""
    by_node = {n.node: n for n in names}
    blocks: dict[tuple[str, str], set[str]] = defaultdict(set)
    for n in names:
        for kind, key in _label_keys(n, vocab):
            if keys is None or f"{n.group}|{key}" in keys:
                blocks[(kind, key)].add(n.node)
    parent = {n.node: n.node for n in names}
    anchor = {n.node: n.node if n.anchored else None for n in names}
    items = {n.node: frozenset(n.same_as) for n in names}      # a group's items, at its root
    edges: dict[str, list[tuple[str, str]]] = defaultdict(list)     # node -> (node it joined, rule)

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(a: str, b: str, rule: str) -> None:
        ra, rb = sorted((find(a), find(b)))
        if ra == rb or (anchor[ra] and anchor[rb]) or (items[ra] and items[rb] and not items[ra] & items[rb]):
            return
        parent[rb] = ra
        anchor[ra] = anchor[ra] or anchor[rb]
        items[ra] = items[ra] | items[rb]
        edges[a].append((b, rule))
        edges[b].append((a, rule))

    for short_kind, long_kind, rule in PHASES:
        for (kind, key), nodes in sorted(blocks.items()):
            if kind != short_kind:
                continue
            if rule in ("name", "same-item"):
                roots = {find(n) for n in nodes}
                if len({r for r in roots if anchor[r]}) > 1 or _contradicted([items[r] for r in roots]):
                    continue     # the name of two lexicon entities, or of two items: whichever it is, it is not said
                first, *rest = sorted(nodes)
                for other in rest:
                    join(first, other, rule)
                continue
            targets = {find(n) for n in blocks.get((long_kind, key), ())}
            if len(targets) != 1:
                continue         # no name it may stand for, or two: it stays apart
            target = next(iter(targets))
            for node in sorted(nodes):
                if find(node) != target:
                    join(target, node, rule)
    groups: dict[str, list[Name]] = defaultdict(list)
    for node in parent:
        groups[find(node)].append(by_node[node])
    merges = []
    for members in groups.values():
        if len(members) < 2:
            continue
        into = _canonical(members, vocab.legal_forms)
        weakest = _weakest_steps(into, edges)
        merges += [Merge(m.node, into, weakest[m.node], CONFIDENCE[weakest[m.node]])
                   for m in sorted(members, key=lambda m: m.node) if m.node != into]
    return merges


def _contradicted(item_sets: list[frozenset[str]]) -> bool:
    """Whether nodes of these items are of two different things: no item common to all that have one."""
    known = [s for s in item_sets if s]
    return len(known) > 1 and not frozenset.intersection(*known)


def _weakest_steps(start: str, edges: dict[str, list[tuple[str, str]]]) -> dict[str, str]:
    """{node: the rule of the weakest join on its path from `start`}, the paths found breadth first in
    sorted order: a merge is as sure as its least sure step ("ФСБ" → "Федеральная служба безопасности" by
    abbreviation, then its case forms by name: abbreviation)."""
    weakest, queue = {start: None}, [start]
    for node in queue:
        for other, rule in sorted(edges[node]):
            if other not in weakest:
                before = weakest[node]
                weakest[other] = rule if before is None or CONFIDENCE[rule] < CONFIDENCE[before] else before
                queue.append(other)
    return weakest


# ---------------------------------------------------------------- all of them

def _canonical(members: list[Name], legal_forms: frozenset[str] = frozenset()) -> str:
    """The node a group joins: the lexicon's, else the one with most words and hyphenated parts (legal forms
    aside: "Рио-де-Жанейро" before "Рио") and then the
    shortest label (the nominative is the shortest form: "Путин" before "Путина", "Газпром" before "ОАО
    «Газпром»"), then the smallest id."""
    def rank(n: Name):
        parts = [p for w in words(n.label) if fold(w) not in legal_forms for p in w.split("-") if p]
        return (not n.anchored, -len(parts), len(n.label), n.node)
    return min(members, key=rank).node


def resolve(names: Iterable[Name], legal_forms: frozenset[str] = frozenset(),
            function_words: frozenset[str] = frozenset(), states: tuple[tuple[str, str], ...] | None = None,
            keys: set[str] | None = None, compounds: dict[str, str] | None = None,
            place_kinds: frozenset[str] = frozenset()) -> list[Merge]:
    """The merges that make one node of each thing named several ways, sorted; each node merged at most
    once. `legal_forms` ("оао", "зао"): words a name may carry or not; `function_words` ("и", "по"): words an
    abbreviation skips. The lexicon's places among `names` are the states a name may end with, unless
    `states` gives them (`state_names` of the whole store, when `names` is a part of it). `keys`: join only
    in the blocks of these keys (`_name_merges`). `compounds` ("гос": "государственный"): the first parts of
    compound abbreviations ("Госдума" is "Государственная дума"); `place_kinds` ("республика"): nouns of a
    place's kind its name is written with or without."""
    by_group: dict[str, dict[str, Name]] = defaultdict(dict)
    for n in names:
        by_group[n.group].setdefault(n.node, n)
    vocab = words_of(list(by_group.get("place", {}).values()), legal_forms, function_words, states, compounds,
                     place_kinds)
    merges = []
    for group, members in sorted(by_group.items()):
        listed = [members[k] for k in sorted(members)]
        merges += _person_merges(listed) if group == PERSON else _name_merges(listed, vocab, keys)
    return sorted(_direct(merges), key=lambda m: m.node)


def words_of(places: list[Name], legal_forms: frozenset[str] = frozenset(),
             function_words: frozenset[str] = frozenset(), states=None, compounds: dict[str, str] | None = None,
             place_kinds: frozenset[str] = frozenset()) -> Words:
    """What the name rules know of words, with the states of `places` unless `states` is given."""
    return Words(legal_forms, function_words, tuple(states) if states is not None else state_names(places),
                 tuple(sorted((compounds or {}).items())), frozenset(place_kinds))


def _direct(merges: list[Merge]) -> list[Merge]:
    """Every merge straight to the node its group ends at ("В. Путин" → "Путин" → "Владимир Путин")."""
    into = {m.node: m for m in merges}

    def final(node: str) -> str:
        seen = set()
        while node in into and node not in seen:
            seen.add(node)
            node = into[node].into
        return node
    return [Merge(m.node, final(m.into), m.rule, m.confidence) for m in merges if final(m.into) != m.node]


def node_of(merges: Iterable[Merge]) -> dict[str, str]:
    """{merged node: the node it now is}."""
    return {m.node: m.into for m in merges}
