"""A generated corpus of any size for the benchmarks, from texts the project can read.

The sources are the seed, the test texts and, when present, factru-dev's 122 texts. Document i is
source i mod n under a `date` header that differs per copy, so every document is distinct (its own
key and content hash) while the language stays real news.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "seeds", ROOT / "tests" / "texts", ROOT.parent / "shared" / "corpora" / "factru-dev"]


def source_texts() -> list[str]:
    """Bodies of the source texts (a `date` header line of theirs is dropped: each copy gets its own)."""
    texts = []
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
            text = path.read_text(encoding="utf-8-sig").strip()
            if text.startswith("date "):
                text = text.split("\n", 1)[1].strip() if "\n" in text else ""
            if text:
                texts.append(text)
    return texts


def write_corpus(folder: Path, n: int) -> list[Path]:
    """Write n documents `doc_00000.txt`... into folder; returns their paths."""
    texts = source_texts()
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
