"""Why mentions NEREL links to one Wikidata item are not one node (extract/evaluate_nerel.py `identity`), and
which linked mentions get no QID (`wikidata`), to read and count.

    .venv/bin/python bench/identity_errors.py /work/shared/corpora/nerel-dev/train --skip 300 --limit 200 > id.tsv

Study train, never dev. The records are kept in a pickle beside the output (`--cache FILE`) so that a second
run over the same documents reads them instead of extracting again. Lines:
- "missed": a linked gold mention of the graph's node types no predicted mention stands for (gold type, text,
  item, the predicted mentions over it with their class, else the words around it);
- "split": a Wikidata item whose found mentions are several nodes after the resolution: the item, each node
  with its label and how many mentions it has;
- "joined": a node that holds mentions of several items (a wrong merge, or two things read as one);
- "no qid": a linked PERSON / ORGANIZATION / COUNTRY / CITY mention whose entity lacks the item (gold type,
  text, the entity's links).
Counts by gold type go to stderr."""
import argparse
import pickle
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extract.evaluate import extract_records  # noqa: E402
from extract.evaluate_nerel import (LINKED, NODE_TYPES, WIKIDATA, _hit, identity, mention_nodes,  # noqa: E402
                                    record_names)
from extract.gold import read_collection  # noqa: E402
from extract.identity import node_of, resolve  # noqa: E402
from extract.pipeline import build_nlp  # noqa: E402


def records_of(docs, cache: Path | None):
    """The pipeline's records of `docs`, from `cache` when it holds these documents."""
    keys = [d.key for d in docs]
    if cache and cache.exists():
        stored = pickle.loads(cache.read_bytes())
        if stored[0] == keys:
            return stored[1]
    records, _ = extract_records(build_nlp(), docs, progress=True)
    if cache:
        cache.write_bytes(pickle.dumps((keys, records)))
    return records


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--skip", type=int, default=0)
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--cache", type=Path)
    args = ap.parse_args()
    from ontology.lexicon import load_lexicon
    lexicon = load_lexicon()
    docs = read_collection(args.folder)[args.skip: args.skip + args.limit]
    records = records_of(docs, args.cache)
    from kg.graph import document_same_as     # the graph's items, as `kg evaluate` measures
    report = identity(docs, records, lexicon, same_as=document_same_as)
    print(f"identity {report['after']} found {report['found']} of {report['mentions']}; "
          f"all types {report['all_types']['after']}", file=sys.stderr)
    names = {n.node: n for n in record_names(records, lexicon, document_same_as)}
    grammar = lexicon.grammar
    merged = node_of(resolve(names.values(), grammar.legal_forms, grammar.name_function_words,
                             compounds=grammar.compound_parts, place_kinds=grammar.place_kind_nouns))
    missed, total = Counter(), Counter()
    by_item: dict[str, Counter] = defaultdict(Counter)
    items_of_node: dict[str, Counter] = defaultdict(Counter)
    for doc, record in zip(docs, records):
        nodes = mention_nodes(doc, record, NODE_TYPES)
        for tid, link in sorted(doc.links.items()):
            gold = doc.annotations.get(tid)
            if gold is None or link == "NULL" or gold.type not in NODE_TYPES:
                continue
            total[gold.type] += 1
            node = nodes.get(tid)
            if node is None:
                missed[gold.type] += 1
                print(f"missed\t{doc.key}\t{gold.type}\t{span_text(doc, gold)}\t{link}\t{context(record, gold)}")
                continue
            node = merged.get(node, node)
            by_item[link][node] += 1
            items_of_node[node][link] += 1
        qid_lines(doc, record)
    for item, nodes in sorted(by_item.items(), key=lambda kv: -sum(kv[1].values())):
        if len(nodes) > 1:
            print("split\t" + item + "\t" + " | ".join(f"{names[n].label if n in names else n} ({c})"
                                                         for n, c in nodes.most_common()))
    for node, items in sorted(items_of_node.items()):
        if len(items) > 1:
            print(f"joined\t{names[node].label if node in names else node}\t{dict(items)}")
    print("missed by type: " + ", ".join(f"{t} {missed[t]}/{total[t]}" for t in total), file=sys.stderr)


def span_text(doc, gold) -> str:
    return " ".join(doc.text[a:b] for a, b in gold.parts)


def context(record, gold) -> str:
    """The predicted mentions over the gold one (text, class), or the words around it."""
    over = [f"{record.text[m.start:m.end]}:{m.cls.rsplit('#', 1)[-1].rsplit('/', 1)[-1]}" for m in record.mentions
            if _hit(gold.parts, [(m.start, m.end)])]
    return "over " + "; ".join(over) if over else " ".join(record.text[max(0, gold.start - 40):gold.end + 40].split())


def qid_lines(doc, record) -> None:
    from kg.graph import document_same_as
    links = document_same_as(record)
    for tid, link in sorted(doc.links.items()):
        gold = doc.annotations.get(tid)
        if gold is None or gold.type not in LINKED or link == "NULL":
            continue
        over = [m for m in record.mentions if _hit(gold.parts, [(m.start, m.end)])]
        qids = {q.group(1) for m in over for x in links.get(m.entity, ()) if (q := WIKIDATA.search(x))}
        if link not in qids:
            print(f"no qid\t{doc.key}\t{gold.type}\t{span_text(doc, gold)}\t{link}\t{sorted(qids)}\t{len(over)}")


if __name__ == "__main__":
    main()
