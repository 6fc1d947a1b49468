"""Check the vendored country -> Wikidata table (kg/data/wikidata-countries.csv) against NEREL's own links:
for each country the gazetteer resolves from a NEREL COUNTRY mention that NEREL links to an item, our QID
beside NEREL's most frequent QID for that country. A verification of the table, not a source of names.

    .venv/bin/python bench/country_qids.py /work/shared/corpora/nerel-dev/train > country_qids.tsv

One line per country (ISO code, our QID, NEREL's most frequent QID, its mentions, agree / DISAGREE / no QID in
the table, the names read); the totals go to stderr. `disagreements` is what tests/test_geo.py asserts."""
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg import geo  # noqa: E402

BRAT_LINK = "Wikidata:"


def country_links(folder: Path) -> dict[str, Counter]:
    """{ISO code: Counter of the QIDs NEREL links that country's COUNTRY mentions to}, and the names read, per
    code, under the key "names:CODE"."""
    found: dict[str, Counter] = defaultdict(Counter)
    for ann in sorted(folder.glob("*.ann")):
        mentions, links = {}, {}
        for line in ann.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if line.startswith("T") and len(cols) == 3 and cols[1].split(" ")[0] == "COUNTRY":
                mentions[cols[0]] = cols[2]
            elif line.startswith("N") and len(cols) >= 2 and BRAT_LINK in cols[1]:
                _, tid, ref = cols[1].split(" ")[:3]
                links[tid] = ref.removeprefix(BRAT_LINK)
        for tid, text in mentions.items():
            qid = links.get(tid)
            point = geo.locate(text, None, "state")
            if qid and qid != "NULL" and point is not None:
                found[point.country][qid] += 1
                found["names:" + point.country][text] += 1
    return found


def comparison(folder: Path) -> list[tuple[str, str | None, str, int, str, str]]:
    """(code, our QID, NEREL's most frequent QID, its share, verdict, names) per country, most mentioned first."""
    found, ours = country_links(folder), geo.country_qids()
    rows = []
    for code, qids in found.items():
        if code.startswith("names:"):
            continue
        (theirs, n), total = qids.most_common(1)[0], sum(qids.values())
        mine = ours.get(code)
        verdict = "no QID in the table" if mine is None else "agree" if mine == theirs else "DISAGREE"
        names = ", ".join(t for t, _ in found["names:" + code].most_common(4))
        rows.append((code, mine, theirs, total, f"{verdict} ({n}/{total})", names))
    return sorted(rows, key=lambda r: -r[3])


def disagreements(folder: Path) -> list[tuple]:
    return [r for r in comparison(folder) if not r[4].startswith("agree")]


def main() -> int:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/corpora/nerel-dev/train")
    rows = comparison(folder)
    for row in rows:
        print("\t".join(str(x) for x in row))
    verdicts = Counter(r[4].split(" (")[0] for r in rows)
    print(f"{len(rows)} countries, {sum(r[3] for r in rows)} linked mentions: "
          + ", ".join(f"{v} {n}" for v, n in verdicts.most_common()), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
