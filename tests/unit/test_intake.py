"""Readers, validation, dates and sources of news as it arrives (no server)."""

import json
from datetime import date
from pathlib import Path

import pytest

from search.intake.dates import parse_published
from search.intake.html import extract_page, html_to_text
from search.intake.outlets import canonical_source, credited_source, outlet_for_url
from search.intake.readers import read_articles, read_bytes, sniff
from search.intake.validate import MAX_BODY_CHARS, canonical_url, make_article
from search.model import Article, Reject

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "intake"


@pytest.mark.parametrize("text, expected", [
    ("۱۴۰۲/۰۲/۰۵", date(2023, 4, 25)),
    ("۵ اردیبهشت ۱۴۰۲", date(2023, 4, 25)),
    ("۲۷ تیر ۱۴۰۱", date(2022, 7, 18)),
    ("چهارشنبه ۲۷ تیر ۱۴۰۱ - ۱۰:۳۰", date(2022, 7, 18)),
    ("27 تیرماه 1401", date(2022, 7, 18)),
    ("۱۴ مه ۲۰۲۳", date(2023, 5, 14)),
    ("۱۴ می ۲۰۲۳", date(2023, 5, 14)),
    ("14 May 2023", date(2023, 5, 14)),
    ("May 14, 2023", date(2023, 5, 14)),
    ("Sun, 14 May 2023 23:30:00 +0330", date(2023, 5, 14)),  # the outlet's own calendar day, not UTC's
    ("2023-05-14T10:00:00Z", date(2023, 5, 14)),
])
def test_dates_in_the_forms_news_uses(text, expected):
    assert parse_published(text) == expected


def test_unreadable_and_impossible_dates_say_why():
    with pytest.raises(ValueError, match="Jalali"):
        parse_published("دیروز")
    with pytest.raises(ValueError, match="not a real Jalali date"):
        parse_published("۳۲ اردیبهشت ۱۴۰۲")


BROKEN_RECORDS = [
    ({"body": " \u200c \u200c "}, "empty 'body' after removing"),
    ({"body": "\u200b\u200f\x00\x07"}, "empty 'body' after removing"),
    ({"body": ""}, "missing or empty 'body'"),
    ({"body": 42}, "missing or empty 'body'"),
    ({"body": "متن", "published": "2999-01-01"}, "in the future"),
    ({"body": "متن", "published": "1850-03-01"}, "before 1900"),
    ({"body": "متن", "published": "فردا"}, "not an ISO date"),
    ({"body": "متن", "url": "javascript:alert(1)"}, "http:// or https://"),
    ({"body": "متن", "url": "data:text/html,<script>alert(1)</script>"}, "http:// or https://"),
    ({"body": "متن", "url": "//evil.example/x"}, "http:// or https://"),
    ({"body": "متن", "url": "https://"}, "has no host"),
    ({"body": "متن", "title": {"nested": 1}}, "'title' must be a string"),
]


@pytest.mark.parametrize("record, reason", BROKEN_RECORDS)
def test_validation_rejects_each_broken_record_with_its_reason(record, reason):
    result = make_article(origin="in.jsonl:1", raw=json.dumps(record), **record)
    assert isinstance(result, Reject), result
    assert reason in result.reason and result.origin == "in.jsonl:1"


def test_oversized_body_is_truncated_at_a_paragraph_with_a_note():
    paragraph = "خبر " * 200 + "\n"
    article = make_article(body=paragraph * 400, origin="x")
    assert len(article.body) <= MAX_BODY_CHARS and article.body.endswith("خبر")
    assert article.notes and "truncated from" in article.notes[0]


def test_control_characters_are_removed_but_half_spaces_kept():
    article = make_article(body="می\u200cشود\x00 خبر\u200f تازه", origin="x")
    assert article.body == "می\u200cشود خبر تازه"


@pytest.mark.parametrize("body, expected", [
    ("به گزارش خبرنگار مهر، وزیر امروز گفت", "خبرگزاری مهر"),
    ("به گزارش خبرگزاری مهر از تهران، وزیر امروز گفت", "خبرگزاری مهر"),
    ("به گزارش گروه سیاسی ایرنا، رئیس جمهور", "ایرنا"),
    ("تهران - ایرنا - رئیس جمهور امروز", "ایرنا"),
    ("به نقل از رويترز، قیمت نفت", "رویترز"),
    ("به گزارش بی بی سی فارسی، ", "بی‌بی‌سی فارسی"),
    ("گزارش شده که امروز جلسه برگزار شد", None),  # a passive, not a credit
    ("به گزارش منابع آگاه در وزارت نفت که نخواستند نامشان فاش شود، قرارداد امضا شد", None),
    ("به گزارش روزنامه نیویورک تایمز، امروز", None),  # not a known outlet
    ("مهر ماه امسال بارندگی کم بود", None),
])
def test_source_only_from_a_credit_naming_a_known_outlet(body, expected):
    assert credited_source(body) == expected


def test_one_canonical_name_per_outlet():
    assert canonical_source("خبرنگار مهر") == canonical_source("مهر نیوز") == "خبرگزاری مهر"
    assert canonical_source("بي بي سي فارسي") == "بی‌بی‌سی فارسی"
    assert canonical_source("Some Local Weekly") == "Some Local Weekly"
    assert outlet_for_url("https://en.mehrnews.com/news/1") == "خبرگزاری مهر"
    assert outlet_for_url("https://www.bbc.com/persian/articles/x") == "بی‌بی‌سی فارسی"
    assert outlet_for_url("https://www.bbc.com/news/world") is None


def test_canonical_url_ignores_spelling_of_the_same_address():
    assert canonical_url("https://WWW.Irna.ir/news/1/?utm_source=tg#top") == canonical_url("http://irna.ir/news/1")


def test_rss2_items_with_html_stripped_and_jalali_dates():
    items = list(read_articles([FIXTURES / "rss2.xml"]))
    assert all(isinstance(i, Article) for i in items) and len(items) == 2
    first, second = items
    assert first.title == "نشست وزرای خارجه ایران و روسیه در مسکو"
    assert "<" not in first.body and "alert" not in first.body and "همکاری‌های" in first.body  # ZWNJ kept
    assert first.body.count("\n") == 1  # one line per paragraph
    assert first.published == date(2023, 5, 10) and first.source == "ایرنا"
    assert first.url == "https://www.irna.ir/news/85000001/" and first.origin.endswith("rss2.xml#1")
    assert second.published == date(2023, 5, 10)  # ۲۰ اردیبهشت ۱۴۰۲


def test_atom_and_rss1_feeds():
    [atom] = read_articles([FIXTURES / "atom.xml"])
    assert atom.title.startswith("افزایش قیمت نفت") and atom.source == "بی‌بی‌سی فارسی"
    assert atom.published == date(2023, 5, 11)
    [rdf] = read_articles([FIXTURES / "rss1.rdf"])
    assert rdf.source == "ایسنا" and rdf.published == date(2023, 4, 25) and "کنکور" in rdf.title


def test_broken_feed_is_one_reject_with_the_parser_reason():
    [reject] = read_articles([FIXTURES / "broken.xml"])
    assert isinstance(reject, Reject) and "not a readable feed" in reject.reason


def test_page_main_text_without_navigation_related_links_or_comments():
    [page] = read_articles([FIXTURES / "page.html"])
    assert page.title == "افتتاح خط جدید مترو تهران"
    assert "خط هفت مترو تهران صبح امروز" in page.body and "ده سال طول کشیده" in page.body
    for boilerplate in ("سیاسی", "اخبار مرتبط", "قیمت بلیت", "دستتان درد نکند", "نظرات", "حقوق", "تماس با ما"):
        assert boilerplate not in page.body, boilerplate
    assert "می\u200cتوانند" in page.body and "بهره\u200cبرداری" in page.body  # trafilatura alone drops every ZWNJ
    assert page.url == "https://www.tasnimnews.com/fa/news/1402/02/20/2890001/"
    assert page.source == "خبرگزاری تسنیم" and page.published == date(2023, 5, 10)


def test_format_is_told_by_content_not_extension(tmp_path):
    misnamed = tmp_path / "feed.txt"
    misnamed.write_bytes((FIXTURES / "atom.xml").read_bytes())
    [article] = read_articles([misnamed])
    assert article.title.startswith("افزایش قیمت نفت")  # read as a feed, not as one text article
    assert sniff(b'{"body": "x"}\n', ".dat") == "jsonl"
    assert sniff(b"<!doctype html><html>", ".bin") == "page"
    assert sniff(b"\x89PNG....", ".png") is None
    [reject] = read_bytes(b"\x89PNG", "image.png", ".png")
    assert isinstance(reject, Reject) and "unsupported" in reject.reason


def test_html_fragments_become_lines_of_text():
    assert html_to_text("<p>سلام&zwnj;ها <b>دنیا</b></p><p>خط دوم<br>سوم</p><script>x()</script>") == \
        "سلام\u200cها دنیا\nخط دوم\nسوم"
    assert extract_page("<html><body></body></html>") is None


def test_the_real_irib_report_is_credited_to_its_agency():
    from tests.conftest import SEED_FILE

    if not SEED_FILE.is_file():
        pytest.skip("../shared (the real IRIB report) is absent")
    [article] = read_articles([SEED_FILE])
    assert article.source == "صداوسیما"  # «به گزارش سرویس بین الملل خبرگزاری صداوسیما از مسکو، …»


def test_clean_text_removes_every_control_format_and_private_character_but_zwnj():
    """clean_text scans with one regular expression; every code point is removed or kept as unicodedata says."""
    import sys
    import unicodedata

    from search.intake.validate import clean_text

    everything = "".join(chr(point) for point in range(sys.maxunicode + 1))
    expected = "".join(ch for ch in everything
                       if ch in "\n\t\u200c" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co"))
    # clean_text also folds whitespace per line; fold the expected text the same way
    assert clean_text(everything) == "\n".join(" ".join(line.split()) for line in expected.split("\n")).strip()
    assert clean_text("ایران\u200fو\u200cروسیه\ue000\x07") == "ایرانو\u200cروسیه"


def _plain_clean_text(text: str) -> str:
    """clean_text written the plain way: a loop over the characters, then every line's spaces folded."""
    import re
    import unicodedata

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch in "\n\t\u200c" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(" ".join(line.split()) for line in text.split("\n"))).strip()


def test_clean_text_finds_one_odd_character_in_an_otherwise_clean_text():
    """A clean text (single spaces, nothing to remove) skips clean_text's full passes; one code point of any kind
    in it, or a doubled space or a space at a line end, still gets the full treatment."""
    import sys

    from search.intake.validate import clean_text

    clean = "وزیر خارجه ایران\nبه مسکو رفت."
    assert clean_text(clean) == clean
    for point in range(sys.maxunicode + 1):
        text = f"وزیر خارجه{chr(point)}ایران\nبه مسکو رفت."
        assert clean_text(text) == _plain_clean_text(text), hex(point)
    for text in ("وزیر  خارجه", "وزیر \nخارجه", "وزیر\n خارجه", " وزیر\n\n\n\nخارجه ", "وزیر\r\nخارجه\r\r\rایران",
                 "وزیر\u00a0خارجه", "وزیر\tخارجه\u2028ایران", "\u200fوزیر\u200c\n \n \nخارجه\U0001f600"):
        assert clean_text(text) == _plain_clean_text(text), repr(text)
