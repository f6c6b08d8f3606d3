"""One article by id (full text with its entity mentions' offsets) and the articles most like it.
`article_to_json` is pure; the two look-ups talk to Elasticsearch through the SearchService's client."""

from __future__ import annotations

from search.mentions import find_mentions
from search.model import SearchRequest
from search.query import QueryTerms
from search.service import SearchService, jalali, labelled, parse_response, result_to_json, safe_url

ARTICLE_FIELDS = ["id", "title", "body", "source", "published", "url", "dateline", "countries", "officials",
                  "organizations", "places", "topics"]
MAX_SIMILAR = 50


class ArticleNotFound(LookupError):
    """No article has that id; the message says which."""


def article_to_json(source: dict, mentions: list[dict], kb) -> dict:
    return {
        "id": source["id"], "title": source.get("title", ""), "body": source.get("body", ""),
        "source": source.get("source"), "published": source.get("published"),
        "published_jalali": jalali(source.get("published")), "url": safe_url(source.get("url")),
        "dateline": source.get("dateline"),
        **{facet: labelled(kb, facet, source.get(facet) or [])
           for facet in ("countries", "officials", "organizations", "places", "topics")},
        "mentions": mentions,
    }


def _fetch(service: SearchService, article_id: str) -> dict:
    """The stored hit (with its concrete index) of an article."""
    raw = service.call(service.client.search, index=service.alias, body={
        "query": {"term": {"id": article_id}}, "size": 1, "_source": ARTICLE_FIELDS})
    hits = raw["hits"]["hits"]
    if not hits:
        raise ArticleNotFound(f"no article has the id {article_id!r}.")
    return hits[0]


def get_article(service: SearchService, article_id: str) -> dict:
    source = _fetch(service, article_id)["_source"]
    mentions = find_mentions(service.matcher, service.analyzer, service.kb, source.get("title") or "",
                             source.get("body") or "")
    return article_to_json(source, mentions, service.kb)


def similar_articles(service: SearchService, article_id: str, size: int = 10) -> dict:
    """More like this over the analysed terms (reduced Persian terms, so plurals and spellings meet)."""
    hit = _fetch(service, article_id)
    body = {
        "query": {"more_like_this": {
            "fields": ["title_terms", "body_terms"],
            "like": [{"_index": hit["_index"], "_id": hit["_id"]}],
            "min_term_freq": 1, "min_doc_freq": 2, "max_query_terms": 40, "minimum_should_match": "20%"}},
        "size": min(size, MAX_SIMILAR), "track_total_hits": True,
        "_source": {"excludes": ["*_terms", "*_surface", "entities"]},
    }
    raw = service.call(service.client.search, index=service.alias, body=body)
    raw = raw.body if hasattr(raw, "body") else raw
    result = parse_response(raw, SearchRequest(size=size), QueryTerms(), service.analyzer, service.kb)
    return {"id": article_id, "results": result_to_json(result, service.kb)["results"]}
