"""Pure pieces of the web pages: mention marking, link building, the timeline's bars and geometry."""

from datetime import date

from werkzeug.datastructures import MultiDict

from search.timeline import day_histogram_body, jalali_timeline, jalali_years
from web import links
from web.mentions import marked_paragraphs
from web.timeline import WIDTH, layout


def test_mentions_are_linked_and_everything_else_escaped():
    text = "لاوروف <b>گفت</b>\n\nروسیه & سوریه"
    mentions = [{"start": 0, "end": 6, "type": "official", "id": "sergey-lavrov"},
                {"start": 19, "end": 24, "type": "country", "id": "RU"},
                {"start": 19, "end": 22, "type": "country", "id": "XX"}]  # overlaps a longer one: dropped
    paragraphs = marked_paragraphs(text, mentions, lambda m: f"/{m['type']}/{m['id']}")
    assert len(paragraphs) == 2
    assert paragraphs[0] == ('<a class="mention official" href="/official/sergey-lavrov">لاوروف</a> '
                             "&lt;b&gt;گفت&lt;/b&gt;")
    assert paragraphs[1] == '<a class="mention country" href="/country/RU">روسیه</a> &amp; سوریه'


def test_mention_offsets_outside_the_text_are_ignored():
    assert marked_paragraphs("ایران", [{"start": 3, "end": 99, "type": "country", "id": "IR"}],
                             lambda m: "/x") == ["ایران"]


def test_links_keep_the_other_choices_and_reset_the_page():
    args = MultiDict([("q", "تحریم"), ("country", "IR"), ("page", "3")])
    assert links.query_string(links.toggled(args, "countries", "RU")) == \
        "q=%D8%AA%D8%AD%D8%B1%DB%8C%D9%85&country=IR&country=RU"
    assert links.toggled(args, "countries", "IR").getlist("country") == []
    assert links.added(args, "countries", "IR").getlist("country") == ["IR"]
    narrowed = links.with_dates(args, date(2023, 3, 21), date(2023, 4, 20))
    assert (narrowed["from"], narrowed["to"], "page" in narrowed) == ("2023-03-21", "2023-04-20", False)
    assert links.with_page(args, 1).get("page") is None and links.with_page(args, 4)["page"] == "4"


def test_timeline_sums_days_into_jalali_months_with_gaps():
    counts = {date(2023, 3, 21): 2, date(2023, 4, 20): 1, date(2023, 4, 21): 5, date(2023, 6, 22): 1}
    timeline = jalali_timeline(counts)
    assert timeline.unit == "month"
    assert [(b.label, b.count) for b in timeline.bars] == [
        ("فروردین ۱۴۰۲", 3), ("اردیبهشت ۱۴۰۲", 5), ("خرداد ۱۴۰۲", 0), ("تیر ۱۴۰۲", 1)]
    assert (timeline.bars[1].first, timeline.bars[1].last) == (date(2023, 4, 21), date(2023, 5, 21))
    assert timeline.total == sum(counts.values())


def test_a_long_span_becomes_jalali_years():
    counts = {date(2014, 6, 1): 1, date(2023, 3, 20): 2, date(2023, 3, 21): 4}
    timeline = jalali_timeline(counts)
    assert timeline.unit == "year"
    assert timeline.bars[0].label == "۱۳۹۳" and timeline.bars[-1].label == "۱۴۰۲"
    by_label = {b.label: b.count for b in timeline.bars}
    assert by_label["۱۴۰۱"] == 2 and by_label["۱۴۰۲"] == 4 and by_label["۱۳۹۵"] == 0
    assert jalali_years(counts) == [(1402, 4), (1401, 2), (1393, 1)]
    assert jalali_timeline({}).bars == ()


def test_timeline_geometry_runs_right_to_left_and_scales_to_the_peak():
    timeline = jalali_timeline({date(2023, 3, 21): 2, date(2023, 4, 21): 4})
    first, second = layout(timeline)
    assert first.x > second.x, "the oldest bar is on the right"
    assert second.height == 2 * first.height
    assert all(0 <= b.x and b.x + b.width <= WIDTH for b in (first, second))


def test_the_histogram_counts_the_same_result_set_as_the_search():
    body = {"query": {"match": {"body": "x"}}, "post_filter": {"terms": {"source": ["ایرنا"]}}, "size": 10}
    histogram = day_histogram_body(body)
    assert histogram["size"] == 0
    assert histogram["query"]["bool"]["filter"] == [body["query"], body["post_filter"]]


def test_days_land_in_the_same_jalali_month_as_a_day_by_day_conversion():
    import random
    from datetime import timedelta

    from search.dates import to_jalali
    from search.timeline import jalali_month_counts

    rng = random.Random(8)
    start = date(2012, 1, 1)
    counts = {start + timedelta(days=rng.randrange(0, 5000)): rng.randrange(1, 5) for _ in range(800)}
    expected: dict = {}
    for day, count in counts.items():
        key = to_jalali(day)[:2]
        expected[key] = expected.get(key, 0) + count
    got = jalali_month_counts(counts)
    assert {k: v for k, v in got.items() if v} == expected
    assert sum(got.values()) == sum(counts.values())


def test_role_dates_read_in_persian():
    from web.pages import role_period

    assert role_period("2013-08", "2021-08") == "اوت ۲۰۱۳ تا اوت ۲۰۲۱"
    assert role_period("1989-06", None) == "از ژوئن ۱۹۸۹ تاکنون"
    assert role_period(None, None) == ""
