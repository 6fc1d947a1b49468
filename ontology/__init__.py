"""The project ontology: Turtle files an analyst edits, plus loaders for them.

`core.ttl` holds classes and properties, `lexicon.ttl` the Russian lexicon and known actors,
`shapes.ttl` the SHACL shapes. Any other `*.ttl` dropped in the folder is an extension module
and is loaded with the ontology, so analysts can add terms without touching code.
Set `KG_ONTOLOGY` to point the whole project at another copy of the folder.
"""
from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path
from typing import Optional, Union

__all__ = ["ONTOLOGY_DIR", "ontology_digest", "ontology_files", "shapes_file"]

ONTOLOGY_DIR = Path(os.environ.get("KG_ONTOLOGY") or Path(__file__).resolve().parent)

_FIRST = ("core.ttl", "lexicon.ttl")
_SHAPES = "shapes.ttl"


def _dir(ontology_dir: Optional[Union[str, Path]]) -> Path:
    if ontology_dir is not None:
        return Path(ontology_dir)
    env = os.environ.get("KG_ONTOLOGY")   # read again so a late override still applies
    return Path(env) if env else ONTOLOGY_DIR


def ontology_files(ontology_dir: Optional[Union[str, Path]] = None) -> list[Path]:
    """core.ttl, lexicon.ttl, then every other *.ttl of the folder (sorted), shapes excluded."""
    folder = _dir(ontology_dir)
    core = folder / "core.ttl"
    if not core.is_file():
        raise FileNotFoundError(f"no core.ttl in ontology folder {folder}")
    files = [folder / name for name in _FIRST if (folder / name).is_file()]
    files += sorted(p for p in folder.glob("*.ttl") if p.name not in _FIRST + (_SHAPES,))
    return files


@functools.lru_cache(maxsize=8)
def ontology_graph(folder: str):
    """The rdflib Graph of an ontology folder's files (`ontology_files`), parsed once per folder and process:
    the lexicon and the modality cues read the same graph. Callers must not change it."""
    from rdflib import Graph   # only the loaders need rdflib

    g = Graph()
    for path in ontology_files(folder):
        g.parse(path, format="turtle")
    return g


def ontology_digest(ontology_dir: Optional[Union[str, Path]] = None) -> str:
    """SHA-256 (16 hex digits) of the files extraction reads, names and bytes: a document extracted with
    another digest is extracted again by the next build."""
    digest = hashlib.sha256()
    for path in ontology_files(ontology_dir):
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def shapes_file(ontology_dir: Optional[Union[str, Path]] = None) -> Path:
    """The SHACL shapes file of the folder."""
    return _dir(ontology_dir) / _SHAPES
