"""Autocomplete over knowledge-base names and aliases (Persian and Latin) and officials discovered in the press.
`Suggester` is pure and built once; `discovered_officials` asks the index which discovered names it holds.

A name matches when the typed text begins it or begins one of its words (شوی -> سرگئی شویگو, Shoi -> Sergei
Shoigu), compared after normalisation (Arabic letters, half-spaces) or, for Latin, folding (Erdog -> Erdoğan)
and the romanisation key (Araqch -> Araghchi); a Latin prefix one letter off still matches, ranked last.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from search.analysis import ZWNJ, normalize
from search.entities.kb import KnowledgeBase
from search.latin import fold, is_latin_word, name_key

SUGGEST_TYPES = ("country", "official", "organization", "topic")
MAX_SUGGESTIONS = 25
DISCOVERED_TTL_SECONDS = 300


@dataclass(frozen=True)
class Entry:
    type: str
    id: str
    label: str
    label_en: str | None
    name: str  # the name or alias as written
    words: tuple[str, ...]  # its comparison form, word by word
    latin: bool


def _persian_words(text: str) -> tuple[str, ...]:
    return tuple(normalize(text).replace(ZWNJ, "").split())


def _entry(entity_type: str, entity_id: str, label: str, label_en: str | None, name: str) -> Entry:
    latin = is_latin_word(name.replace(" ", "").replace("-", ""))
    words = tuple(fold(name).split()) if latin else _persian_words(name)
    return Entry(entity_type, entity_id, label, label_en, name, words, latin)


class Suggester:
    def __init__(self, kb: KnowledgeBase) -> None:
        entries: list[Entry] = []
        for country in kb.countries.values():
            for name in (*country.names, country.name_en):
                entries.append(_entry("country", country.id, country.name_fa, country.name_en, name))
        for official in kb.officials.values():
            for name in (*official.names, official.name_en):
                entries.append(_entry("official", official.id, official.name_fa, official.name_en, name))
        for organization in kb.organizations.values():
            for name in (*organization.names, organization.name_en):
                entries.append(_entry("organization", organization.id, organization.name_fa,
                                      organization.name_en, name))
        for topic in kb.topics.values():
            for name in (topic.label_fa, topic.label_en):
                entries.append(_entry("topic", topic.id, topic.label_fa, topic.label_en, name))
        self.entries = [e for e in entries if e.words]

    def suggest(self, text: str, entity_type: str | None = None, limit: int = 10,
                extra: list[Entry] = ()) -> list[dict]:
        latin = is_latin_word(text.replace(" ", "").replace("-", ""))
        typed = " ".join(fold(text).split()) if latin else " ".join(_persian_words(text))
        if not typed:
            return []
        typed_key = name_key(typed) if latin else ""
        best: dict[tuple[str, str], tuple[tuple, Entry]] = {}
        for entry in (*self.entries, *extra):
            if (entity_type and entry.type != entity_type) or entry.latin != latin:
                continue
            rank = _rank(entry, typed, typed_key)
            if rank is None:
                continue
            order = (rank, len(entry.name), entry.name)
            key = (entry.type, entry.id)
            if key not in best or order < best[key][0]:
                best[key] = (order, entry)
        ranked = sorted(best.values(), key=lambda item: item[0])[:limit]
        return [{"type": e.type, "id": e.id, "label": e.label, "label_en": e.label_en, "matched": e.name}
                for _, e in ranked]


def _rank(entry: Entry, typed: str, typed_key: str) -> int | None:
    """0: the name begins with the typed text; 1: one of its words does; 2: same, by romanisation key;
    3: a Latin word begins one letter off (None: no match)."""
    full = " ".join(entry.words)
    if full.startswith(typed):
        return 0
    tails = [" ".join(entry.words[i:]) for i in range(1, len(entry.words))]
    if any(tail.startswith(typed) for tail in tails):
        return 1
    if not entry.latin:
        return None
    keys = [name_key(" ".join(entry.words[i:])) for i in range(len(entry.words))]
    if any(key.startswith(typed_key) for key in keys):
        return 2
    if len(typed_key) >= 5 and any(Levenshtein.distance(key[:len(typed_key)], typed_key) <= 1 for key in keys):
        return 3
    return None


class DiscoveredNames:
    """Officials the press introduced who are not in the knowledge base, as Entries, refreshed every few
    minutes from the index (one terms aggregation)."""

    def __init__(self) -> None:
        self._entries: list[Entry] = []
        self._fetched_at = float("-inf")

    def entries(self, search) -> list[Entry]:
        if time.monotonic() - self._fetched_at > DISCOVERED_TTL_SECONDS:
            raw = search(body={"size": 0, "aggs": {"discovered": {"terms": {
                "field": "officials", "include": "fa:.*", "size": 2000}}}})
            buckets = raw["aggregations"]["discovered"]["buckets"]
            self._entries = [_entry("official", b["key"], b["key"][3:], None, b["key"][3:]) for b in buckets]
            self._fetched_at = time.monotonic()
        return self._entries
