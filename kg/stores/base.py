"""What every store offers the commands (the `Store` protocol), its errors, and what goes into the ontology graph.

A store holds one named graph per document, the ontology graph and, while a build has written documents it has
not linked yet, a one-triple marker graph. Documents are written in one format, N-Triples text as `kg.graph`
produces it; queries answer as pyoxigraph results.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Protocol

import pyoxigraph as ox

from kg import EKG, EKGR, ONTOLOGY_GRAPH
from ontology.terms import term

DEFAULT_STORE = "kg-store"
# Present while documents were written that `kg.link` has not yet linked across the store (a build killed
# after its last document leaves it behind, so the next build links even if every file is unchanged).
LINK_PENDING_GRAPH = EKGR + "store/link-pending"
LINK_PENDING = (f"<{LINK_PENDING_GRAPH}> <http://www.w3.org/2000/01/rdf-schema#comment> "
                f'"documents were written after the last cross-document linking" .\n')
# What cross-document linking merged, by which rule, with which confidence (`kg.link`): one ekg:EntityMerge per
# node merged. A graph of its own, so that rebuilding a document never touches it and it can be read or undone.
MERGES_GRAPH = EKGR + "store/merges"
# Which reports of different documents are one event (`kg.event_link`): ekg:MergedEvent and ekg:EventMerge
# records, made again from the documents at each linking and replaced whole; dropping it undoes every event merge.
EVENT_MERGES_GRAPH = EKGR + "store/event-merges"
# The one skos:prefLabel per language of each entity that documents name differently ("Лента.ру" and "Lenta.ru",
# "Сборная России" and "сборная России"), chosen by `kg.link.choose_names` from every document's form, with the
# forms the documents gave as skos:altLabels; rewritten whole at each linking, never touched by a rebuild.
NAMES_GRAPH = EKGR + "store/names"
# Every document graph is named under this namespace (`kg.graph.doc_iri`). A server shared with others, or one
# with graphs of its own (Virtuoso keeps its system graphs beside the data), holds graphs that are not ours.
DOCUMENT_GRAPHS = EKGR + "doc/"
# What a local store keeps so that a build adding k documents costs what they cost, not what the store holds
# (`kg.stores.local`, `kg.link`): the count of document triples, kept up to date by every write, and the
# identity keys of every person, organisation, place and asset node (`extract.identity.index_keys`), so that
# linking reads only the nodes whose keys the new documents' names share.
INDEX_GRAPH = EKGR + "store/index"
NOT_DOCUMENTS = (ONTOLOGY_GRAPH, LINK_PENDING_GRAPH, MERGES_GRAPH, EVENT_MERGES_GRAPH, NAMES_GRAPH, INDEX_GRAPH)
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"

# In the index graph: the digest of the ontology files the ontology graph was loaded from, and its triple count
# ("<sha256> <count>"), so that a build whose ontology is unchanged neither parses the files nor compares or
# counts the graph (`ontology_digest`, `loaded_ontology`).
ONTOLOGY_DIGEST = EKG + "ontologyDigest"

# What the index graph and the link-pending graph hold, the same in the local and the remote store: the count
# of document triples, whether the ontology changed since the index was written, whether every document key
# holds its content hash; the documents written or removed since the last linking, and the nodes a rewritten
# document's earlier version labelled. Store bookkeeping, not the ontology's terms; the document's own
# (ekg:contentHash, ekg:extractedWith, ekg:sourcePath) come from `ontology.terms`, which fails on a typo.
INDEX = ox.NamedNode(INDEX_GRAPH)
PENDING = ox.NamedNode(LINK_PENDING_GRAPH)
TRIPLE_COUNT, WRITTEN, DROPPED, ONTOLOGY_CHANGED, NAMED_BEFORE, LEGACY_FREE = (ox.NamedNode(EKG + n) for n in (
    "tripleCount", "writtenDocument", "droppedDocument", "ontologyChanged", "namedBefore", "noLegacyDocuments"))
DIGEST = ox.NamedNode(ONTOLOGY_DIGEST)
CONTENT_HASH, EXTRACTED_WITH, SOURCE_PATH = (ox.NamedNode(term(n)) for n in ("contentHash", "extractedWith",
                                                                              "sourcePath"))
# Every document graph, found by the content hash each holds of itself (an index lookup): a DISTINCT ?g over
# every quad read the whole store, 8.6 s at 10,000 documents
DOCUMENTS_QUERY = (f'SELECT ?g WHERE {{ GRAPH ?g {{ ?g <{CONTENT_HASH.value}> ?h }} '
                   f'FILTER(STRSTARTS(STR(?g), "{DOCUMENT_GRAPHS}")) }}')


def loaded_ontology(stated: str | None, digest: str) -> int | None:
    """The ontology graph's triple count when the index states it was loaded from files of this digest."""
    found = (stated or "").split()
    return int(found[1]) if len(found) == 2 and found[0] == digest and found[1].isdigit() else None


def ontology_digest(files: Iterable[Path]) -> str:
    """SHA-256 of the ontology files' names and bytes: what the ontology graph is made from."""
    import hashlib
    digest = hashlib.sha256()
    for f in files:
        try:
            digest.update(Path(f).name.encode("utf-8") + b"\0" + Path(f).read_bytes() + b"\0")
        except OSError as exc:
            raise StoreError(f"cannot load ontology file {f}: {exc}") from None
    return digest.hexdigest()


def values_clause(var: str, iris) -> str:
    """A VALUES clause keeping ?var to these IRIs (sorted, so a query reads the same whatever their order);
    none when `iris` is None, which keeps every one."""
    if iris is None:
        return ""
    return f"VALUES ?{var} {{ " + " ".join(str(ox.NamedNode(i)) for i in sorted(iris)) + " }"

def count_literal(n: int) -> ox.Literal:
    """The index's triple count (`TRIPLE_COUNT`) as it is stored: an xsd:integer."""
    return ox.Literal(str(n), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))


def event_merges_about(merged) -> str:
    """The graph pattern binding ?s to the merged events `merged` and to their ekg:EventMerge records in the
    event-merges graph (what `Store.update_event_merges` replaces); none for no events."""
    if not merged:
        return ""
    return (f"{{ {values_clause('s', merged)} }} UNION {{ {values_clause('m', merged)} "
            f"GRAPH <{EVENT_MERGES_GRAPH}> {{ ?s <{EKG}mergedEvent> ?m }} }}")


class StoreError(Exception):
    """The store cannot be opened, reached or written; str() is a one-line message for users."""


class WriteRefused(Exception):
    """The store refused one document's graph: that document fails, the batch goes on."""


class Store(Protocol):
    """A local Oxigraph directory (`kg.stores.local`) or a SPARQL 1.1 server (`kg.stores.remote`)."""

    def load_ontology(self, ontology_dir=None) -> int:
        """Replace the ontology graph by the ontology files; returns its triple count."""

    def stored(self, name: str) -> dict[str, str]:
        """{document IRI: the value of ekg:<name> the document states of itself}, for every document, in one
        request."""

    def stored_hashes(self) -> dict[str, str]:
        """{document IRI: ekg:contentHash} of every document, in one request."""
        return self.stored("contentHash")

    def stored_extractions(self) -> dict[str, str]:
        """{document IRI: ekg:extractedWith} of every document, in one request."""
        return self.stored("extractedWith")

    def held_documents(self, wanted: dict[str, str], extracted_with: str) -> set[str]:
        """Of `wanted` ({document IRI: content hash}, one batch of a build's files), the documents the store
        holds with that content hash, extracted this way: a build skips their files (`kg.build.plan`). A
        local store looks each up (two point lookups), a server answers the batch in one query: neither reads
        every document's."""
        raise NotImplementedError

    def keeps_index(self) -> bool:
        """Whether the store keeps the index graph (`INDEX_GRAPH`) and the list of the documents written since
        the last linking, with the methods below that read and write them: then linking, event merging and the
        choice of names touch only what a build's documents name (`kg.link`, `kg.event_link`); else (a store
        without them) they read the whole store every time. The one capability check linking makes."""
        return False

    def pending_documents(self) -> list[str] | None:
        """The documents written since the last linking, when the store keeps their list; None when it does
        not, when one was removed or the ontology changed since the index was written, and linking then reads
        the whole store."""
        return None

    def named_before(self) -> list[str]:
        """The nodes that the earlier versions of the documents rewritten since the last linking labelled."""
        return []

    def index_quads(self, subject=None, predicate=None, obj=None) -> list[ox.Quad]:
        """Quads of the index graph matching a pattern (None: any)."""
        raise NotImplementedError

    def update_index(self, remove: list[ox.Quad], add: list[ox.Quad]) -> None:
        """Remove these quads from the index graph and add those."""
        raise NotImplementedError

    def replace_index(self, quads: list[ox.Quad]) -> None:
        """The whole index anew (after linking the whole store)."""
        raise NotImplementedError

    def update_names(self, nodes: list[str], ntriples: str) -> None:
        """The names graph's triples about `nodes` replaced by these N-Triples."""
        raise NotImplementedError

    def update_event_merges(self, merged: list[str], ntriples: str) -> None:
        """The event-merges graph's merged events `merged` and their ekg:EventMerge nodes replaced by these
        N-Triples."""
        raise NotImplementedError

    def amend_event_merges(self, remove: str, add: str) -> None:
        """Remove these N-Triples from the event-merges graph and add those (a merged event a new report joins:
        the rest of it stays)."""
        raise NotImplementedError

    def replace_document(self, doc_iri: str, ntriples: str) -> None:
        """Replace one document's named graph by these N-Triples, atomically, and remove the earlier
        documents of the same file (`drop_superseded`). Raises WriteRefused."""

    def drop_graph(self, graph_iri: str) -> None:
        """Remove one document graph, and its triples from the merge; one already gone is fine."""

    def drop_superseded(self, doc_iri: str, ntriples: str) -> None:
        """Remove the documents an edited file gave before (their keys hold another content hash): the
        ones with the same ekg:sourcePath (kg.sources), read from the store when the first document is written."""
        if self.sources is None:
            from kg.sources import Sources
            self.sources = Sources(self.stored("sourcePath"), self.stored_hashes())
        for old in self.sources.superseded(doc_iri, ntriples):
            self.drop_graph(old)

    def merge_node(self, old: str, new: str) -> bool:
        """`old` becomes `new` in every document graph; old's labels become new's skos:altLabels.
        Returns whether any graph named `old`."""

    def record_merges(self, ntriples: str) -> None:
        """Add these N-Triples (ekg:EntityMerge records) to the merges graph, and to the merge."""

    def replace_event_merges(self, ntriples: str) -> None:
        """Replace the event-merges graph (and its share of the merge) by these N-Triples."""

    def relabel(self, chosen: list[tuple[str, ox.Literal]]) -> None:
        """For each (node, its chosen label, a language-tagged literal): in every document graph, the node's
        other skos:prefLabels in that language become skos:altLabels, and the chosen label, where an earlier
        linking demoted it (an skos:altLabel of the names graph), is a skos:prefLabel again."""

    def replace_names(self, ntriples: str) -> None:
        """Replace the names graph (`NAMES_GRAPH`) by these N-Triples, in the merge too."""

    def set_link_pending(self, pending: bool) -> None:
        """Set or clear the marker that documents were written since the last linking."""

    def link_pending(self) -> bool:
        """Whether documents were written since the last linking."""

    @contextmanager
    def lent(self):
        """The store let go by this process while another links it (`kg.build.link`): yields the location
        that process opens, or None when this store is not lent (a server's: it is linked where it was built)."""
        yield None

    def query(self, sparql: str):
        """pyoxigraph results (solutions, a boolean, or triples) over the merge of all graphs, with the
        project's prefixes. Raises SyntaxError for a query that does not parse."""

    def documents(self) -> list[str]:
        """The IRIs of the document graphs, sorted."""

    def quads(self, include_ontology: bool = False) -> list[ox.Quad]:
        """Every quad of the document graphs and of the names graph (and of the ontology graph if asked)."""

    count: int | None = None   # document triples, kept up to date by every write, read from the index first

    def triple_count(self) -> int:
        """Triples in the document graphs, each graph's own counted: the count every write keeps up to date
        (`TRIPLE_COUNT` in the index), not a count over the store (which cost 2.6 s at 8,000 documents)."""
        if self.count is None:
            self.count = self._stored_count()
        return self.count

    def _counted(self, delta: int) -> None:
        """Keep the count of document triples up to date (read first if it was not yet)."""
        self.triple_count()
        self.count += delta

    def _stored_count(self) -> int:
        """The count the index holds; counted over the store when it holds none, or when a build was stopped
        before it linked (its count may not have been saved)."""
        found = self.index_quads(INDEX, TRIPLE_COUNT)
        if found and not self.link_pending():
            return int(found[0].object.value)
        return self.count_document_triples()

    def count_document_triples(self) -> int:
        """Triples in the document graphs, counted over the store (once, when no kept count can be trusted)."""
        raise NotImplementedError

    def default_graph_warning(self) -> str | None:
        """A warning when the default graph is not the merge of the named graphs (a server set up otherwise)."""

    def rdflib(self):
        """An rdflib Dataset over the store, for analysts."""

    def close(self) -> None:
        """Flush what is pending and let the store go."""

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def is_url(location) -> bool:
    return isinstance(location, str) and location.startswith(("http://", "https://"))


def default_location() -> str:
    return os.environ.get("KG_STORE") or DEFAULT_STORE


def renamed_graph(triples: Iterable[ox.Triple], old: str, new: str) -> str:
    """N-Triples of one document graph with `old` renamed `new`, as `Store.merge_node` does it in place."""
    pref, label, alt = (ox.NamedNode(SKOS + "prefLabel"), ox.NamedNode(RDFS_LABEL), ox.NamedNode(SKOS + "altLabel"))
    conf = ox.NamedNode(EKG + "confidence")
    triples = list(triples)
    rated = any(t.subject.value == new and t.predicate == conf for t in triples)   # one confidence per graph
    out = set()
    for t in triples:
        s, p, o = t.subject, t.predicate, t.object
        if s.value == old and isinstance(s, ox.NamedNode) and p == conf and rated:
            continue
        if s.value == old and isinstance(s, ox.NamedNode):
            s = ox.NamedNode(new)
            if p in (pref, label):
                p = alt
        if isinstance(o, ox.NamedNode) and o.value == old:
            o = ox.NamedNode(new)
        out.add(ox.Triple(s, p, o))
    prefs = {t.object for t in out if t.subject.value == new and t.predicate == pref}
    out = {t for t in out if not (t.subject.value == new and t.predicate == alt and t.object in prefs)}
    return "".join(f"{t} .\n" for t in sorted(out, key=str))


def relabelled_graph(triples: Iterable[ox.Triple], chosen: dict[str, dict[str, ox.Literal]],
                     demoted: set[tuple[str, ox.Literal]]) -> str:
    """N-Triples of one document graph relabelled as `Store.relabel` does it in place: `chosen` is {node:
    {language: label}}, `demoted` the (node, label) pairs the names graph lists as skos:altLabels."""
    pref, alt = ox.NamedNode(SKOS + "prefLabel"), ox.NamedNode(SKOS + "altLabel")
    out = set()
    for t in triples:
        s, p, o = t.subject, t.predicate, t.object
        keep = chosen.get(s.value, {}).get(o.language) if isinstance(o, ox.Literal) else None
        if keep is not None and isinstance(s, ox.NamedNode):
            if p == pref and o != keep:
                p = alt
            elif p == alt and o == keep and (s.value, o) in demoted:
                p = pref
        out.add(ox.Triple(s, p, o))
    return "".join(f"{t} .\n" for t in sorted(out, key=str))


# ---------------------------------------------------------------- the ontology graph

def ontology_sources(ontology_dir: str | os.PathLike | None = None) -> list[Path]:
    """The ontology files to load into the store: core.ttl and lexicon.ttl (not the shapes)."""
    from ontology import ontology_files, shapes_file
    directory = Path(ontology_dir) if ontology_dir is not None else None
    try:
        files = [Path(f) for f in ontology_files(directory)]
    except FileNotFoundError as exc:
        raise StoreError(str(exc)) from None
    shapes = Path(shapes_file(directory)).resolve()
    return [f for f in files if f.resolve() != shapes and f.exists()]


def ontology_ntriples(ontology_dir: str | os.PathLike | None = None,
                      files: Iterable[Path] | None = None) -> tuple[str, int]:
    """(N-Triples, triple count) of core.ttl + lexicon.ttl (or of `files`), for the graph <…/energy-kg/ont>."""
    triples: list = []
    for f in (list(files) if files is not None else ontology_sources(ontology_dir)):
        try:
            triples.extend(ox.parse(path=str(f), format=ox.RdfFormat.TURTLE))
        except (SyntaxError, OSError) as exc:
            raise StoreError(f"cannot load ontology file {f}: {exc}") from None
    return "".join(f"{t} .\n" for t in triples), len(triples)
