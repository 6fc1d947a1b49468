"""rdflib namespaces for building graphs (from `ontology.vocab`, made from `ontology.terms`)."""
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD  # noqa: F401  (closed: a typo raises)

from kg import PREFIXES
from ontology.vocab import EKG, EKGR, GEO, ITSRDF, NIF, SCHEMA, SEM, WD  # noqa: F401


def bind_prefixes(graph):
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True)
    return graph
