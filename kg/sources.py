"""Which stored documents a newly built document replaces: the earlier versions of the same file.

A document's key holds a hash of its content (extract.reader.document_key), so an edited file gets a new
IRI; its ekg:sourcePath (extract.reader.source_id) says which file it came from, and the stores remove
the document that file gave before when they write the new one. A store written before content-hash keys
(a key that does not end in its own hash) recorded the path as given: it is matched both as written and
as it resolves from where the build runs. See docs/DESIGN.md "Document keys".
"""
from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from extract.reader import KEY_HASH, source_id
from kg import EKG

SOURCE_PATH = f"<{EKG}sourcePath> "


def source_of(doc_iri: str, ntriples: str) -> str | None:
    """The ekg:sourcePath a document's N-Triples state for it."""
    head = f"<{doc_iri}> {SOURCE_PATH}"
    at = ntriples.find(head)
    if at < 0:
        return None
    end = ntriples.find("\n", at)
    line = ntriples[at:] if end < 0 else ntriples[at:end]
    triple = next(iter(ox.parse(line.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)), None)
    return triple.object.value if triple is not None else None


def is_legacy(doc_iri: str, content_hash: str | None) -> bool:
    """A document stored under a key without its content hash (before docs/DESIGN.md "Document keys")."""
    return not content_hash or not doc_iri.endswith(content_hash[:KEY_HASH])


def aliases(path: str) -> set[str]:
    """A legacy ekg:sourcePath (the path as given then) and the file it names from here."""
    try:
        return {path, source_id(path)}
    except (OSError, ValueError):
        return {path}


class Sources:
    """{source: document IRIs} of one store, read once when a build first writes and kept up to date."""

    def __init__(self, paths: dict[str, str], hashes: dict[str, str]):
        """`paths`: {document IRI: ekg:sourcePath}; `hashes`: {document IRI: ekg:contentHash}."""
        self.keys: dict[str, set[str]] = {}
        self.docs: dict[str, set[str]] = defaultdict(set)
        for iri, path in paths.items():
            self._add(iri, aliases(path) if is_legacy(iri, hashes.get(iri)) else {path})

    def _add(self, iri: str, keys: set[str]) -> None:
        for key in self.keys.pop(iri, ()):
            self.docs[key].discard(iri)
        self.keys[iri] = keys
        for key in keys:
            self.docs[key].add(iri)

    def superseded(self, doc_iri: str, ntriples: str) -> list[str]:
        """The documents that `doc_iri` (about to be written as `ntriples`) replaces; forgets them."""
        source = source_of(doc_iri, ntriples)
        if source is None:
            return []
        old = sorted(self.docs.get(source, set()) - {doc_iri})
        for iri in old:
            for key in self.keys.pop(iri):
                self.docs[key].discard(iri)
        self._add(doc_iri, {source})
        return old
