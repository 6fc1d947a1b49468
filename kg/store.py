"""The on-disk Oxigraph store: one named graph per document plus the ontology graph.

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


def _replace_graph(store: ox.Store, graph_iri: str, ntriples: str) -> None:
    """One transaction: a new graph is loaded as N-Triples (`Store.load` is all or nothing, and it parses
    faster than an INSERT DATA update); an existing one is dropped and inserted in one update."""
    g = ox.NamedNode(graph_iri)  # validates the IRI
    try:
        if not store.contains_named_graph(g):
            store.load(ntriples, format=ox.RdfFormat.N_TRIPLES, to_graph=g)
            return
        store.update(f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{ntriples}}} }}")
    except SyntaxError as exc:  # would be a bug in the serialisation, not a user error
        raise StoreError(f"cannot write graph {graph_iri}: {exc}") from None
    except OSError as exc:
        raise StoreError(f"cannot write graph {graph_iri}: {exc}") from None


def replace_document(store: ox.Store, doc_iri: str, graph) -> None:
    """Atomically replace the named graph `doc_iri` by `graph` (one SPARQL UPDATE = one transaction)."""
    _replace_graph(store, str(doc_iri), _ntriples(graph))


def remove_document(store: ox.Store, doc_iri: str) -> None:
    store.update(f"DROP SILENT GRAPH {ox.NamedNode(str(doc_iri))}")


def stored_hash(store: ox.Store, doc_iri: str) -> str | None:
    """The ekg:contentHash stored for a document, or None when it is not in the store."""
    d = ox.NamedNode(str(doc_iri))
    for quad in store.quads_for_pattern(d, ox.NamedNode(EKG + "contentHash"), None, d):
        return quad.object.value
    return None


def document_graphs(store: ox.Store) -> list[ox.NamedNode]:
    """The named graphs holding documents (every named graph but the ontology's)."""
    return sorted((g for g in store.named_graphs()
                   if isinstance(g, ox.NamedNode) and g.value != ONTOLOGY_GRAPH), key=lambda g: g.value)


def query(store: ox.Store, sparql: str, *, union: bool = True):
    """Run SPARQL with the union of all named graphs as the default graph and the project prefixes predeclared.

    Note: the union does not remove duplicates of a triple stated in several documents: use DISTINCT.
    Raises SyntaxError (message "error at LINE:COL: ...") for a query that does not parse.
    """
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
    """Quads in the document graphs (Oxigraph counts the whole store; the small graphs are subtracted)."""
    if include_ontology:
        return len(store)
    others = [ox.DefaultGraph(), ox.NamedNode(ONTOLOGY_GRAPH)]
    return len(store) - sum(1 for g in others for _ in store.quads_for_pattern(None, None, None, g))


class LocalStore:
    """What `kg build` and `kg query` need of a store, over a directory; `kg.remote.RemoteStore` is the same
    over HTTP, so the commands do not care where the graph lives."""

    # RocksDB keeps writes in memory until a flush: without one every ~16 MB of N-Triples, a build's
    # memory grows with the size of the corpus (measured: +0.25 MB per 280-triple document).
    FLUSH_BYTES = 16 << 20

    def __init__(self, path: str | os.PathLike | None = None, **kw):
        self.path = Path(path) if path is not None else default_store_path()
        self.store = open_store(self.path, **kw)
        self.read_only = kw.get("read_only", False)
        self.unflushed = 0

    def __str__(self) -> str:
        return str(self.path)

    def load_ontology(self, ontology_dir=None) -> int:
        return load_ontology(self.store, ontology_dir)

    def stored_hash(self, doc_iri: str) -> str | None:
        return stored_hash(self.store, doc_iri)

    def replace_document(self, doc_iri: str, ntriples: str) -> None:
        replace_document(self.store, doc_iri, ntriples)
        self.unflushed += len(ntriples)
        if self.unflushed > self.FLUSH_BYTES:
            self.store.flush()
            self.unflushed = 0

    def triple_count(self) -> int:
        return triple_count(self.store)

    def query(self, sparql: str):
        return query(self.store, sparql)

    def default_graph_warning(self) -> str | None:
        return None  # `query` always takes the union

    def close(self) -> None:
        if not self.read_only:
            self.store.flush()


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
    """An rdflib Dataset over the same store (via oxrdflib), with the union of graphs as default graph.

    Pass an already opened pyoxigraph Store to share it (one process may not open the same
    directory twice for writing).
    """
    from oxrdflib import OxigraphStore
    from rdflib import Dataset

    from kg.ns import bind_prefixes

    inner = path if isinstance(path, ox.Store) else open_store(path, create=False)
    ds = Dataset(store=OxigraphStore(store=inner), default_union=True)
    bind_prefixes(ds)
    return ds
