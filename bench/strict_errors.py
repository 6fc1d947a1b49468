"""Why each gold event of an events gold (tests/fixtures/gold-news) is not strictly right, and which
predicted event mentions match no gold event: one line each, to read and count.

    .venv/bin/python bench/strict_errors.py tests/fixtures/gold-news [--limit N] > errors.tsv

Columns: document, kind (missed trigger | class | roles | date | spurious), trigger as written, gold class,
predicted class, detail (the stage's rule that made a spurious or wrongly classed event: model, verb, noun, phrase,
light-verb; the roles missing, the dates gold/predicted), the sentence."""
import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extract.evaluate import (_roles_right, date_matches, extract_records, local, role_fillers,  # noqa: E402
                              strict_events)
from extract.gold import read_collection  # noqa: E402
from extract.pipeline import build_nlp  # noqa: E402


def sentence(text: str, start: int) -> str:
    a = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    b = min([i for i in (text.find(". ", start), text.find("\n", start)) if i >= 0] or [len(text)])
    return " ".join(text[a:b + 1].split())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("--limit", type=int)
    args = ap.parse_args()
    docs = read_collection(args.gold)[:args.limit]
    records, _ = extract_records(build_nlp(), docs)
    kinds = Counter()
    for gold, record in zip(docs, records):
        free = strict_events(record)
        for g in gold.events:
            written = gold.text[g.date_span[0]:g.date_span[1]] if g.date_span else ""
            cands = [ev for ev in free if ev.start < g.end and g.start < ev.end]
            trig = gold.text[g.start:g.end]
            if not cands:
                kinds["missed trigger"] += 1
                print(gold.key, "missed trigger", trig, local(g.cls), "", "", sentence(gold.text, g.start), sep="\t")
                continue

            def judge(ev):
                return (local(ev.type) == local(g.cls), _roles_right(g, record, ev), date_matches(g.date, ev.time, written))
            ev = max(cands, key=lambda e: (all(judge(e)), sum(judge(e))))
            free.remove(ev)
            cls, roles, date = judge(ev)
            if cls and roles and date:
                continue
            kind = "class" if not cls else "roles" if not roles else "date"
            kinds[kind] += 1
            missing = [f"{local(r.role)}={gold.text[r.start:r.end]}" for r in g.roles
                       if not any(p.role == r.role and any(s < r.end and r.start < e for s, e in role_fillers(record, ev, p))
                                  for p in ev.roles)]
            got = [f"{local(p.role)}={record.text[p.start:p.end]}" for p in ev.roles]
            detail = (f"missing {missing} got {got}" if not roles else "") + \
                (f" date gold={g.date} ({written}) got={ev.time.value if ev.time else None}"
                 f" ({ev.time.text if ev.time else ''})" if not date else "")
            detail = (f"rule={ev.rule} " if not cls else "") + detail
            print(gold.key, kind, trig, local(g.cls), local(ev.type), detail.strip(), sentence(gold.text, g.start), sep="\t")
        for ev in free:
            kinds["spurious"] += 1
            print(gold.key, "spurious", ev.trigger, "", local(ev.type), f"rule={ev.rule}", sentence(record.text, ev.start), sep="\t")
    print(dict(kinds), file=sys.stderr)


if __name__ == "__main__":
    main()
