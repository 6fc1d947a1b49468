"""The IRIs and values a build computes for every input file before it knows whether the file changed: here,
without rdflib (`kg.graph` imports it), so that an unchanged rebuild does not load it."""
from __future__ import annotations

import re
from urllib.parse import quote

from kg import EKGR

_UNRESERVED = re.compile(r"[A-Za-z0-9._~-]+")   # what `quote` leaves as it is: every document key


def safe_segment(text: str) -> str:
    """Percent-encode everything outside [A-Za-z0-9._~-/] (UTF-8 bytes), and the dots of a `.` or `..`
    segment: a parser resolves those against the base (doc/.. would become the namespace itself)."""
    if not text:
        raise ValueError("empty IRI segment")
    if _UNRESERVED.fullmatch(text) and text not in (".", ".."):   # as quoted below: each file of a build asks
        return text
    return "/".join(p.replace(".", "%2E") if p in (".", "..") else p for p in quote(text, safe="/").split("/"))


def document_iri(key: str) -> str:
    """The IRI of the document graph of this document key (`kg.graph.doc_iri` as text)."""
    return f"{EKGR}doc/{safe_segment(key)}"


def extracted_with(version: str, ontology_digest: str) -> str:
    """The value of ekg:extractedWith: what a document's extraction depended on besides its text."""
    return f"extractor {version}; ontology {ontology_digest or 'unknown'}"
