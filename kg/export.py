"""`kg export`: the store's documents as Turtle / N-Triples (merged) or TriG / N-Quads (one graph per document),
or JSON-LD (named graphs kept, via rdflib)."""
from __future__ import annotations

import sys
from typing import BinaryIO, Iterable

import pyoxigraph as ox

from kg import PREFIXES
from kg.stores.base import Store

FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": None,
}
MERGED = {"turtle", "nt"}


def _sort_key(q):
    return (str(getattr(q, "graph_name", "")), str(q.subject), str(q.predicate), str(q.object))


def data_quads(store: Store, include_ontology: bool = False) -> list[ox.Quad]:
    """Every quad of the document graphs (and of the ontology graph if asked), sorted."""
    return sorted(store.quads(include_ontology), key=_sort_key)


def merged_triples(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    """The triples of all graphs, each once (a fact stated in several documents appears once)."""
    return sorted({q.triple for q in quads}, key=_sort_key)


def to_rdflib_dataset(quads: Iterable[ox.Quad]):
    from rdflib import Dataset

    from kg.ns import bind_prefixes

    ds = bind_prefixes(Dataset())
    data = ox.serialize(list(quads), format=ox.RdfFormat.N_QUADS)
    if data:
        ds.parse(data=data.decode("utf-8"), format="nquads")
    return ds


def to_rdflib_graph(quads: Iterable[ox.Quad]):
    """All quads merged into one rdflib Graph (for validation, analysis)."""
    from rdflib import Graph

    from kg.ns import bind_prefixes

    g = bind_prefixes(Graph())
    data = ox.serialize(merged_triples(quads), format=ox.RdfFormat.N_TRIPLES)
    if data:
        g.parse(data=data.decode("utf-8"), format="nt")
    return g


def export_bytes(store: Store, fmt: str, include_ontology: bool = False) -> bytes:
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    quads = data_quads(store, include_ontology)
    if fmt == "jsonld":
        ds = to_rdflib_dataset(quads)
        context = {k: v for k, v in PREFIXES.items()}
        return ds.serialize(format="json-ld", context=context, indent=2).encode("utf-8")
    items = merged_triples(quads) if fmt in MERGED else quads
    return ox.serialize(items, format=FORMATS[fmt], prefixes=PREFIXES) or b""


def export(store: Store, fmt: str, out: str | None = None, include_ontology: bool = False) -> int:
    """Write the export to `out` (a path) or stdout; returns the number of bytes written."""
    data = export_bytes(store, fmt, include_ontology)
    if out:
        with open(out, "wb") as fh:
            fh.write(data)
    else:
        stream: BinaryIO = sys.stdout.buffer
        stream.write(data)
        stream.flush()
    return len(data)
