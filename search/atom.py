"""A search as an Atom 1.0 feed (RFC 4287), newest first, so a journalist can follow it in a feed reader. Pure:
a SearchResult (already sorted newest first) and the URLs in, XML text out."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from search.entities.kb import KnowledgeBase
from search.model import SearchResult
from search.service import safe_url

ATOM = "http://www.w3.org/2005/Atom"
_TAG = re.compile(r"<[^>]+>")
# characters XML 1.0 cannot carry at all (a stray control character in an article must not break the feed)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _timestamp(day: str | None, fallback: datetime) -> str:
    if not day:
        return fallback.isoformat(timespec="seconds").replace("+00:00", "Z")
    return f"{day[:10]}T00:00:00Z"


def _text(text: str | None) -> str:
    return _NOT_XML.sub("", text or "")


def atom_feed(result: SearchResult, kb: KnowledgeBase, title: str, self_url: str, page_url: str,
              article_url, now: datetime | None = None) -> str:
    """`article_url(id)` gives the absolute URL of an article's JSON (the entry id, and its link when the
    article has no web address of its own)."""
    now = now or datetime.now(UTC)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "fa"})

    def add(parent, tag: str, text: str | None = None, **attributes) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        if text is not None:
            element.text = _text(text)
        return element

    add(feed, "title", title)
    add(feed, "id", self_url)
    newest = max((h.published for h in result.hits if h.published), default=None)
    add(feed, "updated", _timestamp(newest, now))
    add(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    add(feed, "link", rel="alternate", type="text/html", href=page_url)
    author = add(feed, "author")
    add(author, "name", "جست‌وجوی اخبار فارسی")
    add(feed, "generator", "persian-news-search")
    for hit in result.hits:
        entry = add(feed, "entry")
        add(entry, "title", hit.title or _TAG.sub("", hit.snippet)[:80])
        add(entry, "id", article_url(hit.id))
        add(entry, "link", rel="alternate", href=safe_url(hit.url) or article_url(hit.id))
        add(entry, "updated", _timestamp(hit.published, now))
        if hit.published:
            add(entry, "published", _timestamp(hit.published, now))
        add(entry, "summary", hit.snippet, type="html")
        if hit.source:
            source_author = add(entry, "author")
            add(source_author, "name", hit.source)
        for facet in ("topics", "countries"):
            for value in getattr(hit, facet):
                add(entry, "category", term=value, label=_text(kb.label(facet, value)), scheme=facet)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True)
