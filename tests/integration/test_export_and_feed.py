"""CSV / JSON Lines export and the Atom feed over the demo corpus."""

import csv
import io
import json

import feedparser


def test_csv_export_opens_in_a_spreadsheet_with_persian_text(client):
    search = client.get("/api/search", query_string={"q": "ایران", "size": 0}).get_json()
    response = client.get("/api/export.csv", query_string={"q": "ایران"})
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    raw = response.get_data()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == ["id", "title", "source", "published", "published_jalali", "url", "countries",
                             "officials", "organizations", "topics"]
    assert len(rows) == len({r["id"] for r in rows}) == search["total"]
    assert any("ایران" in r["countries"].split("; ") for r in rows)


def test_jsonl_export_takes_the_search_arguments_and_a_limit(client):
    args = {"country": ["IR", "TR"], "sort": "newest"}
    search = client.get("/api/search", query_string={**args, "size": 100}).get_json()
    lines = client.get("/api/export.jsonl", query_string=args).get_data(as_text=True).splitlines()
    rows = [json.loads(line) for line in lines]
    assert [r["id"] for r in rows] == [r["id"] for r in search["results"]]
    assert all({"ایران", "ترکیه"} <= set(r["countries"]) for r in rows)
    limited = client.get("/api/export.jsonl", query_string={**args, "limit": 2}).get_data(as_text=True)
    assert len(limited.splitlines()) == 2


def test_export_with_a_disjunctive_selection_matches_the_search(client):
    sources = client.get("/api/search", query_string={"size": 0}).get_json()["facets"]["source"]
    chosen = [s["value"] for s in sources[:2]]
    total = client.get("/api/search", query_string={"source": chosen, "size": 0}).get_json()["total"]
    lines = client.get("/api/export.jsonl", query_string={"source": chosen}).get_data(as_text=True).splitlines()
    assert len(lines) == total == sources[0]["count"] + sources[1]["count"]


def test_export_refuses_bad_arguments_before_streaming(client):
    response = client.get("/api/export.csv", query_string={"limit": "many"})
    assert response.status_code == 400 and "limit" in response.get_json()["error"]


def test_feed_is_valid_atom_newest_first(client):
    response = client.get("/feed.atom", query_string={"q": "ایران"})
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    feed = feedparser.parse(response.get_data())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert "ایران" in feed.feed.title and feed.feed.links
    assert len(feed.entries) > 3
    dates = [e.published_parsed for e in feed.entries]
    assert dates == sorted(dates, reverse=True)
    first = feed.entries[0]
    assert first.title and first.id.endswith(f"/api/articles/{first.id.rsplit('/', 1)[1]}")
    assert first.link.startswith(("http://", "https://")) and first.summary


def test_feed_follows_the_facets_and_refuses_bad_arguments(client):
    feed = feedparser.parse(client.get("/feed.atom", query_string={"country": "SY"}).get_data())
    total = client.get("/api/search", query_string={"country": "SY", "size": 0}).get_json()["total"]
    assert len(feed.entries) == min(total, 30) and not feed.bozo
    response = client.get("/feed.atom", query_string={"from": "yesterday"})
    assert response.status_code == 400 and "from" in response.get_json()["error"]
