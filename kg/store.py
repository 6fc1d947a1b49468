"""The on-disk Oxigraph store: one named graph per document plus the ontology graph, and their merge.

Each document graph states the facts it was extracted from, so a fact that many articles repeat
("Казахстан" is a State, its labels) is in many graphs. Queried through a union of the graphs, every
copy joins with every copy of the next pattern, and an answer over thousands of articles took seconds
to minutes. So the store's default graph is kept as the merge of all its named graphs, each triple once,
and queries read it; `GRAPH ?g` still reaches each document's own statements and provenance. Every
write updates both in the same transaction; a triple leaves the merge when no graph states it anymore.

Only pyoxigraph is imported here, so `kg query` starts fast. rdflib objects are
accepted duck-typed (anything with `.serialize(format="nt")`) and `open_rdflib`
imports rdflib lazily.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox

from kg import EKG, ONTOLOGY_GRAPH, PREFIXES

DEFAULT_STORE = "kg-store"


class StoreError(Exception):
    """The store cannot be opened or written; str() is a one-line message for users."""


def default_store_path() -> Path:
    return Path(os.environ.get("KG_STORE") or DEFAULT_STORE)


def open_store(path: str | os.PathLike | None = None, *, create: bool = True,
               read_only: bool = False) -> ox.Store:
    """Open (and with `create` make) the store directory at `path` (default: $KG_STORE or ./kg-store)."""
    p = Path(path) if path is not None else default_store_path()
    if p.exists() and not p.is_dir():
        raise StoreError(f"cannot open store {p}: it is a file, not a store directory")
    if not p.exists() and (read_only or not create):
        raise StoreError(f"no store at {p} (build one first with `kg build`, or pass --store / set KG_STORE)")
    if p.is_dir() and any(p.iterdir()) and not (p / "CURRENT").exists():
        raise StoreError(f"cannot open store {p}: the directory is not empty and is not an Oxigraph store")
    try:
        return ox.Store.read_only(str(p)) if read_only else ox.Store(str(p))
    except Exception as exc:  # OSError, RuntimeError("Corruption: ..."), ...
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise StoreError(f"cannot open store {p}: {reason}") from None


def _ntriples(graph) -> str:
    """N-Triples of an rdflib Graph, or of an iterable of pyoxigraph Triples (text passes through)."""
    if isinstance(graph, str):
        return graph
    if hasattr(graph, "serialize") and not isinstance(graph, (list, tuple)):
        data = graph.serialize(format="nt")
        return data.decode("utf-8") if isinstance(data, bytes) else data
    return "".join(f"{getattr(t, 'triple', t)} .\n" for t in graph)


# The triples of graph <g> that no other named graph states, removed from the merge (the default graph).
_UNMERGE = """DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }}
    FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {g}) }} }} ;
DROP SILENT GRAPH {g}"""


def _nquads(ntriples: str, g: ox.NamedNode) -> str:
    """N-Triples lines (one triple each, as N-Triples has it) as N-Quads: once in graph g, once in the merge."""
    tail = f" {g} .\n"
    lines = [line for line in map(str.strip, ntriples.splitlines()) if line and not line.startswith("#")]
    return "".join(line[:-1].rstrip() + tail for line in lines) + "".join(line + "\n" for line in lines)


def _replace_graph(store: ox.Store, graph_iri: str, ntriples: str) -> None:
    """One transaction. A new graph: its triples are loaded into it and into the merge (`Store.load` is atomic,
    parses in Rust and skips SPARQL); an existing one: dropped, unmerged and inserted again in one update."""
    g = ox.NamedNode(graph_iri)  # validates the IRI
    try:
        if not store.contains_named_graph(g):
            store.load(_nquads(ntriples, g), format=ox.RdfFormat.N_QUADS)
            return
        store.update(f"{_UNMERGE.format(g=g)} ;\nINSERT DATA {{ GRAPH {g} {{\n{ntriples}}} }} ;\n"
                     f"INSERT DATA {{\n{ntriples}}}")
    except SyntaxError as exc:  # would be a bug in the serialisation, not a user error
        raise StoreError(f"cannot write graph {graph_iri}: {exc}") from None
    except OSError as exc:
        raise StoreError(f"cannot write graph {graph_iri}: {exc}") from None


def replace_document(store: ox.Store, doc_iri: str, graph) -> None:
    """Atomically replace the named graph `doc_iri` by `graph`, and its part of the merge."""
    _replace_graph(store, str(doc_iri), _ntriples(graph))


def remove_document(store: ox.Store, doc_iri: str) -> None:
    store.update(_UNMERGE.format(g=ox.NamedNode(str(doc_iri))))


def has_merge(store: ox.Store) -> bool:
    """Whether the default graph holds the merge (a store written before it existed has only named graphs)."""
    return next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None


def merge_graphs(store: ox.Store) -> None:
    """Fill the merge from the named graphs: for a store written before the merge existed."""
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")


def stored_hashes(store: ox.Store) -> dict[str, str]:
    """{document IRI: its ekg:contentHash} for every document, in one scan of one index. A build asks once
    instead of once per file: each lookup would open every file of the store and keep its index in memory."""
    return _stored(store, "contentHash")


def stored_extractions(store: ox.Store) -> dict[str, str]:
    """{document IRI: its ekg:extractedWith (extractor version, ontology digest)} for every document."""
    return _stored(store, "extractedWith")


def _stored(store: ox.Store, name: str) -> dict[str, str]:
    predicate = ox.NamedNode(EKG + name)
    return {q.subject.value: q.object.value for q in store.quads_for_pattern(None, predicate, None, None)
            if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == q.subject.value}


def document_graphs(store: ox.Store) -> list[ox.NamedNode]:
    """The named graphs holding documents (every named graph but the ontology's)."""
    return sorted((g for g in store.named_graphs()
                   if isinstance(g, ox.NamedNode) and g.value != ONTOLOGY_GRAPH), key=lambda g: g.value)


def query(store: ox.Store, sparql: str, *, union: bool | None = None):
    """Run SPARQL over the merge of all graphs (the default graph), with the project prefixes predeclared.

    A store without the merge (written by an older version, opened read-only) is read through the union of
    its named graphs instead, where a fact stated in several documents comes once per document.
    Raises SyntaxError (message "error at LINE:COL: ...") for a query that does not parse.
    """
    if union is None:
        union = not has_merge(store)
    return store.query(sparql, use_default_graph_as_union=union, prefixes=PREFIXES)


def ontology_sources(ontology_dir: str | os.PathLike | None = None) -> list[Path]:
    """The ontology files to load into the store: core.ttl and lexicon.ttl (not the shapes)."""
    directory = Path(ontology_dir) if ontology_dir is not None else None
    try:
        from ontology import ontology_files, shapes_file
    except ImportError:
        ontology_files = None
    if ontology_files is not None:
        try:
            files = [Path(f) for f in ontology_files(directory)]
        except FileNotFoundError as exc:
            raise StoreError(str(exc)) from None
        shapes = Path(shapes_file(directory)).resolve()
        files = [f for f in files if f.resolve() != shapes]
    else:
        if directory is None:
            directory = Path(__file__).resolve().parent.parent / "ontology"
        files = [directory / name for name in ("core.ttl", "lexicon.ttl")]
    return [f for f in files if f.exists()]


def ontology_triples(ontology_dir: str | os.PathLike | None = None,
                     files: Iterable[Path] | None = None) -> list[ox.Triple]:
    """The triples of core.ttl + lexicon.ttl (or of `files`), for the graph <https://w3id.org/energy-kg/ont>."""
    triples: list = []
    for f in (list(files) if files is not None else ontology_sources(ontology_dir)):
        try:
            triples.extend(ox.parse(path=str(f), format=ox.RdfFormat.TURTLE))
        except (SyntaxError, OSError) as exc:
            raise StoreError(f"cannot load ontology file {f}: {exc}") from None
    return triples


def load_ontology(store: ox.Store, ontology_dir: str | os.PathLike | None = None,
                  files: Iterable[Path] | None = None) -> int:
    """Replace the graph <https://w3id.org/energy-kg/ont> by core.ttl + lexicon.ttl; returns the triple count."""
    triples = ontology_triples(ontology_dir, files)
    _replace_graph(store, ONTOLOGY_GRAPH, _ntriples(triples))
    return len(triples)


def triple_count(store: ox.Store, *, include_ontology: bool = False) -> int:
    """Triples in the document graphs (and the ontology graph if asked), counting each graph's own."""
    skip = "" if include_ontology else f"FILTER(?g != <{ONTOLOGY_GRAPH}>)"
    [row] = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {skip} }}")
    return int(row["n"].value)


class LocalStore:
    """What `kg build` and `kg query` need of a store, over a directory; `kg.remote.RemoteStore` is the same
    over HTTP, so the commands do not care where the graph lives."""

    # RocksDB keeps writes in memory until a flush: without one every ~16 MB of N-Triples, a build's
    # memory grows with the size of the corpus (measured: +0.25 MB per 280-triple document).
    FLUSH_BYTES = 16 << 20

    # A build that wrote at least this share of the store's documents compacts it when it closes: queries then
    # read one sorted run per index instead of many overlapping files (measured: 2-2.5x faster on 10,000
    # documents). A smaller update skips it, as compaction rewrites the whole store.
    OPTIMIZE_SHARE = 0.1

    def __init__(self, path: str | os.PathLike | None = None, **kw):
        self.path = Path(path) if path is not None else default_store_path()
        self.store = open_store(self.path, **kw)
        self.read_only = kw.get("read_only", False)
        self.unflushed = 0
        self.written = 0     # documents written since opening
        self.sources = None  # kg.sources.Sources, read when the first document is written
        if not self.read_only and not has_merge(self.store) and next(iter(self.store.named_graphs()), None):
            merge_graphs(self.store)

    def __str__(self) -> str:
        return str(self.path)

    def load_ontology(self, ontology_dir=None) -> int:
        return load_ontology(self.store, ontology_dir)

    def stored_hashes(self) -> dict[str, str]:
        return stored_hashes(self.store)

    def stored_extractions(self) -> dict[str, str]:
        return stored_extractions(self.store)

    def replace_document(self, doc_iri: str, ntriples: str) -> None:
        """Write one document graph, and remove the earlier versions of its file (kg.sources)."""
        if self.sources is None:
            from kg.sources import Sources
            self.sources = Sources(_stored(self.store, "sourcePath"), stored_hashes(self.store))
        for old in self.sources.superseded(doc_iri, ntriples):
            remove_document(self.store, old)
        replace_document(self.store, doc_iri, ntriples)
        self.written += 1
        self.unflushed += len(ntriples)
        if self.unflushed > self.FLUSH_BYTES:
            self.store.flush()
            self.unflushed = 0

    def update(self, sparql: str) -> None:
        """A SPARQL update, in one transaction. It must keep the merge (the default graph) in line itself."""
        self.store.update(sparql, prefixes=PREFIXES)

    def triple_count(self) -> int:
        return triple_count(self.store)

    def query(self, sparql: str):
        return query(self.store, sparql)

    def default_graph_warning(self) -> str | None:
        return None  # `query` always takes the union

    def close(self) -> None:
        if self.read_only:
            return
        self.store.flush()
        if self.written and self.written >= self.OPTIMIZE_SHARE * len(document_graphs(self.store)):
            self.store.optimize()


def is_url(location) -> bool:
    return isinstance(location, str) and location.startswith(("http://", "https://"))


def open_target(location: str | None = None, **kw):
    """A LocalStore for a directory, a RemoteStore for an http(s) URL (default: $KG_STORE or ./kg-store).

    Keywords go to `open_store` locally and to `RemoteStore` (endpoint overrides) remotely."""
    location = location or os.environ.get("KG_STORE") or DEFAULT_STORE
    remote_options = {k: kw.pop(k) for k in ("query_url", "graph_store_url") if k in kw}
    if is_url(location):
        from kg.remote import RemoteStore
        return RemoteStore(location, **remote_options)
    return LocalStore(location, **kw)


def open_rdflib(path: str | os.PathLike | ox.Store | None = None):
    """An rdflib Dataset over the same store (via oxrdflib); its default graph is the merge of all graphs.

    Pass an already opened pyoxigraph Store to share it (one process may not open the same
    directory twice for writing).
    """
    from oxrdflib import OxigraphStore
    from rdflib import Dataset

    from kg.ns import bind_prefixes

    inner = path if isinstance(path, ox.Store) else open_store(path, create=False)
    ds = Dataset(store=OxigraphStore(store=inner), default_union=not has_merge(inner))
    bind_prefixes(ds)
    return ds
