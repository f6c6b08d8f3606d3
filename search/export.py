"""Whole result sets out: every article matching a search, streamed as CSV or JSON Lines in constant memory.

`walk` reads the result set in batches from a point in time with search_after (no 10,000 cap) and closes the
point in time however the walk ends; the row and chunk writers are pure.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import replace

from search.entities.kb import KnowledgeBase
from search.model import SearchRequest
from search.service import PIT_KEEP_ALIVE, SearchService, jalali, safe_url

BATCH_SIZE = 1000
ENTITY_COLUMNS = ("countries", "officials", "organizations", "topics")
COLUMNS = ("id", "title", "source", "published", "published_jalali", "url", *ENTITY_COLUMNS)
_SOURCE_FIELDS = ["id", "title", "source", "published", "url", *ENTITY_COLUMNS]
BOM = "\ufeff"  # spreadsheets open UTF-8 with a BOM as UTF-8 (Persian stays Persian)
LABEL_SEPARATOR = "; "
# A cell a spreadsheet would run as a formula (=, +, -, @) is prefixed with an apostrophe (OWASP's advice for
# CSV injection): a hostile title must not execute on a journalist's machine.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def walk(service: SearchService, request: SearchRequest, limit: int | None = None,
         batch_size: int = BATCH_SIZE) -> Iterator[dict]:
    """The stored fields of every matching article, in the request's order, at most `limit`."""
    # every article, not one per story (and collapse cannot be combined with search_after)
    body, _ = service.builder.build(replace(request, page=1, size=batch_size, cursor=None, group_stories=False))
    for unused in ("aggs", "from"):
        body.pop(unused, None)
    widening = body.pop("post_filter", None)
    if widening:  # without facets to count, the source/year selection simply narrows the query
        body["query"] = {"bool": {"must": [body["query"]], "filter": [widening]}}
    body["_source"] = _SOURCE_FIELDS
    body["track_total_hits"] = False
    pit_id = service.call(service.client.open_point_in_time, index=service.alias, keep_alive=PIT_KEEP_ALIVE)["id"]
    sent = 0
    try:
        while limit is None or sent < limit:
            body["pit"] = {"id": pit_id, "keep_alive": PIT_KEEP_ALIVE}
            if limit is not None:
                body["size"] = min(batch_size, limit - sent)
            raw = service.call(service.client.search, body=body, pit=True)
            hits = raw["hits"]["hits"]
            pit_id = raw.get("pit_id") or pit_id
            for hit in hits:
                yield hit["_source"]
            sent += len(hits)
            if len(hits) < body["size"]:
                break
            body["search_after"] = hits[-1]["sort"]
    finally:
        service.close_point_in_time(pit_id)


def export_row(source: dict, kb: KnowledgeBase) -> dict:
    """One article as exported: its fields and the Persian labels of its entities."""
    return {
        "id": source.get("id"), "title": source.get("title", ""), "source": source.get("source"),
        "published": source.get("published"), "published_jalali": jalali(source.get("published")),
        "url": safe_url(source.get("url")),
        **{name: [kb.label(name, v) for v in source.get(name) or []] for name in ENTITY_COLUMNS},
    }


def csv_chunks(rows: Iterable[dict], rows_per_chunk: int = 200) -> Iterator[str]:
    """CSV text in chunks: a BOM and the header first; entity labels joined by '; '."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write(BOM)
    writer.writerow(COLUMNS)
    pending = 0
    for row in rows:
        writer.writerow([_cell(LABEL_SEPARATOR.join(row[c]) if c in ENTITY_COLUMNS else row[c]) for c in COLUMNS])
        pending += 1
        if pending >= rows_per_chunk:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            pending = 0
    yield buffer.getvalue()


def jsonl_chunks(rows: Iterable[dict]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(row, ensure_ascii=False) + "\n"
