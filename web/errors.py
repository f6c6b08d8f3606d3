"""Friendly Persian error pages (400, 404, 503, …) for the HTML side; the JSON API keeps JSON errors."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from search.es import SearchUnavailable

HEADINGS = {
    400: ("درخواست نادرست است", "نشانی یا فرم چیزی دارد که نمی‌توان با آن جست‌وجو کرد."),
    404: ("این صفحه پیدا نشد", "نشانی را بررسی کنید یا از جست‌وجو شروع کنید."),
    405: ("این کار در این نشانی ممکن نیست", "از پیوندها و فرم‌های همین سایت استفاده کنید."),
    500: ("خطایی پیش آمد", "مشکل از ماست؛ کمی بعد دوباره امتحان کنید."),
    503: ("سرویس جست‌وجو در دسترس نیست", "پایگاه داده‌ی اخبار پاسخ نمی‌دهد؛ چند لحظه بعد دوباره امتحان کنید."),
}


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def error_page(status: int, detail: str | None = None):
    heading, hint = HEADINGS.get(status, HEADINGS[500])
    return render_template("error.html", status=status, heading=heading, hint=hint, detail=detail), status


def install(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        status = error.code or 500
        if _wants_json():
            return jsonify({"error": error.description}), status
        return error_page(status)

    @app.errorhandler(SearchUnavailable)
    def unavailable(error: SearchUnavailable):
        if _wants_json():
            return jsonify({"error": str(error)}), 503
        return error_page(503)
