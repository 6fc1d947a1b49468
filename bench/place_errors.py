"""Why each gold TAKES_PLACE_IN of a NEREL folder is missed, and where each wrong predicted place comes from:
one line each, to read and count (study on NEREL train, never dev).

    .venv/bin/python bench/place_errors.py /work/shared/corpora/nerel-dev/train [--limit N] > places.tsv

Columns: document, kind, detail (the rule that gave a place, or the dependency path from the trigger to the
place), trigger, gold place, predicted places, the sentence. Kinds of a missed place:
- event not found: no predicted event over the gold EVENT;
- place no mention: no mention of the pipeline over the place (its type in detail);
- other sentence: the place is written in another sentence (headline / first sentence / before / after);
- attached elsewhere: another event of the sentence has it as its place;
- wrong place: the event has a place, another one;
- not attached: the place is in the sentence, the event has no place (the dependency path in detail).
A wrong predicted place ("wrong") is a place role of an event over a gold EVENT that overlaps none of that
EVENT's gold places: detail says the rule and whether the EVENT has a gold place at all.
The totals by kind and by rule go to stderr."""
import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extract import events as events_module  # noqa: E402
from extract.evaluate import _source, local, role_fillers, scored_events  # noqa: E402
from extract.evaluate_nerel import _hit, _relations  # noqa: E402
from extract.gold import read_collection  # noqa: E402
from extract.pipeline import build_nlp  # noqa: E402
from extract.to_records import to_document  # noqa: E402

PLACE_RULES = ("roles", "light_verb", "clause_place", "oblique_place", "office_place", "next_place",
               "relative_place", "sentence_place", "adjective_place", "after_verb_place", "target_place",
               "participant_place", "part_place")
RULE_OF: dict[tuple[int, str], str] = {}     # (role start, entity) -> the rule that added it, this document


def tag_rules() -> None:
    """Record which method of the events stage adds each place role (the nearest place rule on the stack)."""
    extractor = events_module.EventExtractor
    add = extractor.add

    def traced_add(self, res, roles, role, keys, token, phrase=False):
        if role == events_module.PLACE:
            frame, name = sys._getframe(1), "?"
            while frame is not None:
                if frame.f_code.co_name in PLACE_RULES:
                    name = frame.f_code.co_name
                    break
                frame = frame.f_back
            for key in keys:
                RULE_OF.setdefault((token.idx, key), name)
        return add(self, res, roles, role, keys, token, phrase)
    extractor.add = traced_add
    target = extractor.target_place

    def traced_target(trigger, res, roles):
        n = len(roles)
        target(trigger, res, roles)
        for r in roles[n:]:
            RULE_OF.setdefault((r.start, r.entity), "target_place")
    extractor.target_place = staticmethod(traced_target)


def sentence_of(record, pos: int):
    return next((s for s in record.sentences if s.start <= pos < s.end + 1), None)


def token_at(doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def dep_path(a, b) -> str:
    """The dependency path from token a up to the common head and down to b: "NOUN^nmod VERB vobl"."""
    up = [a, *a.ancestors]
    down = [b, *b.ancestors]
    common = next((t for t in up if t in down), None)
    if common is None:
        return "no path"
    ups = up[:up.index(common)]
    downs = down[:down.index(common)][::-1]
    return " ".join([f"{t.pos_}^{t.dep_}" for t in ups] + [f"{common.pos_}:{common.lemma_}"] +
                    [f"v{t.dep_}:{t.pos_}" for t in downs])


def where(record, event_start: int, place_start: int) -> str:
    se, sp = sentence_of(record, event_start), sentence_of(record, place_start)
    if se is None or sp is None:
        return "?"
    if sp.index == 0:
        return "headline"
    if sp.index == 1 or (sp.index <= 2 and len(record.sentences[1].text) < 40):
        return "lead"
    return "before" if sp.index < se.index else "after"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--skip", type=int, default=0)
    args = ap.parse_args()
    docs = read_collection(args.gold)[args.skip:args.skip + args.limit if args.limit else None]
    tag_rules()
    nlp = build_nlp()
    lexicon = nlp.get_pipe("ontology_quotes").lexicon
    kinds, rules, wrong_rules = Counter(), Counter(), Counter()
    for gold in docs:
        RULE_OF.clear()
        source = _source(gold)
        doc = nlp.make_doc(source.text)
        doc._.article_date = source.date
        doc = nlp(doc)
        record = to_document(doc, source, "", lexicon)
        text = record.text
        scored = scored_events(record)

        def show(s):
            return " ".join(text[s[0]:s[1]].split())

        def place_roles(e):
            return [r for r in e.roles if local(r.role) == "hasPlace"]

        def out(kind, detail, trig, place, got, pos):
            kinds[kind] += 1
            sent = sentence_of(record, pos)
            print(gold.key, kind, detail, trig, place, got, " ".join(sent.text.split()) if sent else "", sep="\t")

        gold_places = list(_relations(gold, ("TAKES_PLACE_IN",), "arg1"))
        for _, event, place in gold_places:
            over = [e for e in scored if _hit(event.parts, [(e.start, e.end)])]
            trig, where_place = show(event.parts[0]), show(place.parts[0])
            got = "; ".join(f"{show(role_fillers(record, e, r)[0]) if role_fillers(record, e, r) else '?'}"
                            f"<{RULE_OF.get((r.start, r.entity), '?')}>" for e in over for r in place_roles(e))
            if any(_hit(place.parts, role_fillers(record, e, r)) for e in over for r in place_roles(e)):
                kinds["found"] += 1
                for e in over:
                    for r in place_roles(e):
                        if _hit(place.parts, role_fillers(record, e, r)):
                            rules[RULE_OF.get((r.start, r.entity), "?")] += 1
                continue
            if not over:
                out("event not found", "", trig, where_place, "", event.parts[0][0])
                continue
            if not any(_hit(place.parts, [(m.start, m.end)]) for m in record.mentions):
                out("place no mention", place.type, trig, where_place, got, event.parts[0][0])
                continue
            se, sp = sentence_of(record, event.parts[0][0]), sentence_of(record, place.parts[0][0])
            if se is None or sp is None or se.index != sp.index:
                out("other sentence", where(record, event.parts[0][0], place.parts[0][0]), trig, where_place, got,
                    event.parts[0][0])
                continue
            others = [e for e in scored if e.sentence == se.index and e not in over and
                      any(_hit(place.parts, role_fillers(record, e, r)) for r in place_roles(e))]
            a, b = token_at(doc, *event.parts[0]), token_at(doc, *place.parts[0])
            path = dep_path(a, b) if a is not None and b is not None else "?"
            if got:
                out("wrong place", path, trig, where_place, got, event.parts[0][0])
            elif others:
                out("attached elsewhere", f"{others[0].trigger} | {path}", trig, where_place, got, event.parts[0][0])
            else:
                out("not attached", path, trig, where_place, got, event.parts[0][0])
        for e in scored:
            events_over = [g for g in gold.annotations.values() if g.type == "EVENT" and _hit(g.parts, [(e.start, e.end)])]
            if not events_over:
                continue
            golds = [p for _, ev, p in gold_places if any(ev is g for g in events_over)]
            for r in place_roles(e):
                if any(_hit(p.parts, role_fillers(record, e, r)) for p in golds):
                    continue
                rule = RULE_OF.get((r.start, r.entity), "?")
                wrong_rules[rule] += 1
                fill = role_fillers(record, e, r)
                out("wrong", f"{rule} {'gold has a place' if golds else 'no gold place'}", e.trigger,
                    "; ".join(show(p.parts[0]) for p in golds), show(fill[0]) if fill else "?", e.start)
    print(dict(kinds), file=sys.stderr)
    print("found by", dict(rules), file=sys.stderr)
    print("wrong by", dict(wrong_rules), file=sys.stderr)


if __name__ == "__main__":
    main()
