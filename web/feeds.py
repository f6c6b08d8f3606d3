"""`/feed.atom`: any search as an Atom feed, newest first (same arguments as /api/search)."""

from __future__ import annotations

from dataclasses import replace

from flask import Blueprint, Response, jsonify, request, url_for

from search.atom import atom_feed
from search.es import SearchUnavailable
from search.query import QueryError
from web.params import BadRequest, parse_search_args
from web.services import search_service

feeds = Blueprint("feeds", __name__)
FEED_SIZE = 30
# a feed is always the newest articles from the first: paging, cursors and order do not apply
ARGS_IGNORED_BY_FEED = ("page", "cursor", "sort")


@feeds.errorhandler(BadRequest)
@feeds.errorhandler(QueryError)
def bad_request(error: Exception):
    return jsonify({"error": str(error)}), 400


@feeds.errorhandler(SearchUnavailable)
def unavailable(error: Exception):
    return jsonify({"error": str(error)}), 503


@feeds.get("/feed.atom")
def feed():
    args = request.args.copy()
    for name in ARGS_IGNORED_BY_FEED:
        args.pop(name, None)
    search_request = parse_search_args(args)
    size = search_request.size if "size" in args else FEED_SIZE
    service = search_service()
    result = service.search(replace(search_request, sort="newest", size=size, facet_size=1))
    query = search_request.query
    title = f"جست‌وجوی اخبار: {query}" if query else "جست‌وجوی اخبار: تازه‌ترین خبرها"
    xml = atom_feed(
        result, service.kb, title,
        self_url=url_for("feeds.feed", _external=True, **args.to_dict(flat=False)),
        page_url=url_for("pages.index", _external=True, **args.to_dict(flat=False)),
        article_url=lambda article_id: url_for("api.article", article_id=article_id, _external=True),
    )
    return Response(xml, mimetype="application/atom+xml")
