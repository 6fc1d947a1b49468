"""CPU time of each pipeline stage a document, on a text's first reading and on its later copies, as the
extraction benchmark (`bench/run.py --sections extract`) reads them: its corpus repeats 126 source texts under
other dates, so about a third of its documents are first readings (new words for pymorphy3, navec, dateparser).

    PYTHONPATH=$PWD .venv/bin/python bench/stage_times.py [--docs 400] [--corpora DIR]

Prints ms a document per stage (first readings | copies), then Natasha's four stages (N) against the rest (R)
and N / (N + R), the benchmark's ratio to the pipeline's own Natasha stages, for each part and for all: with the copies' ratio as
the ceiling of any cut of first-reading costs alone (bench/RESULTS.md "Speed round 9").
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import find_factru, source_texts, write_corpus  # noqa: E402

NATASHA = ("tokenizer", "natasha_morphology", "natasha_syntax", "natasha_ner")


def stage_times(nlp, sources, acc: Counter) -> None:
    """Adds each stage's CPU seconds over the sources to acc (the tokenizer's with the Doc's making)."""
    from extract.to_records import to_document
    lexicon, digest = nlp.get_pipe("ontology_quotes").lexicon, nlp.meta.get("ontology_digest", "")
    for source in sources:
        t = time.process_time()
        doc = nlp.make_doc(source.text)
        doc._.article_date = source.date
        acc["tokenizer"] += time.process_time() - t
        for name, proc in nlp.pipeline:
            t = time.process_time()
            doc = proc(doc)
            acc[name] += time.process_time() - t
        t = time.process_time()
        to_document(doc, source, digest, lexicon)
        acc["to_records"] += time.process_time() - t


def split(acc: Counter) -> tuple[float, float]:
    return sum(v for k, v in acc.items() if k in NATASHA), sum(v for k, v in acc.items() if k not in NATASHA)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--corpora", help="folder holding factru-dev/ (default: as bench/run.py finds it)")
    args = ap.parse_args()
    from extract.pipeline import build_nlp
    from extract.reader import read_source
    factru = find_factru(Path(args.corpora) if args.corpora else None)
    first = len(source_texts(factru))
    with tempfile.TemporaryDirectory() as tmp:
        sources = [read_source(p) for p in write_corpus(Path(tmp), args.docs, factru)]
    nlp = build_nlp()
    stage_times(nlp, sources[-2:], Counter())          # lazy loads; words of two texts only
    cold, warm = Counter(), Counter()
    stage_times(nlp, sources[:first], cold)
    stage_times(nlp, sources[first:], warm)
    n_cold, n_warm = first, max(len(sources) - first, 1)
    print(f"{'stage':<24}{'first ms':>10}{'copies ms':>11}")
    for name in cold:
        print(f"{name:<24}{cold[name] / n_cold * 1000:10.2f}{warm[name] / n_warm * 1000:11.2f}")
    for label, acc, n in (("first readings", cold, n_cold), ("copies", warm, n_warm), ("all", cold + warm,
                                                                                      len(sources))):
        natasha, rest = split(acc)
        print(f"{label:<15} N {natasha / n * 1000:6.2f} ms  R {rest / n * 1000:6.2f} ms  "
              f"N/(N+R) {natasha / (natasha + rest):.3f}")


if __name__ == "__main__":
    main()
