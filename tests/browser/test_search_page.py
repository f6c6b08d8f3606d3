"""The search page as a journalist uses it, in Chromium: facets, chips, paging, dates, timeline, autocomplete."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import parse_qs, urlsplit

from tests.browser.conftest import check_accessible_and_phone_ready

PERSIAN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٬", "0123456789,")


def _number(text: str) -> int:
    """The first number in the text (the results heading also says how many stories they tell)."""
    found = re.search(r"\d+", text.translate(PERSIAN_DIGITS))
    return int(found.group()) if found else 0


def _total(page) -> int:
    return _number(page.locator("#results-heading").inner_text())


def _args(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def _api_total(page, query: str) -> int:
    return page.request.get(f"/api/search?{query}").json()["total"]


def test_search_page_is_persian_rtl_with_the_webfont_and_a_strict_csp(page):
    response = page.goto("/?q=ایران")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp and "unsafe-inline" not in csp
    assert page.locator("html").get_attribute("lang") == "fa"
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.evaluate("() => document.fonts.ready")
    assert page.evaluate("() => document.fonts.check('16px Vazirmatn')"), "Vazirmatn is served by the app"
    font = page.request.get("/static/vendor/vazirmatn/Vazirmatn-Variable.woff2")
    assert font.ok and len(font.body()) > 50_000
    # counts in Persian digits, never Latin ones
    summary = page.locator("#results-heading").inner_text()
    assert re.search("[۰-۹]", summary) and not re.search("[0-9]", summary)
    counts = page.locator(".facets .count").all_text_contents()
    assert counts and all(re.fullmatch("[۰-۹٬]+", c.strip()) for c in counts), counts
    # dates in the Solar Hijri calendar, with the Persian month name
    first_date = page.locator(".hit time").first.inner_text()
    assert re.search("فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند", first_date)
    assert not page.locator("[style]").count(), "no inline style attributes (the CSP would block them)"
    assert not page.locator("script:not([src])").count(), "no inline scripts"


def test_two_facets_then_remove_one_then_page(page):
    page.goto("/?q=")
    everything = _total(page)
    page.locator("section[data-facet=countries] a", has_text="سوریه").first.click()
    assert _args(page)["country"] == ["SY"]
    one = _total(page)
    assert 0 < one < everything
    page.locator("section[data-facet=countries] li:not(.selected) a", has_text="روسیه").first.click()
    assert sorted(_args(page)["country"]) == ["RU", "SY"]
    chips = page.locator(".chips .chip")
    assert chips.count() == 2
    two = _total(page)
    assert two == _api_total(page, "country=SY&country=RU"), "the page shows what its JSON twin says"
    for hit in page.locator(".hit").all():
        badges = hit.locator(".tags a").all_inner_texts()
        assert "سوریه" in badges or "روسیه" in badges

    page.get_by_role("link", name="حذف فیلتر سوریه").click()
    assert _args(page)["country"] == ["RU"]
    assert page.locator(".chips .chip").count() == 1
    assert _total(page) == _api_total(page, "country=RU")

    page.goto("/?q=")
    first_page = page.locator(".hit").evaluate_all("hits => hits.map(h => h.dataset.id)")
    page.get_by_role("link", name=re.compile("بعدی")).click()
    assert _args(page)["page"] == ["2"]
    second_page = page.locator(".hit").evaluate_all("hits => hits.map(h => h.dataset.id)")
    assert second_page and not set(first_page) & set(second_page)
    assert "صفحه ۲ از" in page.locator(".pager").inner_text()


def test_an_entity_badge_adds_its_filter_and_show_more_opens(page):
    page.goto("/?q=تحریم")
    badge = page.locator(".hit .tags a.country").first
    label = badge.inner_text()
    badge.click()
    assert len(_args(page)["country"]) == 1
    assert page.locator(".chips .chip", has_text=label).count() == 1
    assert all(label in hit.locator(".tags").inner_text() for hit in page.locator(".hit").all())

    page.goto("/?q=")
    more = page.locator("section[data-facet=countries] details")
    hidden_value = more.locator("li a").first
    assert not hidden_value.is_visible()
    more.locator("summary").click()
    assert hidden_value.is_visible()
    value = hidden_value.inner_text()
    hidden_value.click()
    assert page.locator(".chips .chip", has_text=value).count() == 1


def test_date_filter_takes_jalali_dates_in_persian_digits(page):
    page.goto("/?q=")
    page.get_by_label("از تاریخ").fill("۱۴۰۲/۰۱/۰۱")
    page.get_by_label("تا تاریخ").fill("1402/12/29")
    page.get_by_label("عبارت جست‌وجو").press("Enter")
    args = _args(page)
    assert args["from"] == ["۱۴۰۲/۰۱/۰۱"] and args["to"] == ["1402/12/29"]
    total = _total(page)
    assert 0 < total == _api_total(page, "from=2023-03-21&to=2024-03-19")
    published = page.locator(".hit time").evaluate_all("ts => ts.map(t => t.getAttribute('datetime'))")
    assert published and all(date(2023, 3, 21) <= date.fromisoformat(d[:10]) <= date(2024, 3, 19) for d in published)
    # the boxes show the dates back in Jalali, and a chip offers to remove each
    assert page.get_by_label("تا تاریخ").input_value() == "۱۴۰۲/۱۲/۲۹"
    assert page.locator(".chip", has_text="از ۱۴۰۲/۰۱/۰۱").count() == 1


def test_a_wrong_date_is_a_persian_400_that_keeps_what_was_typed(page):
    response = page.goto("/?q=تحریم&from=1402/13/01")
    assert response.status == 400
    assert "تاریخ" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("از تاریخ").input_value() == "1402/13/01"
    assert page.get_by_label("عبارت جست‌وجو").input_value() == "تحریم"


def test_timeline_bar_narrows_the_dates(page):
    page.goto("/?q=")
    bars = page.locator("figure.timeline a.bar")
    assert bars.count() >= 5, "the demo corpus spans years"
    # bars are labelled in Jalali years with their counts
    label = bars.first.get_attribute("aria-label")
    assert re.match(r"[۰-۹]{4}: [۰-۹]+ خبر", label), label
    busiest = max(bars.all(), key=lambda bar: _number(bar.get_attribute("aria-label").split(":")[1]))
    expected = _number(busiest.get_attribute("aria-label").split(":")[1])
    busiest.click()
    args = _args(page)
    assert "from" in args and "to" in args
    assert _total(page) == expected
    # narrowed to one Jalali year, the timeline now has a bar per month, named in Persian
    month_labels = page.locator("figure.timeline a.bar").evaluate_all(
        "bars => bars.map(b => b.getAttribute('aria-label'))")
    assert any(re.match("(فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند) [۰-۹]{4}", m)
               for m in month_labels), month_labels


def test_sort_newest_orders_by_date(page):
    page.goto("/?q=ایران")
    page.get_by_label("ترتیب").select_option("newest")
    page.wait_for_url(re.compile("sort=newest"))
    published = page.locator(".hit time").evaluate_all("ts => ts.map(t => t.getAttribute('datetime'))")
    assert len(published) > 2 and published == sorted(published, reverse=True)


def test_search_page_accessibility_and_phone_layout(page, phone_page):
    page.goto("/?q=ایران&country=IR")
    check_accessible_and_phone_ready(page, phone_page, "search")


def test_keyboard_reaches_the_results_with_a_visible_focus(page):
    page.goto("/?q=ایران")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    for _ in range(150):
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement.closest('.hit')"):
            break
    else:
        raise AssertionError("Tab never reached a result")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", ""), "focus must be visible"


def test_hostile_query_text_is_shown_as_text(page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto("/?q=" + "%3Cscript%3Ealert(1)%3C%2Fscript%3E%3Cimg%20src%3Dx%20onerror%3Dalert(2)%3E")
    assert page.get_by_label("عبارت جست‌وجو").input_value() == "<script>alert(1)</script><img src=x onerror=alert(2)>"
    assert not dialogs and page.locator("img[src=x]").count() == 0


def test_everything_works_without_javascript(browser, live_server):
    context = browser.new_context(base_url=live_server, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/?q=ایران")
        page.get_by_label("ترتیب").select_option("oldest")
        page.get_by_role("button", name="جست‌وجو").click()
        assert _args(page)["sort"] == ["oldest"]
        published = page.locator(".hit time").evaluate_all("ts => ts.map(t => t.getAttribute('datetime'))")
        assert published == sorted(published)
        page.locator("figure.timeline a.bar").first.click()
        assert "from" in _args(page) and _args(page)["sort"] == ["oldest"]
        page.locator("section[data-facet=countries] a").first.click()
        assert "country" in _args(page) and "from" in _args(page)
    finally:
        context.close()
