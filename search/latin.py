"""Names in Latin script, as journalists paste them from English wires (Shoigu, Erdoğan, Araqchi), resolved to
knowledge-base entities. Pure: built from the knowledge base's English names and Latin aliases, so names added
to the data files are found without code changes.

A name is compared by its *key*: diacritics folded (Erdoğan = Erdogan), lower-cased, and a few spellings that
romanisations of Persian, Arabic and Russian names use interchangeably made one (gh/q, kh/x, ou/oo/u, ee/i, y/i,
w/v, doubled letters); then one or two letters of difference are tolerated (rapidfuzz's Levenshtein distance).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from search.entities.kb import KnowledgeBase

_SPECIAL = str.maketrans({"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ð": "d",
                          "þ": "th", "’": "", "'": "", "`": ""})
_NOT_LATIN_WORD = re.compile(r"[^a-z0-9]+")
_ROMANISATION = (("kh", "x"), ("gh", "q"), ("ou", "u"), ("oo", "u"), ("ee", "i"), ("y", "i"), ("w", "v"),
                 ("ck", "k"), ("dj", "j"))
_DOUBLED = re.compile(r"([a-z])\1+")
_LATIN_LETTERS = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF'’`.+-]*[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]"
                            r"[A-Za-z0-9\u00C0-\u024F\u1E00-\u1EFF'’`.+-]*$")
# the field each entity kind is a facet of
FIELD_OF_KIND = {"country": "countries", "official": "officials", "organization": "organizations",
                 "place": "places"}
MIN_FUZZY_LENGTH = 4


def fold(text: str) -> str:
    """Erdoğan -> erdogan, António Guterres -> antonio guterres, Al-Sudani -> al sudani."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_SPECIAL))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NOT_LATIN_WORD.sub(" ", plain).split())


def name_key(text: str) -> str:
    """The spelling-insensitive key of a Latin name: Araghchi and Araqchi share araqchi."""
    key = fold(text)
    for spelling, common in _ROMANISATION:
        key = key.replace(spelling, common)
    return _DOUBLED.sub(r"\1", key)


def is_latin_word(word: str) -> bool:
    return bool(_LATIN_LETTERS.match(word))


@dataclass(frozen=True)
class LatinMatch:
    kind: str  # country, official, organization, place
    id: str
    name_en: str
    persian_names: tuple[str, ...]  # the names the press writes it under, to search and highlight

    @property
    def field(self) -> str:
        return FIELD_OF_KIND[self.kind]


def _max_distance(key: str) -> int:
    return 0 if len(key) < MIN_FUZZY_LENGTH else 1 if len(key) < 7 else 2


class LatinNames:
    def __init__(self, kb: KnowledgeBase) -> None:
        self._full: dict[str, list[LatinMatch]] = {}  # key of a whole name or Latin alias
        self._surname: dict[str, list[LatinMatch]] = {}  # key of an official's family name
        for official in kb.officials.values():
            persian = (official.name_fa,) + ((official.surname,) if official.surname
                                             and not official.surname_is_common_word else ())
            match = LatinMatch("official", official.id, official.name_en, persian)
            self._add(self._full, official.name_en, match)
            for alias in official.names:
                if is_latin_word(alias.replace(" ", "")):
                    self._add(self._full, alias, match)
            words = fold(official.name_en).split()
            if len(words) > 1 and len(words[-1]) >= MIN_FUZZY_LENGTH:
                self._add(self._surname, words[-1], match)
        for kind, table in (("country", kb.countries), ("organization", kb.organizations), ("place", kb.places)):
            for entry in table.values():
                ambiguous = entry.ambiguous if isinstance(entry.ambiguous, frozenset) else frozenset()
                persian = tuple(n for n in entry.names if n not in ambiguous and not is_latin_word(n[:1]))
                match = LatinMatch(kind, entry.id, entry.name_en, persian or (entry.name_fa,))
                self._add(self._full, entry.name_en, match)
                for alias in entry.names:
                    if is_latin_word(alias.replace(" ", "")):
                        self._add(self._full, alias, match)
        self._full_keys = list(self._full)
        self._surname_keys = list(self._surname)

    @staticmethod
    def _add(table: dict[str, list[LatinMatch]], name: str, match: LatinMatch) -> None:
        key = name_key(name)
        if key and match not in table.setdefault(key, []):
            table[key].append(match)

    def lookup(self, text: str) -> list[LatinMatch]:
        """The entities a Latin name means: a whole name or alias, or (one word) an official's family name;
        exactly first, then within one or two letters."""
        key = name_key(text)
        if not key:
            return []
        tables = [(self._full, self._full_keys)]
        if " " not in key:
            tables.append((self._surname, self._surname_keys))
        for table, _ in tables:
            if key in table:
                return list(table[key])
        limit = _max_distance(key.replace(" ", ""))
        if not limit:
            return []
        for table, keys in tables:
            found = process.extract(key, keys, scorer=Levenshtein.distance, score_cutoff=limit, limit=5)
            if found:
                best = min(distance for _, distance, _ in found)
                return [m for choice, distance, _ in found if distance == best for m in table[choice]]
        return []

    def entries(self) -> list[tuple[str, LatinMatch]]:
        """(Latin name key, match) of every whole name and alias, for autocompletion."""
        return [(key, match) for key, matches in self._full.items() for match in matches]


_BUILT: dict[int, tuple[KnowledgeBase, LatinNames]] = {}


def latin_names(kb: KnowledgeBase) -> LatinNames:
    """Built once per knowledge base (the knowledge base is a mutable dataclass, so cached by identity)."""
    built = _BUILT.get(id(kb))
    if built is None or built[0] is not kb:
        built = _BUILT[id(kb)] = (kb, LatinNames(kb))
    return built[1]
