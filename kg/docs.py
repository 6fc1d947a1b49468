"""`kg docs`: the ontology as one self-contained HTML page, rendered by pyLODE (the `docs` extra).

pyLODE documents terms from standard annotations only (labels, comments, superclasses, domains,
ranges) and prints every label of a term run together ("TankerТанкер"). So it renders a derived
copy of the ontology: one "English — Russian" label per term, the lexicon's words and mappings
(ekg:noun, ekg:triggerLemma, ekg:quoteVerb, ekg:frame and its roles, CAMEO, ACLED) as
skos:scopeNote, the known actors of each class as skos:example, and only the core ontology's
header. The Turtle files are not changed. pyLODE embeds its CSS: the page needs no network.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from kg import EKG, ONTOLOGY_GRAPH


class DocsError(Exception):
    """pyLODE is missing or cannot render the ontology; str() is one line for users."""


def _notes(g, term) -> list[str]:
    """The lexicon's annotations of one term, in words."""
    from rdflib import URIRef

    def values(name):
        return sorted({str(o) for o in g.objects(term, URIRef(EKG + name))})

    def local(iri):
        return iri.rsplit("#", 1)[-1]

    notes = []
    for name, what in (("noun", "Russian nouns"), ("triggerLemma", "Trigger lemmas"),
                       ("quoteVerb", "Quote verbs"), ("classLemma", "Class lemmas")):
        if values(name):
            notes.append(f"{what} (ekg:{name}): {', '.join(values(name))}")
    roles = (("objectRole", "the direct object of a trigger fills"), ("subjectRole", "the subject of a light verb fills"))
    for name, what in roles:
        if values(name):
            filled = ", ".join("ekg:" + local(v) for v in values(name))
            notes.append(f"{what[0].upper() + what[1:]} (ekg:{name}): {filled}")
    for frame in values("frame"):   # how the syntax fills the roles of this class's events (and its subclasses')
        filled = {name: sorted(local(str(v)) for v in g.objects(URIRef(frame), URIRef(EKG + name))) for name, _ in roles}
        said = [f"{what} {', '.join('ekg:' + v for v in filled[name])}" for name, what in roles if filled[name]]
        notes.append(f"Frame (ekg:frame): ekg:{local(frame)}" + (f": {'; '.join(said)}" if said else ""))
    if values("cameoCode"):
        notes.append(f"CAMEO code (ekg:cameoCode): {', '.join(values('cameoCode'))}")
    acled = values("acledEventType") + values("acledSubEventType")
    if acled:
        notes.append(f"ACLED (ekg:acledEventType, ekg:acledSubEventType): {' / '.join(acled)}")
    return notes


def docs_graph(ontology_dir: str | os.PathLike | None = None):
    """The rdflib Graph pyLODE renders: core, lexicon and extension modules, reshaped as the module says."""
    from rdflib import DCTERMS, OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef

    from kg.stores.base import ontology_sources

    g = Graph()
    for f in ontology_sources(ontology_dir):
        try:
            g.parse(f, format="turtle")
        except Exception as exc:  # BadSyntax, but rdflib also raises IndexError on a cut-off file
            raise DocsError(f"cannot read ontology file {f}: {' '.join(str(exc).split()) or type(exc).__name__}") from None
    for header in set(g.subjects(RDF.type, OWL.Ontology)) - {URIRef(ONTOLOGY_GRAPH)}:
        g.remove((header, None, None))   # the lexicon and extension modules would merge into the title

    def one_title(node, prop):
        labels = {o.language: str(o) for o in g.objects(node, prop) if isinstance(o, Literal)}
        title = " — ".join(dict.fromkeys(v for v in (labels.get("en"), labels.get("ru")) if v))
        if title:
            g.remove((node, prop, None))
            g.add((node, prop, Literal(title)))

    one_title(URIRef(ONTOLOGY_GRAPH), DCTERMS.title)
    terms = [s for s in dict.fromkeys(g.subjects(RDFS.label, None)) if str(s).startswith(EKG)]
    for term in terms:
        one_title(term, RDFS.label)
        for note in _notes(g, term):
            g.add((term, SKOS.scopeNote, Literal(note, lang="en")))
    for cls in list(g.subjects(RDF.type, OWL.Class)):
        known = sorted({str(o) for s in g.subjects(RDF.type, cls) if isinstance(s, URIRef)
                        for o in g.objects(s, SKOS.prefLabel) if isinstance(o, Literal) and o.language == "ru"})
        if known:
            g.add((cls, SKOS.example, Literal(f"Known to the lexicon ({len(known)}): {', '.join(known)}", lang="en")))
    return g


def _ontpub():
    """pyLODE's OntPub class; importing pyLODE configures the root logger, which is put back."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        from pylode import OntPub
    except ImportError:
        raise DocsError("pyLODE is not installed: pip install -e '.[docs]' in the project") from None
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    return OntPub


def render(ontology_dir: str | os.PathLike | None = None) -> str:
    """The HTML page of the ontology folder (default: the package's, or $KG_ONTOLOGY)."""
    OntPub = _ontpub()
    graph = docs_graph(ontology_dir)
    previous = logging.getLogger().level
    logging.getLogger().setLevel(logging.WARNING)   # pyLODE logs routine steps at INFO
    try:
        return OntPub(ontology=graph).make_html()
    except Exception as exc:  # pyLODE raises plain exceptions on ontologies it cannot lay out
        raise DocsError(f"pyLODE cannot render the ontology: {type(exc).__name__}: {exc}") from None
    finally:
        logging.getLogger().setLevel(previous)


def write_docs(out: str | os.PathLike, ontology_dir: str | os.PathLike | None = None) -> int:
    """Write the page to `out` (parent folders created); returns its size in bytes."""
    page = render(ontology_dir).encode("utf-8")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(page)
    return len(page)
