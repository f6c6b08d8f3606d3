"""The total, facets and story count of a search are counted with a cheaper form of its query (no word positions
checked for quoted phrases, no ranking bonuses): the number a user reads must still be the number of articles the
search lists, whatever the spelling of the phrase in the articles."""

from __future__ import annotations

from datetime import datetime

from search import indexer
from search.enrich import get_enricher
from search.model import Article, SearchRequest
from search.service import SearchService

TEXTS = [
    "وزیر امور خارجه ایران امروز به مسکو سفر کرد.",
    "وزير امور خارجه روسيه با همتای خود دیدار كرد.",  # Arabic ي and ك
    "امور مالیاتی کشور را وزیر اقتصاد بررسی کرد و از خارجه خبری نبود.",  # the words apart
    "نشست ایران-روسیه در تهران برگزار شد.",  # one token with a hyphen
    "دیدار ایران و روسیه در مسکو.",
    "Vladimir Putin met the delegation; PUTIN said little.",
    "پوتین در کرملین سخنرانی کرد.",
    "تروریستها به مرز حمله کردند.",  # the ZWNJ dropped
    "تروریست‌ها بازداشت شدند.",
    "بر حفظتمامیت ارضی کشور تاکید شد.",  # glued words
    "بر حفظ تمامیت ارضی عراق تاکید کرد.",
    "او از این موضوع خبر نداشت.",
    "مذاکرات هسته‌ای با حضور وزیر امور خارجه ادامه یافت.",
    "مذاکرات تجاری دو کشور به نتیجه رسید.",
    "شورای امنیت سازمان ملل درباره روسیه نشست برگزار کرد.",
    "امنیت شورای شهر تامین شد.",  # the words in the other order
]

QUERIES = [
    '"وزیر امور خارجه"', '"وزير امور خارجه"', "«ایران-روسیه»", '"ایران روسیه"', '"Vladimir Putin"',
    '"تروریست‌ها"', '"حفظ تمامیت ارضی"', '"از این"', 'مذاکرات -"وزیر امور خارجه"', "«شورای امنیت» روسیه",
    '"شورای امنیت" OR پوتین', "وزیر خارجه",
]


def test_totals_count_exactly_the_articles_a_search_lists(es, fresh_alias):
    enricher = get_enricher()
    articles = [Article(id=f"c{i}", title="", body=text, source="آزمون", published=datetime(2024, 1, 1 + i))
                for i, text in enumerate(TEXTS)]
    report = indexer.load(es, indexer.ensure_index(es, fresh_alias), (enricher.document(a) for a in articles))
    assert not report.rejected
    es.indices.refresh(index=fresh_alias)
    service = SearchService(es, fresh_alias)
    plan = service.builder.plan(SearchRequest(query='"وزیر امور خارجه"'))
    assert "match_phrase" in str(plan.body["query"]) and "match_phrase" not in str(plan.counting_query), \
        "a quoted phrase is counted without checking its words' positions"
    matched = 0
    for query in QUERIES:
        for group in (False, True):
            result = service.search(SearchRequest(query=query, size=100, group_stories=group))
            listed = len(result.hits) + sum(len(h.others) for h in result.hits) if group else len(result.hits)
            assert result.total == listed, (query, group)
            assert sum(v.count for v in result.facets["source"]) == result.total, (query, group)
        matched += result.total > 0
    assert matched >= len(QUERIES) - 1, "most queries must match something for this test to mean much"
