"""Did-you-mean: corrections for a query that finds nothing or next to nothing, taken from the index's own
vocabulary. Pure: the caller counts how many articles hold each candidate (one Elasticsearch request) and
:func:`choose_correction` picks from those counts.

The confusions that matter in Persian typing: letters that differ only by their dots (دفاغ/دفاع, حهان/جهان),
letters that sound the same (ذ ز ض ظ, س ص ث, ت ط, ه ح, ق غ), hamza seat and madda (مسئله/مسیله, آ/ا), two words
glued together (وزیرخارجه) or one word typed apart (ریز گرد). Arabic ي/ك, digits and half-spaces need no
suggestion: analysis already makes them meet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from search.analysis import ZWNJ, normalize

_FAMILIES = (
    "جحخچ", "بپتثن", "دذ", "رزژ", "سش", "صض", "طظ", "عغ", "فق", "کگ",  # dots
    "ذزضظ", "سصث", "تط", "هح", "قغ", "یئ", "اآ", "ؤو",  # sounds, hamza, madda
)
CONFUSABLE: dict[str, str] = {}
for _family in _FAMILIES:
    for _letter in _family:
        CONFUSABLE[_letter] = "".join(dict.fromkeys(CONFUSABLE.get(_letter, "") + _family.replace(_letter, "")))
_OPERATORS = frozenset({"OR", "|"})


def query_words(query: str) -> list[str]:
    """The plain words of a query in order (quoted phrases, exclusions and OR are left as typed)."""
    return [w for w in normalize(query).split() if _is_plain(w)]


def _is_plain(token: str) -> bool:
    return token not in _OPERATORS and not token.startswith("-") and not any(q in token for q in "\"«»“”")


def variants(word: str) -> list[str]:
    """Spellings one confusion away from `word`: one letter swapped within its family, or the word split in two."""
    word = word.replace(ZWNJ, "")
    found: dict[str, None] = {}
    for i, letter in enumerate(word):
        for other in CONFUSABLE.get(letter, ""):
            found[word[:i] + other + word[i + 1:]] = None
    for i in range(2, len(word) - 1):
        found[f"{word[:i]} {word[i:]}"] = None
    return list(found)


@dataclass(frozen=True)
class Candidates:
    words: list[str]  # the query's plain words
    options: dict[int, list[str]]  # word position -> spellings to try there ("" joined with the next word)

    def texts(self) -> list[str]:
        """Every text whose article count the chooser needs: the words and their options."""
        joined = [f"{w}{self.words[i + 1]}" for i, w in enumerate(self.words[:-1])]
        return list(dict.fromkeys([*self.words, *joined, *(o for opts in self.options.values() for o in opts)]))


def candidates(words: list[str]) -> Candidates:
    # Latin-script words are names, matched by search/latin.py with its own tolerance for misspellings
    return Candidates(words, {i: variants(w) for i, w in enumerate(words)
                              if len(w.replace(ZWNJ, "")) >= 3 and not w.isascii()})


def choose_correction(query: str, found: Candidates, article_count: Callable[[str], int | None]) -> str | None:
    """The query with each word no article holds replaced by its commonest spelling that some articles hold
    (or joined with the next word, when the two are one word in the index); None when nothing needs changing.
    `article_count(text)` is None for a text with no search terms (a stopword)."""
    words = found.words
    fixes: dict[int, str] = {}
    absorbed: set[int] = set()
    for i, word in enumerate(words):
        if i in absorbed or article_count(word) != 0:
            continue
        if i + 1 < len(words) and article_count(f"{word}{words[i + 1]}"):
            fixes[i] = f"{word}{words[i + 1]}"
            absorbed.add(i + 1)
            continue
        if i > 0 and i - 1 not in fixes and article_count(f"{words[i - 1]}{word}"):
            fixes[i - 1] = f"{words[i - 1]}{word}"
            absorbed.add(i)
            continue
        best = max(found.options.get(i, []), key=lambda option: (article_count(option) or 0, -len(option)),
                   default=None)
        if best is not None and article_count(best):
            fixes[i] = best
    if not fixes:
        return None
    corrected, position = [], 0
    for token in normalize(query).split():
        if not _is_plain(token):
            corrected.append(token)
            continue
        if position not in absorbed:
            corrected.append(fixes.get(position, token))
        position += 1
    return " ".join(corrected)
