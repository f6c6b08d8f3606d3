"""Ranking behaviour a journalist notices: every word first, partial matches after, and the same results
whether or not the articles kept their zero-width non-joiners."""

import json
from dataclasses import replace

import pytest

from search import indexer
from search.enrich import get_enricher
from search.model import Article
from search.sources import read_articles
from tests.conftest import DEMO_CORPUS, ROOT, SEED_FILE

ZWNJ = "\u200c"


@pytest.fixture()
def small_client(es, es_settings, fresh_alias):
    def make(articles: list[Article]):
        target = indexer.ensure_index(es, fresh_alias)
        enricher = get_enricher()
        indexer.load(es, target, (enricher.document(a) for a in articles))
        from web import create_app

        return create_app(replace(es_settings, index_alias=fresh_alias)).test_client()
    return make


def test_articles_with_every_word_rank_first_then_partial_matches(small_client):
    client = small_client([
        Article("both", "زلزله شش ریشتری استان هاتای ترکیه را لرزاند و خانه‌ها ویران شد.", "زلزله در ترکیه"),
        Article("quake-only", "زلزله، زلزله و باز هم زلزله: ژاپن پس از زلزله بزرگ بازسازی می‌شود. زلزله",
                "زلزله ژاپن"),
        Article("turkey-only", "ترکیه و یونان درباره مرزهای دریایی گفت‌وگو کردند.", "ترکیه و یونان"),
        Article("neither", "بازار ارز امروز آرام بود.", "بازار ارز"),
    ])
    data = client.get("/api/search", query_string={"q": "زلزله ترکیه"}).get_json()
    ids = [r["id"] for r in data["results"]]
    assert ids[0] == "both"  # though quake-only says زلزله five times
    assert set(ids[1:]) == {"quake-only", "turkey-only"}
    assert data["total"] == 3 and data["total_all_words"] == 1
    page = client.get("/", query_string={"q": "زلزله ترکیه"}).get_data(as_text=True)
    assert "۳ نتیجه (۱ با همه واژه‌ها" in page  # Persian digits on the page
    # a single word: every match has all the words
    single = client.get("/api/search", query_string={"q": "زلزله"}).get_json()
    assert single["total"] == single["total_all_words"] == 2
    # sorted by date, partial matches would be mixed in: only articles with every word
    newest = client.get("/api/search", query_string={"q": "زلزله ترکیه", "sort": "newest"}).get_json()
    assert [r["id"] for r in newest["results"]] == ["both"] and newest["total"] == newest["total_all_words"] == 1
    # an exclusion still excludes partial matches
    excluded = client.get("/api/search", query_string={"q": "زلزله ترکیه -ژاپن"}).get_json()
    assert [r["id"] for r in excluded["results"]] == ["both", "turkey-only"]


def test_articles_stripped_of_every_zwnj_rank_the_same(es, es_settings, client, small_client):
    """Scraped news loses every ZWNJ; the demo corpus stripped of them gives the same results in the same order
    for every development query."""
    stripped = [replace(a, title=a.title.replace(ZWNJ, ""), body=a.body.replace(ZWNJ, ""))
                for a in read_articles([DEMO_CORPUS, SEED_FILE]) if isinstance(a, Article)]
    assert sum(ZWNJ in a.body for a in read_articles([DEMO_CORPUS]) if isinstance(a, Article)) > 20
    stripped_client = small_client(stripped)
    queries = json.loads((ROOT / "bench" / "relevance" / "queries.json").read_text(encoding="utf-8"))["queries"]
    for q in queries:
        original = client.get("/api/search", query_string={"q": q["query"]}).get_json()
        without = stripped_client.get("/api/search", query_string={"q": q["query"]}).get_json()
        assert [r["id"] for r in without["results"]] == [r["id"] for r in original["results"]], q["query"]
        assert without["total"] == original["total"], q["query"]


def test_a_misspelt_query_offers_a_correction_from_the_index(client):
    # a dot slip (غ for ع) in one word: partial matches only, and the API offers the spelling the articles use
    data = client.get("/api/search", query_string={"q": "وزرای دفاغ"}).get_json()
    assert data["total_all_words"] == 0
    assert data["did_you_mean"] == "وزرای دفاع"
    corrected = client.get("/api/search", query_string={"q": data["did_you_mean"]}).get_json()
    assert corrected["total_all_words"] >= 3 and corrected["did_you_mean"] is None
    page = client.get("/", query_string={"q": "وزرای دفاغ"}).get_data(as_text=True)
    assert 'class="did-you-mean"' in page and "وزرای دفاع</a> بود؟" in page
    # a sound-alike letter (ص for س) and a word typed apart, next to an exclusion that stays as typed
    assert client.get("/api/search", query_string={"q": "صوریه -ترکیه"}).get_json()["did_you_mean"] == "سوریه -ترکیه"
    # a query that finds plenty offers nothing
    assert client.get("/api/search", query_string={"q": "تحریم"}).get_json()["did_you_mean"] is None
