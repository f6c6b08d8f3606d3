"""Per-app singletons (Elasticsearch client, SearchService), built on first use, not at import."""

from __future__ import annotations

from flask import current_app

from search.es import connect
from search.service import SearchService


def search_service() -> SearchService:
    service = current_app.extensions.get("search_service")
    if service is None:
        settings = current_app.config["SETTINGS"]
        service = SearchService(connect(settings), settings.index_alias)
        current_app.extensions["search_service"] = service
    return service
