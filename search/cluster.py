"""How the index sits on the cluster: shard and replica counts from configuration, and the cluster's health as
the app reports it (a node lost means yellow or red, which a journalist's tools should say, not hide)."""

from __future__ import annotations

import copy

from elasticsearch import ApiError, Elasticsearch

from search.config import Settings
from search.indexer import load_mapping


def index_mapping(settings: Settings, mapping: dict | None = None) -> dict:
    """mappings/articles.json with the shard and replica counts of SEARCH_SHARDS and SEARCH_REPLICAS."""
    mapping = copy.deepcopy(mapping or load_mapping())
    mapping["settings"]["number_of_shards"] = settings.shards
    mapping["settings"]["number_of_replicas"] = settings.replicas
    return mapping


def describe_health(health: dict) -> dict:
    """Elasticsearch's cluster health -> what /api/health shows. Pure.

    green: every copy of every shard is placed; yellow: all data is searchable but some replicas are missing
    (a node is down or there are too few nodes); red: some data is missing from search results."""
    status = health.get("status", "unknown")
    return {
        "status": {"green": "ok", "yellow": "degraded", "red": "failing"}.get(status, "unknown"),
        "cluster": health.get("cluster_name"),
        "cluster_status": status,
        "nodes": health.get("number_of_nodes"),
        "unassigned_shards": health.get("unassigned_shards"),
    }


def cluster_health(client: Elasticsearch, index: str | None = None) -> dict:
    """Health of `index` (the alias: other indices on a shared cluster do not count) or of the whole cluster.
    Never waits: a missing index answers at once as red (Elasticsearch says so with HTTP 408)."""
    try:
        raw = client.cluster.health(index=index, timeout="0s") if index else client.cluster.health(timeout="0s")
        body = raw.body if hasattr(raw, "body") else dict(raw)
    except ApiError as error:
        if error.meta.status != 408 or not isinstance(error.body, dict):
            raise
        body = error.body
    return describe_health(body)
