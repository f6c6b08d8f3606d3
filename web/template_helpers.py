"""Jinja filters and globals the templates share: Persian digits, Jalali dates, query strings."""

from __future__ import annotations

from datetime import date

from flask import Flask

from search.dates import jalali_long, jalali_text, persian_digits
from search.service import safe_url
from web.links import query_string


def _day(value) -> date | None:
    if not value:
        return None
    try:
        return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def jalali_long_filter(value) -> str:
    day = _day(value)
    return jalali_long(day) if day else ""


def jalali_short_filter(value) -> str:
    day = _day(value)
    return jalali_text(day) if day else ""


def install(app: Flask) -> None:
    app.jinja_env.filters["fa"] = persian_digits
    app.jinja_env.filters["jdate"] = jalali_long_filter
    app.jinja_env.filters["jdate_short"] = jalali_short_filter
    app.jinja_env.filters["safe_url"] = safe_url
    app.jinja_env.globals["query_string"] = query_string
