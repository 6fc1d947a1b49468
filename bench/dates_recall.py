"""Recognition of time expressions against NEREL's gold DATE spans, and what recognition costs.

    python bench/dates_recall.py [DIR] [--dates FILE] [--cost N]

Recall: the share of gold DATE spans (T lines of type DATE in DIR/*.ann, default nerel-dev/dev) that a found
expression overlaps; precision: the share of found expressions that overlap a gold DATE span. Every sentence
goes through `find_dates` (the events only look at sentences with an event), without an article date (NEREL
gives none; recognition does not depend on it). `--dates FILE` measures another version of extract/dates.py
(e.g. `git show 31c8f98:extract/dates.py > /tmp/dates_before.py`).
`--cost N`: CPU seconds of the pipeline on the first N texts of factru-dev, and of `find_dates` inside it (with
`--dates`, of that version's).
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPORA = ROOT.parent.parent / "shared" / "corpora"
if not CORPORA.exists():
    CORPORA = Path("/work/shared/corpora")


def gold_dates(ann: Path) -> list[tuple[int, int]]:
    spans = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) > 1 and parts[1].split(" ")[0] == "DATE":
            offsets = parts[1].split(" ", 1)[1].split(";")
            spans.append((int(offsets[0].split()[0]), int(offsets[-1].split()[1])))
    return spans


def load_dates(path: str | None):
    if path is None:
        from extract import dates
        return dates
    spec = importlib.util.spec_from_file_location("extract.dates_under_test", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def recall(folder: Path, dates) -> dict:
    from extract.pipeline import build_nlp
    nlp = build_nlp(ontology=False)
    gold_n = hit_gold = found_n = hit_found = 0
    for ann in sorted(folder.glob("*.ann")):
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        gold = gold_dates(ann)
        doc = nlp(text)
        found = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]))
                 for sent in doc.sents for s, e, _ in dates.find_dates(sent, None)]
        overlaps = lambda a, b: a[0] < b[1] and b[0] < a[1]   # noqa: E731
        gold_n += len(gold)
        hit_gold += sum(any(overlaps(g, f) for f in found) for g in gold)
        found_n += len(found)
        hit_found += sum(any(overlaps(f, g) for g in gold) for f in found)
    return {"gold": gold_n, "recall": hit_gold / max(gold_n, 1), "found": found_n,
            "precision": hit_found / max(found_n, 1)}


def cost(n: int, dates) -> dict:
    """CPU seconds of the pipeline on n texts, and of `find_dates` inside it (timed by wrapping it: the machine
    is shared, and two whole runs differ by more than the dates cost)."""
    from dateparser.search import search_dates

    import extract.events
    import extract.relations
    from extract.pipeline import build_nlp
    texts = [p.read_text(encoding="utf-8") for p in sorted((CORPORA / "factru-dev").glob("*.txt"))[:n]]
    spent = {"find_dates": 0.0, "calls": 0}

    def timed(span, ref):
        start = time.process_time()
        try:
            return dates.find_dates(span, ref)
        finally:
            spent["find_dates"] += time.process_time() - start
            spent["calls"] += 1
    extract.events.find_dates = extract.relations.find_dates = timed
    nlp = build_nlp()
    for _ in nlp.pipe(texts[:20]):                      # warm up: caches, and the libraries' first calls
        pass
    search_dates("в минувшую пятницу", languages=["ru"])
    spent.update(find_dates=0.0, calls=0)
    start = time.process_time()
    for _ in nlp.pipe(texts):
        pass
    spent["pipeline"] = time.process_time() - start
    return spent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", nargs="?", default=str(CORPORA / "nerel-dev" / "dev"))
    ap.add_argument("--dates", help="another extract/dates.py to measure")
    ap.add_argument("--cost", type=int, default=0, help="time the pipeline on the first N factru-dev texts")
    args = ap.parse_args()
    dates = load_dates(args.dates)
    if args.cost:
        s = cost(args.cost, dates)
        print(f"pipeline {s['pipeline']:.2f} CPU s on {args.cost} factru-dev texts; find_dates {s['find_dates']:.3f} s "
              f"in {s['calls']} calls ({s['find_dates'] / s['pipeline']:.1%} of the pipeline)")
        return
    r = recall(Path(args.folder), dates)
    print(f"gold DATE spans {r['gold']}, recall {r['recall']:.3f}; found {r['found']}, precision {r['precision']:.3f}")


if __name__ == "__main__":
    main()
