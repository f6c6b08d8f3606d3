"""Entity extraction: one leftmost-longest Aho-Corasick pass over an article's token keys, then context rules
for the ambiguous cases. Pure: tokens in, an Extraction out.

Each token is reduced to its *key* (its first retrieval term, or its surface form for stopwords), so inflected
mentions meet the knowledge base: وزرای دفاع -> وزیر دفاع, روس‌ها -> روس, سوریه‌ای -> سوریه. Every key that
occurs in a name gets a two-character code (see _code) and the article is scanned as the string of its tokens'
codes, so matches always fall on word boundaries and punctuation (which has its own key) is never inside a name.
"""

from __future__ import annotations

from operator import itemgetter
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher

import ahocorasick

from search.analysis import ZWNJ, Analyzer
from search.entities.actors import CLAUSE_STARTS, POLITICAL_VERBS, RELATION_WORDS, TRAVEL_WORDS, capital_actors, \
    home_capital, opens_political_clause, own_country
from search.entities.discovery import _COMMAS, _VERB_KEYS, Discovered, OfficialDiscovery, persian_zipf
from search.entities.kb import KnowledgeBase
from search.entities.variants import surname_variants

# Ranks, honorifics and titles that may stand before a name; they also vouch for a surname that is a common word.
HONORIFICS = (
    "امیر سرتیپ", "امیر سرلشکر", "امیر دریادار", "امیر دریابان", "امیر سرتیپ دوم", "امیر", "سرتیپ", "سرتیپ دوم",
    "سرلشکر", "سپهبد", "ارتشبد", "ژنرال", "سردار", "سرهنگ", "دریادار", "دریابان", "دکتر", "مهندس", "آیت‌الله",
    "آیت الله", "آیت‌الله العظمی", "حجت‌الاسلام", "حجت الاسلام", "حجت‌الاسلام والمسلمین", "آقای", "خانم", "شیخ",
    "سید", "سیده", "مارشال", "دریاسالار", "ملا", "مولوی",
)
# Common given names the knowledge base may not hold, to recognise a name the press introduces by office.
GIVEN_NAMES = ("علی", "محمد", "حسن", "حسین", "رضا", "مهدی", "احمد", "محمود", "مصطفی", "عباس", "جواد", "مجید",
               "سعید", "حمید", "مسعود", "مهرداد", "رحیم", "قربانعلی", "حسنعلی", "فرحان", "حیدر", "ارشد", "سید",
               "عبدالله", "عبدالرحمن", "خالد", "فیصل", "سلمان", "یوسف", "ابراهیم", "اسماعیل", "جمال", "کریم",
               "ناصر", "منصور", "فاطمه", "زهرا", "مریم", "معصومه", "اکبر", "اصغر", "غلامرضا", "غلامحسین", "محسن",
               "امیر", "بهروز", "فرهاد", "داوود", "یحیی", "زکریا", "صالح", "طارق", "عمر", "عثمان", "محمدحسین",
               "محمدرضا", "محمدعلی", "علیرضا", "حمیدرضا", "مساعد", "سرگئی", "ولادیمیر", "آندری", "جان", "جیمز",
               "مجتبی", "ایرج", "اسدالله", "روح‌الله", "نصرالله", "حبیب‌الله", "فتح‌الله", "ذبیح‌الله", "امیرحسین",
               "محمدصادق", "محمدباقر", "محمدمهدی", "محمدجواد", "محمدحسن", "کاظم", "هادی", "مهران", "بهرام",
               "بیژن", "کامران", "پرویز", "سیاوش", "کیومرث", "رستم", "شهرام", "پیمان", "نادر", "ابوالفضل",
               "مرتضی", "صادق", "باقر", "جعفر", "تقی", "قاسم", "ولی", "لیلا", "نرگس", "زینب", "فرزانه", "الهام",
               "سمیه", "اعظم", "طاهره", "شیرین", "اسحاق", "عیسی", "موسی", "هاشم", "ابوالقاسم", "غلامعلی", "حجت",
               "مالک", "ندا", "نسرین", "پروین", "منیژه", "شهلا", "مینو", "آزاده", "مهناز", "افسانه", "رویا",
               # Arab, Afghan, Armenian and European given names the press prints before an office it names
               # (none an everyday Persian word: not زیاد, عادل, ماهر, حکمت, ترکی or the city ریاض)
               "لقمان", "بلال", "نبیل", "نبیه", "سمیر", "وائل", "هشام", "عماد", "ایاد", "فؤاد", "فواد", "عبدالعزیز",
               "عبدالکریم", "عبدالسلام", "عبدالملک", "عبدالرحیم", "عبدالحمید", "عبدالقادر", "عبداللطیف", "عبدالباسط",
               "عبدالمجید", "عبدالمهدی", "سهیل", "انور", "بشار", "رامی", "طلال", "غازی", "فادی", "فاروق", "مروان",
               "نزار", "نواف", "هیثم", "یاسر", "یزید", "ولید", "مصعب", "خلیل", "نجیب", "امرالله", "سراج‌الدین",
               "انعام‌الله", "حمدالله", "ذبیح‌الله", "شهاب‌الدین", "سامول", "ساموئل", "آرمین", "آرایک", "نیکول",
               "روبن", "آرتور", "اولاف", "فریدریش", "کریستیان", "فرانسوا", "مارین", "ژان", "یورگن", "هانس", "کلاوس",
               "توماس", "مارکوس", "زیگمار", "آنالنا", "ریشی", "بوریس", "نایجل",
               # Iranian given names the knowledge base's officials happen not to have (not the words among them:
               # بهمن, امید, میلاد, فرشته, احسان, نوید, وحید, حبیب)
               "فرامرز", "بهزاد", "منوچهر", "فریدون", "جمشید", "هوشنگ", "داریوش", "کورش", "کوروش", "شاهرخ", "بابک",
               "آرش", "سهراب", "فرشید", "فرزاد", "علی‌اکبر", "علی‌اصغر", "عبدالرضا", "عبدالحسین", "حشمت‌الله",
               "عزت‌الله", "نعمت‌الله", "رحمت‌الله", "سیف‌الله", "ولی‌الله", "جلیل", "سهیلا", "شهین", "اسفندیار",
               "کیوان", "مهدیه", "فریبا", "سودابه", "شهناز", "محبوبه", "طیبه", "ابوالحسن", "عبدالعلی", "محمدتقی",
               "محمدکاظم", "محمداسماعیل", "محمدامین", "کامبیز", "سجاد", "رامین", "ساسان", "سیروس", "یدالله",
               "قدرت‌الله", "کیانوش", "شرمین")
# Words that introduce an office (a discovered official follows or precedes them).
OFFICE_WORDS = (
    "وزیر", "معاون", "سفیر", "استاندار", "فرماندار", "سخنگو", "سخنگوی", "رئیس", "دبیر", "دبیرکل", "فرمانده",
    "نخست‌وزیر", "رئیس‌جمهور", "شهردار", "دادستان", "کاردار", "سرکنسول", "نماینده", "مشاور", "قائم‌مقام",
    "جانشین", "رئیس‌کل", "دبیرکل", "وزیرخارجه", "صدراعظم", "پادشاه", "مدیرعامل",
    # the same compounds written with a space (نخست وزیر): otherwise نخست is read as the end of a name
    "نخست وزیر", "رئیس جمهور", "رئیس کل", "قائم مقام", "صدر اعظم",
    "دیپلمات",  # a state's diplomat is its official (دیپلمات ایرانی); the office resolver does not use it
)
# Titles the press gives a party's or movement's head, a candidate, an aide, an envoy and a city's Friday prayer
# leader (رهبر حزب …, نامزد محافظه‌کاران, دستیار رئیس‌جمهور, فرستاده عربستان, امام جمعه تبریز): they introduce a
# discovered official and end a discovered name (حکمت حاجی‌اف دستیار … is حکمت حاجی‌اف), but unlike OFFICE_WORDS
# they do not vouch for an everyday-word surname before them (طبری سال‌ها دستیار … is not Macky Sall)
DISCOVERY_TITLES = ("رهبر", "نامزد", "دستیار", "فرستاده", "امام جمعه", "رئیس‌الوزرا", "رئیس الوزرا",
                    # a senator, a nominee for a ministry (گزینه وزارت علوم, گزینه پیشنهادی), an election rival
                    "سناتور", "گزینه وزارت", "گزینه پیشنهادی", "رقیب انتخاباتی")
# An office held in these bodies is not a government office (a federation president, a club chairman).
NON_STATE_CONTEXT = ("فدراسیون", "باشگاه", "تیم", "لیگ", "المپیک", "جشنواره", "سینما", "تئاتر", "موسیقی", "شرکت")
# Context that makes an ambiguous country form (ترک, چین, مالی) mean the country.
COUNTRY_CONTEXT = ("کشور", "دولت", "مردم", "سفیر", "سفارت", "مقامات", "هیئت", "رئیس‌جمهور", "وزیر", "پایتخت",
                   "خاک", "مرز", "ارتش", "نیروهای", "ملت", "مقام", "رئیس", "در", "از", "با", "مقابل", "علیه",
                   "سوی", "سفر", "پناهجو", "آواره", "پناهنده", "مهاجر", "شهروند", "تبعه", "اتباع", "نیرو", "حریف",
                   "تیم", "کشتیگیر", "بازیکن", "شرکت", "کالا", "نفت", "گاز", "بازار", "رژیم", "جمهوری",
                   "نخست‌وزیر", "پادشاه", "امیر", "حکومت", "ارتش", "سفارتخانه", "کنسولگری", "میان", "بین", "تا",
                   "خارجه", "دفاع", "وزارت", "برابر", "مصاف", "جنوب", "شمال", "شرق", "غرب", "سواحل", "بندر",
                   "صادرات", "واردات", "بحران", "جنگ", "تحولات", "اوضاع", "وضعیت", "آینده", "ساخت", "محصولات",
                   "نماینده", "نمایندگان", "نمایندگی",
                   "میانجیگری", "وساطت", "میزبانی")  # با میانجیگری چین: a state mediates or hosts
# Words after which a country's adjective is a language (به زبان فرانسوی, زبان‌های ایتالیایی و اسپانیایی),
# as the matcher's keys (the plural reduces to زبان)
LANGUAGE_WORDS = frozenset({"زبان", "گویش", "لهجه"})
TITLE_BODY_BREAK = "\n"  # the token enrichment puts between title and body tokens (hazm never emits it)
_FIRM_KINDS = ("official", "organization", "country", "place")  # in order of preference for a shared name
_KIND_AND_ID = itemgetter(2, 3)
_FIRST, _SECOND = itemgetter(0), itemgetter(1)
_FILLER = "\x01\x01"  # the code of every token key that is in no pattern
# Low characters per high one. pyahocorasick looks a node's children up by scanning, and ~25,500 keys have codes: at
# 64 the root (where a scan restarts after every mismatch) had ~400 children; at 256 it has ~100 and a high
# character's node at most 256 (generated articles, iter_long: 57 us at 64, 25 at 256, 28 at 512, 38 at 1024)
_CODE_WIDTH = 256


# broken plurals of office words (their keys are the singular)
_BROKEN_PLURAL_TITLES = frozenset({"وزرا", "وزرای", "روسا", "روسای", "رؤسا", "رؤسای", "سفرا", "سفرای", "امرا",
                                   "امرای", "ملوک", "سران"})


def _plural_title(token: str, key: str) -> bool:
    """رهبران این پیمان, وزرای خارجه, سفرای اروپایی: several holders, so no one name follows as the holder."""
    written = token.replace(ZWNJ, "")
    return written in _BROKEN_PLURAL_TITLES or written != key and written.startswith(key) and \
        written[len(key):] in ("ان", "گان", "ها", "های", "هایی")


def _code(n: int) -> str:
    """The n-th key code: two characters, a "high" one and a "low" one from disjoint ranges, so a match can only
    start on a token boundary. Two characters keep every automaton node's fan-out in the hundreds (_CODE_WIDTH):
    pyahocorasick looks children up by scanning, and one character per key made the root's fan-out thousands wide
    (30x slower). The low range (0x3400 + up to _CODE_WIDTH) stays below the high one (0x4E00 …)."""
    return chr(0x4E00 + n // _CODE_WIDTH) + chr(0x3400 + n % _CODE_WIDTH)
# Country names whose everyday sense dominates in news (مالی 'financial', غنا 'richness' as in غنای اورانیوم):
# only a country noun before them (کشور مالی) or a firm mention elsewhere makes them the country.
# مجاری is also the plural of مجرا 'channel' (از مجاری دیپلماتیک), and reduces to the adjective مجار.
STRICT_AMBIGUOUS = frozenset({"مالی", "غنا", "غنای", "مجاری"})
# Nouns that make even an everyday word a country: کشور مالی, دولت قطر.
COUNTRY_NOUNS = ("کشور", "دولت", "جمهوری", "پادشاهی", "مردم", "ملت", "پایتخت", "سفیر", "سفارت", "رئیس‌جمهور",
                 "نخست‌وزیر", "پادشاه", "امیر")
# Words that make an article a sports report, and the fixture words around a team's country name in it.
SPORT_WORDS = ("فوتبال", "والیبال", "بسکتبال", "کشتی", "فوتسال", "هندبال", "تیم ملی", "جام جهانی", "مسابقه",
               "مسابقات", "قهرمانی", "المپیک", "سرمربی", "گل", "لیگ", "ورزشگاه", "بازیکن", "رده‌بندی")
FIXTURE_WORDS = ("برابر", "مقابل", "حریف", "مصاف", "تیم", "ملی", "دیدار", "بازی", "شکست", "پیروزی", "تساوی",
                 "دروازه‌بان", "سرمربی", "بازیکنان", "ملی‌پوشان", "هواداران", "جهانی",  # جام جهانی قطر: the host
                 "فوتبال", "والیبال", "بسکتبال", "فوتسال", "هندبال", "کشتی")  # تیم ملی فوتبال پرتغال
# A person's name after these names a place or thing after them (ورزشگاه ملک فهد, خیابان آیت‌الله خامنه‌ای).
NAMED_AFTER = ("ورزشگاه", "استادیوم", "فرودگاه", "بیمارستان", "خیابان", "بزرگراه", "اتوبان", "میدان", "بلوار",
               "دانشگاه", "مسجد", "پل", "بندر", "مدرسه", "ناو", "ناوشکن", "پایگاه", "شهرک", "کوی", "سالن", "تالار",
               "جایزه", "بنیاد", "موزه", "کتابخانه", "سد", "اسکله", "پارک", "بیمارستان",
               # a weapon or craft named after someone (پهپاد آکینجی, موشک خرمشهر, ناوچه جمران)
               "پهپاد", "پهپادهای", "موشک", "بالگرد", "جنگنده", "ناوچه", "زیردریایی", "تانک", "رزمناو")
# What ترک leaves behind (ترک کشورش, ترک خانه, ترک جلسه): the verb, not Turkey.
LEFT_BEHIND = ("کشورش", "کشورشان", "کشور", "وطن", "خانه", "منزل", "محل", "جلسه", "صحنه", "سالن", "میدان", "زادگاه",
               "تحصیل", "خدمت", "اعتیاد", "سیگار", "دنیا", "شهر", "خاک", "مواضع", "پست", "سمت", "مسئولیت")
# After an organisation's short name these make it a local body: شورای امنیت استان is a provincial council.
LOCAL_SCOPE = ("استان", "شهرستان", "شهر", "استانی", "محلی", "دانشگاه")
_LIST_JOINERS = frozenset({"و", "،", ","})
_PLACE_BEFORE = frozenset({"شهر", "در"})  # در الجزیره, شهر طرابلس: an ambiguous name is the place
_SAY_KEYS = frozenset({"گفت", "گوید", "گفتن", "گفته"})  # چین گفت is China speaking; ترک گفت is leaving
RANKS = ("قاضی", "سرلشکر", "سرتیپ", "سپهبد", "ارتشبد", "سردار", "دریادار", "دریابان", "ژنرال", "امیر سرتیپ", "سرتیپ دوم",
         "امیر دریادار", "سرلشکر پاسدار", "سرتیپ پاسدار",
         # the ranks of the officers who lead coups and juntas (سرهنگ دوم ایزاک زیدا, سرهنگ امادو عبدالرحمن)
         "سرهنگ", "سرهنگ دوم", "سرگرد", "سروان", "کاپیتان", "دریاسالار")


@dataclass
class Mention:
    kind: str
    id: str
    start: int  # token index
    end: int  # token index, exclusive
    text: str




@dataclass
class Extraction:
    countries: list[dict] = field(default_factory=list)
    officials: list[dict] = field(default_factory=list)
    organizations: list[dict] = field(default_factory=list)
    places: list[dict] = field(default_factory=list)
    dateline: str | None = None
    source_in_text: str | None = None
    # every mention as (first token, end token, kind, id), for marking them in the text
    spans: list[tuple[int, int, str, str]] = field(default_factory=list)
    # surnames alone of a single official that nothing beside them vouched for, as (start, end, official id):
    # enrichment, which knows the article's day, counts one whose sentence names an office the official held then
    bare_surnames: list[tuple[int, int, str]] = field(default_factory=list)


class EntityMatcher(OfficialDiscovery):
    def __init__(self, kb: KnowledgeBase, analyzer: Analyzer) -> None:
        self.kb = kb
        self.analyzer = analyzer
        self._automaton = ahocorasick.Automaton()
        self._last_spans: tuple[str | None, list[tuple]] = (None, [])
        self._key_cache: dict[str, str] = {}
        self._token_info: dict[str, tuple[str, str]] = {}  # token -> (key, code)
        # answers of the per-word tests of extraction, which read only tables fixed once the matcher is built
        self._unknown_names: dict[tuple[str, str], bool] = {}  # (token, key) -> _unknown_name
        self._name_keys: dict[str, bool] = {}  # key -> _name_key
        # Each token key that occurs in some pattern gets a code of its own (see _code), every other key the
        # same filler; the automaton then scans two characters per token and a match's end index halved is the
        # token index: word boundaries come for free and no offsets need mapping back.
        self._codes: dict[str, str] = {}
        entries: dict[str, list[tuple[str, str]]] = defaultdict(list)

        # an official's names as written (ZWNJ-free words), by their keys: a name is matched through its words'
        # keys, and where a key is another word's reduction (رییسی -> رئیس) only the name as written is the person
        self._written_names: dict[str, set[str]] = defaultdict(set)

        def add(name: str, kind: str, entity_id: str) -> None:
            key = self.key_of(name)
            if key and (kind, entity_id) not in entries[key]:
                entries[key].append((kind, entity_id))
            if key and kind == "official":
                self._written_names[key].add(_written(self.analyzer.tokens(self.analyzer.normalize(name))))

        for country in kb.countries.values():
            for name in country.names:
                add(name, "country?" if name in country.ambiguous else "country", country.id)
        for region in kb.regions:
            add(region.text, "region", region.text)
        # surnames trusted alone: not flagged common in the knowledge base, and not an everyday word either
        # (نمکی 'salty', ظریف 'delicate'); decided once here rather than per mention
        self._surname_alone_ok = frozenset(
            o.id for o in kb.officials.values()
            if o.surname and not o.surname_is_common_word and not analyzer.is_common_word(o.surname))
        surnames: dict[str, list[str]] = defaultdict(list)
        # a glued spelling that reads as a compound given name (محمدحسینی -> محمدحسین) is that name, not the person
        given_keys = {self.key_of(w) for w in GIVEN_NAMES}
        for official in kb.officials.values():
            for name in official.names:
                add(name, "official", official.id)
            for name in official.spellings:
                if " " in name or self.key_of(name) not in given_keys:
                    add(name, "official", official.id)
            for honorific in ("آقای", "خانم"):
                add(f"{honorific} {official.name_fa}", "official", official.id)
            surname_key = self.key_of(official.surname) if official.surname else ""
            # a surname that is a function word or two letters long (وی, لی) cannot stand for a person alone
            if surname_key and len(surname_key) > 2 and surname_key not in analyzer.stopwords:
                surnames[surname_key].append(official.id)
                if official.id in self._surname_alone_ok:  # ترمپ for ترامپ: only where the surname is trusted
                    for variant in surname_variants(official.surname):
                        # a variant the analyzer reads as another word's form (شهرمانیان -> شهر) is not the name
                        if not analyzer.is_common_word(variant) and self.key_of(variant) == variant:
                            surnames[self.key_of(variant)].append(official.id)
        for key, ids in surnames.items():
            for official_id in ids:
                if key and ("surname", official_id) not in entries[key]:
                    entries[key].append(("surname", official_id))
        for org in kb.organizations.values():
            for name in org.names:
                add(name, "organization?" if name in org.ambiguous else "organization", org.id)
        for place in kb.places.values():
            for name in place.names:
                add(name, "place?" if place.ambiguous else "place", place.id)
        for honorific in HONORIFICS:
            add(honorific, "honorific", honorific)
        for word in (*OFFICE_WORDS, *DISCOVERY_TITLES):  # positions where a discovered official may be introduced
            add(word, "office", word)
        for rank in RANKS:
            add(rank, "rank", rank)
        nested = _nested_countries_by_name(entries)
        territory_keys = {self.key_of(r.text): r.territory_of for r in kb.regions if r.territory_of}
        for key, candidates in entries.items():
            # which reading wins is fixed per name, so decide it here, not per mention
            kinds = [k for k, _ in candidates]
            kind = next((k for k in _FIRM_KINDS if k in kinds), kinds[0])
            entity_id = next(i for k, i in candidates if k == kind)
            nested_countries = nested.get(key, ()) if kind in ("organization", "official") else ()
            if key in territory_keys:  # نوار غزه stays a place and also names Palestine
                nested_countries = ((0, key.count(" ") + 1, territory_keys[key]),)
            self._automaton.add_word(self.encode_pattern(key), (key.count(" ") + 1, tuple(candidates),
                                                                nested_countries, kind, entity_id))
        self._automaton.make_automaton()
        self._honorific_keys = {self.key_of(h) for h in HONORIFICS}
        self._rank_ids = frozenset(RANKS)  # a rank that is also an honorific (سرهنگ) is matched as the honorific
        self._vouching_office_keys = {self.key_of(w) for w in OFFICE_WORDS}
        self._office_keys = self._vouching_office_keys | {self.key_of(w) for w in DISCOVERY_TITLES}
        self._non_state_keys = {self.key_of(w) for w in NON_STATE_CONTEXT}
        self._country_context_keys = {self.key_of(w) for w in COUNTRY_CONTEXT}
        self._country_nouns = {self.key_of(w) for w in COUNTRY_NOUNS}
        self._local_scope_keys = {self.key_of(w) for w in LOCAL_SCOPE}
        self._capital_country = {p.id: p.country for p in kb.places.values() if p.capital and p.country}
        self._political_keys = frozenset(self.key_of(w) for w in POLITICAL_VERBS)
        self._relation_keys = frozenset(self.key_of(w) for w in RELATION_WORDS)
        self._travel_keys = frozenset(tuple(self.key_of(w).split(" ")) for w in TRAVEL_WORDS)
        self._country_of_key = {self.key_of(n): c.id for c in kb.countries.values() for n in c.names
                                if " " not in n}
        self._surname_forms = {o.id: {o.surname.replace(ZWNJ, ""), *surname_variants(o.surname)}
                               for o in kb.officials.values() if o.surname}
        self._surname_spellings = {
            official_id: {analyzer.normalize(f).replace(ZWNJ, "").replace(" ", "") for f in forms}
            for official_id, forms in self._surname_forms.items()}
        self._named_after_keys = frozenset(self.key_of(w) for w in NAMED_AFTER)
        self._sport_keys = frozenset(self.key_of(w) for w in SPORT_WORDS)
        self._fixture_keys = frozenset(self.key_of(w) for w in FIXTURE_WORDS)
        self._left_behind_keys = frozenset(self.key_of(w) for w in LEFT_BEHIND)
        # single words of country, place and organisation names: never part of a discovered person's name
        self._entity_word_keys = {
            self.key_of(name)
            for table in (kb.countries, kb.places, kb.organizations) for entry in table.values()
            for name in entry.names if " " not in name
        }
        # given names of known officials, to tell a name from two ordinary words
        # (a first name that is a frequent Persian word, دولت of Devlet Bahçeli, بیل of Bill English, is not taken
        # as a given name elsewhere: دولت پزشکیان is the government, بیل مکانیکی an excavator)
        # (nor one the analyzer reads as a Persian word's form: ادوار of Édouard Philippe is دوره's plural)
        self._given_name_keys = {self.key_of(first) for first in (o.name_fa.split()[0] for o in kb.officials.values()
                                                                  if o.name_fa)
                                 if not _everyday_word(first) and self.key_of(first) == first.replace(ZWNJ, "")}
        self._given_name_keys |= {self.key_of(w) for w in GIVEN_NAMES}
        # what extraction reports per entity, built once (labels come from the knowledge base)
        self._surname_key = {o.id: self.key_of(o.surname) for o in kb.officials.values() if o.surname}
        self._media_ids = frozenset(o.id for o in kb.organizations.values() if o.kind == "media")
        self._ngo_ids = frozenset(o.id for o in kb.organizations.values() if o.international)
        self._output = {
            "country": {c.id: {"id": c.id, "label": c.name_fa, "label_en": c.name_en} for c in kb.countries.values()},
            "official": {o.id: {"id": o.id, "name_fa": o.name_fa, "name_en": o.name_en, "country": o.country,
                                "title": o.title_fa(), "discovered": False} for o in kb.officials.values()},
            "organization": {o.id: {"id": o.id, "label": o.name_fa, "label_en": o.name_en}
                             for o in kb.organizations.values()},
            "place": {p.id: {"id": p.id, "label": p.name_fa, "country": p.country} for p in kb.places.values()},
        }

    # -- keys --------------------------------------------------------------------------------------------

    def token_key(self, token: str) -> str:
        key = self._key_cache.get(token)
        if key is None:
            terms = self.analyzer.term_of(token)
            key = terms[0] if terms else (self.analyzer.surface(token) or token)
            if len(self._key_cache) < 500_000:
                self._key_cache[token] = key
        return key

    def encode_pattern(self, key_string: str) -> str:
        """The automaton pattern for a space-joined key sequence (registers new keys)."""
        codes = self._codes
        return "".join(codes.setdefault(k, _code(len(codes))) for k in key_string.split(" "))

    def keys_and_codes(self, tokens: list[str]) -> tuple[list[str], str]:
        """(keys, encoded) of a token list: one cache look-up per token, with the loops in C (map/itemgetter);
        this is the hot path of enrichment."""
        cache = self._token_info
        pairs = list(map(cache.get, tokens))
        if None in pairs:
            for i, pair in enumerate(pairs):
                if pair is None:
                    key = self.token_key(tokens[i])
                    pair = pairs[i] = (key, self._codes.get(key, _FILLER))
                    if len(cache) < 500_000:
                        cache[tokens[i]] = pair
        return list(map(_FIRST, pairs)), "".join(map(_SECOND, pairs))

    def key_of(self, text: str) -> str:
        tokens = self.analyzer.tokens(self.analyzer.normalize(text))
        return " ".join(self.token_key(t) for t in tokens)

    # -- extraction --------------------------------------------------------------------------------------

    def extract(self, tokens: list[str], keys: list[str] | None = None, encoded: str | None = None) -> Extraction:
        """Entities among the tokens of a normalised text (pass `keys`/`encoded` when already computed)."""
        if keys is None or encoded is None:
            keys, encoded = self.keys_and_codes(tokens)
        return self._resolve(tokens, keys, self._longest_spans(encoded))

    def _longest_spans(self, encoded: str) -> list[tuple]:
        """(start, end, candidates, nested countries, kind, id) of knowledge-base names in an article's encoded
        keys, leftmost-longest and non-overlapping (pyahocorasick's iter_long, in C). The last article's spans
        are kept: enrichment asks for them up to three times (extract, office names, foreign names); callers
        must not change the list."""
        last_encoded, last_spans = self._last_spans
        if encoded == last_encoded:
            return last_spans
        spans = []
        for end_char, (length, candidates, nested, kind, entity_id) in self._automaton.iter_long(encoded):
            last = end_char // 2
            spans.append((last - length + 1, last + 1, candidates, nested, kind, entity_id))
        self._last_spans = (encoded, spans)  # one assignment: safe when threads share the matcher
        return spans

    def _resolve(self, tokens: list[str], keys: list[str], spans: list[tuple]) -> Extraction:
        # Runs for every article, so the common case (an unambiguous name) costs one tuple; only the rare
        # spans (ambiguous names, office words, news agencies) get more work. Mentions are
        # (start, end, kind, id) tuples.
        firm: list[tuple] = []
        append = firm.append
        pending: list[tuple[Mention, tuple]] = []
        bare_surnames: list[tuple[int, int, str]] = []
        triggers: list[tuple[int, str]] = []  # office words and ranks, for discovering officials
        media = self._media_ids
        country_or_surname: list[tuple[int, list[str]]] = []  # کامرون: Cameroon, or David Cameron's surname
        language_ends: set[int] = set()  # ends of country adjectives read as languages (see _is_language)
        for start, end, candidates, nested, kind, entity_id in spans:
            if kind == "country" and self._is_language(start, keys, language_ends):
                language_ends.add(end)
                continue
            if kind == "official" and not self._written_as_name(tokens, keys, start, end):
                # ابراهیم رئیس کمیسیون is not ابراهیم رییسی (whose key is ابراهیم رئیس): the span is ordinary
                # words, and an office word in it still introduces someone
                triggers.extend((i, "office") for i in range(start, end) if keys[i] in self._office_keys)
                continue
            if kind in _FIRM_KINDS:
                if entity_id in media and kind == "organization" and self._is_attribution(start, end, keys):
                    continue
                if kind == "official" and self._named_after(start, keys):
                    continue
                # دیده‌بان حقوق بشر سوریه is a Syrian group, not Human Rights Watch: a country right after an
                # international NGO's name makes it that country's own body
                if entity_id in self._ngo_ids and kind == "organization" and any(
                        sp[0] == end and sp[4] in ("country", "country?") for sp in spans):
                    continue
                if kind == "country" and len(candidates) > 1:
                    surname_of = [i for k, i in candidates if k == "surname"]
                    if surname_of:
                        country_or_surname.append((len(firm), surname_of))
                append((start, end, kind, entity_id))
                if nested:
                    if kind == "official":
                        # دیوید کامرون: a surname that is a country's name (Cameroon) is not the country
                        surname = self._surname_key.get(entity_id)
                        nested = [n for n in nested if " ".join(keys[start + n[0]:start + n[1]]) != surname]
                    firm.extend((start + i, start + j, "country", c) for i, j, c in nested)
            elif kind == "region" and nested:
                firm.extend((start + i, start + j, "country", c) for i, j, c in nested)
            elif kind == "office":
                if not _plural_title(tokens[start], keys[start]):
                    triggers.append((start, kind))
            elif kind == "rank" or kind == "honorific" and entity_id in self._rank_ids:
                triggers.append((end - 1, "rank"))  # the name follows the rank's last word (سرهنگ دوم NAME)
            elif kind != "region" and kind != "honorific":
                pending.append((Mention("", "", start, end, " ".join(tokens[start:end])), candidates))
        if country_or_surname:
            # a country's name that is the surname of an official named in full in the article is that official
            # (دیوید کامرون … کامرون استعفا کرد is Cameron, not Cameroon)
            named_in_full = {m[3] for m in firm if m[2] == "official"}
            for index, surname_of in country_or_surname:
                official = [i for i in surname_of if i in named_in_full]
                if len(official) == 1:
                    start, end, _, _ = firm[index]
                    firm[index] = (start, end, "official", official[0])
        if pending:
            named = {m[3] for m in firm if m[2] == "official"}
            firm_ids = {(m[2], m[3]) for m in firm}
            country_spans = [(m[0], m[1]) for m in firm if m[2] == "country"]
            # two ambiguous country names listed together (مصر و قطر) vouch for each other
            country_spans += [(m.start, m.end) for m, c in pending if any(k == "country?" for k, _ in c)]
            place_starts = {s[0] for s in spans if s[4] in ("country", "place", "country?", "place?")}
            place_ends: frozenset[int] = frozenset()
            sport = False
            if any(c[0] == "country?" for _, cs in pending for c in cs):  # context only ambiguous countries need
                place_ends = frozenset(s[1] for s in spans if s[4] == "place" or s[4] == "place?" or (
                    len(s[2]) > 1 and any(k == "place?" for k, _ in s[2])))
                sport = not self._sport_keys.isdisjoint(keys)
            # a named official's country (وانگ یی … چین) vouches for that country's ambiguous name
            firm_ids |= {("country", self.kb.officials[i].country) for i in named if i in self.kb.officials}
            # where named officials' mentions begin and end: a surname joined to one by و is a person too
            person_edges = ({m[0] for m in firm if m[2] == "official"}, {m[1] for m in firm if m[2] == "official"})
            for mention, candidates in pending:
                resolved = self._resolve_pending(mention, candidates, keys, named, firm_ids, country_spans,
                                                 place_starts, place_ends, sport, person_edges, tokens,
                                                 bare_surnames)
                if resolved:
                    append((resolved.start, resolved.end, resolved.kind, resolved.id))
                    if resolved.kind == "official":  # موگرینی (trusted alone) و ظریف
                        person_edges[0].add(resolved.start)
                        person_edges[1].add(resolved.end)
        firm.extend(capital_actors(spans, keys, self._capital_country, self._political_keys,
                                   self._relation_keys, self._travel_keys))
        firm.extend(home_capital(spans, firm))
        firm.extend(own_country(tokens, keys, self._country_context_keys))
        discovered: list[Discovered] = []
        if triggers:
            covered = {i for m in firm if m[2] == "official" for i in range(m[0], m[1])}
            # an office word right after `KNOWN NAME،` or before `، KNOWN NAME` introduces someone known
            triggers = [(i, kind) for i, kind in triggers if i - 2 not in covered and i + 1 not in covered
                        and i + 2 not in covered]
            if triggers:
                discovered = [m for m in self._discover_officials(tokens, keys, triggers)
                              if covered.isdisjoint(range(m.start, m.end))]
                discovered += [m for m in self._speaker_named_next(tokens, keys, triggers, covered, discovered)
                               if covered.isdisjoint(range(m.start, m.end))]
        discovered += self._listed_between_officials(tokens, keys, firm)
        extraction = Extraction()
        extraction.bare_surnames = bare_surnames
        self._summarise(extraction, firm, discovered)
        self._dateline(tokens, keys, extraction, firm, spans)
        return extraction

    @staticmethod
    def _is_language(start: int, keys: list[str], language_ends: set[int]) -> bool:
        """A country's adjective after زبان is a language, not the country: به زبان‌های ایتالیایی و اسپانیایی
        سخن گفت, ترجمه به زبان فرانسوی; the names listed after the first (with و or ،) are languages too."""
        before = keys[start - 1] if start else ""
        return before in LANGUAGE_WORDS or (before in ("و", "،", ",") and start - 1 in language_ends)

    def _written_as_name(self, tokens: list[str], keys: list[str], start: int, end: int) -> bool:
        """Is the span written as one of the names whose keys it has? Keys reduce inflected words (روس‌ها ->
        روس), so a name whose word reduces to another word (رییسی, a spelling of رئیسی, reads as رئیس + ی) would
        otherwise match that word (ابراهیم رئیس کمیسیون انتخابات)."""
        return _written(tokens[start:end]) in self._written_names.get(" ".join(keys[start:end]), ())

    def _written_as_surname(self, text: str, official_id: str) -> bool:
        """A surname alone written as the surname or one of its spellings, or with the ezafe ی after a final vowel
        (اوبامای): not a word derived from it (افتخاری 'honorary' is not Babar Iftikhar's افتخار)."""
        plain = text.replace(ZWNJ, "").replace(" ", "")
        forms = self._surname_spellings.get(official_id, ())
        return plain in forms or plain.endswith("ی") and plain[:-1] in forms and plain[-2:-1] in ("ا", "و")

    def _unknown_name(self, token: str, key: str) -> bool:
        """A word that can only be a name the knowledge base does not know: Persian letters, no ZWNJ (inflections
        carry one), not in the lexicon, not a verb, rare in the language and in no knowledge-base name. Remembered
        per (token, key): a name's neighbours are tested again and again across articles."""
        known = self._unknown_names.get((token, key))
        if known is None:
            known = self._test_unknown_name(token, key)
            if len(self._unknown_names) < 500_000:
                self._unknown_names[(token, key)] = known
        return known

    def _test_unknown_name(self, token: str, key: str) -> bool:
        # a name the knowledge base knows as written; a key reduced from it (کالیمان -> کالی + مان) does not count
        if len(token) < 3 or ZWNJ in token or key == token and key in self._codes or \
                not all("\u0621" <= c <= "\u06cc" for c in token):
            return False
        analyzer = self.analyzer
        return not analyzer._known(token) and not analyzer._verb_lemma(token) and persian_zipf(token) < 2.0

    def _given_name_spelling(self, token: str, official_ids: list[str]) -> bool:
        """Another spelling of one of these officials' given names (ریکس for رکس تیلرسون)."""
        token = token.replace(ZWNJ, "")
        for official_id in official_ids:
            for name in self.kb.officials[official_id].names:
                given = name.split()[0].replace(ZWNJ, "")
                if len(name.split()) > 1 and SequenceMatcher(None, token, given).ratio() >= 0.7:
                    return True
        return False

    def _held_office_named(self, official, office_key: str) -> bool:
        """An office after an everyday-word surname vouches for it only if the official held an office named so
        (`ظریف وزیر خارجه`); `پیام نوروزی رئیس‌جمهور` is the president's Nowruz message, not Isfahan's mayor."""
        return any(self.key_of(role.get("title_fa", "").split()[0]) == office_key
                   for role in official.roles if role.get("title_fa"))

    def _office_country_fits(self, official, keys: list[str], office_start: int) -> bool:
        """`رحمان وزیر تغییرات اقلیمی پاکستان` is not Tajikistan's Rahmon: an office naming another country
        than the official's does not vouch for the surname."""
        named = {self._country_of_key[k] for k in keys[office_start:office_start + 6] if k in self._country_of_key}
        return not named or official.country in named

    def _named_after(self, start: int, keys: list[str]) -> bool:
        """ورزشگاه محمد بن زاید, خیابان آیت‌الله خامنه‌ای: a place or thing named after the person."""
        before = start - 1
        while before >= 0 and keys[before] in self._honorific_keys:
            before -= 1
        return before >= 0 and keys[before] in self._named_after_keys

    @staticmethod
    def _is_attribution(start: int, end: int, keys: list[str]) -> bool:
        """A news agency named as the source of the report (به گزارش ایرنا, به نقل از تسنیم, ایرنا - تهران -) is
        the article's source, not an organisation it is about."""
        window = keys[max(0, start - 3):start]
        dash_after = end < len(keys) and keys[end] in ("-", "–")
        return "گزارش" in window or "نقل" in window or start <= 2 or dash_after

    def _resolve_pending(self, mention: Mention, candidates: tuple, keys: list[str], named: set[str],
                         firm_ids: set[tuple[str, str]], country_spans: list[tuple[int, int]],
                         place_starts: set[int], place_ends: frozenset[int] = frozenset(),
                         sport: bool = False, person_edges: tuple[set[int], set[int]] = (set(), set()),
                         tokens: list[str] | None = None,
                         bare_surnames: list[tuple[int, int, str]] | None = None) -> Mention | None:
        before = keys[mention.start - 1] if mention.start > 0 else ""
        after = keys[mention.end] if mention.end < len(keys) else ""
        surname_ids = [i for k, i in candidates if k == "surname" and self._written_as_surname(mention.text, i)]
        if before in self._given_name_keys and before not in self._honorific_keys or \
                self._named_after(mention.start, keys):  # علی پزشکیان is someone else; خیابان … a street
            surname_ids = []
        # ژنرال ویلیامز کالیمان, کالین جورجسکو: a known surname right beside a word that is no word of the language
        # and no name the knowledge base knows is part of another person's name
        if surname_ids and tokens is not None and (
                mention.start > 0 and self._unknown_name(tokens[mention.start - 1], before)
                and not self._given_name_spelling(tokens[mention.start - 1], surname_ids)  # ریکس تیلرسون (رکس)
                or mention.end < len(tokens) and self._unknown_name(tokens[mention.end], after)):
            surname_ids = []
        other_meanings = any(k != "surname" for k, _ in candidates)
        if surname_ids:
            in_article = [i for i in surname_ids if i in named]
            if len(in_article) == 1:
                return Mention("official", in_article[0], mention.start, mention.end, mention.text)
            if len(surname_ids) == 1 and not other_meanings:  # چین is China before it is Qin Gang
                official = self.kb.officials[surname_ids[0]]
                # an office after a surname that is an everyday word does not vouch for it: برادر استاندار is the
                # governor's brother, not Baradar
                vouched = before in self._honorific_keys or " ".join(keys[max(0, mention.start - 2):mention.start]) \
                    in self._honorific_keys or before in self._vouching_office_keys or before == "دولت" or (
                        after in self._vouching_office_keys and self._office_country_fits(official, keys, mention.end)
                        and self._held_office_named(official, after)
                        and not _everyday_word(mention.text.replace(ZWNJ, "")))
                # trusted alone only as written: آبهای (waters) reduces to آبه but is not Shinzo Abe
                as_written = mention.text.replace(ZWNJ, "") in self._surname_forms.get(official.id, ())
                # joined by و to an official named in the article (موگرینی و ظریف, ظریف و کری), the only official
                # with that surname is a person, not the everyday word (ظریف 'delicate')
                vouched = vouched or as_written and (
                    before == "و" and mention.start - 1 in person_edges[1]
                    or after == "و" and mention.end + 1 in person_edges[0])
                if vouched or (official.id in self._surname_alone_ok and as_written):
                    return Mention("official", official.id, mention.start, mention.end, mention.text)
                if bare_surnames is not None and not _everyday_word(mention.text.replace(ZWNJ, "")):
                    bare_surnames.append((mention.start, mention.end, official.id))
        for kind, entity_id in candidates:
            # ترک مسکو is leaving Moscow; بازارهای مالی are financial markets (see STRICT_AMBIGUOUS)
            verb_after = after in _VERB_KEYS and (after not in _SAY_KEYS or mention.text == "ترک")  # ترک گفت
            if kind == "country?" and not verb_after and mention.end not in place_starts and (
                    after not in self._left_behind_keys) and (
                    ("country", entity_id) in firm_ids or _next_to_country(mention, keys, country_spans)
                    or mention.start in place_ends  # بندر شانگهای چین: a city, then its country
                    # in sport, teams are countries, and a tournament's year is followed by its host (جام
                    # جهانی ۲۰۲۲ قطر)
                    or (sport and (before in self._fixture_keys or after == "را" or before.isdigit()
                                   or before in CLAUSE_STARTS))
                    # the subject of a government's act: چین نیز … کمک اعلام کرد
                    or (before in CLAUSE_STARTS and opens_political_clause(mention.end, keys,
                                                                            self._political_keys))
                    or (before in self._country_nouns if mention.text in STRICT_AMBIGUOUS
                        else before in self._country_context_keys)):
                return Mention("country", entity_id, mention.start, mention.end, mention.text)
            # بانک مرکزی, سپاه, صلیب سرخ alone mean the Iranian (or best-known) body, unless a country follows:
            # بانک مرکزی اروپا, ارتش آمریکا, صلیب سرخ ترکیه are someone else's
            if kind == "organization?" and (entity_id in self._media_ids and self._is_attribution(
                    mention.start, mention.end, keys) or before in _PLACE_BEFORE and any(
                    k == "place?" for k, _ in candidates)):
                continue  # به گزارش الجزیره is the source; در شهر الجزیره is the city
            if kind == "organization?" and (("organization", entity_id) in firm_ids or (
                    mention.end not in place_starts and after not in self._local_scope_keys)):
                return Mention("organization", entity_id, mention.start, mention.end, mention.text)
            if kind == "place?" and (("place", entity_id) in firm_ids or before in _PLACE_BEFORE):
                return Mention("place", entity_id, mention.start, mention.end, mention.text)
        return None

    def _summarise(self, extraction: Extraction, firm: list[tuple], discovered: list[Discovered]) -> None:
        out = self._output
        by_kind: dict[str, list[dict]] = {"country": [], "official": [], "organization": [], "place": []}
        for (kind, entity_id), n in Counter(map(_KIND_AND_ID, firm)).most_common():
            by_kind[kind].append({**out[kind][entity_id], "mentions": n})
        extraction.countries = by_kind["country"]
        extraction.officials = by_kind["official"]
        extraction.organizations = by_kind["organization"]
        extraction.places = by_kind["place"]
        found: dict[str, dict] = {}
        for person in discovered:
            entry = found.setdefault(person.name, {
                "id": "fa:" + person.name, "name_fa": person.name, "name_en": None, "country": None,
                "title": None, "mentions": 0, "discovered": True, "confidence": person.confidence})
            entry["mentions"] += 1
            entry["confidence"] = max(entry["confidence"], person.confidence)
        extraction.officials += sorted(found.values(), key=lambda o: -o["confidence"])
        extraction.spans = sorted([*firm, *((p.start, p.end, "official", "fa:" + p.name) for p in discovered)])

    def _dateline(self, tokens: list[str], keys: list[str], extraction: Extraction, firm: list[tuple],
                  spans: list) -> None:
        """`به گزارش … از مسکو،` or `مسکو - ایرنا -` in the first sentence: the city the report is filed from."""
        body_start = keys.index(TITLE_BODY_BREAK) + 1 if TITLE_BODY_BREAK in keys[:80] else 0
        first_end = next((i for i in range(body_start, len(keys)) if keys[i] in (".", "\n", "؟", "!")), len(keys))
        first_end = min(first_end, body_start + 40)
        places = [Mention("place", m[3], m[0], m[1], "") for m in firm
                  if m[2] == "place" and body_start <= m[0] < first_end]
        # ambiguous places count in dateline position
        for start, end, candidates in _ambiguous_places(spans, body_start, first_end):
            if not any(m.start == start for m in places):
                places.append(Mention("place", candidates, start, end, ""))
        report = keys.index("گزارش", body_start) if "گزارش" in keys[body_start:first_end] else None
        # `به گزارش X از CITY،`: the city belongs to the attribution, which ends at its first comma
        attribution_end = next((i for i in range(report, first_end) if keys[i] in _COMMAS), first_end) \
            if report is not None else 0
        for place in sorted(places, key=lambda m: m.start):
            before = keys[place.start - 1] if place.start else ""
            after = keys[place.end] if place.end < len(keys) else ""
            in_attribution = report is not None and report < place.start < attribution_end
            if (in_attribution and before == "از") or after in ("-", "–") \
                    or before in ("-", "–") and place.start <= body_start + 4:
                extraction.dateline = place.id
                break
        if report is not None:
            stop = next((i for i in range(report + 1, first_end) if keys[i] in ("از", "،", ",", "به")
                         and i > report + 1), first_end)
            source = " ".join(tokens[report + 1:stop]).strip()
            extraction.source_in_text = source or None


def _ambiguous_places(spans: list, body_start: int, first_end: int):
    for start, end, candidates, *_ in spans:  # spans come in text order
        if start >= first_end:
            break
        if start >= body_start and end <= first_end:
            place = next((i for k, i in candidates if k == "place?"), None)
            if place:
                yield start, end, place


def _written(tokens: list[str]) -> str:
    return " ".join(t.replace(ZWNJ, "") for t in tokens)


def _everyday_word(word: str) -> bool:
    """A frequent Persian word (wordfreq's Zipf scale: 5 is once in 100,000 words; a short word from 4.5)."""
    frequency = persian_zipf(word)
    return frequency >= 5.0 or (len(word) <= 3 and frequency >= 4.5)


def _nested_countries_by_name(entries: dict[str, list[tuple[str, str]]]) -> dict[str, tuple]:
    """For each multi-word name, the countries named inside it (ارتش آمریکا, وزیر خارجه پاکستان) as
    (first word, end word, country id): found once when the automaton is built, not per mention."""
    country_of = {key: next(i for kind, i in candidates if kind == "country")
                  for key, candidates in entries.items() if any(kind == "country" for kind, _ in candidates)}
    nested: dict[str, tuple] = {}
    for key in entries:
        words = key.split(" ")
        found = []
        for i in range(len(words)):
            for j in range(len(words), i, -1):
                inner = " ".join(words[i:j])
                if (i, j) != (0, len(words)) and inner in country_of:
                    found.append((i, j, country_of[inner]))
                    break
        if found:
            nested[key] = tuple(found)
    return nested


def _next_to_country(mention: Mention, keys: list[str], country_spans: list[tuple[int, int]]) -> bool:
    """In a list of countries (عربستان سعودی و قطر, مصر و قطر): a country two keys away across و or ،."""
    for start, end in country_spans:
        if (start, end) == (mention.start, mention.end):
            continue
        if end == mention.start - 1 and keys[end] in _LIST_JOINERS:
            return True
        if start == mention.end + 1 and keys[mention.end] in _LIST_JOINERS:
            return True
    return False
