"""Article and entity pages in Chromium: open an article from the results, follow an entity to its page, use the
entity page's drill-down and timeline, and the autocomplete with the keyboard."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from tests.browser.conftest import check_accessible_and_phone_ready

PERSIAN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٬", "0123456789,")


def _number(text: str) -> int:
    """The first number in the text (the results heading also says how many stories they tell)."""
    found = re.search(r"\d+", text.translate(PERSIAN_DIGITS))
    return int(found.group()) if found else 0


def _args(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_open_an_article_then_follow_an_entity_to_its_page(page, phone_page):
    page.goto("/?q=لاوروف")  # the demo corpus alone (no ../shared seed) names him
    first = page.locator(".hit").first
    article_id = first.get_attribute("data-id")
    first.locator("h3 a").click()
    assert urlsplit(page.url).path == f"/article/{article_id}"
    api = page.request.get(f"/api/articles/{article_id}").json()
    assert page.locator("h1#article-title").inner_text().strip() == api["title"].strip()
    # the full text is there, with entity mentions marked as links to their pages
    assert len(page.locator("article .body").inner_text()) > 0.8 * len(api["body"].replace("\n", ""))
    mention = page.locator("article .body a.mention.official").first
    assert mention.count() and re.fullmatch(r"/official/[\w:-]+", mention.get_attribute("href") or "")
    # the original is linked only because it is http(s), and without a referrer
    original = page.locator("a.original")
    if api["url"]:
        assert original.get_attribute("href") == api["url"] and "noreferrer" in original.get_attribute("rel")
    assert page.locator("ul.similar li").count() > 0, "similar articles are listed"

    check_accessible_and_phone_ready(page, phone_page, "article")

    # the entity sidebar's badge leads to the entity's page
    badge = page.locator("aside .entity-list a.official", has_text="لاوروف").first
    badge.click()
    assert urlsplit(page.url).path == "/official/sergey-lavrov"
    official_id = urlsplit(page.url).path.rsplit("/", 1)[1]
    card = page.request.get(f"/api/entities/official/{official_id}").json()
    assert page.locator("h1#entity-title").inner_text() == card["name_fa"]
    assert page.locator(".roles li").count() == len(card["roles"]) > 0
    assert f"{card['article_count']}" == str(_number(page.locator(".card dd a").last.inner_text()))
    latest = page.locator(".hits .hit").evaluate_all("hits => hits.map(h => h.dataset.id)")
    assert latest == [a["id"] for a in card["latest"]]


def test_entity_page_drill_down_and_timeline(page, phone_page):
    page.goto("/country/SY")
    card = page.request.get("/api/entities/country/SY").json()
    assert page.locator("h1#entity-title").inner_text() == "سوریه"
    check_accessible_and_phone_ready(page, phone_page, "entity")

    # most co-mentioned countries link to the drill-down search: articles naming both
    co = card["co_mentioned"]["countries"][0]
    page.locator("section[aria-labelledby=co-countries] a").first.click()
    assert sorted(_args(page)["country"]) == sorted(["SY", co["id"]])
    assert _number(page.locator("#results-heading").inner_text()) == co["count"]

    page.goto("/country/SY")
    bar = page.locator("figure.timeline a.bar").first
    expected = _number(bar.get_attribute("aria-label").split(":")[1])
    bar.click()
    args = _args(page)
    assert args["country"] == ["SY"] and "from" in args and "to" in args
    assert _number(page.locator("#results-heading").inner_text()) == expected


def test_unknown_article_and_entity_are_persian_404s(page):
    for path in ("/article/no-such-article", "/official/no-such-person", "/country/QQ"):
        response = page.goto(path)
        assert response.status == 404, path
        assert page.locator("h1").inner_text() == "این صفحه پیدا نشد"


def test_autocomplete_with_the_keyboard_adds_the_entity_filter(page):
    page.goto("/")
    box = page.get_by_role("combobox", name="عبارت جست‌وجو")
    box.click()
    box.press_sequentially("لاورو", delay=40)
    options = page.get_by_role("listbox", name="پیشنهادها").get_by_role("option")
    options.first.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    assert "لاوروف" in options.first.inner_text()
    box.press("ArrowDown")
    assert options.first.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
    box.press("Enter")
    page.wait_for_url(re.compile("official="))
    assert _args(page)["official"] == ["sergey-lavrov"]
    assert page.locator(".chips .chip", has_text="لاوروف").count() == 1
    assert page.get_by_label("عبارت جست‌وجو").input_value() == "", "the typed letters became the filter"
    assert _number(page.locator("#results-heading").inner_text()) > 0

    # Escape closes the list and leaves the text as typed
    box = page.get_by_role("combobox", name="عبارت جست‌وجو")
    box.press_sequentially("Shoi", delay=40)
    options.first.wait_for()
    assert "شویگو" in options.first.inner_text(), "a Latin spelling finds the Persian name"
    box.press("Escape")
    assert page.locator("#suggestions").is_hidden() and options.count() == 0
    assert box.input_value() == "Shoi"
