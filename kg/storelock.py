"""Who may use a store directory at once: `kg serve` (any number, a shared lock) or `kg build` (alone).

Oxigraph's own lock keeps two writers apart, but not a reader: a server that opened the store read-only
while `kg build` writes it sees a stale, partial view (Oxigraph calls it undefined behaviour). So each
takes an advisory lock (flock) on the store directory itself (a file in it would make a new store's
directory "not empty"), which the system drops when the process ends, however it ends.
"""
from __future__ import annotations

import contextlib
import os
from pathlib import Path

try:
    import fcntl
except ImportError:   # not POSIX: no lock, as before
    fcntl = None


class StoreBusy(Exception):
    """str() is one line for users."""


@contextlib.contextmanager
def _locked(store: Path, exclusive: bool, busy: str):
    if fcntl is None or (store.exists() and not store.is_dir()):   # the store's own error explains a file
        yield
        return
    try:
        store.mkdir(parents=True, exist_ok=True)
        fd = os.open(store, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:   # no directory to lock (permissions, a path that cannot be): the store's own error says so
        yield
        return
    try:
        try:
            fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreBusy(busy) from None
        yield
    finally:
        os.close(fd)   # releases the lock


def serving(store) -> contextlib.AbstractContextManager:
    """Held while `kg serve` serves the store; refused while `kg build` writes it."""
    return _locked(Path(store), False, f"the store {store} is being written by `kg build`: serve it when the "
                                       "build has finished (a server would see a partial, stale store)")


def building(store) -> contextlib.AbstractContextManager:
    """Held while `kg build` writes the store; refused while a `kg serve` serves it."""
    return _locked(Path(store), True, f"the store {store} is in use by `kg serve` or another `kg build`: "
                                      "stop the server first, or build into another store (a server does "
                                      "not see what a build writes meanwhile)")
