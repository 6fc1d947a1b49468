"""A SPARQL 1.1 server as the store: the `kg.stores.base.Store` protocol over HTTP.

Each document is its own named graph, written with one Graph Store Protocol `PUT ?graph=<doc IRI>`
(N-Triples): the server replaces the graph in one request, so a rebuild duplicates nothing and a failed
upload leaves the document as it was. Hashes, counts and queries go to the SPARQL query endpoint.

Endpoints, from the base URL as Oxigraph's server lays them out: `{base}/query` and `{base}/store`.
Other servers: override each (option or environment variable), e.g.

    Fuseki:  --query-url {host}/ds/query         --graph-store-url {host}/ds/data
    GraphDB: --query-url {host}/repositories/R   --graph-store-url {host}/repositories/R/rdf-graphs/service
    Virtuoso: --query-url {host}/sparql          --graph-store-url {host}/sparql-graph-crud
              (SPARQL_UPDATE granted to the user that writes; tests/test_virtuoso.py runs against one)

The project's queries expect the default graph to be the union of the named graphs (as `kg query`
has it locally): Oxigraph needs `--union-default-graph`, Fuseki `tdb2:unionDefaultGraph true`; GraphDB
and Virtuoso query all graphs by default. Queries are sent as written (plus the project's prefixes):
`default_graph_warning` says when the server does not give the union, rather than rewriting anything.
Only graphs named under the documents' namespace are documents: a server may hold graphs of its own.

Every request has a time limit (connect 5 s; an answer within `--timeout`, default 30 s), and no redirect is
followed: a server that sends the documents elsewhere is reported, not obeyed.
"""
from __future__ import annotations

import os
import re
import sys

# httpx imports its own command line (httpx._main) whenever click, rich and pygments are installed, as spaCy's
# and Dask's dependencies install them: 59 ms of CPU of every command on a server (import httpx 132 -> 73 ms,
# bench/RESULTS.md rebuild15). A None in sys.modules makes that import fail; httpx then defines a stub `main`.
sys.modules.setdefault("httpx._main", None)
import httpx
import pyoxigraph as ox

from kg import EKG, ONTOLOGY_GRAPH, PREFIXES
from kg.stores.base import (CONTENT_HASH, DIGEST, DOCUMENT_GRAPHS, DOCUMENTS_QUERY, DROPPED, EVENT_MERGES_GRAPH,
                            EXTRACTED_WITH, INDEX, INDEX_GRAPH, LEGACY_FREE, LINK_PENDING, LINK_PENDING_GRAPH, MERGES_GRAPH, NAMED_BEFORE,
                            NAMES_GRAPH, ONTOLOGY_CHANGED, PENDING, SKOS, SOURCE_PATH, TRIPLE_COUNT, Store,
                            StoreError, WRITTEN, WriteRefused, count_literal,
                            event_merges_about, loaded_ontology, ontology_digest, ontology_ntriples,
                            ontology_sources, relabelled_graph, renamed_graph, values_clause)


QUERY_URL_ENV = "KG_QUERY_URL"
UPDATE_URL_ENV = "KG_UPDATE_URL"
GRAPH_STORE_URL_ENV = "KG_GRAPH_STORE_URL"
TIMEOUT_ENV = "KG_TIMEOUT"
CONNECT_TIMEOUT = 5.0
DEFAULT_TIMEOUT = 30.0     # seconds to wait for an answer: a PUT of one document takes milliseconds
ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"
# a CONSTRUCT or DESCRIBE asks for triples only: Virtuoso would send them as SPARQL JSON results otherwise
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9"
_IRIS_AND_COMMENTS = re.compile(r"<[^>\s]*>|#[^\n]*")
_FORM = re.compile(r"(?i)\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b")
_RESULT_PARSERS = {
    "application/sparql-results+json": lambda data: ox.parse_query_results(data, ox.QueryResultsFormat.JSON),
    "application/sparql-results+xml": lambda data: ox.parse_query_results(data, ox.QueryResultsFormat.XML),
    "application/n-triples": lambda data: list(ox.parse(data, ox.RdfFormat.N_TRIPLES)),
    "text/turtle": lambda data: list(ox.parse(data, ox.RdfFormat.TURTLE)),
}
_PREFIX_DECL = re.compile(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:")
_POSITION = re.compile(r"^error at 1:(\d+):")
# The ontology is in its named graph; a default graph that is the union finds it without GRAPH. Two ASKs, not
# one with FILTER NOT EXISTS: Virtuoso 7.2 answers true to both EXISTS and NOT EXISTS of the same pattern there.
IN_ONTOLOGY_GRAPH = f"ASK {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?o a <http://www.w3.org/2002/07/owl#Ontology> }} }}"
IN_DEFAULT_GRAPH = "ASK { ?o a <http://www.w3.org/2002/07/owl#Ontology> }"


_PASSWORD = re.compile(r"(//[^:/@]+):[^/]*@")


def shown(url: str) -> str:
    """A URL for messages: a password given in it (https://user:password@host/...) is masked."""
    return _PASSWORD.sub(r"\1:***@", url)


def with_prefixes(sparql: str) -> tuple[str, int]:
    """The query with the project's prefixes it does not declare itself, all on its first line (so error
    lines keep their numbers); and how many characters that added."""
    declared = set(_PREFIX_DECL.findall(sparql))
    head = "".join(f"PREFIX {name}: <{iri}> " for name, iri in PREFIXES.items() if name not in declared)
    return head + sparql, len(head)


def parsed_results(status: int, body: bytes, content_type: str, shift: int, where: str):
    """A SPARQL server's answer to a query sent `with_prefixes` (which added `shift` characters) as pyoxigraph
    results: SyntaxError at the query's own position for a 400, RuntimeError for an answer in no format read
    here. Also kg serve's, for the query of /view that an Oxigraph child runs under the endpoint's limits."""
    if status == 400:
        message = " ".join(body.decode("utf-8", "replace").split()) or "rejected by the server"
        raise SyntaxError(_POSITION.sub(lambda m: f"error at 1:{max(1, int(m.group(1)) - shift)}:", message))
    media = content_type.split(";")[0].strip().lower()
    if media not in _RESULT_PARSERS:
        raise RuntimeError(f"{where} answered in {media or 'no declared format'}, "
                           f"not SPARQL results JSON/XML, N-Triples or Turtle")
    return _RESULT_PARSERS[media](body)


def accept_for(sparql: str) -> str:
    """The Accept header for the query's form: triples for CONSTRUCT and DESCRIBE, results for the others."""
    form = _FORM.search(_IRIS_AND_COMMENTS.sub(" ", sparql))
    return GRAPH_ACCEPT if form and form.group(1).upper() in ("CONSTRUCT", "DESCRIBE") else ACCEPT


def default_timeout() -> float:
    """$KG_TIMEOUT seconds, or 30."""
    try:
        return float(os.environ.get(TIMEOUT_ENV) or DEFAULT_TIMEOUT)
    except ValueError:
        raise StoreError(f"{TIMEOUT_ENV}={os.environ[TIMEOUT_ENV]!r} is not a number of seconds") from None


def update_url_for(query_url: str) -> str:
    """The SPARQL Update endpoint beside a query endpoint: .../update for .../query (Oxigraph, Fuseki), the
    same address otherwise (Virtuoso's /sparql takes both)."""
    return query_url[:-len("/query")] + "/update" if query_url.endswith("/query") else query_url


class RemoteStore(Store):
    """A SPARQL 1.1 server. Like a local store it keeps the index graph and the list of the documents a build
    wrote (`Store.keeps_index`), so that linking a build's documents touches only what they name: the lists
    are written with SPARQL Update (`update_url`: $KG_UPDATE_URL, or beside the query endpoint)."""

    def __init__(self, base_url: str, query_url: str | None = None, graph_store_url: str | None = None,
                 timeout: float | None = None, update_url: str | None = None):
        self.base = base_url.rstrip("/")
        self.query_url = query_url or os.environ.get(QUERY_URL_ENV) or f"{self.base}/query"
        self.graph_store_url = graph_store_url or os.environ.get(GRAPH_STORE_URL_ENV) or f"{self.base}/store"
        self.update_url = update_url or os.environ.get(UPDATE_URL_ENV) or update_url_for(self.query_url)
        self.ontology_digest: str | None = None   # of the files load_ontology read, and the triples they hold
        self.ontology_triples = 0
        self.pending = False   # whether this build marked the store (then writes are listed for linking)
        self.count: int | None = None   # document triples, read from the index when first needed
        self.recounted = False          # counted over the store: saved to the index when it closes
        self.timeout = timeout or default_timeout()
        # retries: connections that fail to open are tried again (a PUT is idempotent)
        self.sources = None  # kg.sources.Sources, read when the first document is written
        self.client = httpx.Client(timeout=httpx.Timeout(self.timeout, connect=min(CONNECT_TIMEOUT, self.timeout)),
                                   transport=httpx.HTTPTransport(retries=2), follow_redirects=False)

    def __str__(self) -> str:
        return shown(self.base)

    def _send(self, method: str, url: str, **kw) -> httpx.Response:
        try:
            r = self.client.request(method, url, **kw)
        except httpx.TimeoutException as exc:   # the server is there but does not answer: the next would not either
            raise StoreError(_timed_out(exc, url, self.timeout)) from None
        except httpx.TransportError as exc:  # no answer at all: every later request would fail the same way
            raise StoreError(f"cannot reach {shown(url)}: {_why(exc)}") from None
        if r.is_redirect:   # followed, a write would go where the user did not say
            raise StoreError(f"{shown(url)} redirects to {shown(r.headers.get('location', '?'))} "
                             f"(HTTP {r.status_code}): not followed; give that address as --store "
                             f"(or --query-url / --graph-store-url)")
        return r

    # ------------------------------------------------------------ writing

    def put_graph(self, graph_iri: str, ntriples: str) -> None:
        """Replace one named graph (Graph Store Protocol PUT)."""
        r = self._send("PUT", self.graph_store_url, params={"graph": str(graph_iri)},
                       content=ntriples.encode("utf-8"), headers={"Content-Type": "application/n-triples"})
        if r.status_code >= 300:
            raise WriteRefused(f"{shown(self.graph_store_url)} refused graph <{graph_iri}>: {_status(r)}")

    def update(self, sparql: str) -> None:
        """One SPARQL Update request (its operations in order, in one transaction on Oxigraph's server)."""
        r = self._send("POST", self.update_url, data={"update": sparql})
        if r.status_code >= 300:
            raise StoreError(f"{shown(self.update_url)} refused an update: {_status(r)}")

    def keeps_index(self) -> bool:
        return True

    def load_ontology(self, ontology_dir=None) -> int:
        """PUT unless the index holds the digest of the same files; a new ontology with an index: the next
        linking reads the whole store (classes, lexicon names and anchors may change every key)."""
        files = ontology_sources(ontology_dir)
        self.ontology_digest = ontology_digest(files)
        stated = [q.object.value for q in self.index_quads(INDEX, DIGEST)]
        count = loaded_ontology(stated[0] if stated else None, self.ontology_digest)
        if count is not None:
            self.ontology_triples = count
            return count
        ntriples, count = ontology_ntriples(ontology_dir, files)
        self.ontology_triples = count
        try:
            self.put_graph(ONTOLOGY_GRAPH, ntriples)
        except WriteRefused as exc:  # if the ontology cannot go in, no document will
            raise StoreError(f"cannot write the ontology graph: {exc}") from None
        if self.index_quads(INDEX):
            self.update_index(self.index_quads(INDEX, DIGEST),
                              [ox.Quad(INDEX, ONTOLOGY_CHANGED, ox.Literal(True), INDEX), self._digest_quad()])
        return count

    def _digest_quad(self) -> ox.Quad:
        return ox.Quad(INDEX, DIGEST, ox.Literal(f"{self.ontology_digest} {self.ontology_triples}"), INDEX)

    def replace_document(self, doc_iri: str, ntriples: str) -> None:
        """PUT; in a build, first listed as written (with the nodes its earlier version labelled, read by the
        server), so that linking reads this document's names and not the whole store."""
        self.drop_superseded(doc_iri, ntriples)
        g = ox.NamedNode(doc_iri)
        if self.pending:
            self.update(f"""INSERT DATA {{ GRAPH {PENDING} {{ {PENDING} {WRITTEN} {g} }} }} ;
                INSERT {{ GRAPH {PENDING} {{ {PENDING} {NAMED_BEFORE} ?n }} }}
                WHERE {{ GRAPH {g} {{ ?n <{SKOS}prefLabel>|<{SKOS}altLabel> ?l FILTER(isIRI(?n)) }} }}""")
        self.triple_count()   # the count as it was before this write
        before = self.graph_size(g)
        self.put_graph(doc_iri, ntriples)
        self._counted(len({q.triple for q in ox.parse(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)})
                      - before)

    def drop_superseded(self, doc_iri: str, ntriples: str) -> None:
        """The earlier documents of the same file, found by their ekg:sourcePath in one query; a store that
        may hold documents keyed before content hashes (no index says otherwise) reads every path."""
        if not self.index_quads(INDEX, LEGACY_FREE):
            return super().drop_superseded(doc_iri, ntriples)
        from kg.sources import source_of
        source = source_of(doc_iri, ntriples)
        if source is None:
            return
        for old in self._values(f"SELECT DISTINCT ?d WHERE {{ GRAPH ?d {{ ?d {SOURCE_PATH} {ox.Literal(source)} }} "
                                f"FILTER(?d != {ox.NamedNode(doc_iri)}) }}"):
            self.drop_graph(old)

    def drop_graph(self, graph_iri: str) -> None:
        """Graph Store Protocol DELETE; the server keeps its default graph the union (see the module). In a
        build, a document removed is listed: the next linking reads the whole store."""
        document = str(graph_iri).startswith(DOCUMENT_GRAPHS)
        if document:   # the count as it was, and this graph's share of it
            self.triple_count()
        before = self.graph_size(ox.NamedNode(graph_iri)) if document else 0
        r = self._send("DELETE", self.graph_store_url, params={"graph": str(graph_iri)})
        if r.status_code >= 300 and r.status_code != 404:
            raise WriteRefused(f"{shown(self.graph_store_url)} refused to remove graph <{graph_iri}>: {_status(r)}")
        if document:
            self._counted(-before)
        if self.pending and document:
            self.update(f"INSERT DATA {{ GRAPH {PENDING} {{ {PENDING} {DROPPED} {ox.NamedNode(graph_iri)} }} }}")

    def merge_node(self, old: str, new: str) -> bool:
        """Each document graph that names `old` is read, rewritten and put back whole (the names graph is
        not one: `kg.link.choose_names` rewrites it after the merges)."""
        o = ox.NamedNode(old)
        graphs = [r["g"].value for r in self._query(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ {{ {o} ?p ?v }} UNION {{ ?s ?p {o} }} }} {_DOCUMENTS} }}")]
        for graph in graphs:
            triples = self._query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {ox.NamedNode(graph)} {{ ?s ?p ?o }} }}")
            self._put_rewritten(graph, triples, renamed_graph(triples, old, new))
        return bool(graphs)

    def _put_rewritten(self, graph: str, triples: list, ntriples: str) -> None:
        """A document graph read as `triples` put back as these N-Triples (one line per triple, as
        `renamed_graph` and `relabelled_graph` write them), the count kept."""
        self.triple_count()
        self.put_graph(graph, ntriples)
        self._counted(ntriples.count("\n") - len(set(triples)))

    def record_merges(self, ntriples: str) -> None:
        """Graph Store Protocol POST: added to what the graph holds."""
        r = self._send("POST", self.graph_store_url, params={"graph": MERGES_GRAPH},
                       content=ntriples.encode("utf-8"), headers={"Content-Type": "application/n-triples"})
        if r.status_code >= 300:
            raise StoreError(f"{shown(self.graph_store_url)} refused graph <{MERGES_GRAPH}>: {_status(r)}")

    def replace_event_merges(self, ntriples: str) -> None:
        """Graph Store Protocol PUT (DELETE when there is nothing to merge)."""
        if ntriples:
            self.put_graph(EVENT_MERGES_GRAPH, ntriples)
        else:
            self.drop_graph(EVENT_MERGES_GRAPH)

    def relabel(self, chosen: list[tuple[str, ox.Literal]]) -> None:
        """Each document graph that labels one of the nodes is read, relabelled and put back whole."""
        if not chosen:
            return
        wanted: dict[str, dict[str, ox.Literal]] = {}
        for node, label in chosen:
            wanted.setdefault(node, {})[label.language] = label
        nodes = values_clause("n", wanted)
        demoted = {(r["n"].value, r["l"]) for r in self._query(
            f"SELECT ?n ?l WHERE {{ {nodes} GRAPH <{NAMES_GRAPH}> {{ ?n <{SKOS}altLabel> ?l }} }}")}
        graphs = [r["g"].value for r in self._query(
            f"SELECT DISTINCT ?g WHERE {{ {nodes} GRAPH ?g {{ ?n <{SKOS}prefLabel>|<{SKOS}altLabel> ?l }}"
            f" {_DOCUMENTS} }}")]
        for graph in graphs:
            triples = self._query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {ox.NamedNode(graph)} {{ ?s ?p ?o }} }}")
            self._put_rewritten(graph, triples, relabelled_graph(triples, wanted, demoted))

    def replace_names(self, ntriples: str) -> None:
        if ntriples:
            self.put_graph(NAMES_GRAPH, ntriples)
        else:
            self.drop_graph(NAMES_GRAPH)

    def set_link_pending(self, pending: bool) -> None:
        """Added to (POST), not replaced: what a build stopped before linking wrote stays listed."""
        self.triple_count()   # before the mark, which says the count may be stale; after it, counted
        self.pending = pending
        if pending:
            r = self._send("POST", self.graph_store_url, params={"graph": LINK_PENDING_GRAPH},
                           content=LINK_PENDING.encode("utf-8"), headers={"Content-Type": "application/n-triples"})
            if r.status_code >= 300:
                raise StoreError(f"{shown(self.graph_store_url)} refused graph <{LINK_PENDING_GRAPH}>: {_status(r)}")
            return
        self._save_count()   # the index is linking's to make (kg.link.write_index)
        r = self._send("DELETE", self.graph_store_url, params={"graph": LINK_PENDING_GRAPH})
        if r.status_code >= 300 and r.status_code != 404:
            raise StoreError(f"{shown(self.graph_store_url)} refused to delete <{LINK_PENDING_GRAPH}>: {_status(r)}")

    def _save_count(self) -> None:
        """The kept count into the index, in one update, when the server holds an index (linking writes it)."""
        n = count_literal(self.triple_count())
        self.update(f"DELETE WHERE {{ GRAPH {INDEX} {{ {INDEX} {TRIPLE_COUNT} ?n }} }} ;\n"
                    f"INSERT {{ GRAPH {INDEX} {{ {INDEX} {TRIPLE_COUNT} {n} }} }} "
                    f"WHERE {{ SELECT ?s WHERE {{ GRAPH {INDEX} {{ ?s ?p ?o }} }} LIMIT 1 }}")
        self.recounted = False

    def link_pending(self) -> bool:
        return bool(self._query(f"ASK {{ GRAPH <{LINK_PENDING_GRAPH}> {{ ?s ?p ?o }} }}"))

    # ------------------------------------------------------------ the index (as kg.stores.local keeps it)

    def pending_documents(self) -> list[str] | None:
        if self._query(f"ASK {{ GRAPH {PENDING} {{ {PENDING} {DROPPED} ?d }} }}") or \
                self.index_quads(INDEX, ONTOLOGY_CHANGED) or not self._query(f"ASK {{ GRAPH {INDEX} {{ ?s ?p ?o }} }}"):
            return None
        return sorted(set(self._values(f"SELECT ?d WHERE {{ GRAPH {PENDING} {{ {PENDING} {WRITTEN} ?d }} }}")))

    def named_before(self) -> list[str]:
        return sorted(set(self._values(
            f"SELECT ?n WHERE {{ GRAPH {PENDING} {{ {PENDING} {NAMED_BEFORE} ?n FILTER(isIRI(?n)) }} }}")))

    def index_quads(self, subject=None, predicate=None, obj=None) -> list[ox.Quad]:
        """One query: the pattern's unbound places as variables."""
        terms = [subject, predicate, obj]
        pattern = " ".join(str(t) if t is not None else f"?v{i}" for i, t in enumerate(terms))
        rows = self._query(f"SELECT * WHERE {{ GRAPH {INDEX} {{ {pattern} }} }}")
        found = []
        for r in rows:
            s, p, o = (t if t is not None else r[f"v{i}"] for i, t in enumerate(terms))
            found.append(ox.Quad(s, p, o, INDEX))
        return found

    def update_index(self, remove: list[ox.Quad], add: list[ox.Quad]) -> None:
        self._change_data(str(INDEX), _triples(remove), _triples(add))

    def replace_index(self, quads: list[ox.Quad]) -> None:
        """PUT whole (after linking the whole store), with the flag that no document is keyed the old way."""
        from kg.sources import is_legacy
        hashes = self.stored_hashes()
        extra = [] if any(is_legacy(doc, hashes.get(doc)) for doc in self.documents()) else [
            ox.Quad(INDEX, LEGACY_FREE, ox.Literal(True), INDEX)]
        extra += [self._digest_quad()] if self.ontology_digest else []
        extra.append(ox.Quad(INDEX, TRIPLE_COUNT, count_literal(self.triple_count()), INDEX))
        self.put_graph(INDEX_GRAPH, _triples(quads + extra))

    def update_names(self, nodes: list[str], ntriples: str) -> None:
        if nodes:
            self._replace_about(NAMES_GRAPH, values_clause("s", nodes), ntriples)

    def update_event_merges(self, merged: list[str], ntriples: str) -> None:
        self._replace_about(EVENT_MERGES_GRAPH, event_merges_about(merged), ntriples)

    def amend_event_merges(self, remove: str, add: str) -> None:
        self._change_data(f"<{EVENT_MERGES_GRAPH}>", remove, add)

    def _change_data(self, graph: str, remove: str, add: str) -> None:
        """In one update: these triples (N-Triples text) deleted from `graph` (in brackets), those inserted."""
        parts = [f"DELETE DATA {{ GRAPH {graph} {{\n{remove}}} }}" if remove else "",
                 f"INSERT DATA {{ GRAPH {graph} {{\n{add}}} }}" if add else ""]
        if any(parts):
            self.update(" ;\n".join(p for p in parts if p))

    def _replace_about(self, graph: str, about: str, ntriples: str) -> None:
        """In one update: the triples of `graph` whose subjects `about` binds (as ?s) removed, these added."""
        parts = [f"DELETE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} WHERE {{ {about} GRAPH <{graph}> {{ ?s ?p ?o }} }}"
                 if about else "", f"INSERT DATA {{ GRAPH <{graph}> {{\n{ntriples}}} }}" if ntriples else ""]
        if any(parts):
            self.update(" ;\n".join(p for p in parts if p))

    # ------------------------------------------------------------ reading

    def query(self, sparql: str):
        """pyoxigraph results (solutions, boolean, or a list of triples), as the local store gives them.

        Raises SyntaxError when the server rejects the query (HTTP 400), RuntimeError on other refusals."""
        text, shift = with_prefixes(sparql)
        r = self._send("POST", self.query_url, data={"query": text}, headers={"Accept": accept_for(sparql)})
        if r.status_code >= 300 and r.status_code != 400:
            raise RuntimeError(f"{shown(self.query_url)}: {_status(r)}")
        return parsed_results(r.status_code, r.content, r.headers.get("content-type", ""), shift,
                              shown(self.query_url))

    def _query(self, sparql: str):
        """A query of the store's own: a refusal is a StoreError."""
        try:
            return self.query(sparql)
        except (SyntaxError, RuntimeError) as exc:
            raise StoreError(f"{self}: {exc}") from None

    def _values(self, sparql: str) -> list[str]:
        return [s[0].value for s in self._query(sparql) if s[0] is not None]

    def documents(self) -> list[str]:
        return sorted(self._values(DOCUMENTS_QUERY))

    def quads(self, include_ontology: bool = False) -> list[ox.Quad]:
        extra = f" || ?g = <{NAMES_GRAPH}>" + (f" || ?g = <{ONTOLOGY_GRAPH}>" if include_ontology else "")
        skip = f"FILTER({_IS_DOCUMENT}{extra})"
        return [ox.Quad(r["s"], r["p"], r["o"], r["g"])
                for r in self._query(f"SELECT ?g ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {skip} }}")]

    def stored(self, name: str) -> dict[str, str]:
        rows = self._query(f"SELECT ?d ?h WHERE {{ GRAPH ?d {{ ?d <{EKG}{name}> ?h }} }}")
        return {r[0].value: r[1].value for r in rows if r[0] is not None and r[1] is not None}

    def held_documents(self, wanted: dict[str, str], extracted_with: str) -> set[str]:
        """One query for the batch (its documents and hashes as VALUES), not a read of every document's."""
        if not wanted:
            return set()
        rows = " ".join(f"({ox.NamedNode(d)} {ox.Literal(h)})" for d, h in sorted(wanted.items()))
        return set(self._values(f"SELECT ?d WHERE {{ VALUES (?d ?h) {{ {rows} }} GRAPH ?d {{ ?d {CONTENT_HASH} ?h ; "
                                f"{EXTRACTED_WITH} {ox.Literal(extracted_with)} }} }}"))

    def graph_size(self, g: ox.NamedNode) -> int:
        found = self._values(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {g} {{ ?s ?p ?o }} }}")
        return int(found[0]) if found else 0

    def count_document_triples(self) -> int:
        found = self._values(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_DOCUMENTS} }}")
        self.recounted = True
        return int(found[0]) if found else 0

    def default_graph_warning(self) -> str | None:
        """A warning when the server's default graph is not the union of the named graphs."""
        try:
            not_union = bool(self.query(IN_ONTOLOGY_GRAPH)) and not bool(self.query(IN_DEFAULT_GRAPH))
        except (SyntaxError, RuntimeError):
            return None
        if not not_union:
            return None
        return (f"{self}: the default graph is not the union of the named graphs, so queries without GRAPH "
                f"find nothing (Oxigraph: serve --union-default-graph; Fuseki: tdb2:unionDefaultGraph true)")

    def rdflib(self):
        """A read-only rdflib Dataset over the server's query endpoint (rdflib's SPARQLStore)."""
        from rdflib import Dataset
        from rdflib.plugins.stores.sparqlstore import SPARQLStore

        from kg.ns import bind_prefixes
        return bind_prefixes(Dataset(store=SPARQLStore(self.query_url, returnFormat="json"), default_union=True))

    def close(self) -> None:
        """A count made over the store is kept in its index for the next build (where the server allows it)."""
        try:
            if self.recounted and not self.pending and not self.link_pending():
                self._save_count()
        except StoreError:   # a read-only endpoint: counted again next time
            pass
        self.client.close()



def _triples(quads: list[ox.Quad]) -> str:
    return "".join(f"{q.triple} .\n" for q in quads)


# the project's document graphs only: not the ontology, the merges or the link flag, nor a server's own graphs
_IS_DOCUMENT = f'STRSTARTS(STR(?g), "{DOCUMENT_GRAPHS}")'
_DOCUMENTS = f"FILTER({_IS_DOCUMENT})"


def _timed_out(exc: httpx.TimeoutException, url: str, timeout: float) -> str:
    if isinstance(exc, httpx.ConnectTimeout):
        return f"cannot reach {shown(url)}: no connection within {min(CONNECT_TIMEOUT, timeout):g} s"
    return (f"{shown(url)} did not answer within {timeout:g} s (raise the limit with --server-timeout or "
            f"{TIMEOUT_ENV} if the server is only slow)")


def _status(r: httpx.Response) -> str:
    detail = " ".join(r.text.split())[:300]
    return f"HTTP {r.status_code} {r.reason_phrase}" + (f": {detail}" if detail else "")


def _why(exc: httpx.TransportError) -> str:
    text = " ".join(str(exc).split())
    if isinstance(exc, httpx.ConnectError) and ("refused" in text.lower() or "errno 111" in text.lower()):
        return "connection refused (is the server running?)"
    return text or type(exc).__name__
