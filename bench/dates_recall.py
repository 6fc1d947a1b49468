"""Recognition of time expressions against NEREL's gold DATE spans, and what recognition costs.

    python bench/dates_recall.py [DIR] [--dates FILE] [--cost N]

Recall: the share of gold DATE spans (T lines of type DATE in DIR/*.ann, default nerel-dev/dev) that a found
expression overlaps; precision: the share of found expressions that overlap a gold DATE span. Every sentence
goes through `find_dates` (the events only look at sentences with an event), without an article date (NEREL
gives none; recognition does not depend on it). `--dates FILE` measures another version of extract/dates.py
(e.g. `git show 31c8f98:extract/dates.py > /tmp/dates_before.py`).
`--cost N`: CPU seconds of Natasha alone, the full pipeline, and the same with the date libraries switched off, on
the first N texts of factru-dev.
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


def cost(n: int) -> dict:
    from dateparser.search import search_dates

    from extract import dates
    from extract.pipeline import build_nlp
    texts = [p.read_text(encoding="utf-8") for p in sorted((CORPORA / "factru-dev").glob("*.txt"))[:n]]
    seconds = {}
    for name, ontology, libraries in (("natasha alone", False, True), ("pipeline", True, True),
                                      ("pipeline, no date libraries", True, False)):
        nlp = build_nlp(ontology=ontology)
        keep = dates.natasha_found, dates.dateparser_found
        if not libraries:
            dates.natasha_found = dates.dateparser_found = lambda span, ref: []
        for _ in nlp.pipe(texts[:20]):                  # warm up: caches, and the libraries' first calls
            pass
        dates.natasha_dates(), search_dates("в минувшую пятницу", languages=["ru"])
        start = time.process_time()                    # CPU time: other processes share the machine
        for _ in nlp.pipe(texts):
            pass
        seconds[name] = time.process_time() - start
        dates.natasha_found, dates.dateparser_found = keep
    return seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", nargs="?", default=str(CORPORA / "nerel-dev" / "dev"))
    ap.add_argument("--dates", help="another extract/dates.py to measure")
    ap.add_argument("--cost", type=int, default=0, help="time the pipeline on the first N factru-dev texts")
    args = ap.parse_args()
    if args.cost:
        s = cost(args.cost)
        for name, sec in s.items():
            print(f"{name:30} {sec:7.2f} s  ({args.cost / sec:.2f} docs/s)")
        print(f"pipeline / natasha alone throughput: {s['natasha alone'] / s['pipeline']:.2f} "
              f"(without the date libraries {s['natasha alone'] / s['pipeline, no date libraries']:.2f})")
        return
    r = recall(Path(args.folder), load_dates(args.dates))
    print(f"gold DATE spans {r['gold']}, recall {r['recall']:.3f}; found {r['found']}, precision {r['precision']:.3f}")


if __name__ == "__main__":
    main()
