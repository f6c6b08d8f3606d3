"""Persian text analysis: the one place where Persian linguistics live.

The same :class:`Analyzer` turns article text into index terms and query text into query terms, so both sides of
a search always agree. Three layers:

* :func:`normalize` (search/normalize.py) – characters only: Arabic letter variants, diacritics, kashida,
  digits, bidi/control marks, zero-width non-joiner (ZWNJ) placement, repeated punctuation, whitespace.
* :meth:`Analyzer.tokens` – hazm's ``WordTokenizer`` (one per process) over normalised text.
* :meth:`Analyzer.term_of` – one token to its retrieval terms: curated broken plurals and spelling variants,
  suffix stripping checked against hazm's lexicon (so ``ایران`` never becomes ``ایر``), verb lemmas for
  ``می``/``نمی`` forms, splitting of glued words (``حفظتمامیت``), correction of dot-confused letters
  (``چهارحانبه``), stopwords. Terms depend on a token's letters only, never on its ZWNJs (search/lexicon.py
  restores them). Results are cached per token, which is what makes analysis fast.
"""

from __future__ import annotations

import functools
import json
import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from itertools import chain

from search.lexicon import frequency, lexicon_data
from search.normalize import LETTERS as _LETTER
from search.normalize import ZWNJ, normalize, normalized_word

# --- curated tables ----------------------------------------------------------------------------------------


@functools.cache
def tables() -> dict:
    """The curated tables of search/data/analysis.json (plurals, variants, protected words, stopwords, synonyms)."""
    with resources.files("search").joinpath("data/analysis.json").open(encoding="utf-8") as handle:
        return json.load(handle)




def _lexicon() -> dict[str, int]:
    return lexicon_data()[0]


def _adjectives() -> frozenset[str]:
    return lexicon_data()[1]


# Noun/adjective suffixes, longest first, with what must be appended to the remainder to restore the base
# (آوارگان -> آواره: the plural -گان replaces a final ه).
_SUFFIX_RULES: tuple[tuple[str, str], ...] = (
    ("هایشان", ""), ("هایتان", ""), ("هایمان", ""), ("هایش", ""), ("هایت", ""), ("هایم", ""),
    ("هایی", ""), ("های", ""), ("ها", ""), ("ترین", ""), ("گان", "ه"), ("یان", ""), ("ان", ""),
    ("ات", ""), ("شان", ""), ("تان", ""), ("مان", ""), ("اش", ""), ("ای", ""), ("یی", ""),
    ("تر", ""), ("ی", ""), ("ش", ""),
)
_SUFFIXES_AFTER_ZWNJ = frozenset(
    {"ها", "های", "هایی", "هایم", "هایت", "هایش", "هایمان", "هایتان", "هایشان", "ای", "ی", "یی", "تر",
     "ترین", "تری", "ام", "ات", "اش", "مان", "تان", "شان", "اند", "ایم", "اید", "است"}
)
# Letters that differ only by their dots: a frequent typing slip (چهارحانبه for چهارجانبه).
_DOT_FAMILIES = ("جحخچ", "بپتث", "دذ", "رزژ", "سش", "صض", "طظ", "عغ", "فق", "کگ")
_DOT_SIBLINGS = {ch: family.replace(ch, "") for family in _DOT_FAMILIES for ch in family}
_PARTICIPLE_ENDINGS = ("اند", "ایم", "اید", "است")
_PLURAL_ENDINGS = ("هایشان", "هایتان", "هایمان", "هایی", "هایش", "های", "ها")
_SHORT_GLUE_HEADS = frozenset({"در", "به", "از", "با", "بر", "که", "تا", "این", "آن"})
_MIN_SPLIT_FREQUENCY = 5000
_COMMON_SHARE = 1e-5  # about one word in 100,000 (Zipf 4)
_RARE_LEXICON_COUNT = 1000
_HAS_LETTER_OR_DIGIT = re.compile(rf"[{_LETTER}0-9]")
_NON_WORD = re.compile(rf"[^\w{ZWNJ}]")
_WORD_PIECE = re.compile(rf"[\w{ZWNJ}]+")
_NUMBER = re.compile(r"^[0-9][0-9.,/:٫-]*$")  # 3.5, 1402/09/12, 2023-05-14 stay one token


def word_pieces(normalized: str) -> list[str]:
    """The words of a token hazm left joined by a hyphen or markup (ایران-روسیه, <b>ایران</b>); a plain word or
    a number (3.5, 1402/09/12) is one piece."""
    if not _NON_WORD.search(normalized) or _NUMBER.match(normalized):
        return [normalized]
    return _WORD_PIECE.findall(normalized)
_WORD_SPAN = re.compile(rf"[{_LETTER}0-9\u064B-\u065F\u0670\u0640{ZWNJ}]+")


@dataclass(frozen=True)
class Analysis:
    normalized: str
    tokens: list[str]
    terms: list[str]

    def as_dict(self) -> dict:
        return {"normalized": self.normalized, "tokens": self.tokens, "terms": self.terms}


class Analyzer:
    """Text -> normalised text, tokens, surface forms and retrieval terms. Construct once per process
    (see :func:`get_analyzer`); it holds hazm's tokenizer and lemmatizer and a token -> terms cache."""

    def __init__(self, protected: Iterable[str] = ()) -> None:
        from hazm import Lemmatizer, WordTokenizer, stopwords_list

        curated_tables = tables()
        self._tokenizer = WordTokenizer(join_verb_parts=False)
        self._lemmatizer = Lemmatizer()
        self._lexicon = _lexicon()
        self._mapped = {
            normalized_word(k): normalized_word(v)
            for table in ("broken_plurals", "spelling_variants")
            for k, v in curated_tables[table].items()
        }
        keep = {normalized_word(w) for w in curated_tables["stopwords_keep"]}
        stopwords = {normalized_word(w).replace("_", " ") for w in stopwords_list()} - keep
        stopwords |= {normalized_word(w) for w in curated_tables["stopwords_add"]}
        self._lexicon_zwnj_forms = lexicon_data()[2]
        flat_stopwords = {w.replace(ZWNJ, "") for w in stopwords if ZWNJ in w}
        self.stopwords = frozenset(stopwords | {w for w in flat_stopwords if not self._is_plural_of_known_word(w)})
        curated = {normalized_word(w) for w in curated_tables["protected"]}
        names = {normalized_word(w) for w in protected} - curated
        # Name words from the knowledge base are protected, except plain plurals of common words that occur in
        # names (کشورهای in سازمان کشورهای صادرکننده نفت must still meet کشور).
        self._protected = frozenset(curated | {w for w in names if not self._is_plural_of_common_word(w)})
        self._cache: dict[str, tuple[str, ...]] = {}
        self._mapped_targets = frozenset(self._mapped.values())
        self._compound_suffixes = frozenset(curated_tables["compound_suffixes"])
        # how a word typed without its ZWNJ is written with it (هستهای -> هسته‌ای, رئیسجمهور -> رئیس‌جمهور)
        self._zwnj_forms = {**self._lexicon_zwnj_forms, **{
            w.replace(ZWNJ, ""): w for w in (*self._protected, *self._mapped) if ZWNJ in w}}
        self._lock = threading.Lock()  # hazm's tokenizer is not documented as thread-safe; waitress is threaded

    def __getstate__(self) -> dict:
        """Everything but the lock, which a copy gets afresh (search/warm_start.py pickles a built Enricher)."""
        return {k: v for k, v in self.__dict__.items() if k != "_lock"}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def _is_plural_of_known_word(self, word: str) -> bool:
        return any(word.endswith(suffix) and word[: -len(suffix)] in self._lexicon for suffix in ("های", "ها"))

    def _is_plural_of_common_word(self, word: str) -> bool:
        """کشورهای: a -ها plural of a lexicon word (hazm's counts are unreliable, so presence is what counts;
        -ان is left out because too many place names end in it: زاهدان, گیلان)."""
        if self._lexicon.get(word, 0) >= _RARE_LEXICON_COUNT:
            return False
        for suffix in ("هایی", "های", "ها"):
            stem = word[: -len(suffix)]
            if word.endswith(suffix) and len(stem) >= 2 and stem in self._lexicon:
                return True
        return False

    # -- layers ------------------------------------------------------------------------------------------

    normalize = staticmethod(normalize)

    def tokens(self, normalized_text: str) -> list[str]:
        """hazm tokens of already-normalised text (punctuation included, as hazm emits it)."""
        with self._lock:
            return self._tokenizer.tokenize(normalized_text)

    @staticmethod
    def surface(token: str) -> str:
        """The exact-match form of a token: no ZWNJ, Latin lower-cased (so `تروریست‌ها` == `تروریستها`); a token
        hazm left joined by a hyphen or markup (`ایران-روسیه`, `<b>ایران</b>`) becomes its words."""
        return " ".join(word_pieces(token.replace(ZWNJ, "").lower()))

    def term_of(self, token: str) -> tuple[str, ...]:
        """Retrieval terms for one normalised token: usually one, none for stopwords and punctuation, more
        than one for glued words (the glued form is kept too, so an exact query still matches)."""
        return self._token_info(token)[1]

    def _token_info(self, token: str) -> tuple[str, tuple[str, ...]]:
        """(surface form or "" for punctuation, terms), cached: the hot path of indexing."""
        info = self._cache.get(token)
        if info is None:
            surface = self.surface(token)
            info = (surface if _HAS_LETTER_OR_DIGIT.search(surface) else "", self._compute_terms(token))
            if len(self._cache) < 500_000:  # bound memory on endless streams of unseen tokens
                self._cache[token] = info
        return info

    # -- whole texts -------------------------------------------------------------------------------------

    def analyze(self, text: str) -> Analysis:
        normalized = normalize(text)
        tokens = self.tokens(normalized)
        return Analysis(normalized, tokens, [t for tok in tokens for t in self.term_of(tok)])

    def terms(self, text: str) -> list[str]:
        return self.analyze(text).terms

    def index_fields(self, text: str) -> tuple[str, str]:
        """(surface, terms) strings for the whitespace-analysed `*_surface` and `*_terms` index fields."""
        return self.fields_from_tokens(self.tokens(normalize(text)))

    def fields_from_tokens(self, tokens: list[str]) -> tuple[str, str]:
        surface, terms = self.surface_and_terms(tokens)
        return surface, " ".join(terms)

    def surface_and_terms(self, tokens: list[str]) -> tuple[str, list[str]]:
        """(surface string, terms) of tokens: `fields_from_tokens` before the terms are joined. The terms are the
        cache's own strings, whose hashes Python keeps (story fingerprints look every term up in a dict)."""
        # one cache look-up per token with the loops in C (map, chain); a token not cached yet goes through
        # _token_info
        infos = list(map(self._cache.get, tokens))
        if None in infos:
            info = self._token_info
            infos = [pair if pair is not None else info(token) for pair, token in zip(infos, tokens)]
        surfaces, token_terms = zip(*infos) if infos else ((), ())
        return " ".join(filter(None, surfaces)), list(chain.from_iterable(token_terms))

    def word_spans(self, original_text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, normalised word) for each word of the *original* text, for highlighting."""
        for match in _WORD_SPAN.finditer(original_text):
            word = normalize(match.group())
            if word:
                yield match.start(), match.end(), word

    # -- term computation --------------------------------------------------------------------------------

    def _compute_terms(self, token: str) -> tuple[str, ...]:
        if not _HAS_LETTER_OR_DIGIT.search(token):
            return ()
        pieces = word_pieces(token)
        if pieces != [token]:  # ایران-روسیه, covid-19, <b>ایران</b>
            return tuple(t for piece in pieces for t in self.term_of(piece))
        # Terms depend on the letters only, never on whether the text kept its ZWNJs (scraped news loses
        # them): the ZWNJ spelling is restored from the lexicon where it is known.
        flat = token.lower().replace(ZWNJ, "")
        if flat in self.stopwords:
            return ()
        word = self._with_zwnj(flat)
        if word in self.stopwords:
            return ()
        if ZWNJ in word and not self._is_affixed(word):
            return self._compound_terms(word)
        base = self._reduce(word)
        if base is not None:
            return () if base in self.stopwords else (base,)
        flat = word.replace(ZWNJ, "")
        split = self._split_glued(flat)
        if split:
            return (flat, *split)
        corrected = self._correct_dots(flat)
        return (corrected,) if corrected else (flat,)

    def _with_zwnj(self, flat: str) -> str:
        """The ZWNJ spelling of a word typed without it, when the lexicon or a past participle tells it
        (رئیسجمهور -> رئیس‌جمهور, هستهای -> هسته‌ای, کردهاند -> کرده‌اند); else the word as it is."""
        if flat in self._mapped or flat in self._protected:
            return flat
        known = self._zwnj_forms.get(flat)
        if known:
            return known
        prefix = "نمی" if flat.startswith("نمی") else "می" if flat.startswith("می") else ""
        if prefix and self._lexicon.get(flat, 0) < _RARE_LEXICON_COUNT and len(flat) > len(prefix) + 1:
            verb = prefix + ZWNJ + flat[len(prefix):]  # میماند -> می‌ماند, unless a real word (میدان)
            if self._verb_lemma(verb):
                return verb
        for ending in _PARTICIPLE_ENDINGS:
            head = flat[: -len(ending)]
            if flat.endswith(ending) and head.endswith("ه") and len(head) > 2 and head in self._lexicon:
                return head + ZWNJ + ending
        return flat

    @staticmethod
    def _is_affixed(word: str) -> bool:
        """A ZWNJ word that is a verb with می/نمی or a word with inflectional suffixes (not a compound)."""
        head, *rest = word.split(ZWNJ)
        return head in ("می", "نمی") or all(part in _SUFFIXES_AFTER_ZWNJ for part in rest)

    def _compound_terms(self, word: str) -> tuple[str, ...]:
        """زمین‌لرزه -> (زمینلرزه, زمین, لرزه): the joined form (so every spelling meets it) and the reduced parts
        (so a query written with a space meets it as a phrase); a part's own suffixes are stripped."""
        parts = word.split(ZWNJ)
        while len(parts) > 2 and parts[-1] in _SUFFIXES_AFTER_ZWNJ:  # not a compound if only suffixes follow
            parts = parts[:-1]
        flat = "".join(parts)
        zwnj_form = ZWNJ.join(parts)
        if flat in self._mapped or zwnj_form in self._lexicon or flat in self._lexicon:
            joined = self._mapped.get(flat, flat)
        else:  # کشتی‌گیران -> کشتی‌گیر (the lexicon writes compounds with ZWNJ)
            stripped = self._strip_suffixes(zwnj_form) or self._strip_suffixes(flat)
            joined = stripped.replace(ZWNJ, "") if stripped else flat
        part_terms = [t for part in parts for t in self.term_of(part)[:1]]
        if len(part_terms) == 1 and len(parts) == 2 and parts[1] in self._compound_suffixes:
            return (joined, *part_terms)  # کشتی‌گیری is about کشتی (the suffix alone is no term)
        return (joined, *part_terms) if len(part_terms) > 1 else (joined,)

    def alternatives(self, text: str) -> list[tuple[str, ...]]:
        """Ways the index may hold `text`, for the query side: a single word that analyses into a joined form
        plus parts (زمین‌لرزه, حفظتمامیت) may appear as the joined form or as the parts in a row."""
        tokens = self.tokens(normalize(text))
        terms = [t for tok in tokens for t in self.term_of(tok)]
        if len(tokens) == 1 and len(terms) > 1:
            return [(terms[0],), tuple(terms[1:])]
        return [tuple(terms)] if terms else []

    def joined_form(self, first: str, second: str) -> str | None:
        """The index term of two query words written apart that the lexicon knows as one word or compound
        (کم آبی -> کم‌آبی, زمین لرزه -> زمین‌لرزه); None when they are just two words."""
        a, b = normalize(first), normalize(second)
        if not a or not b or a in self.stopwords and b in self.stopwords:
            return None
        candidate = f"{a}{ZWNJ}{b}"
        terms = self.term_of(candidate)
        if terms and terms[0] in self._lexicon and terms[0] not in (a, b) and len(terms[0]) > max(len(a), len(b)):
            return terms[0]
        return None

    def is_known_word(self, word: str) -> bool:
        return word in self._lexicon

    def zwnj_spelling(self, word: str) -> str:
        """How the lexicon writes a word, half-spaces included (کمآبی -> کم‌آبی); else the word without them."""
        return self._with_zwnj(word.lower().replace(ZWNJ, ""))

    def is_common_word(self, word: str) -> bool:
        """A word hazm's lexicon tags as an adjective (نمکی 'salty', ظریف 'delicate'): as a surname alone it
        needs a rank, title or full name nearby to count as the person."""
        return word in _adjectives() or word.replace(ZWNJ, "") in _adjectives()

    def _known(self, word: str) -> bool:
        return word in self._lexicon or word in self._protected or word in self._mapped

    def _base(self, word: str) -> str:
        return self._mapped.get(word, word)

    def _reduce(self, word: str) -> str | None:
        """The base form of a word when one can be established, else None."""
        if word in self._mapped:
            return self._mapped[word]
        if word in self._protected:
            return word
        if ZWNJ in word:
            return self._reduce_zwnj(word)
        if word.isascii() or word.isdigit():
            return word
        if word in self._lexicon and self._lexicon[word] >= _RARE_LEXICON_COUNT:
            return word
        stripped = self._strip_suffixes(word)
        if word in self._lexicon:  # a rare entry is often an inflected form hazm listed (ایرانیها, کتابها)
            return stripped if stripped and self._frequency(stripped) > _RARE_LEXICON_COUNT else word
        if stripped is not None:
            return stripped
        for ending in _PLURAL_ENDINGS:  # an unknown word before -ها is still the word (ریزگردها -> ریزگرد)
            head = word[: -len(ending)]
            if word.endswith(ending) and len(head) >= 3 and not head.startswith("می"):
                return self._reduce(head) or head
        if word.startswith("می") or word.startswith("نمی"):  # verb prefix typed without its ZWNJ: میشود
            head = "نمی" if word.startswith("نمی") else "می"
            return self._verb_lemma(head + ZWNJ + word[len(head):])
        return None

    def _reduce_zwnj(self, word: str) -> str:
        head, *rest = word.split(ZWNJ)
        if head in ("می", "نمی") and rest:
            return self._verb_lemma(word) or "".join(rest)
        suffix = "".join(rest)
        if suffix in _SUFFIXES_AFTER_ZWNJ or all(part in _SUFFIXES_AFTER_ZWNJ for part in rest):
            return self._reduce(head) or head
        flat = word.replace(ZWNJ, "")
        return self._base(flat)

    def _strip_suffixes(self, word: str, depth: int = 0) -> str | None:
        """Strip up to two suffix layers (گروه‌هایشان, تروریستهای) while the remainder is a known word; when
        several cuts give known words (ویژه+ای or ویژ+های), the most frequent base wins."""
        best: tuple[int, str] | None = None
        for suffix, restore in _SUFFIX_RULES:
            if not word.endswith(suffix) or len(word) - len(suffix) < 2:
                continue
            candidate = word[: -len(suffix)] + restore
            if suffix == "ش" and not self._is_common(candidate):  # کشورش, but not the name کیروش
                continue
            if self._known(candidate):
                found = self._base(candidate)
            elif depth == 0 and not restore:
                found = self._strip_suffixes(candidate, depth + 1)
            else:
                found = None
            if found is not None:
                weight = self._preference(found)
                if best is None or weight > best[0]:
                    best = (weight, found)
        return best[1] if best else None

    def _preference(self, word: str) -> tuple[float, int]:
        """Which of two readings wins: curated words, then wordfreq's frequency, then hazm's count."""
        if word in self._protected or word in self._mapped_targets:
            return (1.0 + frequency(word), 1 << 40)
        return (frequency(word), self._lexicon.get(word, 0))

    def _frequency(self, word: str) -> int:
        if word in self._protected or word in self._mapped_targets:
            return 1 << 40
        return self._lexicon.get(word, 0)

    def _verb_lemma(self, word: str) -> str | None:
        lemma = self._lemmatizer.lemmatize(word)
        if "#" in lemma:
            past, _, present = lemma.partition("#")
            return past or present
        return None

    def _is_common(self, word: str) -> bool:
        """Common enough to be one half of two glued words: frequent in wordfreq's list or hazm's counts."""
        return frequency(word) >= _COMMON_SHARE or self._lexicon.get(word, 0) >= _MIN_SPLIT_FREQUENCY

    def _split_glued(self, word: str) -> tuple[str, ...] | None:
        """Split two words typed without a space (حفظتمامیت -> حفظ + تمامیت) when both halves are common."""
        if len(word) < 5 or word.isascii():
            return None
        best: tuple[tuple[float, int], tuple[str, ...]] | None = None
        for i in range(2, len(word) - 1):
            head, tail = word[:i], word[i:]
            if len(head) == 2 and head not in _SHORT_GLUE_HEADS:
                continue
            if len(tail) < 3:
                continue
            tail_base = self._reduce(tail) if tail not in self._lexicon else tail
            if not tail_base or not (head in _SHORT_GLUE_HEADS or self._is_common(head)):
                continue
            if not (self._is_common(tail) or self._is_common(tail_base)):
                continue
            score = min(self._preference(head) if head not in _SHORT_GLUE_HEADS else (1.0, 0),
                        max(self._preference(tail), self._preference(tail_base)))
            if best is None or score > best[0]:
                parts = (tail_base,) if head in self.stopwords else (self._base(head), tail_base)
                best = (score, parts)
        return best[1] if best else None

    def _correct_dots(self, word: str) -> str | None:
        """The only lexicon word one dot-confusion away (چهارحانبه -> چهارجانبه), for words of 6+ letters."""
        if len(word) < 6:
            return None
        found = set()
        for i, ch in enumerate(word):
            for sibling in _DOT_SIBLINGS.get(ch, ""):
                candidate = word[:i] + sibling + word[i + 1 :]
                if candidate in self._lexicon:
                    found.add(candidate)
        return found.pop() if len(found) == 1 else None


_ANALYZER: Analyzer | None = None
_ANALYZER_LOCK = threading.Lock()


def get_analyzer() -> Analyzer:
    """The process-wide Analyzer (hazm objects are expensive to build: ~2 s)."""
    global _ANALYZER
    if _ANALYZER is None:
        with _ANALYZER_LOCK:
            if _ANALYZER is None:
                _ANALYZER = Analyzer(protected=_knowledge_base_words())
    return _ANALYZER


def adopt_analyzer(analyzer: Analyzer) -> None:
    """Make `analyzer` (one built earlier, e.g. loaded with a stored Enricher) the process-wide one, unless
    get_analyzer has already built one."""
    global _ANALYZER
    with _ANALYZER_LOCK:
        if _ANALYZER is None:
            _ANALYZER = analyzer


def _knowledge_base_words() -> list[str]:
    """Single words of entity names (countries, people, places, organisations): never stemmed."""
    try:
        from search.entities.kb import name_words
    except ImportError:  # knowledge base not installed: analysis still works, just without that protection
        return []
    return list(name_words())
