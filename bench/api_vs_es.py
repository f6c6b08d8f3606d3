"""API latency beside Elasticsearch's own, for the same request bodies, in one run (ratios, not absolutes:
this machine is shared and noisy).

Builds (once; --keep to reuse) a corpus of N copies of the demo articles with distinct ids, dates and sources
in its own alias, serves the app with waitress on 127.0.0.1, then for each query alternates: GET /api/search
over HTTP (wall time, and the `took` of its own Elasticsearch request) and the same body sent straight to
Elasticsearch (`took`, and the client's wall time).

    .venv/bin/python bench/api_vs_es.py --articles 20000 --rounds 5
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = [
    {"q": "تحریم"}, {"q": "وزرای دفاع"}, {"q": "ایران روسیه"}, {"q": "زلزله"}, {"q": "انتخابات"},
    {"q": "نفت", "country": "IR"}, {"q": "سوریه", "sort": "newest"}, {"q": '"تمامیت ارضی"'},
    {"q": "Erdogan"}, {"q": "پناهجو"}, {"q": "تورم قیمت"}, {"q": "", "country": ["IR", "TR"]},
    {"q": "آژانس بین‌المللی انرژی اتمی"}, {"q": "تحریم -نفت"}, {"q": "سیل OR زلزله"}, {"q": "مذاکرات هسته‌ای"},
]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def build_corpus(client, alias: str, count: int) -> None:
    from search import indexer
    from search.enrich import get_enricher
    from search.sources import read_articles

    enricher = get_enricher()
    templates = [enricher.document(a) for a in read_articles([ROOT / "data" / "demo" / "articles.jsonl"])]
    target = indexer.ensure_index(client, alias)
    start = date(2018, 1, 1)
    sources = ("ایرنا", "ایسنا", "تسنیم", "فارس", "مهر", "همشهری")

    def copies():
        for n in range(count):
            doc = dict(templates[n % len(templates)])
            doc["id"] = f"bench-{n:06d}"
            doc["published"] = (start + timedelta(days=(n * 7) % 2900)).isoformat()
            doc["source"] = sources[n % len(sources)]
            yield doc

    started = time.perf_counter()
    report = indexer.load(client, target, copies(), chunk_size=1000)
    print(f"indexed {report.indexed} articles into {target} in {time.perf_counter() - started:.0f} s")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=5, help="times each query is sent (after one warm-up)")
    parser.add_argument("--alias", default="bench-api-vs-es")
    parser.add_argument("--keep", action="store_true", help="keep (and reuse) the corpus index")
    args = parser.parse_args()

    import waitress

    from search import indexer
    from search.config import Settings
    from search.es import connect
    from web import create_app
    from web.params import parse_search_args
    from web.services import search_service
    from werkzeug.datastructures import MultiDict

    settings = replace(Settings.from_env(), index_alias=args.alias)
    client = connect(settings)
    existing = client.count(index=args.alias)["count"] if client.indices.exists_alias(name=args.alias) else 0
    if existing != args.articles:
        indexer.delete_alias_and_indices(client, args.alias)
        build_corpus(client, args.alias, args.articles)
    app = create_app(settings)
    with app.app_context():
        service = search_service()
    port = free_port()
    server = waitress.create_server(app, host="127.0.0.1", port=port, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    base = f"http://127.0.0.1:{port}/api/search?"

    api_ms: list[float] = []
    took_ms: list[float] = []
    es_wall_ms: list[float] = []
    api_took_ms: list[float] = []  # Elasticsearch's took inside each API request
    try:
        for round_number in range(args.rounds + 1):
            for query in QUERIES:
                url = base + urllib.parse.urlencode(query, doseq=True)
                started = time.perf_counter()
                with urllib.request.urlopen(url) as response:
                    inner_took = json.load(response)["took_ms"]
                api = (time.perf_counter() - started) * 1000
                body, _ = service.builder.build(parse_search_args(MultiDict(
                    [(k, v) for k, values in query.items() for v in (values if isinstance(values, list) else [values])])))
                started = time.perf_counter()
                raw = client.search(index=args.alias, body=body)
                wall = (time.perf_counter() - started) * 1000
                if round_number:  # the first round warms caches on both sides
                    api_ms.append(api)
                    api_took_ms.append(inner_took)
                    took_ms.append(raw["took"])
                    es_wall_ms.append(wall)
    finally:
        server.close()
        if not args.keep:
            indexer.delete_alias_and_indices(client, args.alias)

    def line(name: str, values: list[float]) -> str:
        return f"{name:<32} p50 {statistics.median(values):6.1f} ms   p99 {percentile(values, 0.99):6.1f} ms"

    print(f"{len(api_ms)} requests ({len(QUERIES)} queries x {args.rounds} rounds), {args.articles} articles")
    print(line("API (HTTP, waitress)", api_ms))
    print(line("ES took within the API request", api_took_ms))
    print(line("Elasticsearch took (direct)", took_ms))
    print(line("Elasticsearch client wall time", es_wall_ms))
    print(f"ratio API / ES took:  p50 {statistics.median(api_ms) / max(statistics.median(took_ms), 0.1):.2f}x   "
          f"p99 {percentile(api_ms, 0.99) / max(percentile(took_ms, 0.99), 0.1):.2f}x")
    # `took` leaves out Elasticsearch's own HTTP, authentication and serialisation; beside the client's wall
    # time the ratio is what the app itself adds (query building, highlighting, JSON, its HTTP server)
    print(f"ratio API / ES client wall:  p50 {statistics.median(api_ms) / statistics.median(es_wall_ms):.2f}x   "
          f"p99 {percentile(api_ms, 0.99) / percentile(es_wall_ms, 0.99):.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
