"""The JSON API and the page over the demo corpus + seed (indexed once per session into its own alias)."""


def test_api_search_shape(client):
    response = client.get("/api/search", query_string={"q": "تحریم"})
    assert response.status_code == 200
    data = response.get_json()
    assert data["total"] > 0
    first = data["results"][0]
    assert {"id", "title", "snippet", "source", "published", "url"} <= set(first)
    assert set(data["facets"]) >= {"countries", "officials", "organizations", "topics", "source"}
    assert "<mark>" in "".join(r["snippet"] + r["title_html"] for r in data["results"])


def test_facet_labels_come_from_the_knowledge_base(client):
    data = client.get("/api/search", query_string={"q": "سوریه"}).get_json()
    countries = {f["value"]: f["label"] for f in data["facets"]["countries"]}
    assert countries["SY"] == "سوریه"


def test_facet_filter_narrows_results_and_keeps_other_values(client):
    everything = client.get("/api/search", query_string={"q": "", "size": 0}).get_json()
    filtered = client.get("/api/search", query_string={"country": "SY", "size": 50}).get_json()
    assert 0 < filtered["total"] < everything["total"]
    assert all(any(c["id"] == "SY" for c in r["countries"]) for r in filtered["results"])
    # multi-select: the country facet still offers the other countries
    assert len(filtered["facets"]["countries"]) > 1
    selected = [f for f in filtered["facets"]["countries"] if f["selected"]]
    assert [f["value"] for f in selected] == ["SY"]


def test_bad_arguments_are_clear_400s(client):
    response = client.get("/api/search", query_string={"size": "lots"})
    assert response.status_code == 400 and "size" in response.get_json()["error"]
    response = client.get("/api/search", query_string={"from": "2024-13-45"})
    assert response.status_code == 400


def test_page_is_persian_rtl_with_results(client):
    response = client.get("/", query_string={"q": "تحریم"})  # in the demo corpus (the seed may be absent)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<html lang="fa" dir="rtl">' in html
    assert 'name="q"' in html and "<mark>" in html and "/api/search?q=" in html


def test_health(client):
    data = client.get("/api/health").get_json()
    assert data["status"] == "ok" and data["elasticsearch"].startswith("9.")


def test_entity_names_find_articles_that_use_another_name(client):
    # the demo corpus never writes IAEA in Latin letters; the knowledge base knows it is آژانس بین‌المللی انرژی اتمی
    data = client.get("/api/search", query_string={"q": "IAEA"}).get_json()
    assert data["total"] > 0
    assert all(any(o["id"] == "iaea" for o in r["organizations"]) for r in data["results"])


def test_hyphenated_and_marked_up_queries_are_split_into_words(client):
    plain = client.get("/api/search", query_string={"q": "ایران روسیه"}).get_json()
    hyphen = client.get("/api/search", query_string={"q": "ایران-روسیه"}).get_json()
    assert hyphen["total"] == plain["total"] > 0


def test_dates_come_in_both_calendars(client):
    data = client.get("/api/search", query_string={"q": "پهپاد مهاجر"}).get_json()
    first = data["results"][0]
    assert (first["published"], first["published_jalali"]) == ("2023-08-22", "1402-05-31")
    html = client.get("/", query_string={"q": "پهپاد مهاجر"}).get_data(as_text=True)
    assert "۳۱ مرداد ۱۴۰۲" in html
