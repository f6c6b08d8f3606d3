"""An article's text as HTML paragraphs with each entity mention marked and linked to its entity page.

Pure. Every character of the article is escaped; only the <a> elements this module writes are markup. Mentions
come as character offsets into the text (the article API gives them); overlapping ones keep the longest."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from markupsafe import Markup, escape

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n")


def _non_overlapping(mentions: Iterable[dict], length: int) -> list[dict]:
    chosen: list[dict] = []
    taken_until = -1
    ordered = sorted((m for m in mentions if 0 <= m["start"] < m["end"] <= length),
                     key=lambda m: (m["start"], -(m["end"] - m["start"])))
    for mention in ordered:
        if mention["start"] >= taken_until:
            chosen.append(mention)
            taken_until = mention["end"]
    return chosen


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def marked_paragraphs(text: str, mentions: Iterable[dict], href_of: Callable[[dict], str | None]) -> list[Markup]:
    """`mentions`: dicts with start, end (offsets into `text`), type and id. `href_of(mention)` gives the link
    (None leaves the mention unlinked)."""
    chosen = _non_overlapping(mentions, len(text))
    paragraphs = []
    for start, end in _paragraph_spans(text):
        parts, cursor = [], start
        for mention in chosen:
            if mention["start"] < start or mention["end"] > end:
                continue
            parts.append(escape(text[cursor:mention["start"]]))
            surface = escape(text[mention["start"]:mention["end"]])
            href = href_of(mention)
            if href:
                parts.append(Markup('<a class="mention {}" href="{}">{}</a>').format(mention.get("type", ""), href,
                                                                                    surface))
            else:
                parts.append(surface)
            cursor = mention["end"]
        parts.append(escape(text[cursor:end]))
        paragraphs.append(Markup("").join(parts))
    return paragraphs
