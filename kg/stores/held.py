"""What an unchanged rebuild learnt from a store directory, kept in it for the next build while the directory
is provably as it was: which documents it holds with which content hash, extracted how, the ontology digest
and the triple count of its index. A build that finds every file there neither opens RocksDB (~7 ms and ~180
threads) nor looks anything up (two point lookups a file); bench/RESULTS.md, rebuild16.

The store is the truth, this file a cache of its positive answers, trusted only when the directory's
fingerprint (every file's name, inode, size and ctime) is the one recorded. Why that is safe (docs/DESIGN.md
"Unchanged rebuilds without opening the store"): RocksDB keeps all its state in files of the directory, appends
to a file or writes a new one, and every write changes a file's ctime, which no program can set back; the
fingerprint is recorded only when it is the same before the first lookup and after the last (the answers are
of that state), and when every file is older than `SETTLED_NS`, so a later write cannot leave a ctime as it
was within the clock's granularity.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

NAME = "kg-held"              # in the store directory: deleted with it, and a copy's fingerprint differs
HEADER = "kg held documents 1"
SETTLED_NS = 2_000_000_000    # coarser than any file system's timestamps (FAT's 2 s; ext4's a clock tick)


class Held:
    """The directory's fingerprint now (None: none can be taken), and the recorded answers when they are of this
    very fingerprint (else none)."""

    def __init__(self, store: Path):
        self.store = store
        self.fingerprint = fingerprint(store)[0]
        self.extracted: str | None = None     # the ekg:extractedWith the documents hold
        self.ontology: str | None = None      # the index's ontology digest ("<sha256> <count>")
        self.count: int | None = None         # the index's triple count
        self.documents: dict[str, str] = {}   # document IRI -> content hash
        if self.fingerprint is not None:
            self._read()

    def _read(self) -> None:
        try:
            with open(self.store / NAME, encoding="utf-8", newline="\n") as f:
                lines = [f.readline().rstrip("\n") for _ in range(5)]
                if lines[0] != HEADER or lines[1] != self.fingerprint or not lines[4].isdigit():
                    return   # another format, or the store changed since (then the rest is not even read)
                documents = dict(line.split(" ", 1) for line in f.read().split("\n") if line)
        except (OSError, UnicodeDecodeError, ValueError):   # ValueError: a line not written by `write`
            return
        self.extracted, self.ontology, self.count, self.documents = lines[2], lines[3], int(lines[4]), documents

    @property
    def valid(self) -> bool:
        return self.count is not None

    def write(self, extracted: str, ontology: str, count: int, documents: dict[str, str]) -> None:
        """Record these answers, read from the store since this fingerprint was taken, if the directory is
        still as it was and settled; nothing (the next build asks the store) when it is not or cannot be."""
        now, settled = fingerprint(self.store)
        if now is None or now != self.fingerprint or not settled or "\n" in extracted + ontology:
            return
        text = "\n".join([HEADER, now, extracted, ontology, str(count),
                          *(f"{d} {h}" for d, h in documents.items())]) + "\n"
        temporary = self.store / f"{NAME}.{os.getpid()}"
        try:   # whole or not at all: a reader never sees half of it
            temporary.write_text(text, encoding="utf-8")
            os.replace(temporary, self.store / NAME)
        except OSError:   # a store on a read-only medium: no record, the store answers every time
            temporary.unlink(missing_ok=True)


def fingerprint(store: Path) -> tuple[str | None, bool]:
    """(every entry of the directory but this record as "inode,size,ctime,name", joined by "/", which no name
    holds; whether each is older than SETTLED_NS), or (None, False) when it cannot be read or a name would
    break the record's lines."""
    try:
        entries = []
        settled_before = time.time_ns() - SETTLED_NS
        settled = True
        for entry in os.scandir(store):
            if entry.name == NAME or entry.name.startswith(NAME + "."):
                continue
            if "\n" in entry.name:
                return None, False
            info = entry.stat(follow_symlinks=False)
            settled = settled and info.st_ctime_ns < settled_before
            entries.append(f"{info.st_ino},{info.st_size},{info.st_ctime_ns},{entry.name}")
    except OSError:
        return None, False
    return "/".join(sorted(entries)), settled
