"""The one search function both the web page and the JSON API call: SearchRequest in, SearchResult out.

`SearchService.search` talks to Elasticsearch; `parse_response` (pure) turns the raw answer into a SearchResult
with highlighted snippets and labelled facets.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from elasticsearch import Elasticsearch
from elasticsearch import exceptions as es_exceptions

from search.analysis import Analyzer, get_analyzer
from search.entities.kb import KnowledgeBase, load_kb
from search.es import SearchUnavailable
from search.highlight import mark, snippet
from search.model import FACETS, FacetValue, Hit, SearchRequest, SearchResult
from search.query import STORY_SAMPLE, QueryBuilder, QueryTerms


def parse_response(raw: dict, request: SearchRequest, wanted: QueryTerms, analyzer: Analyzer,
                   kb: KnowledgeBase) -> SearchResult:
    hits = []
    for hit in raw["hits"]["hits"]:
        source = hit["_source"]
        hits.append(Hit(
            id=source["id"], score=hit.get("_score"), title=source.get("title", ""),
            title_html=mark(analyzer, source.get("title", ""), wanted),
            snippet=snippet(analyzer, source.get("body", ""), wanted),
            source=source.get("source"), published=source.get("published"), url=source.get("url"),
            countries=source.get("countries", []), officials=source.get("officials", []),
            organizations=source.get("organizations", []), topics=source.get("topics", []),
            **_story_of(hit, source),
        ))
    facets: dict[str, list[FacetValue]] = {}
    aggregations = raw.get("aggregations", {})
    for name in (*FACETS, "published_years"):
        buckets = aggregations.get(name, {}).get("values", {}).get("buckets", [])
        selected = set(request.filters.get(name, ()))
        values = [
            FacetValue(value=str(b.get("key_as_string", b["key"])), count=b.get("stories", {}).get("value", b["doc_count"]),
                       label=kb.label(name, str(b.get("key_as_string", b["key"]))),
                       selected=str(b.get("key_as_string", b["key"])) in selected)
            for b in buckets
        ]
        # a selected value with no hits still shows, so the user can unselect it
        values += [FacetValue(v, 0, kb.label(name, v), True) for v in selected if v not in {f.value for f in values}]
        facets[name] = values
    total = raw["hits"]["total"]["value"] if isinstance(raw["hits"]["total"], dict) else raw["hits"]["total"]
    stories = aggregations.get("stories", {}).get("count", {}).get("value")
    return SearchResult(total=total, hits=hits, facets=facets, request=request, took_ms=raw.get("took", 0),
                        total_stories=stories)


def _story_of(hit: dict, source: dict) -> dict:
    """The hit's story: how many other matching articles tell it, and a few of them (from the collapse)."""
    inner = hit.get("inner_hits", {}).get("story", {}).get("hits", {})
    others = tuple({k: o["_source"].get(k) for k in ("id", "title", "source", "url", "published")}
                   for o in inner.get("hits", []) if o["_source"].get("id") != source.get("id"))
    matching = inner.get("total", {}).get("value", 1) if inner else 1
    return {"story_id": source.get("story_id"), "other_outlets": max(matching - 1, 0),
            "others": others[:STORY_SAMPLE]}


def jalali(iso_date: str | None) -> str | None:
    """2023-08-22 -> 1402-05-31: Iranian readers date news in the Solar Hijri calendar."""
    if not iso_date:
        return None
    import jdatetime

    return jdatetime.date.fromgregorian(date=date.fromisoformat(iso_date[:10])).isoformat()


def result_to_json(result: SearchResult, kb: KnowledgeBase) -> dict:
    def labelled(facet: str, values: list[str]) -> list[dict]:
        return [{"id": v, "label": kb.label(facet, v)} for v in values]

    return {
        "total": result.total,
        "page": result.request.page,
        "size": result.request.size,
        "took_ms": result.took_ms,
        "results": [
            {
                "id": h.id, "title": h.title, "title_html": h.title_html, "snippet": h.snippet,
                "source": h.source, "published": h.published, "published_jalali": jalali(h.published),
                "url": h.url, "score": h.score,
                "countries": labelled("countries", h.countries), "officials": labelled("officials", h.officials),
                "organizations": labelled("organizations", h.organizations),
                "topics": labelled("topics", h.topics),
                "story_id": h.story_id, "other_outlets": h.other_outlets, "others": list(h.others),
            }
            for h in result.hits
        ],
        "grouped_by_story": result.request.group_stories,
        "total_stories": result.total_stories,
        "facet_counts": "stories" if result.request.group_stories else "articles",
        "facets": {
            name: [{"value": v.value, "label": v.label, "count": v.count, "selected": v.selected} for v in values]
            for name, values in result.facets.items()
        },
    }


ENTITY_FACETS = ("countries", "officials", "organizations")


def entity_lookup(analyzer: Analyzer, kb: KnowledgeBase):
    """Query text -> [(facet field, id)] of the knowledge-base entities it names unambiguously, found by the
    same matcher that enriches articles."""
    from search.entities.matcher import EntityMatcher

    matcher = EntityMatcher(kb, analyzer)

    def lookup(text: str) -> list[tuple[str, str]]:
        found = matcher.extract(analyzer.tokens(analyzer.normalize(text)))
        return [(field, item["id"]) for field in ENTITY_FACETS
                for item in getattr(found, field) if not item.get("discovered")]

    return lookup


class SearchService:
    def __init__(self, client: Elasticsearch, alias: str, analyzer: Analyzer | None = None,
                 kb: KnowledgeBase | None = None) -> None:
        self.client = client
        self.alias = alias
        self.analyzer = analyzer or get_analyzer()
        self.kb = kb or load_kb()
        self.builder = QueryBuilder(self.analyzer, entities=entity_lookup(self.analyzer, self.kb))

    def search(self, request: SearchRequest) -> SearchResult:
        body, wanted = self.builder.build(request)
        try:
            try:
                raw = self.client.search(index=self.alias, body=body)
            except es_exceptions.BadRequestError as error:
                if "collapse" not in str(error):
                    raise
                # an index built before story grouping (no story_id): every article, until `reindex` runs
                request = replace(request, group_stories=False)
                body, wanted = self.builder.build(request)
                raw = self.client.search(index=self.alias, body=body)
        except es_exceptions.NotFoundError as error:
            raise SearchUnavailable(
                f"The index {self.alias!r} does not exist yet; index some articles first.") from error
        except (es_exceptions.ConnectionError, es_exceptions.AuthenticationException) as error:
            raise SearchUnavailable(f"Elasticsearch is not available: {error}.") from error
        return parse_response(raw.body if hasattr(raw, "body") else raw, request, wanted, self.analyzer, self.kb)
