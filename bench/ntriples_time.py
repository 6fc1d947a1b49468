"""Per-document N-Triples time, rdflib's NTSerializer (kg.graph.rdflib_ntriples) against
kg.graph.document_ntriples, in one process on records extracted once (issue 19).

    python bench/ntriples_time.py /tmp/nt_records.pkl [rounds]
    python bench/ntriples_time.py /tmp/nt_records.pkl [rounds] --only   # document_ntriples alone (any version)

The pickle holds {set name: [extract.records.Document]}; every set is checked byte for byte, the "factru"
set is timed: each round runs every document through each, alternating which goes first; medians of the
per-round totals, in CPU time (the machine is shared: wall time is not) and wall time, per document.
`--only` times whatever kg.graph PYTHONPATH finds, to compare a commit before this one in another process."""
import pickle
import statistics
import sys
import time



def main(path: str, rounds: int = 7, only: bool = False) -> None:
    sets = pickle.load(open(path, "rb"))
    if only:
        from kg.graph import document_ntriples as alone
        report(sets["factru"], {"document_ntriples": alone}, rounds)
        return
    from kg.graph import document_ntriples, document_triples, rdflib_ntriples
    for name, docs in sets.items():
        same = sum(document_ntriples(d).encode() == rdflib_ntriples(d).encode() for d in docs)
        print(f"{name}: {same}/{len(docs)} documents byte-identical")
    report(sets["factru"], {"rdflib NTSerializer": rdflib_ntriples, "direct": document_ntriples,
                            "rdflib terms only, not written": lambda d: list(document_triples(d))}, rounds)


def report(docs: list, fns: dict, rounds: int) -> None:
    cpu, wall = {k: [] for k in fns}, {k: [] for k in fns}
    for r in range(rounds):
        for k in (list(fns) if r % 2 == 0 else list(reversed(fns))):
            c, t = time.process_time(), time.perf_counter()
            for d in docs:
                fns[k](d)
            cpu[k].append(time.process_time() - c)
            wall[k].append(time.perf_counter() - t)
    n = len(docs)
    for k in fns:
        print(f"{k}: median CPU {statistics.median(cpu[k]) / n * 1e3:.2f} ms/document, wall "
              f"{statistics.median(wall[k]) / n * 1e3:.2f} ({n} documents, {rounds} rounds)")


if __name__ == "__main__":
    main(sys.argv[1], *(int(a) for a in sys.argv[2:] if a.isdigit()), only="--only" in sys.argv)
