"""Train the event trigger model (extract/trigger_model.py) on NEREL train; print its held-out figures.

Data recipe: every document of NEREL train (`../shared/corpora/nerel-dev/train`, brat) goes through the
project's pipeline up to Natasha's stages (`build_nlp(ontology=False)` plus `ontology_normalise`, so
lemmas are written as the full pipeline writes them). A token is a trigger (label 1) when its characters
overlap any part of a gold EVENT span; only the parts of speech the component scores are fitted
(`trigger_model.PROPOSED_POS`); `--labels head` labels each mention's head word only (tried, not shipped:
bench/RESULTS.md "Trigger labels"). Documents are split by a fixed seed: 85% to fit, 15% held out; a first
threshold is chosen on the held-out part by tokens (`choose_threshold`), the shipped one by events
(bench/trigger_threshold.py, same held-out part; dev is never read here).
The model: one hidden ReLU layer (HIDDEN units), logistic output, positive class weighted by the class
ratio, full-batch Adam on numpy, fixed seed. The weights are written as float16 to keep the file small.

    python bench/train_triggers.py --cache /tmp/nerel-train.pkl    # parses once, then reuses the cache
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

from corpus import corpora_dir  # noqa: E402  (where the corpora are: the rule run.py and crashes.py follow)
from extract import trigger_model  # noqa: E402
from extract.gold import read_brat  # noqa: E402

TRAIN = (corpora_dir() or ROOT.parent / "shared" / "corpora") / "nerel-dev" / "train"
SEED = 16
HIDDEN = 64
EPOCHS = 300          # 800 overfits: held-out token F1 0.540 against 0.554
HELD_OUT = 0.15


def read_events(txt: Path) -> tuple[str, list[tuple[int, int]]]:
    """A brat document's text and the character parts of its EVENT spans."""
    gold = read_brat(txt)
    return gold.text, [p for a in gold.annotations.values() if a.type == "EVENT" for p in a.parts]


def read_mentions(txt: Path) -> list[list[tuple[int, int]]]:
    """The character parts of each EVENT mention of a brat document, one list per mention."""
    return [list(a.parts) for a in read_brat(txt).annotations.values() if a.type == "EVENT"]


def labels(doc, parts: list[tuple[int, int]]) -> list[int]:
    """1 for a token that overlaps an EVENT part, else 0."""
    return [int(any(t.idx < b and a < t.idx + len(t.text) for a, b in parts)) for t in doc]


def head_labels(d: dict) -> list[int]:
    """1 for the head word of each gold EVENT mention, -1 (not fitted) for its other words, else 0.
    NEREL's spans take in a trigger's subject or object ("самолёт разбился", "гибель людей"); labelled 1, they
    taught the model words like "самолёт". The head is the mention's token whose syntactic head lies outside
    it; of several, those of the parts of speech the component scores."""
    y = [0] * len(d["rows"])
    for parts in d["mentions"]:
        inside = [i for i, s in enumerate(d["spans"]) if overlap(s, parts)]
        heads = [i for i in inside if d["heads"][i] == i or d["heads"][i] not in inside]
        heads = [i for i in heads if d["rows"][i][2] in trigger_model.PROPOSED_POS] or heads
        for i in inside:
            y[i] = 1 if i in heads or y[i] == 1 else -1
    return y


LABELS = {"head": head_labels, "span": lambda d: d["y"],
          "head-only": lambda d: [max(v, 0) for v in head_labels(d)]}


def analyser():
    """The pipeline up to Natasha's stages, lemmas normalised as in the full pipeline."""
    from extract.pipeline import build_nlp
    nlp = build_nlp(ontology=False)
    nlp.add_pipe("ontology_normalise", after="lemmatizer")
    return nlp


def parse(folder: Path, limit: int | None = None) -> list[dict]:
    """One record per document: its key, the model's token rows, labels, token offsets and rule hits."""
    from extract.lemma_lookup import lexicon_matches
    from ontology.lexicon import load_lexicon
    triggers = load_lexicon().triggers
    nlp = analyser()
    out = []
    for txt in sorted(folder.glob("*.txt"))[:limit]:
        text, parts = read_events(txt)
        doc = nlp(text)
        out.append({"key": txt.stem, "rows": trigger_model.rows(doc), "y": labels(doc, parts), "parts": parts,
                     "spans": [(t.idx, t.idx + len(t.text)) for t in doc],
                     "heads": [t.head.i for t in doc], "mentions": read_mentions(txt),
                     "rule": sorted(t.i for t, _ in lexicon_matches(doc, triggers)),
                     "doc": doc.to_bytes(exclude=["user_data", "tensor"])})
    return out


def cached(folder: Path, cache: Path | None) -> list[dict]:
    """The parsed documents, from the cache when there is one; their rows read again from the kept analyses,
    so that a change of the model's features needs no new parse."""
    if cache and cache.exists():
        docs = pickle.loads(cache.read_bytes())
        from spacy.tokens import Doc
        from spacy.vocab import Vocab
        vocab = Vocab()
        for d in docs:
            if "doc" in d:
                d["rows"] = trigger_model.rows(Doc(vocab).from_bytes(d["doc"]))
        return docs
    docs = parse(folder)
    if cache:
        cache.write_bytes(pickle.dumps(docs))
    return docs


def proposed(d: dict) -> list[int]:
    """The tokens the component scores: its parts of speech only (`trigger_model.PROPOSED_POS`)."""
    return [i for i, r in enumerate(d["rows"]) if r[2] in trigger_model.PROPOSED_POS]


def stack(docs: list[dict], label=lambda d: d["y"]) -> tuple[np.ndarray, np.ndarray]:
    """Features and labels of the tokens the component scores (a comma is never asked about), those labelled
    -1 left out."""
    ys = [label(d) for d in docs]
    kept = [(d, y, i) for d, y in zip(docs, ys) for i in proposed(d) if y[i] >= 0]
    return trigger_model.matrix([d["rows"][i] for d, _, i in kept]), np.array([y[i] for _, y, i in kept], dtype=np.float32)


def average_precision(scores: np.ndarray, y: np.ndarray) -> float:
    """The mean precision at each positive, ranked by score: how well the scores put triggers first."""
    order = np.argsort(-scores, kind="stable")
    hits = y[order] > 0
    return float((np.cumsum(hits)[hits] / (np.flatnonzero(hits) + 1)).mean()) if hits.any() else 0.0


def fit(x: np.ndarray, y: np.ndarray, seed: int = SEED, epochs: int = EPOCHS, lr: float = 0.003,
        val: tuple[np.ndarray, np.ndarray] | None = None, every: int = 25) -> dict:
    """Full-batch Adam on the class-weighted logistic loss. With `val` (held-out features and labels), the
    weights of the step with the best held-out average precision, checked every `every` steps (early stopping)."""
    best, best_ap = None, -1.0
    rng = np.random.default_rng(seed)
    w = {"w1": rng.normal(0, np.sqrt(2 / x.shape[1]), (x.shape[1], HIDDEN)).astype(np.float32),
         "b1": np.zeros(HIDDEN, np.float32),
         "w2": rng.normal(0, np.sqrt(1 / HIDDEN), (HIDDEN, 1)).astype(np.float32),
         "b2": np.zeros(1, np.float32)}
    pos_weight = (len(y) - y.sum()) / max(y.sum(), 1)
    sample = np.where(y > 0, pos_weight, 1.0).astype(np.float32) / len(y)
    m = {k: np.zeros_like(v) for k, v in w.items()}
    v = {k: np.zeros_like(a) for k, a in w.items()}
    for step in range(1, epochs + 1):
        h_in = x @ w["w1"] + w["b1"]
        h = np.maximum(h_in, 0)
        p = 1 / (1 + np.exp(-np.clip(h @ w["w2"] + w["b2"], -30, 30)))[:, 0]
        dz = ((p - y) * sample)[:, None]
        dh = (dz @ w["w2"].T) * (h_in > 0)
        grads = {"w2": h.T @ dz + 1e-4 * w["w2"], "b2": dz.sum(0),
                 "w1": x.T @ dh + 1e-4 * w["w1"], "b1": dh.sum(0)}
        for k, g in grads.items():
            m[k] = 0.9 * m[k] + 0.1 * g
            v[k] = 0.999 * v[k] + 0.001 * g * g
            w[k] -= lr * (m[k] / (1 - 0.9 ** step)) / (np.sqrt(v[k] / (1 - 0.999 ** step)) + 1e-8)
        if val is not None and (step % every == 0 or step == epochs):
            ap = average_precision(trigger_model.forward(w, val[0]), val[1])
            print(f"  step {step}: held-out average precision {ap:.4f}", flush=True)
            if ap > best_ap:
                best, best_ap = {k: a.copy() for k, a in w.items()}, ap
    return best if best is not None else w


def overlap(span: tuple[int, int], parts) -> bool:
    return any(span[0] < e and s < span[1] for s, e in parts)


def score(docs: list[dict], predicted, mentions=None) -> dict:
    """Gold EVENT mentions found (a predicted token overlaps one of its parts) and the share of predicted
    tokens that overlap a gold EVENT. `mentions`: key -> each mention's parts (default: each part alone)."""
    found = total = right = n = 0
    for d in docs:
        spans = [d["spans"][i] for i in predicted(d)]
        gold = mentions[d["key"]] if mentions else [[p] for p in d["parts"]]
        total += len(gold)
        found += sum(any(overlap(s, parts) for s in spans) for parts in gold)
        n += len(spans)
        right += sum(any(overlap(s, parts) for parts in gold) for s in spans)
    return {"gold": total, "found": found, "recall": round(found / total, 4) if total else 0.0,
            "predicted": n, "right": right, "precision": round(right / n, 4) if n else 0.0}


def statement_lemmas() -> set[str]:
    """Trigger lemmas of ekg:Statement and its subclasses: speech acts, which NEREL seldom marks as EVENTs."""
    from ontology.lexicon import load_lexicon
    lex = load_lexicon()
    root = next(i for i, c in lex.classes.items() if c.local_name == "Statement")
    return {lemma for lemma, cls in lex.triggers.items() if lex.is_a(cls, root)}


def rule_triggers(d: dict, statements: set[str]) -> set[int]:
    """The document's rule triggers, statements aside."""
    return {i for i in d["rule"] if d["rows"][i][0] not in statements}


def choose_threshold(docs: list[dict], w: dict) -> tuple[float, dict, dict]:
    """The lowest threshold (most recall) at which the rules plus the model's proposals are, on held-out
    documents, at least as precise as the rules alone: the model may add events, not dilute them."""
    statements = statement_lemmas()
    for d in docs:
        d["score"] = np.zeros(len(d["rows"]))
        if d["rows"]:
            d["score"][proposed(d)] = trigger_model.forward(w, trigger_model.matrix([d["rows"][i] for i in proposed(d)]))
        d["rules"] = rule_triggers(d, statements)
    rules = score(docs, lambda d: d["rules"])
    for t in np.arange(0.5, 0.9951, 0.005):
        union = score(docs, lambda d: d["rules"] | {i for i, s in enumerate(d["score"]) if s >= t})
        if union["precision"] >= rules["precision"]:
            break
    t = round(float(t), 3)
    return t, rules, union


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--train", type=Path, default=TRAIN)
    ap.add_argument("--cache", type=Path, help="pickle of the parsed documents (made on the first run)")
    ap.add_argument("--out", type=Path, default=trigger_model.WEIGHTS)
    ap.add_argument("--labels", choices=sorted(LABELS), default="span",
                    help="span (shipped): every word of a mention; head: its head word, its other words not fitted; "
                         "head-only: its head word, its other words negatives (bench/RESULTS.md)")
    ap.add_argument("--epochs", type=int, default=EPOCHS)
    ap.add_argument("--early-stop", action="store_true",
                    help="keep the step with the best held-out average precision (checked every 25 steps)")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    docs = cached(args.train, args.cache)
    random.Random(SEED).shuffle(docs)
    cut = int(len(docs) * (1 - HELD_OUT))
    x, y = stack(docs[:cut], LABELS[args.labels])
    print(f"fit: {cut} documents, {len(y)} tokens, {int(y.sum())} trigger tokens; "
          f"held out: {len(docs) - cut} documents")
    w = fit(x, y, epochs=args.epochs, val=stack(docs[cut:]) if args.early_stop else None)
    threshold, rules, union = choose_threshold(docs[cut:], w)
    model = score(docs[cut:], lambda d: {i for i, s in enumerate(d["score"]) if s >= threshold})
    print(f"held-out EVENT parts, rules alone (statements aside): {rules}")
    print(f"held-out, model alone at threshold {threshold}: {model}")
    print(f"held-out, rules + model: {union}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, **{k: a.astype(np.float16) for k, a in w.items()},
                        threshold=np.float32(threshold))
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB) in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
