"""One node per real thing across documents: "Путин", "Владимира Путина" and "В. Путин" of three articles
are one person, "ОАО «Газпром»" and "Газпром" one company.

Extraction names an entity from one document only (`entity/putin`, `entity/vladimir-putin`). After a build,
the people, organisations, places and assets of the store are read with their Russian labels, and
`extract.identity.resolve` says from the names alone which nodes are one, by rules that each carry a
confidence (full name, surname, initials, transliteration, legal form, abbreviation, case forms ...). Two
candidates for one name merge nothing; the result depends on the set of names, not on the order documents
were built in, and finding the candidates costs the same per name whatever the store's size (names are
blocked by key, never compared pairwise).

A merged node's triples move to the node it joins in every document graph, its labels become
`skos:altLabel`s there, so every mention keeps its own provenance (`Store.merge_node`: in a local store
one SPARQL update per node; a server gets each affected graph rewritten whole). Each merge is recorded in the
merges graph (`MERGES_GRAPH`: an ekg:EntityMerge with the node merged, the node kept, the rule and the
confidence), which a rebuild of a document never touches: rebuilding the document brings its own node back,
and the next linking merges it again. Running it again changes nothing. A build marks the store before its
first write and clears the mark once linked, so a build killed in between is linked by the next one.

Then each node gets one skos:prefLabel per language (`choose_names`): documents name a node in their own form
("НАСА", "NASA"; "Сборная России", "сборная России"), the choice is made from the set of those forms and
written to the names graph (`NAMES_GRAPH`), the other forms become altLabels in their documents' graphs. A
build linked through the index chooses again only for the nodes its documents name, now or in their earlier
versions, and the nodes merged (`named_nodes`): a node's choice reads that node's labels alone.

A local store links a build's new documents without reading the whole store (`new_merges`): its index graph
(`INDEX_GRAPH`) holds every node's names and identity keys (`extract.identity.index_keys`), so the nodes a new
name may join are found by key; the rules then run on the new documents' nodes and those, the name blocks
restricted to the new names' keys. The rest of the store was linked before and no new name reads it. When the
new documents bring a lexicon place the store did not name yet or a new name of one, the states a name may end
with change, and with them the keys of the names ending with such a state's words ("посольство Бельгии"): those
nodes, found by their labels in the index, are linked as new names too. When a build removed documents, the
whole store is linked again, as a store without an index is once.
"""
from __future__ import annotations

import hashlib
import json
import re

import pyoxigraph as ox

from extract.identity import Merge, Name, group_of, index_keys, resolve, state_names, words_of
from extract.records import SOLE_NOUN_RULE
from kg import EKG, EKGR, ONTOLOGY_GRAPH
from kg.stores.base import INDEX, NAMES_GRAPH, NOT_DOCUMENTS, SKOS, Store, values_clause
from ontology.terms import CATEGORY_TOPS, ITSRDF_NS, XSD_NS

_TOPS = [(category, iri) for category, iri in CATEGORY_TOPS if group_of(category)]
OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"


def class_groups(store: Store) -> dict[str, str]:
    """{class IRI: its resolution group} for the ontology's classes under a group's top class."""
    # one UNION branch per top, each path starting from a constant: Virtuoso refuses a transitive path whose
    # both ends are variables ("transitive start not given"), even with VALUES binding one of them
    tops = " UNION ".join(f"{{ ?c rdfs:subClassOf* <{iri}> BIND(<{iri}> AS ?top) }}" for _, iri in _TOPS)
    found: dict[str, set[str]] = {}
    for r in store.query(f"SELECT ?c ?top WHERE {{ {tops} }}"):
        found.setdefault(r["c"].value, set()).add(r["top"].value)
    return {c: next(group_of(category) for category, iri in _TOPS if iri in t) for c, t in found.items()}


def store_names(store: Store) -> list[Name]:
    """Every person, organisation, place and asset of the documents with its Russian labels; a node the
    lexicon declares (in the ontology graph) is anchored. Three reads over the merge, none per node."""
    return node_names(store)


def node_names(store: Store, nodes: list[str] | None = None) -> list[Name]:
    """`store_names`, of `nodes` only when given (those the earlier versions of rewritten documents named)."""
    only = values_clause("e", nodes)
    groups = class_groups(store)
    kinds: dict[str, str] = {}
    labels: dict[str, set[str]] = {}
    # a node whose documents' forms were all demoted (the lexicon's name chosen) has its name in the names graph
    for r in store.query(f"""SELECT DISTINCT ?e ?c ?l WHERE {{ {only}
            {{ GRAPH ?g {{ ?e a ?c ; skos:prefLabel ?l FILTER(lang(?l) = "ru") }} }}
            UNION {{ GRAPH <{NAMES_GRAPH}> {{ ?e skos:prefLabel ?l FILTER(lang(?l) = "ru") }} GRAPH ?g {{ ?e a ?c }} }}
            FILTER(?g != <{ONTOLOGY_GRAPH}>) }}"""):
        group = groups.get(r["c"].value)
        if group:
            node = r["e"].value
            kinds[node] = min(kinds.get(node, group), group)   # two classes of two kinds: either, the same each time
            labels.setdefault(node, set()).add(r["l"].value)
    alts: dict[str, set[str]] = {}
    for r in store.query(f"""SELECT ?e ?l WHERE {{ {only} ?e skos:altLabel ?l FILTER(lang(?l) = "ru") }}"""):
        if r["e"].value in kinds:
            alts.setdefault(r["e"].value, set()).add(r["l"].value)
    for node in local_nodes(store, only):
        kinds.pop(node, None)
    anchored = {r["e"].value for r in store.query(
        f"SELECT DISTINCT ?e WHERE {{ {only} GRAPH <{ONTOLOGY_GRAPH}> {{ ?e skos:prefLabel ?l }} }}")}
    same = same_as_of(store, only, kinds)
    names = []
    for node, group in sorted(kinds.items()):
        label = min(labels[node])
        names.append(Name(node, group, label, tuple(sorted((labels[node] | alts.get(node, set())) - {label})),
                          node in anchored, tuple(sorted(same.get(node, ())))))
    return names


def local_nodes(store: Store, only: str, docs: list[str] | None = None) -> set[str]:
    """The nodes of one document only (`Entity.local`: "правительство" named by its bare noun, rule
    org-noun), known by their mentions' rule: each is that document's government, police ..., so no name
    joins it to another document's node (two articles' "правительство" are two governments). `only`: the
    VALUES clause of the nodes read, "" for all. One read. With `docs` (the nodes are theirs), their mentions
    alone are read: a local node's IRI holds its document's key, and a node many documents name had its
    mentions in all of them read (0.006 s for one document's nodes at 1,000 documents, 0.032 s at 5,000)."""
    if docs is None:
        where = f'?m <{EKG}rule> "{SOLE_NOUN_RULE}" ; <{ITSRDF_NS}taIdentRef> ?e'
    else:
        where = (f'{values_clause("g", docs)} GRAPH ?g {{ ?m <{ITSRDF_NS}taIdentRef> ?e ; '
                 f'<{EKG}rule> "{SOLE_NOUN_RULE}" }}')
    return {r["e"].value for r in store.query(f"SELECT DISTINCT ?e WHERE {{ {only} {where} }}")}


def same_as_of(store: Store, only: str, kinds: dict[str, str]) -> dict[str, set[str]]:
    """{node: the items it is, owl:sameAs over the merge (the gazetteer's in documents, the lexicon's)} of the
    nodes in `kinds`; `only`: the VALUES clause of the nodes read, "" for all. One read, none per node."""
    same: dict[str, set[str]] = {}
    for r in store.query(f"SELECT ?e ?s WHERE {{ {only} ?e <{OWL_SAME_AS}> ?s FILTER(isIRI(?s)) }}"):
        if r["e"].value in kinds:
            same.setdefault(r["e"].value, set()).add(r["s"].value)
    return same


def _grammar():
    from ontology.lexicon import load_lexicon
    return load_lexicon().grammar


def entity_merges(store: Store) -> list[Merge]:
    """The merges the names of the store call for, each straight to the node kept."""
    grammar = _grammar()
    return resolve(store_names(store), grammar.legal_forms, grammar.name_function_words,
                   compounds=grammar.compound_parts, place_kinds=grammar.place_kind_nouns)


def merge_record(merge: Merge) -> str:
    """N-Triples of one ekg:EntityMerge; its IRI is made from the node merged, so recording it twice is once."""
    node = f"<{EKGR}merge/{hashlib.sha1(merge.node.encode('utf-8')).hexdigest()[:16]}>"
    return (f"{node} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{EKG}EntityMerge> .\n"
            f"{node} <{EKG}mergedNode> <{merge.node}> .\n{node} <{EKG}mergedInto> <{merge.into}> .\n"
            f'{node} <{EKG}rule> "{merge.rule}" .\n'
            f'{node} <{EKG}confidence> "{merge.confidence:g}"^^<{XSD_NS}decimal> .\n')


def link_entities(store: Store) -> int:
    """Merge the nodes that name one thing in every document graph and record each merge; returns the merges
    made. How a graph is rewritten is the store's affair (`Store.merge_node`). A store with an index gets it
    written anew from the names linked."""
    merges = [m for m in entity_merges(store) if store.merge_node(m.node, m.into)]
    if merges:
        store.record_merges("".join(merge_record(m) for m in merges))
    if store.keeps_index():
        write_index(store, store_names(store))
    return len(merges)


# ---------------------------------------------------------------- one name per language

_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_PREF, _SKOS_ALT = ox.NamedNode(SKOS + "prefLabel"), ox.NamedNode(SKOS + "altLabel")


def label_forms(store: Store, nodes: list[str] | None = None
                ) -> tuple[dict[tuple[str, str], dict[ox.Literal, int]], dict[tuple[str, str], ox.Literal]]:
    """({(node, language): {label: how many document graphs give it}}, {(node, language): the lexicon's label}).
    A document's label is its skos:prefLabel, or the altLabel an earlier linking demoted it to (listed in the
    names graph) while some document still gives it; so the choice is made from the documents present, in
    whatever order they came. Three reads over the store, none per node; of `nodes` only when given, and then
    the labels of each read once from the merge, and counted only where a choice reads the counts (two labels or
    more, none the lexicon's: `chosen_names`), the others 0: "Россия", the lexicon's, named by 4,533 documents
    at 10,000, took 10 ms to count for each build naming it."""
    only = values_clause("e", nodes)
    skip = ", ".join(f"<{g}>" for g in NOT_DOCUMENTS)
    lexicon = {(r["e"].value, r["l"].language): r["l"] for r in store.query(
        f"SELECT ?e ?l WHERE {{ {only} GRAPH <{ONTOLOGY_GRAPH}> {{ ?e skos:prefLabel ?l }} }}")}
    forms: dict[tuple[str, str], dict[ox.Literal, int]] = {}

    def count(where: str) -> None:
        for r in store.query(f"""SELECT ?e ?l (COUNT(DISTINCT ?g) AS ?n) WHERE {{ {where}
                GRAPH ?g {{ ?e skos:prefLabel ?l }} FILTER(?g NOT IN ({skip})) }} GROUP BY ?e ?l"""):
            forms.setdefault((r["e"].value, r["l"].language), {})[r["l"]] = int(r["n"].value)
    if nodes is None:
        count("")
    else:
        for r in store.query(f"""SELECT ?e ?l WHERE {{ {only} ?e skos:prefLabel ?l
                FILTER EXISTS {{ GRAPH ?g {{ ?e skos:prefLabel ?l }} FILTER(?g NOT IN ({skip})) }} }}"""):
            forms.setdefault((r["e"].value, r["l"].language), {})[r["l"]] = 0
    demoted = [((r["e"].value, r["l"].language), r["l"], int(r["n"].value)) for r in store.query(
        f"""SELECT ?e ?l (COUNT(DISTINCT ?g) AS ?n) WHERE {{ {only}
            GRAPH <{NAMES_GRAPH}> {{ ?e skos:altLabel ?l }} GRAPH ?g {{ ?e skos:altLabel ?l }}
            FILTER(?g NOT IN ({skip})) }} GROUP BY ?e ?l""")]
    if nodes is not None:
        for key, label, _ in demoted:
            forms.setdefault(key, {}).setdefault(label, 0)
        ranked = sorted({e for (e, language), found in forms.items() if (e, language) not in lexicon and len(found) > 1})
        if ranked:
            count(values_clause("e", ranked))
    for key, label, n in demoted:
        found = forms.setdefault(key, {})
        found[label] = found.get(label, 0) + n
    return forms, lexicon


def contested(store: Store, forms: dict, lexicon: dict, nodes: list[str] | None = None) -> list[tuple[str, str]]:
    """The (node, language) pairs that need a chosen name: documents (or the lexicon) give two labels, or an
    earlier linking chose one (it stays in the names graph while a document still names the node)."""
    chosen_before = {(r["e"].value, r["l"].language) for r in store.query(
        f"SELECT ?e ?l WHERE {{ {values_clause('e', nodes)} GRAPH <{NAMES_GRAPH}> {{ ?e skos:prefLabel ?l }} }}")}
    return sorted(key for key, found in forms.items()
                  if len(set(found) | ({lexicon[key]} if key in lexicon else set())) > 1 or key in chosen_before)


def name_rank(label: ox.Literal, count: int, lexicon: ox.Literal | None) -> tuple:
    """Sort key of a candidate name, best first: the lexicon's; in the script of its language (Cyrillic for
    ru: "Лента.ру" before "Lenta.ru"); capitalised ("Сборная России" before "сборная России"); a Russian
    label in the nominative (kg.geo.nominative: "Новороссийск" before "Новороссийске"); given by more
    documents; then the label itself, so the choice depends on the set of documents only."""
    from kg.geo import nominative
    text, language = label.value, label.language or ""
    russian = language == "ru"
    return (label != lexicon, bool(_CYRILLIC.search(text)) != russian, not text[:1].isupper(),
            russian and nominative(text).casefold() != text.casefold(), -count, text)


def chosen_names(store: Store, nodes: list[str] | None = None) -> tuple[list[tuple[str, ox.Literal]], str]:
    """([(node, its one prefLabel in a language)], the names graph's N-Triples: each chosen label as the
    node's skos:prefLabel, the other forms the documents gave as its skos:altLabels). Of `nodes` only when
    given: a node's choice reads that node's labels alone."""
    forms, lexicon = label_forms(store, nodes)
    chosen, lines = [], []
    for node, language in contested(store, forms, lexicon, nodes):
        found, lex = forms[(node, language)], lexicon.get((node, language))
        best = lex if lex is not None else min(found, key=lambda f: name_rank(f, found[f], lex))
        chosen.append((node, best))
        subject = ox.NamedNode(node)
        lines.append(f"{ox.Triple(subject, _PREF, best)} .\n")
        lines.extend(f"{ox.Triple(subject, _SKOS_ALT, form)} .\n" for form in sorted(found, key=str) if form != best)
    return chosen, "".join(lines)


def choose_names(store: Store, nodes: list[str] | None = None) -> int:
    """One skos:prefLabel per language for every node: documents that name a node differently ("НАСА" and
    "NASA", a city in two cases) keep their forms as skos:altLabels, the chosen one is the node's prefLabel
    in the names graph (`NAMES_GRAPH`, rewritten whole). Returns the nodes' labels chosen. With `nodes`
    (`named_nodes`: those a build's documents name), only theirs are chosen again and replaced in the names
    graph: every other node's labels are as the last choice left them."""
    if nodes is not None and not nodes:
        return 0
    chosen, ntriples = chosen_names(store, nodes)
    store.relabel(chosen)
    if nodes is None:
        store.replace_names(ntriples)
    else:
        store.update_names(nodes, ntriples)
    return len(chosen)


def named_nodes(store, docs: list[str], merges: list[Merge]) -> list[str]:
    """The nodes whose chosen names a build of `docs` may change: those the documents label now (after
    linking), those their earlier versions labelled (`Store.named_before`), and the nodes merged."""
    nodes = set(store.named_before()) | {n for m in merges for n in (m.node, m.into)}
    if docs:
        nodes |= {r["e"].value for r in store.query(f"""SELECT DISTINCT ?e WHERE {{ {values_clause("g", docs)}
            GRAPH ?g {{ ?e skos:prefLabel|skos:altLabel ?l }} FILTER(isIRI(?e)) }}""")}
    return sorted(nodes)


def link_if_pending(store: Store) -> int:
    """Link when documents were written since the last linking (a build killed before it linked included),
    then clear the marker; returns the merges made. Only the written documents' names when the store says
    which they were (`Store.pending_documents`), else the whole store."""
    if not store.link_pending():
        return 0
    from kg.event_link import link_events
    docs = store.pending_documents()
    merges, moved = new_merges(store, docs) if docs is not None else (None, None)
    done = link_entities(store) if merges is None else len(merges)
    # after the entities: reports share a participant once its nodes are one
    link_events(store, None if merges is None else docs, {m.into for m in merges or ()}, moved)
    choose_names(store, None if merges is None or not store.keeps_index() else named_nodes(store, docs, merges))
    store.set_link_pending(False)
    return done


def link_store_at(path: str) -> int:
    """`link_if_pending` on the local store at `path`, in a process of its own (`kg.build.link`)."""
    from kg.stores.local import LocalStore
    store = LocalStore(path)
    try:
        return link_if_pending(store)
    finally:
        store.close()


# ---------------------------------------------------------------- the index: linking k new documents

_KEY, _LABEL, _ALT = (ox.NamedNode(EKG + n) for n in ("identityKey", "identityLabel", "identityAltLabel"))
_GROUP, _ANCHORED, _STATES = (ox.NamedNode(EKG + n) for n in ("identityGroup", "identityAnchored", "stateNames"))
_SAME = ox.NamedNode(EKG + "identitySameAs")


def _node_quads(name: Name, vocab) -> list[ox.Quad]:
    """What the index holds of one node: its name as linking reads it (`store_names`) and its keys."""
    s = ox.NamedNode(name.node)
    quads = [ox.Quad(s, _GROUP, ox.Literal(name.group), INDEX), ox.Quad(s, _LABEL, ox.Literal(name.label), INDEX)]
    quads += [ox.Quad(s, _ALT, ox.Literal(a), INDEX) for a in name.alt_labels]
    quads += [ox.Quad(s, _KEY, ox.Literal(k), INDEX) for k in sorted(index_keys(name, vocab))]
    if name.anchored:
        quads.append(ox.Quad(s, _ANCHORED, ox.Literal(True), INDEX))
    quads += [ox.Quad(s, _SAME, ox.NamedNode(i), INDEX) for i in name.same_as]
    return quads


def write_index(store, names: list[Name]) -> None:
    """The index of a linked store: every node's name and keys, and the states names may end with."""
    grammar = _grammar()
    states = state_names([n for n in names if n.group == "place"])
    vocab = words_of([], grammar.legal_forms, grammar.name_function_words, states, grammar.compound_parts,
                     grammar.place_kind_nouns)
    quads = [_states_quad(states)]
    for name in names:
        quads += _node_quads(name, vocab)
    store.replace_index(quads)


def indexed_name(store, node: str) -> Name | None:
    """A node's name as the index holds it, None when it holds none."""
    quads = store.index_quads(ox.NamedNode(node))
    if not quads:
        return None
    by = {}
    for q in quads:
        by.setdefault(q.predicate, []).append(q.object.value)
    return Name(node, by[_GROUP][0], by[_LABEL][0], tuple(sorted(by.get(_ALT, ()))), _ANCHORED in by,
                tuple(sorted(by.get(_SAME, ()))))


def new_names(store, docs: list[str]) -> dict[str, Name]:
    """The people, organisations, places and assets of `docs` as `store_names` would read them from the
    whole store: their names in these graphs joined with what the index holds of them."""
    groups = class_groups(store)
    kinds: dict[str, str] = {}
    prefs: dict[str, set[str]] = {}
    for r in store.query(f"""SELECT DISTINCT ?e ?c ?l WHERE {{ {values_clause("g", docs)}
            GRAPH ?g {{ ?e a ?c ; skos:prefLabel ?l FILTER(lang(?l) = "ru") }} }}"""):
        group = groups.get(r["c"].value)
        if group:
            node = r["e"].value
            kinds[node] = min(kinds.get(node, group), group)
            prefs.setdefault(node, set()).add(r["l"].value)
    for node in local_nodes(store, values_clause("e", kinds), docs) if kinds else ():
        kinds.pop(node)
    if not kinds:
        return {}
    nodes = values_clause("e", kinds)
    alts: dict[str, set[str]] = {}
    for r in store.query(f"""SELECT ?e ?l WHERE {{ {nodes} ?e skos:altLabel ?l
            FILTER(lang(?l) = "ru") }}"""):   # over the merge, as store_names reads them: the lexicon's too
        alts.setdefault(r["e"].value, set()).add(r["l"].value)
    anchored = {r["e"].value for r in store.query(
        f"SELECT DISTINCT ?e WHERE {{ {nodes} GRAPH <{ONTOLOGY_GRAPH}> {{ ?e skos:prefLabel ?l }} }}")}
    same = same_as_of(store, nodes, kinds)
    names = {}
    for node, group in sorted(kinds.items()):
        old = indexed_name(store, node)
        labels = prefs[node] | ({old.label} if old else set())
        label = min(labels)
        others = (labels | alts.get(node, set()) | set(old.alt_labels if old else ())) - {label}
        items = same.get(node, set()) | set(old.same_as if old else ())
        names[node] = Name(node, min(group, old.group) if old else group, label, tuple(sorted(others)),
                           node in anchored, tuple(sorted(items)))
    return names


def new_merges(store, docs: list[str]) -> tuple[list[Merge] | None, set[str] | None]:
    """Link the names of `docs` (just written) with the store's, through the index: the merges made and
    recorded, and the nodes merged into whose merged node other documents named too (the index held it: their
    events now name the node merged into); None, None when the whole store must be linked (see the module's
    docstring)."""
    names = new_names(store, docs) if docs else {}
    before = [n for n in store.named_before() if n not in names]
    fresh = {n.node: n for n in node_names(store, before)} if before else {}
    names.update(fresh)       # an earlier version's names gone: the node read again, over the merge
    gone = {n: None for n in before if n not in fresh}
    lexicon_gone = any(store.index_quads(ox.NamedNode(n), _ANCHORED) for n in gone)
    if not names and not lexicon_gone:
        if gone:
            store.update_index([q for n in gone for q in store.index_quads(ox.NamedNode(n))], [])
        return [], set()
    [states_quad] = store.index_quads(INDEX, _STATES) or [None]
    if states_quad is None:
        return None, None
    old_states = json.loads(states_quad.object.value)
    states = tuple(tuple(pair) for pair in old_states)
    if lexicon_gone or any(n.anchored and n.group == "place" and indexed_name(store, n.node) != n
                           for n in names.values()):
        states = _lexicon_states(store, names, gone)   # a lexicon place new to the store, with a new name, or gone
    grammar = _grammar()
    vocab = words_of([], grammar.legal_forms, grammar.name_function_words, states, grammar.compound_parts,
                     grammar.place_kind_nouns)
    rekeyed = _rekeyed(store, names, {tuple(pair) for pair in old_states} ^ set(states), vocab, gone)
    names.update(rekeyed)
    keys = set().union(*(index_keys(n, vocab) for n in names.values()))
    met = {q.subject.value for k in sorted(keys) for q in store.index_quads(None, _KEY, ox.Literal(k))}
    known = {node: indexed_name(store, node) for node in sorted(met - set(names))}
    together = {**{n: v for n, v in known.items() if v is not None}, **names}
    merges = [m for m in resolve(together.values(), grammar.legal_forms, grammar.name_function_words,
                                 states=states, keys=keys, compounds=grammar.compound_parts,
                                 place_kinds=grammar.place_kind_nouns)
              if store.merge_node(m.node, m.into)]
    if merges:
        store.record_merges("".join(merge_record(m) for m in merges))
    moved = {m.into for m in merges if indexed_name(store, m.node) is not None}   # before its entry goes
    _update_index(store, together, merges, vocab, gone, rekeyed)
    if [list(pair) for pair in states] != old_states:
        store.update_index([states_quad], [_states_quad(states)])
    return merges, moved


def _states_quad(states) -> ox.Quad:
    return ox.Quad(INDEX, _STATES, ox.Literal(json.dumps(states, ensure_ascii=False)), INDEX)


def _lexicon_states(store, names: dict[str, Name], gone: dict) -> tuple[tuple[str, str], ...]:
    """`state_names` of the store's lexicon places once `names` are linked and the `gone` nodes are no more:
    the index's lexicon places (one read) with those of `names` as they are now."""
    labels: dict[str, set[str]] = {}
    for r in store.query(f"""SELECT ?e ?l WHERE {{ GRAPH <{INDEX.value}> {{
            ?e <{_ANCHORED.value}> ?a ; <{_GROUP.value}> "place" ; <{_LABEL.value}>|<{_ALT.value}> ?l }} }}"""):
        labels.setdefault(r["e"].value, set()).add(r["l"].value)
    # state_names reads every label alike: which is the prefLabel does not matter
    places = {node: Name(node, "place", "", tuple(sorted(ls)), True) for node, ls in labels.items() if node not in gone}
    places.update({n: name for n, name in names.items() if name.anchored and name.group == "place"})
    return state_names(list(places.values()))


def _rekeyed(store, names: dict[str, Name], changed: set[tuple[str, str]], vocab, gone: dict) -> dict[str, Name]:
    """The indexed nodes whose keys the changed states (`changed`: (key, node) pairs added or gone) change, with
    their names: a name's keys read the states of its last one or two words (`name_keys`), so only a label
    holding a changed state's last word can change. Those labels are found by a filter on the index's labels
    (one read; a key's word is the start of the folded word it is made from, `stems`), not by every node's keys."""
    if not changed:
        return {}
    starts = sorted({key.split(" ")[-1].split("-")[0] for key, _ in changed})
    found = " || ".join(f"CONTAINS(?f, {json.dumps(s, ensure_ascii=False)})" for s in starts)
    candidates = {r["e"].value for r in store.query(f"""SELECT DISTINCT ?e WHERE {{ GRAPH <{INDEX.value}> {{
            ?e ?p ?l FILTER(?p IN (<{_LABEL.value}>, <{_ALT.value}>)) }}
            BIND(REPLACE(LCASE(STR(?l)), "ё", "е") AS ?f) FILTER({found}) }}""")}
    rekeyed = {}
    for node in sorted(candidates - set(gone)):      # a gone node leaves the index, and joins nothing
        name = names.get(node) or indexed_name(store, node)
        if {q.object.value for q in store.index_quads(ox.NamedNode(node), _KEY)} != index_keys(name, vocab):
            rekeyed[node] = name
    return rekeyed


def _update_index(store, names: dict[str, Name], merges: list[Merge], vocab, gone: dict | None = None,
                  rekeyed: dict | None = None) -> None:
    """The new documents' nodes indexed as they are now; a merged node's entry gone, its names the kept
    node's other names (as `store_names` reads them after `Store.merge_node`); so are the `gone` nodes'
    (no document names them any more); the `rekeyed` nodes' keys made anew (the states changed)."""
    changed = {n: names[n] for n in names if n in (rekeyed or {}) or indexed_name(store, n) != names[n]} \
        | dict(gone or {})
    for m in merges:
        kept = changed.get(m.into, names[m.into])
        gone = names[m.node]
        others = (set(kept.alt_labels) | {gone.label} | set(gone.alt_labels)) - {kept.label}
        changed[m.into] = Name(kept.node, min(kept.group, gone.group), kept.label, tuple(sorted(others)),
                               kept.anchored, tuple(sorted(set(kept.same_as) | set(gone.same_as))))
        changed[m.node] = None
    remove = [q for node in changed for q in store.index_quads(ox.NamedNode(node))]
    add = [q for name in changed.values() if name is not None for q in _node_quads(name, vocab)]
    store.update_index(remove, add)
