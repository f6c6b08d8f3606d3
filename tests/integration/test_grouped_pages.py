"""A grouped page (one result per story) is found without collapsing every match; it must be exactly the page
that collapsing every match gives, also where a story's re-publications crowd the top of the ranking."""

from __future__ import annotations

from search import indexer
from search.generate import generate
from search.model import Article, SearchRequest
from search.service import SearchService
from search.sources import parse_published
from search.enrich import get_enricher


def _page(service: SearchService, request: SearchRequest) -> list[tuple]:
    result = service.search(request)
    return [(h.id, h.story_id, h.other_outlets, tuple(o["id"] for o in h.others)) for h in result.hits]


def test_grouped_pages_equal_collapsing_every_match(es, fresh_alias):
    enricher = get_enricher()
    articles = [Article(id=a["id"], title=a["title"], body=a["body"], source=a["source"],
                        published=parse_published(a["published"]), url=a["url"]) for a in generate(400, seed=5)]
    target = indexer.ensure_index(es, fresh_alias)
    report = indexer.load(es, target, (enricher.document(a) for a in articles))
    assert not report.rejected
    es.indices.refresh(index=fresh_alias)
    service = SearchService(es, fresh_alias)
    requests = [SearchRequest(query=q, page=page, size=size, sort=sort)
                for q in ("ایران", "وزیر امور خارجه", "سفیر ایران در عراق", "همکاری اقتصادی", "نفت -عراق", "",
                          '"وزیر امور خارجه"', "«شورای امنیت» روسیه")
                for page, size in ((1, 10), (2, 10), (3, 7), (40, 10))
                for sort in ("relevance", "newest")]
    grouped_stories = 0
    for overfetch, extra in ((4, 40), (1, 0)):  # (1, 0): too few stories read, so it falls back to collapse
        for request in requests:
            service.story_overfetch, service.story_overfetch_extra = 0, 0
            collapsed = _page(service, request)
            service.story_overfetch, service.story_overfetch_extra = overfetch, extra
            assert _page(service, request) == collapsed, request
            grouped_stories += sum(1 for hit in collapsed if hit[2])
    assert grouped_stories, "the corpus must have stories told by several articles for this test to mean much"
