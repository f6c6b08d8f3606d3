"""Highlighting done by the same Analyzer as the index: a query for وزیر marks وزرای, and ایالات متحده marks
آمریکا when the synonym matched. Output is HTML-escaped text with <mark> around matches. Pure."""

from __future__ import annotations

from markupsafe import Markup, escape

from search.analysis import Analyzer
from search.query import QueryTerms

SNIPPET_LENGTH = 260


def _matches(analyzer: Analyzer, text: str, wanted: QueryTerms) -> list[tuple[int, int, str]]:
    spans = []
    for start, end, word in analyzer.word_spans(text):
        terms = analyzer.term_of(word)
        key = terms[0] if terms else ""
        if (set(terms) & wanted.terms) or analyzer.surface(word) in wanted.surfaces:
            spans.append((start, end, key or analyzer.surface(word)))
    return spans


def _render(text: str, spans: list[tuple[int, int, str]], start: int, end: int) -> str:
    pieces: list[str] = []
    position = start
    for span_start, span_end, _ in spans:
        if span_start < start or span_end > end:
            continue
        pieces.append(escape(text[position:span_start]))
        pieces.append(Markup("<mark>") + escape(text[span_start:span_end]) + Markup("</mark>"))
        position = span_end
    pieces.append(escape(text[position:end]))
    return "".join(str(p) for p in pieces)


def mark(analyzer: Analyzer, text: str, wanted: QueryTerms) -> str:
    """The whole text, escaped, with matches marked (for titles)."""
    return _render(text, _matches(analyzer, text, wanted), 0, len(text))


def snippet(analyzer: Analyzer, text: str, wanted: QueryTerms, length: int = SNIPPET_LENGTH) -> str:
    """The window of about `length` characters holding the most distinct matched terms, escaped and marked."""
    text = " ".join(text.split())
    spans = _matches(analyzer, text, wanted)
    if not spans:
        end = _word_end(text, min(len(text), length))
        return str(escape(text[:end])) + ("…" if end < len(text) else "")
    best_start, best_score = spans[0][0], -1
    for i, (first_start, _, _) in enumerate(spans):
        distinct = {key for s, e, key in spans[i:] if e - first_start <= length}
        if len(distinct) > best_score:
            best_start, best_score = first_start, len(distinct)
    start = _word_start(text, max(0, best_start - length // 5))
    end = _word_end(text, min(len(text), start + length))
    return ("…" if start > 0 else "") + _render(text, spans, start, end) + ("…" if end < len(text) else "")


def _word_start(text: str, position: int) -> int:
    if position <= 0:
        return 0
    space = text.rfind(" ", 0, position)
    return space + 1 if space >= 0 else 0


def _word_end(text: str, position: int) -> int:
    if position >= len(text):
        return len(text)
    space = text.find(" ", position)
    return space if space >= 0 else len(text)
