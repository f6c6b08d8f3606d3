"""HTML pages. Every page has a JSON twin: `/` shows what `/api/search` returns for the same arguments."""

from __future__ import annotations

from flask import Blueprint, render_template, request, url_for
from markupsafe import Markup

from search.cursor import CursorError, CursorExpired
from search.es import SearchUnavailable
from search.query import QueryError
from search.service import result_to_json
from web.params import FACET_ARGS, BadRequest, parse_search_args
from web.services import search_service

pages = Blueprint("pages", __name__)

FACET_TITLES = {"countries": "کشورها", "officials": "مقامات", "organizations": "سازمان‌ها", "topics": "موضوع‌ها",
                "source": "منبع", "published_years": "سال"}
ARG_OF_FACET = {facet: arg for arg, facet in FACET_ARGS.items()}


def _toggle_url(facet: str, value: str) -> str:
    """The current search with `value` added to or removed from the facet's selection (page reset)."""
    arg = ARG_OF_FACET[facet]
    args = request.args.copy()
    values = args.getlist(arg)
    args.setlist(arg, [v for v in values if v != value] if value in values else [*values, value])
    args.pop("page", None)
    return url_for("pages.index", **args.to_dict(flat=False))


@pages.get("/")
def index():
    error = None
    data = None
    status = 200
    try:
        service = search_service()
        data = result_to_json(service.search(parse_search_args(request.args)), service.kb)
    except (BadRequest, QueryError, CursorError) as exc:
        error, status = str(exc), 400
    except CursorExpired as exc:
        error, status = str(exc), 410
    except SearchUnavailable as exc:
        error, status = str(exc), 503
    args = request.args.copy()
    args.pop("page", None)
    json_url = url_for("api.search", **request.args.to_dict(flat=False))
    return render_template(
        "search.html", data=data, error=error, q=request.args.get("q", ""), facet_titles=FACET_TITLES,
        toggle_url=_toggle_url, facet_args=ARG_OF_FACET, json_url=json_url, Markup=Markup,
        page_url=lambda page: url_for("pages.index", **args.to_dict(flat=False), page=page),
    ), status
