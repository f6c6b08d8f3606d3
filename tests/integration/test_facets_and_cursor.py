"""Facet semantics and cursors over the demo corpus (own alias per session)."""

from search.cursor import decode


def _get(client, **args):
    response = client.get("/api/search", query_string=args)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def _facet(data, name):
    return {f["value"]: f["count"] for f in data["facets"][name]}


def test_two_countries_mean_articles_naming_both(client):
    iran = _get(client, country="IR", size=100)
    both = _get(client, country=["IR", "TR"], size=100)
    assert 0 < both["total"] < iran["total"]
    assert all({"IR", "TR"} <= {c["id"] for c in r["countries"]} for r in both["results"])


def test_entity_facet_counts_are_co_mentions_equal_to_the_total_of_adding_them(client):
    selected = _get(client, q="وزیر", country="IR", size=0)
    counts = _facet(selected, "countries")
    assert counts["IR"] == selected["total"]
    for value, count in list(counts.items())[:6]:
        if value != "IR":
            assert _get(client, q="وزیر", country=["IR", value], size=0)["total"] == count, value
    officials = _facet(selected, "officials")
    for value, count in list(officials.items())[:3]:
        assert _get(client, q="وزیر", country="IR", official=value, size=0)["total"] == count, value


def test_source_and_year_widen_and_keep_counting_the_other_values(client):
    everything = _get(client, size=0)
    sources = _facet(everything, "source")
    first, second = list(sources)[:2]
    one = _get(client, source=first, size=0)
    assert one["total"] == sources[first]
    # the other sources keep their counts, so the user can add one
    assert _facet(one, "source")[second] == sources[second]
    two = _get(client, source=[first, second], size=0)
    assert two["total"] == sources[first] + sources[second]
    years = _facet(everything, "published_years")
    year, count = next(iter(years.items()))
    by_year = _get(client, year=year, size=0)
    assert by_year["total"] == count and _facet(by_year, "published_years") == years
    # an entity value's count under a year selection is the total once it is added
    country, co_count = next(iter(_facet(by_year, "countries").items()))
    assert _get(client, year=year, country=country, size=0)["total"] == co_count


def test_cursor_walks_the_whole_result_set_without_repeats(client):
    # cursors walk articles (group=none): one result per story pages with `page` instead
    first = _get(client, group="none", q="ایران", size=7, sort="newest")
    ids = [r["id"] for r in first["results"]]
    cursor = first["next_cursor"]
    steps = 0
    while cursor:
        page = _get(client, group="none", q="ایران", size=7, sort="newest", cursor=cursor)
        # every step says the same totals as the first page (counted once on the point in time, then carried)
        assert (page["total"], page["total_all_words"], page["total_stories"]) \
            == (first["total"], first["total_all_words"], first["total_stories"])
        # and no facets: the walk's facets are its first page's
        assert page["facets_included"] is False and page["facets"] == {}
        ids += [r["id"] for r in page["results"]]
        cursor, steps = page["next_cursor"], steps + 1
    assert first["facets_included"] is True and first["facets"]["countries"]
    assert steps >= 2 and len(ids) == len(set(ids)) == first["total"]


def test_relevance_order_continues_through_the_cursor(client):
    whole = [r["id"] for r in _get(client, group="none", q="تحریم", size=30)["results"]]
    first = _get(client, group="none", q="تحریم", size=4)
    second = _get(client, group="none", q="تحریم", size=4, cursor=first["next_cursor"])
    assert [r["id"] for r in first["results"] + second["results"]] == whole[:8]


def test_bad_foreign_and_expired_cursors_are_clear_errors(client, es):
    response = client.get("/api/search", query_string={"q": "ایران", "group": "none", "cursor": "garbage"})
    assert response.status_code == 400 and "cursor" in response.get_json()["error"]
    cursor = _get(client, group="none", q="ایران", size=2)["next_cursor"]
    response = client.get("/api/search", query_string={"q": "روسیه", "group": "none", "cursor": cursor})
    assert response.status_code == 400 and "different search" in response.get_json()["error"]
    # a walk under way, then its point in time is gone (expired or closed)
    step = _get(client, group="none", q="ایران", size=2, cursor=cursor)
    es.close_point_in_time(id=decode(step["next_cursor"]).pit_id)
    response = client.get("/api/search", query_string={"q": "ایران", "group": "none", "size": 2, "cursor": step["next_cursor"]})
    assert response.status_code == 410 and "start again" in response.get_json()["error"]


def test_total_counts_every_article_the_ranked_query_matches(client, es, demo_alias):
    # the counts are made apart from the ranked hits, with a lighter query: it must match the very same articles
    from search.model import SearchRequest
    from web.services import search_service

    with client.application.app_context():
        builder = search_service().builder
    for q in ('"وزیر امور خارجه" تحریم', "همکاری اقتصادی", "نفت -عراق", "زلزله OR سیل"):
        body, _ = builder.build(SearchRequest(query=q))
        ranked = es.count(index=demo_alias, query=body["query"])["count"]
        shown = _get(client, q=q, size=0)
        assert shown["total"] == ranked > 0, q
