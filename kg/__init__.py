"""Knowledge graph: extraction records -> RDF with provenance -> Oxigraph store -> query / export / view.

Importing `kg` is cheap: no spaCy, no Natasha, no rdflib. Modules that need rdflib
(`kg.graph`, `kg.export` JSON-LD, `kg.validate`, `kg.view`) import it themselves.
"""

ONTOLOGY_GRAPH = "https://w3id.org/energy-kg/ont"
EKG = "https://w3id.org/energy-kg/ont#"
EKGR = "https://w3id.org/energy-kg/id/"

# Prefixes offered to every SPARQL query and used when serialising.
PREFIXES = {
    "ekg": EKG,
    "ekgr": EKGR,
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "itsrdf": "http://www.w3.org/2005/11/its/rdf#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "wd": "http://www.wikidata.org/entity/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
