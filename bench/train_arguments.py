"""Train the event argument model (extract/argument_model.py) on NEREL train; print its held-out figures.

Data recipe: every document of NEREL train (`../shared/corpora/nerel-dev/train`, brat) goes through the full
pipeline with the model's roles off (the rules alone). Each event the stage made (its trigger word found again
from its offsets) is paired with each entity mention of its sentence (`argument_model.pairs`, as the stage
pairs them). A pair is AGENT when a gold AGENT relation joins a gold EVENT over the trigger and a participant
over the mention, PARTICIPANT for PARTICIPANT_IN or INANIMATE_INVOLVED (which `kg evaluate` counts right
too), else none; pairs of events over no gold EVENT are not fitted (their roles are never scored). Documents
are split by a fixed seed: 85% to fit, 15% held out. On the held-out part the add threshold (on P(agent) +
P(participant), for pairs the rules gave no role) is the lowest at which the rules plus the model's roles
are at least as precise as the rules alone; the drop threshold (on P(none), for entities the rules gave a
role) the lowest at which dropping raises precision without losing a found argument, or 1.01 (never).
Softmax network, one ReLU hidden layer, class-weighted cross-entropy, full-batch Adam, fixed seed; float16.

    python bench/train_arguments.py --cache /tmp/nerel-args.pkl    # parses once (~10 min), then reuses it

An entity category may have an add threshold of its own, written into the shipped weights afterwards:

    python bench/train_arguments.py --category-threshold organization 0.55

Chosen with `kg evaluate` on the held-out documents (`--held-out-dir`, 110 of NEREL train): bodies at 0.55 instead
of 0.63 find 342 arguments of 647 instead of 341, roles precision 381 of 619 (61.55%) instead of 379 of 616
(61.53%); people at 0.55 find 342 too but at 61.2%, states at 0.55 change nothing: only bodies have one.
"""
from __future__ import annotations

import argparse
import pickle
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from extract import argument_model as am  # noqa: E402
from corpus import corpora_dir  # noqa: E402  (where the corpora are: the rule run.py and crashes.py follow)

TRAIN = (corpora_dir() or ROOT.parent / "shared" / "corpora") / "nerel-dev" / "train"
SEED = 16
HIDDEN = 32
EPOCHS = 15            # held-out loss 0.55 at 12-15, 0.60 at 20, 0.76 at 30, 1.18 at 80 (overfits)
HELD_OUT = 0.15


def trigger_token(doc, event):
    """The word the events stage took as the trigger: the root of the trigger's span."""
    span = doc.char_span(event.start, event.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def rules_off(nlp):
    """The events stage without the model's roles: what the model is trained to add to."""
    nlp.get_pipe("ontology_events").arguments = None
    return nlp


def doc_pairs(doc, stage) -> tuple[list, list]:
    """The stage's pairs of the finished document, and the events they are of."""
    from extract.events import EventCall, case_words
    res = EventCall(doc, stage.lexicon)
    events = [ev for ev in doc._.events or [] if trigger_token(doc, ev) is not None]
    tokens = [trigger_token(doc, ev) for ev in events]
    return am.pairs(doc, res, stage.lexicon, events, tokens, lambda t: case_words(t, stage.place_preps)), events


def relations_of_pairs(gold, events, found, rels) -> list[list[int] | None]:
    """Per pair: None when its event is over no gold EVENT, else the numbers of the relations of `rels` (kind,
    EVENT, argument) whose EVENT is over the event's trigger and whose argument is over the mention."""
    from extract.evaluate_nerel import _hit
    gold_events = [a for a in gold.annotations.values() if a.type == "EVENT"]
    out = []
    for n, m, _key, _lemma, _feats in found:
        trigger = [(events[n].start, events[n].end)]
        if not any(_hit(g.parts, trigger) for g in gold_events):
            out.append(None)
            continue
        span = [(m.start_char, m.end_char)]
        out.append([k for k, (_, event, p) in enumerate(rels) if _hit(event.parts, trigger) and _hit(p.parts, span)])
    return out


def gold_labels(gold, events, found) -> list[tuple[int, list[int]]]:
    """(label, the AGENT / PARTICIPANT_IN relations the pair would find) of each pair; label -1 for an event
    over no gold EVENT."""
    from extract.evaluate_nerel import ARGUMENTS, RIGHT_ARGUMENTS, _relations
    rels = list(_relations(gold, RIGHT_ARGUMENTS, "arg2"))
    out = []
    for hits in relations_of_pairs(gold, events, found, rels):
        if hits is None:
            out.append((-1, []))
            continue
        kinds = {rels[k][0] for k in hits}
        out.append((1 if "AGENT" in kinds else 2 if kinds else 0, [k for k in hits if rels[k][0] in ARGUMENTS]))
    return out


def rules_found(gold, record) -> tuple[set[int], int, int, int]:
    """The AGENT / PARTICIPANT_IN relations (numbered as in `gold_labels`) the rules find, their number, and the
    rules' right and predicted roles (`kg evaluate`'s arguments)."""
    from extract.evaluate import role_fillers
    from extract.evaluate_nerel import ARGUMENTS, RIGHT_ARGUMENTS, _events_over, _hit, _relations, arguments
    rels = list(_relations(gold, RIGHT_ARGUMENTS, "arg2"))
    found = {k for k, (kind, event, p) in enumerate(rels) if kind in ARGUMENTS and
             any(_hit(p.parts, role_fillers(record, e, r)) for e in _events_over(record, event) for r in e.roles)}
    a = arguments([gold], [record])
    return found, sum(kind in ARGUMENTS for kind, _, _ in rels), a["precision"]["right"], a["precision"]["predicted"]


def parse(folder: Path, limit: int | None = None, skip: int = 0) -> list[dict]:
    """One record per document: its key, pairs (lemma, features, label, hits, rule role) and the rules' counts."""
    from argument_errors import parsed
    from extract.gold import read_collection
    from extract.pipeline import build_nlp
    golds = read_collection(str(folder))[skip:][:limit]
    nlp = rules_off(build_nlp())
    stage = nlp.get_pipe("ontology_events")
    out = []
    for gold, (doc, record) in zip(golds, parsed(nlp, golds)):
        found, events = doc_pairs(doc, stage)
        labels = gold_labels(gold, events, found)
        by_rules, n_gold, right, predicted = rules_found(gold, record)
        out.append({"key": gold.key, "lemmas": [p[3] for p in found], "feats": [p[4] for p in found],
                    "y": [y for y, _ in labels], "hits": [h for _, h in labels],
                    "ruled": [any(f.startswith("rule=") and f != "rule=-" for f in p[4]) for p in found],
                    "found": by_rules, "gold": n_gold, "right": right, "predicted": predicted})
    return out


def actors_only(docs: list[dict]) -> list[dict]:
    """The pairs of people, bodies and states (`argument_model.ACTORS`): what `pairs` gives now, from a cache
    made when it gave every mention."""
    keep = {f"cat={c}" for c in am.ACTORS}
    for d in docs:
        kept = [k for k, feats in enumerate(d["feats"]) if keep & set(feats)]
        for field in ("lemmas", "feats", "y", "hits", "ruled"):
            d[field] = [d[field][k] for k in kept]
    return docs


def cached(folder: Path, cache: Path | None, limit: int | None = None) -> list[dict]:
    if cache and cache.exists():
        return actors_only(pickle.loads(cache.read_bytes()))
    docs = parse(folder, limit)
    if cache:
        cache.write_bytes(pickle.dumps(docs))
    return docs


class Data:
    """The fitted pairs as arrays: hashed feature rows (padded with a zero row), lemma ids, labels."""

    def __init__(self, docs: list[dict]):
        kept = [(d, k) for d in docs for k, y in enumerate(d["y"]) if y >= 0]
        self.y = np.array([d["y"][k] for d, k in kept], dtype=np.int64)
        rows = [[am.bucket(f) for f in d["feats"][k]] for d, k in kept]
        width = max((len(r) for r in rows), default=1)
        self.rows = np.full((len(rows), width), am.BUCKETS, dtype=np.int64)     # BUCKETS: the padding row
        for i, r in enumerate(rows):
            self.rows[i, :len(r)] = r
        lemmas = [d["lemmas"][k] for d, k in kept]
        vocab = {w: i for i, w in enumerate(dict.fromkeys(lemmas))}
        self.lemma = np.array([vocab[w] for w in lemmas], dtype=np.int64)
        self.vectors = np.stack([am.vector(w) for w in vocab]) if vocab else np.zeros((0, am.DIM + 1), np.float32)


def forward(w: dict, data: Data) -> tuple[np.ndarray, np.ndarray]:
    """First-layer input and probabilities, the padding row being zero. The feature rows are summed column by
    column of `data.rows`: a (pairs x features x hidden) gather would hold hundreds of MB."""
    table = np.vstack([w["w1"], np.zeros((1, w["w1"].shape[1]), np.float32)])
    h_in = (data.vectors @ w["wv"])[data.lemma] + w["b1"]
    for k in range(data.rows.shape[1]):
        h_in += table[data.rows[:, k]]
    return h_in, am.probabilities(w, h_in)


def row_gradient(data: Data, dh: np.ndarray) -> np.ndarray:
    """The first layer's gradient over the hashed rows (their transposed product with dh), one bincount per
    hidden unit: np.add.at over every (pair, feature) is many times slower."""
    flat, pair = data.rows.ravel(), np.repeat(np.arange(len(data.y)), data.rows.shape[1])
    return np.stack([np.bincount(flat, weights=dh[pair, j], minlength=am.BUCKETS + 1)[:am.BUCKETS]
                     for j in range(dh.shape[1])], axis=1).astype(np.float32)


def fit(data: Data, seed: int = SEED, epochs: int = EPOCHS, lr: float = 0.01) -> dict:
    """Full-batch Adam on the class-weighted cross-entropy (each class weighs as much as the others)."""
    rng = np.random.default_rng(seed)
    w = {"w1": rng.normal(0, 0.05, (am.BUCKETS, HIDDEN)).astype(np.float32),
         "wv": rng.normal(0, np.sqrt(1 / am.DIM), (am.DIM + 1, HIDDEN)).astype(np.float32),
         "b1": np.zeros(HIDDEN, np.float32),
         "w2": rng.normal(0, np.sqrt(1 / HIDDEN), (HIDDEN, 3)).astype(np.float32),
         "b2": np.zeros(3, np.float32)}
    counts = np.bincount(data.y, minlength=3).astype(np.float32)
    sample = (len(data.y) / (3 * np.maximum(counts, 1)))[data.y] / len(data.y)
    onehot = np.eye(3, dtype=np.float32)[data.y]
    m = {k: np.zeros_like(v) for k, v in w.items()}
    v = {k: np.zeros_like(a) for k, a in w.items()}
    for step in range(1, epochs + 1):
        h_in, p = forward(w, data)
        h = np.maximum(h_in, 0)
        dz = (p - onehot) * sample[:, None]
        dh = (dz @ w["w2"].T) * (h_in > 0)
        g1 = row_gradient(data, dh)
        by_lemma = np.zeros((len(data.vectors), HIDDEN), np.float32)
        np.add.at(by_lemma, data.lemma, dh)
        grads = {"w2": h.T @ dz + 1e-4 * w["w2"], "b2": dz.sum(0), "w1": g1 + 1e-5 * w["w1"],
                 "wv": data.vectors.T @ by_lemma + 1e-4 * w["wv"], "b1": dh.sum(0)}
        for k, g in grads.items():
            m[k] = 0.9 * m[k] + 0.1 * g
            v[k] = 0.999 * v[k] + 0.001 * g * g
            w[k] -= lr * (m[k] / (1 - 0.9 ** step)) / (np.sqrt(v[k] / (1 - 0.999 ** step)) + 1e-8)
    return w


def scores(docs: list[dict], w: dict) -> None:
    """Each document's pair probabilities, as the shipped scorer computes them (in d["p"])."""
    scorer = am.Scorer({**w, "add_threshold": np.float32(1), "drop_threshold": np.float32(1)})
    for d in docs:
        d["p"] = scorer([(0, None, None, lemma, feats) for lemma, feats in zip(d["lemmas"], d["feats"])])


def measure(docs: list[dict], add: float, drop: float = 1.01) -> dict:
    """Arguments found and role precision (by pairs: an approximation of `kg evaluate`'s) of the rules with the
    model's roles added at `add` and rule roles dropped at `drop`."""
    gold = sum(d["gold"] for d in docs)
    found = right = predicted = 0
    for d in docs:
        got, r, n = set(d["found"]), d["right"], d["predicted"]
        for p, y, hits, ruled in zip(d["p"], d["y"], d["hits"], d["ruled"]):
            if y < 0:
                continue
            if not ruled and p[1] + p[2] >= add:
                n += 1
                r += y > 0
                got |= set(hits)
            elif ruled and p[0] >= drop:
                n -= 1
                r -= y > 0
                got -= set(hits) if y > 0 else set()
        found, right, predicted = found + len(got), right + r, predicted + n
    return {"found": found, "gold": gold, "recall": round(found / gold, 4), "right": right,
            "predicted": predicted, "precision": round(right / max(predicted, 1), 4)}


def choose(docs: list[dict]) -> tuple[float, float, dict, dict]:
    """The add threshold (lowest keeping the rules' precision) and drop threshold (see the module's docstring)."""
    rules = measure(docs, 1.01)
    add = next((round(float(t), 3) for t in np.arange(0.3, 0.991, 0.01)
                if measure(docs, t)["precision"] >= rules["precision"]), 1.01)
    with_add = measure(docs, add)
    drop = 1.01
    for t in np.arange(0.5, 0.991, 0.01):
        m = measure(docs, add, t)
        if m["found"] >= with_add["found"] and m["precision"] > with_add["precision"]:
            drop = round(float(t), 3)
            break
    return add, drop, rules, measure(docs, add, drop)


def link_held_out(folder: Path, docs: list[dict], out: Path) -> None:
    """The held-out documents' brat files, linked into `out` (a corpus `kg evaluate` reads)."""
    out.mkdir(parents=True, exist_ok=True)
    for d in docs:
        for ext in (".txt", ".ann"):
            link = out / (d["key"] + ext)
            if not link.exists():
                link.symlink_to((folder / (d["key"] + ext)).resolve())


def arguments(description: str, out: Path, argv=None) -> argparse.Namespace:
    """The command line both trainers read (this one and bench/train_places.py)."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--train", type=Path, default=TRAIN)
    ap.add_argument("--cache", type=Path, help="pickle of the parsed documents (made on the first run)")
    ap.add_argument("--limit", type=int, help="only the first documents (a smoke run)")
    ap.add_argument("--epochs", type=int, default=EPOCHS)
    ap.add_argument("--out", type=Path, default=out)
    ap.add_argument("--held-out-dir", type=Path,
                    help="link the held-out documents here, for `kg evaluate` with and without the model")
    return ap.parse_args(argv)


def train(args: argparse.Namespace, docs: list[dict], choose, labels: int, what: str) -> int:
    """Split the parsed documents (fixed seed), fit on the first part, choose the thresholds on the held-out
    part with `choose`, print both and write the weights (float16) with the thresholds."""
    started = time.perf_counter()
    random.Random(SEED).shuffle(docs)
    cut = int(len(docs) * (1 - HELD_OUT))
    data = Data(docs[:cut])
    print(f"fit: {cut} documents, {len(data.y)} pairs, by label {np.bincount(data.y, minlength=labels).tolist()}; "
          f"held out: {len(docs) - cut} documents")
    if args.held_out_dir:
        link_held_out(args.train, docs[cut:], args.held_out_dir)
    w = fit(data, epochs=args.epochs)
    held = docs[cut:]
    scores(held, w)
    add, drop, rules, both = choose(held)
    print(f"held-out {what}, rules alone: {rules}")
    print(f"held-out, rules + model (add at {add}, drop at {drop}): {both}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, **{k: a.astype(np.float16) for k, a in w.items()},
                        add_threshold=np.float32(add), drop_threshold=np.float32(drop))
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB) in {time.perf_counter() - started:.0f} s")
    return 0


def with_category_threshold(path: Path, category: str, value: float) -> None:
    """Rewrite the weights at `path` with an add threshold of the entity category's own
    (`add_threshold_<category>`, read by `argument_model.Scorer.adds`), the arrays as they are."""
    if category not in am.ACTORS:
        raise SystemExit(f"not an actor category: {category} (one of {', '.join(am.ACTORS)})")
    with np.load(path) as data:
        arrays = {k: data[k] for k in data.files}
    arrays[f"add_threshold_{category}"] = np.float32(value)
    np.savez_compressed(path, **arrays)


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--category-threshold"]:     # e.g. --category-threshold organization 0.55
        with_category_threshold(am.WEIGHTS, argv[1], float(argv[2]))
        return 0
    args = arguments(__doc__.splitlines()[0], am.WEIGHTS, argv)
    return train(args, cached(args.train, args.cache, args.limit), choose, 3, "arguments")


if __name__ == "__main__":
    raise SystemExit(main())
