"""News as it arrives, end to end on the real Elasticsearch: feeds and pages served over HTTP from 127.0.0.1,
`watch --once` over rounds and restarts, validation through the CLI, duplicates and story grouping in search."""

import json
from dataclasses import replace
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from search.cli import main
from tests.integration.feeds_server import FeedSite
from tests.unit.test_stories import OTHER, REPORT, REWRITE

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "intake"


def rss(title: str, items: list[dict], site: str = "https://www.irna.ir/") -> str:
    entries = "".join(
        f"<item><title>{escape(i['title'])}</title><link>{i['link']}</link><guid>{i['guid']}</guid>"
        f"<pubDate>{i['date']}</pubDate><description>{escape(i['body'])}</description></item>" for i in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>{site}</link>{entries}</channel></rss>")


def item(guid: str, title: str, body: str, date: str = "Wed, 10 May 2023 09:30:00 +0330", link: str = "") -> dict:
    return {"guid": guid, "title": title, "body": body, "date": date,
            "link": link or f"https://www.irna.ir/news/{guid}/"}


def docs_by_id(es, alias) -> dict:
    es.indices.refresh(index=alias)
    hits = es.search(index=alias, size=100, query={"match_all": {}})["hits"]["hits"]
    return {h["_id"]: h["_source"] for h in hits}


def watch_once(sources: Path, state: Path, rejects: Path, capsys) -> tuple[int, str]:
    status = main(["watch", str(sources), "--once", "--state", str(state), "--rejects", str(rejects)])
    return status, capsys.readouterr().err


def test_watch_two_rounds_and_a_restart(es, fresh_alias, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SEARCH_INDEX", fresh_alias)
    with FeedSite() as site:
        first = item("100", "نشست وزرای خارجه در مسکو", REPORT)
        quake = item("101", "زلزله در کرمان", OTHER)
        irna = site.put("/irna.xml", rss("ایرنا", [first, quake]))
        atom = site.put("/atom.xml", (FIXTURES / "atom.xml").read_bytes(), "application/atom+xml")
        broken = site.put("/broken.xml", (FIXTURES / "broken.xml").read_bytes())
        page_url = site.put("/news/metro", (FIXTURES / "page.html").read_bytes(), "text/html; charset=utf-8")
        pages = site.put("/pages.xml", rss("تسنیم", [item("200", "افتتاح خط جدید مترو تهران",
                                                          "خط هفت مترو افتتاح شد.", link=page_url)], site=""))
        sources = tmp_path / "sources.toml"
        sources.write_text(
            "per_host_delay_seconds = 0.01\ntimeout_seconds = 5\n"
            f'[[feed]]\nurl = "{irna}"\nsource = "خبرگزاری جمهوری اسلامی"\n'
            f'[[feed]]\nurl = "{atom}"\n[[feed]]\nurl = "{broken}"\n'
            f'[[feed]]\nurl = "{pages}"\nfetch_pages = true\n', encoding="utf-8")
        state, rejects = tmp_path / "state.json", tmp_path / "rejects.jsonl"

        # round 1: everything readable is indexed; the broken feed is reported and the others go on
        status, log = watch_once(sources, state, rejects, capsys)
        assert status == 1
        assert "broken.xml: FAILED" in log and "2 new, 0 updated" in log and "1 of 4 feed(s) failed" in log
        docs = docs_by_id(es, fresh_alias)
        assert len(docs) == 4
        by_title = {d["title"]: d for d in docs.values()}
        assert by_title["نشست وزرای خارجه در مسکو"]["source"] == "ایرنا"  # canonical name of the outlet
        metro = by_title["افتتاح خط جدید مترو تهران"]
        assert "ده سال طول کشیده" in metro["body"]  # the page's full text, fetched
        assert "دستتان درد نکند" not in metro["body"] and "اخبار مرتبط" not in metro["body"]
        assert metro["source"] == "خبرگزاری تسنیم" and metro["url"] == page_url

        # round 2, in a new process: one item edited, one new; the unchanged Atom feed answers 304
        edited = item("100", "نشست وزرای خارجه در مسکو (به‌روز شد)", REPORT + " این خبر تکمیل شد.")
        added = item("102", "افزایش قیمت طلا", "قیمت طلا در بازار تهران امروز به رکورد تازه‌ای رسید و سکه نیز گران شد.")
        site.put("/irna.xml", rss("ایرنا", [added, edited, quake]))
        status, log = watch_once(sources, state, rejects, capsys)
        assert "1 new, 1 updated, 1 unchanged" in log and "atom.xml: not modified" in log
        assert site.statuses("/atom.xml") == [200, 304]
        docs = docs_by_id(es, fresh_alias)
        assert len(docs) == 5  # the new item once; the edited one replaced, not doubled
        updated = [d for d in docs.values() if d["title"].endswith("(به‌روز شد)")]
        assert len(updated) == 1 and updated[0]["body"].endswith("این خبر تکمیل شد.")
        indexed_at = {i: d["indexed_at"] for i, d in docs.items()}

        # a restart with nothing changed: every feed answers 304, nothing is indexed again
        status, log = watch_once(sources, state, rejects, capsys)
        assert log.count("not modified") == 3 and "0 new, 0 updated" in log
        assert {i: d["indexed_at"] for i, d in docs_by_id(es, fresh_alias).items()} == indexed_at
        saved = json.loads(state.read_text())["feeds"]
        assert saved[broken]["failures"] == 3 and "no element found" in saved[broken]["last_error"]
        assert len(saved[irna]["seen"]) == 3 and saved[irna]["etag"]


def test_validation_through_the_cli_keeps_every_bad_record(es, fresh_alias, tmp_path, monkeypatch, capsys):
    from tests.unit.test_intake import BROKEN_RECORDS

    good = [{"id": f"g{i}", "body": f"خبر درست شماره {i} درباره بودجه", "url": f"https://example.ir/{i}"}
            for i in range(3)]
    lines = [json.dumps(r, ensure_ascii=False) for r in [*good[:2], *(r for r, _ in BROKEN_RECORDS), good[2]]]
    corpus = tmp_path / "mixed.jsonl"
    corpus.write_text("\n".join(lines), encoding="utf-8")
    monkeypatch.setenv("SEARCH_INDEX", fresh_alias)
    rejects = tmp_path / "rejects.jsonl"
    assert main(["index", str(corpus), "--rejects", str(rejects)]) == 0
    assert f"read 15, indexed 3, rejected {len(BROKEN_RECORDS)}" in capsys.readouterr().err
    kept = [json.loads(line) for line in rejects.read_text(encoding="utf-8").splitlines()]
    assert [int(k["origin"].rsplit(":", 1)[1]) for k in kept] == list(range(3, 3 + len(BROKEN_RECORDS)))
    assert all(k["reason"] and k["raw"] for k in kept)
    assert sorted(docs_by_id(es, fresh_alias)) == ["g0", "g1", "g2"]
    # re-running changes nothing
    assert main(["index", str(corpus), "--rejects", str(rejects)]) == 0
    assert sorted(docs_by_id(es, fresh_alias)) == ["g0", "g1", "g2"]


@pytest.fixture()
def stories_app(es, es_settings, fresh_alias, tmp_path, monkeypatch):
    """Four outlets' versions of one story, one other story, and re-sends."""
    from web import create_app

    records = [
        {"id": "irna-1", "title": "نشست چهارجانبه در مسکو", "body": REPORT, "url": "https://www.irna.ir/news/1",
         "published": "2023-05-10"},
        {"id": "isna-7", "title": "دیدار وزیران در مسکو", "body": REWRITE, "url": "https://www.isna.ir/news/7",
         "published": "2023-05-10"},
        {"id": "tasnim-3", "title": "وزرای خارجه چهار کشور", "body": REPORT,  # the same text, another URL
         "url": "https://www.tasnimnews.com/fa/news/3", "published": "2023-05-11"},
        {"id": "mehr-5", "title": "زلزله کرمان", "body": OTHER, "url": "https://www.mehrnews.com/news/5",
         "published": "2023-05-11"},
    ]
    resent = [
        {"id": "irna-1", "title": "نشست چهارجانبه در مسکو (ویرایش)", "body": REPORT, "url": "https://www.irna.ir/news/1",
         "published": "2023-05-10"},  # same id: replaces
        {"id": "hamshahri-9", "title": "تیتر همشهری", "body": REWRITE, "published": "2023-05-12",
         "url": "https://www.hamshahrionline.ir/news/9"},
        {"id": "hamshahri-9-bis", "title": "تیتر همشهری (اصلاح)", "body": REWRITE, "published": "2023-05-12",
         "url": "http://hamshahrionline.ir/news/9/?utm_source=telegram"},  # same URL, new id: replaces hamshahri-9
    ]
    monkeypatch.setenv("SEARCH_INDEX", fresh_alias)
    for number, batch in enumerate((records, resent)):
        path = tmp_path / f"batch{number}.jsonl"
        path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in batch), encoding="utf-8")
        assert main(["index", str(path), "--rejects", str(tmp_path / "r.jsonl")]) == 0
    return create_app(replace(es_settings, index_alias=fresh_alias))


def test_resends_replace_and_copies_are_grouped(es, fresh_alias, stories_app):
    docs = docs_by_id(es, fresh_alias)
    assert sorted(docs) == ["hamshahri-9-bis", "irna-1", "isna-7", "mehr-5", "tasnim-3"]
    assert docs["irna-1"]["title"].endswith("(ویرایش)")
    story = docs["irna-1"]["story_id"]
    assert {i for i, d in docs.items() if d["story_id"] == story} == {"irna-1", "isna-7", "tasnim-3", "hamshahri-9-bis"}
    assert docs["mehr-5"]["story_id"] != story


def test_search_shows_one_result_per_story_and_a_way_to_see_all(stories_app):
    client = stories_app.test_client()
    grouped = client.get("/api/search", query_string={"q": "وزیر خارجه مسکو"}).get_json()
    assert grouped["total"] == 4 and grouped["total_stories"] == 1 and len(grouped["results"]) == 1
    [hit] = grouped["results"]
    assert hit["other_outlets"] == 3 and len(hit["others"]) == 3
    assert {o["source"] for o in hit["others"]} | {hit["source"]} == {"ایرنا", "ایسنا", "خبرگزاری تسنیم", "همشهری"}
    # facets count articles like total, so adding a source gives exactly its count
    assert grouped["facet_counts"] == "articles"
    assert {f["value"]: f["count"] for f in grouped["facets"]["source"]}["ایرنا"] == 1

    every = client.get("/api/search", query_string={"q": "وزیر خارجه مسکو", "group": "none"}).get_json()
    assert len(every["results"]) == 4 and every["facet_counts"] == "articles"
    one_story = client.get("/api/search", query_string={"story": hit["story_id"]}).get_json()
    assert sorted(r["id"] for r in one_story["results"]) == ["hamshahri-9-bis", "irna-1", "isna-7", "tasnim-3"]
    assert client.get("/api/search", query_string={"group": "maybe"}).status_code == 400

    page = client.get("/", query_string={"q": "وزیر خارجه مسکو"}).get_data(as_text=True)
    assert "و ۳ رسانهٔ دیگر" in page and f"story={hit['story_id']}" in page and "نمایش همه نسخه‌ها" in page
    assert page.count('class="hit"') == 1


def test_index_reads_addresses_of_feeds_and_pages(es, fresh_alias, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SEARCH_INDEX", fresh_alias)
    with FeedSite() as site:
        page = site.put("/fa/news/metro", (FIXTURES / "page.html").read_bytes(), "text/html; charset=utf-8")
        feed = site.put("/rss", (FIXTURES / "rss2.xml").read_bytes())
        missing = site.base + "/gone"
        status = main(["index", page, feed, missing, "--rejects", str(tmp_path / "r.jsonl")])
    assert status == 0
    assert "read 4, indexed 3, rejected 1" in capsys.readouterr().err
    assert "HTTP 404" in json.loads((tmp_path / "r.jsonl").read_text(encoding="utf-8"))["reason"]
    titles = sorted(d["title"] for d in docs_by_id(es, fresh_alias).values())
    assert titles == ["افتتاح خط جدید مترو تهران", "زلزله ۵ ریشتری در کرمان", "نشست وزرای خارجه ایران و روسیه در مسکو"]
