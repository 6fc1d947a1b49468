"""`kg validate`: SHACL over the store's documents, reported in words an analyst understands."""
from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO


from kg.export import data_quads, to_rdflib_graph
from kg.stores.base import Store


@dataclass
class Finding:
    severity: str          # "Violation" | "Warning" | "Info"
    focus: str             # focus node as text (IRI or literal)
    label: str | None      # skos:prefLabel of the focus node
    message: str           # the rule's sh:message (or the constraint when it has none)
    path: str | None       # the property path, prefixed
    value: str | None      # the offending value, if any
    sentence: str | None   # the source sentence
    source: str | None     # the document's source path

    def describe(self) -> str:
        head = f"{self.severity}: {self.focus}"
        if self.label:
            head += f" ({self.label})"
        lines = [head, f"  rule: {self.message}"]
        if self.path:
            lines.append(f"  property: {self.path}" + (f"  value: {self.value}" if self.value else ""))
        elif self.value:
            lines.append(f"  value: {self.value}")
        if self.sentence:
            where = f"  [{self.source}]" if self.source else ""
            lines.append(f"  sentence: «{' '.join(self.sentence.split())}»{where}")
        return "\n".join(lines)


def _shapes_and_ontology(ontology_dir: str | os.PathLike | None):
    from kg.stores.base import ontology_sources
    from ontology import shapes_file
    shapes = Path(shapes_file(Path(ontology_dir) if ontology_dir else None))
    return shapes, ontology_sources(ontology_dir)


_SENTENCE_QUERY = """
SELECT ?text ?path WHERE {
  { ?focus prov:wasDerivedFrom ?s . BIND(0 AS ?rank) BIND(0 AS ?b) }
  UNION { ?focus nif:sentence ?s . BIND(1 AS ?rank) BIND(0 AS ?b) }
  UNION { ?m itsrdf:taIdentRef ?focus ; nif:sentence ?s ; nif:beginIndex ?b . BIND(2 AS ?rank) }
  ?s nif:anchorOf ?text .
  OPTIONAL { ?s nif:referenceContext ?d . ?d ekg:sourcePath ?path }
} ORDER BY ?rank ?b LIMIT 1
"""


def _label(data, node) -> str | None:
    from rdflib import Literal
    from rdflib.namespace import SKOS
    labels = [o for o in data.objects(node, SKOS.prefLabel) if isinstance(o, Literal)]
    for lang in ("en", "ru", None):
        for lab in labels:
            if lab.language == lang:
                return str(lab)
    return str(labels[0]) if labels else None


def _text(data, node) -> str | None:
    if node is None:
        return None
    from rdflib import BNode, Literal, URIRef
    if isinstance(node, Literal):
        return str(node)
    if isinstance(node, URIRef):
        try:
            return data.namespace_manager.normalizeUri(node)
        except Exception:
            return str(node)
    if isinstance(node, BNode):
        return node.n3(data.namespace_manager)
    return str(node)


def findings(data, report) -> list[Finding]:
    """Analyst findings from a pySHACL results graph over `data`."""
    from rdflib import RDF
    from rdflib.namespace import SH

    from kg import PREFIXES
    from rdflib import Namespace

    init_ns = {k: Namespace(v) for k, v in PREFIXES.items()}
    out = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        severity = report.value(result, SH.resultSeverity)
        messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
        component = report.value(result, SH.sourceConstraintComponent)
        message = "; ".join(messages) or (str(component).rsplit("#", 1)[-1] if component else "constraint")
        path = report.value(result, SH.resultPath)
        sentence = source = None
        if focus is not None:
            for row in data.query(_SENTENCE_QUERY, initNs=init_ns, initBindings={"focus": focus}):
                sentence = str(row.text)
                source = str(row.path) if row.path is not None else None
        out.append(Finding(
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            focus=str(focus),
            label=_label(data, focus) if focus is not None else None,
            message=message,
            path=_text(report, path) if path is not None else None,
            value=_text(data, report.value(result, SH.value)),
            sentence=sentence,
            source=source,
        ))
    order = {"Violation": 0, "Warning": 1, "Info": 2}
    return sorted(out, key=lambda f: (order.get(f.severity, 3), f.focus, f.message, f.path or ""))


@contextlib.contextmanager
def _steps(progress: bool):
    """A status line of validate's three steps on stderr, its clock redrawn every second (SHACL alone takes
    minutes on a hundred documents, in one call); none when stderr is not a terminal or without `progress`."""
    import sys
    import threading

    from tqdm import tqdm
    bar = tqdm(total=3, desc="validate", file=sys.stderr, leave=False, bar_format="{desc} [{elapsed}]",
               disable=None if progress else True)
    stop = threading.Event()
    clock = threading.Thread(target=_redraw_every_second, args=(bar, stop), daemon=True)
    if not bar.disable:
        clock.start()
    try:
        yield bar
    finally:
        stop.set()
        if clock.is_alive():
            clock.join()
        bar.close()


def _redraw_every_second(bar, stop) -> None:
    while not stop.wait(1.0):
        bar.refresh()


def _step(steps, number: int, what: str) -> None:
    steps.set_description_str(f"validate, step {number} of 3: {what}")


def validate_store(store: Store, ontology_dir: str | os.PathLike | None = None,
                   progress: bool = False) -> list[Finding]:
    """Run pySHACL (shapes.ttl; ontology files as ont_graph; RDFS inference) over the store's documents.
    With `progress`, a bar on stderr names the step (SHACL takes about a minute on 100 documents)."""
    from pyshacl import validate as shacl_validate
    from rdflib import Graph

    shapes_path, ontology_files = _shapes_and_ontology(ontology_dir)
    if not shapes_path.exists():
        raise FileNotFoundError(f"no SHACL shapes at {shapes_path}")
    with _steps(progress) as steps:
        _step(steps, 1, "reading the store")
        shapes = Graph().parse(shapes_path, format="turtle")
        ont = Graph()
        for f in ontology_files:
            ont.parse(f, format="turtle")
        data = to_rdflib_graph(data_quads(store))
        _step(steps, 2, f"checking {len(data)} triples against the shapes (SHACL)")
        _conforms, report, _text_report = shacl_validate(
            data, shacl_graph=shapes, ont_graph=ont if len(ont) else None, inference="rdfs",
            abort_on_first=False, allow_infos=True, allow_warnings=True,
        )
        _step(steps, 3, "finding the sentences of the findings")
        report.namespace_manager = data.namespace_manager
        found = findings(data, report)
    return found


def report(found: list[Finding], out: TextIO) -> int:
    """Print the findings; returns the number of violations (warnings and infos do not count)."""
    for f in found:
        out.write(f.describe() + "\n\n")
    violations = sum(1 for f in found if f.severity == "Violation")
    others = len(found) - violations
    if violations or others:
        out.write(f"{violations} violation(s), {others} warning(s)/note(s)\n")
    else:
        out.write("valid: the graph conforms to the shapes\n")
    return violations
