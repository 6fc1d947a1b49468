"""Precision and recall of merging reports of one event across documents, against a gold of report clusters.

    PYTHONPATH=$PWD .venv/bin/python bench/event_merge.py tests/fixtures/event-clusters [--store DIR] [-v]

Builds the fixture's texts with `kg build` (which links entities, then events: kg/event_link.py) into a
temporary store, or into --store DIR when that does not exist yet (kept, and reused next time), then scores the
merged events against `clusters.tsv` (its README says how the gold was made and its conventions).

A gold report is found by the system event one of whose triggers overlaps the gold trigger (located by its
context). Scored over pairs of documents, as report clusters are in cross-document coreference:
- precision: of the pairs of reports the merged events join, those whose two reports belong to one gold cluster;
- recall: of the pairs of documents that report one gold cluster, those a merged event joins through reports
  of that cluster. `ceiling` is the recall possible with the events extraction found (both reports extracted).
"""
from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
from collections import defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def read_gold(folder: Path) -> list[tuple[str, str, int, int]]:
    """(cluster, document file name, trigger start, trigger end) for each gold report."""
    out = []
    with open(folder / "clusters.tsv", encoding="utf-8") as f:
        rows = csv.reader((line for line in f if not line.startswith("#")), delimiter="\t", quoting=csv.QUOTE_NONE)
        for cluster, document, trigger, context in rows:
            text = (folder / document).read_text(encoding="utf-8-sig")
            if text.count(context) != 1 or trigger not in context:
                raise SystemExit(f"{document}: context {context!r} must occur once and hold {trigger!r}")
            start = text.index(context) + context.index(trigger)
            out.append((cluster, document, start, start + len(trigger)))
    return out


def build(folder: Path, store: Path) -> None:
    subprocess.run([sys.executable, "-m", "kg.cli", "build", str(folder), "--store", str(store), "-q"],
                   check=True, cwd=ROOT)


def system_events(store) -> tuple[dict, dict, list[list[str]]]:
    """({event: file name}, {event: [(start, end, anchor)]}, [[reports of one merged event]])."""
    files, spans = {}, defaultdict(list)
    for r in store.query("""SELECT ?e ?path ?b ?x ?a WHERE { ?e ekg:sourceDocument ?d ; ekg:trigger ?t .
            ?d ekg:sourcePath ?path . ?t nif:beginIndex ?b ; nif:endIndex ?x ; nif:anchorOf ?a }"""):
        e = r["e"].value
        files[e] = Path(r["path"].value).name
        spans[e].append((int(r["b"].value), int(r["x"].value), r["a"].value))
    merged = defaultdict(list)
    for r in store.query("SELECT ?m ?r WHERE { ?m a ekg:MergedEvent ; ekg:hasReport ?r }"):
        merged[r["m"].value].append(r["r"].value)
    return files, spans, [sorted(v) for _, v in sorted(merged.items())]


def score(gold, files, spans, merged, verbose=False) -> dict:
    clusters_of = defaultdict(set)          # system event -> gold clusters it reports
    for cluster, document, start, end in gold:
        for e, f in files.items():
            if f == document and any(b < end and start < x for b, x, _ in spans[e]):
                clusters_of[e].add(cluster)
    docs_of = defaultdict(set)
    for cluster, document, _, _ in gold:
        docs_of[cluster].add(document)
    gold_pairs = {(c, *sorted(p)) for c, docs in docs_of.items() for p in combinations(sorted(docs), 2)}
    extracted = defaultdict(set)
    for e, cs in clusters_of.items():
        for c in cs:
            extracted[c].add(files[e])
    ceiling = {p for p in gold_pairs if p[1] in extracted[p[0]] and p[2] in extracted[p[0]]}
    system_pairs, right, found = [], [], set()
    for reports in merged:
        for a, b in combinations(reports, 2):
            system_pairs.append((a, b))
            shared = clusters_of[a] & clusters_of[b]
            if shared:
                right.append((a, b))
                found |= {(c, *sorted((files[a], files[b]))) for c in shared}
    found &= gold_pairs
    if verbose:
        def show(e):
            return f"{files[e]}:{'/'.join(sorted({a for _, _, a in spans[e]}))}"
        for a, b in system_pairs:
            print(("right " if (a, b) in right else "WRONG ") + f"{show(a)}  +  {show(b)}")
        for p in sorted(gold_pairs - found):
            print(f"missed {p[0]}: {p[1]} + {p[2]}" + ("" if p in ceiling else "  (a report not extracted)"))
    return {"system_pairs": len(system_pairs), "right": len(right), "gold_pairs": len(gold_pairs),
            "found": len(found), "ceiling": len(ceiling)}


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f} ({a}/{b})" if b else "n/a (0/0)"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--store", type=Path, help="a store built from the folder, built there if missing, kept "
                    "(default: a temporary one)")
    ap.add_argument("-v", "--verbose", action="store_true", help="every pair joined, every gold pair missed")
    args = ap.parse_args(argv)
    from kg.stores import open_store
    gold = read_gold(args.folder)
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:   # RocksDB may still close files
        path = args.store or Path(tmp) / "store"
        if not path.exists():
            build(args.folder, path)
        store = open_store(str(path), create=False)
        s = score(gold, *system_events(store), verbose=args.verbose)
        store.close()
    p, r = s["right"] / s["system_pairs"] if s["system_pairs"] else 0.0, s["found"] / s["gold_pairs"]
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    total = len(list(args.folder.glob("*.txt")))
    print(f"Event merging over {total} documents ({len({g[1] for g in gold})} in {len({g[0] for g in gold})} "
          f"gold clusters, the others reporting none of them):")
    print(f"  precision {ratio(s['right'], s['system_pairs'])}  recall {ratio(s['found'], s['gold_pairs'])}  "
          f"F1 {f1:.3f}  (recall ceiling with the events extracted {ratio(s['ceiling'], s['gold_pairs'])})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
