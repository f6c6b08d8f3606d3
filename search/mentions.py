"""Entity mentions as character offsets in the *stored* text, so a page can mark and link them. Pure.

The matcher works on tokens of the normalised text, whose characters differ from the stored ones (Arabic ي/ك,
diacritics, half-spaces added or dropped, digits). Each token is found again in the stored text by comparing
*skeletons*: every character folded the way normalisation folds it, with spaces and half-spaces left out.
"""

from __future__ import annotations

import functools

from search.analysis import ZWNJ, Analyzer, normalize
from search.entities.kb import KnowledgeBase
from search.entities.matcher import TITLE_BODY_BREAK, EntityMatcher

# how far (in skeleton characters) a token may be from where the previous one ended; beyond that it is taken
# as not found rather than matched somewhere far ahead
_SEARCH_WINDOW = 200
FIELD_OF_KIND = {"country": "countries", "official": "officials", "organization": "organizations",
                 "place": "places"}


@functools.lru_cache(maxsize=20_000)
def _fold(char: str) -> str:
    return "".join(normalize(char).replace(ZWNJ, "").split()).lower()


def skeleton(text: str) -> tuple[str, list[int]]:
    """(folded text without spaces, the index in `text` of each folded character)."""
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for piece in _fold(char):
            folded.append(piece)
            origin.append(index)
    return "".join(folded), origin


def token_offsets(text: str, tokens: list[str]) -> list[tuple[int, int] | None]:
    """(start, end) in `text` of each token (None for one that cannot be found near where it should be)."""
    folded, origin = skeleton(text)
    offsets: list[tuple[int, int] | None] = []
    position = 0
    for token in tokens:
        key = "".join(_fold(c) for c in token)
        found = folded.find(key, position, position + _SEARCH_WINDOW + len(key)) if key else -1
        if found < 0:
            offsets.append(None)
            continue
        end = found + len(key)
        offsets.append((origin[found], origin[end - 1] + 1))
        position = end
    return offsets


def find_mentions(matcher: EntityMatcher, analyzer: Analyzer, kb: KnowledgeBase, title: str,
                  body: str) -> list[dict]:
    """Every entity mention of an article as {field, start, end, text, type, id, label}, in text order;
    the token stream is built as enrichment builds it, so the same mentions are found."""
    title_tokens = analyzer.tokens(analyzer.normalize(title)) if title else []
    body_tokens = analyzer.tokens(analyzer.normalize(body))
    tokens = [*title_tokens, TITLE_BODY_BREAK, *body_tokens] if title_tokens else body_tokens
    spans = matcher.extract(tokens).spans
    body_start = len(title_tokens) + 1 if title_tokens else 0
    placed = {"title": token_offsets(title, title_tokens), "body": token_offsets(body, body_tokens)}
    texts = {"title": title, "body": body}
    mentions = []
    for start, end, kind, entity_id in spans:
        field, first = ("body", body_start) if start >= body_start else ("title", 0)
        offsets = placed[field][start - first:end - first]
        if not offsets or offsets[0] is None or offsets[-1] is None:
            continue
        char_start, char_end = offsets[0][0], offsets[-1][1]
        mentions.append({"field": field, "start": char_start, "end": char_end,
                         "text": texts[field][char_start:char_end], "type": kind, "id": entity_id,
                         "label": kb.label(FIELD_OF_KIND[kind], entity_id)})
    return mentions
