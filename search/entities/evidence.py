"""Where a discovered official was found: the office phrase the press introduced them with and the sentence,
kept in the indexed document so `kb discovered` can show the evidence and draft a knowledge-base entry. Pure."""

from __future__ import annotations

import re

_SPACE_BEFORE_PUNCT = re.compile(r" ([،,.!؟?:؛)])")

_SENTENCE_ENDS = frozenset({".", "!", "؟", "?", "\n"})
_PHRASE_ENDS = frozenset({"،", ",", ".", "!", "؟", "?", "\n", ":", "؛"})
_MAX_SENTENCE = 60  # tokens either side


def describe_discovered(officials: list[dict], tokens: list[str], keys: list[str], office_keys: set[str],
                        scope_at) -> None:
    """Adds `office`, `office_country` and `sentence` to each discovered official (in place).
    `scope_at(keys, i)` gives (country code or "org:<id>", end) for a country or organisation named at i
    (OfficeResolver._scope_at)."""
    for official in officials:
        if not official.get("discovered"):
            continue
        name = official["name_fa"].split(" ")
        start = next((i for i in range(len(tokens) - len(name) + 1) if tokens[i:i + len(name)] == name), None)
        if start is None:
            continue
        end = start + len(name)
        first = start
        while first > 0 and start - first < _MAX_SENTENCE and keys[first - 1] not in _SENTENCE_ENDS:
            first -= 1
        last = end
        while last < len(keys) and last - end < _MAX_SENTENCE and keys[last] not in _SENTENCE_ENDS:
            last += 1
        sentence = " ".join(t for t in tokens[first:min(last + 1, len(tokens))] if t != "\n")
        official["sentence"] = _SPACE_BEFORE_PUNCT.sub(r"\1", sentence)
        office = _office_phrase(keys, tokens, first, last, start, end, office_keys)
        if office:
            phrase_start, phrase_end = office
            official["office_country"] = None
            for i in range(phrase_start, phrase_end):  # the phrase ends with the country it names
                scope = scope_at(keys[:phrase_end], i)
                if scope:
                    phrase_end = scope[1]
                    official["office_country"] = scope[0] if not scope[0].startswith("org:") else None
                    break
            official["office"] = " ".join(tokens[phrase_start:phrase_end])


def _office_phrase(keys: list[str], tokens: list[str], first: int, last: int, start: int, end: int,
                   office_keys: set[str]) -> tuple[int, int] | None:
    """The office words nearest the name: `وزیر کشاورزی تاجیکستان، NAME` or `NAME، معاون وزیر خارجه عراق`."""
    candidates = [i for i in range(max(first, start - 10), min(last, end + 10))
                  if keys[i] in office_keys and not start <= i < end]
    if not candidates:
        return None
    begin = min(candidates, key=lambda i: (abs(i - start) if i < start else abs(i - end), i))
    stop = begin
    while stop < last and stop - begin < 8 and keys[stop] not in _PHRASE_ENDS and not start <= stop < end:
        stop += 1
    return begin, stop
