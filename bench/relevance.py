"""Relevance harness: nDCG@10 and recall@10 of the product's /api/search against a baseline, same run, same
cluster.

    make bench-relevance            (or: eval "$(scripts/dev-es start)"; .venv/bin/python bench/relevance.py)

It indexes data/demo/articles.jsonl into two fresh indices: the product's (Python analysis, entities) and a
baseline (raw title/body, Elasticsearch's standard analyzer, multi_match). It runs every query of
bench/relevance/queries.json through the real Flask /api/search and through the baseline, and prints the
means. Two ablations measure the choice of indexing both surface forms and reduced terms: the product with
only the reduced-term fields and with only the surface fields. Both indices are deleted afterwards.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import uuid
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search import indexer  # noqa: E402
from search.config import Settings  # noqa: E402
from search.enrich import get_enricher  # noqa: E402
from search.es import SearchUnavailable, connect, server_version  # noqa: E402
from search.model import Article  # noqa: E402
from search.sources import read_articles  # noqa: E402

CORPUS = ROOT / "data" / "demo" / "articles.jsonl"
QUERIES = ROOT / "bench" / "relevance" / "queries.json"
K = 10


def ndcg(ranked: list[str], grades: dict[str, int], k: int = K) -> float:
    dcg = sum((2 ** grades.get(doc, 0) - 1) / math.log2(i + 2) for i, doc in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall(ranked: list[str], grades: dict[str, int], k: int = K) -> float:
    relevant = {d for d, g in grades.items() if g > 0}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


def _strip_fields(node, drop: str):
    """The query body without any clause on fields ending in `drop` (for the ablations)."""
    if isinstance(node, list):
        kept = [c for c in (_strip_fields(x, drop) for x in node) if c is not None]
        return kept
    if not isinstance(node, dict):
        return node
    for kind in ("match", "match_phrase"):
        if kind in node and any(f.endswith(drop) for f in node[kind]):
            return None
    out = {}
    for key, value in node.items():
        stripped = _strip_fields(value, drop)
        if key in ("should", "must") and isinstance(stripped, list) and not stripped:
            continue
        out[key] = stripped
    if "bool" in out and not any(k in out["bool"] for k in ("should", "must", "filter", "must_not")):
        return None
    if "bool" in out and "should" not in out["bool"] and "minimum_should_match" in out["bool"]:
        out["bool"].pop("minimum_should_match")
    if "bool" in out and isinstance(out["bool"].get("minimum_should_match"), int):
        out["bool"]["minimum_should_match"] = min(out["bool"]["minimum_should_match"], len(out["bool"]["should"]))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--per-query", action="store_true", help="print nDCG@10 per query for each system")
    parser.add_argument("--queries", type=Path, default=QUERIES,
                        help="judged queries (default: the development set; bench/relevance/heldout.json was "
                             "written separately and never used for tuning)")
    args = parser.parse_args()

    settings = Settings.from_env()
    es = connect(settings)
    try:
        server_version(es)
    except SearchUnavailable as error:
        raise SystemExit(f"{error} Run it as `make bench-relevance`, or eval \"$(scripts/dev-es start)\" first.")
    run = uuid.uuid4().hex[:8]
    product_alias, baseline_index = f"bench-product-{run}", f"bench-baseline-{run}"
    queries = json.loads(args.queries.read_text(encoding="utf-8"))["queries"]
    articles = [a for a in read_articles([CORPUS]) if isinstance(a, Article)]
    try:
        target = indexer.ensure_index(es, product_alias)
        enricher = get_enricher()
        indexer.load(es, target, (enricher.document(a) for a in articles))
        es.indices.create(index=baseline_index, mappings={"properties": {
            "title": {"type": "text", "analyzer": "standard"}, "body": {"type": "text", "analyzer": "standard"}}})
        for a in articles:
            es.index(index=baseline_index, id=a.id, document={"title": a.title, "body": a.body})
        es.indices.refresh(index=baseline_index)

        from web import create_app

        client = create_app(replace(settings, index_alias=product_alias)).test_client()
        from web.services import search_service

        with client.application.app_context():
            service = search_service()

        def product(query: str) -> list[str]:
            response = client.get("/api/search", query_string={"q": query, "size": K})
            assert response.status_code == 200, response.get_json()
            return [r["id"] for r in response.get_json()["results"]]

        def ablation(drop: str):
            from search.model import SearchRequest

            def run_query(query: str) -> list[str]:
                body, _ = service.builder.build(SearchRequest(query=query, size=K))
                body["query"] = _strip_fields(body["query"], drop) or {"match_none": {}}
                body.pop("aggs")
                hits = es.search(index=product_alias, body=body)["hits"]["hits"]
                return [h["_id"] for h in hits]
            return run_query

        def baseline(query: str) -> list[str]:
            body = {"multi_match": {"query": query, "fields": ["title^2", "body"]}}
            hits = es.search(index=baseline_index, query=body, size=K)["hits"]["hits"]
            return [h["_id"] for h in hits]

        systems = {"product (/api/search)": product, "baseline (standard analyzer)": baseline,
                   "product, reduced terms only": ablation("_surface"),
                   "product, surface forms only": ablation("_terms")}
        results = {name: [] for name in systems}
        for q in queries:
            for name, system in systems.items():
                ranked = system(q["query"])
                results[name].append((q["id"], q["query"], ndcg(ranked, q["relevant"]), recall(ranked, q["relevant"])))

        print(f"{len(queries)} queries over {len(articles)} articles (Elasticsearch, same cluster, same run)\n")
        print(f"{'system':32} {'nDCG@10':>8} {'recall@10':>10}")
        for name, rows in results.items():
            mean_ndcg = sum(r[2] for r in rows) / len(rows)
            mean_recall = sum(r[3] for r in rows) / len(rows)
            print(f"{name:32} {mean_ndcg:8.3f} {mean_recall:10.3f}")
        names = list(results)
        product_rows, baseline_rows = results[names[0]], results[names[1]]
        wins = sum(p[2] > b[2] + 1e-9 for p, b in zip(product_rows, baseline_rows))
        losses = sum(p[2] < b[2] - 1e-9 for p, b in zip(product_rows, baseline_rows))
        print(f"\nproduct vs baseline per query: {wins} better, {losses} worse, {len(queries) - wins - losses} equal")
        if args.per_query:
            print(f"\n{'id':5} " + " ".join(f"{n[:14]:>14}" for n in names) + "  query")
            for i, q in enumerate(queries):
                print(f"{q['id']:5} " + " ".join(f"{results[n][i][2]:14.3f}" for n in names) + f"  {q['query']}")
    finally:
        indexer.delete_alias_and_indices(es, product_alias)
        es.indices.delete(index=baseline_index, ignore_unavailable=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
