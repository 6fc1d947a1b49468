"""The graph as a network for the view: entities and events as nodes, roles and relations as edges.

Reads the store with SPARQL (pyoxigraph only) into a networkx MultiDiGraph whose nodes carry what
the browser shows: labels in ru and en, the most specific class, its category in the ontology
(actor, asset, place, event) and provenance (source sentences, documents, dates). `focus` cuts the
neighbourhood of a node; `from_query` keeps what a SELECT or CONSTRUCT query returns.
"""
from __future__ import annotations

import difflib
import re
import statistics
from collections import defaultdict
from typing import NamedTuple

import networkx as nx
import pyoxigraph as ox

from kg import EKG, ONTOLOGY_GRAPH
from kg.stores.base import EVENT_MERGES_GRAPH, Store, values_clause
from ontology.terms import Category, category_of
# Predicates that are bookkeeping, not network edges.
_SKIP = {"http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "http://www.w3.org/2002/07/owl#sameAs",
         "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject", "http://www.w3.org/1999/02/22-rdf-syntax-ns#object"}
MAX_SOURCES = 20   # source sentences kept per node: enough to judge, small enough for 5,000 nodes
MERGED_BATCH = 1000  # events a query when the merged events of a page are looked up
_DOCS = f"FILTER(?g != <{ONTOLOGY_GRAPH}>)"
_ONT = f"<{ONTOLOGY_GRAPH}>"


def local_name(iri: str) -> str:
    return re.split(r"[#/]", iri.rstrip("/#"))[-1]


def _value(term) -> str | None:
    return None if term is None else term.value


class Vocabulary:
    """Class and property labels and the class hierarchy, read from the ontology graph in the store."""

    def __init__(self, store: Store):
        self.labels: dict[str, dict[str, str]] = defaultdict(dict)
        for r in store.query(f"SELECT ?c ?l WHERE {{ GRAPH {_ONT} {{ ?c rdfs:label ?l }} }}"):
            lang = r["l"].language or "en"
            self.labels[r["c"].value].setdefault(lang, r["l"].value)
        self.supers: dict[str, set[str]] = defaultdict(set)
        for r in store.query(f"SELECT ?c ?s WHERE {{ GRAPH {_ONT} {{ ?c rdfs:subClassOf+ ?s }} }}"):
            if isinstance(r["c"], ox.NamedNode) and isinstance(r["s"], ox.NamedNode):
                self.supers[r["c"].value].add(r["s"].value)

    def label(self, iri: str, lang: str = "en") -> str:
        labels = self.labels.get(iri, {})
        return labels.get(lang) or labels.get("en") or local_name(iri)

    def category(self, cls: str | None) -> Category:
        """The class's category as the view groups it (`Category.group`: states, people, organisations
        are actors), decided as extraction decides it (`ontology.terms.category_of`)."""
        return category_of({cls} | self.supers.get(cls, set()) if cls else ()).group

    def most_specific(self, types: set[str]) -> str | None:
        """The type no other type of the node specialises (ties: the project's own classes first)."""
        leaves = [t for t in types if not any(t in self.supers.get(o, ()) for o in types if o != t)]
        return min(leaves, key=lambda t: (not t.startswith(EKG), t)) if leaves else None


def _by_date_doc_begin(r) -> tuple:
    """ORDER BY ?date ?doc ?b, as SPARQL orders them (an unbound date first)."""
    return (r["date"] is not None, r["date"].value if r["date"] is not None else "", r["doc"].value,
            int(r["b"].value) if r["b"] is not None else -1)


def _node(iri: str, kind: str = "entity") -> dict:
    return {"iri": iri, "kind": kind, "label_ru": None, "label_en": None, "alt": [], "types": set(),
            "same_as": [], "sources": [], "documents": set(), "dates": set(), "date_text": None, "quote": None,
            "confidence": None}


def _add_source(node: dict, r, sentence_start, begin, end) -> None:
    """One provenance record: the sentence, the marked span inside it, its document and date. Every document
    is counted, even past the MAX_SOURCES records kept."""
    node["documents"].add(r["doc"].value)
    if len(node["sources"]) >= MAX_SOURCES:
        return
    text = r["sentence"].value
    mark = None
    if begin is not None and sentence_start is not None:
        a, b = int(begin.value) - int(sentence_start.value), int(end.value) - int(sentence_start.value)
        if 0 <= a < b <= len(text):
            mark = [a, b]
    source = {"doc": r["doc"].value, "headline": _value(r["headline"]), "date": _value(r["date"]),
              "url": _value(r["url"]), "sentence": text, "mark": mark}
    if source not in node["sources"]:
        node["sources"].append(source)


SCOPE = "#SCOPE#"   # where a query over document graphs says which (`select`)
SCOPE_BATCH = 25    # document graphs a query when a query is scoped to some of them (`select`)


def select(store: Store, text: str, graphs: list[str] | None = None, order=None) -> list:
    """The rows of a query whose `GRAPH ?g { … }` is preceded by SCOPE: over every document graph, or over
    `graphs` only, SCOPE_BATCH of them a query (`scoped`), the rows of all put in `order` (a key) when the query
    had an ORDER BY."""
    if graphs is None:
        return list(store.query(text.replace(SCOPE, _DOCS)))
    graphs = sorted(graphs)
    rows = []
    for k in range(0, len(graphs), SCOPE_BATCH):
        rows.extend(store.query(scoped(text, graphs[k:k + SCOPE_BATCH])))
    return sorted(rows, key=order) if order else rows


def scoped(text: str, graphs: list[str]) -> str:
    """The query with its `SCOPE GRAPH ?g { … }` group (which holds no brace in a literal) made a UNION of the
    group over each of `graphs`, `GRAPH <g>` with ?g bound to <g>: a VALUES ?g over 10 graphs took 36 s on a
    store of 3,000 documents, GRAPH <g> 0.01 s each, and the UNION of 25 or 100 of them as long as they do one
    query each (so a view over a server makes a query per 25 graphs, not one per graph)."""
    head = f"{SCOPE} GRAPH ?g {{"
    start = text.index(head)
    depth = 0
    for end in range(start + len(head) - 1, len(text)):
        depth += {"{": 1, "}": -1}.get(text[end], 0)
        if depth == 0:
            break
    body = text[start + len(head):end]
    iris = [str(ox.NamedNode(g)) for g in graphs]
    union = " UNION ".join(f"{{ BIND({iri} AS ?g) GRAPH {iri} {{{body}}} }}" for iri in iris)
    return f"{text[:start]}{{ {union} }}{text[end + 1:]}"


def read_network(store: Store, graphs: list[str] | None = None) -> nx.MultiDiGraph:
    """Every entity (anything with a skos:prefLabel in a document graph) and event, with their edges; of the
    document graphs `graphs` only, when given (a page of the store: what it reads, and its memory, are the
    page's, whatever the size of the store)."""
    scope = SCOPE
    vocab = Vocabulary(store)
    nodes: dict[str, dict] = {}
    for r in select(store, f"SELECT DISTINCT ?n ?l WHERE {{ {scope} GRAPH ?g {{ ?n skos:prefLabel ?l }} }}", graphs):
        node = nodes.setdefault(r["n"].value, _node(r["n"].value))
        language = r["l"].language
        key = "label_ru" if language == "ru" else "label_en"
        if language == "en" or not node[key]:     # an English name before a romanisation (ru-latn)
            node[key] = r["l"].value
    for r in select(store, f"""SELECT DISTINCT ?e WHERE {{ {scope} GRAPH ?g {{ ?e a ?t }}
                              GRAPH {_ONT} {{ ?t rdfs:subClassOf* sem:Event }} }}""", graphs):
        nodes[r["e"].value] = _node(r["e"].value, "event")
    for r in select(store, f"SELECT DISTINCT ?n ?t WHERE {{ {scope} GRAPH ?g {{ ?n a ?t }} }}", graphs):
        if r["n"].value in nodes and isinstance(r["t"], ox.NamedNode):
            nodes[r["n"].value]["types"].add(r["t"].value)
    for r in select(store, f"SELECT DISTINCT ?n ?a WHERE {{ {scope} GRAPH ?g {{ ?n skos:altLabel ?a }} }}", graphs):
        if r["n"].value in nodes:
            nodes[r["n"].value]["alt"].append(r["a"].value)
    for r in select(store, f"SELECT DISTINCT ?n ?w WHERE {{ {scope} GRAPH ?g {{ ?n owl:sameAs ?w }} }}", graphs):
        if r["n"].value in nodes:
            nodes[r["n"].value]["same_as"].append(r["w"].value)
    # Provenance of entities: the sentences of their mentions.
    for r in select(store, f"""
        SELECT ?n ?sentence ?s0 ?b ?e ?doc ?headline ?date ?url WHERE {{ {scope} GRAPH ?g {{
            ?m itsrdf:taIdentRef ?n ; nif:beginIndex ?b ; nif:endIndex ?e ; nif:sentence ?s .
            ?s nif:anchorOf ?sentence ; nif:beginIndex ?s0 ; nif:referenceContext ?doc .
            OPTIONAL {{ ?doc schema:headline ?headline }} OPTIONAL {{ ?doc schema:datePublished ?date }}
            OPTIONAL {{ ?doc schema:url ?url }} }}
        }} ORDER BY ?date ?doc ?b""", graphs, _by_date_doc_begin):
        node = nodes.get(r["n"].value)
        if node is not None:
            _add_source(node, r, r["s0"], r["b"], r["e"])
            if r["date"] is not None:
                node["dates"].add(r["date"].value)
    # Events: their sentence, trigger, dates and confidence.
    for r in select(store, f"""
        SELECT ?n ?sentence ?s0 ?b ?e ?doc ?headline ?date ?url ?from ?to ?text ?quote ?conf WHERE {{ {scope} GRAPH ?g {{
            ?n ekg:sourceDocument ?doc ; prov:wasDerivedFrom ?s .
            ?s nif:anchorOf ?sentence ; nif:beginIndex ?s0 .
            OPTIONAL {{ ?n ekg:trigger ?t . ?t nif:beginIndex ?b ; nif:endIndex ?e }}
            OPTIONAL {{ ?doc schema:headline ?headline }} OPTIONAL {{ ?doc schema:datePublished ?date }}
            OPTIONAL {{ ?doc schema:url ?url }}
            OPTIONAL {{ ?n sem:hasEarliestBeginTimeStamp ?from }} OPTIONAL {{ ?n sem:hasLatestEndTimeStamp ?to }}
            OPTIONAL {{ ?n ekg:dateText ?text }} OPTIONAL {{ ?n ekg:quote ?quote }}
            OPTIONAL {{ ?n ekg:confidence ?conf }} }} }}""", graphs):
        node = nodes.get(r["n"].value)
        if node is None or node["kind"] != "event":
            continue
        _add_source(node, r, r["s0"], r["b"], r["e"])
        when = [t.value for t in (r["from"], r["to"]) if t is not None] or ([r["date"].value] if r["date"] else [])
        node["dates"].update(when)
        node["date_text"] = _value(r["text"])
        node["quote"] = _value(r["quote"])
        node["confidence"] = float(r["conf"].value) if r["conf"] is not None else None

    merged = merged_events(store, nodes, whole=graphs is None)
    reports = _fold_reports(nodes, merged)
    graph = nx.MultiDiGraph()
    graph.graph["merged_events"] = merged
    graph.graph["reports"] = reports
    for iri, node in nodes.items():
        cls = vocab.most_specific(node["types"])
        category = Category.EVENT if node["kind"] == "event" else vocab.category(cls)
        if node["kind"] == "event":
            node["label_en"], node["label_ru"] = vocab.label(cls, "en"), vocab.label(cls, "ru")
        graph.add_node(iri, **{**node, "types": sorted(node["types"]), "dates": sorted(node["dates"]),
                               "documents": sorted(node["documents"]), "alt": sorted(set(node["alt"])), "same_as": sorted(set(node["same_as"])),
                               "cls": cls, "category": category,
                               "label_ru": node["label_ru"] or node["label_en"] or local_name(iri),
                               "label_en": node["label_en"] or node["label_ru"] or local_name(iri)})
    _add_edges(store, graph, vocab, graphs=graphs)
    graph.graph["classes"] = _classes(graph, vocab)
    graph.graph["vocab"] = vocab
    return graph


def _add_edges(store: Store, graph: nx.MultiDiGraph, vocab: Vocabulary,
               triples=None, known: nx.MultiDiGraph | None = None, graphs: list[str] | None = None) -> None:
    """Edges between nodes of `graph`, labelled by property, with the sentence a relation came from and the
    documents that state it. Given `triples` (a query's), sentence and documents come from the same edge of
    `known` (the whole network) when it has it."""
    scope = SCOPE
    said: dict[tuple, str] = {}
    stated_in: dict[tuple, set[str]] = defaultdict(set)
    reports = graph.graph.get("reports", {})
    one = _one_event(reports)
    if triples is None:
        for r in select(store, f"""SELECT DISTINCT ?s ?p ?o ?sentence ?g ?b WHERE {{ {scope} GRAPH ?g {{
                ?a rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?x .
                ?x nif:anchorOf ?sentence ; nif:beginIndex ?b }} }} ORDER BY ?g ?b""", graphs,
                        order=lambda r: (r["g"].value, int(r["b"].value))):   # the first saying it, of the first document
            said.setdefault(one(r["s"].value, r["p"].value, r["o"].value), r["sentence"].value)
        for r in select(store, f"""
            SELECT DISTINCT ?s ?p ?o ?g WHERE {{ {scope} GRAPH ?g {{ ?s ?p ?o FILTER(isIRI(?o)) }} }}
            ORDER BY ?s ?p ?o ?g""", graphs, order=lambda r: tuple(r[k].value for k in ("s", "p", "o", "g"))):
            s, p, o = r["s"].value, r["p"].value, r["o"].value
            if s in reports and reports[s]["sentence"] is not None:   # a report's role: that report's sentence,
                if reports[s]["main"]:                                  # the main report's if it states it
                    said[one(s, p, o)] = reports[s]["sentence"]
                else:
                    said.setdefault(one(s, p, o), reports[s]["sentence"])
            stated_in[one(s, p, o)].add(r["g"].value)
        triples = list(stated_in)
    elif known is not None:
        triples = [one(*t) for t in triples]
        for s, p, o in triples:
            if known.has_edge(s, o, p):
                edge = known.edges[s, o, p]
                stated_in[(s, p, o)].update(edge.get("documents", ()))
                if edge.get("sentence") is not None:
                    said.setdefault((s, p, o), edge["sentence"])
    for s, p, o in sorted(set(triples)):
        if s in graph and o in graph and s != o and p not in _SKIP:
            sentence = said.get((s, p, o))
            if sentence is None and graph.nodes[s].get("sources"):  # an event's role: the event's sentence
                sentence = graph.nodes[s]["sources"][0]["sentence"]
            graph.add_edge(s, o, key=p, predicate=p, label_en=vocab.label(p, "en"),
                           label_ru=vocab.label(p, "ru"), sentence=sentence,
                           documents=sorted(stated_in.get((s, p, o), ())))


def merged_events(store: Store, nodes: dict[str, dict], whole: bool = True) -> dict[str, list[str]]:
    """{merged event IRI: its reports, the main report first} for every ekg:MergedEvent of the event-merges graph
    (`kg.event_link`) with at least two reports among the events read. `whole`: the events read are the whole
    store's, so the event-merges graph is read whole; else only the merged events of the events read, a batch of
    them a query (a page's view read every merged event of the store: its memory grew with the store)."""
    events = sorted(iri for iri, node in nodes.items() if node["kind"] == "event")
    batches = [None] if whole else [events[k:k + MERGED_BATCH] for k in range(0, len(events), MERGED_BATCH)]
    main: dict[str, str] = {}
    reports: dict[str, set[str]] = defaultdict(set)
    for batch in batches:
        for r in store.query(f"""SELECT ?m ?r ?main WHERE {{ {values_clause("r", batch)}
                GRAPH <{EVENT_MERGES_GRAPH}> {{ ?m ekg:hasReport ?r ; ekg:mainReport ?main }} }}"""):
            main[r["m"].value] = r["main"].value
            if nodes.get(r["r"].value, {}).get("kind") == "event":
                reports[r["m"].value].add(r["r"].value)
    return {m: [main[m], *sorted(rs - {main[m]})] for m, rs in sorted(reports.items())
            if main[m] in rs and len(rs) > 1}


def _fold_reports(nodes: dict[str, dict], merged: dict[str, list[str]]) -> dict[str, dict]:
    """The reports of each merged event become one node (in place): the merged event's IRI, the main report's
    class, date and confidence, every report's sentences and documents, `reports` their number and `report_iris`
    them. Returns {report IRI: {"merged": merged IRI, "sentence": its first sentence, "doc": its document}}, the
    provenance of each report the edges and the timeline keep."""
    reports: dict[str, dict] = {}
    for iri, members in merged.items():
        main = nodes[members[0]]
        node = {**main, "iri": iri, "types": set(main["types"]), "dates": set(main["dates"]), "alt": [],
                "same_as": [], "sources": [], "documents": set(), "reports": len(members), "report_iris": members}
        for report in members:
            data = nodes.pop(report)
            first = data["sources"][0] if data["sources"] else {}
            reports[report] = {"merged": iri, "main": report == members[0], "sentence": first.get("sentence"),
                               "doc": first.get("doc")}
            node["documents"] |= data["documents"]
            node["sources"] += [s for s in data["sources"] if s not in node["sources"]]
        nodes[iri] = node
    return reports


def _one_event(reports: dict[str, dict]):
    """(s, p, o) -> the same with each report of a merged event replaced by the merged event."""
    def one(s: str, p: str, o: str) -> tuple[str, str, str]:
        return (reports[s]["merged"] if s in reports else s, p, reports[o]["merged"] if o in reports else o)
    return one


def _classes(graph: nx.MultiDiGraph, vocab: Vocabulary) -> dict[str, dict]:
    """The classes shown, with labels and category: the legend, drawn from the ontology."""
    counts: dict[str, int] = defaultdict(int)
    for _, data in graph.nodes(data=True):
        counts[data["cls"] or ""] += 1
    return {cls: {"label_en": vocab.label(cls, "en") if cls else "untyped",
                  "label_ru": vocab.label(cls, "ru") if cls else "без класса",
                  "category": vocab.category(cls) if cls else Category.OTHER, "count": n}
            for cls, n in sorted(counts.items())}


def _restrict(graph: nx.MultiDiGraph, keep) -> nx.MultiDiGraph:
    sub = graph.subgraph(keep).copy()
    sub.graph.update(graph.graph)
    sub.graph["classes"] = _classes(sub, graph.graph["vocab"])
    return sub


def _fold(name: str) -> str:
    return name.strip().casefold().replace("ё", "е")


def find_nodes(graph: nx.MultiDiGraph, key: str) -> list[str]:
    """Nodes whose IRI, local name or label (ru, en, alternative; any case) is `key`."""
    reports = graph.graph.get("reports", {})
    if key.strip() in reports:          # a report of a merged event: the event it is one of
        return [reports[key.strip()]["merged"]]
    wanted = _fold(key)
    found = []
    for iri, data in graph.nodes(data=True):
        names = {iri, local_name(iri), data["label_ru"], data["label_en"], *data["alt"]}
        if any(n and _fold(n) == wanted for n in names):
            found.append(iri)
    return sorted(found)


HUB_FACTOR = 10       # a node linked more than ten times as often as the median node is a hub ...
HUB_MIN_DEGREE = 10   # ... and more than ten times: in a small graph every node is near the median


def hubs(graph: nx.MultiDiGraph, factor: float = HUB_FACTOR) -> set[str]:
    """Nodes whose degree is far above the median of the linked nodes (Россия, США in the news): a
    neighbourhood taken through them is half the graph, so `focus` shows them but goes no further."""
    degrees = [d for _, d in graph.degree() if d]
    if not degrees:
        return set()
    limit = max(HUB_MIN_DEGREE, factor * statistics.median(degrees))
    return {n for n, d in graph.degree() if d > limit}


def neighbourhood(graph: nx.MultiDiGraph, centres: list[str], hops: int, stop: set[str]) -> set[str]:
    """The nodes within `hops` edges (either direction) of `centres`, not walking on from a node of `stop`
    (it is kept, its other neighbours are not) unless it is a centre."""
    keep, frontier = set(centres), list(centres)
    for _ in range(hops):
        reached = []
        for node in frontier:
            if node in stop and node not in centres:
                continue
            for other in (*graph.successors(node), *graph.predecessors(node)):
                if other not in keep:
                    keep.add(other)
                    reached.append(other)
        frontier = reached
    return keep


def focus(graph: nx.MultiDiGraph, key: str, hops: int = 2, hub_factor: float | None = HUB_FACTOR) -> nx.MultiDiGraph:
    """The nodes within `hops` edges of the node(s) named `key`, reaching hubs (`hubs`) but not through
    them; `hub_factor=None` walks through everything."""
    centres = find_nodes(graph, key)
    if not centres:
        names = sorted({d["label_en"] for _, d in graph.nodes(data=True)} |
                       {d["label_ru"] for _, d in graph.nodes(data=True)})
        close = difflib.get_close_matches(key, names, n=3)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise LookupError(f"no node is labelled or named {key!r}{hint}")
    stop = hubs(graph, hub_factor) if hub_factor is not None else set()
    sub = _restrict(graph, neighbourhood(graph, centres, hops, stop))
    for centre in centres:
        sub.nodes[centre]["focus"] = True
    for hub in stop & set(sub.nodes) - set(centres):
        if any(n not in sub for n in (*graph.successors(hub), *graph.predecessors(hub))):
            sub.nodes[hub]["hub"] = True     # the page says its other links are left out
    return sub


class Answer(NamedTuple):
    """What a query returned, read once: the triples of a CONSTRUCT or DESCRIBE (else None), or the rows of
    a SELECT (lists of terms, None where unbound)."""
    triples: list | None
    rows: list[list]

    def terms(self) -> list:
        """Every term it returned, in order (subjects and objects of the triples)."""
        if self.triples is not None:
            return [term for t in self.triples for term in (t.subject, t.object)]
        return [term for row in self.rows for term in row]


def read_answer(result) -> Answer:
    """A pyoxigraph result as an Answer; ValueError for an ASK's true or false, which is no network."""
    if isinstance(result, ox.QueryBoolean):
        raise ValueError("an ASK query returns true or false, not a network: use SELECT or CONSTRUCT")
    if isinstance(result, (ox.QueryTriples, list)):
        return Answer(list(result), [])
    return Answer(None, [list(row) for row in result])


def from_query(store: Store, graph: nx.MultiDiGraph, sparql: str, answer: Answer | None = None) -> nx.MultiDiGraph:
    """What a query returns, as a network; `answer` when it ran elsewhere (kg serve runs it in an Oxigraph
    child, under the endpoint's limits), else it runs on `store`.

    CONSTRUCT / DESCRIBE: exactly the returned triples (IRI objects as edges, literals shown on the node).
    SELECT: every IRI in the results, with the edges between them in the whole graph.
    """
    if answer is None:
        answer = read_answer(store.query(sparql))
    vocab = graph.graph["vocab"]
    reports = graph.graph.get("reports", {})

    def as_node(iri: str) -> str:
        """A report of a merged event stands for the merged event's node."""
        return reports[iri]["merged"] if iri in reports else iri
    if answer.triples is not None:
        triples = answer.triples
        keep = {as_node(t.subject.value) for t in triples if isinstance(t.subject, ox.NamedNode)}
        keep |= {as_node(t.object.value) for t in triples if isinstance(t.object, ox.NamedNode)}
        sub = nx.MultiDiGraph()
        sub.graph.update(graph.graph)
        for iri in keep:
            data = dict(graph.nodes[iri]) if iri in graph else {
                **_node(iri), "types": [], "dates": [], "documents": [], "cls": None, "category": Category.OTHER,
                "label_ru": local_name(iri), "label_en": local_name(iri)}
            data["facts"] = []
            sub.add_node(iri, **data)
        for t in triples:
            if isinstance(t.object, ox.Literal) and as_node(t.subject.value) in sub:
                sub.nodes[as_node(t.subject.value)]["facts"].append(   # the property's label in both languages
                    [vocab.label(t.predicate.value, "ru"), vocab.label(t.predicate.value), t.object.value])
        _add_edges(store, sub, vocab, [(t.subject.value, t.predicate.value, t.object.value) for t in triples
                                       if isinstance(t.object, ox.NamedNode)], known=graph)
        sub.graph["vocab"] = vocab
        sub.graph["classes"] = _classes(sub, vocab)
        return sub
    rows = answer.rows
    keep = {as_node(term.value) for row in rows for term in row if isinstance(term, ox.NamedNode)}
    named = label_index(graph)
    keep |= {iri for row in rows for term in row if isinstance(term, ox.Literal)
             for iri in named.get(_fold(term.value), ())}
    return _restrict(graph, keep & set(graph.nodes))


def label_index(graph: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Each label (ru, en, alternative; folded) -> the nodes it names: a question that returns names
    ("who attacked?" -> "ВСУ") shows the entities they name."""
    index: dict[str, list[str]] = defaultdict(list)
    for iri, data in graph.nodes(data=True):
        if data.get("kind") == "event":     # an event's label is its class: it names no event in particular
            continue
        for name in {data["label_ru"], data["label_en"], *data.get("alt", ())}:
            if name:
                index[_fold(name)].append(iri)
    return index
