"""The HTML pages over real Elasticsearch, through Flask's test client: headers, errors, escaping."""

from dataclasses import replace

from search.dates import persian_digits
from web import create_app


def test_every_page_has_a_strict_csp_and_safety_headers(client):
    for path in ("/", "/?q=ایران", "/no-such-page", "/api/search?q=ایران"):
        response = client.get(path)
        csp = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "style-src 'self'" in csp and "'unsafe-inline'" not in csp, path
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "no-referrer"


def test_unknown_page_is_a_persian_404_and_the_api_keeps_json(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert '<html lang="fa" dir="rtl">' in html and "این صفحه پیدا نشد" in html
    api = client.get("/api/no-such-endpoint")
    assert api.status_code == 404 and "error" in api.get_json()


def test_elasticsearch_down_is_a_persian_503(es_settings):
    app = create_app(replace(es_settings, es_url="http://127.0.0.1:9"))
    response = app.test_client().get("/", query_string={"q": "ایران"})
    assert response.status_code == 503
    html = response.get_data(as_text=True)
    assert "سرویس جست‌وجو در دسترس نیست" in html and 'value="ایران"' in html, "the query is kept"
    for path in ("/article/demo-001", "/country/IR", "/official/sergei-shoigu"):
        response = app.test_client().get(path)
        assert response.status_code == 503 and "سرویس جست‌وجو در دسترس نیست" in response.get_data(as_text=True)


def test_bad_date_on_the_page_is_a_persian_400_that_keeps_the_input(client):
    response = client.get("/", query_string={"q": "تحریم", "to": "2023-02-30"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "چنین روزی در تقویم نیست" in html and 'value="2023-02-30"' in html


def test_page_counts_and_dates_are_persian(client):
    data = client.get("/api/search", query_string={"q": "ایران"}).get_json()
    html = client.get("/", query_string={"q": "ایران"}).get_data(as_text=True)
    assert f"{persian_digits(data['total'])} نتیجه" in html
    assert "<svg" in html and 'class="bar"' in html, "the timeline is rendered by the server"
    assert "<script>" not in html and " style=" not in html


def test_api_and_page_accept_jalali_dates(client):
    jalali = client.get("/api/search", query_string={"from": "۱۴۰۲/۰۱/۰۱", "to": "۱۴۰۲/۱۲/۲۹", "size": 50}).get_json()
    gregorian = client.get("/api/search", query_string={"from": "2023-03-21", "to": "2024-03-19", "size": 50}).get_json()
    assert jalali["total"] == gregorian["total"] > 0
    assert {r["id"] for r in jalali["results"]} == {r["id"] for r in gregorian["results"]}


def test_hostile_article_text_and_url_are_escaped_and_never_linked(es, es_settings, fresh_alias):
    from datetime import date

    from search import indexer
    from search.enrich import get_enricher
    from search.model import Article

    hostile = Article(id="hostile-1", title='<script>alert("t")</script> ایران',
                      body='متن <img src=x onerror=alert(1)> دربارهٔ ایران و "روسیه" & سوریه.',
                      source="<b>منبع</b>", published=date(2023, 8, 22), url="javascript:alert(document.cookie)")
    target = indexer.ensure_index(es, fresh_alias)
    report = indexer.load(es, target, [get_enricher().document(hostile)])
    assert not report.rejected
    es.indices.refresh(index=fresh_alias)
    client = create_app(replace(es_settings, index_alias=fresh_alias)).test_client()
    for path in ("/?q=ایران", "/article/hostile-1"):
        html = client.get(path).get_data(as_text=True)
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>منبع</b>" not in html, path
        assert "javascript:" not in html, path
        assert "&lt;script&gt;" in html, path
    article = client.get("/article/hostile-1").get_data(as_text=True)
    assert "&lt;img src=x onerror=alert(1)&gt;" in article and 'class="original"' not in article
    assert "۳۱ مرداد ۱۴۰۲" in article


def test_the_page_links_the_feed_and_csv_export_of_the_same_search(client):
    import re
    from html import unescape

    html = client.get("/", query_string={"q": "تحریم", "country": "IR", "page": "2"}).get_data(as_text=True)
    feed = unescape(re.search(r'href="([^"]*feed\.atom[^"]*)"', html).group(1))
    csv = unescape(re.search(r'href="([^"]*export\.csv[^"]*)"', html).group(1))
    for url in (feed, csv):
        assert "country=IR" in url and "page=" not in url, url
    atom = client.get(feed)
    assert atom.status_code == 200 and "atom" in atom.headers["Content-Type"]
    exported = client.get(csv)
    assert exported.status_code == 200 and exported.headers["Content-Type"].startswith("text/csv")
    total = client.get("/api/search", query_string={"q": "تحریم", "country": "IR"}).get_json()["total"]
    rows = exported.get_data(as_text=True).lstrip("\ufeff").strip().splitlines()
    assert len(rows) - 1 == total, "the export is the whole result set the page shows"


def test_other_refused_arguments_are_explained_in_persian(client):
    for args, expected in (({"page": "lots"}, "شماره‌ی صفحه"), ({"sort": "random"}, "ترتیب باید"),
                           ({"page": "999", "size": "100"}, "۱۰٬۰۰۰ نتیجه")):
        response = client.get("/", query_string={"q": "ایران", **args})
        assert response.status_code == 400, args
        assert expected in response.get_data(as_text=True), args
