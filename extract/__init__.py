"""Extraction: Russian news text -> spaCy Doc (entities, events, relations) -> plain records.

Nothing here knows RDF; `extract.records` is the boundary with `kg/`. Ontology IRIs are plain strings
from `ontology.terms` (`term("Attack")`; a name the ontology does not declare raises).
"""
from ontology.terms import Category, term  # noqa: F401

__version__ = "0.1.0"
VERSION = __version__
