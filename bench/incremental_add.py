"""Add one document to a copy of each store (bench/incremental.py's prebuilt extraction), sizes taking turns.

    python bench/incremental_add.py CODE_ROOT WORK REPEATS

WORK holds store-1000, store-3000, corpus/ and records.pickle as bench/incremental.py --work leaves them."""
import pickle
import sys
from pathlib import Path
code, work, reps = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
sys.path.insert(0, f"{code}/bench")
from incremental import build_in_process, copy_store
records = pickle.loads((work / "records.pickle").read_bytes())
new = sorted((work / "corpus").glob("doc_*.txt"))[3000]
for rep in range(reps):
    for size in ((1000, 3000) if rep % 2 == 0 else (3000, 1000)):
        copy = work / f"copy-{size}"
        copy_store(work / f"store-{size}", copy)
        seconds, summary = build_in_process(copy, [new], records)
        print(f"{code} add one to {size}: {seconds:.3f} s; {summary}", flush=True)
