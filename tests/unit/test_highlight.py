from search.highlight import mark, snippet
from search.query import QueryBuilder
from search.model import SearchRequest


def _wanted(analyzer, query):
    return QueryBuilder(analyzer).build(SearchRequest(query=query))[1]


def test_reduced_form_matches_are_marked(analyzer):
    html = mark(analyzer, "نشست وزرای دفاع در مسکو", _wanted(analyzer, "وزیر"))
    assert html == "نشست <mark>وزرای</mark> دفاع در مسکو"


def test_synonym_matches_are_marked(analyzer):
    html = mark(analyzer, "بازگشت آوارگان سوری", _wanted(analyzer, "پناهجو"))
    assert "<mark>آوارگان</mark>" in html


def test_text_is_escaped(analyzer):
    html = mark(analyzer, "<script>alert(1)</script> ایران", _wanted(analyzer, "ایران"))
    assert "<script>" not in html and "&lt;script&gt;" in html and "<mark>ایران</mark>" in html


def test_snippet_picks_the_window_with_the_matches(analyzer):
    text = "مقدمه " * 200 + "وزرای دفاع ایران و روسیه دیدار کردند. " + "پایان " * 200
    html = snippet(analyzer, text, _wanted(analyzer, "وزیر دفاع"))
    assert "<mark>وزرای</mark> <mark>دفاع</mark>" in html
    assert html.startswith("…") and html.endswith("…") and len(html) < 400


def _every_word_matches(analyzer, text, wanted):
    """The reference: analyse every word of the text (what highlighting did before candidates came first)."""
    spans = []
    for start, end, word in analyzer.word_spans(text):
        terms = analyzer.term_of(word)
        if (set(terms) & wanted.terms) or analyzer.surface(word) in wanted.surfaces:
            spans.append((start, end))
    return spans


def test_candidate_search_marks_the_same_words_as_analysing_every_word(analyzer):
    import json

    from search.highlight import _matches
    from tests.conftest import DEMO_CORPUS

    articles = [json.loads(line) for line in DEMO_CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    queries = ["وزیر دفاع", "تحریم", "ایران روسیه", "پناهجو", "زلزله", "ایالات متحده", "نفت", "می‌شود",
               "انتخابات", "تروریست", "2023", "مذاکرات هسته‌ای", "سوریه", "قیمت‌ها", "کشورهای منطقه"]
    compared = marked = 0
    for query in queries:
        wanted = _wanted(analyzer, query)
        for article in articles:
            for text in (article.get("title", ""), article["body"]):
                expected = _every_word_matches(analyzer, text, wanted)
                assert [(s, e) for s, e, _ in _matches(analyzer, text, wanted)] == expected, (query, text[:60])
                compared += 1
                marked += len(expected)
    assert compared > 1000 and marked > 200
