"""HTML pages. Every page has a JSON twin: `/` shows what `/api/search` returns for the same arguments."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, render_template, request, url_for
from markupsafe import Markup

from search.dates import DateError, jalali_text, parse_date
from search.es import SearchUnavailable
from search.query import QueryError
from search.service import result_to_json
from search.timeline import jalali_timeline, jalali_years
from web import links
from web.params import FACET_ARGS, BadRequest, parse_search_args
from web.services import search_service
from web.timeline import layout

pages = Blueprint("pages", __name__)

FACET_TITLES = {"countries": "کشورها", "officials": "مقامات", "organizations": "سازمان‌ها", "topics": "موضوع‌ها",
                "source": "منبع", "published_years": "سال"}
ARG_OF_FACET = {facet: arg for arg, facet in FACET_ARGS.items()}
SORTS = (("relevance", "مرتبط‌ترین"), ("newest", "تازه‌ترین"), ("oldest", "قدیمی‌ترین"))
FACETS_SHOWN = 6  # values shown before "show more"
DATE_ARGS = {"from": "از", "to": "تا"}


@dataclass(frozen=True)
class Chip:
    """A selected filter shown above the results, with the link that removes it."""

    kind: str
    label: str
    remove_url: str


def _search_url(args) -> str:
    text = links.query_string(args)
    return url_for("pages.index") + (f"?{text}" if text else "")


def _date_inputs() -> dict[str, str]:
    """What the date boxes show: a valid date in Jalali (whatever calendar it came in), anything else as typed
    so the user can correct it."""
    shown = {}
    for name in DATE_ARGS:
        raw = request.args.get(name, "").strip()
        try:
            parsed = parse_date(raw) if raw else None
        except DateError:
            parsed = None
        if parsed is None:
            shown[name] = raw
        elif name == "to":
            shown[name] = jalali_text(parsed.last)
        else:
            shown[name] = jalali_text(parsed.first)
    return shown


def _chips(kb) -> list[Chip]:
    chips = []
    for arg, facet in FACET_ARGS.items():
        for value in dict.fromkeys(request.args.getlist(arg)):
            if value.strip():
                chips.append(Chip(FACET_TITLES[facet], kb.label(facet, value),
                                  _search_url(links.without(request.args, arg, value))))
    for name, word in DATE_ARGS.items():
        raw = request.args.get(name, "").strip()
        if raw:
            shown = _date_inputs()[name]
            chips.append(Chip("تاریخ", f"{word} {shown}", _search_url(links.without(request.args, name))))
    return chips


def _date_error_in_persian() -> str | None:
    for name, word in DATE_ARGS.items():
        raw = request.args.get(name, "").strip()
        if raw:
            try:
                parse_date(raw)
            except DateError as error:
                return f"تاریخ «{word}»: {error}"
    return None


@pages.get("/")
def index():
    error = None
    data = None
    timeline = None
    years: list[tuple[int, int]] = []
    status = 200
    service = search_service()
    try:
        search_request = parse_search_args(request.args)
        data = result_to_json(service.search(search_request), service.kb)
        from search.browse import result_day_counts

        counts = result_day_counts(service, search_request)
        timeline = jalali_timeline(counts)
        years = jalali_years(counts)
    except (BadRequest, QueryError) as exc:
        error, status = _date_error_in_persian() or str(exc), 400
    except SearchUnavailable as exc:
        error, status = f"سرویس جست‌وجو در دسترس نیست: {exc}", 503
    args = request.args
    return render_template(
        "search.html", data=data, error=error, status=status, q=args.get("q", ""), facet_titles=FACET_TITLES,
        facet_args=ARG_OF_FACET, facets_shown=FACETS_SHOWN, sorts=SORTS, sort=args.get("sort", "relevance"),
        dates=_date_inputs(), chips=_chips(service.kb), timeline=timeline, bars=layout(timeline) if timeline else [],
        years=years, Markup=Markup,
        json_url=url_for("api.search") + "?" + links.query_string(args),
        toggle_url=lambda facet, value: _search_url(links.toggled(args, facet, value)),
        add_url=lambda facet, value: _search_url(links.added(args, facet, value)),
        dates_url=lambda first, last: _search_url(links.with_dates(args, first, last)),
        page_url=lambda page: _search_url(links.with_page(args, page)),
        feed_url=_optional_url("feeds.atom", args), csv_url=_optional_url("api.export_csv", args),
        suggest_url=_endpoint_url("api.suggest"), year_span=year_span,
        article_url=_article_url,
    ), status


def _article_url(article_id: str) -> str | None:
    from flask import current_app

    return url_for("pages.article", article_id=article_id) if "pages.article" in current_app.view_functions \
        else None


def year_span(year: int):
    parsed = parse_date(str(year))
    return parsed.first, parsed.last


def _endpoint_url(endpoint: str) -> str | None:
    from flask import current_app

    return url_for(endpoint) if endpoint in current_app.view_functions else None


def _optional_url(endpoint: str, args) -> str | None:
    """Links to the feed and the export of the current search (the investigation API serves them)."""
    from flask import current_app

    if endpoint not in current_app.view_functions:
        return None
    return url_for(endpoint) + "?" + links.query_string(links.without(args, "page"))
