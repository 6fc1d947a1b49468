"""Where the graph lives: one `Store` protocol (`base`), a directory (`local`) or a SPARQL server (`remote`).

    >>> store = open_store("kg-store")              # or "http://host:7878" for a server
    >>> store.query("ASK { ?e a ekg:Attack }")

Every command takes a `Store`; only the implementations know Oxigraph's tricks or HTTP.
"""
from __future__ import annotations

import os

from kg.stores.base import Store, StoreError, WriteRefused, default_location, is_url

__all__ = ["Store", "StoreError", "WriteRefused", "is_url", "open_store"]


def open_store(location: str | os.PathLike | None = None, *, create: bool = True, read_only: bool = False,
               query_url: str | None = None, graph_store_url: str | None = None,
               timeout: float | None = None, update_url: str | None = None) -> Store:
    """The store at a directory or an http(s) URL (default: $KG_STORE or ./kg-store).

    A directory is created when missing unless `create` is false or `read_only`; a server is never created.
    `query_url`, `graph_store_url`, `update_url` and `timeout` (seconds to wait for an answer) are for servers
    only."""
    location = location if location is not None else default_location()
    if is_url(location):
        from kg.stores.remote import RemoteStore
        return RemoteStore(location, query_url=query_url, graph_store_url=graph_store_url, timeout=timeout,
                           update_url=update_url)
    if query_url or graph_store_url or update_url:
        raise StoreError("--query-url, --graph-store-url and --update-url need --store URL (a SPARQL server)")
    from kg.stores.local import LocalStore
    return LocalStore(location, create=create, read_only=read_only)
