"""Train the event place model (extract/argument_model.py with `WHERE`) on NEREL train; print its held-out figures.

The same recipe, network and features as the argument model (bench/train_arguments.py, whose fitting code this
reuses), over other pairs: each event the stage made (its argument roles on, its place model off) with each
mention of a place, state, facility or body of its sentence (`argument_model.pairs` with `kinds=WHERE`, which adds
whether the rules made it the event's place or another event's). A pair is a place (label 1) when a gold
TAKES_PLACE_IN joins a gold EVENT over the trigger (Arg1) and a mention over the place (Arg2), else none (0);
pairs of events over no gold EVENT are not fitted. Documents split by the same seed: 85% to fit, 15% held
out, where the add threshold (on P(place), for pairs the rules gave no place) and the drop threshold (on
P(none), for the rules' places; 1.01 never) are those of the best F1 of places by pairs (recall over the gold
TAKES_PLACE_IN, precision over the places given). The arguments' rule (as precise as the rules alone) adds
nothing here: the rules' places are 78 % right by pairs and no threshold keeps that, while NEREL scores
places by recall alone.

    python bench/train_places.py --cache /tmp/nerel-places.pkl    # parses once (~10 min), then reuses it
"""
from __future__ import annotations

import pickle
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from extract import argument_model as am  # noqa: E402
import train_arguments as ta  # noqa: E402


def doc_pairs(doc, stage) -> tuple[list, list]:
    """The place pairs of the finished document, and the events they are of."""
    from extract.events import EventCall, case_words
    res = EventCall(doc, stage.lexicon)
    events = [ev for ev in doc._.events or [] if ta.trigger_token(doc, ev) is not None]
    tokens = [ta.trigger_token(doc, ev) for ev in events]
    found = am.pairs(doc, res, stage.lexicon, events, tokens, lambda t: case_words(t, stage.place_preps),
                     kinds=am.WHERE)
    return found, events


def gold_labels(gold, events, found) -> list[tuple[int, list[int]]]:
    """(label, the TAKES_PLACE_IN relations the pair would find) of each pair; label -1 for an event over no
    gold EVENT."""
    from extract.evaluate_nerel import _relations
    rels = list(_relations(gold, ("TAKES_PLACE_IN",), "arg1"))
    return [(-1, []) if hits is None else (1 if hits else 0, hits)
            for hits in ta.relations_of_pairs(gold, events, found, rels)]


def rules_found(gold, record) -> tuple[set[int], int]:
    """The TAKES_PLACE_IN relations (numbered as in `gold_labels`) the rules find (as `kg evaluate` does), and
    their number."""
    from extract.evaluate import role_fillers
    from extract.evaluate_nerel import PLACE_ROLES, _events_over, _hit, _relations, local
    rels = list(_relations(gold, ("TAKES_PLACE_IN",), "arg1"))
    found = {k for k, (_, event, p) in enumerate(rels)
             if any(_hit(p.parts, role_fillers(record, e, r)) for e in _events_over(record, event)
                    for r in e.roles if local(r.role) in PLACE_ROLES)}
    return found, len(rels)


def parse(folder: Path, limit: int | None = None) -> list[dict]:
    """One record per document, as train_arguments.parse's (precision counted by pairs)."""
    from argument_errors import parsed
    from extract.gold import read_collection
    from extract.pipeline import build_nlp
    golds = read_collection(str(folder))[:limit]
    nlp = build_nlp()
    stage = nlp.get_pipe("ontology_events")
    stage.place_model = None
    out = []
    for gold, (doc, record) in zip(golds, parsed(nlp, golds)):
        found, events = doc_pairs(doc, stage)
        labels = gold_labels(gold, events, found)
        by_rules, n_gold = rules_found(gold, record)
        ruled = ["own_place=True" in p[4] for p in found]
        y = [y for y, _ in labels]
        out.append({"key": gold.key, "lemmas": [p[3] for p in found], "feats": [p[4] for p in found],
                    "y": y, "hits": [h for _, h in labels], "ruled": ruled, "found": by_rules, "gold": n_gold,
                    "right": sum(r and v > 0 for r, v in zip(ruled, y)),
                    "predicted": sum(r and v >= 0 for r, v in zip(ruled, y))})
    return out


def cached(folder: Path, cache: Path | None, limit: int | None = None) -> list[dict]:
    if cache and cache.exists():
        return pickle.loads(cache.read_bytes())
    docs = parse(folder, limit)
    if cache:
        cache.write_bytes(pickle.dumps(docs))
    return docs


def f1(m: dict) -> float:
    return 2 * m["recall"] * m["precision"] / max(m["recall"] + m["precision"], 1e-9)


def choose(docs: list[dict]) -> tuple[float, float, dict, dict]:
    """The add and drop thresholds of the best held-out F1 (the first of equals: the fewest changes)."""
    grid = [(round(float(a), 3), round(float(d), 3)) for a in (*np.arange(0.3, 0.991, 0.05), 1.01)
            for d in (*np.arange(0.5, 0.991, 0.05), 1.01)]
    add, drop = max(reversed(grid), key=lambda t: f1(ta.measure(docs, *t)))
    return add, drop, ta.measure(docs, 1.01), ta.measure(docs, add, drop)


def main(argv=None) -> int:
    args = ta.arguments(__doc__.splitlines()[0], am.PLACE_WEIGHTS, argv)
    return ta.train(args, cached(args.train, args.cache, args.limit), choose, 2, "places")


if __name__ == "__main__":
    raise SystemExit(main())
