"""Every text of the real corpora through the whole pipeline and the graph: no document may crash a stage.

    .venv/bin/python bench/crashes.py [--corpora DIR] [--limit N] [--out FILE]

The corpora are factru-dev (*.txt) and nerel-dev (train/*.txt, dev/*.txt), looked for in $KG_CORPORA, else in
`shared/corpora` beside the repository or one of its parents. Each file is read, extracted alone and turned
into N-Triples, so one failure is recorded with its file, stage and traceback and the others still run. The
run ends with `texts N, failures F` and exits 1 when F > 0; without the corpora it says it skipped and exits 0.
"""
from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import corpora_dir  # noqa: E402  (one rule for where the corpora are, shared with run.py)

CORPORA = ("factru-dev", "nerel-dev/train", "nerel-dev/dev")


def corpus_files(root: Path) -> list[Path]:
    return [p for name in CORPORA for p in sorted((root / name).glob("*.txt"))]


def check(nlp, path: Path) -> str | None:
    """None when the file goes through reader, pipeline and graph; else the stage and the traceback."""
    from extract.pipeline import extract_documents
    from extract.reader import read_source
    from kg.graph import document_ntriples
    stage = "read"
    try:
        source = read_source(path)
        stage = "extract"
        [doc] = extract_documents(nlp, [source])
        stage = "graph"
        document_ntriples(doc)
    except Exception:
        return f"{stage}: {traceback.format_exc()}"
    return None


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpora", type=Path, default=None, help="folder holding factru-dev and nerel-dev")
    ap.add_argument("--limit", type=int, default=None, help="only the first N texts")
    ap.add_argument("--out", type=Path, default=None, help="write each failure's traceback here")
    args = ap.parse_args(argv)
    root = args.corpora or corpora_dir()
    if root is None or not root.is_dir():
        print("skipped: no corpora folder (set KG_CORPORA or put shared/corpora beside the repository)")
        return 0
    files = corpus_files(root)[: args.limit]
    from extract.pipeline import build_nlp
    nlp = build_nlp()
    failures, started = [], time.perf_counter()
    for path in files:
        error = check(nlp, path)
        if error:
            failures.append((path, error))
            print(f"FAIL {path.relative_to(root)} {error.splitlines()[-1]}", flush=True)
    if args.out:
        args.out.write_text("".join(f"== {p}\n{e}\n" for p, e in failures), encoding="utf-8")
    print(f"texts {len(files)}, failures {len(failures)}, {time.perf_counter() - started:.0f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
