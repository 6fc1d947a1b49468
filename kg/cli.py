"""The `kg` command line.

Heavy imports stay inside the commands: extraction (spaCy, Natasha) only in `build` and
`extract`, rdflib only where a command needs it. `kg query` imports pyoxigraph and nothing heavier.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path

from kg.errors import reason
from kg.stores.base import StoreError


class Failure(Exception):
    """A user-facing error: printed as 'error: <message>' with exit `status`."""

    def __init__(self, message: str, status: int = 1):
        super().__init__(message)
        self.status = status


def _err(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)


def _store(args, **kw):
    """The store of every command: a directory, or a SPARQL server's base URL (see kg.stores)."""
    from kg.stores import is_url, open_store
    location = args.store or os.environ.get("KG_STORE")
    if not is_url(location) and (args.query_url or args.graph_store_url or args.update_url):
        raise Failure("--query-url, --graph-store-url and --update-url need --store URL (a SPARQL server)", 2)
    return open_store(location, query_url=args.query_url, graph_store_url=args.graph_store_url,
                      update_url=args.update_url, timeout=args.server_timeout, **kw)


# ---------------------------------------------------------------- commands

def cmd_build(args) -> int:
    """kg.build does it (plan, extract, write, link, report), under the store's lock: no `kg serve` reads a
    store while it is written (kg/storelock.py). A build that stores no document leaves no store it created:
    `kg build nothere.txt --store X` fails without an empty X behind it (an existing store is never removed)."""
    from kg.build import BuildError, build, extractor
    from kg.stores.base import default_location, is_url
    from kg.storelock import StoreBusy, building
    try:
        extraction = extractor(args.workers, args.dask, args.ontology)
    except ValueError as exc:
        raise Failure(str(exc), 2) from None
    location = args.store or default_location()
    new = None if is_url(location) else _first_missing(location)
    try:
        with contextlib.nullcontext() if is_url(location) else building(location):
            report = build(_store(args, create=True), args.paths, extraction, ontology=args.ontology,
                           force=args.force, verbose=args.verbose, progress=not args.quiet)
            if new is not None and not report.built:
                _remove_new_store(new, location)
    except StoreBusy as exc:
        raise Failure(str(exc)) from None
    except BuildError as exc:
        raise Failure(str(exc)) from None
    return 1 if report.failed else 0


def _first_missing(location) -> Path | None:
    """The outermost folder of `location` that does not exist yet (the one a new store's build creates)."""
    path = Path(location).absolute()
    if path.exists() or path.is_symlink():
        return None
    while not path.parent.exists() and path.parent != path:
        path = path.parent
    return path


def _remove_new_store(new, location) -> None:
    """Remove the folder(s) this build created for a store it wrote no document to (the ontology only)."""
    import shutil
    shutil.rmtree(new, ignore_errors=True)
    print(f"note: no document was stored, so the new store {location} was not kept", file=sys.stderr)


def cmd_extract(args) -> int:
    """Records as JSON lines, in input order; extracted as `kg build` extracts (every core by default)."""
    from extract.reader import InputError, read_source, shown

    from kg.build import collect_inputs, extractor
    from kg.workers import record_line

    try:
        extraction, _ = extractor(args.workers, None, args.ontology, task=record_line)
    except ValueError as exc:
        raise Failure(str(exc), 2) from None
    files, bad = collect_inputs(args.paths)
    failed = len(bad)
    for path, why in bad:
        _err(f"{path}: {why}")

    def sources():
        nonlocal failed
        for path in files:
            try:
                source = read_source(path)
            except InputError as exc:
                failed += 1
                _err(str(exc))
                continue
            except Exception as exc:
                failed += 1
                _err(f"{shown(path)}: {reason(exc)}")
                continue
            for warning in source.warnings:
                print(f"warning: {source.path}: {warning}", file=sys.stderr)
            yield source

    with extraction as run:
        for result in run(sources()):
            if result.error is not None:
                failed += 1
                _err(f"{result.path}: {result.error}")
                continue
            sys.stdout.write(result.line)
            sys.stdout.flush()
    return 1 if failed else 0


def cmd_query(args) -> int:
    from kg.questions import ParamError, listing, parse_assignments, saved_questions
    from kg.query import QueryError, run
    if args.list:
        sys.stdout.write(listing(saved_questions()))
        return 0
    if args.query is None:
        raise Failure("give a query: SPARQL text, a .rq file or a saved question's name (`kg query --list`)", 2)
    try:
        params = parse_assignments(args.param)
    except ParamError as exc:
        raise Failure(str(exc), 2) from None
    store = _store(args, read_only=True)
    warning = store.default_graph_warning()
    if warning:
        print(f"warning: {warning}", file=sys.stderr)
    try:
        run(store, args.query, args.format, params=params, warn=sys.stderr)
    except QueryError as exc:
        raise Failure(str(exc), exc.status) from None
    finally:
        store.close()
    return 0


def cmd_events(args) -> int:
    """The event table (kg/events.py): one saved question, filtered in SPARQL, written as CSV, JSON or Parquet."""
    from kg.events import QUERY_FILE, EventsError, Filters, check_output, format_of, table, write_table
    from kg.query import syntax_message
    args.format = args.format or format_of(args.out)
    filters = Filters(since=args.since, until=args.until, event_class=args.event_class, actor=args.actor,
                      place=args.place)
    try:
        check_output(args.format, args.out)   # before the query: say it at once
        with _store(args, read_only=True) as store:
            columns, rows = table(store, filters)
        write_table(columns, rows, args.format, args.out)
    except EventsError as exc:
        raise Failure(str(exc), 2) from None
    except SyntaxError as exc:
        raise Failure(syntax_message(exc, QUERY_FILE)) from None
    if args.out:
        print(f"wrote {args.out} ({len(rows)} event{'s' if len(rows) != 1 else ''}, {args.format})", file=sys.stderr)
    return 0


def _view_query(args) -> tuple[str | None, str | None]:
    """(the SPARQL of --query with its --param values, its name) for `view` and the network exports; (None,
    None) without it."""
    from kg.query import QueryError, prepared
    from kg.questions import ParamError, parse_assignments
    if not args.query:
        if args.param:
            raise Failure("--param fills the parameters of --query: give it a --query", 2)
        return None, None
    try:
        return prepared(args.query, parse_assignments(args.param))
    except ParamError as exc:
        raise Failure(str(exc), 2) from None
    except QueryError as exc:
        raise Failure(str(exc), exc.status) from None


@contextlib.contextmanager
def _network_errors(name: str | None, sparql: str | None = None):
    """A query that does not parse (status 2), a --focus that names no node, an ASK query: one line each."""
    from kg.query import syntax_message
    try:
        yield
    except SyntaxError as exc:
        raise Failure(syntax_message(exc, name or "query", sparql), 2) from None
    except (LookupError, ValueError) as exc:
        raise Failure(str(exc.args[0]) if exc.args else str(exc)) from None


def _note_empty_query(args, nodes: int) -> None:
    if args.query and not nodes:
        print("note: the query returned no entity or event IRIs, nor a label of one; SELECT the nodes themselves "
              "(?event ?target)", file=sys.stderr)


def cmd_export(args) -> int:
    from kg.network_export import NETWORK_FORMATS
    if args.format in NETWORK_FORMATS:
        return _export_network(args)
    if args.focus or args.query:
        raise Failure(f"--focus and --query shape a network: they go with --format {'|'.join(NETWORK_FORMATS)}", 2)
    from kg.export import export
    with _store(args, read_only=True) as store:
        n = export(store, args.format, args.out, include_ontology=args.include_ontology)
    if args.out:
        print(f"wrote {args.out} ({n} bytes, {args.format})", file=sys.stderr)
    return 0


def _export_network(args) -> int:
    """The network the view draws (same --focus, --hops, --query) as GraphML, GEXF or two CSV files."""
    from kg.network_export import write_network
    from kg.view import build_network
    if args.format == "csv" and not args.out:
        raise Failure("--format csv writes two files, nodes.csv and edges.csv: name their folder with --out DIR", 2)
    if args.include_ontology:
        raise Failure("--include-ontology goes with the RDF formats; the network has no ontology nodes", 2)
    sparql, name = _view_query(args)
    with _network_errors(name, sparql), _store(args, read_only=True) as store:
        graph = build_network(store, args.focus, args.hops, sparql, through_hubs=args.through_hubs)
    try:
        written = write_network(graph, args.format, args.out, args.lang)
    except OSError as exc:
        raise Failure(f"cannot write {args.out}: {reason(exc)}") from None
    if written:
        print(f"wrote {', '.join(str(p) for p in written)} ({graph.number_of_nodes()} nodes, "
              f"{graph.number_of_edges()} edges, {args.format})", file=sys.stderr)
    _note_empty_query(args, graph.number_of_nodes())
    return 0


def cmd_validate(args) -> int:
    from kg.validate import report, validate_store
    try:
        with _store(args, read_only=True) as store:
            found = validate_store(store, args.ontology, progress=not args.quiet)
    except FileNotFoundError as exc:
        raise Failure(str(exc)) from None
    return 1 if report(found, sys.stdout) else 0


def cmd_view(args) -> int:
    from kg.view import write_view
    sparql, name = _view_query(args)
    with _network_errors(name, sparql), _store(args, read_only=True) as store:
        nodes, edges = write_view(store, args.out, focus_on=args.focus, hops=args.hops, sparql=sparql,
                                  through_hubs=args.through_hubs, language=args.lang)
    print(f"wrote {args.out} ({nodes} nodes, {edges} edges)", file=sys.stderr)
    _note_empty_query(args, nodes)
    if args.open:
        import webbrowser
        uri = Path(args.out).resolve().as_uri()
        if not webbrowser.open(uri):      # no browser here (a server, no DISPLAY): it would fail silently
            print(f"note: no web browser found to open it: open {uri}", file=sys.stderr)
    return 0


def cmd_docs(args) -> int:
    from kg.docs import DocsError, write_docs
    try:
        size = write_docs(args.out, args.ontology)
    except DocsError as exc:
        raise Failure(str(exc)) from None
    except OSError as exc:
        raise Failure(f"cannot write {args.out}: {reason(exc)}") from None
    print(f"wrote {args.out} ({size} bytes)", file=sys.stderr)
    return 0


def cmd_evaluate(args) -> int:
    import json

    from extract.evaluate import evaluate, format_report
    from extract.gold import GoldError, read_collection
    from extract.pipeline import build_nlp
    try:
        docs = read_collection(args.gold, args.ontology)   # brat asset and event types: this ontology's classes
    except GoldError as exc:
        raise Failure(str(exc)) from None
    if args.limit:
        docs = docs[: args.limit]
    from kg.graph import document_same_as
    # the Wikidata measure scores the graph's links (the lexicon's and the gazetteer's), not the records' alone
    report = evaluate(docs, build_nlp(args.ontology), top=args.errors, progress=not args.quiet,
                      same_as=document_same_as)
    print(json.dumps(report, ensure_ascii=False, indent=2) if args.format == "json" else format_report(report))
    return 0


def cmd_serve(args) -> int:
    from kg.serve import ServeError, serve
    from kg.stores import is_url
    location = args.store or os.environ.get("KG_STORE")
    if is_url(location):
        raise Failure(f"kg serve serves a store directory; {location} is a SPARQL server already: query it with "
                      f"`kg query --store URL`, or build a local copy and serve that")
    try:
        return serve(args.store, host=args.host, port=args.port, writable=args.writable, timeout=args.timeout,
                     max_result_mb=args.max_result, cors=args.cors, allow_service=args.allow_service,
                     max_memory_mb=args.max_memory)
    except ServeError as exc:
        raise Failure(str(exc)) from None


def cmd_summary(args) -> int:
    from kg.summary import summarize
    with _store(args, read_only=True) as store:
        return 1 if summarize(store, sys.stdout, args.queries) else 0


# ---------------------------------------------------------------- parser

def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return value


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port number (0-65535), got {text!r}")
    return value


# One or two commands per subcommand, shown under its help (`kg COMMAND --help`).
EXAMPLES = {
    "build": ["kg build seeds/ --store kg-store", "kg build corpus/ --workers 2 -v"],
    "extract": ["kg extract seeds/000_ba931c61e4d5ac49.txt > records.jsonl"],
    "query": ["kg query --list                                # the saved questions and their parameters",
              "kg query 03_attacks --param target=Матильда",
              "kg query 10_events_in_period --param since=2026-01-01 --param until=2026-01-31 --format csv",
              "kg query ontology/queries/03_attacks.rq --format csv",
              "kg query 'SELECT ?e WHERE { ?e a ekg:Attack }'"],
    "events": ["kg events --format csv --out events.csv",
               "kg events --since 2026-01-01 --until 2026-01-31 --class Attack --actor Украина",
               "kg events --place Новороссийск --format json"],
    "export": ["kg export --format turtle --out graph.ttl",
               "kg export --format gexf --out graph.gexf          # open in Gephi",
               "kg export --format csv --out network/             # network/nodes.csv, network/edges.csv"],
    "validate": ["kg validate --store kg-store"],
    "view": ["kg view --open                                  # writes kg-view.html",
             "kg view --out build/ktk.html --focus КТК --hops 1",
             "kg view --query 07_operator_asset_attacks --param operator=КТК"],
    "docs": ["kg docs --out build/ontology.html"],
    "evaluate": ["kg evaluate tests/fixtures/gold-news", "kg evaluate corpus/dev --limit 20 --format json"],
    "serve": ["kg serve --store kg-store --port 7878"],
    "summary": ["kg summary --store kg-store"],
}
VIEW_FILE = "kg-view.html"   # where `kg view` writes without --out: the current folder, beside ./kg-store


def _version() -> str:
    """The installed distribution's version (pyproject.toml), as `pip show energy-kg` gives it."""
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("energy-kg")
    except PackageNotFoundError:   # run from a source tree that was never installed
        from extract import VERSION
        return VERSION


class _Version(argparse.Action):
    """--version, the version looked up only when asked: importlib.metadata's import and lookup cost every
    command about 0.1 s (a fifth of an unchanged rebuild's process)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS,
                 help="show program's version number and exit"):
        super().__init__(option_strings=option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        parser._print_message(f"{parser.prog} {_version()}\n", sys.stdout)
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kg", description="Energy-security knowledge graph from Russian news.",
                                     epilog="`kg COMMAND --help` shows a command's options and examples.")
    parser.add_argument("--version", action=_Version)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help: str, description: str | None = None) -> argparse.ArgumentParser:
        """A subcommand whose help ends with its examples (EXAMPLES), kept as written."""
        epilog = "examples:\n" + "\n".join(f"  {line}" for line in EXAMPLES.get(name, ()))
        return sub.add_parser(name, help=help, description=description or help, epilog=epilog,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)

    def quiet(p):
        p.add_argument("-q", "--quiet", action="store_true",
                       help="no progress bar (there is none either when stderr is not a terminal)")
        return p

    def with_store(p):
        p.add_argument("--store", metavar="PATH", default=None,
                       help="store directory (default: $KG_STORE or ./kg-store); a SPARQL server serves itself")
        return p

    def with_server(p):
        p.add_argument("--store", metavar="PATH|URL", default=None,
                       help="store directory, or the base URL of a SPARQL server (default: $KG_STORE or ./kg-store)")
        p.add_argument("--query-url", metavar="URL", default=None,
                       help="the server's SPARQL query endpoint (default: $KG_QUERY_URL or STORE/query)")
        p.add_argument("--graph-store-url", metavar="URL", default=None,
                       help="its Graph Store Protocol endpoint (default: $KG_GRAPH_STORE_URL or STORE/store)")
        p.add_argument("--update-url", metavar="URL", default=None,
                       help="its SPARQL Update endpoint, for the index an incremental build keeps (default: "
                            "$KG_UPDATE_URL, or .../update for a query URL ending in /query, else the query URL)")
        p.add_argument("--server-timeout", type=_positive, default=None, metavar="S",
                       help="seconds to wait for the server's answer (default: $KG_TIMEOUT or 30)")
        return p

    p = with_server(command("build", help="extract text files into the store"))
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="text files, saved web pages (.html) or folders (all *.txt, *.html, *.htm below)")
    p.add_argument("--ontology", metavar="DIR", default=None, help="ontology folder (default: the package's)")
    p.add_argument("--force", action="store_true", help="rebuild documents whose content did not change")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="extract in N local processes: this one and N-1 helpers (default: one a core, and "
                        "this one only for a few documents; 1: this one only)")
    p.add_argument("--dask", metavar="ADDRESS", default=None,
                   help="extract on Dask: local[:N] for a LocalCluster of N processes, or a scheduler address "
                        "such as tcp://host:8786 (extra: dask)")
    p.add_argument("-v", "--verbose", action="store_true", help="one line per document as it is stored")
    quiet(p)
    p.set_defaults(func=cmd_build)

    p = command("extract", help="print the extraction records as JSON lines (no store)")
    p.add_argument("paths", nargs="+", metavar="FILE")
    p.add_argument("--format", choices=["jsonl"], default="jsonl")
    p.add_argument("--ontology", metavar="DIR", default=None)
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="extract in N helper processes, the records still in input order (default: one a core, "
                        "and this process only for a few files; 1: this process only)")
    p.set_defaults(func=cmd_extract)

    p = with_server(command("query", help="run SPARQL (a query, a .rq file or a saved question) over the store"))
    p.add_argument("query", nargs="?", default=None,
                   help="SPARQL text, path of a .rq file, or a saved question's name (see --list)")
    p.add_argument("--param", action="append", metavar="NAME=VALUE",
                   help="a value for one of the question's parameters (its `# param` lines); repeat for more")
    p.add_argument("--list", action="store_true", help="list the saved questions and their parameters")
    p.add_argument("--format", choices=["table", "csv", "tsv", "json"], default="table")
    p.set_defaults(func=cmd_query)

    p = with_server(command("events", help="the event table: one row per event, as CSV, JSON or Parquet",
                            description="One row per event: date and precision, class with its ACLED and CAMEO "
                                        "codes, actors, assets, place, modality, reports and their sources "
                                        "(docs/EVENTS_TABLE.md)."))
    p.add_argument("--format", choices=["csv", "json", "parquet"], default=None,
                   help="default: the --out file's extension (.json, .parquet), else csv")
    p.add_argument("--out", metavar="FILE", default=None, help="output file (default: stdout; parquet needs one)")
    p.add_argument("--since", metavar="YYYY-MM-DD", default=None, help="events that end on or after this day")
    p.add_argument("--until", metavar="YYYY-MM-DD", default=None, help="events that begin on or before this day")
    p.add_argument("--class", dest="event_class", metavar="CLASS", default=None,
                   help="events of this class or a narrower one (Attack, Statement, Meeting ..., or a label: Атака)")
    p.add_argument("--actor", metavar="NAME", default=None,
                   help="events whose agent, target or addressee has a label containing NAME (any case) or is NAME's IRI")
    p.add_argument("--place", metavar="NAME", default=None,
                   help="events whose place has a label containing NAME (any case) or is NAME's IRI")
    p.set_defaults(func=cmd_events)

    def network(p, what):
        p.add_argument("--focus", metavar="NODE", default=None,
                       help=f"{what} only the neighbourhood of the node with this label (ru or en) or IRI")
        p.add_argument("--hops", type=int, default=2, metavar="N", help="how far --focus reaches (default 2)")
        p.add_argument("--through-hubs", action="store_true",
                       help="let --focus walk on through hubs (nodes linked ten times more than the median), "
                            "which it otherwise shows but does not expand")
        p.add_argument("--query", metavar="FILE.rq", default=None,
                       help=f"{what} what a SELECT (its IRIs) or CONSTRUCT (its triples) query returns")
        p.add_argument("--param", action="append", metavar="NAME=VALUE",
                       help="a value for one of --query's parameters (its `# param` lines), as in `kg query`")
        return p

    p = with_server(command("export", help="write the graph as RDF, or its network for Gephi (GraphML, "
                                                  "GEXF, CSV)"))
    p.add_argument("--format", choices=["turtle", "trig", "nt", "nquads", "jsonld", "graphml", "gexf", "csv"],
                   default="turtle", help="RDF (turtle, trig, nt, nquads, jsonld) or the network the view draws "
                                          "(graphml, gexf; csv: nodes.csv and edges.csv in the folder --out)")
    p.add_argument("--out", metavar="FILE|DIR", default=None,
                   help="output file (default: stdout); for csv a folder, made if missing (required)")
    p.add_argument("--include-ontology", action="store_true", help="also export the ontology graph (RDF only)")
    network(p, "export")
    p.add_argument("--lang", choices=["ru", "en"], default="ru",
                   help="language of the network's `label` column, the one Gephi shows (default ru)")
    p.set_defaults(func=cmd_export)

    p = with_server(command("validate", help="check the graph against the SHACL shapes"))
    p.add_argument("--ontology", metavar="DIR", default=None)
    quiet(p)
    p.set_defaults(func=cmd_validate)

    p = with_server(command("view", help="write an HTML network view"))
    p.add_argument("--out", metavar="FILE.html", default=VIEW_FILE, help=f"the page (default: {VIEW_FILE})")
    p.add_argument("--open", action="store_true", help="open the page in the web browser when written")
    p.add_argument("--lang", choices=["ru", "en"], default="ru", help="the page's language at opening (default ru)")
    network(p, "show")
    p.set_defaults(func=cmd_view)

    p = command("docs", help="write the ontology's documentation as one offline HTML page (pyLODE)")
    p.add_argument("--out", metavar="FILE.html", required=True)
    p.add_argument("--ontology", metavar="DIR", default=None, help="ontology folder (default: the package's)")
    p.set_defaults(func=cmd_docs)

    p = command("evaluate", help="score extracted mentions against gold annotations (factRuEval or brat)")
    p.add_argument("gold", metavar="GOLD_DIR", help="folder of NAME.txt with NAME.objects/.spans or NAME.ann")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.add_argument("--errors", type=int, default=15, metavar="N", help="how many of the most frequent errors")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="only the first N documents")
    p.add_argument("--ontology", metavar="DIR", default=None)
    quiet(p)
    p.set_defaults(func=cmd_evaluate)

    p = with_store(command("serve", help="serve the store as a SPARQL endpoint, with YASGUI, a plain query form "
                                         "and the view"))
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=_port, default=7878, help="port (default 7878)")
    p.add_argument("--writable", action="store_true",
                   help="also accept SPARQL updates (/update) and the graph store protocol (/store)")
    p.add_argument("--timeout", type=_positive, default=30, metavar="S",
                   help="seconds a query may run (default 30)")
    p.add_argument("--max-result", type=_positive, default=100, metavar="MB",
                   help="largest answer sent, in MB (default 100)")
    p.add_argument("--max-memory", type=_positive, default=1024, metavar="MB",
                   help="memory a query may use, in MB: past it the query is stopped (default 1024)")
    p.add_argument("--cors", action="store_true",
                   help="let web pages from other origins (e.g. YASGUI) query the store; never update it")
    p.add_argument("--allow-service", nargs="+", default=(), metavar="HOST",
                   help="let SERVICE (federated queries) reach these hosts (HOST or HOST:PORT); "
                        "without it SERVICE is refused")
    p.set_defaults(func=cmd_serve)

    p = with_server(command("summary", help="counts and competency-question answers"))
    p.add_argument("--queries", metavar="DIR", default=None, help="folder of .rq files (default: ontology/queries)")
    p.set_defaults(func=cmd_summary)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Bare `kg` prints the help to stderr and exits 2, as every other usage error does: no command was run,
    and a script that calls `kg $COMMAND` with an empty variable must not pass as done (`kg --help`: exit 0)."""
    parser = build_parser()
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        parser.print_help(sys.stderr)
        return 2
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except Failure as exc:
        _err(str(exc))
        return exc.status
    except StoreError as exc:
        _err(str(exc))
        return 1
    except BrokenPipeError:  # `kg query ... | head`
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return 0
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except OSError as exc:  # the disk or the store failed mid-command (RocksDB's errors are OSErrors): one line
        _err(reason(exc))
        return 1


if __name__ == "__main__":
    sys.exit(main())
