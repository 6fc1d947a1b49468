"""What one machine's single writer and the whole-store linking cost, on a store `kg build` made.

    .venv/bin/python bench/scale.py STORE

Copies every document graph of STORE (read-only) into a fresh local store through `replace_document`, the call
a build makes for each document, and times it: the writer's ceiling in documents/s, whatever the workers do.
Then times entity linking and event merging on the copy (its entities are already linked, so entity linking
finds no merge to make, but reads every name as a build's linking does). Both read the whole store each time a
build links (`kg.link.link_if_pending`): their cost grows with the store, not with the documents a build adds.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.event_link import link_events  # noqa: E402
from kg.link import link_entities  # noqa: E402
from kg.stores.local import LocalStore  # noqa: E402


def document_ntriples(source: LocalStore) -> list[tuple[str, str]]:
    """(document IRI, its graph as N-Triples) for every document graph of the store."""
    out = []
    for iri in source.documents():
        triples = [ox.Triple(q.subject, q.predicate, q.object)
                   for q in source.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(iri))]
        out.append((iri, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")))
    return out


def main() -> None:
    source = LocalStore(sys.argv[1], create=False, read_only=True)
    documents = document_ntriples(source)
    print(f"{len(documents)} documents in {sys.argv[1]}; load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:   # RocksDB may still hold a file
        store = LocalStore(Path(tmp) / "copy")
        store.load_ontology()
        wall, cpu = time.perf_counter(), time.process_time()
        for iri, ntriples in documents:
            store.replace_document(iri, ntriples)
        store.oxigraph.flush()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"write: {wall:.1f} s wall, {cpu:.1f} s CPU, {len(documents) / wall:.0f} documents/s "
              f"({len(documents) / cpu:.0f} per CPU second)")
        for name, step in (("entity linking", link_entities), ("event merging", link_events)):
            wall, cpu = time.perf_counter(), time.process_time()
            found = step(store)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            print(f"{name}: {wall:.1f} s wall, {cpu:.1f} s CPU ({found} merges)")
        store.close()
        del store


if __name__ == "__main__":
    main()
