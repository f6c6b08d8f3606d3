"""The word lists analysis decides with: hazm's lexicon (which words exist, which are adjectives, how compounds
are written) and wordfreq's Persian frequencies (which reading of an ambiguous word is likelier).

hazm's own counts are unreliable (پست 0, خان above خانه), so when a word can be cut two ways (خانهای: خانه+ای or
خان+های) the cut whose base is more frequent in wordfreq's Persian list wins.
"""

from __future__ import annotations

import functools
from importlib import resources

ZWNJ = "\u200c"


@functools.cache
def lexicon_data() -> tuple[dict[str, int], frozenset[str], dict[str, str]]:
    """hazm's word list, read once: (word -> corpus frequency, words tagged as adjectives, ZWNJ-less spelling ->
    the lexicon's ZWNJ spelling). ≈190k lemmas and some inflected forms."""
    import hazm

    from search.normalize import normalized_word

    lexicon: dict[str, int] = {}
    adjectives: set[str] = set()
    with resources.files(hazm).joinpath("data/words.dat").open(encoding="utf-8") as handle:
        for line in handle:
            word, _, rest = line.rstrip("\n").partition("\t")
            count, _, tags = rest.partition("\t")
            key = normalized_word(word)  # a word may be listed twice (with and without a count): keep the max
            lexicon[key] = max(lexicon.get(key, 0), int(count) if count.isdigit() else 0)
            if "AJ" in tags.split(","):
                adjectives.add(key)
    # compounds are listed with ZWNJ (کشتی‌گیر); news often drops it (کشتیگیر): know both, and remember how the
    # lexicon writes the flat form, so that text without ZWNJ is analysed like text with it
    zwnj_forms: dict[str, str] = {}
    for word, count in list(lexicon.items()):
        if ZWNJ in word:
            flat = word.replace(ZWNJ, "")
            if flat not in lexicon or flat in zwnj_forms:
                if count >= lexicon.get(zwnj_forms.get(flat, ""), -1):
                    zwnj_forms[flat] = word
            lexicon[flat] = max(lexicon.get(flat, 0), count)
    return lexicon, frozenset(adjectives), zwnj_forms


@functools.cache
def _frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    from search.normalize import normalized_word

    table: dict[str, float] = {}
    for word, share in get_frequency_dict("fa").items():
        key = normalized_word(word).replace(ZWNJ, "")
        table[key] = table.get(key, 0.0) + share
    return table


def frequency(word: str) -> float:
    """How common `word` is in Persian text (share of all words; 0 when wordfreq does not list it)."""
    return _frequencies().get(word.replace(ZWNJ, ""), 0.0)
