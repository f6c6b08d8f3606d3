"""Flask application factory. No work at import time: create_app builds everything from its Settings."""

from __future__ import annotations

from flask import Flask

from search.config import Settings


PERSIAN_MONTHS = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن",
                  "اسفند")
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def persian_date(jalali_iso: str | None) -> str:
    """1402-05-31 -> ۳۱ مرداد ۱۴۰۲"""
    if not jalali_iso:
        return ""
    year, month, day = (int(part) for part in jalali_iso.split("-"))
    return f"{day} {PERSIAN_MONTHS[month - 1]} {year}".translate(PERSIAN_DIGITS)


def create_app(settings: Settings | None = None) -> Flask:
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.config["SETTINGS"] = settings
    app.json.ensure_ascii = False  # Persian stays readable in the JSON API
    app.json.sort_keys = False

    app.jinja_env.filters["persian_date"] = persian_date

    from web import errors, security, template_helpers
    from web.api import api
    from web.pages import pages

    app.register_blueprint(api)
    app.register_blueprint(pages)
    template_helpers.install(app)
    security.install(app)
    errors.install(app)
    return app
