"""Highlighting done by the same Analyzer as the index: a query for وزیر marks وزرای, and ایالات متحده marks
آمریکا when the synonym matched. Output is HTML-escaped text with <mark> around matches. Pure.

Analysing every word of every hit's body cost more than Elasticsearch's whole search, so matching is two-step:
one regular-expression pass (in C) over the text, each letter matching its spellings (Arabic ي/ك, digits), finds the
*candidate* words, those containing a wanted term or surface form or a curated variant of one (وزرای for وزیر);
only those few words are analysed to decide whether they really match.
"""

from __future__ import annotations

import functools
import re

from markupsafe import Markup, escape

from search.analysis import _WORD_SPAN, Analyzer, normalize
from search.query import QueryTerms

SNIPPET_LENGTH = 260
_MIN_PROBE = 2
_IGNORABLE = "[\u0640\u064B-\u065F\u0670\u200c]*"


@functools.cache
def _spellings() -> dict[str, str]:
    """For each normalised character, a regex class of the characters normalisation turns into it alone
    (ی: [یيى], ک: [کك], 2: [2۲٢]), so candidates are found in the text as stored, offsets unchanged."""
    variants: dict[str, set[str]] = {}
    for code in (*range(0x0600, 0x0700), *range(0xFB50, 0xFDFF), *range(0xFE70, 0xFEFF)):
        folded = normalize(chr(code))
        if len(folded) == 1 and folded != chr(code):
            variants.setdefault(folded, {folded}).add(chr(code))
    return {char: "[" + "".join(map(re.escape, sorted(chars))) + "]" for char, chars in variants.items()}


def _inverse_variants(analyzer: Analyzer) -> dict[str, set[str]]:
    """term -> the curated forms that reduce to it (وزیر -> {وزرا, وزرای, ...})."""
    inverse = getattr(analyzer, "_highlight_inverse", None)
    if inverse is None:
        inverse = {}
        for source, target in analyzer._mapped.items():
            inverse.setdefault(target, set()).add(source)
        analyzer._highlight_inverse = inverse
    return inverse


@functools.lru_cache(maxsize=512)
def _candidate_pattern(analyzer: Analyzer, terms: frozenset[str], surfaces: frozenset[str]) -> re.Pattern | None:
    inverse = _inverse_variants(analyzer)
    probes = {piece for term in terms for piece in term.split("#")} | set(surfaces)
    probes |= {variant for term in terms for variant in inverse.get(term, ())}
    probes = {p for p in probes if len(p) >= _MIN_PROBE}
    if not probes:
        return None
    # kashida, harakat and half-spaces may sit between the letters of a word (ســوریه, تروریست‌ها)
    spellings = _spellings()
    longest_first = sorted(probes, key=len, reverse=True)
    return re.compile("|".join(_IGNORABLE.join(spellings.get(c) or re.escape(c) for c in probe)
                               for probe in longest_first), re.IGNORECASE)


def _word_around(text: str, position: int) -> tuple[int, int] | None:
    match = _WORD_SPAN.match(text, position)
    if not match:
        return None
    start = position
    while start > 0 and _WORD_SPAN.match(text[start - 1]):
        start -= 1
    return start, match.end()


def _matches(analyzer: Analyzer, text: str, wanted: QueryTerms) -> list[tuple[int, int, str]]:
    pattern = _candidate_pattern(analyzer, frozenset(wanted.terms), frozenset(wanted.surfaces))
    if pattern is None:
        return []
    spans = []
    last_end = -1
    for candidate in pattern.finditer(text):
        if candidate.start() < last_end:
            continue  # another probe inside a word already judged
        bounds = _word_around(text, candidate.start())
        if bounds is None:
            continue
        start, end = bounds
        last_end = end
        word = normalize(text[start:end])
        if not word:
            continue
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
