"""The OpenAPI 3.1 description of the HTTP interface, served at /api/openapi.json. Written next to the API and
checked against the running app by a property-based test (schemathesis), so it cannot drift silently."""

from __future__ import annotations

from search.entity_card import ENTITY_TYPES
from search.suggest import MAX_SUGGESTIONS, SUGGEST_TYPES
from web.params import MAX_CURSOR_LENGTH, MAX_QUERY_LENGTH, MAX_SIZE

FACET_DESCRIPTION = (
    "Entity facets (country, official, organization, topic) drill down: several values of one of them mean "
    "articles naming ALL of them (co-mentions), and that facet's counts are then the co-mentions under the "
    "whole selection. source and year widen: several values mean ANY of them, and their other values keep "
    "their counts. Either way a value's count equals the total you get by adding it (for source and year: "
    "by selecting it alone in its facet).")


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(kind: str) -> dict:
    return {"type": [kind, "null"]}


def _repeatable(name: str, description: str, pattern: str | None = None) -> dict:
    items: dict = {"type": "string", "minLength": 1, "maxLength": MAX_QUERY_LENGTH}
    if pattern:
        items["pattern"] = pattern
    return {"name": name, "in": "query", "required": False, "description": description, "style": "form",
            "explode": True, "schema": {"type": "array", "items": items}}


def _query(name: str, schema: dict, description: str) -> dict:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


SEARCH_PARAMETERS = [
    _query("q", {"type": "string", "maxLength": MAX_QUERY_LENGTH},
           'Words (all should match; with three or more one in three may be missing), "quoted phrases" or «…», '
           "-word and -\"phrase\" to exclude, OR between alternatives. Names may be typed in Latin script."),
    _repeatable("country", "ISO 3166-1 alpha-2 code; repeat for articles naming all of them."),
    _repeatable("official", "Knowledge-base id (or fa:NAME for one discovered in the press); repeatable: all."),
    _repeatable("organization", "Knowledge-base id; repeatable: all of them."),
    _repeatable("topic", "Taxonomy id; repeatable: all of them."),
    _repeatable("source", "Source name; repeatable: any of them."),
    _repeatable("year", "Gregorian publication year; repeatable: any of them.", r"^[0-9]{4}$"),
    _query("story", {"type": "string", "maxLength": 100},
           "A story_id: the articles telling that story (near-duplicates from several outlets), each listed."),
    _query("from", {"type": "string", "format": "date"}, "Published on or after (YYYY-MM-DD)."),
    _query("to", {"type": "string", "format": "date"}, "Published on or before (YYYY-MM-DD)."),
    _query("sort", {"type": "string", "enum": ["relevance", "newest", "oldest"], "default": "relevance"},
           "Order of the results."),
]
PAGING_PARAMETERS = [
    _query("page", {"type": "integer", "minimum": 1, "maximum": 1000, "default": 1},
           "Page number (page × size may not pass 10,000: follow next_cursor beyond)."),
    _query("size", {"type": "integer", "minimum": 0, "maximum": MAX_SIZE, "default": 10}, "Results per page."),
    _query("group", {"type": "string", "enum": ["story", "none"], "default": "story"},
           "story: one result per story, its other outlets under it; none: every article (and next_cursor)."),
    _query("cursor", {"type": "string", "maxLength": MAX_CURSOR_LENGTH},
           "next_cursor from the previous response, with the same other arguments: walks the whole result set. "
           "A step has no facets (facets_included false): they are the first page's."),
]


def _error(description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": _ref("Error")}}}


ERRORS = {
    "400": _error("An argument is invalid; the message names it."),
    "503": _error("Elasticsearch is unavailable or the index does not exist yet."),
}
NOT_FOUND = {"404": _error("No such article, entity or path.")}


def _json(description: str, schema: dict) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _labelled() -> dict:
    return {"type": "array", "items": _ref("Labelled")}


SCHEMAS = {
    "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}},
    "Labelled": {"type": "object", "required": ["id", "label"],
                 "properties": {"id": {"type": "string"}, "label": {"type": "string"}}},
    "Hit": {
        "type": "object",
        "required": ["id", "title", "title_html", "snippet", "source", "published", "published_jalali", "url",
                     "countries", "officials", "organizations", "topics"],
        "properties": {
            "id": {"type": "string"}, "title": {"type": "string"},
            "title_html": {"type": "string", "description": "Escaped title with <mark> around matches."},
            "snippet": {"type": "string", "description": "Escaped passage with <mark> around matches."},
            "source": _nullable("string"), "published": _nullable("string"),
            "published_jalali": _nullable("string"),
            "url": {"type": ["string", "null"], "description": "Only http(s) URLs; others are null."},
            "score": _nullable("number"),
            "countries": _labelled(), "officials": _labelled(), "organizations": _labelled(),
            "topics": _labelled(),
            "story_id": _nullable("string"),
            "other_outlets": {"type": "integer", "minimum": 0,
                              "description": "Other matching articles of the same story (when grouped)."},
            "others": {"type": "array", "description": "A few of them.", "items": {"type": "object", "properties": {
                "id": {"type": "string"}, "title": _nullable("string"), "source": _nullable("string"),
                "url": _nullable("string"), "published": _nullable("string")}}},
        },
    },
    "FacetValue": {"type": "object", "required": ["value", "label", "count", "selected"],
                   "properties": {"value": {"type": "string"}, "label": {"type": "string"},
                                  "count": {"type": "integer", "minimum": 0}, "selected": {"type": "boolean"}}},
    "SearchResponse": {
        "type": "object", "required": ["total", "page", "size", "took_ms", "next_cursor", "results", "facets"],
        "properties": {
            "total": {"type": "integer", "minimum": 0, "description": "Every matching article: those with all the "
                      "query's words and phrases first, then those with some of them."},
            "total_all_words": {"type": ["integer", "null"], "minimum": 0,
                                "description": "Of total, the articles with every word and phrase of the query."},
            "did_you_mean": {"type": ["string", "null"],
                             "description": "A corrected query from the index's vocabulary when fewer than 3 "
                                            "articles have every word; else null."},
            "page": {"type": "integer"}, "size": {"type": "integer"},
            "took_ms": {"type": "integer"},
            "next_cursor": {"type": ["string", "null"], "description": "Pass it as cursor for the next results (group=none); "
                                                                       "null at the end of the result set, and with one result per story."},
            "results": {"type": "array", "items": _ref("Hit")},
            "grouped_by_story": {"type": "boolean"},
            "total_stories": {"type": ["integer", "null"], "minimum": 0,
                              "description": "Distinct stories among the total matching articles."},
            "facet_counts": {"type": "string", "enum": ["articles"],
                             "description": "What the facet counts count: articles, like total, also when results "
                                            "are grouped by story."},
            "counts_estimated": {"type": "boolean",
                                 "description": "true when the search matched more articles than are counted "
                                                "exactly (SEARCH_EXACT_COUNTS_UP_TO, 100,000 by default): facet "
                                                "counts are then estimated from a random tenth of them; total, "
                                                "total_all_words and total_stories stay exact."},
            "facets_included": {"type": "boolean",
                                "description": "false on a cursor step: facets is then empty, as a walk's facets "
                                               "are those of its first page (the same search); total, "
                                               "total_all_words and total_stories are still given."},
            "facets": {"type": "object", "description": FACET_DESCRIPTION + " Empty on a cursor step "
                       "(facets_included false).",
                       "additionalProperties": {"type": "array", "items": _ref("FacetValue")}},
        },
    },
    "Mention": {
        "type": "object", "required": ["field", "start", "end", "text", "type", "id", "label"],
        "properties": {
            "field": {"type": "string", "enum": ["title", "body"]},
            "start": {"type": "integer", "minimum": 0,
                      "description": "Offset in code points into the field's text, as returned."},
            "end": {"type": "integer", "minimum": 0}, "text": {"type": "string"},
            "type": {"type": "string", "enum": ["country", "official", "organization", "place"]},
            "id": {"type": "string"}, "label": {"type": "string"},
        },
    },
    "Article": {
        "type": "object",
        "required": ["id", "title", "body", "source", "published", "published_jalali", "url", "countries",
                     "officials", "organizations", "places", "topics", "mentions"],
        "properties": {
            "id": {"type": "string"}, "title": {"type": "string"}, "body": {"type": "string"},
            "source": _nullable("string"), "published": _nullable("string"),
            "published_jalali": _nullable("string"), "url": _nullable("string"), "dateline": _nullable("string"),
            "countries": _labelled(), "officials": _labelled(), "organizations": _labelled(),
            "places": _labelled(), "topics": _labelled(),
            "mentions": {"type": "array", "items": _ref("Mention")},
        },
    },
    "Similar": {"type": "object", "required": ["id", "results"],
                "properties": {"id": {"type": "string"}, "results": {"type": "array", "items": _ref("Hit")}}},
    "EntityCard": {
        "type": "object",
        "required": ["type", "id", "name_fa", "name_en", "names", "article_count", "timeline", "co_mentioned",
                     "latest"],
        "properties": {
            "type": {"type": "string", "enum": list(ENTITY_TYPES)}, "id": {"type": "string"},
            "name_fa": {"type": "string"}, "name_en": _nullable("string"),
            "names": {"type": "array", "items": {"type": "string"}},
            "kind": {"type": "string"}, "discovered": {"type": "boolean"},
            "country": _ref("Labelled"),
            "roles": {"type": "array", "items": {"type": "object", "properties": {
                "title_fa": _nullable("string"), "title_en": _nullable("string"),
                "from": _nullable("string"), "to": _nullable("string")}}},
            "article_count": {"type": "integer", "minimum": 0},
            "timeline": {"type": "array", "items": {"type": "object", "required": ["month", "count"], "properties": {
                "month": {"type": "string", "pattern": r"^\d{4}-\d{2}$"}, "count": {"type": "integer"}}}},
            "co_mentioned": {"type": "object", "additionalProperties": {"type": "array", "items": {
                "type": "object", "required": ["id", "label", "count"], "properties": {
                    "id": {"type": "string"}, "label": {"type": "string"}, "count": {"type": "integer"}}}}},
            "latest": {"type": "array", "items": _ref("Hit")},
        },
    },
    "Suggestions": {
        "type": "object", "required": ["q", "suggestions"],
        "properties": {"q": {"type": "string"}, "suggestions": {"type": "array", "items": {
            "type": "object", "required": ["type", "id", "label", "label_en", "matched"], "properties": {
                "type": {"type": "string", "enum": list(SUGGEST_TYPES)}, "id": {"type": "string"},
                "label": {"type": "string"}, "label_en": _nullable("string"), "matched": {"type": "string"}}}}},
    },
    "Health": {"type": "object", "required": ["status", "elasticsearch", "index", "cluster"],
               "properties": {"status": {"type": "string", "enum": ["ok", "degraded", "failing", "unknown"],
                                         "description": "ok: every shard copy placed; degraded: all articles "
                                                        "searchable, some replicas missing (a node is down); "
                                                        "failing: some articles missing from results"},
                              "elasticsearch": {"type": "string"}, "index": {"type": "string"},
                              "cluster": {"type": "object", "properties": {
                                  "status": {"type": "string"}, "cluster": {"type": ["string", "null"]},
                                  "cluster_status": {"type": "string"},
                                  "nodes": {"type": ["integer", "null"]},
                                  "unassigned_shards": {"type": ["integer", "null"]}}},
                              "knowledge_base": {"type": "object", "description": "the running knowledge base",
                                                 "properties": {"version": {"type": "string"},
                                                                "as_of": _nullable("string")}},
                              "index_knowledge_bases": {
                                  "type": ["array", "null"], "description": "knowledge-base versions the indexed articles "
                                                                  "were enriched with, with article counts",
                                  "items": {"type": "object"}},
                              "analysis_version": {"type": "string", "description": "the running analysis "
                                                   "version (terms, story fingerprints)"},
                              "index_analysis_versions": {
                                  "type": ["array", "null"], "description": "analysis versions the indexed articles "
                                                                  "were analysed with, with article counts",
                                  "items": {"type": "object", "properties": {"version": _nullable("string"),
                                                                             "documents": {"type": "integer"}}}},
                              "warnings": {"type": "array", "items": {"type": "string"},
                                           "description": "e.g. the index was built with an older knowledge "
                                                          "base or analysis version: run `python -m search "
                                                          "reindex`"}}},
}

_ARTICLE_ID = {"name": "article_id", "in": "path", "required": True, "schema": {"type": "string", "minLength": 1}}


def _export(media_type: str, what: str) -> dict:
    return {"get": {
        "summary": f"Every matching article as {what}, streamed (no 10,000 cap)",
        "parameters": [*SEARCH_PARAMETERS, _query("limit", {"type": "integer", "minimum": 1,
                                                            "maximum": 10_000_000}, "At most this many.")],
        "responses": {"200": {"description": f"id, title, source, published, published_jalali, url and entity "
                                             f"labels of each article ({what}).",
                              "content": {media_type: {"schema": {"type": "string"}}}}, **ERRORS},
    }}


def openapi_document() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {"title": "Persian news search", "version": "1",
                 "description": "Search Persian news by words and by the countries, officials, organisations and "
                                "topics they mention; walk, export and follow whole result sets. " + FACET_DESCRIPTION},
        "paths": {
            "/api/search": {"get": {
                "summary": "Search: hits with highlighted snippets, and every facet",
                "parameters": [*SEARCH_PARAMETERS, *PAGING_PARAMETERS],
                "responses": {"200": _json("Results.", _ref("SearchResponse")), **ERRORS,
                              "410": _error("The cursor has expired: start the walk again without it.")},
            }},
            "/api/export.csv": _export("text/csv", "CSV (UTF-8 with BOM)"),
            "/api/export.jsonl": _export("application/x-ndjson", "JSON Lines"),
            "/feed.atom": {"get": {
                "summary": "The newest matching articles as an Atom 1.0 feed",
                "parameters": [*SEARCH_PARAMETERS[:-1], _query("size", {"type": "integer", "minimum": 0,
                                                                         "maximum": MAX_SIZE, "default": 30},
                                                               "Entries in the feed.")],
                "responses": {"200": {"description": "Atom 1.0, newest first.",
                                      "content": {"application/atom+xml": {"schema": {"type": "string"}}}},
                              **ERRORS},
            }},
            "/api/articles/{article_id}": {"get": {
                "summary": "One article: full text, entities, and each mention's character offsets",
                "parameters": [_ARTICLE_ID],
                "responses": {"200": _json("The article.", _ref("Article")), **NOT_FOUND, "503": ERRORS["503"]},
            }},
            "/api/articles/{article_id}/similar": {"get": {
                "summary": "Articles most like this one (more like this over the analysed terms)",
                "parameters": [_ARTICLE_ID, _query("size", {"type": "integer", "minimum": 1, "maximum": 50,
                                                            "default": 10}, "How many.")],
                "responses": {"200": _json("Similar articles.", _ref("Similar")), **NOT_FOUND, **ERRORS},
            }},
            "/api/entities/{entity_type}/{entity_id}": {"get": {
                "summary": "An entity's card: knowledge base, article count, timeline, co-mentions, latest",
                "parameters": [
                    {"name": "entity_type", "in": "path", "required": True,
                     "schema": {"type": "string", "enum": list(ENTITY_TYPES)}},
                    {"name": "entity_id", "in": "path", "required": True,
                     "schema": {"type": "string", "minLength": 1}}],
                "responses": {"200": _json("The card.", _ref("EntityCard")), **NOT_FOUND, "503": ERRORS["503"]},
            }},
            "/api/suggest": {"get": {
                "summary": "Autocomplete names (Persian or Latin script, beginning of any word)",
                "parameters": [
                    {"name": "q", "in": "query", "required": True,
                     "schema": {"type": "string", "minLength": 1, "maxLength": 100}},
                    _query("type", {"type": "string", "enum": list(SUGGEST_TYPES)}, "Only this kind."),
                    _query("limit", {"type": "integer", "minimum": 1, "maximum": MAX_SUGGESTIONS, "default": 10},
                           "How many.")],
                "responses": {"200": _json("Suggestions, best first.", _ref("Suggestions")), **ERRORS},
            }},
            "/api/health": {"get": {
                "summary": "Liveness and the health of the index's cluster (degraded when a node is lost)",
                "responses": {"200": _json("Healthy.", _ref("Health")), "503": ERRORS["503"]},
            }},
            "/api/openapi.json": {"get": {
                "summary": "This document",
                "responses": {"200": _json("OpenAPI 3.1.", {"type": "object"})},
            }},
        },
        "components": {"schemas": SCHEMAS},
    }
