"""Choose the trigger model's threshold by the events measure of `kg evaluate`, on held-out NEREL train.

`bench/train_triggers.py` fits the model on 85% of NEREL train and picks a first threshold on the other 15%
by tokens. What ships is judged by events (extract/evaluate_nerel.py `events`: a predicted event overlapping
a gold EVENT, statements aside), after the events stage has made its own choices (a proposed adjective gives
its noun, a word of a trigger's phrase is no second event ...). This script runs the full pipeline on the
same held-out documents (the split of train_triggers: its seed and share) once per threshold of a grid, prints
recall and precision, and takes the lowest threshold (most events found) whose precision is at least
`--min-precision`: by default the precision of the events of the release before the retrained model on these
documents (66.7 %, bench/RESULTS.md "Trigger model"), so the new model adds events without diluting them.
Dev is never read here.

    python bench/trigger_threshold.py [--grid 0.90 0.99 0.01] [--min-precision 0.667] [--write]

`--write` stores the chosen threshold in extract/models/triggers.npz (the weights are left as they are).
`--context` sweeps instead the context threshold (the score at which the lexicon's ekg:contextTriggerLemma words
become triggers, `trigger_model.confirmed`), the model's own threshold as shipped; `--write` then stores it as
`context_threshold`. A context threshold at or above 1 takes none of them.
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import train_triggers  # noqa: E402
from extract import trigger_model  # noqa: E402


def held_out(folder: Path) -> list[Path]:
    """The documents train_triggers.py holds out: the same shuffle of the same sorted list."""
    texts = sorted(folder.glob("*.txt"))
    random.Random(train_triggers.SEED).shuffle(texts)
    return texts[int(len(texts) * (1 - train_triggers.HELD_OUT)):]


def sweep(texts: list[Path], grid: list[float], field: str = "threshold") -> list[tuple[float, dict]]:
    from extract.evaluate import extract_records
    from extract.evaluate_nerel import events
    from extract.gold import read_brat
    from extract.pipeline import build_nlp
    docs = [read_brat(t) for t in texts]
    nlp = build_nlp()
    lexicon = nlp.get_pipe("ontology_events").lexicon
    score = trigger_model.scorer()
    out = []
    for t in grid:
        setattr(score, field, t)
        records, _ = extract_records(nlp, docs)
        report = events(docs, records, lexicon)
        out.append((t, report))
        print(f"{field} {t:.3f}: found {report['recall']['found']} of {report['recall']['gold']} "
              f"({report['recall']['recall']:.3f}), precision {report['precision']['right']} of "
              f"{report['precision']['predicted']} ({report['precision']['precision']:.3f})", flush=True)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--train", type=Path, default=train_triggers.TRAIN)
    ap.add_argument("--grid", type=float, nargs=3, default=(0.90, 0.99, 0.01), metavar=("FROM", "TO", "STEP"))
    ap.add_argument("--min-precision", type=float, default=0.667)
    ap.add_argument("--write", action="store_true", help="store the chosen threshold in the shipped weights")
    ap.add_argument("--context", action="store_true", help="choose the context triggers' threshold instead")
    args = ap.parse_args(argv)
    lo, hi, step = args.grid
    grid = [round(float(t), 3) for t in np.arange(lo, hi + step / 2, step)]
    field = "context_threshold" if args.context else "threshold"
    results = sweep(held_out(args.train), grid, field)
    chosen = next((t for t, r in results if r["precision"]["precision"] >= args.min_precision), None)
    if chosen is None:
        print(f"no threshold of the grid reaches precision {args.min_precision}")
        return 1
    print(f"chosen: {chosen}")
    if args.write:
        with np.load(trigger_model.WEIGHTS) as data:
            weights = {k: data[k] for k in data.files}
        weights[field] = np.float32(chosen)
        np.savez_compressed(trigger_model.WEIGHTS, **weights)
        print(f"wrote {trigger_model.WEIGHTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
