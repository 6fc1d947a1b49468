"""Why each NEREL WORKPLACE pair is not found (extract/evaluate_nerel.py `workplaces`), one line each, and the
predicted position relations of the same documents, to read, count and check by hand.

    .venv/bin/python bench/workplace_errors.py /work/shared/corpora/nerel-dev/train --skip 300 --limit 200 > wp.tsv

Study train, never dev. Lines of a gold pair: document, kind, the gold types (Arg1, Arg2), the person or post,
the organisation or state, the entities of the predicted mentions over each, the text between the two (when
in one sentence), the sentence. Kinds:
- found: a relation of the records joins an entity over Arg1 (or over a person WORKS_AS it) and one over Arg2;
- other sentence: no person (Arg1 or its holders) is written in Arg2's sentence;
- no person mention: no predicted mention over Arg1 nor over any of its holders;
- no org mention: no predicted mention over Arg2;
- mentions, no relation: both are there, no relation joins them.
Lines "predicted": each ekg:holdsPositionIn / positionIn relation, whether a gold WORKPLACE backs it (yes / no),
the holder, the organisation, the title, the rule, the status (former, acting, candidate), the sentence: the sample to check by hand. Counts go to stderr."""
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extract.evaluate import local  # noqa: E402
from extract.evaluate_nerel import _hit, _holders_by_entity, workplaces  # noqa: E402
from extract.pipeline import build_nlp  # noqa: E402
from argument_errors import gold_documents, parsed, sentence_of  # noqa: E402  (beside this script)

POSITION_PREDICATES = ("holdsPositionIn", "positionIn")


def one_line(text: str) -> str:
    return " ".join(text.split())


def sentence_text(record, offset) -> str:
    n = sentence_of(record, offset)
    s = next((s for s in record.sentences if s.index == n), None)
    return one_line(record.text[s.start:s.end]) if s is not None else ""


def gold_lines(gold, record, kinds):
    """One line per gold WORKPLACE of the document, with its kind (see the module's docstring)."""
    ann, text = gold.annotations, gold.text
    spans = _holders_by_entity(record)
    holders = defaultdict(list)
    for r in gold.relations:
        if r.type == "WORKS_AS" and r.arg1 in ann:
            holders[r.arg2].append(ann[r.arg1])
    pairs = [(r.subject, r.object) for r in record.relations if r.object]
    for r in gold.relations:
        if r.type != "WORKPLACE" or r.arg1 not in ann or r.arg2 not in ann:
            continue
        who, where = ann[r.arg1], ann[r.arg2]
        people = [who, *holders[r.arg1]]

        def over(entity, parts) -> bool:
            return _hit(parts, spans.get(entity, []))

        def named(parts) -> str:
            return " ".join(sorted({m.entity for m in record.mentions if _hit(parts, [(m.start, m.end)])}))
        found = any((over(a, p.parts) and over(b, where.parts)) or (over(b, p.parts) and over(a, where.parts))
                    for a, b in pairs for p in people)
        same = [p for p in people if sentence_of(record, p.start) == sentence_of(record, where.start)]
        if found:
            kind = "found"
        elif not same:
            kind = "other sentence"
        elif not any(named(p.parts) for p in people):
            kind = "no person mention"
        elif not named(where.parts):
            kind = "no org mention"
        else:
            kind = "mentions, no relation"
        kinds[kind, f"{who.type}-{where.type}"] += 1
        near = min(same or people, key=lambda p: abs(p.start - where.start))
        a, b = sorted([(near.start, near.end), (where.start, where.end)])
        between = one_line(text[a[0]:b[1]]) if same and b[0] - a[1] < 200 else ""
        print(gold.key, kind, f"{who.type}-{where.type}", one_line(text[who.start:who.end]),
              one_line(text[where.start:where.end]), " / ".join(named(p.parts) for p in people),
              named(where.parts), between, sentence_text(record, where.start), sep="\t")


def predicted_lines(gold, record, verdicts):
    """One line per predicted position relation, backed or not by a gold WORKPLACE pair."""
    ann, spans = gold.annotations, _holders_by_entity(record)
    holders = defaultdict(list)
    for r in gold.relations:
        if r.type == "WORKS_AS" and r.arg1 in ann:
            holders[r.arg2].append(ann[r.arg1].parts)
    gold_pairs = [([ann[r.arg1].parts, *holders[r.arg1]], ann[r.arg2].parts) for r in gold.relations
                  if r.type == "WORKPLACE" and r.arg1 in ann and r.arg2 in ann]
    for r in record.relations:
        if local(r.predicate) not in POSITION_PREDICATES or not r.object:
            continue
        backed = any(_hit(p, spans.get(r.subject, [])) and _hit(w, spans.get(r.object, []))
                     for people, w in gold_pairs for p in people)
        verdicts[backed] += 1
        print(gold.key, "predicted", "yes" if backed else "no", r.subject, r.object, r.qualifier or "",
              r.rule, r.status or "", sentence_text(record, r.start), sep="\t")


def main() -> None:
    docs = gold_documents(__doc__.splitlines()[0])
    kinds, verdicts, records = Counter(), Counter(), []
    for gold, (doc, record) in zip(docs, parsed(build_nlp(), docs)):
        records.append(record)
        gold_lines(gold, record, kinds)
        predicted_lines(gold, record, verdicts)
    totals = Counter()
    for (kind, _), n in kinds.items():
        totals[kind] += n
    print(dict(totals.most_common()), file=sys.stderr)
    print("WORKPLACE pairs as a relation:", workplaces(docs, records), file=sys.stderr)
    print(f"position relations backed by a gold pair: {verdicts[True]} of {sum(verdicts.values())}",
          file=sys.stderr)
    for (kind, types), n in kinds.most_common(30):
        print(f"{n:5} {kind:22} {types}", file=sys.stderr)


if __name__ == "__main__":
    main()
