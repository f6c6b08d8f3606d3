"""One record's fields -> an Article, or a Reject whose reason says what to fix. Pure.

Closes the holes a journalist's feed or file can open: a body of nothing but spaces, half-spaces or control
characters; a date in the far future or before 1900; a `javascript:` or `data:` link that a page would render;
a body so large it would be refused (it is cut at a paragraph and the document says so)."""

from __future__ import annotations

import functools
import hashlib
import re
import sys
import unicodedata
from datetime import date, timedelta
from urllib.parse import urlsplit, urlunsplit

from search.intake.dates import parse_published
from search.intake.outlets import resolve_source
from search.model import Article, Reject

MAX_BODY_CHARS = 200_000  # a long report is ~20,000; beyond this is a scraping accident, not an article
MAX_TITLE_CHARS = 300
EARLIEST = date(1900, 1, 1)
_SENTENCE_END = re.compile(r"[.!?؟\n]")
_TITLE_FROM_BODY = 140
# Fixed on purpose (not the Analyzer's evolving normaliser): an article's id must not change when analysis
# rules improve, or re-indexing the same files would duplicate them.
_ID_FOLDING = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "\u200c": "", "\u200f": "", "\u200e": "", "\u0640": ""})
_TRACKING_PARAMS = re.compile(r"^(utm_\w+|fbclid|gclid|ref|from|rss)$", re.IGNORECASE)


def stable_id(body: str) -> str:
    """Content-derived id: the same text, up to Arabic/Persian letter variants, half-spaces and whitespace,
    gets the same id."""
    folded = " ".join(body.translate(_ID_FOLDING).split())
    return hashlib.sha1(folded.encode("utf-8")).hexdigest()[:16]


def id_for_key(key: str) -> str:
    """An id from a feed item's guid or link: stable when the item's text is edited."""
    return "u" + hashlib.sha1(key.strip().encode("utf-8")).hexdigest()[:15]


def title_from_body(body: str) -> str:
    """The first sentence (or line) of the text, shortened at a word boundary."""
    text = body.strip()
    match = _SENTENCE_END.search(text)
    first = text[: match.start()] if match else text
    if len(first) > _TITLE_FROM_BODY:
        first = first[:_TITLE_FROM_BODY].rsplit(" ", 1)[0] + "…"
    return first.strip()


_REMOVED_CATEGORIES = ("Cc", "Cf", "Cs", "Co")  # control, format, surrogate, private use
_KEPT_CONTROLS = "\n\t\u200c"


@functools.cache
def _removed_characters() -> re.Pattern[str]:
    """One character class of every code point clean_text removes (built once per process, ~0.3 s): the
    regular expression engine scans a body far faster than a loop over its characters in Python."""
    return re.compile(_character_class(_removed_ranges(sys.maxunicode)))


@functools.cache
def _odd_characters() -> re.Pattern[str]:
    """A character to remove, any character outside the Basic Multilingual Plane, or whitespace other than a space
    or a line end: what sends a text through clean_text's full passes. Unlike `_removed_characters`, only ranges of
    16-bit code points and one range beyond them, which the engine tests with a table: several times faster (and
    built in 1/17 of the time, so a worker reading only clean texts never builds the other)."""
    ranges = list(_removed_ranges(0xFFFF))
    ranges += [(point, point) for point in range(0x10000) if chr(point).isspace() and chr(point) not in " \n"]
    ranges.append((0x10000, sys.maxunicode))
    return re.compile(_character_class(ranges))


@functools.cache
def _removed_ranges(last: int) -> tuple[tuple[int, int], ...]:
    """(first, last) code point of each run of removed characters up to `last`."""
    ranges: list[tuple[int, int]] = []
    for point in range(last + 1):
        ch = chr(point)
        if ch not in _KEPT_CONTROLS and unicodedata.category(ch) in _REMOVED_CATEGORIES:
            if ranges and ranges[-1][1] == point - 1:
                ranges[-1] = (ranges[-1][0], point)
            else:
                ranges.append((point, point))
    return tuple(ranges)


def _character_class(ranges: list[tuple[int, int]] | tuple[tuple[int, int], ...]) -> str:
    return "[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges) + "]"


_BLANK_LINES = re.compile(r"\n{3,}")


def clean_text(text: str) -> str:
    """Control and format characters removed (but not ZWNJ, which is spelling), line ends unified, blank lines
    collapsed. A text with nothing to remove and single spaces only between words (most) skips those passes,
    found by one scan for odd characters and a few substring searches."""
    odd = _odd_characters().search(text) is not None
    if odd:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        text = _removed_characters().sub("", text)
    if odd or "  " in text or " \n" in text or "\n " in text:
        text = "\n".join([" ".join(line.split()) for line in text.split("\n")])
    if "\n\n\n" in text:
        text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


def has_words(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def check_url(url: str) -> str:
    """The URL if it is an absolute http(s) address; ValueError otherwise (a `javascript:` link would run in
    the reader's browser)."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https"):
        raise ValueError(f"url must start with http:// or https://, not {url[:60]!r}")
    if not parts.hostname:
        raise ValueError(f"url {url[:60]!r} has no host")
    return url.strip()


def canonical_url(url: str | None) -> str | None:
    """The form two spellings of one address share: host lower-cased, no www., fragment and tracking
    parameters dropped, no trailing slash. Re-sending an article under it replaces the earlier version."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    query = "&".join(p for p in parts.query.split("&") if p and not _TRACKING_PARAMS.match(p.split("=", 1)[0]))
    return urlunsplit(("", host + port, parts.path.rstrip("/") or "/", query, ""))[2:]


def truncate(body: str, limit: int = MAX_BODY_CHARS) -> tuple[str, str | None]:
    """The body cut at the last paragraph (else word) break before `limit`, with a note saying so."""
    if len(body) <= limit:
        return body, None
    cut = body.rfind("\n", 0, limit)
    if cut < limit // 2:
        cut = body.rfind(" ", 0, limit)
    cut = cut if cut > 0 else limit
    return body[:cut].rstrip(), f"body truncated from {len(body)} to {cut} characters"


def make_article(*, body: object, origin: str, raw: str = "", id: object = None, title: object = None,
                 source: object = None, published: object = None, url: object = None,
                 today: date | None = None) -> Article | Reject:
    """Validate and complete one record. The id is the one given, else a hash of the text."""
    if not isinstance(body, str):
        return Reject(origin, "missing or empty 'body'", raw)
    for key, value in (("id", id), ("title", title), ("source", source), ("url", url)):
        if value is not None and not isinstance(value, (str, int)):
            return Reject(origin, f"'{key}' must be a string", raw)
    text = clean_text(body)
    if not has_words(text):
        what = "missing or empty 'body'" if not body.strip() else \
            "empty 'body' after removing spaces, half-spaces and control characters"
        return Reject(origin, what, raw)
    try:
        day = parse_published(published)
    except ValueError as error:
        return Reject(origin, str(error), raw)
    today = today or date.today()
    if day and day > today + timedelta(days=1):
        return Reject(origin, f"published {day.isoformat()} is in the future (later than tomorrow)", raw)
    if day and day < EARLIEST:
        return Reject(origin, f"published {day.isoformat()} is before 1900", raw)
    link = None
    if url not in (None, ""):
        try:
            link = check_url(str(url))
        except ValueError as error:
            return Reject(origin, str(error), raw)
    notes = []
    text, note = truncate(text)
    if note:
        notes.append(note)
    heading = clean_text(str(title)) if title not in (None, "") else ""
    heading = " ".join(heading.split())[:MAX_TITLE_CHARS] or title_from_body(text)
    return Article(
        id=str(id).strip() if id not in (None, "") and str(id).strip() else stable_id(text),
        body=text, title=heading,
        source=resolve_source(str(source) if source not in (None, "") else None, link, text),
        published=day, url=link, origin=origin, notes=tuple(notes),
    )
