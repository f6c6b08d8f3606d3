import json

import pytest

from search.model import SearchRequest
from search.query import Clause, QueryBuilder, QueryError, parse_query


def test_parse_words_phrases_exclusions_and_or():
    parsed = parse_query('تحریم "تمامیت ارضی" -نفت -"خلیج فارس" زلزله OR سیل')
    assert parsed.groups == ((Clause("تحریم"), Clause("تمامیت ارضی", phrase=True), Clause("زلزله")),
                             (Clause("سیل"),))
    assert parsed.excluded == (Clause("نفت"), Clause("خلیج فارس", phrase=True))


def test_parse_persian_quotes():
    assert parse_query("«تمامیت ارضی»").groups == ((Clause("تمامیت ارضی", phrase=True),),)


@pytest.fixture(scope="module")
def builder(analyzer):
    return QueryBuilder(analyzer)


def _text(body):
    return json.dumps(body, ensure_ascii=False)


def test_query_uses_the_analyzer_terms(builder):
    body, wanted = builder.build(SearchRequest(query="وزرای دفاع"))
    text = _text(body["query"])
    assert '"وزیر"' in text and '"body_terms"' in text
    assert {"وزیر", "دفاع"} <= wanted.terms and "وزرای" in wanted.surfaces


def test_arabic_letters_and_digits_in_queries_are_normalised(builder):
    first, _ = builder.build(SearchRequest(query="وزير ۲۰۲۳"))
    second, _ = builder.build(SearchRequest(query="وزیر 2023"))
    assert first == second


def test_synonyms_expand_at_query_time(builder):
    body, wanted = builder.build(SearchRequest(query="پناهجو"))
    text = _text(body["query"])
    assert "آواره" in text and "پناهنده" in text
    assert "آواره" in wanted.terms
    body, _ = builder.build(SearchRequest(query="دولت اسلامی"))
    assert "داعش" in _text(body["query"])


def test_exclusion_goes_to_must_not(builder):
    body, _ = builder.build(SearchRequest(query="تحریم -نفت"))
    assert "نفت" in _text(body["query"]["bool"]["must_not"])


def test_entity_facet_values_are_all_required_and_disjunctive_facets_widen(builder):
    request = SearchRequest(query="", filters={"countries": ("IR", "TR"), "source": ("ایرنا", "ایسنا"),
                                               "published_years": ("2023",)})
    body, _ = builder.build(request)
    # both countries, in the query (so every facet counts co-mentions under them)
    assert {"bool": {"filter": [{"term": {"countries": "IR"}}, {"term": {"countries": "TR"}}]}} \
        in body["query"]["bool"]["filter"]
    # source and year: any of the values, in post_filter; each facet counts under the other's selection only
    widening = body["post_filter"]["bool"]["filter"]
    assert {"terms": {"source": ["ایرنا", "ایسنا"]}} in widening and len(widening) == 2
    assert body["aggs"]["source"]["filter"]["bool"]["filter"] == [widening[1]]
    assert body["aggs"]["published_years"]["filter"]["bool"]["filter"] == [widening[0]]
    assert body["aggs"]["countries"]["filter"]["bool"]["filter"] == widening


def test_empty_query_sorts_newest_first(builder):
    body, _ = builder.build(SearchRequest())
    assert body["query"] == {"match_all": {}}
    assert "published" in body["sort"][0]


def test_stopword_only_query_matches_nothing(builder):
    body, _ = builder.build(SearchRequest(query="و از به"))
    assert body["query"] == {"bool": {"must_not": [{"match_all": {}}]}}


def test_paging_beyond_the_window_is_refused(builder):
    with pytest.raises(QueryError):
        builder.build(SearchRequest(query="x", page=2000, size=10))


def test_entity_lookup_adds_a_facet_term(analyzer):
    builder = QueryBuilder(analyzer, entities=lambda text: [("organizations", "iaea")] if text == "IAEA" else [])
    body, _ = builder.build(SearchRequest(query="IAEA"))
    assert '{"term": {"organizations": {"value": "iaea"' in _text(body["query"])


def test_a_year_also_matches_the_publication_year(builder):
    body, _ = builder.build(SearchRequest(query="زلزله 2023"))
    assert '{"range": {"published": {"gte": "2023-01-01", "lte": "2023-12-31"' in _text(body["query"])
    body, _ = builder.build(SearchRequest(query="تورم ۱۴۰۲"))  # Jalali year: 1 Farvardin 1402 .. 29 Esfand 1402
    assert '{"range": {"published": {"gte": "2023-03-21", "lte": "2024-03-19"' in _text(body["query"])


def test_two_words_the_lexicon_knows_as_one_compound_match_it(builder):
    body, wanted = builder.build(SearchRequest(query="زمین لرزه"))
    text = _text(body["query"])
    assert '"زمینلرزه"' in text and "زمین لرزه" in text
    assert "زمینلرزه" in wanted.terms


def test_hyphenated_query_words_become_separate_clauses():
    assert parse_query("ایران-روسیه").groups == ((Clause("ایران"), Clause("روسیه")),)
    assert parse_query("1402/09/12").groups == ((Clause("1402/09/12"),),)


def test_query_words_with_diacritics_stay_one_word():
    assert parse_query("مُحَمَّد ســوریه").groups == ((Clause("محمد"), Clause("سوریه")),)


def _without_exclusions(node):
    if isinstance(node, dict):
        return {k: _without_exclusions(v) for k, v in node.items() if k != "must_not"}
    if isinstance(node, list):
        return [_without_exclusions(v) for v in node]
    return node


def test_the_broad_check_counts_without_phrases_but_keeps_selections_and_exclusions(analyzer):
    # deciding whether facets are estimated: word positions make the count slow, the words alone give nearly it
    from search.query import broad_check, split_counts

    body, _ = QueryBuilder(analyzer).build(SearchRequest(query='"وزیر امور خارجه" -"شورای امنیت"',
                                                         filters={"countries": ("IR",)}))
    counts = split_counts(body)[1][0]
    check = broad_check(counts, 100_000)
    assert check["track_total_hits"] == 100_001 and check["size"] == 0  # more than 100,000 is broad
    assert "match_phrase" in json.dumps(_without_exclusions(counts["query"]))
    assert "match_phrase" not in json.dumps(_without_exclusions(check["query"]))
    text = json.dumps(check["query"], ensure_ascii=False)
    assert '"IR"' in text  # the selection still narrows the count
    assert "must_not" in text and "شورای امنیت" in text  # so does the excluded phrase
    assert "وزیر" in text  # and the phrase's words
