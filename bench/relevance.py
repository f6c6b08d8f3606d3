"""Relevance harness: nDCG@10 and recall@10 of the product's /api/search against two baselines, same run, same
cluster, overall and per query kind.

    make bench-relevance            (or: eval "$(scripts/dev-es start)"; .venv/bin/python bench/relevance.py)

For each judged set it indexes the set's articles three times: the product's index (Python analysis,
entities), a `standard` baseline (raw title/body, Elasticsearch's standard analyzer) and a `persian` baseline
(Lucene's PersianAnalyzer, which is Elasticsearch's `persian` analyzer, run outside Elasticsearch by
bench/peer.py; its tokens go into `whitespace` fields). Both baselines are searched with the same
`multi_match` over title^2 and body. Every query goes through the real Flask /api/search for the product.
All indices are deleted afterwards.

Sets (bench/relevance/):
  dev       dev/articles.jsonl + dev/queries.json          used for tuning
  heldout   heldout2/articles.jsonl + heldout2/queries.json  written apart, never used for tuning
  demo      the demo corpus + queries.json (the first, small development set)
  demo-heldout  the demo corpus + heldout.json
`--strip-zwnj` indexes every article with each zero-width non-joiner removed (real scraped news loses them).
`--ablations` adds the product with only its reduced-term fields and with only its surface fields.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import uuid
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search import indexer  # noqa: E402
from search.config import Settings  # noqa: E402
from search.enrich import get_enricher  # noqa: E402
from search.es import SearchUnavailable, connect, server_version  # noqa: E402
from search.model import Article  # noqa: E402
from search.sources import read_articles  # noqa: E402

SETS_DIR = ROOT / "bench" / "relevance"
DEMO_CORPUS = ROOT / "data" / "demo" / "articles.jsonl"
SETS = {
    "dev": (SETS_DIR / "dev" / "articles.jsonl", SETS_DIR / "dev" / "queries.json"),
    "heldout": (SETS_DIR / "heldout2" / "articles.jsonl", SETS_DIR / "heldout2" / "queries.json"),
    "demo": (DEMO_CORPUS, SETS_DIR / "queries.json"),
    "demo-heldout": (DEMO_CORPUS, SETS_DIR / "heldout.json"),
}
DEFAULT_RUNS = (("dev", False), ("heldout", False), ("heldout", True))
K = 10
ZWNJ = "\u200c"
PRODUCT, STANDARD, PERSIAN = "product", "standard", "persian"


def ndcg(ranked: list[str], grades: dict[str, int], k: int = K) -> float:
    dcg = sum((2 ** grades.get(doc, 0) - 1) / math.log2(i + 2) for i, doc in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall(ranked: list[str], grades: dict[str, int], k: int = K) -> float:
    relevant = {d for d, g in grades.items() if g > 0}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


@dataclass(frozen=True)
class Judged:
    id: str
    query: str
    kind: str
    grades: dict[str, int]


def load_queries(path: Path) -> list[Judged]:
    """Queries with graded judgments: {"queries": [{"id", "query", "kind"?, "relevant": {article id: grade}}]}."""
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = data["queries"] if isinstance(data, dict) else data
    return [Judged(str(q["id"]), q["query"], q.get("kind") or "-", {str(k): int(v) for k, v in q["relevant"].items()})
            for q in rows]


def strip_zwnj(article: Article) -> Article:
    return replace(article, title=article.title.replace(ZWNJ, ""), body=article.body.replace(ZWNJ, ""))


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


def _baseline_index(es, name: str, analyzer: str, docs: list[tuple[str, str, str]]) -> None:
    es.indices.create(index=name, mappings={"properties": {
        "title": {"type": "text", "analyzer": analyzer}, "body": {"type": "text", "analyzer": analyzer}}})
    from elasticsearch import helpers

    helpers.bulk(es, ({"_index": name, "_id": i, "title": t, "body": b} for i, t, b in docs), refresh=True)


def _multi_match(es, index: str, text: str) -> list[str]:
    body = {"multi_match": {"query": text, "fields": ["title^2", "body"]}}
    return [h["_id"] for h in es.search(index=index, query=body, size=K)["hits"]["hits"]]


def evaluate(es, settings: Settings, articles: list[Article], queries: list[Judged],
             ablations: bool = False) -> dict[str, list[list[str]]]:
    """{system: [top-10 article ids per query]} for the product and both baselines over `articles`."""
    from bench.peer import persian_tokens

    run = uuid.uuid4().hex[:8]
    product_alias = f"bench-product-{run}"
    standard_index, persian_index = f"bench-standard-{run}", f"bench-persian-{run}"
    try:
        target = indexer.ensure_index(es, product_alias)
        enricher = get_enricher()
        indexer.load(es, target, (enricher.document(a) for a in articles))
        _baseline_index(es, standard_index, "standard", [(a.id, a.title, a.body) for a in articles])
        analysed = persian_tokens([t for a in articles for t in (a.title, a.body)] + [q.query for q in queries])
        _baseline_index(es, persian_index, "whitespace",
                        [(a.id, analysed[2 * i], analysed[2 * i + 1]) for i, a in enumerate(articles)])
        persian_queries = analysed[2 * len(articles):]

        from web import create_app

        client = create_app(replace(settings, index_alias=product_alias)).test_client()

        def product(query: str) -> list[str]:
            response = client.get("/api/search", query_string={"q": query, "size": K})
            assert response.status_code == 200, response.get_json()
            return [r["id"] for r in response.get_json()["results"]]

        ranked = {
            PRODUCT: [product(q.query) for q in queries],
            STANDARD: [_multi_match(es, standard_index, q.query) for q in queries],
            PERSIAN: [_multi_match(es, persian_index, text) if text else [] for text in persian_queries],
        }
        if ablations:
            from search.model import SearchRequest
            from web.services import search_service

            with client.application.app_context():
                builder = search_service().builder
            for label, drop in (("terms only", "_surface"), ("surface only", "_terms")):
                rows = []
                for q in queries:
                    body, _ = builder.build(SearchRequest(query=q.query, size=K))
                    body["query"] = _strip_fields(body["query"], drop) or {"match_none": {}}
                    body.pop("aggs", None)
                    rows.append([h["_id"] for h in es.search(index=product_alias, body=body)["hits"]["hits"]])
                ranked[f"product, {label}"] = rows
        return ranked
    finally:
        indexer.delete_alias_and_indices(es, product_alias)
        es.indices.delete(index=f"{standard_index},{persian_index}", ignore_unavailable=True)


def report(title: str, queries: list[Judged], ranked: dict[str, list[list[str]]], per_query: bool) -> dict:
    """Print the overall and per-kind table; return {system: {"ndcg", "recall", "kinds": {kind: (n, ndcg, recall)}}}."""
    systems = list(ranked)
    scores = {s: [(ndcg(r, q.grades), recall(r, q.grades)) for q, r in zip(queries, ranked[s])] for s in systems}
    kinds: dict[str, list[int]] = defaultdict(list)
    for i, q in enumerate(queries):
        kinds[q.kind].append(i)

    def mean(values) -> float:
        values = list(values)
        return sum(values) / len(values) if values else 0.0

    print(f"\n== {title}")
    print(f"{'':28}" + "".join(f"{s[:18]:>20}" for s in systems))
    print(f"{'':28}" + "".join(f"{'nDCG@10 recall@10':>20}" for _ in systems))
    rows = [("all", list(range(len(queries))))] + sorted(kinds.items(), key=lambda kv: -len(kv[1]))
    summary: dict = {s: {"kinds": {}} for s in systems}
    for kind, members in rows:
        label = f"{kind} ({len(members)})"
        cells = []
        for s in systems:
            n, r = mean(scores[s][i][0] for i in members), mean(scores[s][i][1] for i in members)
            cells.append(f"{n:10.3f}{r:10.3f}")
            if kind == "all":
                summary[s].update(ndcg=n, recall=r)
            else:
                summary[s]["kinds"][kind] = (len(members), n, r)
        print(f"{label[:28]:28}" + "".join(cells))
    product_rows, peer_rows = scores[PRODUCT], scores[PERSIAN]
    wins = sum(p[0] > b[0] + 1e-9 for p, b in zip(product_rows, peer_rows))
    losses = sum(p[0] < b[0] - 1e-9 for p, b in zip(product_rows, peer_rows))
    print(f"product vs persian per query: {wins} better, {losses} worse, {len(queries) - wins - losses} equal")
    if per_query:
        print(f"\n{'id':8}{'kind':16}" + "".join(f"{s[:12]:>13}" for s in systems) + "  query")
        for i, q in enumerate(queries):
            print(f"{q.id:8}{q.kind[:15]:16}" + "".join(f"{scores[s][i][0]:13.3f}" for s in systems) + f"  {q.query}")
    return summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", action="append", choices=sorted(SETS), dest="sets",
                        help="judged set to run (repeatable); default: dev, heldout, and heldout with ZWNJ stripped")
    parser.add_argument("--strip-zwnj", action="store_true", help="index the articles with every ZWNJ removed")
    parser.add_argument("--per-query", action="store_true", help="print nDCG@10 per query for each system")
    parser.add_argument("--ablations", action="store_true", help="also the product with terms only / surface only")
    args = parser.parse_args()

    runs = [(name, args.strip_zwnj) for name in args.sets] if args.sets else \
        [run for run in DEFAULT_RUNS if SETS[run[0]][1].is_file()] or [("demo", False)]
    settings = Settings.from_env()
    es = connect(settings)
    try:
        server_version(es)
    except SearchUnavailable as error:
        raise SystemExit(f"{error} Run it as `make bench-relevance`, or eval \"$(scripts/dev-es start)\" first.")
    for name, stripped in runs:
        corpus, queries_path = SETS[name]
        queries = load_queries(queries_path)
        articles = [a for a in read_articles([corpus]) if isinstance(a, Article)]
        if stripped:
            articles = [strip_zwnj(a) for a in articles]
        ranked = evaluate(es, settings, articles, queries, ablations=args.ablations)
        title = (f"{name}{', every ZWNJ stripped from the articles' if stripped else ''}: {len(queries)} queries, "
                 f"{len(articles)} articles (Elasticsearch {server_version(es)}, same cluster, same run)")
        report(title, queries, ranked, args.per_query)
    return 0


if __name__ == "__main__":
    sys.exit(main())
