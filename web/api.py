"""JSON API. Same search function as the HTML page; errors are JSON with a message."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request, stream_with_context

from search.articles import ArticleNotFound, get_article, similar_articles
from search.cluster import cluster_health
from search.cursor import CursorError, CursorExpired
from search.entity_card import EntityNotFound, entity_card
from search.es import SearchUnavailable, server_version
from search.enrich import ANALYSIS_VERSION
from search.freshness import analysis_warning, index_versions, stale_warning
from search.query import QueryError
from search.service import result_to_json
from web.params import BadRequest, parse_integer, parse_search_args
from web.services import search_service, suggester

api = Blueprint("api", __name__, url_prefix="/api")


@api.errorhandler(BadRequest)
@api.errorhandler(QueryError)
@api.errorhandler(CursorError)
def bad_request(error: Exception):
    return jsonify({"error": str(error)}), 400


@api.errorhandler(ArticleNotFound)
@api.errorhandler(EntityNotFound)
def not_found(error: Exception):
    return jsonify({"error": str(error)}), 404


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
    version = server_version(service.client)
    cluster = cluster_health(service.client, service.alias)  # a lost node shows here as "degraded"
    versions = index_versions(service.client, service.alias)
    in_index = versions["knowledge_bases"] if versions is not None else None
    analysed = versions["analysis"] if versions is not None else None
    warnings = [w for w in (stale_warning(service.kb, in_index), analysis_warning(ANALYSIS_VERSION, analysed)) if w]
    return jsonify({"status": cluster["status"], "elasticsearch": version, "index": service.alias,
                    "cluster": cluster,
                    "knowledge_base": {"version": service.kb.version, "as_of": service.kb.as_of},
                    "index_knowledge_bases": in_index,
                    "analysis_version": ANALYSIS_VERSION, "index_analysis_versions": analysed,
                    "warnings": warnings})


@api.get("/articles/<article_id>")
def article(article_id: str):
    return jsonify(get_article(search_service(), article_id))


@api.get("/articles/<article_id>/similar")
def similar(article_id: str):
    size = parse_integer(request.args, "size", 10, 1, 50)
    return jsonify(similar_articles(search_service(), article_id, size))


@api.get("/entities/<entity_type>/<entity_id>")
def entity(entity_type: str, entity_id: str):
    return jsonify(entity_card(search_service(), entity_type, entity_id))


@api.get("/suggest")
def suggest():
    from search.suggest import MAX_SUGGESTIONS, SUGGEST_TYPES

    text = request.args.get("q", "").strip()
    if not text:
        raise BadRequest("q is required: the beginning of a name, in Persian or Latin script.")
    if len(text) > 100:
        raise BadRequest("q is limited to 100 characters.")
    entity_type = request.args.get("type", "").strip() or None
    if entity_type and entity_type not in SUGGEST_TYPES:
        raise BadRequest(f"type must be one of {', '.join(SUGGEST_TYPES)}.")
    limit = parse_integer(request.args, "limit", 10, 1, MAX_SUGGESTIONS)
    names, discovered = suggester()
    service = search_service()
    extra = discovered.entries(lambda body: service.call(service.client.search, index=service.alias, body=body)) \
        if entity_type in (None, "official") else []
    return jsonify({"q": text, "suggestions": names.suggest(text, entity_type, limit, extra)})


def _export(chunks_of, mimetype: str, extension: str):
    from itertools import chain

    from search.export import export_row, walk

    service = search_service()
    search_request = parse_search_args(request.args)
    raw_limit = request.args.get("limit", "").strip()
    limit = parse_integer(request.args, "limit", 0, 1, 10_000_000) if raw_limit else None
    sources = walk(service, search_request, limit)
    # the first batch is read before the response starts, so a bad request or an unreachable Elasticsearch
    # is still a clear 4xx/5xx JSON answer rather than a truncated file
    first = next(sources, None)
    rows = (export_row(s, service.kb) for s in chain([first] if first is not None else [], sources))
    response = Response(stream_with_context(chunks_of(rows)), mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="search-export.{extension}"'
    return response


@api.get("/export.csv")
def export_csv():
    from search.export import csv_chunks

    return _export(csv_chunks, "text/csv", "csv")


@api.get("/export.jsonl")
def export_jsonl():
    from search.export import jsonl_chunks

    return _export(jsonl_chunks, "application/x-ndjson", "jsonl")


@api.get("/openapi.json")
def openapi():
    from web.openapi import openapi_document

    return jsonify(openapi_document())
