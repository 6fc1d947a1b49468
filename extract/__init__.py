"""Extraction: Russian news text -> spaCy Doc (entities, events, relations) -> plain records.

Nothing here knows RDF; `extract.records` is the boundary with `kg/`.
"""
__version__ = "0.1.0"
VERSION = __version__

ONT = "https://w3id.org/energy-kg/ont#"


def term(name: str) -> str:
    """The IRI (a plain string) of an ontology term: classes, roles and predicates are IRIs in the records."""
    return ONT + name
