"""Names pasted from English wires find the articles that name the person in Persian."""

import pytest

from search import indexer
from search.enrich import get_enricher
from search.model import Article, SearchRequest
from search.service import SearchService

ARTICLES = [
    ("p1", "دیدار پوتین و شی", "ولادیمیر پوتین، رئیس‌جمهور روسیه، در مسکو با همتای چینی خود دیدار کرد."),
    ("p2", "سخنان رئیس‌جمهور روسیه", "پوتین روز جمعه گفت روسیه به گفت‌وگو آماده است."),
    ("g1", "هشدار دبیرکل", "آنتونیو گوترش، دبیرکل سازمان ملل متحد، درباره بحران غذا هشدار داد."),
    ("s1", "وزیر دفاع روسیه", "سرگئی شویگو، وزیر دفاع روسیه، از پایگاه حمیمیم در سوریه بازدید کرد."),
    ("e1", "سفر اردوغان", "رجب طیب اردوغان، رئیس‌جمهور ترکیه، به باکو سفر کرد."),
    ("a1", "مذاکرات مسقط", "سیدعباس عراقچی، وزیر امور خارجه، در مسقط با میانجی عمانی دیدار کرد."),
    ("x1", "بازار نفت", "قیمت نفت خام در بازارهای جهانی کاهش یافت."),
]


@pytest.fixture(scope="module")
def service(es):
    alias = "test-latin-" + __import__("uuid").uuid4().hex[:8]
    target = indexer.ensure_index(es, alias)
    enricher = get_enricher()
    indexer.load(es, target, [enricher.document(Article(id=i, title=t, body=b)) for i, t, b in ARTICLES])
    yield SearchService(es, alias)
    indexer.delete_alias_and_indices(es, alias)


def _ids(service, query):
    return {h.id for h in service.search(SearchRequest(query=query, size=50)).hits}


@pytest.mark.parametrize("latin, persian", [
    ("Putin", "پوتین"), ("Vladimir Putin", "پوتین"), ("Guterres", "گوترش"), ("Shoigu", "شویگو"),
    ("Erdoğan", "اردوغان"), ("Erdogan", "اردوغان"), ("Araghchi", "عراقچی"), ("Araqchi", "عراقچی"),
])
def test_latin_name_finds_the_same_articles_as_the_persian_one(service, latin, persian):
    found = _ids(service, latin)
    assert found and found == _ids(service, persian)


def test_latin_name_marks_the_persian_name_in_snippets(service):
    hit = service.search(SearchRequest(query="Shoigu")).hits[0]
    assert "<mark>شویگو</mark>" in hit.snippet


def _with_every_word(service, query):
    """The articles with every word of the query: they rank first (articles with some of the words follow)."""
    result = service.search(SearchRequest(query=query, size=50))
    return {h.id for h in result.hits[:result.total_all_words]}


def test_latin_name_combines_with_persian_words(service):
    assert _with_every_word(service, "Shoigu سوریه") == {"s1"}
    assert _with_every_word(service, "Putin مسکو") == _with_every_word(service, "پوتین مسکو") == {"p1"}
