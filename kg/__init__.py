"""Knowledge graph: extraction records -> RDF with provenance -> Oxigraph store -> query / export / view.

Importing `kg` is cheap: no spaCy, no Natasha, no rdflib. Modules that need rdflib
(`kg.graph`, `kg.export` JSON-LD, `kg.validate`, `kg.view`) import it themselves.
The IRIs come from `ontology.terms`, which states each once.
"""
from ontology.terms import EKG_NS as EKG, EKGR_NS as EKGR, ONTOLOGY_GRAPH, PREFIXES  # noqa: F401
