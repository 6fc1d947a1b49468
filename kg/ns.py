"""rdflib namespaces for building graphs.

Uses `ontology.vocab` when it is there; the local fallbacks carry the same IRIs.
EKG is kept as a plain `Namespace` here when `ontology.vocab` is missing.
"""
from rdflib import Namespace
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD  # noqa: F401

from kg import PREFIXES

try:  # pragma: no cover - depends on what ontology/ provides at the time
    from ontology.vocab import EKG, EKGR, ITSRDF, NIF, SCHEMA, SEM, WD  # type: ignore
except ImportError:  # pragma: no cover
    EKG = Namespace(PREFIXES["ekg"])
    EKGR = Namespace(PREFIXES["ekgr"])
    SEM = Namespace(PREFIXES["sem"])
    NIF = Namespace(PREFIXES["nif"])
    ITSRDF = Namespace(PREFIXES["itsrdf"])
    SCHEMA = Namespace(PREFIXES["schema"])
    WD = Namespace(PREFIXES["wd"])


def bind_prefixes(graph):
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True)
    return graph
