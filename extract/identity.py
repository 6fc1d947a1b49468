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
  initials it is ("abbreviation").
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
from dataclasses import dataclass
from typing import Iterable

# Case endings of Russian nouns, adjectives and surnames, longest first: what is left is the key
ENDINGS = ("ыми", "ими", "ого", "его", "ому", "ему", "ой", "ей", "ую", "юю", "ым", "им", "ом", "ем", "ах", "ях",
           "ам", "ям", "ий", "ый", "ая", "яя", "ое", "ее", "ые", "ие", "а", "я", "у", "ю", "е", "ы", "и", "о", "ь")
MIN_STEM = 3
QUOTES = "«»\"„“”'‘’"
INITIAL = re.compile(r"^(?:[^\W\d_]\.)+$")
PERSON, OTHER = "person", "other"
CONFIDENCE = {"full-name": 0.95, "initials": 0.9, "surname": 0.85, "surname-form": 0.75, "first-name": 0.6,
              "name": 0.9, "abbreviation": 0.8}


@dataclass(frozen=True)
class Name:
    """A node with its names. `group`: the kind of thing ("person", "organization", "place", "asset": a
    state is a place, so the lexicon's state and a place read elsewhere can be one). `anchored`: the node
    is the lexicon's (its IRI is not minted from a label): two of them are never one."""
    node: str
    group: str
    label: str
    alt_labels: tuple[str, ...] = ()
    anchored: bool = False


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


def person_key(word: str) -> str:
    """A surname's or first name's key: its stem, double letters single ("Асада", "Ассад" → "асад")."""
    return re.sub(r"(.)\1", r"\1", stem(word))


def words(label: str) -> list[str]:
    return [w for w in re.split(r"[\s" + re.escape(QUOTES) + r"]+", label) if w.strip(".,;:()")]


# ---------------------------------------------------------------- people

@dataclass(frozen=True)
class PersonName:
    first: str | None      # first-name key ("владимир"), or None
    initial: str | None    # its first letter, from an initial when there is no first name
    surname: str           # surname key; the single word when only one is written


def person_name(label: str) -> PersonName | None:
    """"Владимир Владимирович Путин": first "владимир", surname "путин"; "В. Путин" and "Путин В.В.": an
    initial; "Путин": a single word (it may be a first name: `first` None, `initial` None)."""
    tokens = words(label)
    initials = [t for t in tokens if INITIAL.match(t)]
    full = [t.strip(".,;:()") for t in tokens if not INITIAL.match(t)]
    full = [t for t in full if t]
    if not full:
        return None
    if len(full) >= 2:
        first = person_key(full[0])
        return PersonName(first, first[:1], person_key(full[-1]))
    initial = fold(initials[0][:1]) if initials else None
    return PersonName(None, initial, person_key(full[0]))


def _person_merges(names: list[Name]) -> list[Merge]:
    parsed = {n.node: p for n in names if (p := person_name(n.label))}
    by_node = {n.node: n for n in names if n.node in parsed}
    full_by_surname: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    full_by_first: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for node, p in parsed.items():
        if p.first:
            full_by_surname[p.surname][p.first].append(node)
            full_by_first[p.first].add((p.surname, p.first))
    merges: list[Merge] = []
    person_of: dict[tuple[str, str], str] = {}    # (surname, first) -> the node the others join
    for surname, firsts in sorted(full_by_surname.items()):
        for first, nodes in sorted(firsts.items()):
            into = _canonical([by_node[n] for n in nodes])
            person_of[(surname, first)] = into
            merges += [Merge(n, into, "full-name", CONFIDENCE["full-name"]) for n in sorted(nodes) if n != into]
    initial_groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    single_groups: dict[str, list[str]] = defaultdict(list)
    for node, p in sorted(parsed.items()):
        if p.first:
            continue
        people = sorted(full_by_surname.get(p.surname, {}).items())
        if p.initial:
            fits = [first for first, _ in people if first.startswith(p.initial)]
            if len(fits) == 1:
                merges.append(Merge(node, person_of[(p.surname, fits[0])], "initials", CONFIDENCE["initials"]))
            elif not fits:
                initial_groups[(p.surname, p.initial)].append(node)
            continue
        if len(people) == 1:
            merges.append(Merge(node, person_of[(p.surname, people[0][0])], "surname", CONFIDENCE["surname"]))
        elif not people:
            named = full_by_first.get(p.surname, set())
            if len(named) == 1:
                merges.append(Merge(node, person_of[next(iter(named))], "first-name",
                                    CONFIDENCE["first-name"]))
            elif not named:
                single_groups[p.surname].append(node)
    for groups, rule in ((initial_groups, "initials"), (single_groups, "surname-form")):
        for _, nodes in sorted(groups.items()):
            into = _canonical([by_node[n] for n in nodes])
            merges += [Merge(n, into, rule, CONFIDENCE[rule]) for n in sorted(nodes) if n != into]
    return merges


# ---------------------------------------------------------------- organisations, places, assets

def name_keys(label: str, legal_forms: frozenset[str], function_words: frozenset[str]) -> set[tuple[str, str]]:
    """("name", key) of a label: its words without case endings, quotes and legal forms ("ОАО «Газпром»",
    "Газпрома" → "газпром"); and ("initials", "фсб") of a name of several words ("Федеральная служба
    безопасности"), or ("initials", "фсб") of an abbreviation itself ("ФСБ")."""
    tokens = [t.strip(".,;:()") for t in words(label)]
    tokens = [t for t in tokens if t and fold(t) not in legal_forms]
    if not tokens:
        return set()
    keys = {("name", " ".join(stem(t) for t in tokens))}
    content = [t for t in tokens if fold(t) not in function_words]
    if len(content) >= 2:
        keys.add(("initials", "".join(fold(t)[:1] for t in content)))
    elif len(tokens) == 1 and len(tokens[0]) >= 2 and tokens[0].isupper() and tokens[0].isalpha():
        keys.add(("initials", fold(tokens[0])))
    return keys


def _name_merges(names: list[Name], legal_forms: frozenset[str], function_words: frozenset[str]) -> list[Merge]:
    by_node = {n.node: n for n in names}
    blocks: dict[tuple[str, str], set[str]] = defaultdict(set)
    abbreviations: set[str] = set()      # nodes named by an abbreviation: the "initials" key joins only them
    for n in names:
        for label in (n.label, *n.alt_labels):
            for key in name_keys(label, legal_forms, function_words):
                blocks[key].add(n.node)
        if len(words(n.label)) == 1 and n.label.isupper():
            abbreviations.add(n.node)
    parent = {n.node: n.node for n in names}
    anchor = {n.node: n.node if n.anchored else None for n in names}
    rule_of: dict[str, str] = {}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(a: str, b: str, rule: str) -> None:
        ra, rb = sorted((find(a), find(b)))
        if ra == rb or (anchor[ra] and anchor[rb]):
            return
        parent[rb] = ra
        anchor[ra] = anchor[ra] or anchor[rb]
        for node in (a, b):
            rule_of.setdefault(node, rule)

    for (kind, key), nodes in sorted(blocks.items()):
        if kind == "name":
            if len({find(n) for n in nodes if anchor[find(n)]}) > 1:
                continue     # the name of two lexicon entities: whichever it is, it is not said
            first, *rest = sorted(nodes)
            for other in rest:
                join(first, other, "name")
        else:
            short = sorted(n for n in nodes if n in abbreviations)
            long = {find(n) for n in nodes if n not in abbreviations}
            if len(long) != 1:
                continue     # no name with these initials, or two: the abbreviation stays apart
            target = next(iter(long))
            for node in short:
                join(node, target, "abbreviation")
    groups: dict[str, list[Name]] = defaultdict(list)
    for node in parent:
        groups[find(node)].append(by_node[node])
    merges = []
    for members in groups.values():
        if len(members) < 2:
            continue
        into = _canonical(members)
        rule = lambda n: rule_of.get(n, "name")  # noqa: E731
        merges += [Merge(m.node, into, rule(m.node), CONFIDENCE[rule(m.node)])
                   for m in sorted(members, key=lambda m: m.node) if m.node != into]
    return merges


# ---------------------------------------------------------------- all of them

def _canonical(members: list[Name]) -> str:
    """The node a group joins: the lexicon's, else the one with most words and then the shortest label
    (the nominative is the shortest form: "Путин" before "Путина"), then the smallest id."""
    return min(members, key=lambda n: (not n.anchored, -len(words(n.label)), len(n.label), n.node)).node


def resolve(names: Iterable[Name], legal_forms: frozenset[str] = frozenset(),
            function_words: frozenset[str] = frozenset()) -> list[Merge]:
    """The merges that make one node of each thing named several ways, sorted; each node merged at most
    once. `legal_forms` ("оао", "зао"): words a name may carry or not; `function_words` ("и", "по"): words an
    abbreviation skips."""
    by_group: dict[str, dict[str, Name]] = defaultdict(dict)
    for n in names:
        by_group[n.group].setdefault(n.node, n)
    merges = []
    for group, members in sorted(by_group.items()):
        listed = [members[k] for k in sorted(members)]
        merges += _person_merges(listed) if group == PERSON else _name_merges(listed, legal_forms, function_words)
    return sorted(_direct(merges), key=lambda m: m.node)


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
