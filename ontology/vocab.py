"""RDF vocabulary of the project for the graph side (kg/); extraction never imports this.

Made from `ontology.terms`, the one list of the project's IRIs. `EKG` is a closed DefinedNamespace:
a misspelt term raises instead of silently minting a new IRI. tests/test_ontology.py keeps the list in
sync with core.ttl.
"""
from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from . import terms

EKGR = Namespace(terms.EKGR_NS)          # resources: entity/, doc/, extractor/
ENTITY = Namespace(terms.EKGR_NS + "entity/")  # known and extracted entities
SEM = Namespace(terms.SEM_NS)
NIF = Namespace(terms.NIF_NS)
ITSRDF = Namespace(terms.ITSRDF_NS)
SCHEMA = Namespace(terms.SCHEMA_NS)      # same IRI as rdflib's SDO
WD = Namespace(terms.WD_NS)
GEO = type("GEO", (DefinedNamespace,), {
    "__doc__": terms.GEO.__doc__, "__module__": __name__, "_fail": True, "_NS": Namespace(terms.GEO_NS),
    "__annotations__": {name: URIRef for name in terms.GEO.__annotations__}})

__all__ = ["EKG", "EKGR", "ENTITY", "GEO", "SEM", "NIF", "ITSRDF", "SCHEMA", "WD"]

EKG = type("EKG", (DefinedNamespace,), {
    "__doc__": terms.EKG.__doc__, "__module__": __name__, "_fail": True, "_NS": Namespace(terms.EKG_NS),
    "__annotations__": {name: URIRef for name in terms.EKG.__annotations__}})
