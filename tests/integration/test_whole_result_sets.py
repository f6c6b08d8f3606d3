"""More than 10,000 matching articles: a cursor and the CSV export return every one of them exactly once.
The corpus is a few enriched articles copied with distinct ids and dates (bulk-indexed in seconds)."""

import csv
import io
import uuid
from dataclasses import replace
from datetime import date, timedelta

import pytest

from search import indexer
from search.enrich import get_enricher
from search.model import Article

COPIES = 10_500
TEMPLATES = [
    ("تحریم‌های تازه", "وزرای خارجه ایران و ترکیه درباره تحریم‌ها و تجارت مرزی گفت‌وگو کردند."),
    ("نشست مسکو", "نشست وزرای دفاع روسیه و سوریه در مسکو درباره امنیت مرزها برگزار شد."),
    ("بازار نفت", "وزیر نفت گفت قیمت نفت پس از تصمیم اوپک پلاس برای کاهش تولید افزایش یافت."),
]


@pytest.fixture(scope="module")
def large_app(es, es_settings):
    from web import create_app

    alias = f"test-large-{uuid.uuid4().hex[:8]}"
    target = indexer.ensure_index(es, alias)
    enricher = get_enricher()
    templates = [enricher.document(Article(id=f"t{i}", title=t, body=b)) for i, (t, b) in enumerate(TEMPLATES)]
    start = date(2020, 1, 1)

    def copies():
        for n in range(COPIES):
            doc = dict(templates[n % len(templates)])
            doc["id"] = f"copy-{n:05d}"
            doc["published"] = (start + timedelta(days=n % 1500)).isoformat()  # many share a date: ties
            doc["source"] = ("ایرنا", "ایسنا", "تسنیم")[n % 3]
            yield doc

    report = indexer.load(es, target, copies(), chunk_size=2000)
    assert report.indexed == COPIES
    yield create_app(replace(es_settings, index_alias=alias))
    indexer.delete_alias_and_indices(es, alias)


def test_cursor_walks_past_ten_thousand_to_exactly_total_distinct_articles(large_app):
    client = large_app.test_client()
    args = {"q": "وزیر", "size": 100, "sort": "newest", "group": "none"}  # every article, not one per story
    page = client.get("/api/search", query_string=args).get_json()
    total = page["total"]
    assert total > 10_000
    seen = [r["id"] for r in page["results"]]
    while page["next_cursor"]:
        page = client.get("/api/search", query_string={**args, "cursor": page["next_cursor"]}).get_json()
        seen += [r["id"] for r in page["results"]]
    assert len(seen) == len(set(seen)) == total


def test_paging_past_the_window_points_to_the_cursor(large_app):
    response = large_app.test_client().get("/api/search", query_string={"q": "وزیر", "page": 200, "size": 100})
    assert response.status_code == 400 and "next_cursor" in response.get_json()["error"]


def test_csv_export_has_every_matching_article_once(large_app):
    client = large_app.test_client()
    total = client.get("/api/search", query_string={"q": "وزیر", "size": 0}).get_json()["total"]
    raw = client.get("/api/export.csv", query_string={"q": "وزیر"}).get_data()
    ids = [row["id"] for row in csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))]
    assert len(ids) == len(set(ids)) == total > 10_000
