"""`python -m search …`: index, analyze, enrich, search and serve from the command line."""

from __future__ import annotations

import argparse
import functools
import json
import sys
import time
from pathlib import Path

from search.config import ConfigError, Settings

EXAMPLES = """examples:
  python -m search index data/demo/articles.jsonl        add articles to the index behind SEARCH_INDEX
  python -m search index --rebuild data/demo             build a fresh index, then swap the alias to it
  python -m search index feed.xml page.html https://…    feeds, article pages and addresses too
  python -m search watch sources.toml --once             poll the listed feeds once, index what is new
  python -m search reindex                               re-enrich stored articles into a new index, swap
  python -m search analyze "وزرای دفاع ایران و روسيه"      what the index and the query see for a text
  python -m search enrich ../shared/seeds                 entities and topics, without Elasticsearch
  python -m search search "شویگو" --country RU           query from the terminal (JSON)
  python -m search serve --port 8000                      the web app (waitress)
  python -m search kb check                               validate the knowledge base's data files
  python -m search kb find "وزیر خارجه روسیه" --date 2016-05-01   what a name or an office resolves to
  python -m search kb discovered                          officials found in the index but not in the KB
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
    from search.parallel import enrich_in_parallel
    from search.sources import read_articles

    settings = _settings()
    client, version = _connected(settings, wait_seconds=args.wait)
    alias = settings.index_alias
    mapping = index_mapping(settings)
    target = (indexer.create_versioned_index(client, alias, mapping) if args.rebuild
              else indexer.ensure_index(client, alias, mapping))
    print(f"Elasticsearch {version}: writing into {target} (alias {alias})", file=sys.stderr)

    def documents():
        # JSONL lines are parsed and validated in the workers too (deferred)
        yield from enrich_in_parallel(read_articles(args.paths, deferred=True), workers=args.workers, wire=True)

    report = indexer.LoadReport()
    interrupted = None
    with indexer.progress_bar(None, "indexing") as bar:
        started = time.perf_counter()
        try:
            indexer.load(client, target, documents(), report, on_progress=bar.update, wait_seconds=args.wait)
        except indexer.ElasticsearchGone as error:
            interrupted = str(error)
        except KeyboardInterrupt:
            interrupted = (f"interrupted after {report.indexed} of {report.read} documents read were indexed; run "
                           "the same command again to finish (nothing already indexed is duplicated)")
        elapsed = time.perf_counter() - started
    if interrupted:
        _write_rejects_and_say(report, args.rejects)
        if args.rebuild:
            print(f"the alias {alias} still points at the previous index; {target} is incomplete", file=sys.stderr)
        print(f"{report.summary()}; {interrupted}", file=sys.stderr)
        return 3
    if args.rebuild:
        if report.indexed == 0:
            client.indices.delete(index=target)
            raise SystemExit("nothing was indexed; the alias still points at the previous index")
        stale = indexer.swap_alias(client, alias, target, delete_old=not args.keep_old)
        print(f"alias {alias} -> {target}" + (f" (replaced {', '.join(stale)})" if stale else ""), file=sys.stderr)
    print(f"{report.summary()} in {elapsed:.1f} s ({report.read / max(elapsed, 1e-9):.0f} articles/s)", file=sys.stderr)
    _write_rejects_and_say(report, args.rejects)
    return 1 if report.rejected and args.strict else 0


def _write_rejects_and_say(report, rejects: str, append: bool = False) -> None:
    from search import indexer

    if not report.rejected:
        return
    rejects_path = Path(rejects)
    if append:
        with rejects_path.open("a", encoding="utf-8") as handle:
            for reject in report.rejected:
                handle.write(json.dumps(reject.as_dict(), ensure_ascii=False) + "\n")
    else:
        indexer.write_rejects(report.rejected, rejects_path)
    for reject in report.rejected[:10]:
        print(f"  rejected {reject.origin}: {reject.reason}", file=sys.stderr)
    print(f"all {len(report.rejected)} rejects with reasons: {rejects_path}", file=sys.stderr)


def _connected(settings, wait_seconds: float = 0.0):
    """A client and the server's version; waits up to `wait_seconds` for a server that is (re)starting."""
    from search.es import SearchUnavailable, connect, server_version

    client = connect(settings)
    deadline, said = time.monotonic() + wait_seconds, False
    while True:
        try:
            return client, server_version(client)
        except SearchUnavailable as error:
            if time.monotonic() + 2 > deadline or "credentials" in str(error):
                raise SystemExit(str(error)) from None
            if not said:
                print(f"waiting for Elasticsearch at {settings.es_url} (up to {wait_seconds:.0f} s)", file=sys.stderr)
                said = True
            time.sleep(2)


def cmd_watch(args: argparse.Namespace) -> int:
    from search import indexer
    from search.enrich import get_enricher
    from search.intake.watch import WatchState, load_config, run_round
    from search.model import Reject

    try:
        config = load_config(Path(args.sources))
        state = WatchState(Path(args.state))
    except ValueError as error:
        raise SystemExit(str(error)) from None
    settings = _settings()
    client, version = _connected(settings)
    alias = settings.index_alias
    enricher = get_enricher()

    def index(batch) -> None:
        target = indexer.ensure_index(client, alias)
        report = indexer.load(client, target, [i if isinstance(i, Reject) else enricher.document(i) for i in batch])
        _write_rejects_and_say(report, args.rejects, append=True)

    def say(line: str) -> None:
        print(f"{time.strftime('%H:%M:%S')} {line}", file=sys.stderr, flush=True)

    say(f"watching {len(config.feeds)} feed(s) into {alias} (Elasticsearch {version}); state in {args.state}")
    try:
        while True:
            try:
                outcomes = run_round(config, state, index, report=say)
            except indexer.ElasticsearchGone as error:
                say(str(error) + " (the feed will be read again next round)")
                if args.once:
                    return 3
            else:
                failed = [o for o in outcomes if o.error]
                new = sum(o.new for o in outcomes)
                updated = sum(o.updated for o in outcomes)
                say(f"round done: {new} new, {updated} updated, {len(failed)} of {len(outcomes)} feed(s) failed")
                if args.once:
                    return 1 if failed else 0
            time.sleep(config.interval_minutes * 60)
    except KeyboardInterrupt:
        say("stopped; the state file is up to date")
        return 0


def cmd_reindex(args: argparse.Namespace) -> int:
    from search import indexer
    from search.cluster import index_mapping
    from search.parallel import enrich_in_parallel

    settings = _settings()
    client, version = _connected(settings)
    alias = settings.index_alias
    if indexer.alias_target(client, alias) is None:
        raise SystemExit(f"reindex: {alias!r} points at no index; index some articles first.")
    print(f"Elasticsearch {version}: re-enriching the articles behind {alias}", file=sys.stderr)
    started = time.perf_counter()
    try:
        with indexer.progress_bar(client.count(index=alias)["count"], "reindexing") as bar:
            # the same worker processes as `index`
            enrich = functools.partial(enrich_in_parallel, workers=args.workers, wire=True)
            result = indexer.reindex(client, alias, enrich, keep_old=args.keep_old, on_progress=bar.update,
                                     mapping=index_mapping(settings))
    except (RuntimeError, indexer.ElasticsearchGone) as error:
        raise SystemExit(f"reindex stopped, the alias is unchanged: {error}") from None
    elapsed = time.perf_counter() - started
    print(f"{result.load.summary()} in {elapsed:.1f} s; {result.old_index}: {result.old_count} articles, "
          f"{result.new_index}: {result.new_count}", file=sys.stderr)
    if not result.swapped:
        _write_rejects_and_say(result.load, args.rejects)
        print(f"counts differ or articles were refused: {alias} still points at {result.old_index}", file=sys.stderr)
        return 1
    print(f"alias {alias} -> {result.new_index}", file=sys.stderr)
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from search.es import connect
    from search.model import SearchRequest
    from search.service import SearchService, result_to_json

    settings = _settings()
    filters = {name: tuple(values) for name, values in (
        ("countries", args.country), ("officials", args.official), ("topics", args.topic),
        ("organizations", args.organization), ("source", args.source)) if values}
    request = SearchRequest(query=" ".join(args.query), filters=filters, size=args.size, sort=args.sort,
                            group_stories=not args.every_article)
    service = SearchService(connect(settings), settings.index_alias, exact_counts_up_to=settings.exact_counts_up_to)
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
        # runs compare only from the same start: the first round counts every first page afresh (the request
        # cache answers repeats of the counting requests, as it does for a user paging through results)
        client.indices.clear_cache(index=alias, request=True)
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

    index = commands.add_parser("index", help="read feeds, pages, .jsonl/.txt files, folders or URLs and index them")
    index.add_argument("paths", nargs="+", metavar="PATH")
    index.add_argument("--rebuild", action="store_true",
                       help="write a new versioned index and swap the alias to it when done")
    index.add_argument("--keep-old", action="store_true", help="with --rebuild: keep the previous index")
    index.add_argument("--rejects", default="rejects.jsonl", help="where rejected input is written (with reasons)")
    index.add_argument("--strict", action="store_true", help="exit with status 1 when anything was rejected")
    index.add_argument("--wait", type=float, default=120.0, metavar="SECONDS",
                       help="how long to wait for Elasticsearch to come back if it stops answering (default 120)")
    index.add_argument("--workers", type=int, default=None,
                       help="enrichment processes (default: one per core; 1 = in this process)")
    index.set_defaults(func=cmd_index)

    watch = commands.add_parser("watch", help="follow the RSS/Atom feeds listed in a sources.toml")
    watch.add_argument("sources", metavar="SOURCES_TOML")
    watch.add_argument("--once", action="store_true", help="one round, then exit (for cron and tests)")
    watch.add_argument("--state", default="watch-state.json", help="seen items and validators (default %(default)s)")
    watch.add_argument("--rejects", default="rejects.jsonl", help="rejected items are appended here")
    watch.set_defaults(func=cmd_watch)

    reindex = commands.add_parser("reindex", help="re-enrich every stored article into a new index, then swap")
    reindex.add_argument("--keep-old", action="store_true", help="keep the previous index")
    reindex.add_argument("--rejects", default="rejects.jsonl", help="articles the new index refused")
    reindex.add_argument("--workers", type=int, default=None,
                         help="enrichment processes (default: one per core; 1 = in this process)")
    reindex.set_defaults(func=cmd_reindex)

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
    search.add_argument("--every-article", action="store_true",
                        help="list every article, not one result per story (near-duplicates grouped)")
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
    bench.add_argument("--workers", type=int, default=None, help="enrichment processes (default: one per core; 1 = in this process)")
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
