"""HTML pages. Every page has a JSON twin: `/` shows what `/api/search` returns for the same arguments."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, g, render_template, request, url_for
from markupsafe import Markup
from werkzeug.datastructures import MultiDict

from search.articles import ArticleNotFound, get_article, similar_articles
from search.browse import result_day_counts
from search.cursor import CursorError, CursorExpired
from search.dates import DateError, jalali_text, parse_date, persian_digits
from search.entity_card import ENTITY_TYPES, EntityNotFound, entity_card
from search.es import SearchUnavailable
from search.model import SearchRequest
from search.query import QueryError
from search.service import result_to_json
from search.timeline import jalali_month_counts, jalali_timeline, jalali_years
from web import links
from web.errors import error_page
from web.mentions import marked_paragraphs
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
    # a results page draws a few hundred of these links: build the path once per request
    if "search_path" not in g:
        g.search_path = url_for("pages.index")
    text = links.query_string(args)
    return g.search_path + (f"?{text}" if text else "")


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


# what the page says, in Persian, when an argument (usually edited by hand in the address bar) is refused; the
# API keeps its English messages that name the argument
PERSIAN_ARGUMENT_ERRORS = {
    "page": "شماره‌ی صفحه باید عددی از ۱ تا ۱۰۰۰ باشد.",
    "size": "تعداد نتیجه در هر صفحه باید عددی از ۰ تا ۱۰۰ باشد.",
    "q": "عبارت جست‌وجو حداکثر ۵۰۰ نویسه می‌تواند باشد.",
    "sort": "ترتیب باید «مرتبط‌ترین»، «تازه‌ترین» یا «قدیمی‌ترین» باشد.",
    "year": "سال باید چهار رقم باشد.",
    "from": "تاریخ «از» نباید بعد از تاریخ «تا» باشد.",
    "cursor": "این نشانی کهنه شده است؛ جست‌وجو را از نو انجام دهید.",
    "Results": "این صفحه از ۱۰٬۰۰۰ نتیجه‌ی اول فراتر است؛ جست‌وجو را محدودتر کنید یا خروجی CSV بگیرید.",
}


def _error_in_persian(error: Exception) -> str:
    """The Persian sentence for a refused search; the original message follows for a colleague to report."""
    date_error = _date_error_in_persian()
    if date_error:
        return date_error
    message = str(error)
    first_word = message.split(" ", 1)[0]
    persian = PERSIAN_ARGUMENT_ERRORS.get(first_word)
    if persian is None and first_word in FACET_ARGS:
        persian = "مقدار یکی از فیلترها بیش از اندازه بلند است."
    return f"{persian or 'یکی از بخش‌های نشانی نادرست است.'} ({message})"


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
        counts = result_day_counts(service, search_request)
        months = jalali_month_counts(counts)
        timeline = jalali_timeline(counts, months=months)
        years = jalali_years(counts, months=months)
    except (BadRequest, QueryError, CursorError) as exc:
        error, status = _error_in_persian(exc), 400
    except CursorExpired as exc:
        error, status = str(exc), 410
    except SearchUnavailable as exc:
        error, status = f"چند لحظه بعد دوباره امتحان کنید. ({exc})", 503
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
        feed_url=_same_search_url("feeds.feed", args), csv_url=_same_search_url("api.export_csv", args),
        suggest_url=url_for("api.suggest"), year_span=year_span,
        article_url=lambda article_id: url_for("pages.article", article_id=article_id),
        group_url=lambda group: _search_url(links.with_arg(args, "group", group)),
        story_url=lambda story: _search_url(links.with_arg(args, "story", story)),
    ), status


def year_span(year: int):
    parsed = parse_date(str(year))
    return parsed.first, parsed.last


def _same_search_url(endpoint: str, args) -> str:
    """The Atom feed or the CSV export of the search on the page (all its results, not one page)."""
    return url_for(endpoint) + "?" + links.query_string(links.without(args, "page"))


# --- article and entity pages: the HTML of /api/articles/<id> and /api/entities/<type>/<id> ---

ENTITY_GROUPS = (("countries", "کشورها"), ("officials", "مقامات"), ("organizations", "سازمان‌ها"),
                 ("topics", "موضوع‌ها"))
ENTITY_CSS = {"countries": "country", "officials": "official", "organizations": "organization", "topics": "topic"}
KIND_TITLES = {"country": "کشور", "official": "مقام", "organization": "سازمان", "topic": "موضوع"}
CO_GROUPS = (("officials", "مقامات هم‌آیند"), ("countries", "کشورهای هم‌آیند"), ("organizations", "سازمان‌های هم‌آیند"))
TYPE_OF_KIND = {"country": "countries", "official": "officials", "organization": "organizations", "place": None}


def entity_url(facet: str, entity_id: str) -> str:
    return url_for(f"pages.{links.ENTITY_PAGE_OF_FACET[facet]}_page", entity_id=entity_id)


def _mention_href(mention: dict) -> str | None:
    facet = TYPE_OF_KIND.get(mention.get("type"))
    return entity_url(facet, mention["id"]) if facet else None


@pages.get("/article/<article_id>")
def article(article_id: str):

    service = search_service()
    try:
        found = get_article(service, article_id)
    except ArticleNotFound:
        return error_page(404, "خبری با این شناسه در بایگانی نیست.")
    similar = similar_articles(service, article_id, 8)["results"]
    mentions = found.get("mentions", [])
    return render_template(
        "article.html", article=found, similar=similar, original_url=found.get("url"),
        title_html=marked_paragraphs(found.get("title") or "بی‌عنوان",
                                     [m for m in mentions if m.get("field") == "title"], _mention_href),
        body_html=marked_paragraphs(found.get("body") or "",
                                    [m for m in mentions if m.get("field") == "body"], _mention_href),
        entity_groups=ENTITY_GROUPS, entity_css=ENTITY_CSS, entity_url=entity_url,
        json_url=url_for("api.article", article_id=article_id),
    )


def _entity_page(entity_type: str, entity_id: str):

    service = search_service()
    try:
        card = entity_card(service, entity_type, entity_id)
    except EntityNotFound:
        return error_page(404, "این نام در پایگاه دانش و در خبرها نیست.")
    facet = ENTITY_TYPES[entity_type]
    timeline = jalali_timeline(result_day_counts(service, SearchRequest(filters={facet: (entity_id,)})))
    base = MultiDict([(ARG_OF_FACET[facet], entity_id)])
    shown = {
        "label": card.get("name_fa") or entity_id, "label_en": card.get("name_en"),
        "names": [n for n in card.get("names", []) if n != card.get("name_fa")][:12],
        "country": card.get("country"),
        "roles": [{"title": r.get("title_fa") or r.get("title_en"), "period": role_period(r.get("from"), r.get("to"))}
                  for r in card.get("roles", [])],
    }
    return render_template(
        "entity.html", card=shown, kind_title=KIND_TITLES[entity_type], article_count=card["article_count"],
        latest=card.get("latest", []), co_mentioned=card.get("co_mentioned", {}), co_groups=CO_GROUPS,
        timeline=timeline, bars=layout(timeline), entity_url=entity_url,
        search_url=_search_url(base),
        dates_url=lambda first, last: _search_url(links.with_dates(base, first, last)),
        drill_url=lambda other, other_id: _search_url(links.added(base, other, other_id)),
        json_url=url_for("api.entity", entity_type=entity_type, entity_id=entity_id),
    )


GREGORIAN_MONTHS_FA = ("ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه", "اوت", "سپتامبر", "اکتبر",
                       "نوامبر", "دسامبر")


def _month(value: str | None) -> str | None:
    """2013-08 -> اوت ۲۰۱۳ (the knowledge base dates roles to the Gregorian month)."""
    if not value:
        return None
    parts = value.split("-")
    try:
        year, month = int(parts[0]), int(parts[1]) if len(parts) > 1 else None
    except ValueError:
        return value
    text = f"{GREGORIAN_MONTHS_FA[month - 1]} {year}" if month and 1 <= month <= 12 else str(year)
    return persian_digits(text)


def role_period(start: str | None, end: str | None) -> str:
    first, last = _month(start), _month(end)
    if first and last:
        return f"{first} تا {last}"
    if first:
        return f"از {first} تاکنون"
    return f"تا {last}" if last else ""


@pages.get("/country/<entity_id>")
def country_page(entity_id: str):
    return _entity_page("country", entity_id.upper())


@pages.get("/official/<entity_id>")
def official_page(entity_id: str):
    return _entity_page("official", entity_id)


@pages.get("/organization/<entity_id>")
def organization_page(entity_id: str):
    return _entity_page("organization", entity_id)


@pages.get("/topic/<entity_id>")
def topic_page(entity_id: str):
    return _entity_page("topic", entity_id)
