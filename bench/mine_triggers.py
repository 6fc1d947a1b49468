"""Mine event trigger lemmas from NEREL train, for review against the ontology's lexicon.

    .venv/bin/python bench/mine_triggers.py ../shared/corpora/nerel-dev/train [--top 300] [--min 2]

Every EVENT mention of the brat files is lemmatised word by word with pymorphy3 (its first analysis, ё as е,
as `ontology.lexicon.normalize` keys them); a one-word mention counts for its lemma, a longer one for its
lemmas joined by spaces (a multiword trigger). Beside the count the script prints how often the lemma occurs
in the texts at all and the share of those occurrences inside an EVENT mention: a word NEREL marks as an
event one time in ten is a poor trigger whatever its count. Then whether the lexicon already has the lemma
and under which class. Output is TSV on stdout, most frequent first:

    lemma  count  occurrences  event_share  lexicon_class

With `--estimate` it prints instead what the lexicon's one-word triggers would give on train: the share of
EVENT mentions with a trigger among their words, and the share of the occurrences of the triggers that are
not statements that fall inside an EVENT (a rough precision; `kg evaluate` gives the true figures).

Train only: dev is for measuring (`kg evaluate`), never for choosing triggers.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pymorphy3

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ontology.lexicon import load_lexicon, normalize  # noqa: E402

WORD = re.compile(r"\w+(?:-\w+)*")
MORPH = pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=None)
def lemma(word: str) -> str:
    return normalize(MORPH.parse(word)[0].normal_form)


def event_spans(ann: Path):
    """(text, [(start, end), ...]) of every EVENT mention; a discontinuous span has several parts."""
    for line in ann.read_text(encoding="utf-8").splitlines():
        if not line.startswith("T"):
            continue
        _, info, text = line.split("\t", 2)
        kind, offsets = info.split(" ", 1)
        if kind == "EVENT":
            yield text, [tuple(map(int, part.split())) for part in offsets.split(";")]


def mine(folder: Path):
    """(mention counts by lemma, occurrences by word lemma, occurrences inside an EVENT by word lemma)."""
    mentions, seen, inside = Counter(), Counter(), Counter()
    for ann in sorted(folder.glob("*.ann")):
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        spans = []
        for mention, parts in event_spans(ann):
            words = WORD.findall(mention)
            if words:
                mentions[" ".join(lemma(w) for w in words)] += 1
            spans += parts
        for m in WORD.finditer(text):
            key = lemma(m.group())
            seen[key] += 1
            inside[key] += any(s <= m.start() < e for s, e in spans)
    return mentions, seen, inside


def estimate(lex, mentions, seen, inside) -> int:
    statement = next(i for i, c in lex.classes.items() if c.local_name == "Statement")
    found = sum(n for key, n in mentions.items() if any(w in lex.triggers for w in key.split()))
    events = [k for k, c in lex.triggers.items() if " " not in k and not lex.is_a(c, statement)]
    right, total = sum(inside[k] for k in events), sum(seen[k] for k in events)
    print(f"EVENT mentions with a trigger word: {found} of {sum(mentions.values())} "
          f"({found / sum(mentions.values()):.1%})")
    print(f"occurrences of non-statement triggers inside an EVENT: {right} of {total} ({right / max(total, 1):.1%})")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path, help="NEREL train folder (ID.txt + ID.ann)")
    ap.add_argument("--top", type=int, default=0, help="print only the N most frequent (0: all)")
    ap.add_argument("--min", type=int, default=1, help="print only lemmas mentioned at least this often")
    ap.add_argument("--estimate", action="store_true", help="print what the lexicon's triggers would find")
    args = ap.parse_args(argv)
    lex = load_lexicon()
    name = {iri: c.local_name for iri, c in lex.classes.items()}
    mentions, seen, inside = mine(args.folder)
    if args.estimate:
        return estimate(lex, mentions, seen, inside)
    rows = [(k, n) for k, n in mentions.most_common() if n >= args.min]
    print("lemma\tcount\toccurrences\tevent_share\tlexicon_class")
    for key, n in rows[:args.top or None]:
        occ = seen[key] if " " not in key else 0
        share = f"{inside[key] / occ:.2f}" if occ else ""
        cls = lex.triggers.get(key)
        print(f"{key}\t{n}\t{occ or ''}\t{share}\t{name.get(cls, cls) if cls else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
