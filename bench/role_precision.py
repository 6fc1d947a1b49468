"""Every role `kg evaluate` scores for NEREL's roles precision (extract/evaluate_nerel.py `arguments`), one line
each, right or wrong, to see which kinds of role cost precision before adding more of them.

    .venv/bin/python bench/role_precision.py /work/shared/corpora/nerel-dev/train --skip 300 --limit 100 > roles.tsv

Study train, never dev. Columns: document, trigger, role, the filler's text, its entity (empty for a phrase),
whether the argument model added it, 1 when a gold AGENT / PARTICIPANT_IN / INANIMATE_INVOLVED of the gold EVENT
overlaps the filler. Only events over a gold EVENT, places aside, as the measure counts them. The counts by role
and by entity or phrase go to stderr (on 110 held-out train documents at 8b28cbd: phrase roles 31 right of 120,
reportedBy 0 of 27, entity targets 167 of 247)."""
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extract.evaluate import local, role_fillers, scored_events  # noqa: E402
from extract.evaluate_nerel import PLACE_ROLES, RIGHT_ARGUMENTS, _hit, _relations  # noqa: E402
from extract.pipeline import build_nlp  # noqa: E402
from argument_errors import gold_documents, parsed  # noqa: E402  (beside this script)


def main() -> None:
    docs = gold_documents(__doc__.splitlines()[0])
    counts: Counter = Counter()
    for gold, (_, record) in zip(docs, parsed(build_nlp(), docs)):
        relations = list(_relations(gold, RIGHT_ARGUMENTS, "arg2"))
        events = [a for a in gold.annotations.values() if a.type == "EVENT"]
        for e in scored_events(record):
            if not any(_hit(a.parts, [(e.start, e.end)]) for a in events):
                continue
            over = [p for _, event, p in relations if _hit(event.parts, [(e.start, e.end)])]
            for role in e.roles:
                if local(role.role) in PLACE_ROLES:
                    continue
                right = any(_hit(p.parts, role_fillers(record, e, role)) for p in over)
                kind = (local(role.role), "entity" if role.entity else "phrase")
                counts[kind, right] += 1
                print(gold.key, e.trigger, local(role.role), record.text[role.start:role.end], role.entity or "",
                      role.by_model, int(right), sep="\t")
    for kind in sorted({k for k, _ in counts}):
        print(f"{counts[kind, True]:5} right of {counts[kind, True] + counts[kind, False]:5}  {' '.join(kind)}",
              file=sys.stderr)


if __name__ == "__main__":
    main()
