"""Flask application factory. No work at import time: create_app builds everything from its Settings."""

from __future__ import annotations

from flask import Flask

from search.config import Settings


def create_app(settings: Settings | None = None) -> Flask:
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.config["SETTINGS"] = settings
    app.json.ensure_ascii = False  # Persian stays readable in the JSON API
    app.json.sort_keys = False

    from web import errors, template_helpers
    from web.api import api
    from web.feeds import feeds
    from web.pages import pages

    app.register_blueprint(api)
    app.register_blueprint(pages)
    app.register_blueprint(feeds)
    template_helpers.install(app)
    app.after_request(_security_headers)
    errors.install(app)
    app.register_error_handler(404, _api_errors_as_json)
    app.register_error_handler(405, _api_errors_as_json)
    return app


# No inline script or style anywhere: the pages load only their own static files, so injected markup can run
# nothing. Searches are confidential: no referrer leaks the query to the news sites a journalist opens.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                               "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def _security_headers(response):
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def _api_errors_as_json(error):
    """Unknown API paths and methods answer in JSON like every other API error; pages get a Persian page."""
    from flask import jsonify, request

    from web.errors import error_page

    if request.path.startswith("/api/"):
        return jsonify({"error": f"{error.name}: {error.description}"}), error.code
    return error_page(error.code)
