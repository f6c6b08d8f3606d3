"""Opaque cursors for walking a whole result set: a Cursor <-> URL-safe text, and the key that ties a cursor to
its search. Pure. The text is base64url JSON: clients must treat it as opaque, so it may change shape."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import replace

from search.model import Cursor, SearchRequest

_VERSION = 1


class CursorError(ValueError):
    """A cursor that is not one of ours, or belongs to another search; the message says what to do."""


class CursorExpired(RuntimeError):
    """The point in time behind a cursor has expired (or was closed): start the walk again."""


def request_key(request: SearchRequest) -> str:
    """What makes two requests the same search (not where they are in it, nor the page size)."""
    canonical = {
        "q": request.query,
        "filters": {name: sorted(values) for name, values in sorted(request.filters.items()) if values},
        "from": request.date_from.isoformat() if request.date_from else None,
        "to": request.date_to.isoformat() if request.date_to else None,
        "sort": request.sort,
    }
    return hashlib.sha256(json.dumps(canonical, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:16]


def encode(cursor: Cursor) -> str:
    payload = {"v": _VERSION, "k": cursor.key, "a": list(cursor.search_after), "n": cursor.seen}
    if cursor.pit_id:
        payload["p"] = cursor.pit_id
    if cursor.totals is not None:
        payload["t"] = list(cursor.totals)
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(text: str) -> Cursor:
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        payload = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise CursorError("cursor is not valid: pass next_cursor from a previous response unchanged.") from None
    valid = (isinstance(payload, dict) and payload.get("v") == _VERSION and isinstance(payload.get("k"), str)
             and isinstance(payload.get("a"), list) and payload["a"]
             and all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in payload["a"])
             and isinstance(payload.get("n"), int) and payload["n"] >= 0
             and isinstance(payload.get("p", ""), str) and _valid_totals(payload.get("t")))
    if not valid:
        raise CursorError("cursor is not valid: pass next_cursor from a previous response unchanged.")
    totals = tuple(payload["t"]) if payload.get("t") is not None else None
    return Cursor(key=payload["k"], search_after=tuple(payload["a"]), seen=payload["n"], pit_id=payload.get("p"),
                  totals=totals)


def _valid_totals(totals) -> bool:
    """Absent, or [total, total_all_words, total_stories]: a count, then two counts or nulls."""
    if totals is None:
        return True
    count = lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0  # noqa: E731
    return (isinstance(totals, list) and len(totals) == 3 and count(totals[0])
            and all(v is None or count(v) for v in totals[1:]))


def attach(request: SearchRequest, cursor_text: str) -> SearchRequest:
    """The request continued from `cursor_text`, refused when the cursor belongs to a different search."""
    cursor = decode(cursor_text)
    if cursor.key != request_key(request):
        raise CursorError("cursor belongs to a different search: keep q, filters, dates and sort as they were "
                          "when the cursor was returned.")
    return replace(request, cursor=cursor, page=1)
