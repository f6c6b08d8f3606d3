"""JSON API. Same search function as the HTML page; errors are JSON with a message."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from search.cursor import CursorError, CursorExpired
from search.cluster import cluster_health
from search.es import SearchUnavailable, server_version
from search.query import QueryError
from search.service import result_to_json
from web.params import BadRequest, parse_search_args
from web.services import search_service

api = Blueprint("api", __name__, url_prefix="/api")


@api.errorhandler(BadRequest)
@api.errorhandler(QueryError)
@api.errorhandler(CursorError)
def bad_request(error: Exception):
    return jsonify({"error": str(error)}), 400


@api.errorhandler(CursorExpired)
def gone(error: Exception):
    return jsonify({"error": str(error)}), 410


@api.errorhandler(SearchUnavailable)
def unavailable(error: Exception):
    return jsonify({"error": str(error)}), 503


@api.get("/search")
def search():
    service = search_service()
    result = service.search(parse_search_args(request.args))
    return jsonify(result_to_json(result, service.kb))


@api.get("/health")
def health():
    service = search_service()
    cluster = cluster_health(service.client, service.alias)  # a lost node shows here as "degraded"
    return jsonify({"status": cluster["status"], "elasticsearch": server_version(service.client),
                    "index": service.alias, "cluster": cluster})
