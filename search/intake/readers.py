"""Readers: files, folders and http(s) addresses -> Articles, or Rejects with a reason and an origin
(file:line, feed#item). The format is told by the content (a feed, an HTML page, JSON lines, plain text),
the file name only breaking ties."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

import feedparser

from search.intake.fetch import Fetcher, FetchError
from search.intake.html import extract_page, html_to_text
from search.intake.outlets import canonical_source, outlet_for_url, outlets
from search.intake.validate import canonical_url, id_for_key, make_article
from search.model import Article, Reject

FEED, PAGE, JSONL, TEXT = "feed", "page", "jsonl", "text"
SUFFIX_FORMATS = {".jsonl": JSONL, ".ndjson": JSONL, ".txt": TEXT, ".xml": FEED, ".rss": FEED, ".atom": FEED, ".rdf": FEED,
                  ".html": PAGE, ".htm": PAGE}
SUPPORTED_SUFFIXES = tuple(SUFFIX_FORMATS)


def sniff(data: bytes, suffix: str = "") -> str | None:
    """The format of `data` from its first bytes; the suffix decides only when the content cannot."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<"):
        if any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf", b"<channel")):
            return FEED
        if any(tag in head for tag in (b"<!doctype html", b"<html", b"<body", b"<article", b"<head")):
            return PAGE
        return SUFFIX_FORMATS.get(suffix, PAGE if suffix not in SUFFIX_FORMATS else None)
    if head.startswith(b"{"):
        return JSONL
    return SUFFIX_FORMATS.get(suffix) or (TEXT if suffix == "" else None)


# -- one format each ------------------------------------------------------------------------------------------

class JsonLine(NamedTuple):
    """One line of a JSONL file, read but not yet parsed: `read_articles(..., deferred=True)` leaves parsing
    and validation to whoever enriches it (the worker processes of `index`), off the main process."""
    text: str
    origin: str  # file:line

    def article(self) -> Article | Reject:
        try:
            record = json.loads(self.text)
        except json.JSONDecodeError as error:
            return Reject(self.origin, f"invalid JSON: {error.msg} at column {error.colno}", self.text.rstrip("\n"))
        article = article_from_record(record, self.origin, raw="")  # not serialised again for every article
        if isinstance(article, Reject):  # as before: the record as JSON in the reject
            return Reject(article.origin, article.reason, json.dumps(record, ensure_ascii=False))
        return article


def read_jsonl_lines(lines: Iterable[str], origin: str, deferred: bool = False,
                     ) -> Iterator[Article | Reject | JsonLine]:
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        pending = JsonLine(line, f"{origin}:{number}")
        yield pending if deferred else pending.article()


def article_from_record(record: object, origin: str, raw: str | None = None) -> Article | Reject:
    """`raw`: what a reject shows of the record (default: the record serialised again)."""
    if raw is None:
        raw = json.dumps(record, ensure_ascii=False) if not isinstance(record, str) else record
    if not isinstance(record, dict):
        return Reject(origin, "a line must hold a JSON object", raw)
    return make_article(body=record.get("body"), origin=origin, raw=raw, id=record.get("id"),
                        title=record.get("title"), source=record.get("source"), published=record.get("published"),
                        url=record.get("url"))


def read_text(data: bytes, origin: str) -> Iterator[Article | Reject]:
    try:
        body = data.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError:
        yield Reject(origin, "not UTF-8 text")
        return
    if not body.strip():
        yield Reject(origin, "empty file")
        return
    yield make_article(body=body, origin=origin)


def _known_outlet(name: str | None) -> str | None:
    """A feed's or site's own name, when it is one of the known outlets (a feed title is free text otherwise)."""
    canonical = canonical_source(name)
    return canonical if canonical in {o.name for o in outlets()} else None


def read_feed(data: bytes, origin: str, feed_url: str | None = None, source: str | None = None,
              ) -> Iterator[Article | Reject]:
    """RSS 0.9x/1.0/2.0 and Atom: one article per item (title, link, date, the longest of content and summary,
    HTML stripped). An item's id comes from its guid or link, so an edited item replaces its earlier text."""
    parsed = feedparser.parse(data)
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        yield Reject(origin, f"not a readable feed: {problem}" if problem else "a feed with no items")
        return
    site = parsed.feed.get("link")
    outlet = source or outlet_for_url(feed_url) or outlet_for_url(site) or _known_outlet(parsed.feed.get("title"))
    for number, entry in enumerate(parsed.entries, 1):
        where = f"{origin}#{number}"
        texts = [html_to_text(c.get("value", "")) for c in entry.get("content", [])]
        texts.append(html_to_text(entry.get("summary", "")))
        body = max(texts, key=len)
        link = entry.get("link") or None
        key = entry.get("id") or (canonical_url(link) if link else None)
        published = entry.get("published") or entry.get("updated") or None
        raw = json.dumps({"title": entry.get("title"), "link": link, "published": published, "id": key},
                         ensure_ascii=False)
        yield make_article(body=body, origin=where, raw=raw, id=id_for_key(key) if key else None,
                           title=html_to_text(entry.get("title", "")), source=outlet, published=published,
                           url=link)


def read_page(data: bytes | str, origin: str, url: str | None = None, source: str | None = None,
              ) -> Iterator[Article | Reject]:
    """An article page: trafilatura finds the main text, title, date and canonical URL."""
    html = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
    page = extract_page(html, url)
    if page is None:
        yield Reject(origin, "no article text found on the page")
        return
    link = page.url if page.url and page.url.startswith(("http://", "https://")) else url
    yield make_article(body=page.text, origin=origin, id=id_for_key(canonical_url(link)) if link else None,
                       title=page.title, published=page.published, url=link,
                       source=source or outlet_for_url(link) or _known_outlet(page.sitename))


def read_bytes(data: bytes, origin: str, suffix: str = "", url: str | None = None) -> Iterator[Article | Reject]:
    kind = sniff(data, suffix)
    if kind == FEED:
        yield from read_feed(data, origin, feed_url=url)
    elif kind == PAGE:
        yield from read_page(data, origin, url=url)
    elif kind == JSONL:
        yield from read_jsonl_lines(data.decode("utf-8", errors="replace").splitlines(), origin)
    elif kind == TEXT:
        yield from read_text(data, origin)
    else:
        yield Reject(origin, "unsupported content (supported: RSS/Atom feeds, HTML pages, .jsonl, .txt)")


# -- many inputs ----------------------------------------------------------------------------------------------

def is_url(text: str) -> bool:
    return str(text).startswith(("http://", "https://"))


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path | str | Reject]:
    """Addresses, files named, and supported files inside folders named (sorted, recursive)."""
    for raw in paths:
        if is_url(str(raw)):
            yield str(raw)
            continue
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix.lower() in SUPPORTED_SUFFIXES and p.is_file())
        elif path.is_file():
            yield path
        else:
            yield Reject(str(path), "no such file or folder")


def read_articles(paths: Iterable[str | Path], fetcher: Fetcher | None = None, deferred: bool = False,
                  ) -> Iterator[Article | Reject | JsonLine]:
    """Articles and rejects in input order. `deferred`: the lines of JSONL files come as JsonLines, parsed and
    validated later by `JsonLine.article()` (search/parallel.py does it in its workers)."""
    fetcher = fetcher or Fetcher()
    for item in expand_paths(paths):
        if isinstance(item, Reject):
            yield item
        elif isinstance(item, str):
            try:
                response = fetcher.get(item)
            except FetchError as error:
                yield Reject(item, str(error))
                continue
            yield from read_bytes(response.body, item, url=response.url)
        elif SUFFIX_FORMATS.get(item.suffix.lower()) == JSONL:
            with item.open(encoding="utf-8", errors="replace") as handle:  # streamed: JSONL files can be large
                yield from read_jsonl_lines(handle, str(item), deferred)
        else:
            yield from read_bytes(item.read_bytes(), str(item), suffix=item.suffix.lower())
