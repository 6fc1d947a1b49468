"""Trigger detection on NEREL dev: the lexicon's rules, the trained model (extract/trigger_model.py), and both.

Every dev document goes through the pipeline up to Natasha's stages (bench/train_triggers.py `parse`).
Predicted triggers are tokens:
- rules: tokens whose lemma (or another lemma of the word, `extract.lemma_lookup.lexicon_matches`) is a trigger lemma of the
  lexicon; statements (ekg:Statement and its subclasses) are also counted apart, as `kg evaluate` does;
- model: tokens the model scores at or above its shipped threshold;
- union; model on unknown lemmas: the model's tokens that are no rule trigger; intersection.
A gold EVENT mention is found when a predicted trigger token overlaps one of its parts (recall); a predicted
trigger is right when it overlaps a gold EVENT (precision). Also: which class a proposed trigger should get
(the nearest lexicon trigger's, or ekg:OtherEvent), on the in-domain gold; and the cost of the component per document,
against the pipeline up to Natasha's stages.

    python bench/trigger_model_eval.py --cache /tmp/nerel-dev.pkl
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import train_triggers  # noqa: E402
from extract import trigger_model  # noqa: E402
from extract.gold import read_brat  # noqa: E402

DEV = train_triggers.TRAIN.parent / "dev"


def systems(docs: list[dict], statements: set[str]) -> dict:
    score = trigger_model.scorer()      # as the component scores
    threshold = score.threshold
    for d in docs:
        s = score(d["rows"]) if d["rows"] else np.zeros(0)
        d["model"] = {i for i, v in enumerate(s) if v >= threshold}
        d["rules"] = set(d["rule"])
        d["speech"] = d["rules"] - train_triggers.rule_triggers(d, statements)
    return {
        "rules": lambda d: d["rules"],
        "rules, statements aside": lambda d: d["rules"] - d["speech"],
        "model": lambda d: d["model"],
        "union": lambda d: d["rules"] | d["model"],
        "union, statements aside": lambda d: (d["rules"] - d["speech"]) | d["model"],
        "model on unknown lemmas": lambda d: d["model"] - d["rules"],
        "rules, no model (disagreement)": lambda d: d["rules"] - d["speech"] - d["model"],
        "intersection": lambda d: d["rules"] & d["model"],
    }


def classes(folder: Path) -> dict:
    """The class a proposed trigger would get, on the in-domain gold (gold-news): for each gold event whose
    trigger word has no lemma in the lexicon, the nearest lexicon trigger's class (`NearestClass`) against
    ekg:OtherEvent; exact, and lenient (a superclass or subclass of the gold class)."""
    from extract.gold import read_collection
    from extract.lemma_lookup import normal_forms
    from ontology.lexicon import load_lexicon
    lex = load_lexicon()
    nearest = trigger_model.NearestClass({**lex.triggers, **lex.class_lemmas})
    other = next(i for i, c in lex.classes.items() if c.local_name == "OtherEvent")
    out = {"events": 0, "nearest_exact": 0, "nearest_lenient": 0, "other_exact": 0, "other_lenient": 0}
    for doc in read_collection(folder):
        for e in doc.events:
            forms = normal_forms(doc.text[e.start:e.end].split()[0].lower())
            if any(f in lex.triggers for f in forms):
                continue
            found = next((c for c in map(nearest, forms) if c), None)
            if found is None:
                continue
            out["events"] += 1
            for name, cls in (("nearest", found[0]), ("other", other)):
                out[f"{name}_exact"] += cls == e.cls
                out[f"{name}_lenient"] += cls == e.cls or lex.is_a(cls, e.cls) or lex.is_a(e.cls, cls)
    return out


def cost(folder: Path, n: int) -> dict:
    """ms per document on the first n texts: the pipeline up to Natasha's stages, the component alone on its
    output, and the full pipeline (`build_nlp()`, the component included)."""
    from extract.pipeline import build_nlp
    natasha, full = train_triggers.analyser(), build_nlp()
    trigger_model.scorer()
    texts = [read_brat(t).text for t in sorted(folder.glob("*.txt"))[:n]]
    list(natasha.pipe(texts[:2]))                    # warm the models
    list(full.pipe(texts[:2]))
    t0 = time.perf_counter()
    docs = list(natasha.pipe(texts))
    t1 = time.perf_counter()
    for doc in docs:
        trigger_model.model_triggers(doc)
    t2 = time.perf_counter()
    list(full.pipe(texts))
    t3 = time.perf_counter()
    ms = lambda a, b: round(1000 * (b - a) / len(texts), 1)   # noqa: E731
    return {"documents": len(texts), "natasha_ms": ms(t0, t1), "component_ms": ms(t1, t2),
            "full_pipeline_ms": ms(t2, t3), "component_share_of_full": round((t2 - t1) / (t3 - t2), 3)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", type=Path, default=DEV)
    ap.add_argument("--cache", type=Path, help="pickle of the parsed dev documents (made on the first run)")
    ap.add_argument("--cost", type=int, default=20, help="documents timed (0: no timing)")
    ap.add_argument("--gold-news", type=Path, default=ROOT / "tests" / "fixtures" / "gold-news")
    args = ap.parse_args(argv)
    docs = train_triggers.cached(args.dev, args.cache)
    gold = {d["key"]: [a.parts for a in read_brat(args.dev / f"{d['key']}.txt").annotations.values()
                       if a.type == "EVENT"] for d in docs}
    out = {name: train_triggers.score(docs, pick, gold)
           for name, pick in systems(docs, train_triggers.statement_lemmas()).items()}
    out["classes of unknown triggers (gold-news)"] = classes(args.gold_news)
    if args.cost:
        out["cost"] = cost(args.dev, args.cost)
    print(json.dumps(out, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
