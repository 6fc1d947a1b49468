"""`kg export --format graphml|gexf|csv`: the network the view draws (`kg.network`), for Gephi, networkx,
igraph or a spreadsheet.

The view's network carries what the page needs: lists (types, dates, documents), provenance records (dicts),
None for what is unknown, a Category enum and Python objects on the graph itself. GEXF takes a list as the
time spells of a dynamic attribute (hence `nx.write_gexf` failed with "too many values to unpack") and
GraphML refuses dicts, lists and None. `portable_network` is the one place that turns it into a graph whose
every attribute is a str or an int, with the same keys on every node and on every edge, so the three
formats hold the same columns and each reads back as written.
"""
from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import networkx as nx

NETWORK_FORMATS = ("graphml", "gexf", "csv")
# Columns, in order: the same in the three formats. `label` is the one Gephi shows (its "Label").
NODE_COLUMNS = ("id", "label", "label_ru", "label_en", "kind", "class", "class_label", "category", "degree",
                "documents", "document_iris", "dates", "reports")
EDGE_COLUMNS = ("source", "target", "predicate", "label", "label_ru", "label_en", "documents",
                "document_iris", "sentence")
# In the CSV pair, the columns Gephi's spreadsheet import recognises carry the names its documentation gives.
GEPHI_CSV_NAMES = {"id": "Id", "label": "Label", "source": "Source", "target": "Target"}
SEPARATOR = " "   # between the IRIs or ISO dates of a list column: neither holds a space
# What XML 1.0 cannot hold, even escaped (control characters, lone surrogates, U+FFFE/U+FFFF): lxml refuses
# a GraphML with one and ElementTree writes a GEXF that no reader opens. Shown as U+FFFD in every format.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text(value) -> str:
    """A string every format holds: '' for None, XML's forbidden characters as U+FFFD."""
    return _NOT_XML.sub("\ufffd", str(value)) if value is not None else ""


def _joined(values) -> str:
    return _text(SEPARATOR.join(str(v) for v in values))


def portable_network(graph: nx.MultiDiGraph, lang: str = "ru") -> nx.MultiDiGraph:
    """`graph` with flat, typed attributes (str, int) only: what GraphML, GEXF and CSV can hold.

    Nodes keep their IRI as id; `label` is the label in `lang`, `degree` counts the edges in and out, and
    `documents` the documents that mention the node (all of them, not only the sources the view keeps), `reports`
    how many reports an event merges (1 for an event one document reports, 0 for an entity).
    Edges are keyed by their predicate IRI and carry the documents that state them."""
    vocab = graph.graph.get("vocab")
    out = nx.MultiDiGraph()
    for iri, data in sorted(graph.nodes(data=True)):
        cls = data.get("cls") or ""
        out.add_node(_text(iri), **{
            "label": _text(data.get(f"label_{lang}")), "label_ru": _text(data.get("label_ru")),
            "label_en": _text(data.get("label_en")), "kind": _text(data.get("kind")), "class": _text(cls),
            "class_label": _text(vocab.label(cls, lang)) if vocab is not None and cls else "",
            "category": _text(data.get("category")), "degree": int(graph.degree(iri)),
            "documents": len(data.get("documents", ())), "document_iris": _joined(data.get("documents", ())),
            "dates": _joined(data.get("dates", ())),
            "reports": int(data.get("reports", 1 if data.get("kind") == "event" else 0))})
    for s, o, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3]):
        out.add_edge(_text(s), _text(o), key=_text(key), **{
            "predicate": _text(data.get("predicate") or key), "label": _text(data.get(f"label_{lang}")),
            "label_ru": _text(data.get("label_ru")), "label_en": _text(data.get("label_en")),
            "documents": len(data.get("documents", ())), "document_iris": _joined(data.get("documents", ())),
            "sentence": _text(data.get("sentence"))})
    return out


def node_rows(graph: nx.MultiDiGraph) -> list[dict]:
    """One row per node of a portable network, by NODE_COLUMNS."""
    return [{"id": iri, **data} for iri, data in graph.nodes(data=True)]


def edge_rows(graph: nx.MultiDiGraph) -> list[dict]:
    """One row per edge of a portable network, by EDGE_COLUMNS (the predicate is the edge's key)."""
    return [{"source": s, "target": o, **data} for s, o, data in graph.edges(data=True)]


def _write_csv(path: Path, columns, rows) -> None:
    """`rows` under `columns`, Gephi's own names (GEPHI_CSV_NAMES) for its Id, Label, Source and Target."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([GEPHI_CSV_NAMES.get(c, c) for c in columns])
        writer.writerows([row[c] for c in columns] for row in rows)


def write_network(graph: nx.MultiDiGraph, fmt: str, out: str | None, lang: str = "ru") -> list[Path]:
    """Write `graph` (from kg.network) as `fmt`: GraphML or GEXF to `out` or stdout; CSV to the folder `out`
    (made if missing) as nodes.csv and edges.csv. Returns the files written (none for stdout)."""
    if fmt not in NETWORK_FORMATS:
        raise ValueError(f"unknown network format {fmt!r} (choose from {', '.join(NETWORK_FORMATS)})")
    portable = portable_network(graph, lang)
    if fmt == "csv":
        if not out:
            raise ValueError("--format csv writes two files, nodes.csv and edges.csv: name their folder with --out DIR")
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        nodes, edges = folder / "nodes.csv", folder / "edges.csv"
        _write_csv(nodes, NODE_COLUMNS, node_rows(portable))
        _write_csv(edges, EDGE_COLUMNS, edge_rows(portable))
        return [nodes, edges]
    write = nx.write_graphml if fmt == "graphml" else nx.write_gexf
    if out:
        write(portable, out)
        return [Path(out)]
    write(portable, sys.stdout.buffer)
    sys.stdout.buffer.flush()
    return []
