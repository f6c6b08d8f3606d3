"""Spellings of a known name the press actually prints: a first name glued to the surname (عباسعراقچی), a compound
surname spaced or joined (چاووش اوغلو, داوداوغلو), ئی written یی (رییسی), a doubled و single or the reverse
(داود/داوود), a long vowel's alef left out as Dari and some agencies write it (ترمپ), ف for و in Russian names
(لافروف). In a full name, where the other words vouch for it, also: the alef dropped from a short surname or a
first name (لمی for لامی, ژوردن for ژوردان), an initial آ written ا (اتال), a ی written before the last letter or
left out (گوتریش/گوترش), German -stein as ستین, ستاین or شتاین (هوکشتاین), a first name's -ین written -یان
(کریستیان for کریستین), a doubled letter of the surname written once (ماتارلا for ماتارلّا), and in an Arab
official's name the article ال- added to the family name or left out (محمد الضیف/محمد ضیف). Pure: a name in, its variants out;
the knowledge-base loader adds them to every official's names.
"""

from __future__ import annotations

ZWNJ = "\u200c"
# Letter swaps seen in transliterated names: (written in the knowledge base, also printed as)
_SWAPS = (("ئی", "یی"), ("یی", "ئی"), ("ئ", "ی"), ("وو", "و"))
_SLAVIC_SWAPS = (("ف", "و"), ("و", "ف"))  # v/f: لاوروف/لافروف, only in Russian-style surnames (…وف, …وا)
_SLAVIC_ENDINGS = ("وف", "اف", "وا", "ینا", "سکی")
_MIN_DROP_LENGTH = 5  # ترامپ -> ترمپ; shorter words lose too much when a letter goes
_MIN_DROP_IN_FULL_NAME = 4  # لامی -> لمی, only with the first name before it
_STEIN = ("ستین", "ستاین", "شتاین", "شتین")
_ARABIC_PARTICLES = frozenset({"بن", "ابن", "بنت", "ابو", "ام", "عبد"})
# Every variant word is a new key in the matcher's automaton (and widens its root): one-letter changes and the
# dropped alef are made in the surname only, where the press's spellings differ most.


def _letter_variants(word: str, min_drop: int = _MIN_DROP_LENGTH) -> set[str]:
    found = set()
    for ending in _STEIN:  # هوکستین, هوکشتاین, هوکستاین
        if word.endswith(ending) and len(word) > len(ending) + 1:
            found |= {word[:-len(ending)] + other for other in _STEIN}
    swaps = _SWAPS + _SLAVIC_SWAPS if word.endswith(_SLAVIC_ENDINGS) else _SWAPS
    for written, printed in swaps:
        start = word.find(written, 1)  # never the first letter: ف/و at the start changes the name
        while start != -1:
            found.add(word[:start] + printed + word[start + len(written):])
            start = word.find(written, start + 1)
    if len(word) >= min_drop:
        for i in range(1 if min_drop < _MIN_DROP_LENGTH else 2, len(word) - 1):  # an alef inside, not at an end
            if word[i] == "ا" and word[i - 1] not in "اآو" and word[i + 1] not in "اآو":
                found.add(word[:i] + word[i + 1:])
    found.discard(word)
    return found


def surname_variants(surname: str) -> set[str]:
    """Single-letter variants of a surname (for the surname alone, when the surname is trusted alone)."""
    return {v for v in _letter_variants(surname.replace(ZWNJ, "")) if len(v) > 3} if surname else set()


def spelling_variants(name: str, arabic: bool = False) -> set[str]:
    """Variants of a full name of two or more words (a lone word is too easily an ordinary one); `arabic`: an Arab
    official's name, whose family name the press prints with or without the article ال-."""
    words = name.split()
    if len(words) < 2:
        return set()
    found: set[str] = set()
    last = words[-1].replace(ZWNJ, "")
    if arabic and words[-2] not in _ARABIC_PARTICLES and last not in _ARABIC_PARTICLES:
        if last.startswith("ال") and len(last) > 5:
            found.add(" ".join(words[:-1] + [last[2:]]))
        elif not last.startswith(("ال", "آل")) and len(last) >= 3:
            found.add(" ".join(words[:-1] + ["ال" + last]))
    if words[0].endswith("ین") and len(words[0]) >= 5 and ZWNJ not in words[0]:  # کریستین -> کریستیان
        found.add(" ".join([words[0][:-1] + "ان"] + words[1:]))
    for j in range(1, len(last)):  # ماتارللا -> ماتارلا: a doubled letter (not وو, below; not the ll of الله)
        if last[j] == last[j - 1] and last[j] != "و" and not last.endswith("الله"):
            found.add(" ".join(words[:-1] + [last[:j] + last[j + 1:]]))
    for i in range(len(words) - 1):  # two neighbouring words glued: عباسعراقچی, داوداوغلو
        found.add(" ".join(words[:i] + [words[i] + words[i + 1]] + words[i + 2:]))
    for i, word in enumerate(words):
        if ZWNJ in word:  # a half-spaced compound spaced (چاووش اوغلو) or joined (چاووشاوغلو)
            found.add(" ".join(words[:i] + word.split(ZWNJ) + words[i + 1:]))
            found.add(" ".join(words[:i] + [word.replace(ZWNJ, "")] + words[i + 1:]))
    for i, word in enumerate(words):  # one letter changed in one word (رییسی, داود, ترمپ, ژوردن)
        plain = word.replace(ZWNJ, "")
        variants = _letter_variants(plain, _MIN_DROP_IN_FULL_NAME if i == len(words) - 1 else _MIN_DROP_LENGTH)
        if i < len(words) - 1 and not ("ئ" in word or "یی" in word or "وو" in word):
            # other words than the surname vary only in ئ/یی and وو, and a first name loses an alef (ژوردن)
            variants = {v for v in variants if len(v) == len(plain) - 1} if i == 0 else set()
        if word.startswith("آ"):  # آتال written اتال
            variants.add("ا" + plain[1:])
        if i == len(words) - 1 and len(plain) >= 4 and not set(plain[-3:]) & set("اویهئ"):
            variants.add(plain[:-1] + "ی" + plain[-1])  # گوترش -> گوتریش
        if i == len(words) - 1 and len(plain) >= 5 and plain[-2] == "ی" and plain[-3] not in "اوی":
            variants.add(plain[:-2] + plain[-1])  # گوتریش -> گوترش
        for variant in variants:
            changed = words[:i] + [variant] + words[i + 1:]
            found.add(" ".join(changed))
            for j in range(len(changed) - 1):  # and glued to its neighbour: داوداوغلو
                found.add(" ".join(changed[:j] + [changed[j] + changed[j + 1]] + changed[j + 2:]))
    found.discard(name)
    return found
