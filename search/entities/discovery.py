"""Officials the knowledge base does not know, found by the way the press introduces them: `وزیر کشاورزی
تاجیکستان، NAME،`, `NAME، معاون وزیر خارجه عراق`, `سرلشکر NAME`, and without commas `استاندار خوزستان NAME گفت`
when NAME opens with a known given name. A mixin of EntityMatcher (it uses the matcher's key sets); pure.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from wordfreq import zipf_frequency as _wordfreq_zipf

from search.analysis import ZWNJ

_PUNCT_KEY = re.compile(r"^[^\w]+$")
_COMMAS = frozenset({"،", ","})
_SENTENCE_ENDS = frozenset({".", "!", "؟", "?", "\n", ":"})
_VERB_KEYS = frozenset({"کرد", "کن", "کردن", "شد", "شو", "گفت", "گوید", "گفتن", "خورد", "خوردن", "خورده", "کرده",
                        "کردند", "کنند", "کند", "شده", "گفته", "داد", "دادن", "زد", "خواهد", "خواهند", "نخواهد",
                        "میکند", "میکنند", "نمیکند", "کردهاند", "میکرد", "برداشت", "برداشته", "بردارد"})
_NAME_PREFIXES = frozenset({"سید", "سیده"})
# words after which a new clause, and so possibly a name, begins (… اما کانات‌بک عیسیف رئیس پارلمان)
_CLAUSE_OPENERS = frozenset({"و", "«", "اما", "ولی", "سپس", "همچنین"})
# a foreign name (only: it must have a word the language does not know) may also open after a preposition (بر لوئیسا
# گونزالس نامزد … پیروز شد) or a verb whose object clause it opens (اعلام کرد سوچیتل گالوز نامزد …)
# verbs that continue someone's statement (… افزود, به خبرنگار … گفت), as keys
_SPEECH_KEYS = frozenset({"افزود", "گفت", "اظهار", "تصریح", "خاطرنشان", "ادامه"})
_LIST_JOINERS = frozenset({"،", ",", "و"})
_EARLIER = frozenset({"پیشتر", "پیش‌تر", "قبلا", "قبلاً", "سابقا", "سابقاً"})  # ارناندس که پیش‌تر شهردار … بود
_FOREIGN_NAME_OPENERS = frozenset({"بر", "با", "از", "به", "برای", "توسط", "میان", "بین"})


@functools.lru_cache(maxsize=500_000)
def persian_zipf(word: str) -> float:
    """wordfreq's Zipf frequency of a Persian word, remembered (extraction asks for the same words again and again;
    wordfreq's own cache costs ~0.7 us a call, this one ~0.1)."""
    return _wordfreq_zipf(word, "fa")


def _arabic_family_name(token: str, analyzer) -> bool:
    """الحسینی, الفیلی: the Arabic article on a word the lexicon does not know as written (its stem may be a word:
    الفیلی reduces to الفیل) is a family name, as foreign to the lexicon as کوناشنکوف."""
    plain = token.replace(ZWNJ, "")
    return plain.startswith("ال") and len(plain) >= 5 and not analyzer._known(plain)


def _latin_word(word: str) -> bool:
    """A word in Latin script, accents included (André, Gálvez)."""
    return all(c.isalpha() and c < "\u0250" or c in "-'." for c in word) and word[:1].isalpha()


class Discovered(NamedTuple):
    """A person the press introduces by office who is not in the knowledge base."""

    start: int
    end: int
    name: str
    confidence: float


class OfficialDiscovery:
    """The discovery half of EntityMatcher (see its __init__ for the key sets used here)."""

    def _discover_officials(self, tokens: list[str], keys: list[str],
                            triggers: list[tuple[int, str]]) -> list[Discovered]:
        """`وزیر کشاورزی تاجیکستان، NAME`, `NAME، معاون وزیر خارجه عراق`, `سرلشکر NAME`: people the press
        introduces by office, emitted with a confidence so the facet is not limited to the knowledge base."""
        found: list[Discovered] = []
        sport = any(kind == "rank" for _, kind in triggers) and not self._sport_keys.isdisjoint(keys)
        for i, kind in triggers:
            comma = None
            if kind == "office":
                # the patterns below need a comma right before the office word or within 8 keys after it
                window = keys[i + 1:i + 9]
                if "،" in window or "," in window:
                    comma = i + 1 + next(j for j, k in enumerate(window) if k in _COMMAS)
                elif not (i >= 2 and keys[i - 1] in _COMMAS):
                    # no commas: `استاندار خوزستان محمدرضا موالی‌زاده گفت`, `علی جعفریان معاون وزیر بهداشت`
                    name = self._name_before_title(tokens, keys, i) or self._name_after_title(tokens, keys, i)
                    if name and not self._non_state(keys, i):
                        found.append(Discovered(*name, 0.6))
                    continue
            if kind == "rank":
                if sport:  # سردار آزمون, the footballer: in a sports report a rank word is a given name
                    continue
                name = self._name_after(tokens, keys, i + 1, foreign_ok=True)
                if name:
                    found.append(Discovered(*name, 0.6))
                continue
            if self._non_state(keys, i):
                continue
            # a name glossed in Latin right before the office is its holder, whatever follows the office (آندره ونتورا
            # (André Ventura) رهبر حزب …، لوئیس … : the name after the comma has a title of its own)
            gloss = self._latin_gloss_before(tokens, keys, i)
            if gloss:
                found.append(Discovered(*gloss, 0.8))
                continue
            # pattern A: OFFICE … ، NAME
            if comma is not None and not any(k in _SENTENCE_ENDS for k in keys[i:comma]):
                name = self._name_after(tokens, keys, comma + 1)
                if name:
                    found.append(Discovered(*name, 0.8))
                    continue
            # pattern B: NAME ، OFFICE …
            if i >= 2 and keys[i - 1] in _COMMAS:
                name = self._name_before(tokens, keys, i - 1)
                if name:
                    found.append(Discovered(*name, 0.7))
                    continue
            # pattern D: NAME OFFICE … (no comma between)
            name = self._name_before_title(tokens, keys, i)
            if name:
                found.append(Discovered(*name, 0.6))
                continue
            # pattern E: SURNAME، OFFICE or SURNAME که (پیش‌تر) OFFICE, the person named in full earlier on
            name = self._surname_before_title(tokens, keys, i)
            if name:
                found.append(Discovered(*name, 0.6))
        return found

    def _speaker_named_next(self, tokens: list[str], keys: list[str], triggers: list[tuple[int, str]],
                            covered: set[int], found: list[Discovered]) -> list[Discovered]:
        """`رئیس جمعیت هلال احمر … گفت … . علی‌اصغر پیوندی افزود …`: a sentence opened by a bare office that names
        nobody, then a sentence opened by a name whose verb of saying continues the report (افزود, به خبرنگار … گفت):
        the name is the office's holder, the way the press gives the title first and the name after."""
        named = covered | {i for m in found for i in range(m.start, m.end)}
        speakers = []
        for i, kind in triggers:
            if kind != "office" or (i and keys[i - 1] not in _SENTENCE_ENDS) or self._non_state(keys, i):
                continue
            end = next((j for j in range(i + 1, len(keys)) if keys[j] in _SENTENCE_ENDS), len(keys))
            if end - i > 60 or any(j in named for j in range(i, end)):
                continue  # the office's own sentence names someone (its holder, or the one it speaks of)
            name = self._name_after(tokens, keys, end + 1) if end + 1 < len(keys) else None
            if not name or name[0] != end + 1 or not 2 <= name[1] - name[0] <= 3 or keys[name[0]] not in \
                    self._given_name_keys and not self._foreign_word(tokens[name[0]], keys[name[0]]):
                continue
            after = keys[name[1]:name[1] + 4]
            if any(k in _SPEECH_KEYS for k in after[:1]) or "خبرنگار" in after and any(k in _SPEECH_KEYS for k in after):
                speakers.append(Discovered(*name, 0.6))
        return speakers

    def _listed_between_officials(self, tokens: list[str], keys: list[str], firm: list[tuple]) -> list[Discovered]:
        """`علی مطهری، محمود صادقی، NAME و پروانه سلحشوری از منتخبان …`: a name in a list between two known officials
        (joined by ، or و) is one of them, when it opens with a given name and has two or three name words."""
        people = sorted((m[0], m[1]) for m in firm if m[2] == "official")
        found = []
        for (_, left_end), (right_start, _) in zip(people, people[1:]):
            start, end = left_end + 1, right_start - 1
            if not (2 <= end - start <= 3 and keys[left_end] in _COMMAS and keys[end] in _LIST_JOINERS):
                continue
            if keys[start] in self._given_name_keys and keys[start] not in self._honorific_keys and all(
                    self._name_key(k) for k in keys[start:end]):
                found.append(Discovered(start, end, " ".join(tokens[start:end]), 0.6))
        return found

    def _surname_before_title(self, tokens: list[str], keys: list[str], i: int) -> tuple[int, int, str] | None:
        """`فوجیموری، رهبر حزب …`, `ارناندس که پیش‌تر شهردار … بود`: a foreign surname alone opening a clause and
        given a title is the person the article named in full before (`… از کیکو فوجیموری پیش افتاد`)."""
        j = i - 1
        if j >= 1 and keys[j] in _EARLIER:
            j -= 1
        if j >= 1 and (keys[j] in _COMMAS or keys[j] == "که"):
            j -= 1
        if j < 0 or j == i - 1 or not self._foreign_word(tokens[j], keys[j]):
            return None
        before = keys[j - 1] if j else "."
        if not (before in _SENTENCE_ENDS or before in _COMMAS or before in _CLAUSE_OPENERS):
            return None
        for k in range(j - 1, 0, -1):
            if tokens[k] != tokens[j]:
                continue
            start = k
            while start > 0 and k - start < 2 and self._name_key(keys[start - 1]) and (
                    keys[start - 1] in self._given_name_keys or self._foreign_word(tokens[start - 1], keys[start - 1])
                    or ZWNJ not in tokens[start - 1] and persian_zipf(tokens[start - 1]) == 0):  # کیکو
                start -= 1
            if start < k:
                return start, k + 1, " ".join(tokens[start:k + 1])
        return None

    def _foreign_word(self, token: str, key: str) -> bool:
        """A word of a foreign name: unknown to the language, or one Persian text never uses (zero frequency)."""
        return self._unknown_name(token, key) or ZWNJ not in token and len(token) > 2 and \
            persian_zipf(token) == 0 and key not in self._codes

    def _name_after_title(self, tokens: list[str], keys: list[str], i: int) -> tuple[int, int, str] | None:
        """`استاندار خوزستان NAME گفت`: a name of two or three words opening with a known given name, right
        after the office phrase (OFFICE + up to four words of scope)."""
        given = self._given_name_keys
        for j in range(i + 2, min(i + 6, len(keys))):
            if keys[j - 1] in _SENTENCE_ENDS or keys[j - 1] in _COMMAS or keys[j - 1] in _VERB_KEYS:
                break
            if keys[j] in given and keys[j] not in self._honorific_keys:
                name = self._name_after(tokens, keys, j)
                if name and 2 <= name[1] - name[0] <= 3:
                    return name
                break
        return None

    def _name_before_title(self, tokens: list[str], keys: list[str], i: int) -> tuple[int, int, str] | None:
        """`ایرج حریرچی معاون وزیر بهداشت`: two or three name words right before the office word, opening with
        a known given name, or opening a clause with a word the lexicon does not know (a foreign name)."""
        gloss = self._latin_gloss_before(tokens, keys, i)
        if gloss:
            return gloss
        start = i
        while start > 0 and i - start < 3 and self._name_key(keys[start - 1]):
            start -= 1
        # `به همراه محمدصادق معتمدیان استاندار`: the name opens with its given name, not with the word before it
        given_start = next((s for s in range(start + 1, i - 1) if keys[s] in self._given_name_keys
                            and keys[s] not in self._honorific_keys), None) \
            if keys[start] not in self._given_name_keys else None
        start = given_start if given_start is not None else start
        if not 2 <= i - start <= 3 or keys[start] in self._honorific_keys:
            return None
        before = keys[start - 1] if start else "."
        # a rank or title opens a name too (ژنرال ویلیامز کالیمان فرمانده ارتش)
        opens_clause = before in _SENTENCE_ENDS or before in _COMMAS or before in _CLAUSE_OPENERS or \
            before in self._honorific_keys
        # a word the Persian lexicon has never seen (کوناشنکوف, فایمن) is a foreign name, not ساختمان
        # (as written too: کالیمان is no word, though its stem کالی is)
        foreign = any(not self.analyzer._known(k) or _arabic_family_name(t, self.analyzer)
                      or ZWNJ not in t and not self.analyzer._known(t) and not self.analyzer._verb_lemma(t)
                      and persian_zipf(t) < 2.0  # هواداران: a plural the lexicon lacks, common all the same
                      for t, k in zip(tokens[start:i], keys[start:i]))
        # the lexicon lists some foreign names (گوادالوپه, تادی) that Persian text never uses: a name of such words only
        unheard = all(persian_zipf(t) == 0 and ZWNJ not in t for t in tokens[start:i])
        if (before in _FOREIGN_NAME_OPENERS or before in _VERB_KEYS) and not unheard:
            # after a preposition or a verb, a name only if none of its words is a common one (not آغاز …)
            foreign = foreign and all(persian_zipf(t) < 3.0 or k in self._given_name_keys
                                      for t, k in zip(tokens[start:i], keys[start:i]))
        opens_clause = opens_clause or before in _FOREIGN_NAME_OPENERS or before in _VERB_KEYS
        foreign = foreign or unheard
        if keys[start] in self._given_name_keys and (given_start or not self._name_key(before)) or \
                opens_clause and foreign:
            # سید/سیده open many names (آیت‌الله سید محمدعلی آل‌هاشم): part of the name, as in _name_after
            if start and keys[start - 1] in _NAME_PREFIXES and i - start < 3:
                start -= 1
            return start, i, " ".join(tokens[start:i])
        return None

    def _latin_gloss_before(self, tokens: list[str], keys: list[str], i: int) -> tuple[int, int, str] | None:
        """`وین مینت (Win Myint) رئیس‌جمهور`: a name the press glosses in Latin script right before the office.
        The gloss vouches for the name and says how many Persian words it has (one per Latin word)."""
        close = i - 1 if i >= 1 and tokens[i - 1] == ")" else i - 2 if i >= 2 and keys[i - 1] == "که" else -1
        if close < 3 or tokens[close] != ")":  # `… (Awad Ibn Auf) که معاون اول رئیس‌جمهور نیز بود` too
            return None
        opening = next((j for j in range(close - 1, max(-1, close - 6), -1) if tokens[j] == "("), None)
        if opening is None:
            return None
        latin = tokens[opening + 1:close]
        if not 2 <= len(latin) <= 4 or not all(_latin_word(w) and w[:1].isupper() for w in latin):
            return None
        start = opening - len(latin)
        # the gloss vouches even for a name word that is also a place (وین: Vienna)
        if start < 0 or not all(not k.isascii() and len(k) > 1 and not _PUNCT_KEY.match(k) and not k.isdigit()
                                and k not in self.analyzer.stopwords and k not in self._office_keys
                                and k not in self._honorific_keys and k not in _VERB_KEYS
                                for k in keys[start:opening]):
            return None
        if start and keys[start - 1] in _NAME_PREFIXES:
            start -= 1
        return start, opening, " ".join(tokens[start:opening])

    def _non_state(self, keys: list[str], office_index: int) -> bool:
        return any(k in self._non_state_keys for k in keys[office_index:office_index + 6])

    def _name_key(self, key: str) -> bool:
        """A key that may be a word of a name (remembered per key: the test reads only fixed tables)."""
        answer = self._name_keys.get(key)
        if answer is None:
            answer = self._test_name_key(key)
            if len(self._name_keys) < 500_000:
                self._name_keys[key] = answer
        return answer

    def _test_name_key(self, key: str) -> bool:
        return (key not in self.analyzer.stopwords and key not in self._office_keys and key not in _COMMAS
                and key not in self._honorific_keys and not key.isdigit() and len(key) > 1
                and not _PUNCT_KEY.match(key) and key not in self._entity_word_keys and key not in _VERB_KEYS)

    def _name_after(self, tokens: list[str], keys: list[str], start: int,
                    foreign_ok: bool = False) -> tuple[int, int, str] | None:
        # سید/سیده open many names (سید ارشد یوسف‌زی): part of the name, not a title to skip
        end = start + 1 if start + 1 < len(keys) and keys[start] in _NAME_PREFIXES else start
        while end < len(keys) and end - start < 4 and self._name_key(keys[end]):
            # برگزار شد, اعلام کرد: a word a light verb follows is the verb's, not the name's
            if end - start >= 2 and end + 1 < len(keys) and keys[end + 1] in _VERB_KEYS:
                break
            end += 1
        return self._as_name(tokens, keys, start, end, foreign_ok)

    def _name_before(self, tokens: list[str], keys: list[str], end: int) -> tuple[int, int, str] | None:
        start = end
        while start > 0 and end - start < 4 and self._name_key(keys[start - 1]):
            start -= 1
        # prefer the span that starts with a known given name (در این دیدار حیدر … -> حیدر …)
        for s in range(start, end - 1):
            if keys[s] in self._given_name_keys:
                start = s
                break
        return self._as_name(tokens, keys, start, end)

    def _as_name(self, tokens: list[str], keys: list[str], start: int, end: int,
                 foreign_ok: bool = False) -> tuple[int, int, str] | None:
        if end - start < 2:
            return None
        # set off by commas on both sides (`…، NAME،`) the press is naming someone; otherwise two ordinary words
        # after an office word are rarely a name unless one is a known given name
        enclosed = start > 0 and keys[start - 1] in _COMMAS and end < len(keys) and keys[end] in _COMMAS
        given = any(k in self._given_name_keys or t.split(ZWNJ)[0] in self._given_name_keys
                    for t, k in zip(tokens[start:end], keys[start:end]))
        # after a rank (ژنرال ویلیامز کالیمان), a word the lexicon has never seen marks a foreign name as well
        # (not an inflected word, which carries a ZWNJ: سردار آزمون آماده‌اند is a footballer, then a verb)
        foreign = foreign_ok and any(not self.analyzer._known(t) and not t.isascii() and ZWNJ not in t
                                     for t in tokens[start:end])
        if not (enclosed or given or foreign):
            return None
        # a conjugated verb is no name word: جان باختند (died) after a list of the dead is not a John
        if any(self._conjugated_verb(t) for t in tokens[start:end]):
            return None
        return start, end, " ".join(tokens[start:end])

    def _conjugated_verb(self, token: str) -> bool:
        """hazm's lemmatizer reads the word as a verb (past#present stems) and it is not the bare past stem (کرد
        is also a Kurd): باختند, رسیدند, آوردند."""
        lemma = self.analyzer._lemmatizer.lemmatize(token)
        return "#" in lemma and token != lemma.split("#")[0]
