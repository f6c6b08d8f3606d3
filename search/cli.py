"""`python -m search …`: index, analyze, enrich, search and serve from the command line."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from search.config import ConfigError, Settings

EXAMPLES = """examples:
  python -m search index data/demo/articles.jsonl        add articles to the index behind SEARCH_INDEX
  python -m search index --rebuild data/demo             build a fresh index, then swap the alias to it
  python -m search analyze "وزرای دفاع ایران و روسيه"      what the index and the query see for a text
  python -m search enrich ../shared/seeds                 entities and topics, without Elasticsearch
  python -m search search "شویگو" --country RU           query from the terminal (JSON)
  python -m search serve --port 8000                      the web app (waitress)
  python -m search kb check                               validate the knowledge base's data files
  python -m search kb find "وزیر خارجه روسیه" --date 2016-05-01   what a name or an office resolves to
  python -m search kb discovered                          officials found in the index but not in the KB

configuration (environment): ES_URL, ES_USERNAME/ES_PASSWORD or ES_API_KEY, ES_CA_CERTS, SEARCH_INDEX
"""


def _settings() -> Settings:
    try:
        return Settings.from_env()
    except ConfigError as error:
        raise SystemExit(f"configuration error: {error}") from None


def _print_json(value) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def cmd_analyze(args: argparse.Namespace) -> int:
    from search.analysis import get_analyzer

    text = " ".join(args.text) if args.text else sys.stdin.read()
    _print_json(get_analyzer().analyze(text).as_dict())
    return 0


def cmd_enrich(args: argparse.Namespace) -> int:
    from search.enrich import get_enricher
    from search.model import Reject
    from search.sources import read_articles

    enricher = get_enricher()
    rejected = 0
    for item in read_articles(args.paths):
        if isinstance(item, Reject):
            rejected += 1
            print(f"skipped {item.origin}: {item.reason}", file=sys.stderr)
            continue
        doc = enricher.document(item)
        output = {"id": doc["id"], "title": doc["title"], "source": doc["source"],
                  "published": doc["published"], **{k: v for k, v in doc["entities"].items() if k != "origin"}}
        if args.full:
            output = {**doc, "entities": output}
        sys.stdout.write(json.dumps(output, ensure_ascii=False) + "\n")
    return 1 if rejected and args.strict else 0


def cmd_index(args: argparse.Namespace) -> int:
    from search import indexer
    from search.enrich import get_enricher
    from search.es import SearchUnavailable, connect, server_version
    from search.model import Reject
    from search.sources import read_articles

    settings = _settings()
    client = connect(settings)
    try:
        version = server_version(client)
    except SearchUnavailable as error:
        raise SystemExit(str(error)) from None
    alias = settings.index_alias
    target = indexer.create_versioned_index(client, alias) if args.rebuild else indexer.ensure_index(client, alias)
    print(f"Elasticsearch {version}: writing into {target} (alias {alias})", file=sys.stderr)

    enricher = get_enricher()

    def documents():
        for item in read_articles(args.paths):
            yield item if isinstance(item, Reject) else enricher.document(item)

    with indexer.progress_bar(None, "indexing") as bar:
        started = time.perf_counter()
        report = indexer.load(client, target, documents(), on_progress=bar.update)
        elapsed = time.perf_counter() - started
    if args.rebuild:
        if report.indexed == 0:
            client.indices.delete(index=target)
            raise SystemExit("nothing was indexed; the alias still points at the previous index")
        stale = indexer.swap_alias(client, alias, target, delete_old=not args.keep_old)
        print(f"alias {alias} -> {target}" + (f" (replaced {', '.join(stale)})" if stale else ""), file=sys.stderr)
    print(f"{report.summary()} in {elapsed:.1f} s ({report.read / max(elapsed, 1e-9):.0f} articles/s)", file=sys.stderr)
    if report.rejected:
        rejects_path = Path(args.rejects)
        indexer.write_rejects(report.rejected, rejects_path)
        for reject in report.rejected[:10]:
            print(f"  rejected {reject.origin}: {reject.reason}", file=sys.stderr)
        print(f"all {len(report.rejected)} rejects with reasons: {rejects_path}", file=sys.stderr)
    return 1 if report.rejected and args.strict else 0


def cmd_search(args: argparse.Namespace) -> int:
    from search.es import connect
    from search.model import SearchRequest
    from search.service import SearchService, result_to_json

    settings = _settings()
    filters = {name: tuple(values) for name, values in (
        ("countries", args.country), ("officials", args.official), ("topics", args.topic),
        ("organizations", args.organization), ("source", args.source)) if values}
    request = SearchRequest(query=" ".join(args.query), filters=filters, size=args.size, sort=args.sort)
    service = SearchService(connect(settings), settings.index_alias)
    _print_json(result_to_json(service.search(request), service.kb))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import waitress

    from web import create_app

    app = create_app(_settings())
    from web.services import search_service

    with app.app_context():  # build the analyzer and knowledge base now, not on the first user's request
        search_service()
    print(f"serving on http://{args.host}:{args.port}/", file=sys.stderr)
    waitress.serve(app, host=args.host, port=args.port, threads=args.threads, ident="persian-news-search")
    return 0


def cmd_kb_check(args: argparse.Namespace) -> int:
    from search.entities.kb_check import check

    problems = check(Path(args.data) if args.data else None)
    for problem in problems:
        print(problem)
    errors = sum(p.level == "error" for p in problems)
    print(f"{errors} errors, {len(problems) - errors} warnings", file=sys.stderr)
    return 1 if errors else 0


def cmd_kb_find(args: argparse.Namespace) -> int:
    from datetime import date

    from search.entities.kb_find import explain
    from search.enrich import get_enricher

    try:
        day = date.fromisoformat(args.date) if args.date else None
    except ValueError:
        raise SystemExit(f"--date must be YYYY-MM-DD, not {args.date!r}") from None
    enricher = get_enricher()
    print("\n".join(explain(" ".join(args.name), enricher.kb, enricher.matcher, enricher.offices, day)))
    return 0


def cmd_kb_discovered(args: argparse.Namespace) -> int:
    from elasticsearch import NotFoundError

    from search.entities.kb_discovered import candidates, discovered_buckets
    from search.es import connect

    settings = _settings()
    try:
        found = candidates(discovered_buckets(connect(settings), settings.index_alias, args.limit, args.min_articles))
    except NotFoundError:
        raise SystemExit(f"the index {settings.index_alias!r} does not exist; index some articles first") from None
    if args.json:
        _print_json(found)
        return 0
    for person in found:
        print(f"# {person['name_fa']}: {person['articles']} articles, {person['first']} – {person['last']}"
              + (f", as {person['office']}" if person["office"] else ""))
        for sample in person["samples"]:
            print(f"#   {sample['published']} {sample['article']}: {sample['sentence']}")
        print(json.dumps(person["entry"], ensure_ascii=False))
    if not found:
        print("no discovered officials in the index", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m search", description="Persian news search: index, analyse, enrich, search, serve.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    index = commands.add_parser("index", help="read .jsonl/.txt files (or folders) and index them")
    index.add_argument("paths", nargs="+", metavar="PATH")
    index.add_argument("--rebuild", action="store_true",
                       help="write a new versioned index and swap the alias to it when done")
    index.add_argument("--keep-old", action="store_true", help="with --rebuild: keep the previous index")
    index.add_argument("--rejects", default="rejects.jsonl", help="where rejected input is written (with reasons)")
    index.add_argument("--strict", action="store_true", help="exit with status 1 when anything was rejected")
    index.set_defaults(func=cmd_index)

    analyze = commands.add_parser("analyze", help="print normalized text, tokens and index terms as JSON")
    analyze.add_argument("text", nargs="*", help="text to analyse (read from stdin when absent)")
    analyze.set_defaults(func=cmd_analyze)

    enrich = commands.add_parser("enrich", help="print the enriched document per article (no Elasticsearch)")
    enrich.add_argument("paths", nargs="+", metavar="PATH")
    enrich.add_argument("--full", action="store_true", help="print the whole index document, analysed fields too")
    enrich.add_argument("--strict", action="store_true", help="exit with status 1 when any input was rejected")
    enrich.set_defaults(func=cmd_enrich)

    search = commands.add_parser("search", help="search the index and print JSON (as /api/search does)")
    search.add_argument("query", nargs="*")
    search.add_argument("--country", action="append", default=[], help="ISO code, e.g. IR (repeatable)")
    search.add_argument("--official", action="append", default=[], help="official id (repeatable)")
    search.add_argument("--organization", action="append", default=[], help="organisation id (repeatable)")
    search.add_argument("--topic", action="append", default=[], help="topic id (repeatable)")
    search.add_argument("--source", action="append", default=[], help="source name (repeatable)")
    search.add_argument("--sort", default="relevance", choices=("relevance", "newest", "oldest"))
    search.add_argument("--size", type=int, default=10)
    search.set_defaults(func=cmd_search)

    kb = commands.add_parser("kb", help="knowledge base tools: check the data files, explain a name, list "
                                        "discovered officials")
    kb_commands = kb.add_subparsers(dest="kb_command", required=True, metavar="KB_COMMAND")
    kb_check = kb_commands.add_parser("check", help="validate the data files; exit 1 on errors")
    kb_check.add_argument("--data", help="folder of data files to check (default: the package's own)")
    kb_check.set_defaults(func=cmd_kb_check)
    kb_find = kb_commands.add_parser("find", help="what a name (or an office) resolves to, and why")
    kb_find.add_argument("name", nargs="+")
    kb_find.add_argument("--date", help="YYYY-MM-DD: resolve an office to its holder on that day")
    kb_find.set_defaults(func=cmd_kb_find)
    kb_discovered = kb_commands.add_parser("discovered", help="officials discovered across the index, most "
                                                              "frequent first, as draft knowledge-base entries")
    kb_discovered.add_argument("--limit", type=int, default=50)
    kb_discovered.add_argument("--min-articles", type=int, default=1)
    kb_discovered.add_argument("--json", action="store_true", help="one JSON array instead of pasteable lines")
    kb_discovered.set_defaults(func=cmd_kb_discovered)

    serve = commands.add_parser("serve", help="run the web app with a production WSGI server (waitress)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--threads", type=int, default=8)
    serve.set_defaults(func=cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
