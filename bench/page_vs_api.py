"""What the HTML search page costs beside its JSON twin, in one run (ratios: this machine is shared and noisy).

The page does what /api/search does plus one more Elasticsearch request (articles per day, for the Jalali
timeline and year facet) and the template. For each query, alternately: GET /api/search and GET / with the same
arguments, through Flask's test client (no HTTP, so only the app's and Elasticsearch's work is compared).
Uses the corpus of bench/api_vs_es.py (N copies of the demo articles over eight years) in its own alias.

    .venv/bin/python bench/page_vs_api.py --articles 20000 --rounds 5
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _api_vs_es():
    spec = importlib.util.spec_from_file_location("api_vs_es", ROOT / "bench" / "api_vs_es.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=5, help="times each query is sent (after one warm-up)")
    parser.add_argument("--alias", default="bench-page-vs-api")
    parser.add_argument("--keep", action="store_true", help="keep (and reuse) the corpus index")
    args = parser.parse_args()

    from search import indexer
    from search.config import Settings
    from search.es import connect
    from web import create_app

    settings = Settings.from_env()
    client = connect(settings)
    shared = _api_vs_es()
    if not (args.keep and client.indices.exists_alias(name=args.alias)):
        indexer.delete_alias_and_indices(client, args.alias)
        shared.build_corpus(client, args.alias, args.articles)
    client.indices.refresh(index=args.alias)
    app = create_app(replace(settings, index_alias=args.alias))
    http = app.test_client()
    timings: dict[str, list[float]] = {"/api/search": [], "/": []}
    try:
        for query in shared.QUERIES:
            for path in timings:  # warm-up
                assert http.get(path, query_string=query).status_code == 200, (path, query)
            for _ in range(args.rounds):
                for path, spent in timings.items():
                    started = time.perf_counter()
                    response = http.get(path, query_string=query)
                    spent.append((time.perf_counter() - started) * 1000)
                    assert response.status_code == 200
    finally:
        if not args.keep:
            indexer.delete_alias_and_indices(client, args.alias)
    api, page = timings["/api/search"], timings["/"]
    print(f"{len(shared.QUERIES)} queries x {args.rounds} rounds over {args.articles} articles")
    for name, values in (("api", api), ("page", page)):
        print(f"{name:5s} p50 {statistics.median(values):7.1f} ms   p90 {shared.percentile(values, 0.9):7.1f} ms")
    print(f"page / api: p50 {statistics.median(page) / statistics.median(api):.2f}x, "
          f"p90 {shared.percentile(page, 0.9) / shared.percentile(api, 0.9):.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
