"""`kg evaluate`: precision, recall and F1 of extracted mentions against gold annotations.

A predicted mention counts only when its start, end and class all match a gold mention (exact
spans, as in the factRuEval measurement; a closing quote at the end of a span that holds its opening
quote is not compared, since collections disagree on it). The pipeline's ontology classes map to the gold classes
by their place in the ontology: persons → PER, organisations → ORG, states and places → LOC;
assets, events and other classes are not scored. "Natasha alone" is the same pipeline stopped after
Natasha's NER (`build_nlp(ontology=False)`), run in the same process on the same texts, so every
figure has its baseline beside it.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass

from extract.gold import CLASSES, GoldDocument

GOLD_CLASS = {"person": "PER", "organization": "ORG", "state": "LOC", "place": "LOC"}
Span = tuple[str, int, int, str]   # (document key, start, end, class)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


def score(gold: set[Span], predicted: set[Span]) -> dict[str, Score]:
    """Per gold class and micro-averaged over all ("all")."""
    scores = {c: Score() for c in (*CLASSES, "all")}
    for span in predicted:
        s = scores[span[3]]
        if span in gold:
            s.tp += 1
        else:
            s.fp += 1
    for span in gold - predicted:
        scores[span[3]].fn += 1
    total = scores["all"]
    for c in CLASSES:
        total.tp += scores[c].tp
        total.fp += scores[c].fp
        total.fn += scores[c].fn
    return scores


def errors(gold: set[Span], predicted: set[Span], texts: dict[str, str]) -> Counter:
    """The errors, by kind and text: a wrong boundary or class beside a gold mention, a miss, a false find."""
    found: Counter = Counter()
    by_doc_pred: dict[str, list[Span]] = {}
    for p in predicted:
        by_doc_pred.setdefault(p[0], []).append(p)
    matched_fp = set()
    for g in sorted(gold - predicted):
        doc, start, end, cls = g
        overlap = [p for p in by_doc_pred.get(doc, []) if p not in gold and p[1] < end and start < p[2]]
        text = texts[doc][start:end]
        if any(p[1:3] == (start, end) for p in overlap):
            other = next(p for p in overlap if p[1:3] == (start, end))
            found[("class", f"{cls} taken as {other[3]}", text)] += 1
        elif any(p[3] == cls for p in overlap):
            other = next(p for p in overlap if p[3] == cls)
            found[("boundary", cls, f"{text} ≠ {texts[doc][other[1]:other[2]]}")] += 1
        else:
            found[("missed", cls, text)] += 1
        matched_fp.update(overlap)
    for p in sorted(predicted - gold - matched_fp):
        found[("spurious", p[3], texts[p[0]][p[1]:p[2]])] += 1
    return found


def without_closing_quote(spans: set[Span], texts: dict[str, str]) -> set[Span]:
    """Spans compared without a closing quote at their end when they hold the opening one.

    Collections disagree: factRuEval ends "компании «Арктикгаз" at the name, brat annotators often
    take "Компания «Северный поток»" with its quote. Either way it is the same mention.
    """
    out = set()
    for key, start, end, cls in spans:
        text = texts[key][start:end]
        if len(text) > 1 and text[-1] in "»”\"" and any(q in text[:-1] for q in "«„“\""):
            end -= 1
        out.add((key, start, end, cls))
    return out


def gold_spans(docs: list[GoldDocument]) -> set[Span]:
    return {(d.key, m.start, m.end, m.cls) for d in docs for m in d.mentions}


def _source(doc: GoldDocument):
    from extract.reader import SourceText
    return SourceText(path=doc.path, key=doc.key, title="", date=None, text=doc.text,
                      content_hash=hashlib.sha256(doc.text.encode("utf-8")).hexdigest())


def pipeline_spans(nlp, docs: list[GoldDocument]) -> set[Span]:
    """Mentions the full pipeline extracts, in gold classes."""
    from extract.pipeline import extract_documents

    lexicon = nlp.get_pipe("ontology_mentions").lexicon   # the ontology the pipeline was built with
    spans = set()
    for gold, record in zip(docs, extract_documents(nlp, (_source(d) for d in docs))):
        for m in record.mentions:
            cls = GOLD_CLASS.get(lexicon.category(m.cls)) if m.cls in lexicon.classes else None
            if cls:
                spans.add((gold.key, m.start, m.end, cls))
    return spans


def natasha_spans(baseline_nlp, docs: list[GoldDocument]) -> set[Span]:
    """Natasha's named entities alone (PER, ORG, LOC), as the baseline."""
    spans = set()
    for gold, doc in zip(docs, baseline_nlp.pipe(d.text for d in docs)):
        for ent in doc.ents:
            if ent.label_ in CLASSES:
                spans.add((gold.key, ent.start_char, ent.end_char, ent.label_))
    return spans


def evaluate(docs: list[GoldDocument], nlp, baseline_nlp, top: int = 15) -> dict:
    """The whole report as plain data (what `--format json` prints)."""
    texts = {d.key: d.text for d in docs}
    gold = without_closing_quote(gold_spans(docs), texts)
    ours = without_closing_quote(pipeline_spans(nlp, docs), texts)
    base = without_closing_quote(natasha_spans(baseline_nlp, docs), texts)
    s_ours, s_base = score(gold, ours), score(gold, base)
    return {
        "documents": len(docs),
        "gold_mentions": len(gold),
        "mapping": {"gold": "factRuEval Person→PER, Org→ORG, Location/LocOrg→LOC; brat by type name",
                    "pipeline": "ontology person→PER, organization→ORG, state/place→LOC"},
        "pipeline": {c: s.as_dict() for c, s in s_ours.items()},
        "natasha": {c: s.as_dict() for c, s in s_base.items()},
        "f1_ratio": {c: round(s_ours[c].f1 / s_base[c].f1, 3) if s_base[c].f1 else None for c in s_ours},
        "errors": [{"kind": k, "class": c, "text": t, "count": n}
                   for (k, c, t), n in errors(gold, ours, texts).most_common(top)],
    }


def format_report(report: dict) -> str:
    lines = [f"{report['documents']} documents, {report['gold_mentions']} gold mentions (exact span and class)", "",
             f"{'class':<6} {'gold':>5}   {'pipeline P':>10} {'R':>6} {'F1':>6}   {'Natasha P':>9} {'R':>6} {'F1':>6}"
             f"   {'F1 ratio':>8}"]
    for c in (*CLASSES, "all"):
        o, b = report["pipeline"][c], report["natasha"][c]
        ratio = report["f1_ratio"][c]
        lines.append(f"{c:<6} {o['tp'] + o['fn']:>5}   {o['precision']:>10.3f} {o['recall']:>6.3f} {o['f1']:>6.3f}"
                     f"   {b['precision']:>9.3f} {b['recall']:>6.3f} {b['f1']:>6.3f}"
                     f"   {ratio if ratio is not None else '-':>8}")
    lines += ["", "most frequent errors of the pipeline:"]
    lines += [f"  {e['count']:>3}  {e['kind']:<8} {e['class']:<16} {e['text']}" for e in report["errors"]]
    return "\n".join(lines)
