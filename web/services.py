"""Per-app singletons (Elasticsearch client, SearchService), built on first use, not at import."""

from __future__ import annotations

from flask import current_app

from search.es import connect
from search.service import SearchService


def search_service() -> SearchService:
    service = current_app.extensions.get("search_service")
    if service is None:
        settings = current_app.config["SETTINGS"]
        service = SearchService(connect(settings), settings.index_alias,
                                exact_counts_up_to=settings.exact_counts_up_to)
        current_app.extensions["search_service"] = service
    return service


def suggester():
    """(Suggester over the knowledge base, discovered-names cache), built on first use."""
    built = current_app.extensions.get("suggester")
    if built is None:
        from search.suggest import DiscoveredNames, Suggester

        built = (Suggester(search_service().kb), DiscoveredNames())
        current_app.extensions["suggester"] = built
    return built
