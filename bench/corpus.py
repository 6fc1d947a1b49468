"""A generated corpus of any size for the benchmarks, from texts the project can read.

The sources are the seed, the test texts and factru-dev's 122 texts (found by `corpora_dir`). Document i is
source i mod n under a `date` header that differs per copy, so every document is distinct (its own key and
content hash) while the language stays real news.

Without factru-dev the corpus is not built: `find_factru` raises `CorpusMissing` saying where it looked. A
corpus of the project's 3 texts alone is made only when asked for (`factru=None`): a benchmark must never
measure something smaller than it says.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OWN_SOURCES = [ROOT / "seeds", ROOT / "tests" / "texts"]


def corpora_dir() -> Path | None:
    """$KG_CORPORA, else the first `shared/corpora` found beside the repository or above it (a git worktree
    sits deeper than the main checkout), else None."""
    if os.environ.get("KG_CORPORA"):
        found = Path(os.environ["KG_CORPORA"])
        return found if found.is_dir() else None
    for parent in ROOT.parents:
        if (parent / "shared" / "corpora").is_dir():
            return parent / "shared" / "corpora"
    return None


class CorpusMissing(FileNotFoundError):
    """factru-dev's texts are not where the benchmark looked; str() says where and what to pass."""


FIND = "find"   # the default source of factru-dev: `find_factru()`, an error when it is not found


def find_factru(corpora: Path | None = None) -> Path:
    """factru-dev's folder under `corpora` (default: `corpora_dir()`), or CorpusMissing saying where it looked."""
    corpora = corpora if corpora is not None else corpora_dir()
    if corpora is None:
        raise CorpusMissing("no corpora found: neither $KG_CORPORA nor shared/corpora beside the repository or "
                            "above it; pass --corpora DIR (the folder holding factru-dev/), or --corpora none for "
                            "the 3 texts of the repository only")
    folder = Path(corpora) / "factru-dev"
    if not any(folder.glob("*.txt")):
        raise CorpusMissing(f"no factru-dev texts in {folder}; pass --corpora DIR, or --corpora none")
    return folder


def source_texts(factru: Path | None | str = FIND) -> list[str]:
    """Bodies of the source texts (a `date` header line of theirs is dropped: each copy gets its own): the
    project's own, then factru's when a folder is given. A given folder without texts is an error, not a
    silently smaller corpus (the figures of 3 texts repeated are not those of 125)."""
    if factru == FIND:
        factru = find_factru()
    texts = []
    for folder in [*OWN_SOURCES, *([factru] if factru else [])]:
        paths = sorted(folder.glob("*.txt")) if folder.is_dir() else []
        if folder == factru and not paths:
            raise FileNotFoundError(f"no *.txt in {factru}")
        for path in paths:
            text = path.read_text(encoding="utf-8-sig").strip()
            if text.startswith("date "):
                text = text.split("\n", 1)[1].strip() if "\n" in text else ""
            if text:
                texts.append(text)
    return texts


def write_corpus(folder: Path, n: int, factru: Path | None | str = FIND) -> list[Path]:
    """Write n documents `doc_00000.txt`... into folder; returns their paths. factru-dev is found
    (`find_factru`, CorpusMissing when it is not there) unless a folder is given, or None for the 3 texts."""
    texts = source_texts(factru)
    folder.mkdir(parents=True, exist_ok=True)
    start = dt.date(2020, 1, 1)
    paths = []
    for i in range(n):
        body = texts[i % len(texts)]
        title = body.split("\n", 1)[0][:80].strip() or f"Документ {i}"
        path = folder / f"doc_{i:05d}.txt"
        path.write_text(f"date {start + dt.timedelta(days=i)} {title}\n\n{body}\n", encoding="utf-8")
        paths.append(path)
    return paths
