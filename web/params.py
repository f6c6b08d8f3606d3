"""HTTP query arguments -> a validated SearchRequest (the parser object of the Aleph style)."""

from __future__ import annotations

from datetime import date

from werkzeug.datastructures import MultiDict

from search.cursor import CursorError, attach
from search.dates import DateError, parse_date
from search.model import SearchRequest

# URL argument -> facet field
FACET_ARGS = {"country": "countries", "official": "officials", "organization": "organizations",
              "topic": "topics", "source": "source", "year": "published_years"}
MAX_SIZE = 100
MAX_QUERY_LENGTH = 500
MAX_CURSOR_LENGTH = 4000


class BadRequest(ValueError):
    """The message tells the user which argument is wrong and what is allowed."""


def parse_integer(args: MultiDict, name: str, default: int, low: int, high: int) -> int:
    raw = args.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")))
    except ValueError:
        raise BadRequest(f"{name} must be a whole number, not {raw!r}.") from None
    if not low <= value <= high:
        raise BadRequest(f"{name} must be between {low} and {high}.")
    return value


def _date(args: MultiDict, name: str) -> date | None:
    """Jalali or Gregorian, Persian or Latin digits (search/dates.py); `to` takes the last day of a year or
    month typed alone, `from` the first."""
    raw = args.get(name, "").strip()
    if not raw:
        return None
    try:
        parsed = parse_date(raw)
    except DateError:
        raise BadRequest(f"{name} must be a date like 2023-08-22 or ۱۴۰۲/۰۵/۳۱, not {raw!r}.") from None
    return parsed.last if name == "to" else parsed.first


def parse_search_args(args: MultiDict) -> SearchRequest:
    query = args.get("q", "").strip()
    if len(query) > MAX_QUERY_LENGTH:
        raise BadRequest(f"q is limited to {MAX_QUERY_LENGTH} characters.")
    sort = args.get("sort", "relevance").strip() or "relevance"
    if sort not in ("relevance", "newest", "oldest"):
        raise BadRequest("sort must be relevance, newest or oldest.")
    filters = {}
    for arg, facet in FACET_ARGS.items():
        values = tuple(dict.fromkeys(v.strip() for v in args.getlist(arg) if v.strip()))
        if any(len(v) > MAX_QUERY_LENGTH for v in values):
            raise BadRequest(f"{arg} values are limited to {MAX_QUERY_LENGTH} characters.")
        if facet == "published_years" and not all(v.isascii() and v.isdigit() and len(v) == 4 for v in values):
            raise BadRequest("year must be a Gregorian year such as 2023.")
        if values:
            filters[facet] = values
    date_from, date_to = _date(args, "from"), _date(args, "to")
    if date_from and date_to and date_from > date_to:
        raise BadRequest("from must not be after to.")

    size = parse_integer(args, "size", 10, 0, MAX_SIZE)
    page = parse_integer(args, "page", 1, 1, 1000)
    story, group_stories = _story_args(args)
    if story:
        filters["story_id"] = (story,)
    request = SearchRequest(query=query, filters=filters, date_from=date_from, date_to=date_to, sort=sort,
                            page=page, size=size, group_stories=group_stories)
    cursor = args.get("cursor", "").strip()
    if cursor:
        if len(cursor) > MAX_CURSOR_LENGTH:
            raise BadRequest("cursor is not valid: pass next_cursor from a previous response unchanged.")
        try:
            request = attach(request, cursor)
        except CursorError as error:
            raise BadRequest(str(error)) from None
    return request


def _story_args(args: MultiDict) -> tuple[str | None, bool]:
    """`group=story` (default: one result per story) or `group=none` (every article); `story=ID` lists the
    articles of one story, each on its own."""
    group = args.get("group", "story").strip() or "story"
    if group not in ("story", "none"):
        raise BadRequest("group must be story (one result per story) or none (every article).")
    story = args.get("story", "").strip() or None
    return story, group == "story" and story is None
