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
