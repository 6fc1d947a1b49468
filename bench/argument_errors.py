"""Why each NEREL AGENT / PARTICIPANT_IN argument is not found (extract/evaluate_nerel.py `arguments`), one
line each, with the dependency path from the event's word to the participant's, to read and count.

    .venv/bin/python bench/argument_errors.py /work/shared/corpora/nerel-dev/train --skip 300 --limit 200 > args.tsv

Study train, never dev. Columns: document, kind, relation, participant's gold type, dependency path (trigger
to participant: "^" up to a head, "v" down to a dependent, with the labels), trigger, participant, the entities
of the predicted mentions over it, what the predicted events over the gold EVENT have as roles (with their
entities), the sentence of the trigger. Kinds:
- found: a role's filler overlaps the participant;
- event not found: no predicted (asserted) event overlaps the gold EVENT, so its arguments can never count;
- other sentence: the participant is written in another sentence than the event's word;
- no mention: no predicted mention overlaps the participant (a common noun, a pronoun, a title, or a name
  the NER missed), and no role's filler does;
- mention, no role: a mention is there, the event has no role on it;
The counts by kind, by kind and gold type, by kind and path go to stderr, with the precision of the roles as
`kg evaluate` counts it."""
import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extract.evaluate import _source, local, role_fillers  # noqa: E402
from extract.evaluate_nerel import ARGUMENTS, _events_over, _hit, _relations, arguments  # noqa: E402
from extract.gold import read_collection  # noqa: E402
from extract.pipeline import build_nlp  # noqa: E402
from extract.to_records import to_document  # noqa: E402
from place_errors import dep_path, token_at  # noqa: E402  (beside this script)


def parsed(nlp, docs):
    """(spaCy Doc, record) per gold document: the parse is kept to read the paths."""
    lexicon = nlp.get_pipe("ontology_quotes").lexicon
    sources = [_source(g) for g in docs]
    pairs = ((nlp.make_doc(s.text), s) for s in sources)

    def dated():
        for doc, source in pairs:
            doc._.article_date = source.date
            yield doc, source
    for doc, source in nlp.pipe(dated(), as_tuples=True, batch_size=8):
        yield doc, to_document(doc, source, nlp.meta.get("ontology_digest", ""), lexicon)


def sentence_of(record, offset):
    return next((s.index for s in record.sentences if s.start <= offset < s.end), None)


def gold_documents(description: str) -> list:
    """The gold folder's documents the command line asks for (`GOLD [--skip N] [--limit N]`), shared by the
    scripts that diagnose on a slice of NEREL train."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("gold")
    ap.add_argument("--skip", type=int, default=0, help="documents to skip first")
    ap.add_argument("--limit", type=int)
    args = ap.parse_args()
    return read_collection(args.gold)[args.skip:][:args.limit]


def main() -> None:
    docs = gold_documents(__doc__.splitlines()[0])
    kinds, paths, types = Counter(), Counter(), Counter()
    records = []
    for gold, (doc, record) in zip(docs, parsed(build_nlp(), docs)):
        records.append(record)
        for rel, event, part in _relations(gold, ARGUMENTS, "arg2"):
            over = _events_over(record, event)
            text = gold.text
            trig, who = text[event.start:event.end], text[part.start:part.end]
            t, p = token_at(doc, *event.parts[0]), token_at(doc, *part.parts[0])
            dep = dep_path(t, p) if t is not None and p is not None else "(no token)"
            got = "; ".join(f"{local(r.role)}={text[r.start:r.end]}" + (f" [{r.entity}]" if r.entity else "")
                            for e in over for r in e.roles)
            named = " ".join(sorted({m.entity for m in record.mentions if _hit(part.parts, [(m.start, m.end)])}))
            if not over:
                kind = "event not found"
            elif any(_hit(part.parts, role_fillers(record, e, r)) for e in over for r in e.roles):
                kind = "found"
            elif sentence_of(record, event.start) != sentence_of(record, part.start):
                kind = "other sentence"
            elif not any(_hit(part.parts, [(m.start, m.end)]) for m in record.mentions):
                kind = "no mention"
            else:
                kind = "mention, no role"
            kinds[kind] += 1
            paths[kind, dep] += 1
            types[kind, part.type] += 1
            s = t.sent.text if t is not None else ""
            print(gold.key, kind, rel, part.type, dep, trig, who, named, got, " ".join(s.split()), sep="\t")
    print(dict(kinds.most_common()), file=sys.stderr)
    print("roles of found events right:", arguments(docs, records)["precision"], file=sys.stderr)
    for (kind, typ), n in types.most_common(40):
        print(f"{n:5} {kind:18} {typ}", file=sys.stderr)
    for (kind, dep), n in paths.most_common(60):
        print(f"{n:5} {kind:18} {dep}", file=sys.stderr)


if __name__ == "__main__":
    main()
