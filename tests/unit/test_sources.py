import json
from datetime import date

from search.intake.readers import JsonLine
from search.model import Article, Reject
from search.sources import parse_published, read_articles, stable_id, title_from_body


def test_jsonl_reads_articles_and_rejects_bad_lines_with_reasons(tmp_path):
    path = tmp_path / "news.jsonl"
    lines = [
        json.dumps({"id": "a1", "title": "تیتر", "body": "متن خبر", "source": "ایرنا", "published": "2023-05-14",
                    "url": "https://x/1"}, ensure_ascii=False),
        json.dumps({"body": "فقط متن. جمله دوم"}, ensure_ascii=False),
        "{not json",
        json.dumps({"title": "بدون متن"}, ensure_ascii=False),
        json.dumps({"body": "x", "published": "yesterday"}),
        json.dumps({"body": "تاریخ شمسی", "published": "1402/09/12"}, ensure_ascii=False),
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = list(read_articles([path]))
    # deferred (as `index` reads, parsing in its workers): the same articles and rejects, raw text included
    deferred = list(read_articles([path], deferred=True))
    assert all(isinstance(line, JsonLine) for line in deferred) and [d.article() for d in deferred] == items
    articles = [i for i in items if isinstance(i, Article)]
    rejects = [i for i in items if isinstance(i, Reject)]
    assert [a.id for a in articles][0] == "a1"
    assert articles[0].published == date(2023, 5, 14) and articles[0].source == "ایرنا"
    assert articles[1].title == "فقط متن" and len(articles[1].id) == 16
    assert articles[2].published == date(2023, 12, 3)  # 12 Azar 1402
    assert [r.origin.rsplit(":", 1)[1] for r in rejects] == ["3", "4", "5"]
    assert "invalid JSON" in rejects[0].reason and "body" in rejects[1].reason and "ISO date" in rejects[2].reason


def test_txt_file_is_one_article_with_title_and_stable_id(tmp_path, seed_text):
    path = tmp_path / "seed.txt"
    path.write_text(seed_text, encoding="utf-8")
    (article,) = read_articles([path])
    assert article.title.startswith("به گزارش سرویس بین الملل")
    assert len(article.title) <= 141
    assert article.id == stable_id(seed_text)
    # the id survives spelling noise the normaliser removes (Arabic yeh, doubled spaces)
    assert stable_id(seed_text.replace("ی", "ي")) == article.id


def test_missing_and_unsupported_paths_are_rejected(tmp_path):
    (tmp_path / "notes.md").write_text("x")
    items = list(read_articles([tmp_path / "nope.jsonl", tmp_path / "notes.md"]))
    assert all(isinstance(i, Reject) for i in items)
    assert "no such file" in items[0].reason and "unsupported" in items[1].reason


def test_title_from_body_cuts_long_sentences_at_a_word():
    title = title_from_body("کلمه " * 100)
    assert title.endswith("…") and len(title) <= 141


def test_parse_published_accepts_datetimes():
    assert parse_published("2024-01-02T10:00:00+03:30") == date(2024, 1, 2)
    assert parse_published("۲۰۲۴-۰۱-۰۲") == date(2024, 1, 2)
