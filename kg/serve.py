"""`kg serve`: the store as a SPARQL 1.1 Protocol endpoint, with YASGUI, a plain query form and the network view.

A small stdlib HTTP server (the front, on the public port) serves the form and the view (built per request
from a page of the store's documents, /view?page=2, around a name, /view?focus=Газпром, or of what a query
returns, /view?query=03_attacks (a saved question) or /view?query=SELECT ...: never the whole
store, so it starts in seconds and its memory does not grow with the store) and forwards
/query (and /update, /store with --writable) to a pool of Oxigraph servers (the `oxigraph` binary),
each answering one request at a time on a loopback port that browsers refuse to open; the query of
/view?query=, and the lookups of the documents to draw, go to them the same way, under the same limits. The
front checks Host, Origin and SERVICE first, holds each answer to send a real status, and ends a child whose
query outlives its time or memory limit. Why it is built so: docs/DESIGN.md, "The endpoint".
"""
from __future__ import annotations

import collections
import concurrent.futures
import gc
import http.client
import ipaddress
import json
import os
import queue
import select
import shutil
import signal
import socket
import socketserver
import subprocess
import sys
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, TextIO
from urllib.parse import urlencode, urlsplit

from kg import federation

if TYPE_CHECKING:
    from kg.network import Answer

MB = 1024 * 1024
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30        # seconds a query may run (Oxigraph's --timeout-s)
DEFAULT_MAX_RESULT = 100    # MB of one answer
DEFAULT_MAX_MEMORY = 1024   # MB one Oxigraph child may hold (resident), that is one query at a time
MAX_REQUEST = 1 * MB        # bytes of one request body
DRAIN_LIMIT = 16 * MB       # a too large body up to this size is read and dropped, so the client reads the 413
SLOTS = 4                   # Oxigraph children, so requests at once (read-only; --writable has one)
KILL_GRACE = 1              # seconds past --timeout before the child running a query is killed
WATCH_EVERY = 0.05          # seconds between two looks at a query's time and memory
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
QUEUE = 128                 # connections waiting to be accepted (the stdlib's 5 made bursts wait)
# Ports that browsers refuse to open (the Fetch standard's "bad ports"; unprivileged ones), and so does
# Oxigraph's own SERVICE client: a web page cannot send a request to a child, only to the front.
BLOCKED_PORTS = (6665, 6666, 6667, 6668, 6669, 6697, 10080, 6566, 6000, 5060, 5061, 4045, 3659, 2049,
                 1719, 1720, 1723)
NO_PORT = "are all in use"
START_TIMEOUT = 120         # seconds Oxigraph may take to open the store
CANCELLED = b"The SPARQL operation has been cancelled"
FORWARDED = {"/query": False, "/update": True, "/store": True}   # path -> only with --writable
PASSED_HEADERS = ("Content-Type", "Accept", "Origin", "Access-Control-Request-Method",
                  "Access-Control-Request-Headers")
RETURNED_HEADERS = ("location", "allow")   # besides Content-Type and Access-Control-*

# The YASGUI page: scripts and styles from this server only (YASGUI's files and ours; its data is a JSON block,
# which is not run), requests to this server only. YASGUI sets style attributes, hence 'unsafe-inline' for
# styles, never for scripts.
QUERY_CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; "
             "img-src 'self' data:; font-src 'self' data:; base-uri 'none'; form-action 'none'; "
             "frame-ancestors 'none'")
# The plain form (/form; the query page when the Oxigraph server has no YASGUI)
FORM_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; "
            "img-src data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
VIEW_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; "
            "font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


class ServeError(Exception):
    """`kg serve` cannot start or had to stop; str() is one line for users."""


class Stopped(BaseException):
    """SIGTERM or SIGHUP: stop serving. A BaseException, as KeyboardInterrupt is: socketserver catches every
    Exception raised while it starts a request's thread and serves on, so a signal landing there was lost."""


# ---------------------------------------------------------------- the Oxigraph children

def oxigraph_binary() -> str:
    """The server of the `oxigraph` package: beside this Python (a venv's bin/), else on PATH."""
    here = Path(sys.executable).parent / "oxigraph"
    if here.is_file() and os.access(here, os.X_OK):
        return str(here)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise ServeError("the Oxigraph server is not installed: `pip install oxigraph` (a dependency of energy-kg)")


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _parent_death_signal():
    """A pre-exec hook that has Linux send the child SIGTERM when kg serve dies, even by SIGKILL,
    so no orphaned Oxigraph keeps the port and (with --writable) the store's lock."""
    try:
        import ctypes
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except Exception:  # not Linux
        return None
    return lambda: prctl(1, signal.SIGTERM)   # PR_SET_PDEATHSIG


def _resident(pid: int) -> int:
    """Bytes of memory a process holds (its resident set), 0 when unknown. Not a limit on its address
    space (RLIMIT_AS, RLIMIT_DATA): Oxigraph keeps a thread, with its stack reserved, per recent query."""
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * PAGE
    except (OSError, ValueError, IndexError):
        return 0


# Every child is started from this one thread, which lives as long as kg serve: Linux sends the death
# signal when the thread that started a child ends, and request threads end after each request.
_SPAWNER = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="spawner")

# What Oxigraph logs when the front stops reading an answer over --max-result: expected, not news.
_OURS = "OxHTTP TCP error when writing response"
# What it logs when an answer fails after its "200 OK" went out (the body then ends in the error's text).
STREAM_ERROR = "Internal server error while streaming results: "


class Outcome:
    """What one exchange with a child gave: its answer, or why there is none."""

    def __init__(self):
        self.resp: http.client.HTTPResponse | None = None
        self.data = b""
        self.error: Exception | None = None
        self.killed: str | None = None   # "time" or "memory": the front ended the child past that limit
        self.died: int | None = None      # the child's exit status when it ended during the exchange
        self.stream_error: str | None = None
        self.busy: float | None = None    # seconds waited for a child when every one stayed busy


class Oxigraph:
    """One Oxigraph server, answering one request at a time for the front, on a loopback port that no
    web page can reach (see BLOCKED_PORTS)."""

    def __init__(self, store: Path, *, writable: bool, timeout: int, cors: bool, union: bool = True,
                 max_memory_mb: int = DEFAULT_MAX_MEMORY):
        self.store, self.writable, self.timeout, self.cors, self.union = store, writable, timeout, cors, union
        self.max_memory = max_memory_mb * MB
        self.proc: subprocess.Popen | None = None
        self.port: int | None = None
        self.busy = False
        self.lines: collections.deque[str] = collections.deque(maxlen=20)
        self._pending = b""

    def command(self, port: int) -> list[str]:
        cmd = [oxigraph_binary(), "serve" if self.writable else "serve-read-only", "--location", str(self.store),
               "--bind", f"127.0.0.1:{port}", "--timeout-s", str(self.timeout)]
        return cmd + (["--union-default-graph"] if self.union else []) + (["--cors"] if self.cors else [])

    def start(self, ports=BLOCKED_PORTS) -> None:
        """Start on the first of `ports` that is free and wait until it listens."""
        for port in ports:
            if not _port_free(port):
                continue
            error = self._spawn(port)
            if error is None:
                return
            if "Address already in use" not in error:   # else taken meanwhile: the next one
                raise ServeError(f"the Oxigraph server did not start: {error}")
        raise ServeError(f"the Oxigraph server did not start: the {len(BLOCKED_PORTS)} loopback ports that web "
                         f"pages cannot reach ({BLOCKED_PORTS[0]}, {BLOCKED_PORTS[1]}, ...) {NO_PORT}: "
                         "stop another `kg serve`")

    def _spawn(self, port: int) -> str | None:
        self.lines.clear()
        self._pending = b""
        env = {**os.environ, "RUST_BACKTRACE": "0", "RUST_LIB_BACKTRACE": "0"}
        self.proc = _SPAWNER.submit(subprocess.Popen, self.command(port), stdin=subprocess.DEVNULL,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                                    start_new_session=True,   # Ctrl-C reaches kg serve, which stops it in order
                                    preexec_fn=_parent_death_signal()).result()
        self.port = port
        os.set_blocking(self.proc.stderr.fileno(), False)
        deadline = time.monotonic() + START_TIMEOUT
        while not any(line.startswith("Listening for requests at") for line in self.drain(quiet=True)):
            if self.proc.poll() is not None:   # reaped: no zombie is left
                self.drain(quiet=True)
                self.proc.stderr.close()
                return self.error() or f"exit status {self.proc.returncode}"
            if time.monotonic() > deadline:
                self.stop()
                return f"it did not listen within {START_TIMEOUT} s"
            select.select([self.proc.stderr], [], [], 0.05)
        return None

    def drain(self, quiet: bool = False) -> list[str]:
        """The lines Oxigraph wrote to stderr since the last call (without waiting), passed on to ours.
        It writes an error's line before the error reaches the answer, so after an answer its lines are here."""
        try:
            while chunk := os.read(self.proc.stderr.fileno(), 65536):
                self._pending += chunk
        except BlockingIOError:
            pass
        *complete, self._pending = self._pending.split(b"\n")
        lines = [line.decode("utf-8", "replace").rstrip() for line in complete]
        lines = [line for line in lines if line]
        self.lines.extend(lines)
        for line in lines:
            if not quiet and not line.startswith(_OURS):
                print(f"oxigraph: {line}", file=sys.stderr, flush=True)
        return lines

    def exchange(self, method: str, target: str, headers: dict, body: bytes | None, limit: int) -> Outcome:
        """One request; the child is killed if it has not answered within the time limit and KILL_GRACE,
        or holds more than the memory limit."""
        out = Outcome()
        self.drain()
        done = threading.Event()

        def watch():
            deadline = time.monotonic() + self.timeout + KILL_GRACE
            while not done.wait(WATCH_EVERY):
                over = ("time" if time.monotonic() > deadline
                        else "memory" if _resident(self.proc.pid) > self.max_memory else None)
                if over:
                    out.killed = over
                    self.proc.kill()
                    return
        watcher = threading.Thread(target=watch, name="watch", daemon=True)
        watcher.start()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout + KILL_GRACE + 30)
        try:
            conn.request(method, target, headers=headers, body=body)
            out.resp = conn.getresponse()
            out.data = b"" if method == "HEAD" else _read_at_most(out.resp, limit)
        except (OSError, http.client.HTTPException) as exc:
            out.error = exc
        finally:
            done.set()
            watcher.join()
            conn.close()
        if out.error is not None:
            try:
                out.died = self.proc.wait(2)
            except subprocess.TimeoutExpired:
                pass
        for line in self.drain():
            if line.startswith(STREAM_ERROR):
                out.stream_error = line[len(STREAM_ERROR):]
        return out

    def error(self) -> str | None:
        """Oxigraph's own error line, in words for a user when it is a known case."""
        found = next((line[len("Error:"):].strip() for line in self.lines if line.startswith("Error:")), None)
        if found and "lock" in found.lower():
            return (f"the store {self.store} is in use by another process (a running `kg build`, or another "
                    f"`kg serve --writable`): {found}")
        return found

    def exited(self) -> int | None:
        return None if self.proc is None else self.proc.poll()

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


class Pool:
    """The Oxigraph children: each runs one request at a time, so a query past its time or memory limit is
    stopped by ending its process, which takes nothing else with it; a new child takes its place."""

    def __init__(self, size: int, **options):
        self.children = [Oxigraph(**options) for _ in range(size)]
        self.idle: queue.Queue[Oxigraph] = queue.Queue()

    def _ports_left(self):
        """The blocked ports no running child of this pool holds."""
        for port in BLOCKED_PORTS:
            if not any(c.port == port and c.exited() is None for c in self.children):
                yield port

    def start(self) -> None:
        with concurrent.futures.ThreadPoolExecutor(len(self.children)) as starting:
            # together; two that pick the same port find out from Oxigraph and try the next
            futures = [starting.submit(child.start, self._ports_left()) for child in self.children]
        errors = [f.exception() for f in futures if f.exception() is not None]
        # fewer children when other servers hold the ports: slower under load, as safe
        if len(errors) == len(futures) or any(NO_PORT not in str(e) for e in errors):
            for child in self.children:
                child.stop()
            raise errors[0]
        self.children = [c for c, f in zip(self.children, futures) if f.exception() is None]
        for child in self.children:
            self.idle.put(child)

    def take(self, wait: float) -> Oxigraph | None:
        try:
            child = self.idle.get(timeout=wait)
        except queue.Empty:
            return None
        child.busy = True
        return child

    def give(self, child: Oxigraph) -> None:
        """Back to the idle ones; a child that was stopped or died is replaced first, and so is one that
        kept much of a large query's memory (the next query would start near the limit)."""
        try:
            if child.exited() is None and _resident(child.proc.pid) > child.max_memory // 2:
                child.stop()
            if child.exited() is not None:
                child.stop()
                child.proc.stderr.close()
                child.start(self._ports_left())
        finally:
            child.busy = False
            self.idle.put(child)

    def dead(self) -> Oxigraph | None:
        """An idle child that stopped on its own: something is wrong, kg serve stops."""
        return next((c for c in self.children if not c.busy and c.exited() is not None), None)

    def stop(self) -> None:
        for child in self.children:
            child.stop()


# ---------------------------------------------------------------- the pages

# YASGUI's files, as the `oxigraph` server embeds them (its own query page loads them), taken from a child
# once at start-up: the version that matches the installed server, with no copy in this repository and no
# network. Our script and style beside them. Path -> (file name in the child or in kg/templates, type).
YASGUI_FILES = {"/yasgui.min.js": "application/javascript; charset=utf-8", "/yasgui.min.css": "text/css; charset=utf-8"}
OUR_FILES = {"/kg-query.js": ("query.js", "application/javascript; charset=utf-8"),
             "/kg-query.css": ("query.css", "text/css; charset=utf-8")}


def yasgui_files(pool: "Pool") -> dict[str, tuple[bytes, str]]:
    """YASGUI's script and style from one Oxigraph child ({} when this Oxigraph has none: the plain form then)."""
    child = pool.take(START_TIMEOUT)
    if child is None:
        return {}
    found = {}
    try:
        for path, kind in YASGUI_FILES.items():
            out = child.exchange("GET", path, {"Host": f"127.0.0.1:{child.port}"}, None, 16 * MB)
            if out.resp is None or out.resp.status != 200 or not out.data:
                return {}
            found[path] = (out.data, kind)
    finally:
        pool.give(child)
    return found


def our_files() -> dict[str, tuple[bytes, str]]:
    """kg/templates/query.js and .css, and the project's prefixes as prefix.cc writes them (YASQE's prefix
    completer reads that file: with this one it adds `PREFIX ekg: <...>` when `ekg:` is typed)."""
    from kg import PREFIXES
    from kg.view import TEMPLATES
    files = {path: ((TEMPLATES / name).read_bytes(), kind) for path, (name, kind) in OUR_FILES.items()}
    files["/prefixes.json"] = (json.dumps(PREFIXES).encode("utf-8"), "application/json")
    return files


def query_page(*, writable: bool, timeout: int, max_result_mb: int, queries_dir=None,
               terms: frozenset[str] = frozenset()) -> bytes:
    """The YASGUI page: the project's prefixes declared in every new tab and offered to complete, the
    ontology's `terms` (local names) to complete, the saved questions to open in tabs, sortable paged tables
    (YASR); its script is /kg-query.js (no inline script)."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    from kg import PREFIXES
    from kg.questions import saved_questions
    from kg.view import TEMPLATES
    from ontology.terms import EKG

    questions = [{"name": q.name, "question": q.question, "query": q.text,
                  "params": [{"name": p.name, "kind": p.kind, "description": p.description} for p in q.params]}
                 for q in saved_questions(queries_dir)]
    data = {"questions": questions, "query": _default_query(), "prefixes": PREFIXES, "writable": writable,
            "terms": [f"ekg:{name}" for name in sorted(terms | set(EKG.__annotations__))]}
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    return env.get_template("yasgui.html").render(
        data=data, writable=writable, timeout=timeout, max_result_mb=max_result_mb,
        max_request_mb=MAX_REQUEST // MB).encode("utf-8")


def check_query(text: str, terms: frozenset[str]) -> dict:
    """/check: what is wrong with a query before it runs, as the page shows it: undeclared prefixes (errors)
    and names in the ontology's namespace that the ontology lacks (warnings)."""
    from kg.sparql_text import unknown_prefix_message, unknown_prefixes, vocabulary_warnings
    unknown = unknown_prefixes(text)
    return {"errors": [unknown_prefix_message([p]) for p in unknown],
            "warnings": vocabulary_warnings(text, lambda: terms)}

def _default_query() -> str:
    from kg import PREFIXES
    prefixes = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
    return prefixes + (
        "\n# Events in text order: their type, the word that signals them, and the sentence\n"
        "SELECT ?type ?trigger ?sentence WHERE {\n"
        "  ?event ekg:sourceDocument ?doc ; a ?class ; ekg:trigger/nif:anchorOf ?trigger ;\n"
        "         prov:wasDerivedFrom ?s .\n"
        "  ?s nif:anchorOf ?sentence ; nif:beginIndex ?at .\n"
        "  ?class rdfs:label ?type . FILTER(lang(?type) = \"en\")\n"
        "}\nORDER BY ?doc ?at ?type\nLIMIT 100\n")


def form_page(*, writable: bool, timeout: int, max_result_mb: int, queries_dir=None) -> bytes:
    """The plain query form (/form): the competency questions as examples, results as a table or text
    (textContent only)."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    from kg import PREFIXES
    from kg.summary import competency_questions
    from kg.view import TEMPLATES

    examples = [{"name": f.name, "question": question, "query": text}
                for f, question, text in competency_questions(queries_dir)]
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    data = {"examples": examples, "query": _default_query(), "prefixes": PREFIXES, "writable": writable}
    return env.get_template("query.html").render(
        data=data, writable=writable, timeout=timeout, max_result_mb=max_result_mb,
        max_request_mb=MAX_REQUEST // MB).encode("utf-8")


PAGE_DOCS = 100      # documents of one page of the view: what a request reads and holds, whatever the store
MAX_HOPS = 4
MAX_FOCUS = 200      # characters of a name to focus on
MAX_LABELS = 50      # literals of a query's answer looked up as names, for the documents of /view?query=


class ViewRequest(ValueError):
    """A /view request that cannot be answered (a bad parameter: 400; nothing of that name: 404; its query
    stopped at a limit: /query's status and reason)."""

    def __init__(self, status: int, message: str, reason: str | None = None):
        super().__init__(message)
        self.status, self.reason = status, reason


def view_params(query: str) -> dict:
    """{page, focus, hops, query} of /view's query string (?page=2, ?focus=Газпром&hops=1, ?query=03_attacks or
    ?query=SELECT ...), or ViewRequest(400)."""
    from urllib.parse import parse_qs
    try:
        given = parse_qs(query, keep_blank_values=True, strict_parsing=False, max_num_fields=8)
    except ValueError as exc:
        raise ViewRequest(400, f"bad query string: {exc}") from None
    unknown = sorted(set(given) - {"page", "focus", "hops", "query"})
    if unknown:
        raise ViewRequest(400, f"unknown parameter(s) {', '.join(unknown)}: /view takes page, focus, hops and query")

    def number(name: str, default: int, top: int) -> int:
        raw = given.get(name, [str(default)])[-1]
        if not raw.isdigit() or not 1 <= int(raw) <= top:
            raise ViewRequest(400, f"{name} must be a whole number from 1 to {top}")
        return int(raw)
    focus = given.get("focus", [""])[-1].strip() or None
    if focus is not None and len(focus) > MAX_FOCUS:
        raise ViewRequest(400, f"focus is a name of at most {MAX_FOCUS} characters")
    sparql = given.get("query", [""])[-1].strip() or None
    return {"page": number("page", 1, 10 ** 6), "focus": focus, "hops": number("hops", 2, MAX_HOPS),
            "query": sparql}


def query_view(store, text: str, limit: int = PAGE_DOCS, allow_service: frozenset[str] = frozenset(),
               run=None) -> tuple[str, str, list[str], Answer]:
    """(the SPARQL, its name, the last `limit` document graphs naming what it returns, what it returned) for
    /view?query=: a saved question's name or the query itself, as `kg view --query` takes them (never a file
    of the server's). What it returns: its IRIs, and the nodes labelled as its literals. `run(sparql)` gives
    the pyoxigraph result of the query and of the lookups that follow it (labels, documents): kg serve's
    (Front.limited_query) has an Oxigraph child run each under the endpoint's limits, since a lookup over a
    large store can outlast them as the query can; without it they run on `store`, unlimited. ViewRequest(400)
    for a query that does not parse, an ASK or a misspelt name; 404 when no document names what it returns;
    403 for a SERVICE to a host not in `allow_service`, as /query refuses it; what `run` raises for a query or
    lookup stopped at a limit."""
    import pyoxigraph as ox

    from kg.network import read_answer
    from kg.query import QueryError, load_query, syntax_message
    try:
        sparql, name = load_query(text, files=False)
    except QueryError as exc:
        raise ViewRequest(400, str(exc)) from None
    try:
        federation.check(sparql, update=False, allowed=allow_service)
    except federation.Refused as exc:
        raise ViewRequest(403, str(exc)) from None
    try:
        answer = read_answer((run or store.query)(sparql))
    except SyntaxError as exc:
        raise ViewRequest(400, syntax_message(exc, name, sparql)) from None
    except ViewRequest:   # the query stopped at a limit: its status as it is
        raise
    except ValueError as exc:   # an ASK
        raise ViewRequest(400, str(exc)) from None
    terms = answer.terms()
    nodes = {t for t in terms if isinstance(t, ox.NamedNode)}
    nodes.update(labelled(store, sorted({t.value for t in terms if isinstance(t, ox.Literal)})[:MAX_LABELS], run=run))
    graphs = documents_naming(store, sorted(nodes, key=str), limit, run)
    if not graphs:
        raise ViewRequest(404, f"{name}: no document names what the query returned (SELECT the nodes themselves)")
    return sparql, name, graphs, answer


def labelled(store, keys: list[str], limit: int = 50, run=None) -> list:
    """The nodes labelled or named one of `keys` (any case, ё as е), or the nodes whose IRIs they are: one
    lookup for all of them, so the literals of a query's answer cost one pass over the labels and one limit.
    At most `limit` nodes a key. `run`: how the lookup runs (see query_view)."""
    import pyoxigraph as ox
    if not keys:
        return []
    texts = " ".join(str(ox.Literal(key.casefold().replace("ё", "е"))) for key in keys)
    nodes = [r["n"] for r in (run or store.query)(f"""SELECT DISTINCT ?n WHERE {{
        ?n skos:prefLabel|skos:altLabel|rdfs:label ?l BIND(replace(lcase(str(?l)), "ё", "е") AS ?t)
        VALUES ?t {{ {texts} }} }} LIMIT {limit * len(keys)}""")]
    for key in keys:
        if key.startswith(("http://", "https://")):
            try:
                nodes.append(ox.NamedNode(key))
            except ValueError:
                pass
    return nodes


def documents_naming(store, nodes: list, limit: int = PAGE_DOCS, run=None) -> list[str]:
    """The last `limit` document graphs (by IRI) that name one of `nodes`. `run`: see query_view."""
    from kg.stores.base import NOT_DOCUMENTS
    if not nodes:
        return []
    skip = ", ".join(f"<{g}>" for g in NOT_DOCUMENTS)
    values = " ".join(str(n) for n in nodes)
    return [r["g"].value for r in (run or store.query)(f"""SELECT DISTINCT ?g WHERE {{ VALUES ?n {{ {values} }}
        {{ GRAPH ?g {{ ?n ?p ?o }} }} UNION {{ GRAPH ?g {{ ?s ?q ?n }} }} FILTER(?g NOT IN ({skip})) }}
        ORDER BY DESC(?g) LIMIT {limit}""")]


def focus_documents(store, key: str, limit: int = PAGE_DOCS, run=None) -> list[str]:
    """The last `limit` document graphs (by IRI) that name a node labelled or named `key` (any case). `run`:
    see query_view."""
    return documents_naming(store, labelled(store, [key], run=run), limit, run)


class ServedStore:
    """The store as kg serve's view reads it: each query run by an Oxigraph child under the endpoint's limits
    (`Front.limited_query`), a batch of document graphs a query (`kg.network.select`). The front never opens
    the store: RocksDB's index and filter blocks of the files a view read made its memory grow with the store
    (bench/RESULTS.md "kg serve's view through its Oxigraph children")."""

    def __init__(self, run):
        self.query = run

    def documents(self) -> list[str]:
        from kg.stores.base import DOCUMENTS_QUERY
        return sorted(r["g"].value for r in self.query(DOCUMENTS_QUERY))


def view_page(store, *, page: int = 1, focus: str | None = None, hops: int = 2, query: str | None = None,
              per_page: int = PAGE_DOCS, allow_service: frozenset[str] = frozenset(), run=None) -> bytes:
    """The network page of `kg view` for one page of the store's documents (`per_page`, in the order of their
    IRIs), or around the node named `focus` in the last `per_page` documents that name it, or of what `query`
    returns (`kg view --query`) in the last `per_page` documents naming it (then around `focus` if given):
    never the whole store, so what a request reads and holds does not grow with the store. Raises
    ViewRequest(404) for a page past the last or a name no document has, (400) for a query that cannot make a
    network; a short error page if the view cannot be built. `run`: how the query and the lookups of the
    documents to draw run (see query_view)."""
    from kg.view import TITLE, LANGUAGES, build_network, render_html
    sparql = answer = None
    if query is not None:
        sparql, name, graphs, answer = query_view(store, query, per_page, allow_service, run)
        shown = {"en": f": {name} (the last {len(graphs)} documents naming what it returns)",
                 "ru": f": {name} (последние {len(graphs)} документов с найденным)"}
    elif focus is not None:
        graphs = focus_documents(store, focus, per_page, run)
        if not graphs:
            raise ViewRequest(404, f"no node is labelled or named {focus!r}")
        shown = {"en": f": around {focus} (the last {len(graphs)} documents naming it)",
                 "ru": f": вокруг {focus} (последние {len(graphs)} документов)"}
    else:
        documents = store.documents()
        pages = max(1, -(-len(documents) // per_page))
        if page > pages:
            raise ViewRequest(404, f"page {page} of {pages}: the store has {len(documents)} documents")
        graphs = documents[(page - 1) * per_page: page * per_page]
        first = (page - 1) * per_page + 1
        shown = {"en": f": documents {first}–{first + len(graphs) - 1} of {len(documents)} (page {page} of {pages})",
                 "ru": f": документы {first}–{first + len(graphs) - 1} из {len(documents)} (стр. {page} из {pages})"}
    try:
        graph = build_network(store, focus, hops, sparql, graphs=graphs, answer=answer)
        return render_html(graph, {lang: TITLE[lang] + shown[lang] for lang in LANGUAGES}).encode("utf-8")
    except LookupError as exc:
        raise ViewRequest(404, str(exc).strip("'\"")) from None
    except ViewRequest:   # a query of the view stopped at a limit: its status as it is
        raise
    except Exception as exc:  # the endpoint matters more than the picture: serve without it
        from html import escape
        reason = " ".join(str(exc).split()) or type(exc).__name__
        print(f"warning: the network view could not be built: {reason}", file=sys.stderr)
        return (f"<!DOCTYPE html><meta charset='utf-8'><title>No view</title>"
                f"<p>The network view could not be built: {escape(reason)}</p>").encode("utf-8")


# ---------------------------------------------------------------- the front

def _read_at_most(resp: http.client.HTTPResponse, limit: int) -> bytes:
    """The answer's body, or its first `limit` bytes when it is longer."""
    parts, size = [], 0
    while size < limit:
        chunk = resp.read(min(MB, limit - size))
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
    return b"".join(parts)


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class Front(ThreadingHTTPServer):
    """The public port: pages, limits, and forwarding to the Oxigraph children."""

    daemon_threads = True
    request_queue_size = QUEUE

    def __init__(self, host: str, port: int, *, writable: bool, cors: bool, max_result_mb: int,
                 allow_service=(), timeout: int = DEFAULT_TIMEOUT, max_memory_mb: int = DEFAULT_MAX_MEMORY):
        if ":" in host:
            self.address_family = socket.AF_INET6
        super().__init__((host, port), Handler)
        self.writable, self.cors = writable, cors
        self.max_result = max_result_mb * MB
        self.max_result_mb = max_result_mb
        self.loopback = _is_loopback(host)
        self.allow_service = frozenset(h.lower() for h in allow_service)
        self.timeout, self.max_memory_mb = timeout, max_memory_mb
        self.pages: dict[str, tuple[bytes, str]] = {}
        self.files: dict[str, tuple[bytes, str]] = {}   # scripts and styles: path -> (bytes, Content-Type)
        self.terms: frozenset[str] = frozenset()         # the ontology's local names, for /check
        self.questions: dict[str, str] = {}               # saved question's name -> text, for /prepare
        self.pool: Pool | None = None
        self.view_lock = threading.Lock()
        self.fixed_view: bytes | None = None   # with --writable: the first page, made before Oxigraph writes

    def view(self, **params) -> bytes:
        """The view page for these /view parameters, read through the Oxigraph children (`ServedStore`)."""
        if self.fixed_view is not None:   # reading while Oxigraph writes is undefined: the page made at start-up
            if params != view_params(""):
                raise ViewRequest(409, "with --writable the view is the first page as it was at start-up: reading "
                                       "the store while Oxigraph writes it is undefined (serve read-only, or kg view)")
            return self.fixed_view
        return view_page(ServedStore(self.limited_query), **params, allow_service=self.allow_service,
                         run=self.limited_query)

    def exchange(self, method: str, target: str, headers: dict, body: bytes | None) -> Outcome:
        """One request to an idle Oxigraph child, under the limits of time, memory and answer size (Oxigraph.
        exchange); Outcome.busy when none was free for the longest a request may hold one."""
        wait = self.timeout + KILL_GRACE + 10   # each request holds a child at most about this long
        child = self.pool.take(wait)
        if child is None:
            out = Outcome()
            out.busy = wait
            return out
        try:
            return child.exchange(method, target, headers, body, self.max_result + 1)
        finally:
            self.pool.give(child)

    def failure(self, out: Outcome) -> tuple[int, str, str | None] | None:
        """(status, message, reason) when the exchange gave no answer to send: a limit stopped the query, the
        child ended or is not answering, or every child was busy. None when the child's answer can go out."""
        timeout = (503, f"the query was stopped at the time limit of {self.timeout} s (kg serve --timeout): "
                        "narrow it (more specific patterns, LIMIT) or raise the limit", "Query Timeout")
        if out.busy is not None:
            return 503, f"every Oxigraph server was busy for {out.busy} s: retry later", "Busy"
        if out.killed == "memory":
            return (503, f"the query was stopped: it needed more than {self.max_memory_mb} MB "
                         "(kg serve --max-memory): narrow it or raise the limit", "Query Too Large")
        if out.killed or (out.stream_error or "").startswith(CANCELLED.decode()):
            return timeout
        if out.died is not None:
            return 502, f"the Oxigraph server ended while answering (exit status {out.died})", None
        if out.error is not None:
            return 502, f"the Oxigraph server is not answering: {out.error}", None
        if len(out.data) > self.max_result:
            return (500, f"the answer is larger than {self.max_result_mb} MB, the most kg serve sends "
                         "(--max-result): add LIMIT, select fewer variables, or page with OFFSET", "Result Too Large")
        if out.stream_error is not None:
            return 500, f"the query failed while its answer was being written: {out.stream_error}", "Query Failed"
        if out.resp.status == 200 and out.data.rstrip().endswith(CANCELLED):
            return timeout
        return None

    def limited_query(self, sparql: str):
        """The pyoxigraph result of `sparql` as /query gives it: run by an Oxigraph child under the same limits
        (the front never runs a request's query itself, so a runaway one is stopped, not left holding the view).
        ViewRequest with /query's status and reason when it is stopped or the child fails; SyntaxError when the
        child refuses the query."""
        from kg.stores.remote import accept_for, parsed_results, with_prefixes
        text, shift = with_prefixes(sparql)   # as the local store's query has the project's prefixes
        headers = {"Accept": accept_for(sparql), "Content-Type": "application/x-www-form-urlencoded",
                   "Host": f"127.0.0.1:{self.server_port}"}
        out = self.exchange("POST", "/query", headers, urlencode({"query": text}).encode("utf-8"))
        failed = self.failure(out)
        if failed is not None:
            raise ViewRequest(*failed)
        if out.resp.status >= 300 and out.resp.status != 400:
            raise ViewRequest(502, f"the Oxigraph server refused the query ({out.resp.status}): "
                                   + " ".join(out.data.decode("utf-8", "replace").split()))
        try:
            return parsed_results(out.resp.status, out.data, out.resp.getheader("Content-Type") or "", shift,
                                  "the Oxigraph server")
        except RuntimeError as exc:
            raise ViewRequest(502, str(exc)) from None

    def server_bind(self) -> None:
        # HTTPServer.server_bind also looks the host's name up in DNS: slow or hanging with no network.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def handle_error(self, request, client_address) -> None:
        """A client that went away before its answer is one line, not a traceback."""
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            print(f"{client_address[0]}: connection lost: {exc}", file=sys.stderr)
        else:
            super().handle_error(request, client_address)

    def service_actions(self) -> None:
        """Between requests (twice a second): stop when an idle Oxigraph child has gone."""
        child = None if self.pool is None else self.pool.dead()
        if child is not None:
            status = child.exited()
            how = f"killed by signal {-status}" if status < 0 else f"exit status {status}"
            error = child.error()
            raise ServeError(f"the Oxigraph server stopped unexpectedly ({how})" + (f": {error}" if error else ""))


class Handler(BaseHTTPRequestHandler):
    server: Front
    server_version = "kg-serve"
    protocol_version = "HTTP/1.1"
    timeout = 60   # seconds a client may stay silent while sending a request, or idle between requests

    def _route(self) -> None:
        if not self._host_allowed():
            return self._error(403, "unknown Host: open this server by its loopback address, "
                                    f"http://127.0.0.1:{self.server.server_port}/")
        body = self._read_body()
        if body is None:
            return
        path = urlsplit(self.path).path
        if path in FORWARDED:
            return self._forward(path, body)
        if path == "/check":
            return self._check(body)
        if path == "/prepare":
            return self._prepare(body)
        if path not in self.server.pages and path not in self.server.files and path != "/view":
            return self._error(404, f"nothing at {path}: / is the query page, /view the network, "
                                    "/query the SPARQL endpoint")
        if self.command not in ("GET", "HEAD"):
            return self._error(405, f"{path} is a page: GET it; SPARQL goes to /query", headers=[("Allow", "GET, HEAD")])
        if path in self.server.files:
            content, kind = self.server.files[path]
            return self._send(200, content, kind, headers=[("Cache-Control", "no-cache")])
        if path == "/view":
            return self._view()
        page, csp = self.server.pages[path]
        self._send(200, page, "text/html; charset=utf-8",
                   headers=[("Content-Security-Policy", csp), ("Cache-Control", "no-cache")])

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _route

    def _view(self) -> None:
        """/view, built for this request from a page of the store (or around a name), one at a time: the front's
        memory is one page's, whatever the store's size. Its queries run in the Oxigraph children."""
        try:
            params = view_params(urlsplit(self.path).query)
            with self.server.view_lock:
                page = self.server.view(**params)
        except ViewRequest as exc:
            return self._error(exc.status, str(exc), reason=exc.reason)
        self._send(200, page, "text/html; charset=utf-8",
                   headers=[("Content-Security-Policy", VIEW_CSP), ("Cache-Control", "no-cache")])

    # ------------------------------------------------------------ checks

    def _host_allowed(self) -> bool:
        """Bound to loopback, answer only requests addressed to a loopback name (no DNS rebinding)."""
        host = self.headers.get("Host")
        if not self.server.loopback or host is None:
            return True
        return _is_loopback(urlsplit("//" + host).hostname or "")

    def _cross_origin(self) -> bool:
        """From a page of another origin: its Origin says so, or, for the GETs of <img>, <script>, links
        and forms, which carry no Origin, the browser's Sec-Fetch-Site (a typed address is 'none')."""
        origin = self.headers.get("Origin")
        if origin is not None and urlsplit(origin).netloc.lower() != (self.headers.get("Host") or "").lower():
            return True
        return self.headers.get("Sec-Fetch-Site", "same-origin").lower() not in ("same-origin", "none")

    def handle_expect_100(self) -> bool:
        if self._too_large(self.headers.get("Content-Length")):
            self._error(413, self._too_large_message(), close=True)
            return False
        return super().handle_expect_100()

    @staticmethod
    def _too_large(length) -> bool:
        try:
            return int(length or 0) > MAX_REQUEST
        except ValueError:
            return False

    @staticmethod
    def _too_large_message() -> str:
        return (f"the request body is larger than {MAX_REQUEST // MB} MB, the most kg serve accepts: send a "
                "shorter query or update (load large data with `kg build`)")

    def _read_body(self) -> bytes | None:
        """The request body, or None when an error was sent (too large, chunked, bad length)."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self._error(411, "send the request body with a Content-Length (chunked bodies are not accepted)",
                        close=True)
            return None
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0:
            self._error(400, "bad Content-Length", close=True)
            return None
        if length > MAX_REQUEST:
            drain = length <= DRAIN_LIMIT
            if drain:
                while length > 0:
                    chunk = self.rfile.read(min(length, 64 * 1024))
                    if not chunk:
                        break
                    length -= len(chunk)
            self._error(413, self._too_large_message(), close=not drain)
            return None
        return self.rfile.read(length) if length else b""

    # ------------------------------------------------------------ checking

    def _check(self, body: bytes) -> None:
        """POST /check with a query as the body: its undeclared prefixes and misspelt ontology terms, as JSON.
        For this server's own page only (no --cors): it says nothing a query would not, but is no API."""
        if self.command != "POST":
            return self._error(405, "POST a query to /check", headers=[("Allow", "POST")])
        if self._cross_origin():
            return self._error(403, "request from a page of another web origin refused")
        found = check_query(body.decode("utf-8", "replace"), self.server.terms)
        self._send(200, json.dumps(found, ensure_ascii=False).encode("utf-8"), "application/json")

    def _prepare(self, body: bytes) -> None:
        """POST /prepare with {"name": a saved question, "params": {name: value}}: the question's text with the
        values in place, written by kg.questions as `kg query NAME --param` writes it (the page does no
        escaping of its own). Same origin only, as /check."""
        from kg.questions import ParamError, with_params
        if self.command != "POST":
            return self._error(405, "POST a saved question's name and parameters to /prepare", headers=[("Allow", "POST")])
        if self._cross_origin():
            return self._error(403, "request from a page of another web origin refused")
        try:
            asked = json.loads(body)
            name, values = asked["name"], asked.get("params") or {}
            params = {str(k): str(v) for k, v in values.items() if str(v) != ""}   # empty: left UNDEF
        except (ValueError, KeyError, TypeError, AttributeError):
            return self._error(400, 'send {"name": QUESTION, "params": {NAME: VALUE}} as JSON')
        if not isinstance(name, str) or name not in self.server.questions:
            return self._error(400, f"no saved question {name!r}")
        try:
            query = with_params(self.server.questions[name], params)
        except ParamError as exc:
            return self._error(400, str(exc))
        self._send(200, json.dumps({"query": query}, ensure_ascii=False).encode("utf-8"), "application/json")

    def _unknown_prefix_answer(self, body: bytes) -> bytes | None:
        """Oxigraph's refusal of a query with an undeclared prefix, in words: the PREFIX line to add."""
        from kg.sparql_text import unknown_prefix_message, unknown_prefixes
        texts = federation.request_texts(urlsplit(self.path).query, self.headers.get("Content-Type"), body)
        unknown = [p for text in texts for p in unknown_prefixes(text)]
        return (unknown_prefix_message(list(dict.fromkeys(unknown))) + "\n").encode("utf-8") if unknown else None

    # ------------------------------------------------------------ forwarding

    def _forward(self, path: str, body: bytes) -> None:
        srv = self.server
        if FORWARDED[path] and not srv.writable:
            return self._error(403, f"the store is served read-only: {path} needs `kg serve --writable`")
        if self._cross_origin() and not (srv.cors and path == "/query"):
            return self._error(403, "request from a page of another web origin refused: `kg serve --cors` lets "
                                    "such pages query (never update) the store")
        parts = urlsplit(self.path)
        if path in ("/query", "/update"):
            try:
                for text in federation.request_texts(parts.query, self.headers.get("Content-Type"), body):
                    federation.check(text, update=path == "/update", allowed=srv.allow_service)
            except federation.Refused as exc:
                return self._error(403, str(exc), reason="Service Refused")
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        headers = {name: value for name in PASSED_HEADERS if (value := self.headers.get(name)) is not None}
        # Oxigraph names its endpoint after the Host it is asked by (service description, Location)
        headers["Host"] = self.headers.get("Host") or f"{srv.server_name}:{srv.server_port}"
        out = srv.exchange(self.command, target, headers, body if self.command in ("POST", "PUT", "PATCH") else None)
        if out.resp is not None and out.resp.status == 400 and path == "/query":
            out.data = self._unknown_prefix_answer(body) or out.data
        self._answer(out)

    def _answer(self, out: Outcome) -> None:
        failed = self.server.failure(out)
        if failed is not None:
            status, message, reason = failed
            return self._error(status, message, reason=reason)
        resp = out.resp
        returned = [(k, v) for k, v in resp.getheaders()
                    if k.lower().startswith("access-control-") or k.lower() in RETURNED_HEADERS]
        self._send(resp.status, out.data, resp.getheader("Content-Type"), headers=returned,
                   length=resp.getheader("Content-Length") if self.command == "HEAD" else None)

    # ------------------------------------------------------------ answers

    def _send(self, status: int, body: bytes, content_type: str | None, *, reason: str | None = None,
              headers=(), close: bool = False, length: str | None = None) -> None:
        self.send_response(status, reason)
        if content_type:
            self.send_header("Content-Type", content_type)
        if status not in (HTTPStatus.NO_CONTENT, HTTPStatus.NOT_MODIFIED):
            self.send_header("Content-Length", length or str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in headers:
            self.send_header(name, value)
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD" and body:
            self.wfile.write(body)

    def _error(self, status: int, message: str, *, reason: str | None = None, headers=(), close: bool = False):
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8", reason=reason,
                   headers=headers, close=close)

    def send_error(self, code, message=None, explain=None) -> None:
        """The stdlib's own refusals (request line too long, bad request, ...) as one plain-text line."""
        if code == HTTPStatus.REQUEST_URI_TOO_LONG:
            message = ("the request line is longer than 64 KB: send long queries with POST "
                       f"(a body of up to {MAX_REQUEST // MB} MB)")
        self._error(int(code), message or HTTPStatus(code).phrase, close=True)

    def log_message(self, format, *args) -> None:
        line = format % args
        sys.stderr.write(f"{self.address_string()} [{self.log_date_time_string()}] "
                         f"{line if len(line) <= 300 else line[:300] + '…'}\n")


# ---------------------------------------------------------------- kg serve

def _raise_stopped(signum, frame):
    raise Stopped(signum)


def _url(host: str, port: int, path: str = "/") -> str:
    return f"http://{f'[{host}]' if ':' in host else host}:{port}{path}"


def serve(store=None, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, writable: bool = False,
          timeout: int = DEFAULT_TIMEOUT, max_result_mb: int = DEFAULT_MAX_RESULT, cors: bool = False,
          allow_service=(), max_memory_mb: int = DEFAULT_MAX_MEMORY, queries_dir=None,
          out: TextIO | None = None) -> int:
    """Serve until SIGTERM, SIGHUP or Ctrl-C; returns the exit status. Raises ServeError, StoreError."""
    from kg.stores.base import default_location
    from kg.storelock import StoreBusy, serving
    path = Path(store if store is not None else default_location())
    if path.is_dir():   # a missing store is open_store's to explain
        try:
            with serving(path):
                return _serve(path, host, port, writable, timeout, max_result_mb, cors, allow_service,
                              max_memory_mb, queries_dir, out or sys.stderr)
        except StoreBusy as exc:
            raise ServeError(str(exc)) from None
    return _serve(path, host, port, writable, timeout, max_result_mb, cors, allow_service, max_memory_mb,
                  queries_dir, out or sys.stderr)


def _serve(path: Path, host, port, writable, timeout, max_result_mb, cors, allow_service, max_memory_mb,
           queries_dir, out) -> int:
    from kg.stores.local import LocalStore
    handle = LocalStore(path, read_only=True)   # a missing or broken store fails here, in one line
    union = not handle.has_merge()
    try:
        front = Front(host, port, writable=writable, cors=cors, max_result_mb=max_result_mb,
                      allow_service=allow_service, timeout=timeout, max_memory_mb=max_memory_mb)
    except OSError as exc:
        reason = {98: "the port is in use (choose another with --port)",
                  13: "permission denied (ports below 1024 need privileges)"}.get(exc.errno, exc.strerror or str(exc))
        raise ServeError(f"cannot listen on {host}:{port}: {reason}") from None
    # one writer may have the store open; readers run side by side, one query each
    pool = Pool(1 if writable else SLOTS, store=path, writable=writable, timeout=timeout, cors=cors, union=union,
                max_memory_mb=max_memory_mb)
    stops = [signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
    previous = {sig: signal.signal(sig, _raise_stopped) for sig in stops}
    try:
        form = form_page(writable=writable, timeout=timeout, max_result_mb=max_result_mb, queries_dir=queries_dir)
        from kg.questions import saved_questions
        from kg.sparql_text import ontology_terms
        front.terms = ontology_terms(handle)
        front.questions = {q.name: q.text for q in saved_questions(queries_dir)}
        if writable:      # before Oxigraph opens the store for writing: one page, not the whole store
            front.fixed_view = view_page(handle)
        del handle        # the view is built per request (Front.view), from a page of the store
        gc.collect()
        pool.start()
        front.pool = pool
        front.files = yasgui_files(pool)
        if front.files:
            front.files.update(our_files())
            page = (query_page(writable=writable, timeout=timeout, max_result_mb=max_result_mb,
                               queries_dir=queries_dir, terms=front.terms), QUERY_CSP)
        else:
            print("warning: this Oxigraph server has no YASGUI: the query page is the plain form", file=out)
            page = (form, FORM_CSP)
        front.pages = {"/": page, "/index.html": page, "/form": (form, FORM_CSP)}
        if not _is_loopback(host):
            print(f"warning: listening on {host}: anyone who can reach this machine can query the store"
                  + (" and change it" if writable else ""), file=out)
        services = f"SERVICE to {', '.join(sorted(front.allow_service))} only" if allow_service else "no SERVICE"
        print(f"serving {path} {'read-write' if writable else 'read-only'}: SPARQL endpoint "
              f"{_url(host, front.server_port, '/query')}, query page {_url(host, front.server_port)}, "
              f"network {_url(host, front.server_port, '/view')}; queries stop after {timeout} s or "
              f"{max_memory_mb} MB, {services}; Ctrl-C stops", file=out, flush=True)
        front.serve_forever()
    except (Stopped, KeyboardInterrupt):
        print("stopped", file=out, flush=True)
    finally:
        previous.setdefault(signal.SIGINT, signal.signal(signal.SIGINT, signal.SIG_IGN))
        signal.signal(signal.SIGTERM, signal.SIG_IGN)   # a second Ctrl-C must not leave Oxigraph running
        front.server_close()
        pool.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0
