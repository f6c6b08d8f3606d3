"""URLs of the search page derived from the current arguments: add or remove a filter, narrow the dates, go to
a page. Pure functions of the query arguments, so every link the page shows keeps everything else the user chose
and starts again at page 1 when the result set changes."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from werkzeug.datastructures import MultiDict

# facet field -> URL argument (the reverse of web.params.FACET_ARGS)
ARG_OF_FACET = {"countries": "country", "officials": "official", "organizations": "organization",
                "topics": "topic", "source": "source", "published_years": "year"}
# the entity page of each facet field: /country/IR, /official/<id>, …
ENTITY_PAGE_OF_FACET = {"countries": "country", "officials": "official", "organizations": "organization",
                        "topics": "topic"}


def query_string(args: MultiDict) -> str:
    return urlencode([(key, value) for key, values in args.lists() for value in values if value != ""])


def _without_page(args: MultiDict) -> MultiDict:
    changed = MultiDict(args)
    changed.pop("page", None)
    changed.pop("cursor", None)
    return changed


def toggled(args: MultiDict, facet: str, value: str) -> MultiDict:
    """`value` added to the facet's selection, or removed when it is already there."""
    arg = ARG_OF_FACET[facet]
    changed = _without_page(args)
    values = changed.getlist(arg)
    changed.setlist(arg, [v for v in values if v != value] if value in values else [*values, value])
    return changed


def added(args: MultiDict, facet: str, value: str) -> MultiDict:
    """`value` in the facet's selection (an entity badge only ever adds: clicking it twice keeps it)."""
    arg = ARG_OF_FACET[facet]
    changed = _without_page(args)
    if value not in changed.getlist(arg):
        changed.add(arg, value)
    return changed


def without(args: MultiDict, name: str, value: str | None = None) -> MultiDict:
    """One value of an argument removed (all its values when `value` is None)."""
    changed = _without_page(args)
    if value is None:
        changed.pop(name, None)
    else:
        changed.setlist(name, [v for v in changed.getlist(name) if v != value])
    return changed


def with_dates(args: MultiDict, first: date, last: date) -> MultiDict:
    changed = _without_page(args)
    changed["from"], changed["to"] = first.isoformat(), last.isoformat()
    return changed


def with_page(args: MultiDict, page: int) -> MultiDict:
    changed = _without_page(args)
    if page > 1:
        changed["page"] = str(page)
    return changed



def with_arg(args: MultiDict, name: str, value: str) -> MultiDict:
    """One argument set to `value` (group=none, story=ID), back to the first page."""
    changed = _without_page(args)
    changed[name] = value
    return changed
