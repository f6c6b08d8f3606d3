"""The Elasticsearch connection: one place that knows how to build and check a client."""

from __future__ import annotations

from elasticsearch import Elasticsearch
from elasticsearch import exceptions as es_exceptions

from search.config import Settings


class SearchUnavailable(RuntimeError):
    """Elasticsearch cannot be reached or refused our credentials; the message says which."""


def connect(settings: Settings, request_timeout: float = 30.0) -> Elasticsearch:
    kwargs: dict = {"request_timeout": request_timeout, "retry_on_timeout": True, "max_retries": 3}
    if settings.es_api_key:
        kwargs["api_key"] = settings.es_api_key
    elif settings.es_username:
        kwargs["basic_auth"] = (settings.es_username, settings.es_password or "")
    if settings.es_ca_certs:
        kwargs["ca_certs"] = settings.es_ca_certs
    return Elasticsearch(settings.es_urls, **kwargs)


def server_version(client: Elasticsearch) -> str:
    """The server's version. (Not `client.info()`: the minimal distribution has no `GET /` handler.)"""
    try:
        nodes = client.nodes.info(node_id="_local", filter_path="nodes.*.version")
    except es_exceptions.AuthenticationException as error:
        raise SearchUnavailable(
            "Elasticsearch refused our credentials (check ES_USERNAME/ES_PASSWORD or ES_API_KEY).") from error
    except es_exceptions.ConnectionError as error:
        raise SearchUnavailable(f"Elasticsearch does not answer: {error}.") from error
    return next(iter(nodes["nodes"].values()))["version"]
