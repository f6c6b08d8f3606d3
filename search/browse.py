"""Look-ups the pages make beside the one search function: the result set's timeline. Talks to Elasticsearch;
what it asks and how the answer is read are pure functions in search/timeline.py."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from elasticsearch import exceptions as es_exceptions

from search.es import SearchUnavailable
from search.model import SearchRequest
from search.service import SearchService
from search.timeline import day_counts, day_histogram_body


def result_day_counts(service: SearchService, request: SearchRequest) -> dict[date, int]:
    """Articles per publication day of everything `request` matches (all pages, every selected filter)."""
    body, _ = service.builder.build(replace(request, page=1, size=0))
    try:
        raw = service.client.search(index=service.alias, body=day_histogram_body(body))
    except es_exceptions.NotFoundError as error:
        raise SearchUnavailable(f"The index {service.alias!r} does not exist yet.") from error
    except (es_exceptions.ConnectionError, es_exceptions.AuthenticationException) as error:
        raise SearchUnavailable(f"Elasticsearch is not available: {error}.") from error
    return day_counts(raw.body if hasattr(raw, "body") else raw)
