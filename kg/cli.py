"""The `kg` command line.

Heavy imports stay inside the commands: extraction (spaCy, Natasha) only in `build` and
`extract`, rdflib only where a command needs it. `kg query` imports pyoxigraph and nothing heavier.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from kg.store import StoreError


class Failure(Exception):
    """A user-facing error: printed as 'error: <message>' with exit `status`."""

    def __init__(self, message: str, status: int = 1):
        super().__init__(message)
        self.status = status


def _err(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)


def _reason(exc: BaseException) -> str:
    from kg.workers import reason
    return reason(exc)


def _open(args, **kw):
    """The local store of commands that read it whole (export, validate, view, summary)."""
    from kg.store import is_url, open_store
    if is_url(args.store or os.environ.get("KG_STORE")):
        raise Failure(f"kg {args.command} works on a store directory; a SPARQL server URL works with "
                      f"kg build and kg query (export from the server, or build a local copy)")
    return open_store(args.store, **kw)


def _target(args, **kw):
    """The store of `kg build` and `kg query`: a directory (LocalStore) or a SPARQL server URL (RemoteStore)."""
    from kg.store import is_url, open_target
    location = args.store or os.environ.get("KG_STORE")
    overrides = {"query_url": args.query_url, "graph_store_url": args.graph_store_url}
    if not is_url(location):
        if any(overrides.values()):
            raise Failure("--query-url and --graph-store-url need --store URL (a SPARQL server)", 2)
        overrides = {}
    return open_target(location, **overrides, **kw)


# ---------------------------------------------------------------- inputs

INPUT_SUFFIXES = (".txt", ".html", ".htm")   # texts, and saved web pages (their article text is read)


def collect_inputs(paths: list[str]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Files to process (folders -> every *.txt, *.html, *.htm below, sorted) and (path, reason) for unusable
    arguments. A file named twice (itself and in its folder) is processed once. A name the system refuses
    (over its length limit) fails that argument, not the build; names are shown as valid UTF-8."""
    from extract.reader import shown
    files, bad = [], []
    for raw in paths:
        try:
            found, reason = _inputs_of(Path(raw))
        except OSError as exc:
            found, reason = [], f"cannot read: {exc.strerror or exc}"
        files.extend(found)
        if reason:
            bad.append((shown(raw), reason))
    seen, unique = set(), []
    for f in files:
        try:
            real = f.resolve()
        except OSError:   # read_source names the problem
            real = f
        if real not in seen:
            seen.add(real)
            unique.append(f)
    return unique, bad


def _inputs_of(p: Path) -> tuple[list[Path], str | None]:
    """The input files one argument names, or why it names none."""
    if p.is_dir():
        found = sorted(f for f in p.rglob("*") if f.suffix.lower() in INPUT_SUFFIXES and f.is_file())
        return found, None if found else "folder holds no .txt or .html files"
    if p.is_file():
        return [p], None
    if p.exists():
        return [], "not a regular file or folder"   # a device, a pipe, a socket
    return [], "no such file or folder"


def _extract_one(nlp, source):
    from extract.pipeline import extract_documents
    docs = list(extract_documents(nlp, [source]))
    if len(docs) != 1:
        raise RuntimeError(f"extraction returned {len(docs)} documents for one source")
    return docs[0]


# ---------------------------------------------------------------- commands

def _runner(args):
    """Where extraction runs: this process (default), --workers N local processes, or --dask ADDRESS."""
    from kg import workers
    if args.workers < 1:
        raise Failure("--workers must be 1 or more", 2)
    if args.dask:
        if args.workers != 1:
            raise Failure("--workers and --dask exclude each other (with Dask, the cluster has the workers)", 2)
        try:
            workers.parse_dask_address(args.dask)
        except ValueError as exc:
            raise Failure(str(exc), 2) from None
        return workers.dask_cluster(args.dask, args.ontology), f"extracting on Dask ({args.dask})"
    if args.workers > 1:
        return workers.process_pool(args.workers, args.ontology), f"extracting in {args.workers} worker processes"
    return workers.inline(args.ontology), None


def cmd_build(args) -> int:
    """Read, skip unchanged (by content hash, before any model time), extract where `_runner` says,
    write each document graph from here: one writer, a bounded number of documents in flight."""
    from extract import VERSION
    from extract.reader import InputError, read_source  # light: reading only
    from ontology import ontology_digest

    from kg.graph import doc_iri, extracted_with

    files, bad = collect_inputs(args.paths)
    for path, reason in bad:
        _err(f"{path}: {reason}")
    runner, note = _runner(args)
    store = _target(args, create=True)
    store.load_ontology(args.ontology)

    count = {"built": 0, "unchanged": 0, "failed": len(bad), "warnings": 0}
    progress = None
    if len(files) > 1:
        from tqdm import tqdm
        progress = tqdm(total=len(files), unit="doc", file=sys.stderr, disable=None)

    def say(message):
        if progress is not None:
            progress.write(message, file=sys.stderr)
        else:
            print(message, file=sys.stderr)

    def done(outcome, error=None):
        count[outcome] += 1
        if error:
            say(f"error: {error}")
        if progress is not None:
            progress.update(1)

    def warn(path, warnings):
        for warning in warnings:
            count["warnings"] += 1
            say(f"warning: {path}: {warning}")

    def to_extract():
        """Source texts that need extraction, read one at a time."""
        keys: dict[str, str] = {}
        stored = store.stored_hashes() if not args.force else {}
        # a file is unchanged only if its extraction would be too: same extractor, same ontology files
        extractions = store.stored_extractions() if stored else {}
        current = extracted_with(VERSION, ontology_digest(args.ontology))
        for path in files:
            try:
                source = read_source(path)
                if source.key in keys and keys[source.key] != str(path):
                    raise ValueError(f"same document key {source.key!r} as {keys[source.key]}")
                keys[source.key] = str(path)
                warn(path, source.warnings)
                iri = str(doc_iri(source.key))
                if source.content_hash and stored.get(iri) == source.content_hash and \
                        extractions.get(iri) == current:
                    done("unchanged")
                    continue
            except InputError as exc:  # str() is "path: reason"
                done("failed", str(exc))
                continue
            except StoreError:
                raise
            except Exception as exc:  # one bad document must not stop the batch
                done("failed", f"{path}: {_reason(exc)}")
                continue
            yield source

    if note:
        say(note)
    try:
        with runner as extract:
            for built in extract(to_extract()):
                if built.error:
                    done("failed", f"{built.path}: {built.error}")
                    continue
                try:
                    store.replace_document(built.iri, built.ntriples)
                except StoreError:
                    raise
                except Exception as exc:  # e.g. the server refused this graph
                    done("failed", f"{built.path}: {_reason(exc)}")
                    continue
                warn(built.path, built.warnings)
                if args.verbose:
                    say(f"stored {built.path}")
                done("built")
    except (StoreError, Failure):
        raise
    except Exception as exc:  # the workers themselves failed (a process died, the scheduler went away)
        raise Failure(f"extraction stopped: {_reason(exc)} (what was written is kept: run the build again "
                      f"to resume)") from None
    finally:
        if progress is not None:
            progress.close()
    if count["built"]:
        from kg.link import link_entities
        link_entities(store)     # across the whole store: the result does not depend on build order
    total = store.triple_count()
    warning = store.default_graph_warning()
    store.close()
    warned = f"; {count['warnings']} warning(s)" if count["warnings"] else ""
    print(f"built {count['built']}, unchanged {count['unchanged']}, failed {count['failed']} "
          f"of {len(files) + len(bad)} input(s); store {store}: {total} triples{warned}", file=sys.stderr)
    if warning:
        print(f"warning: {warning}", file=sys.stderr)
    return 1 if count["failed"] else 0


def cmd_extract(args) -> int:
    from extract.reader import InputError, read_source

    files, bad = collect_inputs(args.paths)
    failed = len(bad)
    for path, reason in bad:
        _err(f"{path}: {reason}")
    nlp = None
    for path in files:
        try:
            source = read_source(path)
            for warning in source.warnings:
                print(f"warning: {path}: {warning}", file=sys.stderr)
            if nlp is None:
                from extract.pipeline import build_nlp
                nlp = build_nlp(args.ontology)
            doc = _extract_one(nlp, source)
        except InputError as exc:
            failed += 1
            _err(str(exc))
            continue
        except Exception as exc:
            failed += 1
            _err(f"{path}: {_reason(exc)}")
            continue
        record = doc.to_dict()
        record["doc"] = source.path   # as given, shown as valid UTF-8
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    return 1 if failed else 0


def cmd_query(args) -> int:
    from kg.query import QueryError, run
    store = _target(args, read_only=True)
    warning = store.default_graph_warning()
    if warning:
        print(f"warning: {warning}", file=sys.stderr)
    try:
        run(store, args.query, args.format)
    except QueryError as exc:
        raise Failure(str(exc), exc.status) from None
    finally:
        store.close()
    return 0


def cmd_export(args) -> int:
    from kg.export import export
    store = _open(args, read_only=True)
    n = export(store, args.format, args.out, include_ontology=args.include_ontology)
    if args.out:
        print(f"wrote {args.out} ({n} bytes, {args.format})", file=sys.stderr)
    return 0


def cmd_validate(args) -> int:
    from kg.validate import report, validate_store
    store = _open(args, read_only=True)
    try:
        found = validate_store(store, args.ontology)
    except FileNotFoundError as exc:
        raise Failure(str(exc)) from None
    return 1 if report(found, sys.stdout) else 0


def cmd_view(args) -> int:
    from kg.query import QueryError, load_query, syntax_message
    from kg.view import write_view
    sparql = None
    if args.query:
        try:
            sparql, name = load_query(args.query)
        except QueryError as exc:
            raise Failure(str(exc), exc.status) from None
    store = _open(args, read_only=True)
    try:
        nodes, edges = write_view(store, args.out, focus_on=args.focus, hops=args.hops, sparql=sparql)
    except SyntaxError as exc:
        raise Failure(syntax_message(exc, name), 2) from None
    except (LookupError, ValueError) as exc:
        raise Failure(str(exc.args[0]) if exc.args else str(exc)) from None
    print(f"wrote {args.out} ({nodes} nodes, {edges} edges)", file=sys.stderr)
    if args.query and not nodes:
        print("note: the query returned no entity or event IRIs; SELECT the nodes themselves (?event ?target), "
              "not only their labels", file=sys.stderr)
    return 0


def cmd_docs(args) -> int:
    from kg.docs import DocsError, write_docs
    try:
        size = write_docs(args.out, args.ontology)
    except DocsError as exc:
        raise Failure(str(exc)) from None
    except OSError as exc:
        raise Failure(f"cannot write {args.out}: {_reason(exc)}") from None
    print(f"wrote {args.out} ({size} bytes)", file=sys.stderr)
    return 0


def cmd_evaluate(args) -> int:
    from extract.evaluate import evaluate, format_report
    from extract.gold import GoldError, read_collection
    from extract.pipeline import build_nlp
    try:
        docs = read_collection(args.gold, args.ontology)   # brat asset and event types: this ontology's classes
    except GoldError as exc:
        raise Failure(str(exc)) from None
    if args.limit:
        docs = docs[: args.limit]
    report = evaluate(docs, build_nlp(args.ontology), build_nlp(ontology=False), top=args.errors)
    print(json.dumps(report, ensure_ascii=False, indent=2) if args.format == "json" else format_report(report))
    return 0


def cmd_serve(args) -> int:
    from kg.serve import ServeError, serve
    try:
        return serve(args.store, host=args.host, port=args.port, writable=args.writable, timeout=args.timeout,
                     max_result_mb=args.max_result, cors=args.cors)
    except ServeError as exc:
        raise Failure(str(exc)) from None


def cmd_summary(args) -> int:
    from kg.summary import summarize
    store = _open(args, read_only=True)
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kg", description="Energy-security knowledge graph from Russian news.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def with_store(p):
        p.add_argument("--store", metavar="PATH", default=None,
                       help="store directory (default: $KG_STORE or ./kg-store)")
        return p

    def with_server(p):
        p.add_argument("--store", metavar="PATH|URL", default=None,
                       help="store directory, or the base URL of a SPARQL server (default: $KG_STORE or ./kg-store)")
        p.add_argument("--query-url", metavar="URL", default=None,
                       help="the server's SPARQL query endpoint (default: $KG_QUERY_URL or STORE/query)")
        p.add_argument("--graph-store-url", metavar="URL", default=None,
                       help="its Graph Store Protocol endpoint (default: $KG_GRAPH_STORE_URL or STORE/store)")
        return p

    p = with_server(sub.add_parser("build", help="extract text files into the store"))
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="text files, saved web pages (.html) or folders (all *.txt, *.html, *.htm below)")
    p.add_argument("--ontology", metavar="DIR", default=None, help="ontology folder (default: the package's)")
    p.add_argument("--force", action="store_true", help="rebuild documents whose content did not change")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="extract in N local processes: this one and N-1 helpers (default 1: this one only)")
    p.add_argument("--dask", metavar="ADDRESS", default=None,
                   help="extract on Dask: local[:N] for a LocalCluster of N processes, or a scheduler address "
                        "such as tcp://host:8786 (extra: dask)")
    p.add_argument("-v", "--verbose", action="store_true", help="one line per document as it is stored")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("extract", help="print the extraction records as JSON lines (no store)")
    p.add_argument("paths", nargs="+", metavar="FILE")
    p.add_argument("--format", choices=["jsonl"], default="jsonl")
    p.add_argument("--ontology", metavar="DIR", default=None)
    p.set_defaults(func=cmd_extract)

    p = with_server(sub.add_parser("query", help="run SPARQL (a query or a .rq file) over the store"))
    p.add_argument("query", help="SPARQL text or path of a .rq file")
    p.add_argument("--format", choices=["table", "csv", "tsv", "json"], default="table")
    p.set_defaults(func=cmd_query)

    p = with_store(sub.add_parser("export", help="write the graph as RDF"))
    p.add_argument("--format", choices=["turtle", "trig", "nt", "nquads", "jsonld"], default="turtle")
    p.add_argument("--out", metavar="FILE", default=None, help="output file (default: stdout)")
    p.add_argument("--include-ontology", action="store_true", help="also export the ontology graph")
    p.set_defaults(func=cmd_export)

    p = with_store(sub.add_parser("validate", help="check the graph against the SHACL shapes"))
    p.add_argument("--ontology", metavar="DIR", default=None)
    p.set_defaults(func=cmd_validate)

    p = with_store(sub.add_parser("view", help="write an HTML network view"))
    p.add_argument("--out", metavar="FILE.html", required=True)
    p.add_argument("--focus", metavar="NODE", default=None,
                   help="show only the neighbourhood of the node with this label (ru or en) or IRI")
    p.add_argument("--hops", type=int, default=2, metavar="N", help="how far --focus reaches (default 2)")
    p.add_argument("--query", metavar="FILE.rq", default=None,
                   help="show what a SELECT (its IRIs) or CONSTRUCT (its triples) query returns")
    p.set_defaults(func=cmd_view)

    p = sub.add_parser("docs", help="write the ontology's documentation as one offline HTML page (pyLODE)")
    p.add_argument("--out", metavar="FILE.html", required=True)
    p.add_argument("--ontology", metavar="DIR", default=None, help="ontology folder (default: the package's)")
    p.set_defaults(func=cmd_docs)

    p = sub.add_parser("evaluate", help="score extracted mentions against gold annotations (factRuEval or brat)")
    p.add_argument("gold", metavar="GOLD_DIR", help="folder of NAME.txt with NAME.objects/.spans or NAME.ann")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.add_argument("--errors", type=int, default=15, metavar="N", help="how many of the most frequent errors")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="only the first N documents")
    p.add_argument("--ontology", metavar="DIR", default=None)
    p.set_defaults(func=cmd_evaluate)

    p = with_store(sub.add_parser("serve", help="serve the store as a SPARQL endpoint, with a query form and the view"))
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=_port, default=7878, help="port (default 7878)")
    p.add_argument("--writable", action="store_true",
                   help="also accept SPARQL updates (/update) and the graph store protocol (/store)")
    p.add_argument("--timeout", type=_positive, default=30, metavar="S",
                   help="seconds a query may run (default 30)")
    p.add_argument("--max-result", type=_positive, default=100, metavar="MB",
                   help="largest answer sent, in MB (default 100)")
    p.add_argument("--cors", action="store_true",
                   help="let web pages from other origins (e.g. YASGUI) query the store; never update it")
    p.set_defaults(func=cmd_serve)

    p = with_store(sub.add_parser("summary", help="counts and competency-question answers"))
    p.add_argument("--queries", metavar="DIR", default=None, help="folder of .rq files (default: ontology/queries)")
    p.set_defaults(func=cmd_summary)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
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
        _err(_reason(exc))
        return 1


if __name__ == "__main__":
    sys.exit(main())
