"""Stored data cannot run script in the page; every response carries the security headers."""

import pytest

from search import indexer
from search.enrich import get_enricher
from search.model import Article


@pytest.fixture()
def hostile_client(es, es_settings, fresh_alias):
    from dataclasses import replace

    from web import create_app

    target = indexer.ensure_index(es, fresh_alias)
    enricher = get_enricher()
    indexer.load(es, target, [
        enricher.document(Article(id="evil", title="<script>alert(1)</script> تحریم", body="تحریم نفت ایران",
                                  url="javascript:alert(document.cookie)")),
        enricher.document(Article(id="data", title="تحریم دوم", body="تحریم بانک‌ها", url=" JavaScript:alert(2)")),
        enricher.document(Article(id="good", title="تحریم سوم", body="تحریم کشتیرانی", url="https://example.org/a")),
    ])
    return create_app(replace(es_settings, index_alias=fresh_alias)).test_client()


def test_only_http_links_are_rendered_and_markup_is_escaped(hostile_client):
    html = hostile_client.get("/", query_string={"q": "تحریم"}).get_data(as_text=True)
    assert "javascript:" not in html.lower() and "<script>alert" not in html
    # results link to the article page; the article page links the original, and only when it is http(s)
    articles = {i: hostile_client.get(f"/article/{i}").get_data(as_text=True) for i in ("evil", "data", "good")}
    assert 'href="https://example.org/a"' in articles["good"]
    assert all("javascript:" not in a.lower() and "<script>alert" not in a for a in articles.values())
    data = hostile_client.get("/api/search", query_string={"q": "تحریم"}).get_json()
    urls = {r["id"]: r["url"] for r in data["results"]}
    assert urls == {"evil": None, "data": None, "good": "https://example.org/a"}
    assert hostile_client.get("/api/articles/evil").get_json()["url"] is None
    assert "javascript" not in hostile_client.get("/feed.atom", query_string={"q": "تحریم"}).get_data(as_text=True)


@pytest.mark.parametrize("url", ["/", "/api/search?q=x", "/api/articles/nothing", "/feed.atom", "/api/nowhere"])
def test_security_headers_on_every_response(client, url):
    response = client.get(url)
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_unknown_api_paths_are_json_404s(client):
    response = client.get("/api/nowhere")
    assert response.status_code == 404 and "error" in response.get_json()
    assert client.post("/api/search").status_code == 405


def test_pages_have_no_inline_script_or_style(client):
    html = client.get("/", query_string={"q": "ایران"}).get_data(as_text=True)
    import re

    # scripts only from this app's static files (the autocomplete), never inline
    assert not re.search(r"<script(?![^>]*\bsrc=)", html) and "<style" not in html
    assert "style=" not in html and "onclick" not in html.lower()


@pytest.mark.parametrize("url", ["/api/search?q=x", "/api/export.csv?q=x", "/api/export.jsonl", "/feed.atom",
                                 "/api/articles/demo-001", "/api/articles/demo-001/similar",
                                 "/api/entities/country/IR", "/api/suggest?q=Shoi"])
def test_elasticsearch_down_is_a_503_json(es_settings, url):
    from dataclasses import replace

    from web import create_app

    app = create_app(replace(es_settings, es_url="http://127.0.0.1:9"))  # nothing listens on the discard port
    response = app.test_client().get(url)
    assert response.status_code == 503 and "Elasticsearch" in response.get_json()["error"]
