"""Why each gold event no predicted event mention covers was missed, one line each, and the count by reason.

    .venv/bin/python bench/missed_events.py ../shared/corpora/nerel-dev/train [--limit N] > missed.tsv
    .venv/bin/python bench/missed_events.py tests/fixtures/gold-news > missed.tsv

Works on NEREL's EVENT mentions (brat) and on an events gold's events. A gold event is missed when no
asserted event mention (extract/evaluate.py `scored_events`) overlaps it. Its reason, from the first stage
that lost it, read on the word of the gold trigger closest to becoming one:
- `not asserted <cue>`: the events stage made it, the modality stage marked it otherwise;
- `dropped in records`: made, then removed in extract/to_records.py (an outlet's relayed statement);
- `lexicon: <filter>`: a lexicon trigger the events stage refused (an entity mention, a participle naming people,
  a speech verb's passive or participle, a part of speech it takes no trigger of);
- `model: <filter>`: not in the lexicon, the model proposed it, the events stage refused it (an animate noun, a
  word of another trigger's phrase or one of its core arguments);
- `model below threshold`: neither in the lexicon nor proposed (the score is in its column).
Columns: document, reason, trigger as written, lemma, POS, dependency, model score, sentence. Summary on stderr.
On NEREL train the model's scores are those of its own training documents but for the held-out 15 %.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extract.evaluate import _source, asserted, scored_events  # noqa: E402
from extract.events import describes_noun, event_word, is_passive, names_people  # noqa: E402
from extract.gold import read_collection  # noqa: E402
from extract.lemma_lookup import lemma_column, lexicon_matches  # noqa: E402
from extract.pipeline import build_nlp  # noqa: E402
from extract.resolve import Resolver  # noqa: E402
from extract.to_records import to_document  # noqa: E402
from extract import trigger_model  # noqa: E402
from ontology.terms import EKG  # noqa: E402

OPEN = {"VERB", "NOUN", "ADJ", "PROPN"}


def gold_spans(gold) -> list[tuple[tuple[tuple[int, int], ...], str]]:
    """(parts, class) of every gold event: an events gold's events, else NEREL's EVENT mentions."""
    if gold.events:
        return [(((g.start, g.end),), g.cls.rsplit("/", 1)[-1]) for g in gold.events]
    return [(a.parts, "EVENT") for a in gold.annotations.values() if a.type == "EVENT"]


def overlaps(parts, start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in parts)


def sentence(doc, token) -> str:
    return " ".join(token.sent.text.split())


def lexicon_reason(stage, res, token, cls) -> str:
    """Which of the events stage's conditions a lexicon trigger failed (extract/events.py `triggers`)."""
    if token.pos_ not in OPEN:
        return f"lexicon: part of speech {token.pos_}"
    if res.mention_of(token) is not None:
        return "lexicon: an entity mention"
    if names_people(token):
        return "lexicon: names people"
    if stage.lexicon.is_a(cls, EKG.Statement) and (describes_noun(token) or is_passive(token)):
        return "lexicon: speech participle or passive"
    return "lexicon: kept (lost later)"


def model_reason(stage, res, token, proposed: set[int]) -> str:
    """Which of `model_only_triggers`' conditions a proposed word failed."""
    word = event_word(token)
    if word is None:
        return f"model: no event word ({token.pos_})"
    if res.mention_of(word) is not None:
        return "model: an entity mention"
    if names_people(word):
        return "model: names people"
    if "Anim" in word.morph.get("Animacy"):
        return "model: animate noun"
    if stage.part_of_event(word, proposed):
        return f"model: part of another event ({word.dep_} of {word.head.lemma_})"
    return "model: kept (lost later)"


def why(stage, doc, record, parts, scores) -> tuple[str, object]:
    """(reason, the word it was read on) for one missed gold event."""
    words = [t for t in doc if overlaps(parts, t.idx, t.idx + len(t)) and not t.is_punct]
    made = [ev for ev in doc._.events if any(overlaps(parts, m.start, m.end) for m in ev.triggers())]
    if made:
        kept = [ev for ev in record.events if any(overlaps(parts, m.start, m.end) for m in ev.triggers())]
        if kept and not any(asserted(ev) for ev in kept):
            cue = kept[0].modality_cue or ""
            return f"not asserted {kept[0].modality.rsplit('/', 1)[-1]} ({cue})", words[0] if words else None
        return "dropped in records", words[0] if words else None
    if not words:
        return "no token", None
    res = Resolver(doc, stage.lexicon)
    column = lemma_column(doc)
    _phrases, taken = stage.phrase_matches(doc)
    triggers = stage.lexicon.triggers
    proposed = {i for i, _ in doc._.model_triggers or ()}
    rules = {t.i for t, cls in lexicon_matches(doc, triggers) if cls}
    for t in words:
        lemma, forms = column[t.i]
        cls = next((triggers[f] for f in (lemma, *forms) if f in triggers), None)
        if cls is not None:
            if t.i in taken:
                return "lexicon: inside another phrase", t
            return lexicon_reason(stage, res, t, cls), t
    for t in words:
        if t.i in proposed:
            return model_reason(stage, res, t, proposed | rules | taken), t
    best = max(words, key=lambda t: scores.get(t.i, 0.0))
    return "model below threshold", best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("--limit", type=int)
    args = ap.parse_args()
    docs = read_collection(args.gold)[:args.limit]
    nlp = build_nlp()
    stage = nlp.get_pipe("ontology_events")
    lexicon = stage.lexicon
    score = trigger_model.scorer()
    reasons, lemmas = Counter(), defaultdict(Counter)
    total = 0
    for gold in docs:
        source = _source(gold)
        doc = nlp.make_doc(source.text)
        doc._.article_date = source.date
        doc = nlp(doc)
        record = to_document(doc, source, "", lexicon)
        kept, rows = trigger_model.indexed_rows(doc, trigger_model.PROPOSED_POS)
        scores = dict(zip(kept, score(rows).tolist())) if rows else {}
        predicted = scored_events(record)
        for parts, cls in gold_spans(gold):
            total += 1
            if any(overlaps(parts, ev.start, ev.end) for ev in predicted):
                continue
            reason, t = why(stage, doc, record, parts, scores)
            text = " ".join(gold.text[a:b] for a, b in parts)
            reasons[reason.split(" (")[0]] += 1
            tok = t if hasattr(t, "lemma_") else None
            lemma = lemma_column(doc)[tok.i][0] if tok is not None else str(t or "")
            lemmas[reason.split(" (")[0]][lemma] += 1
            print(gold.key, reason, text, lemma, tok.pos_ if tok else "", tok.dep_ if tok else "",
                  f"{scores.get(tok.i, 0.0):.3f}" if tok else "", cls,
                  sentence(doc, tok) if tok else "", sep="\t")
    print(f"{sum(reasons.values())} of {total} gold events missed (threshold {score.threshold})", file=sys.stderr)
    for reason, n in reasons.most_common():
        top = ", ".join(f"{w} {c}" for w, c in lemmas[reason].most_common(12))
        print(f"{n:5d}  {reason}: {top}", file=sys.stderr)


if __name__ == "__main__":
    main()
