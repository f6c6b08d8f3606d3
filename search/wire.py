"""A document as it goes to Elasticsearch: its JSON source serialised once, where it was made (an enrichment
worker), and the few fields the indexer still reads beside it. Pure.

The one field the indexer decides after enrichment is `story_id` (search/stories.py groups a load in order), so
the source is kept as the bytes before and after that value: the bulk body is `head + story id + tail`, and
the main process of a load neither unpickles whole documents nor serialises them again.
"""

from __future__ import annotations

import json
from typing import NamedTuple

_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode  # as the client's serializer
STORY_FIELD = "story_id"


class WireDoc(NamedTuple):
    id: str
    canonical_url: str | None
    origin: str
    story_bands: tuple[str, ...]
    story_signature: str | None
    head: bytes  # the JSON source up to and including `"story_id":`
    tail: bytes  # the rest of it, after the story id's value

    def source(self, story_id: str) -> bytes:
        """The document's JSON source with its story id, as the bulk body line."""
        return self.head + _bytes(_encode(story_id)) + self.tail

    def document(self, story_id: str) -> dict:
        """The document as a dict again (error reports, checks)."""
        return json.loads(self.source(story_id))


def to_wire(doc: dict) -> WireDoc:
    """Serialise an index document (Enricher.document) once; key order and every value are kept."""
    origin = doc.get("origin") or doc.get("entities", {}).get("origin", "")
    head, tail = _split_at_story(doc)
    return WireDoc(doc["id"], doc.get("canonical_url"), origin, tuple(doc.get("story_bands") or ()),
                   doc.get("story_signature"), head, tail)


def _split_at_story(doc: dict) -> tuple[bytes, bytes]:
    """(head, tail) of the document's JSON around its story id's value. Whole, then cut where `"story_id":`
    occurs once: inside a JSON string a quote is escaped, so that one occurrence is the key's; else (a nested
    field of that name) in two halves."""
    if isinstance(doc.get(STORY_FIELD), str):
        whole = _bytes(_encode(doc))
        if whole.count(_STORY_KEY) == 1:
            start = whole.index(_STORY_KEY) + len(_STORY_KEY)
            value = _bytes(_encode(doc[STORY_FIELD]))
            if whole.startswith(value, start):
                return whole[:start], whole[start + len(value):]
    keys = list(doc)
    at = keys.index(STORY_FIELD) if STORY_FIELD in doc else len(keys)  # a hand-made document: it goes last
    before = _encode({k: doc[k] for k in keys[:at]})
    after = _encode({k: doc[k] for k in keys[at + 1:]})
    head = (before[:-1] + "," if len(before) > 2 else "{") + f'"{STORY_FIELD}":'
    tail = ("," + after[1:]) if len(after) > 2 else "}"
    return _bytes(head), _bytes(tail)


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # as the client's serializer: lone surrogates pass through


_STORY_KEY = _bytes(f'"{STORY_FIELD}":')
