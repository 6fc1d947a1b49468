"""`kg serve`: the store as a SPARQL 1.1 Protocol endpoint, with a query form and the network view.

SPARQL is answered by Oxigraph's own server (the `oxigraph` binary of the PyPI package of that name),
not re-implemented here: GET and POST queries, content negotiation (SPARQL JSON, XML, CSV and TSV
results; Turtle, JSON-LD, N-Triples, RDF/XML for CONSTRUCT and DESCRIBE), the default graph that the
project's queries assume (the store's merge of all graphs, as `kg.stores.local.LocalStore.query`; for a store written before
the merge, the union of the named graphs; with --writable, a triple written over HTTP to the default graph
is answered at once, one written to a named graph with `GRAPH`), the query time
limit (`--timeout-s`) and read-only opening (`serve-read-only`; `serve` only with --writable). It runs
as a child process on an internal loopback port and lives and dies with `kg serve`.

In front of it, on the public port, a small stdlib `ThreadingHTTPServer` serves what Oxigraph cannot:
`/`, our query form (one offline page, no CDN; Oxigraph's own `/` is YASGUI), `/view`, the network
page of `kg view` rendered once at start-up from a read-only open of the store (while the endpoint already
answers: a request for /view waits for it; with --writable, before Oxigraph opens the store), and it forwards
`/query` (and `/update`, `/store` only with --writable) with method, query string, body, Host,
Content-Type and Accept, returning status, Content-Type and body. So an analyst with only a browser
gets the form, the view and the endpoint on one port, and tools (YASGUI, SPARQLWrapper) talk to
Oxigraph's real implementation of the protocol.

The front holds each answer before sending it, instead of streaming it: Oxigraph starts its
"200 OK" before it evaluates, so a query stopped by the time limit arrives as a 200 whose body is cut
off and ends in "The SPARQL operation has been cancelled". Holding the answer (at most --max-result
MB, at most SLOTS answers at once) lets the front send a real error status instead (503), and refuse
a larger answer (500) before any of it reaches the client.

Limits: loopback only unless --host says otherwise; queries stop after --timeout seconds (default
30); a request body over 1 MB gets 413 and a request line over 64 KB gets 414 (the stdlib's own
limit: send long queries with POST), both before anything is forwarded; answers over --max-result MB
get 500. A request from a page of another web origin is refused (403) unless --cors, and updates
never are accepted from one (a page you visit cannot post `DROP ALL` to your loopback); when bound to
loopback, a request naming another host (DNS rebinding) is refused.
Not done: authentication and TLS (put a reverse proxy in front to expose the endpoint); a limit on
the work a query does within its time (only on the size of the answer); `/view` is a snapshot of the
store at start-up (restart to see new documents); serving read-only while `kg build` writes the same
store is, per Oxigraph, undefined (queries may see a partial build).
"""
from __future__ import annotations

import collections
import concurrent.futures
import gc
import http.client
import ipaddress
import os
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
from typing import TextIO
from urllib.parse import urlsplit

MB = 1024 * 1024
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30        # seconds a query may run (Oxigraph's --timeout-s)
DEFAULT_MAX_RESULT = 100    # MB of one answer
MAX_REQUEST = 1 * MB        # bytes of one request body
DRAIN_LIMIT = 16 * MB       # a too large body up to this size is read and dropped, so the client reads the 413
SLOTS = 4                   # answers held at once: memory stays under SLOTS x --max-result
START_TIMEOUT = 120         # seconds Oxigraph may take to open the store
CANCELLED = b"The SPARQL operation has been cancelled"
FORWARDED = {"/query": False, "/update": True, "/store": True}   # path -> only with --writable
PASSED_HEADERS = ("Content-Type", "Accept", "Origin", "Access-Control-Request-Method",
                  "Access-Control-Request-Headers")
RETURNED_HEADERS = ("location", "allow")   # besides Content-Type and Access-Control-*

FORM_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; "
            "img-src data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
VIEW_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; "
            "font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


class ServeError(Exception):
    """`kg serve` cannot start or had to stop; str() is one line for users."""


class Stopped(BaseException):
    """SIGTERM or SIGHUP: stop serving. A BaseException, as KeyboardInterrupt is: socketserver catches every
    Exception raised while it starts a request's thread and serves on, so a signal landing there was lost."""


# ---------------------------------------------------------------- the Oxigraph child

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


def _parent_death_signal():
    """A pre-exec hook that has Linux send the child SIGTERM when kg serve dies, even by SIGKILL,
    so no orphaned Oxigraph keeps the port and (with --writable) the store's lock."""
    try:
        import ctypes
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except Exception:   # not Linux
        return None
    return lambda: prctl(1, signal.SIGTERM)   # PR_SET_PDEATHSIG


# What Oxigraph logs when the front stops reading an answer over --max-result: expected, not news.
_OURS = "OxHTTP TCP error when writing response"


class Oxigraph:
    """Oxigraph's server on an internal loopback port."""

    def __init__(self, store: Path, *, writable: bool, timeout: int, cors: bool, union: bool = True):
        self.store, self.writable, self.timeout, self.cors, self.union = store, writable, timeout, cors, union
        self.proc: subprocess.Popen | None = None
        self.port: int | None = None
        self.lines: collections.deque[str] = collections.deque(maxlen=20)
        self._ready = threading.Event()

    def command(self, port: int) -> list[str]:
        cmd = [oxigraph_binary(), "serve" if self.writable else "serve-read-only", "--location", str(self.store),
               "--bind", f"127.0.0.1:{port}", "--timeout-s", str(self.timeout)]
        return cmd + (["--union-default-graph"] if self.union else []) + (["--cors"] if self.cors else [])

    def start(self, attempts: int = 3) -> None:
        """Start and wait until it listens; another free port if one was taken meanwhile."""
        for attempt in range(attempts):
            error = self._spawn(free_port())
            if error is None:
                return
            if "Address already in use" not in error or attempt == attempts - 1:
                raise ServeError(f"the Oxigraph server did not start: {error}")

    def _spawn(self, port: int) -> str | None:
        self.lines.clear()
        self._ready.clear()
        env = {**os.environ, "RUST_BACKTRACE": "0", "RUST_LIB_BACKTRACE": "0"}
        self.proc = subprocess.Popen(self.command(port), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, text=True, errors="replace", env=env,
                                     start_new_session=True,   # Ctrl-C reaches kg serve, which stops it in order
                                     preexec_fn=_parent_death_signal())
        self.port = port
        relay = threading.Thread(target=self._relay, args=(self.proc.stderr,), daemon=True)
        relay.start()
        deadline = time.monotonic() + START_TIMEOUT
        while not self._ready.wait(0.05):
            if self.proc.poll() is not None:
                relay.join(2)
                return self.error() or f"exit status {self.proc.returncode}"
            if time.monotonic() > deadline:
                self.stop()
                return f"it did not listen within {START_TIMEOUT} s"
        return None

    def _relay(self, stream) -> None:
        """Wait for 'Listening for requests at', then pass what Oxigraph says on to our stderr."""
        for line in stream:
            line = line.rstrip()
            if not line:
                continue
            self.lines.append(line)
            if not self._ready.is_set():
                if line.startswith("Listening for requests at"):
                    self._ready.set()
            elif not line.startswith(_OURS):
                print(f"oxigraph: {line}", file=sys.stderr, flush=True)

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


# ---------------------------------------------------------------- the pages

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
    """The query form: the competency questions as examples, results as a table or text (textContent only)."""
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


def view_page(store) -> bytes:
    """The network page of `kg view` for the whole store; a short error page if it cannot be built."""
    from kg.network import read_network
    from kg.view import render_html
    try:
        return render_html(read_network(store)).encode("utf-8")
    except Exception as exc:  # the endpoint matters more than the picture: serve without it
        from html import escape
        reason = " ".join(str(exc).split()) or type(exc).__name__
        print(f"warning: the network view could not be built: {reason}", file=sys.stderr)
        return (f"<!DOCTYPE html><meta charset='utf-8'><title>No view</title>"
                f"<p>The network view could not be built: {escape(reason)}</p>").encode("utf-8")


# ---------------------------------------------------------------- the front

def _in_background(fn, *args) -> concurrent.futures.Future:
    """fn(*args) in a daemon thread: stopping `kg serve` does not wait for it."""
    future: concurrent.futures.Future = concurrent.futures.Future()

    def run():
        try:
            future.set_result(fn(*args))
        except BaseException as exc:  # delivered to whoever asks for the result
            future.set_exception(exc)
    threading.Thread(target=run, name="view", daemon=True).start()
    return future


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
    """The public port: pages, limits, and forwarding to the Oxigraph child."""

    daemon_threads = True

    def __init__(self, host: str, port: int, *, writable: bool, cors: bool, max_result_mb: int):
        if ":" in host:
            self.address_family = socket.AF_INET6
        super().__init__((host, port), Handler)
        self.writable, self.cors = writable, cors
        self.max_result = max_result_mb * MB
        self.max_result_mb = max_result_mb
        self.loopback = _is_loopback(host)
        self.slots = threading.BoundedSemaphore(SLOTS)
        self.pages: dict[str, tuple[bytes | concurrent.futures.Future, str]] = {}
        self.child: Oxigraph | None = None

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
        """Between requests (twice a second): stop when Oxigraph has gone."""
        status = None if self.child is None else self.child.exited()
        if status is not None:
            how = f"killed by signal {-status}" if status < 0 else f"exit status {status}"
            error = self.child.error()
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
        if path not in self.server.pages:
            return self._error(404, f"nothing at {path}: / is the query form, /view the network, "
                                    "/query the SPARQL endpoint")
        if self.command not in ("GET", "HEAD"):
            return self._error(405, f"{path} is a page: GET it; SPARQL goes to /query", headers=[("Allow", "GET, HEAD")])
        page, csp = self.server.pages[path]
        if isinstance(page, concurrent.futures.Future):   # the view, still being built at start-up
            page = page.result()
        self._send(200, page, "text/html; charset=utf-8",
                   headers=[("Content-Security-Policy", csp), ("Cache-Control", "no-cache")])

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _route

    # ------------------------------------------------------------ checks

    def _host_allowed(self) -> bool:
        """Bound to loopback, answer only requests addressed to a loopback name (no DNS rebinding)."""
        host = self.headers.get("Host")
        if not self.server.loopback or host is None:
            return True
        return _is_loopback(urlsplit("//" + host).hostname or "")

    def _cross_origin(self) -> bool:
        origin = self.headers.get("Origin")
        return origin is not None and urlsplit(origin).netloc.lower() != (self.headers.get("Host") or "").lower()

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

    # ------------------------------------------------------------ forwarding

    def _forward(self, path: str, body: bytes) -> None:
        srv = self.server
        if FORWARDED[path] and not srv.writable:
            return self._error(403, f"the store is served read-only: {path} needs `kg serve --writable`")
        if self._cross_origin() and not (srv.cors and path == "/query"):
            return self._error(403, "request from a page of another web origin refused: `kg serve --cors` lets "
                                    "such pages query (never update) the store")
        parts = urlsplit(self.path)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        headers = {name: value for name in PASSED_HEADERS if (value := self.headers.get(name)) is not None}
        # Oxigraph names its endpoint after the Host it is asked by (service description, Location)
        headers["Host"] = self.headers.get("Host") or f"{srv.server_name}:{srv.server_port}"
        with srv.slots:
            conn = http.client.HTTPConnection("127.0.0.1", srv.child.port, timeout=srv.child.timeout + 30)
            try:
                conn.request(self.command, target, headers=headers,
                             body=body if self.command in ("POST", "PUT", "PATCH") else None)
                resp = conn.getresponse()
                data = b"" if self.command == "HEAD" else _read_at_most(resp, srv.max_result + 1)
            except TimeoutError:
                return self._error(504, f"the Oxigraph server did not answer within {srv.child.timeout + 30} s")
            except (OSError, http.client.HTTPException) as exc:
                return self._error(502, f"the Oxigraph server is not answering: {exc}")
            finally:
                conn.close()
        if len(data) > srv.max_result:
            return self._error(500, f"the answer is larger than {srv.max_result_mb} MB, the most kg serve sends "
                                    "(--max-result): add LIMIT, select fewer variables, or page with OFFSET",
                               reason="Result Too Large")
        if resp.status == 200 and data.rstrip().endswith(CANCELLED):
            return self._error(503, f"the query was stopped at the time limit of {srv.child.timeout} s "
                                    "(kg serve --timeout): narrow it (more specific patterns, LIMIT) or raise the limit",
                               reason="Query Timeout")
        returned = [(k, v) for k, v in resp.getheaders()
                    if k.lower().startswith("access-control-") or k.lower() in RETURNED_HEADERS]
        self._send(resp.status, data, resp.getheader("Content-Type"), headers=returned,
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
          queries_dir=None, out: TextIO | None = None) -> int:
    """Serve until SIGTERM, SIGHUP or Ctrl-C; returns the exit status. Raises ServeError, StoreError."""
    from kg.stores.local import LocalStore
    out = out or sys.stderr
    handle = LocalStore(store, read_only=True)   # a missing or broken store fails here, in one line
    path, union = handle.path, not handle.has_merge()
    try:
        front = Front(host, port, writable=writable, cors=cors, max_result_mb=max_result_mb)
    except OSError as exc:
        reason = {98: "the port is in use (choose another with --port)",
                  13: "permission denied (ports below 1024 need privileges)"}.get(exc.errno, exc.strerror or str(exc))
        raise ServeError(f"cannot listen on {host}:{port}: {reason}") from None
    child = Oxigraph(path, writable=writable, timeout=timeout, cors=cors, union=union)
    stops = [signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
    previous = {sig: signal.signal(sig, _raise_stopped) for sig in stops}
    try:
        form = form_page(writable=writable, timeout=timeout, max_result_mb=max_result_mb, queries_dir=queries_dir)
        if writable:   # the view first: Oxigraph must be the only one with the store open for writing
            view = view_page(handle)
            del handle
            gc.collect()
        else:          # the endpoint first: the view of a large store takes minutes, and /view waits for it
            view = _in_background(view_page, handle)
            del handle
        front.pages = {"/": (form, FORM_CSP), "/index.html": (form, FORM_CSP), "/view": (view, VIEW_CSP)}
        child.start()
        front.child = child
        if not _is_loopback(host):
            print(f"warning: listening on {host}: anyone who can reach this machine can query the store"
                  + (" and change it" if writable else ""), file=out)
        print(f"serving {path} {'read-write' if writable else 'read-only'}: SPARQL endpoint "
              f"{_url(host, front.server_port, '/query')}, query form {_url(host, front.server_port)}, "
              f"network {_url(host, front.server_port, '/view')}; queries stop after {timeout} s; "
              "Ctrl-C stops", file=out, flush=True)
        front.serve_forever()
    except (Stopped, KeyboardInterrupt):
        print("stopped", file=out, flush=True)
    finally:
        previous.setdefault(signal.SIGINT, signal.signal(signal.SIGINT, signal.SIG_IGN))
        signal.signal(signal.SIGTERM, signal.SIG_IGN)   # a second Ctrl-C must not leave Oxigraph running
        front.server_close()
        child.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0
