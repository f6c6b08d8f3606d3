"""Entity extraction: one Aho-Corasick pass over an article's token keys, longest match wins, then context rules
for the ambiguous cases. Pure: tokens in, an Extraction out.

Each token is reduced to its *key* (its first retrieval term, or its surface form for stopwords), so inflected
mentions meet the knowledge base: وزرای دفاع -> وزیر دفاع, روس‌ها -> روس, سوریه‌ای -> سوریه. Keys are joined
with spaces and every pattern is padded with spaces, so matches always fall on word boundaries; punctuation keeps
its own key, so no name spans a comma.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import ahocorasick

from search.analysis import ZWNJ, Analyzer
from search.entities.kb import KnowledgeBase

# Ranks, honorifics and titles that may stand before a name; they also vouch for a surname that is a common word.
HONORIFICS = (
    "امیر سرتیپ", "امیر سرلشکر", "امیر دریادار", "امیر دریابان", "امیر سرتیپ دوم", "امیر", "سرتیپ", "سرتیپ دوم",
    "سرلشکر", "سپهبد", "ارتشبد", "ژنرال", "سردار", "سرهنگ", "دریادار", "دریابان", "دکتر", "مهندس", "آیت‌الله",
    "آیت الله", "آیت‌الله العظمی", "حجت‌الاسلام", "حجت الاسلام", "حجت‌الاسلام والمسلمین", "آقای", "خانم", "شیخ",
    "سید", "سیده", "مارشال", "دریاسالار", "ملا", "مولوی",
)
# Words that introduce an office (a discovered official follows or precedes them).
OFFICE_WORDS = (
    "وزیر", "معاون", "سفیر", "استاندار", "فرماندار", "سخنگو", "سخنگوی", "رئیس", "دبیر", "دبیرکل", "فرمانده",
    "نخست‌وزیر", "رئیس‌جمهور", "شهردار", "دادستان", "کاردار", "سرکنسول", "نماینده", "مشاور", "قائم‌مقام",
    "جانشین", "رئیس‌کل", "دبیرکل", "وزیرخارجه",
)
# An office held in these bodies is not a government office (a federation president, a club chairman).
NON_STATE_CONTEXT = ("فدراسیون", "باشگاه", "تیم", "لیگ", "المپیک", "جشنواره", "سینما", "تئاتر", "موسیقی", "شرکت")
# Context that makes an ambiguous country form (ترک, چین, مالی) mean the country.
COUNTRY_CONTEXT = ("کشور", "دولت", "مردم", "سفیر", "سفارت", "مقامات", "هیئت", "رئیس‌جمهور", "وزیر", "پایتخت",
                   "خاک", "مرز", "ارتش", "نیروهای", "ملت", "مقام", "رئیس")
_PUNCT_KEY = re.compile(r"^[^\w]+$")


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
    mentions: list[Mention] = field(default_factory=list)

    def ids(self, kind: str) -> list[str]:
        return [item["id"] for item in getattr(self, kind)]


class EntityMatcher:
    def __init__(self, kb: KnowledgeBase, analyzer: Analyzer) -> None:
        self.kb = kb
        self.analyzer = analyzer
        self._automaton = ahocorasick.Automaton()
        entries: dict[str, list[tuple[str, str]]] = defaultdict(list)

        def add(name: str, kind: str, entity_id: str) -> None:
            key = self.key_of(name)
            if key and (kind, entity_id) not in entries[key]:
                entries[key].append((kind, entity_id))

        for country in kb.countries.values():
            for name in country.names:
                add(name, "country?" if name in country.ambiguous else "country", country.id)
        for region in kb.regions:
            add(region.text, "region", region.text)
        surnames: dict[str, list[str]] = defaultdict(list)
        for official in kb.officials.values():
            for name in official.names:
                add(name, "official", official.id)
            for honorific in ("آقای", "خانم"):
                add(f"{honorific} {official.name_fa}", "official", official.id)
            if official.surname:
                surnames[self.key_of(official.surname)].append(official.id)
        for key, ids in surnames.items():
            for official_id in ids:
                if key and ("surname", official_id) not in entries[key]:
                    entries[key].append(("surname", official_id))
        self._surname_owners = {k: tuple(v) for k, v in surnames.items()}
        for org in kb.organizations.values():
            for name in org.names:
                add(name, "organization?" if name in org.ambiguous else "organization", org.id)
        for place in kb.places.values():
            for name in place.names:
                add(name, "place?" if place.ambiguous else "place", place.id)
        for honorific in HONORIFICS:
            add(honorific, "honorific", honorific)
        for key, candidates in entries.items():
            self._automaton.add_word(f" {key} ", (key.count(" ") + 1, tuple(candidates)))
        self._automaton.make_automaton()
        self._honorific_keys = {self.key_of(h) for h in HONORIFICS}
        self._office_keys = {self.key_of(w) for w in OFFICE_WORDS}
        self._non_state_keys = {self.key_of(w) for w in NON_STATE_CONTEXT}
        self._country_context_keys = {self.key_of(w) for w in COUNTRY_CONTEXT}

    # -- keys --------------------------------------------------------------------------------------------

    def token_key(self, token: str) -> str:
        terms = self.analyzer.term_of(token)
        if terms:
            return terms[0]
        surface = self.analyzer.surface(token)
        return surface if surface else token

    def key_of(self, text: str) -> str:
        tokens = self.analyzer.tokens(self.analyzer.normalize(text))
        return " ".join(self.token_key(t) for t in tokens)

    # -- extraction --------------------------------------------------------------------------------------

    def extract(self, tokens: list[str], keys: list[str] | None = None) -> Extraction:
        """Entities among the tokens of a normalised text (pass `keys` when already computed)."""
        keys = keys if keys is not None else [self.token_key(t) for t in tokens]
        return self._resolve(tokens, keys, self.longest_spans(keys))

    def longest_spans(self, keys: list[str]) -> list[tuple[int, int, tuple]]:
        return _longest_non_overlapping(list(self._spans(keys)))

    def _spans(self, keys: list[str]):
        """(start, end, candidates) for every knowledge-base name found among the keys."""
        joined = " " + " ".join(keys) + " "
        last_token_ending_at: dict[int, int] = {}  # index of the space after a key -> that key's token index
        position = 0
        for index, key in enumerate(keys):
            position += 1 + len(key)
            last_token_ending_at[position] = index
        for end_char, (length, candidates) in self._automaton.iter(joined):
            last = last_token_ending_at.get(end_char)
            if last is not None:
                yield last - length + 1, last + 1, candidates

    def _resolve(self, tokens: list[str], keys: list[str], chosen: list[tuple[int, int, tuple]]) -> Extraction:
        extraction = Extraction()
        firm: list[Mention] = []
        pending: list[tuple[Mention, tuple]] = []
        for start, end, candidates in chosen:
            text = " ".join(tokens[start:end])
            kinds = {kind for kind, _ in candidates}
            if "official" in kinds:
                for kind, entity_id in candidates:
                    if kind == "official":
                        firm.append(Mention("official", entity_id, start, end, text))
                        break
            elif "organization" in kinds or "country" in kinds or "place" in kinds:
                preferred = next(k for k in ("organization", "country", "place") if k in kinds)
                for kind, entity_id in candidates:
                    if kind == preferred:
                        firm.append(Mention(kind, entity_id, start, end, text))
                        break
            elif kinds & {"region", "honorific"}:
                continue
            else:
                pending.append((Mention("", "", start, end, text), candidates))

        named = {m.id for m in firm if m.kind == "official"}
        firm_ids = {(m.kind, m.id) for m in firm}
        for mention, candidates in pending:
            resolved = self._resolve_pending(mention, candidates, keys, named, firm_ids)
            if resolved:
                firm.append(resolved)
        extraction.mentions = sorted(firm, key=lambda m: m.start)
        self._summarise(extraction)
        self._dateline(tokens, keys, extraction)
        return extraction

    def _resolve_pending(self, mention: Mention, candidates: tuple, keys: list[str], named: set[str],
                         firm_ids: set[tuple[str, str]]) -> Mention | None:
        before = keys[mention.start - 1] if mention.start > 0 else ""
        before2 = " ".join(keys[max(0, mention.start - 2):mention.start])
        surname_ids = [i for k, i in candidates if k == "surname"]
        if surname_ids:
            in_article = [i for i in surname_ids if i in named]
            if len(in_article) == 1:
                return Mention("official", in_article[0], mention.start, mention.end, mention.text)
            if len(surname_ids) == 1:
                official = self.kb.officials[surname_ids[0]]
                vouched = before in self._honorific_keys or before2 in self._honorific_keys \
                    or before in self._office_keys or _near_office(keys, mention.start, self._office_keys)
                if not official.surname_is_common_word or vouched:
                    return Mention("official", official.id, mention.start, mention.end, mention.text)
        for kind, entity_id in candidates:
            if kind == "country?":
                corroborated = ("country", entity_id) in firm_ids
                if corroborated or before in self._country_context_keys:
                    return Mention("country", entity_id, mention.start, mention.end, mention.text)
            elif kind == "organization?" and ("organization", entity_id) in firm_ids:
                return Mention("organization", entity_id, mention.start, mention.end, mention.text)
            elif kind == "place?" and ("place", entity_id) in firm_ids:
                return Mention("place", entity_id, mention.start, mention.end, mention.text)
        return None

    def _summarise(self, extraction: Extraction) -> None:
        counts: dict[str, Counter] = defaultdict(Counter)
        for mention in extraction.mentions:
            counts[mention.kind][mention.id] += 1
        kb = self.kb
        extraction.countries = [
            {"id": i, "label": kb.countries[i].name_fa, "label_en": kb.countries[i].name_en, "mentions": n}
            for i, n in counts["country"].most_common()
        ]
        extraction.officials = [
            {"id": i, "name_fa": kb.officials[i].name_fa, "name_en": kb.officials[i].name_en,
             "country": kb.officials[i].country, "title": kb.officials[i].title_fa(), "mentions": n,
             "discovered": False}
            for i, n in counts["official"].most_common()
        ]
        extraction.organizations = [
            {"id": i, "label": kb.organizations[i].name_fa, "label_en": kb.organizations[i].name_en,
             "mentions": n}
            for i, n in counts["organization"].most_common()
        ]
        extraction.places = [
            {"id": i, "label": kb.places[i].name_fa, "country": kb.places[i].country, "mentions": n}
            for i, n in counts["place"].most_common()
        ]

    def _dateline(self, tokens: list[str], keys: list[str], extraction: Extraction) -> None:
        """`به گزارش … از مسکو،` or `مسکو - ایرنا -` in the first sentence: the city the report is filed from."""
        first_end = next((i for i, k in enumerate(keys) if k in (".", "\n", "؟", "!")), len(keys))
        first_end = min(first_end, 40)
        places = [m for m in extraction.mentions if m.kind == "place" and m.start < first_end]
        # ambiguous places count in dateline position
        for start, end, candidates in self._place_candidates(keys[:first_end]):
            if not any(m.start == start for m in places):
                places.append(Mention("place", candidates, start, end, ""))
        report = keys.index("گزارش") if "گزارش" in keys[:first_end] else None
        for place in sorted(places, key=lambda m: m.start):
            before = keys[place.start - 1] if place.start else ""
            after = keys[place.end] if place.end < len(keys) else ""
            if (report is not None and before == "از" and place.start > report) or after in ("-", "–") \
                    or before in ("-", "–") and place.start <= 4:
                extraction.dateline = place.id
                break
        if report is not None:
            stop = next((i for i in range(report + 1, first_end) if keys[i] in ("از", "،", ",", "به")
                         and i > report + 1), first_end)
            source = " ".join(tokens[report + 1:stop]).strip()
            extraction.source_in_text = source or None

    def _place_candidates(self, keys: list[str]):
        for start, end, candidates in self._spans(keys):
            places = [i for k, i in candidates if k == "place?"]
            if places:
                yield start, end, places[0]


def _near_office(keys: list[str], start: int, office_keys: set[str]) -> bool:
    """An office word within the three keys before the name (وزیر دفاع روسیه شویگو)."""
    return any(k in office_keys for k in keys[max(0, start - 4):start])


def _longest_non_overlapping(spans: list[tuple[int, int, tuple]]) -> list[tuple[int, int, tuple]]:
    chosen: list[tuple[int, int, tuple]] = []
    taken: set[int] = set()
    for start, end, candidates in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if not taken.intersection(range(start, end)):
            chosen.append((start, end, candidates))
            taken.update(range(start, end))
    return sorted(chosen, key=lambda s: s[0])
