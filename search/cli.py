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
  python -m search generate --docs 100000 --out big.jsonl synthetic articles for load tests

configuration (environment): ES_URL, ES_USERNAME/ES_PASSWORD or ES_API_KEY, ES_CA_CERTS, SEARCH_INDEX,
  SEARCH_SHARDS, SEARCH_REPLICAS
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
    from search.cluster import index_mapping
    from search.es import SearchUnavailable, connect, server_version
    from search.parallel import enrich_in_parallel
    from search.sources import read_articles

    settings = _settings()
    client = connect(settings)
    try:
        version = server_version(client)
    except SearchUnavailable as error:
        raise SystemExit(str(error)) from None
    alias = settings.index_alias
    mapping = index_mapping(settings)
    target = (indexer.create_versioned_index(client, alias, mapping) if args.rebuild
              else indexer.ensure_index(client, alias, mapping))
    print(f"Elasticsearch {version}: writing into {target} (alias {alias})", file=sys.stderr)

    def documents():
        yield from enrich_in_parallel(read_articles(args.paths), workers=args.workers)

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


def cmd_generate(args: argparse.Namespace) -> int:
    from search.generate import generate

    out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout
    started = time.perf_counter()
    try:
        with _progress(args.docs, "generating") as bar:
            for number, article in enumerate(generate(args.docs, args.seed), 1):
                out.write(json.dumps(article, ensure_ascii=False) + "\n")
                if number % 1000 == 0:
                    bar.update(1000)
            bar.update(args.docs % 1000)
    finally:
        if args.out:
            out.close()
    elapsed = time.perf_counter() - started
    print(f"generated {args.docs} articles (seed {args.seed}) in {elapsed:.1f} s", file=sys.stderr)
    return 0


def _bench_api(settings):
    """(alias -> (GET /api/search?<query> through the real Flask app, in process; the recording client))."""
    from dataclasses import replace
    from urllib.parse import parse_qsl

    from werkzeug.datastructures import MultiDict

    from search.benchmark import RecordingClient
    from web import create_app
    from web.services import search_service

    def factory(alias: str):
        app = create_app(replace(settings, index_alias=alias))
        with app.app_context():
            service = search_service()
            recorder = RecordingClient(service.client)
            service.client = recorder
        client = app.test_client()

        def get(query: str):
            response = client.get("/api/search", query_string=MultiDict(parse_qsl(query, keep_blank_values=True)))
            return response.status_code, response.get_json()

        return get, recorder

    return factory


def cmd_bench(args: argparse.Namespace) -> int:
    from search import benchmark
    from search.cluster import index_mapping
    from search.es import SearchUnavailable, connect, server_version

    settings = _settings()
    client = connect(settings, request_timeout=120)
    try:
        version = server_version(client)
    except SearchUnavailable as error:
        raise SystemExit(str(error)) from None
    factory = _bench_api(settings)
    if args.queries_only:
        alias = settings.index_alias
        docs = client.count(index=alias)["count"]
        print(f"Elasticsearch {version}: query latency on {alias} ({docs:,} articles)", file=sys.stderr)
        get, recorder = factory(alias)
        latencies = benchmark.measure_queries(get, recorder, client, rounds=args.rounds)
        benchmark.summarise_queries(latencies, docs)
        return 0
    print(f"Elasticsearch {version} at {settings.es_url}: bench with {args.docs:,} generated articles",
          file=sys.stderr)
    baseline = json.loads(Path(args.baseline_mapping).read_text(encoding="utf-8")) if args.baseline_mapping else None
    benchmark.run(client, index_mapping(settings), args.docs, args.seed, args.workers, factory,
                  workdir=Path(args.workdir) if args.workdir else None, keep=args.keep, rounds=args.rounds,
                  baseline_mapping=baseline)
    return 0


def _progress(total: int | None, description: str):
    from search.indexer import progress_bar

    return progress_bar(total, description)


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
    index.add_argument("--workers", type=int, default=None,
                       help="enrichment processes (default: one per core; 1 = in this process)")
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

    serve = commands.add_parser("serve", help="run the web app with a production WSGI server (waitress)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    # The app is CPU-bound Python between Elasticsearch calls: on 2 cores 4 threads served as many requests as 8
    # with a lower p99 (bench/load.py); more threads only queue behind the GIL.
    serve.add_argument("--threads", type=int, default=4, help="waitress worker threads (default 4)")
    serve.set_defaults(func=cmd_serve)
    generate = commands.add_parser("generate", help="write N synthetic Persian articles as JSONL (deterministic)")
    generate.add_argument("--docs", type=int, required=True, help="how many articles")
    generate.add_argument("--seed", type=int, default=0, help="same seed, same articles")
    generate.add_argument("--out", help="file to write (default: standard output)")
    generate.set_defaults(func=cmd_generate)

    bench = commands.add_parser("bench", help="measure enrichment, indexing and query latency side by side")
    bench.add_argument("--docs", type=int, default=20000, help="generated articles to load (default 20000)")
    bench.add_argument("--seed", type=int, default=0)
    bench.add_argument("--workers", type=int, default=None, help="enrichment processes (default: one per core)")
    bench.add_argument("--rounds", type=int, default=3, help="passes over the query set")
    bench.add_argument("--workdir", help="folder for the temporary article and document files (default: TMPDIR)")
    bench.add_argument("--keep", action="store_true", help="keep the bench indices (alias bench-<id>)")
    bench.add_argument("--baseline-mapping", metavar="JSON",
                       help="also load a scratch index with this mapping and compare bytes per article")
    bench.add_argument("--queries-only", action="store_true",
                       help="only the query set, against the index already behind SEARCH_INDEX")
    bench.set_defaults(func=cmd_bench)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
