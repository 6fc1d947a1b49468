"""The store in a directory: Oxigraph (pyoxigraph), with the merge of all graphs as its default graph.

Each document graph states the facts it was extracted from, so a fact that many articles repeat
("Казахстан" is a State, its labels) is in many graphs. Queried through a union of the graphs, every
copy joins with every copy of the next pattern, and an answer over thousands of articles took seconds
to minutes. So the default graph is kept as the merge of all named graphs, each triple once, and
queries read it; `GRAPH ?g` still reaches each document's own statements and provenance. Every write
updates both in the same transaction; a triple leaves the merge when no graph states it anymore.

Only pyoxigraph is imported here, so `kg query` starts fast; `rdflib()` imports rdflib when asked.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from kg import EKG, ONTOLOGY_GRAPH, PREFIXES
from kg.stores.base import (CONTENT_HASH, DIGEST, DROPPED, EVENT_MERGES_GRAPH, EXTRACTED_WITH, INDEX, LEGACY_FREE,
                            LINK_PENDING, LINK_PENDING_GRAPH, MERGES_GRAPH, NAMED_BEFORE, NAMES_GRAPH, NOT_DOCUMENTS,
                            ONTOLOGY_CHANGED, PENDING, RDFS_LABEL, SKOS, SOURCE_PATH, Store, StoreError,
                            TRIPLE_COUNT, WRITTEN, WriteRefused, count_literal, default_location,
                            loaded_ontology, ontology_digest, ontology_ntriples, ontology_sources)
from kg.stores.held import Held

MERGED_EVENT = ox.NamedNode(EKG + "mergedEvent")   # an ekg:EventMerge's merged event


# The triples of graph <g> that no other named graph states, removed from the merge (the default graph).
_UNMERGE = """DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }}
    FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {g}) }} }} ;
DROP SILENT GRAPH {g}"""

# `old` becomes `new` in every graph (as base.renamed_graph does it: a graph that names both keeps new's
# ekg:confidence only, one per graph); then the merge is brought in line for both nodes. The index graph and
# the merges graph are not documents': the index is linking's to keep (`kg.link`) and stays out of the merge; a
# merge record keeps the node it merged (a node merged again, its document rebuilt, was renamed in the record).
# Only the graphs that named `old` ({affected}) can add to the merge: the others' triples are in it already, and
# `new` may be in thousands of graphs; nor can the others hold a label of `new` as both its prefLabel and an
# altLabel, which no document graph is written with (kg.graph) and only the renaming makes (reading every graph
# naming "Дмитрий Медведев" took 25 ms at 10,000 documents, 1 ms at 1,000). Operations of one update apply in
# order, in one transaction.
_RENAME = """
DELETE {{ GRAPH ?g {{ {old} ?p ?o }} }} INSERT {{ GRAPH ?g {{ {new} ?q ?o }} }}
WHERE {{ GRAPH ?g {{ {old} ?p ?o }} {docs}
  BIND(IF(?p = <{conf}> && EXISTS {{ GRAPH ?g {{ {new} <{conf}> ?c }} }}, ?none, IF(?p IN (<{pref}>, <{label}>), <{alt}>, ?p)) AS ?q) }} ;
DELETE {{ GRAPH ?g {{ ?s ?p {old} }} }} INSERT {{ GRAPH ?g {{ ?s ?p {new} }} }} WHERE {{ GRAPH ?g {{ ?s ?p {old} }} {docs} }} ;
DELETE {{ GRAPH ?g {{ {new} <{alt}> ?l }} }} WHERE {{ {affected} GRAPH ?g {{ {new} <{alt}> ?l ; <{pref}> ?l }} }} ;
DELETE WHERE {{ GRAPH <{names}> {{ {old} ?p ?o }} }} ;
DELETE WHERE {{ {old} ?p ?o }} ;
DELETE WHERE {{ ?s ?p {old} }} ;
DELETE {{ {new} <{alt}> ?l }} WHERE {{ {new} <{alt}> ?l FILTER NOT EXISTS {{ GRAPH ?g {{ {new} <{alt}> ?l }} }} }} ;
INSERT {{ {new} ?p ?o }} WHERE {{ {affected} GRAPH ?g {{ {new} ?p ?o }} {docs} }} ;
INSERT {{ ?s ?p {new} }} WHERE {{ {affected} GRAPH ?g {{ ?s ?p {new} }} {docs} }}
"""

# `Store.relabel` for the (node, chosen label) pairs of {values}: each document graph's other prefLabels of the
# node in the label's language become altLabels, the chosen one demoted before (an altLabel of the names graph)
# is a prefLabel again; then the merge is brought in line for those nodes.
_RELABEL = """
DELETE {{ GRAPH ?g {{ ?n <{pref}> ?l }} }} INSERT {{ GRAPH ?g {{ ?n <{alt}> ?l }} }}
WHERE {{ VALUES (?n ?keep) {{ {values} }} GRAPH ?g {{ ?n <{pref}> ?l }}
  FILTER(lang(?l) = lang(?keep) && !sameTerm(?l, ?keep) && ?g NOT IN ({skip})) }} ;
DELETE {{ GRAPH ?g {{ ?n <{alt}> ?keep }} }} INSERT {{ GRAPH ?g {{ ?n <{pref}> ?keep }} }}
WHERE {{ VALUES (?n ?keep) {{ {values} }} GRAPH <{names}> {{ ?n <{alt}> ?keep }} GRAPH ?g {{ ?n <{alt}> ?keep }}
  FILTER(?g NOT IN ({skip})) }} ;
DELETE {{ ?n ?p ?l }} WHERE {{ VALUES (?n ?keep) {{ {values} }} VALUES ?p {{ <{pref}> <{alt}> }} ?n ?p ?l
  FILTER NOT EXISTS {{ GRAPH ?g {{ ?n ?p ?l }} }} }} ;
INSERT {{ ?n ?p ?l }} WHERE {{ VALUES (?n ?keep) {{ {values} }} VALUES ?p {{ <{pref}> <{alt}> }} GRAPH ?g {{ ?n ?p ?l }} }}
"""


def open_directory(path: Path, *, create: bool = True, read_only: bool = False) -> ox.Store:
    """The pyoxigraph Store of a directory, or a StoreError saying in one line why not."""
    if path.exists() and not path.is_dir():
        raise StoreError(f"cannot open store {path}: it is a file, not a store directory")
    if not path.exists() and (read_only or not create):
        raise StoreError(f"no store at {path} (build one first with `kg build`, or pass --store / set KG_STORE)")
    if path.is_dir() and any(path.iterdir()) and not (path / "CURRENT").exists():
        raise StoreError(f"cannot open store {path}: the directory is not empty and is not an Oxigraph store")
    try:
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except Exception as exc:  # OSError, RuntimeError("Corruption: ..."), ...
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise StoreError(f"cannot open store {path}: {reason}") from None


def nquads(ntriples: str, g: ox.NamedNode) -> str:
    """N-Triples as N-Quads: each triple once in graph g, once in the merge. Lines end at "\\n" only: a literal
    may hold \\f, \\v, U+2028 and other characters `str.splitlines` would split at (rdflib writes them raw)."""
    tail = f" {g} .\n"
    lines = [line for line in (raw.strip(" \t\r") for raw in ntriples.split("\n"))
             if line and not line.startswith("#")]
    return "".join(line[:-1].rstrip() + tail for line in lines) + "".join(line + "\n" for line in lines)


def _triples(ntriples: str) -> set[ox.Triple]:
    return {q.triple for q in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)} if ntriples else set()


class LocalStore(Store):
    """A store directory (default: $KG_STORE or ./kg-store). `oxigraph` is the pyoxigraph Store itself."""

    # RocksDB keeps writes in memory until a flush: without one every ~16 MB of N-Triples, a build's
    # memory grows with the size of the corpus (bench/RESULTS.md, "Figures behind settings in the code").
    # Linking's writes count too: indexing a 10,000-document store's events wrote 140,000 quads with no flush,
    # +270 MB (bench/RESULTS.md "A build's memory at 10,000 documents").
    FLUSH_BYTES = 16 << 20
    QUAD_BYTES = 100     # about what an index quad is as N-Quads, for FLUSH_BYTES

    # A build that wrote at least this share of the store's documents compacts it when it closes: queries then
    # read one sorted run per index instead of many overlapping files (faster: bench/RESULTS.md, "Figures
    # behind settings in the code"). A smaller update skips it, as compaction rewrites the whole store.
    OPTIMIZE_SHARE = 0.1

    def __init__(self, path: str | os.PathLike | None = None, *, create: bool = True, read_only: bool = False):
        self.path = Path(path if path is not None else default_location())
        # a store that exists is read through a read-only handle until the first write (`_writing`): an
        # unchanged rebuild never writes, and opening for writing cost it twice as much (bench/RESULTS.md)
        self.reading_only = not read_only and (self.path / "CURRENT").is_file()
        self.read_only = read_only
        # what an earlier unchanged rebuild learnt, while the directory is provably as it was then: until asked
        # what it does not know, RocksDB is not even opened (kg.stores.held). Taken before opening it.
        self.held = Held(self.path) if self.reading_only else None
        self.answered: dict[str, str] = {}       # documents `held_documents` said are held, to record
        self.asked_with: str | None = None       # with this ekg:extractedWith
        self.held_ontology: str | None = None    # the index's ontology digest, when it is the files'
        self._db = None
        if self.held is None or not self.held.valid:
            self._db = open_directory(self.path, create=create, read_only=read_only or self.reading_only)
        self.unflushed = 0
        self.written = 0     # documents written since opening
        self.sources = None  # kg.sources.Sources, read when the first document is written
        self.count: int | None = None   # document triples, read from the index when first needed
        self.ontology_digest: str | None = None   # of the files load_ontology read: the index keeps it
        self.ontology_triples = 0                 # and the triples they hold
        self.touched = False            # anything written since opening: only then is there something to flush
        # (a valid record was written by this code, which had made the merge when it opened the store)
        if self._db is not None and not read_only and not self.has_merge() and next(iter(self.db.named_graphs()), None):
            self._writing()
            self.db.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")   # an older store

    def __str__(self) -> str:
        return str(self.path)

    @property
    def db(self) -> ox.Store:
        """The pyoxigraph Store, opened at the first question the record of held documents does not answer."""
        if self._db is None:
            self._db = open_directory(self.path, read_only=self.reading_only)
        return self._db

    @property
    def oxigraph(self) -> ox.Store:
        """The pyoxigraph Store itself, open for writing unless the store was opened read-only (a caller may
        write through it)."""
        if not self.read_only:
            self._open_for_writing()
        return self.db

    def _open_for_writing(self) -> None:
        if self.reading_only:
            self._db = open_directory(self.path)   # RocksDB's read-only handle closes with its last reference
            self.reading_only = False
        # the record answers for the store as it was: not after this process's writes (an edited file's write
        # drops its earlier document, which another file of its name and old bytes would find in the record)
        self.held = None

    def _writing(self) -> None:
        """Before every write: the store open for writing, and marked as written (then it is flushed when it
        closes)."""
        self._open_for_writing()
        self.touched = True

    def has_merge(self) -> bool:
        """Whether the default graph holds the merge (a store written before it existed has only named graphs)."""
        return self._first(None, None, None, ox.DefaultGraph()) is not None

    # ------------------------------------------------------------ writing

    def _replace_graph(self, graph_iri: str, ntriples: str) -> None:
        """One transaction. A new graph: its triples are loaded into it and into the merge (`Store.load` is
        atomic, parses in Rust and skips SPARQL); an existing one: dropped, unmerged and inserted again."""
        g = ox.NamedNode(graph_iri)  # validates the IRI
        self._writing()
        try:
            if not self.db.contains_named_graph(g):
                self.db.load(nquads(ntriples, g), format=ox.RdfFormat.N_QUADS)
                return
            self.db.update(f"{_UNMERGE.format(g=g)} ;\nINSERT DATA {{ GRAPH {g} {{\n{ntriples}}} }} ;\n"
                                 f"INSERT DATA {{\n{ntriples}}}")
        except SyntaxError as exc:  # a bug in the serialisation: this document fails, the others go on
            raise WriteRefused(f"cannot write graph {graph_iri}: {' '.join(str(exc).split())}") from None
        except OSError as exc:
            raise StoreError(f"cannot write graph {graph_iri}: {exc}") from None

    def keeps_index(self) -> bool:
        return True

    def load_ontology(self, ontology_dir=None, files=None) -> int:
        """Every build loads it. The files' digest in the index says when it is unchanged (then nothing is
        parsed, compared or written: that cost 0.2 s whatever the store); else the graph is compared with the
        files, and rewritten only when they differ (rewriting cost 0.7 s)."""
        files = list(files) if files is not None else ontology_sources(ontology_dir)
        self.ontology_digest = ontology_digest(files)
        g = ox.NamedNode(ONTOLOGY_GRAPH)
        if self.held is not None and self.held.valid:
            stated = self.held.ontology
        else:
            found = self._first(INDEX, DIGEST, None, INDEX)
            stated = found.object.value if found is not None else None
        count = loaded_ontology(stated, self.ontology_digest)
        if count is not None:
            self.ontology_triples, self.held_ontology = count, stated
            return count
        ntriples, count = ontology_ntriples(ontology_dir, files)
        self.ontology_triples = count
        if not self._holds(g, ntriples):
            try:
                self._replace_graph(ONTOLOGY_GRAPH, ntriples)
            except WriteRefused as exc:
                raise StoreError(str(exc)) from None
            if self._first(None, None, None, INDEX) is not None:
                # classes, lexicon names and anchors changed: every key and choice may, the next linking reads all
                self.db.add(ox.Quad(INDEX, ONTOLOGY_CHANGED, ox.Literal(True), INDEX))
        if self._first(None, None, None, INDEX) is not None:
            self.update_index(self.index_quads(INDEX, DIGEST), [self._digest_quad()])
        return count

    def _digest_quad(self) -> ox.Quad:
        return ox.Quad(INDEX, DIGEST, ox.Literal(f"{self.ontology_digest} {self.ontology_triples}"), INDEX)

    def replace_document(self, doc_iri: str, ntriples: str) -> None:
        self.drop_superseded(doc_iri, ntriples)
        self._writing()
        g = ox.NamedNode(str(doc_iri))
        self._counted(0)   # the count as it was before this write
        before = self.graph_size(g)
        pending = self.db.contains_named_graph(PENDING)
        if pending and before:   # the nodes the earlier version named: their chosen names may change
            self.db.extend([ox.Quad(PENDING, NAMED_BEFORE, node, PENDING) for node in self._labelled(g)])
        self._replace_graph(str(doc_iri), ntriples)
        self._counted(self.graph_size(g) - before)
        if pending:   # a build's: linking reads these documents' names
            self.db.add(ox.Quad(PENDING, WRITTEN, g, PENDING))
        self.written += 1
        self._wrote(len(ntriples))

    def _wrote(self, size: int) -> None:
        """After a write of about `size` bytes of N-Triples: a flush every FLUSH_BYTES."""
        self.unflushed += size
        if self.unflushed > self.FLUSH_BYTES:
            self.db.flush()
            self.unflushed = 0

    def drop_superseded(self, doc_iri: str, ntriples: str) -> None:
        """The earlier documents of the same file, looked up by their ekg:sourcePath; a store that may hold
        documents keyed before content hashes (no index says otherwise) reads every path, as a server's does."""
        if self._first(INDEX, LEGACY_FREE, None, INDEX) is None:
            return super().drop_superseded(doc_iri, ntriples)
        from kg.sources import source_of
        source = source_of(doc_iri, ntriples)
        if source is None:
            return
        for q in list(self.db.quads_for_pattern(None, SOURCE_PATH, ox.Literal(source), None)):
            if q.graph_name == q.subject and q.subject.value != doc_iri:
                self.drop_graph(q.subject.value)

    def drop_graph(self, graph_iri: str) -> None:
        self._writing()
        g = ox.NamedNode(str(graph_iri))
        self._counted(0)
        before = self.graph_size(g)
        self.db.update(_UNMERGE.format(g=g))
        self._counted(-before)
        if self.db.contains_named_graph(PENDING):   # names went away: the next linking reads them all
            self.db.add(ox.Quad(PENDING, DROPPED, g, PENDING))

    def merge_node(self, old: str, new: str) -> bool:
        """One SPARQL update, touching only the triples that name the two nodes, the merge kept exact (and
        the triple count, from the sizes of the graphs that name `old` before and after). Document graphs
        only: the names graph's choice for `old` goes (the node is no more; `kg.link.choose_names` chooses
        again for `new`), not renamed into altLabels of `new` there; the other linking graphs are left."""
        node = ox.NamedNode(old)
        graphs = {q.graph_name for q in self.db.quads_for_pattern(node, None, None)} | \
                 {q.graph_name for q in self.db.quads_for_pattern(None, None, node)}
        graphs = [g for g in graphs if isinstance(g, ox.NamedNode) and g.value not in NOT_DOCUMENTS]
        self._counted(0)
        before = sum(self.graph_size(g) for g in graphs)
        self._writing()
        self.db.update(_RENAME.format(old=node, new=ox.NamedNode(new), pref=SKOS + "prefLabel", label=RDFS_LABEL,
                                            alt=SKOS + "altLabel", conf=EKG + "confidence",
                                            names=NAMES_GRAPH,
                                            docs="FILTER(?g NOT IN (" + ", ".join(f"<{g}>" for g in NOT_DOCUMENTS) + "))",
                                            affected="VALUES ?g { " + " ".join(str(g) for g in graphs) + " }"))
        self._counted(sum(self.graph_size(g) for g in graphs) - before)
        return True

    # ------------------------------------------------------------ what a build looks up instead of scanning

    def _holds(self, g: ox.NamedNode, ntriples: str) -> bool:
        """Whether graph g holds exactly these triples (none of them with a blank node, which would differ)."""
        triples = {q.triple for q in ox.parse(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)}
        if any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples):
            return False
        stored = {q.triple for q in self.db.quads_for_pattern(None, None, None, g)}
        return stored == triples   # and so is the merge: every write keeps it in line with the graphs

    def _first(self, subject, predicate, obj, graph) -> ox.Quad | None:
        """One quad matching the pattern, or None: whether there is any, without reading them all."""
        return next(iter(self.db.quads_for_pattern(subject, predicate, obj, graph)), None)

    def graph_size(self, g: ox.NamedNode) -> int:
        return sum(1 for _ in self.db.quads_for_pattern(None, None, None, g))

    def count_document_triples(self) -> int:
        skip = ", ".join(f"<{g}>" for g in NOT_DOCUMENTS)
        [row] = self.db.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                                    f"FILTER(?g NOT IN ({skip})) }}")
        return int(row["n"].value)

    def _save_count(self, create: bool = True) -> None:
        if self.count is None or self.read_only or not (create or self.db.contains_named_graph(INDEX)):
            return
        self._writing()
        for q in list(self.db.quads_for_pattern(INDEX, TRIPLE_COUNT, None, INDEX)):
            self.db.remove(q)
        self.db.add(ox.Quad(INDEX, TRIPLE_COUNT, count_literal(self.count), INDEX))

    def held_documents(self, wanted: dict[str, str], extracted_with: str) -> set[str]:
        """Two point lookups per document (`quad in store`: no iterator opened, no scan), whatever the store's
        size; the second only for a document whose hash is held. The batch's quads are parsed from one N-Quads
        text: a Quad made in Python with a literal in it cost ~2 µs (pyoxigraph tries the other kinds of term
        first), a fifth of the lookups' time, parsed about a third of that (bench/RESULTS.md, rebuild15)."""
        known = set()
        if self.held is not None and self.held.valid and self.held.extracted == extracted_with:
            known = {d for d, h in wanted.items() if self.held.documents.get(d) == h}
        if extracted_with != self.asked_with:
            self.answered, self.asked_with = {}, extracted_with
        self.answered.update((d, wanted[d]) for d in known)
        asked = [d for d in wanted if d not in known]
        if not asked:   # all in the record: the store is not opened
            return known
        done = ox.Literal(extracted_with)   # the IRIs are kg.iris.document_iri's: nothing to escape in them
        text = "".join(f"<{d}> {CONTENT_HASH} {ox.Literal(wanted[d])} <{d}> .\n<{d}> {EXTRACTED_WITH} {done} <{d}> .\n"
                       for d in asked)
        quads = iter(ox.parse(text, format=ox.RdfFormat.N_QUADS))
        found = {d for d, hashed, extracted in zip(asked, quads, quads) if hashed in self.db and extracted in self.db}
        self.answered.update((d, wanted[d]) for d in found)
        return known | found

    def pending_documents(self) -> list[str] | None:
        """The documents written since the last linking; None when one was removed, the ontology changed since
        the index was written, or the store has no index yet (written by an earlier version: linking reads it
        whole once, and writes the index)."""
        if self._first(PENDING, DROPPED, None, PENDING) is not None:
            return None
        if self._first(INDEX, ONTOLOGY_CHANGED, None, INDEX) is not None:
            return None
        if not self.db.contains_named_graph(INDEX) or \
                self._first(None, None, None, INDEX) is None:
            return None
        return sorted({q.object.value for q in self.db.quads_for_pattern(PENDING, WRITTEN, None, PENDING)})

    def named_before(self) -> list[str]:
        """The nodes that the earlier versions of the documents rewritten since the last linking labelled
        (renamed with them when linking merged them)."""
        return sorted({q.object.value for q in self.db.quads_for_pattern(PENDING, NAMED_BEFORE, None, PENDING)
                       if isinstance(q.object, ox.NamedNode)})

    def _labelled(self, g: ox.NamedNode) -> set[ox.NamedNode]:
        return {q.subject for p in (SKOS + "prefLabel", SKOS + "altLabel")
                for q in self.db.quads_for_pattern(None, ox.NamedNode(p), None, g)
                if isinstance(q.subject, ox.NamedNode)}

    def index_quads(self, subject=None, predicate=None, obj=None) -> list[ox.Quad]:
        """Quads of the index graph matching a pattern (None: any)."""
        return list(self.db.quads_for_pattern(subject, predicate, obj, INDEX))

    def update_index(self, remove: list[ox.Quad], add: list[ox.Quad]) -> None:
        self._writing()
        for q in remove:
            self.db.remove(q)
        self.db.extend(add)
        self._wrote(self.QUAD_BYTES * (len(remove) + len(add)))

    def replace_index(self, quads: list[ox.Quad]) -> None:
        """The whole index anew (after linking the whole store), the triple count kept."""
        self._writing()
        from kg.sources import is_legacy
        self.triple_count()    # read before the index that holds it is replaced
        hashes = self.stored_hashes()
        legacy = any(is_legacy(doc, hashes.get(doc)) for doc in self.documents())
        if self.db.contains_named_graph(INDEX):
            self.db.remove_graph(INDEX)
        self.db.add_graph(INDEX)
        self.db.extend(quads + ([] if legacy else [ox.Quad(INDEX, LEGACY_FREE, ox.Literal(True), INDEX)])
                             + ([self._digest_quad()] if self.ontology_digest else []))
        self._wrote(self.QUAD_BYTES * len(quads))
        self._save_count()

    def record_merges(self, ntriples: str) -> None:
        self._writing()
        self.db.load(nquads(ntriples, ox.NamedNode(MERGES_GRAPH)), format=ox.RdfFormat.N_QUADS)
        self._wrote(len(ntriples))

    def _drop_linking_graph(self, graph_iri: str) -> None:
        """Drop a graph that linking makes (not a document's): no document count changes, nothing to relink."""
        g = ox.NamedNode(graph_iri)
        if self.db.contains_named_graph(g):
            self._writing()
            self.db.update(_UNMERGE.format(g=g))

    def replace_event_merges(self, ntriples: str) -> None:
        if ntriples:
            self._replace_graph(EVENT_MERGES_GRAPH, ntriples)
            self._wrote(len(ntriples))
        else:
            self._drop_linking_graph(EVENT_MERGES_GRAPH)

    def relabel(self, chosen: list[tuple[str, ox.Literal]]) -> None:
        """One SPARQL update for all the nodes, touching only their labels, the merge kept exact."""
        if not chosen:
            return
        values = " ".join(f"({ox.NamedNode(node)} {label})" for node, label in chosen)
        skip = ", ".join(f"<{g}>" for g in NOT_DOCUMENTS)
        self._writing()
        self.db.update(_RELABEL.format(values=values, skip=skip, names=NAMES_GRAPH, pref=SKOS + "prefLabel",
                                             alt=SKOS + "altLabel"))

    def replace_names(self, ntriples: str) -> None:
        if ntriples:
            self._replace_graph(NAMES_GRAPH, ntriples)
            self._wrote(len(ntriples))
        else:
            self._drop_linking_graph(NAMES_GRAPH)

    def update_event_merges(self, merged: list[str], ntriples: str) -> None:
        """The event-merges graph's merged events `merged` and their ekg:EventMerge nodes replaced by these
        N-Triples (the clusters made again), the merge kept exact."""
        g = ox.NamedNode(EVENT_MERGES_GRAPH)
        events = [ox.NamedNode(m) for m in merged]
        joins = [q.subject for m in events for q in self.db.quads_for_pattern(None, MERGED_EVENT, m, g)]
        self._replace_about(EVENT_MERGES_GRAPH, events + joins, ntriples)

    def update_names(self, nodes: list[str], ntriples: str) -> None:
        """The names graph's triples about `nodes` replaced by these N-Triples, the merge kept exact."""
        if nodes:
            self._replace_about(NAMES_GRAPH, [ox.NamedNode(n) for n in nodes], ntriples)

    def _replace_about(self, graph: str, subjects: list[ox.NamedNode], ntriples: str) -> None:
        """The triples of `graph` about `subjects` replaced by these N-Triples; only the difference is written
        (a triple leaving the merge unless another graph states it), the graph dropped when it is left empty.
        A cluster that one new report joins is mostly as it was: a SPARQL delete of its triples and a load of
        them again cost 0.013 s for a cluster of 8 reports, 0.068 s for one of 41 (bench/RESULTS.md, addone17)."""
        g = ox.NamedNode(graph)
        old = {q.triple for s in subjects for q in self.db.quads_for_pattern(s, None, None, g)}
        new = _triples(ntriples)
        self._write_difference(g, old - new, new - old)

    def amend_event_merges(self, remove: str, add: str) -> None:
        self._write_difference(ox.NamedNode(EVENT_MERGES_GRAPH), _triples(remove), _triples(add))

    def _write_difference(self, g: ox.NamedNode, gone: set[ox.Triple], added: set[ox.Triple]) -> None:
        """These triples out of graph g (and out of the merge unless another graph states them), those in."""
        if not gone and not added:
            return
        self._writing()
        for t in gone:
            self.db.remove(ox.Quad(t.subject, t.predicate, t.object, g))
            if not any(isinstance(q.graph_name, ox.NamedNode)
                       for q in self.db.quads_for_pattern(t.subject, t.predicate, t.object)):
                self.db.remove(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()))
        self.db.extend([ox.Quad(t.subject, t.predicate, t.object, h) for t in added for h in (g, ox.DefaultGraph())])
        if self.db.contains_named_graph(g) and self._first(None, None, None, g) is None:
            self.db.remove_graph(g)
        self._wrote(self.QUAD_BYTES * 2 * (len(gone) + len(added)))

    def set_link_pending(self, pending: bool) -> None:
        self._writing()
        g = ox.NamedNode(LINK_PENDING_GRAPH)
        if pending:   # in its graph only, not in the merge: queries do not see it
            self.triple_count()    # read before the mark, which says the count may be stale
            self.db.load(LINK_PENDING, format=ox.RdfFormat.N_TRIPLES, to_graph=g)
        elif self.db.contains_named_graph(g):
            self.triple_count()    # counted, as a stopped build may not have saved it
            self._save_count(create=False)      # the index is linking's to make (kg.link.write_index)
            self.db.remove_graph(g)

    @contextmanager
    def lent(self):
        """Flushed and closed here (RocksDB lets one process open a store for writing) while another process
        writes it; opened again at the next use, the document triple count read again."""
        self.db.flush()
        self._db = None      # the last reference: RocksDB closes, its lock is released
        try:
            yield str(self.path)
        finally:
            self.count = None

    def link_pending(self) -> bool:
        if self.held is not None and self.held.valid:
            return False   # recorded only when no linking was pending, and nothing was written since
        return self.db.contains_named_graph(ox.NamedNode(LINK_PENDING_GRAPH))

    def _stored_count(self) -> int:
        if self.held is not None and self.held.valid:
            return self.held.count
        return super()._stored_count()

    # ------------------------------------------------------------ reading

    def query(self, sparql: str):
        """Over the merge; a store without it (written by an older version, opened read-only) is read
        through the union of its named graphs, where a fact stated in several documents comes once per document."""
        return self.db.query(sparql, use_default_graph_as_union=not self.has_merge(), prefixes=PREFIXES)

    def _document_graphs(self) -> list[ox.NamedNode]:
        return sorted((g for g in self.db.named_graphs()
                       if isinstance(g, ox.NamedNode) and g.value not in NOT_DOCUMENTS), key=lambda g: g.value)

    def _documents_at_most(self, n: int) -> bool:
        """Whether the store holds at most n documents, counting no further than n + 1 (a build of one document
        into a large store does not list its graphs)."""
        seen = 0
        for g in self.db.named_graphs():
            if isinstance(g, ox.NamedNode) and g.value not in NOT_DOCUMENTS:
                seen += 1
                if seen > n:
                    return False
        return True

    def documents(self) -> list[str]:
        return [g.value for g in self._document_graphs()]

    def quads(self, include_ontology: bool = False) -> list[ox.Quad]:
        graphs = self._document_graphs() + [ox.NamedNode(NAMES_GRAPH)] + (
            [ox.NamedNode(ONTOLOGY_GRAPH)] if include_ontology else [])
        return [q for g in graphs for q in self.db.quads_for_pattern(None, None, None, g)]

    def stored(self, name: str) -> dict[str, str]:
        """In one scan of one index. A build asks once instead of once per file: each lookup would open every
        file of the store and keep its index in memory."""
        predicate = ox.NamedNode(EKG + name)
        return {q.subject.value: q.object.value for q in self.db.quads_for_pattern(None, predicate, None, None)
                if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == q.subject.value}

    def default_graph_warning(self) -> str | None:
        return None  # `query` takes the union when there is no merge

    def _record_held(self) -> None:
        """After a build that wrote nothing, what it learnt from the store, for the next one (`kg.stores.held`):
        the documents it was told are held (its own files only: a record costs the next build ~0.3 µs a
        document, and a build of a few files after one of many reads less), when the index holds the
        ontology's digest and no linking is pending; nothing when the record says just that already."""
        held = self.held
        if held is None or self.asked_with is None or self.held_ontology is None:
            return
        if held.valid and held.extracted == self.asked_with and held.documents == self.answered:
            return
        if self.link_pending():
            return
        held.write(self.asked_with, self.held_ontology, self.triple_count(), self.answered)

    def rdflib(self):
        """An rdflib Dataset over this store (via oxrdflib); its default graph is the merge of all graphs."""
        from oxrdflib import OxigraphStore
        from rdflib import Dataset

        from kg.ns import bind_prefixes
        return bind_prefixes(Dataset(store=OxigraphStore(store=self.oxigraph), default_union=not self.has_merge()))

    def close(self) -> None:
        if self.read_only:
            return
        if not self.touched:   # an unchanged rebuild: nothing to flush (a flush cost 0.3 s whatever the store)
            self._record_held()
            return
        if not self.link_pending():
            self._save_count(create=False)
        self.db.flush()
        if self.written and self._documents_at_most(int(self.written / self.OPTIMIZE_SHARE)):
            self.db.optimize()
            self.written = 0
