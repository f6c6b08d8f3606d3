"""Readers that turn source files into Articles, or Rejects with a reason: nothing is dropped silently."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

import jdatetime

from search.analysis import normalize
from search.model import Article, Reject

SUPPORTED_SUFFIXES = (".jsonl", ".txt")
_SENTENCE_END = re.compile(r"[.!?؟\n]")
_MAX_TITLE = 140
_JALALI_DATE = re.compile(r"^(1[2-4]\d\d)[/-](\d{1,2})[/-](\d{1,2})")


# Fixed on purpose (not the Analyzer's evolving normaliser): an article's id must not change when analysis
# rules improve, or re-indexing the same files would duplicate them.
_ID_FOLDING = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "\u200c": "", "\u200f": "", "\u200e": "", "\u0640": ""})


def stable_id(body: str) -> str:
    """Content-derived id: the same text, up to Arabic/Persian letter variants, half-spaces and whitespace,
    gets the same id."""
    folded = " ".join(body.translate(_ID_FOLDING).split())
    return hashlib.sha1(folded.encode("utf-8")).hexdigest()[:16]


def title_from_body(body: str) -> str:
    """The first sentence (or line) of the text, shortened at a word boundary."""
    text = body.strip()
    match = _SENTENCE_END.search(text)
    first = text[: match.start()] if match else text
    if len(first) > _MAX_TITLE:
        first = first[:_MAX_TITLE].rsplit(" ", 1)[0] + "…"
    return first.strip()


def parse_published(value: object) -> date | None:
    """ISO dates and datetimes, and Jalali dates (1402/09/12) converted to Gregorian. Raises ValueError."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError(f"published must be a string date, not {type(value).__name__}")
    text = normalize(value).strip()
    jalali = _JALALI_DATE.match(text)
    if jalali:
        year, month, day = map(int, jalali.groups())
        return jdatetime.date(year, month, day).togregorian()
    try:
        return date.fromisoformat(text[:10]) if len(text) == 10 else datetime.fromisoformat(text).date()
    except ValueError:
        raise ValueError(f"published {value!r} is not an ISO date (YYYY-MM-DD) or a Jalali date (YYYY/MM/DD)")


def article_from_record(record: object, origin: str) -> Article | Reject:
    raw = json.dumps(record, ensure_ascii=False) if not isinstance(record, str) else record
    if not isinstance(record, dict):
        return Reject(origin, "a line must hold a JSON object", raw)
    body = record.get("body")
    if not isinstance(body, str) or not body.strip():
        return Reject(origin, "missing or empty 'body'", raw)
    for key in ("id", "title", "source", "url"):
        if record.get(key) is not None and not isinstance(record[key], (str, int)):
            return Reject(origin, f"'{key}' must be a string", raw)
    try:
        published = parse_published(record.get("published"))
    except ValueError as error:
        return Reject(origin, str(error), raw)
    title = str(record.get("title") or "").strip() or title_from_body(body)
    return Article(
        id=str(record.get("id") or stable_id(body)),
        body=body.strip(),
        title=title,
        source=(str(record["source"]).strip() or None) if record.get("source") else None,
        published=published,
        url=str(record["url"]) if record.get("url") else None,
        origin=origin,
    )


def read_jsonl(path: Path) -> Iterator[Article | Reject]:
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            origin = f"{path}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                yield Reject(origin, f"invalid JSON: {error.msg} at column {error.colno}", line.rstrip("\n"))
                continue
            yield article_from_record(record, origin)


def read_txt(path: Path) -> Iterator[Article | Reject]:
    try:
        body = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        yield Reject(str(path), "not UTF-8 text")
        return
    if not body.strip():
        yield Reject(str(path), "empty file")
        return
    yield Article(id=stable_id(body), body=body.strip(), title=title_from_body(body), origin=str(path))


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path | Reject]:
    """Files named, and supported files inside folders named (sorted, recursive)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix in SUPPORTED_SUFFIXES and p.is_file())
        elif path.is_file():
            if path.suffix in SUPPORTED_SUFFIXES:
                yield path
            else:
                yield Reject(str(path), f"unsupported file type {path.suffix!r} (supported: .jsonl, .txt)")
        else:
            yield Reject(str(path), "no such file or folder")


def read_articles(paths: Iterable[str | Path]) -> Iterator[Article | Reject]:
    for item in expand_paths(paths):
        if isinstance(item, Reject):
            yield item
        elif item.suffix == ".jsonl":
            yield from read_jsonl(item)
        else:
            yield from read_txt(item)
