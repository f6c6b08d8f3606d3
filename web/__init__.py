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

    from web.api import api
    from web.pages import pages

    app.register_blueprint(api)
    app.register_blueprint(pages)
    return app
