"""Character normalisation of Persian text, the first layer of analysis (see search/analysis.py): Arabic,
Urdu and Kurdish letter variants, diacritics, kashida, digits, bidi/control marks, zero-width non-joiner (ZWNJ)
placement around prefixes and suffixes, repeated punctuation, whitespace."""

from __future__ import annotations

import functools
import re
import unicodedata

ZWNJ = "\u200c"

_CHAR_MAP: dict[int, str | None] = {
    # Arabic letter variants -> Persian
    0x064A: "ی", 0x0649: "ی", 0x06D2: "ی", 0x06CD: "ی", 0x0643: "ک", 0x06AA: "ک",
    0x0629: "ه", 0x06C0: "ه", 0x06D5: "ه", 0x06C1: "ه",
    # Urdu, Kurdish and Pashto letter forms that turn up in Persian text (تھران with Urdu do-chashmi he)
    0x06BE: "ه", 0x06C2: "ه", 0x06C3: "ه", 0x06FF: "ه", 0x06D0: "ی", 0x06CE: "ی", 0x063D: "ی", 0x063E: "ی",
    0x063F: "ی", 0x06AB: "گ", 0x06B1: "گ", 0x06B3: "گ", 0x06C6: "و", 0x06C7: "و", 0x06C8: "و", 0x06CB: "و",
    0x0676: "و", 0x0677: "و", 0x06B5: "ل", 0x0695: "ر",
    0x0623: "ا", 0x0625: "ا", 0x0671: "ا", 0x0672: "ا", 0x0673: "ا", 0x0624: "و",
    # Arabic punctuation that has a plain equivalent
    0x066A: "%", 0x066B: ".", 0x066C: ",", 0x06D4: ".",
    # spaces of every width -> space; zero-width space is used in the wild where ZWNJ was meant
    0x00A0: " ", 0x202F: " ", 0x3000: " ", 0x200B: ZWNJ,
    # remove: kashida/tatweel, zero-width joiner, bidi marks and embeddings, BOM, soft hyphen, Arabic letter mark
    0x0640: None, 0x200D: None, 0x200E: None, 0x200F: None, 0x061C: None, 0xFEFF: None, 0x00AD: None,
}
_CHAR_MAP.update({cp: None for cp in range(0x064B, 0x0660)})  # harakat, tanwin, shadda, sukun, hamza marks
_CHAR_MAP.update({cp: None for cp in (0x0670, 0x06E1, 0x06ED)})  # superscript alef, small marks
_CHAR_MAP.update({cp: None for cp in range(0x202A, 0x202F)})  # LRE RLE PDF LRO RLO
_CHAR_MAP.update({cp: None for cp in range(0x2066, 0x206A)})  # LRI RLI FSI PDI
_CHAR_MAP.update({cp: " " for cp in range(0x2000, 0x200B)})  # en quad … hair space
_CHAR_MAP.update({0x06F0 + d: str(d) for d in range(10)})  # Persian digits
_CHAR_MAP.update({0x0660 + d: str(d) for d in range(10)})  # Arabic-Indic digits
_CHAR_MAP.update({cp: None for cp in range(0x00, 0x20) if cp not in (0x09, 0x0A, 0x0D)})  # C0 controls
_TRANSLATION = str.maketrans(_CHAR_MAP)
# Translating only the characters that need it is ~10x faster than str.translate over a whole article.
_MAPPABLE = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_CHAR_MAP)) + "]+")


def _map_run(match: re.Match[str]) -> str:
    return match.group().translate(_TRANSLATION)


_PRESENTATION_FORMS = re.compile("[\uFB50-\uFDFF\uFE70-\uFEFC]")
LETTERS = "\u0621-\u063A\u0641-\u064A\u0671-\u06D3\u06FA-\u06FFa-zA-Z"
_IS_LETTER = re.compile(f"[{LETTERS}]")

_ZWNJ_RUNS = re.compile(ZWNJ + "{2,}")
# A ZWNJ not between two letters is noise. (The pattern starts with the literal so the engine skips ahead.)
_STRAY_ZWNJ = re.compile(rf"{ZWNJ}(?:(?![{LETTERS}])|(?<![{LETTERS}]{ZWNJ}))")
_SUFFIXES_JOINED_BY_ZWNJ = (
    "ها", "های", "هایی", "هایم", "هایت", "هایش", "هایمان", "هایتان", "هایشان", "تر", "ترین", "تری", "ام", "ای",
    "ایم", "اید",
)
_REPEATED_PUNCT = re.compile(r"([!؟?.،,؛;:])\1+")
_SPACES = re.compile(r"[ \t\r\f\v]{2,}|[\t\r\f\v]")
_SPACE_AROUND_NEWLINE = re.compile(r" ?\n ?")
_MANY_NEWLINES = re.compile(r"\n{3,}")


_VERB_PREFIX_SPACE = re.compile(rf"می +(?=[{LETTERS}])")
# Words no verb stem is: `می` before them is a word of its own, a name's (ترزا می و آنگلا مرکل), not a verb prefix
_NOT_A_VERB_STEM = frozenset({"و", "که", "را", "از", "به", "در", "با", "تا", "یا", "نیز", "هم", "این", "آن", "برای"})
_WORD_AT = re.compile(rf"[{LETTERS}]+")


@functools.cache
def _suffix_space_pattern() -> re.Pattern[str]:
    """` ها`, ` ترین`, ` سازی` … after a word: joined to it with ZWNJ. The look-ahead on the suffixes' first
    letters rejects most spaces at once (this pattern is tried at every space of every article)."""
    from search.analysis import tables

    suffixes = {*_SUFFIXES_JOINED_BY_ZWNJ, *tables()["compound_suffixes"]}
    first_letters = "".join(sorted({suffix[0] for suffix in suffixes}))
    return re.compile(rf" +(?=[{first_letters}])({_trie(suffixes)})(?![{LETTERS}{ZWNJ}])")


def _trie(words: set[str]) -> str:
    """An alternation of the words that branches one letter at a time (ها(?:ی(?:ی|م…)?)?), so the engine tries a
    letter once instead of every word at every space. It matches what the plain alternation matches here: the
    words are all letters and the pattern requires a non-letter after the match, so at most one word fits."""
    branches: dict[str, set[str]] = {}
    for word in words:
        if word:
            branches.setdefault(word[0], set()).add(word[1:])
    parts = [re.escape(letter) + _trie(rest) for letter, rest in sorted(branches.items())]
    if not parts:
        return ""
    if len(parts) == 1 and "" not in words:
        return parts[0]
    return "(?:" + "|".join(parts) + ")" + ("?" if "" in words else "")


def _letter_at(text: str, position: int) -> bool:
    return 0 <= position < len(text) and (_IS_LETTER.match(text, position) is not None or text[position] == ZWNJ)


def _join_verb_prefix(match: re.Match[str]) -> str:
    # `می`/`نمی` inside a longer word (سیستمی روند) is not the verb prefix
    text, start = match.string, match.start()
    before = start - 2 if start > 0 and text[start - 1] == "ن" else start - 1
    if _letter_at(text, before):
        return match.group()
    following = _WORD_AT.match(text, match.end())
    if following and following.group() in _NOT_A_VERB_STEM and not _letter_at(text, following.end()):
        return match.group()
    return "می" + ZWNJ


def _join_suffix(match: re.Match[str]) -> str:
    return ZWNJ + match.group(1) if _letter_at(match.string, match.start() - 1) else match.group()


def normalize(text: str) -> str:
    """Normalise Persian text at the character level; the result is what both the index and queries see."""
    if _PRESENTATION_FORMS.search(text):
        text = unicodedata.normalize("NFKC", text)
    if "ي" in text:  # Arabic yeh and kaf, the commonest variants, in one pass each rather than a call per run
        text = text.replace("ي", "ی")
    if "ك" in text:
        text = text.replace("ك", "ک")
    text = _MAPPABLE.sub(_map_run, text)
    if "  " in text or "\t" in text or "\r" in text or "\f" in text or "\v" in text:
        text = _SPACES.sub(" ", text)
    if ZWNJ in text:
        text = _STRAY_ZWNJ.sub("", _ZWNJ_RUNS.sub(ZWNJ, text))
    if "می " in text:
        text = _VERB_PREFIX_SPACE.sub(_join_verb_prefix, text)
    text = _suffix_space_pattern().sub(_join_suffix, text)
    if "بین الملل" in text:  # the commonest compound written with a space
        text = text.replace("بین الملل", "بین" + ZWNJ + "الملل")
    text = _REPEATED_PUNCT.sub(r"\1", text)
    if " \n" in text or "\n " in text or "\n\n\n" in text:
        text = _SPACE_AROUND_NEWLINE.sub("\n", text)
        text = _MANY_NEWLINES.sub("\n\n", text)
    return text.strip()


def normalized_word(word: str) -> str:
    """Normalise one table word without the phrase-level rules (which need the compound-suffix table)."""
    word = word.translate(_TRANSLATION).strip()
    return _STRAY_ZWNJ.sub("", _ZWNJ_RUNS.sub(ZWNJ, word))
