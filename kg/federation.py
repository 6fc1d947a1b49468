"""The SERVICE endpoints (federated queries) a SPARQL request names, so `kg serve` can refuse them.

Oxigraph's server sends a SERVICE clause's request to any address, the loopback and the local network
included (SSRF), and has no option to turn federation off. So the front checks each query and update
before forwarding it: a cheap lexical test first (most queries never contain the word), then rdflib's
SPARQL parser, which resolves prefixes and BASE, for the endpoints themselves.
"""
from __future__ import annotations

import re
import threading
from urllib.parse import parse_qsl, urlsplit

# SPARQL processes \u and \U escapes in the whole text before parsing (SPARQL 1.1, 19.2), as Oxigraph does.
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# Tokens that may hold the word without being the keyword (grammar rules 139, 156-159, PN_LOCAL_ESC, comments).
# The leftmost match wins, as in a lexer, so a quote inside an IRI or a '#' inside a string starts nothing.
_INERT = re.compile(r"""<[^<>"{}|^`\\\x00-\x20]*>"""
                    r"""|'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''|\"\"\"(?:(?:"|"")?(?:[^"\\]|\\.))*\"\"\""""
                    r"""|'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*"|\\.|#[^\n\r]*""", re.S)
_WORD = re.compile(r"service", re.I)
SPARQL_PARAMETERS = ("query", "update")
_PARSING = threading.Lock()   # rdflib's parser (pyparsing) keeps state between calls


class Refused(Exception):
    """str() says why, in one line for the client."""


def _unescape(text: str) -> str:
    def char(m):
        try:
            return chr(int(m.group(1) or m.group(2), 16))
        except (ValueError, OverflowError):
            return m.group(0)
    return _CODEPOINT.sub(char, text)


def may_name_service(text: str) -> bool:
    """False only when no SERVICE keyword can be in the text: the word is absent once strings, IRIs and
    comments are removed. True also for a variable or a name that merely contains the word."""
    text = _unescape(text)
    if "service" not in text.casefold():
        return False
    return "service" in _INERT.sub(" ", text).casefold()


def service_endpoints(text: str, update: bool) -> list:
    """The SERVICE endpoints of a query (or update) as rdflib terms: URIRef, or Variable for SERVICE ?x.
    Raises Refused when rdflib cannot parse the text."""
    from rdflib.plugins.sparql.algebra import translateQuery, translateUpdate, traverse
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
    found = []

    def visit(node):
        if getattr(node, "name", None) == "ServiceGraphPattern":
            found.append(node.term)
    try:
        with _PARSING:
            parts = (translateUpdate(parseUpdate(text)).algebra if update
                     else [translateQuery(parseQuery(text)).algebra])
    except Exception as exc:
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise Refused(f"kg serve could not check this {'update' if update else 'query'} for SERVICE clauses "
                      f"(federated queries are checked before they run): {reason}") from None
    for part in parts:
        traverse(part, visitPre=visit)
    return found


def _allowed(endpoint, allowed: frozenset[str]) -> bool:
    from rdflib import URIRef
    if not isinstance(endpoint, URIRef):
        return False   # SERVICE ?x: the endpoint is known only while the query runs
    parts = urlsplit(str(endpoint))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    host = parts.hostname.lower()
    try:
        port = parts.port
    except ValueError:
        return False
    return host in allowed or (port is not None and f"{host}:{port}" in allowed)


def _keyword(text: str) -> bool:
    """The word stands alone outside strings, IRIs and comments: no variable, prefixed name or tag."""
    return re.search(r"(?<![\w?$:@])service(?![\w:])", _INERT.sub(" ", _unescape(text)), re.I) is not None


def check(text: str, *, update: bool, allowed: frozenset[str]) -> None:
    """Raise Refused unless every SERVICE of the text goes to an allowed host ('host' or 'host:port')."""
    if not may_name_service(text):
        return
    off = ("federated queries are off unless kg serve is started with --allow-service for that host "
           "(kg serve --allow-service {host} allows it)")
    if not allowed and _keyword(text):
        raise Refused("SERVICE refused: " + off.format(host="HOST"))
    from rdflib import URIRef
    endpoints = service_endpoints(text, update)
    if not endpoints and _keyword(text):
        raise Refused("kg serve could not tell whether SERVICE in this request is a federated query: "
                      "put spaces around it, or rename what contains it")
    for endpoint in endpoints:
        if not _allowed(endpoint, allowed):
            named = f"<{endpoint}>" if isinstance(endpoint, URIRef) else f"?{endpoint}"
            host = urlsplit(str(endpoint)).hostname if isinstance(endpoint, URIRef) else None
            raise Refused(f"SERVICE {named} refused: " + off.format(host=host or "HOST")
                          + (f"; allowed: {', '.join(sorted(allowed))}" if allowed else ""))


def request_texts(query_string: str, content_type: str | None, body: bytes) -> list[str]:
    """Every text of a request that Oxigraph may read as SPARQL: each `query` and `update` parameter of
    the URL and of a form body (one named twice is checked twice), and any other body whole."""
    texts = [v for k, v in parse_qsl(query_string, keep_blank_values=True) if k in SPARQL_PARAMETERS]
    if body:
        decoded = body.decode("utf-8", "replace")
        media = (content_type or "").split(";")[0].strip().lower()
        if media == "application/x-www-form-urlencoded":
            texts += [v for k, v in parse_qsl(decoded, keep_blank_values=True) if k in SPARQL_PARAMETERS]
        else:
            texts.append(decoded)
    return texts
