"""A search that matches more articles than SEARCH_EXACT_COUNTS_UP_TO estimates its facet counts from a random
sample (and says so); its results, total, articles with every word and distinct stories stay exact, and a search
under the limit is counted exactly as before."""

from __future__ import annotations

from dataclasses import replace

from search import indexer
from search.enrich import get_enricher
from search.generate import generate
from search.model import Article, SearchRequest
from search.service import SearchService
from search.sources import parse_published


def _facets(result) -> dict[str, dict[str, int]]:
    return {name: {v.value: v.count for v in values} for name, values in result.facets.items()}


def test_broad_searches_estimate_facets_and_keep_totals_exact(es, fresh_alias):
    enricher = get_enricher()
    articles = [Article(id=a["id"], title=a["title"], body=a["body"], source=a["source"],
                        published=parse_published(a["published"]), url=a["url"]) for a in generate(1000, seed=11)]
    report = indexer.load(es, indexer.ensure_index(es, fresh_alias), (enricher.document(a) for a in articles))
    assert not report.rejected
    es.indices.refresh(index=fresh_alias)
    exact = SearchService(es, fresh_alias)  # the default limit (100,000) is far above this corpus
    sampled = SearchService(es, fresh_alias, exact_counts_up_to=300)

    compared = 0
    for query in ("", "ایران", "وزیر امور خارجه", "همکاری اقتصادی"):
        request = SearchRequest(query=query)
        truth, estimate = exact.search(request), sampled.search(request)
        assert not truth.counts_estimated
        assert truth.total > 300, "the query must be broad for this test to mean anything"
        assert estimate.counts_estimated, query
        assert (estimate.total, estimate.total_all_words, estimate.total_stories) == \
            (truth.total, truth.total_all_words, truth.total_stories), query
        assert [h.id for h in estimate.hits] == [h.id for h in truth.hits], query
        true_counts, estimated_counts = _facets(truth), _facets(estimate)
        assert set(estimated_counts) == set(true_counts)
        for name, values in true_counts.items():
            for value, count in values.items():
                if count >= 300:  # a tenth of 300 is ~30 articles: the estimate lands well within a factor of 2
                    compared += 1
                    assert count / 2 <= estimated_counts[name].get(value, 0) <= count * 2, (query, name, value)
        assert estimated_counts != true_counts, "a sample of a tenth cannot give every count exactly"
    assert compared >= 8

    # a search under the limit is counted exactly
    narrow = SearchRequest(query="زلزله")
    truth, counted = exact.search(narrow), sampled.search(narrow)
    assert 0 < truth.total <= 300
    assert not counted.counts_estimated
    assert _facets(counted) == _facets(truth)


def test_the_api_and_page_say_when_counts_are_estimated(es_settings, demo_alias):
    from web import create_app

    strict = create_app(replace(es_settings, index_alias=demo_alias)).test_client()
    broad = create_app(replace(es_settings, index_alias=demo_alias, exact_counts_up_to=20)).test_client()
    exact, estimated = (c.get("/api/search", query_string={"q": ""}).get_json() for c in (strict, broad))
    assert exact["counts_estimated"] is False and estimated["counts_estimated"] is True
    assert estimated["total"] == exact["total"] > 20
    assert estimated["total_stories"] == exact["total_stories"]

    page = broad.get("/", query_string={"q": ""}).get_data(as_text=True)
    assert "برآوردی از نمونه‌ای تصادفی" in page and '<span class="count">≈' in page
    plain = strict.get("/", query_string={"q": ""}).get_data(as_text=True)
    assert "برآوردی از نمونه‌ای تصادفی" not in plain and '<span class="count">≈' not in plain
