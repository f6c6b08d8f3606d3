"""Synthetic Persian news articles for load and benchmark runs: `python -m search generate --docs N --seed S`.

Built from sentence templates and the knowledge base (officials in office on the article's date, countries,
organisations, places, topic cues), with what real archives have: lengths of about 1-5 KB, dates over
2013-2026, many sources, a few very frequent entities and a long tail (Zipf-like), the spelling variants of
real text (Arabic ي/ك, dropped or spaced half-spaces, Persian digits, Latin-script names) and near-duplicate
re-publications of earlier stories by other agencies. Deterministic for a seed; pure (no I/O but reading the
knowledge base once).
"""

from __future__ import annotations

import bisect
import itertools
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources

FIRST_DAY = date(2013, 1, 1)
LAST_DAY = date(2026, 6, 30)
SOURCES = (
    "ایرنا", "ایسنا", "خبرگزاری فارس", "تسنیم", "مهر", "ایلنا", "صدا و سیما", "همشهری", "شرق", "اعتماد",
    "دنیای اقتصاد", "کیهان", "جام جم", "ابنا", "خبرآنلاین", "تابناک", "انتخاب", "فرارو", "باشگاه خبرنگاران",
    "اقتصادنیوز", "ایران", "جوان", "آفتاب", "عصر ایران", "پانا", "برنا", "شفقنا", "نامه نیوز", "رکنا", "دیده‌بان",
)
DUPLICATE_SHARE = 0.04      # re-publications of a recent story by another source
ARABIC_LETTERS_SHARE = 0.15  # articles typed with Arabic ي/ك
ZWNJ_DROPPED_SHARE = 0.2     # half-spaces typed as spaces or left out
PERSIAN_DIGITS_SHARE = 0.5
LATIN_NAME_SHARE = 0.08

TITLES = (
    "{official} در دیدار با همتای {country_adj} خود بر گسترش {cue} تاکید کرد",
    "{country} و {country2} درباره {cue} گفتگو کردند",
    "واکنش {org} به {cue} در {country}",
    "{official}: {cue} اولویت ماست",
    "گزارش {source} از {cue} در {place}",
    "سفر {official} به {place}",
    "بیانیه {org} درباره {country}",
    "افزایش {number} درصدی {cue} در {country}",
)
SENTENCES = (
    "به گزارش {source}، {role} {official} روز {weekday} در {place} با {official2} دیدار و درباره {cue} گفتگو کرد.",
    "{official} در این دیدار گفت: {cue} برای دو کشور اهمیت ویژه‌ای دارد و باید در ماه‌های آینده پیگیری شود.",
    "در این نشست که با حضور نمایندگان {org} برگزار شد، موضوع {cue} و {cue2} نیز بررسی شد.",
    "{role} {country} پیش‌تر اعلام کرده بود که {cue} در دستور کار دولت قرار دارد.",
    "بر اساس آمارهای رسمی، {cue} در سال {year} نسبت به سال قبل {number} درصد تغییر کرده است.",
    "کارشناسان می‌گویند روابط {country} و {country2} در حوزه {cue} وارد مرحله تازه‌ای شده است.",
    "{org} نیز در بیانیه‌ای از {cue} در {place} ابراز نگرانی کرد و خواستار {cue2} شد.",
    "این سفر {number} روزه در ادامه رایزنی‌های {country_adj} با کشورهای منطقه انجام می‌شود.",
    "{official2} همچنین گفت که هیئتی از {country2} به زودی برای پیگیری {cue} به {place} سفر خواهد کرد.",
    "خبرنگار {source} در {place} گزارش داد که {cue} از مهم‌ترین مسائل مردم این منطقه است.",
    "در همین حال، {org} اعلام کرد که نشست بعدی درباره {cue} در {month} برگزار می‌شود.",
    "مقام‌های {country_adj} تاکنون درباره جزئیات {cue2} اظهار نظری نکرده‌اند.",
    "به گفته {role} {official}، بیش از {big_number} نفر از {cue} تاثیر پذیرفته‌اند.",
    "وی افزود: ما آماده‌ایم با {country2} و {org} در زمینه {cue} همکاری کنیم.",
)
WEEKDAYS = ("شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه")
MONTHS = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند")
TO_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
TO_ARABIC_LETTERS = str.maketrans({"ی": "ي", "ک": "ك"})


@dataclass(frozen=True)
class _Official:
    name: str
    name_en: str
    country: str
    title: str
    start: date
    end: date


class _Zipf:
    """Choose from a list with probability ~ 1/rank^s: a few names everywhere, a long tail rarely."""

    def __init__(self, items: list, exponent: float = 1.1) -> None:
        self.items = items
        self.cumulative = list(itertools.accumulate(1 / (rank ** exponent) for rank in range(1, len(items) + 1)))

    def pick(self, rng: random.Random):
        return self.items[bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])]


def _month_start(text: str | None, default: date) -> date:
    if not text:
        return default
    parts = text.split("-")  # "2013-08" or just "2013"
    return date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, 1)


class _KnowledgeBaseNames:
    """The knowledge base's names, read once, in the shapes the templates need."""

    def __init__(self) -> None:
        data = resources.files("search.entities").joinpath("data")
        read = lambda name: data.joinpath(name).read_text(encoding="utf-8")  # noqa: E731
        countries = json.loads(read("countries.json"))
        extra = json.loads(read("countries_extra.json"))
        officials = [json.loads(line) for line in read("officials.jsonl").splitlines() if line.strip()]
        organizations = [json.loads(line) for line in read("organizations.jsonl").splitlines() if line.strip()]
        places = [json.loads(line) for line in read("places.jsonl").splitlines() if line.strip()]
        topics = json.loads(read("topics.json"))["topics"]

        # countries that have officials in the knowledge base come first: the press writes about them most
        weight = {}
        for official in officials:
            weight[official["country"]] = weight.get(official["country"], 0) + 1
        codes = sorted(countries, key=lambda code: (-weight.get(code, 0), code))
        self.countries = _Zipf([(countries[c]["name_fa"], (extra.get(c, {}).get("adjectives") or [""])[0] or
                                 countries[c]["name_fa"]) for c in codes])
        self.officials = [
            _Official(o["name_fa"], o.get("name_en") or o["name_fa"], o["country"], role["title_fa"],
                      _month_start(role.get("from"), FIRST_DAY), _month_start(role.get("to"), LAST_DAY))
            for o in officials for role in o.get("roles", [])
        ]
        self.organizations = _Zipf([o["name_fa"] for o in organizations])
        self.places = _Zipf([p["name_fa"] for p in places])
        self.cues = [_Zipf(sorted(t["cues"], key=lambda cue: -t["cues"][cue]), 0.8) for t in topics]
        self.topics = _Zipf(list(range(len(topics))), 0.7)
        self._by_year: dict[int, _Zipf] = {}

    def officials_in(self, year: int) -> _Zipf:
        """Officials in office during `year`, the oldest entries of the knowledge base (the most prominent) first."""
        if year not in self._by_year:
            start, end = date(year, 1, 1), date(year, 12, 31)
            self._by_year[year] = _Zipf([o for o in self.officials if o.start <= end and o.end >= start], 0.9)
        return self._by_year[year]


class ArticleGenerator:
    def __init__(self, seed: int = 0) -> None:
        self.seed = seed
        self.names = _KnowledgeBaseNames()

    def articles(self, count: int) -> Iterator[dict]:
        """`count` articles as dicts (id, title, body, source, published, url), the JSONL the indexer reads."""
        rng = random.Random(self.seed)
        recent: list[dict] = []
        days = (LAST_DAY - FIRST_DAY).days
        for number in range(count):
            if recent and rng.random() < DUPLICATE_SHARE:
                article = self._republish(rng, rng.choice(recent), number)
            else:
                # later years have more articles online: a triangular distribution leaning to the present
                published = FIRST_DAY + timedelta(days=int(rng.triangular(0, days, days * 0.8)))
                article = self._article(rng, number, published)
                recent.append(article)
                if len(recent) > 200:
                    recent.pop(0)
            yield article

    def _fill(self, rng: random.Random, template: str, context: dict) -> str:
        names = self.names
        topic = context["topic"]
        values = {
            "official": context["official"].name, "role": context["official"].title,
            "official2": context["official2"].name, "country": context["country"][0],
            "country_adj": context["country"][1], "country2": context["country2"][0],
            "org": names.organizations.pick(rng), "place": names.places.pick(rng),
            "cue": names.cues[topic].pick(rng), "cue2": names.cues[names.topics.pick(rng)].pick(rng),
            "source": context["source"], "weekday": rng.choice(WEEKDAYS), "month": rng.choice(MONTHS),
            "year": str(context["published"].year), "number": str(rng.randint(2, 60)),
            "big_number": f"{rng.randint(1, 900) * 1000:,}".replace(",", "٬"),
        }
        return template.format_map(values)

    def _article(self, rng: random.Random, number: int, published: date) -> dict:
        names = self.names
        officials = names.officials_in(published.year)
        context = {
            "official": officials.pick(rng), "official2": officials.pick(rng),
            "country": names.countries.pick(rng), "country2": names.countries.pick(rng),
            "topic": names.topics.pick(rng), "source": rng.choice(SOURCES), "published": published,
        }
        title = self._fill(rng, rng.choice(TITLES), context)
        # ~1-5 KB of UTF-8: a sentence is ~150-250 bytes
        sentences = [self._fill(rng, rng.choice(SENTENCES), context) for _ in range(rng.randint(7, 26))]
        paragraphs = [" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)]
        body = "\n".join(paragraphs)
        if rng.random() < LATIN_NAME_SHARE:
            body = body.replace(context["official"].name, context["official"].name_en, 1)
        title, body = _spelling_variants(rng, title), _spelling_variants(rng, body)
        return {
            "id": f"gen-{self.seed}-{number:08d}", "title": title, "body": body, "source": context["source"],
            "published": published.isoformat(), "url": f"https://news.example/{self.seed}/{number}",
        }

    def _republish(self, rng: random.Random, original: dict, number: int) -> dict:
        """Another agency's copy: same story, a day or two later, one paragraph dropped or the title trimmed."""
        paragraphs = original["body"].split("\n")
        if len(paragraphs) > 2:
            del paragraphs[rng.randrange(1, len(paragraphs))]
        title = original["title"] if rng.random() < 0.5 else original["title"].split("،")[0].split(":")[-1].strip()
        published = date.fromisoformat(original["published"]) + timedelta(days=rng.randint(0, 2))
        return {
            "id": f"gen-{self.seed}-{number:08d}", "title": title, "body": "\n".join(paragraphs),
            "source": rng.choice([s for s in SOURCES if s != original["source"]]),
            "published": min(published, LAST_DAY).isoformat(), "url": f"https://news.example/{self.seed}/{number}",
        }


def _spelling_variants(rng: random.Random, text: str) -> str:
    if rng.random() < ARABIC_LETTERS_SHARE:
        text = text.translate(TO_ARABIC_LETTERS)
    if rng.random() < ZWNJ_DROPPED_SHARE:
        text = text.replace("\u200c", " " if rng.random() < 0.5 else "")
    if rng.random() < PERSIAN_DIGITS_SHARE:
        text = text.translate(TO_PERSIAN_DIGITS)
    return text


def generate(count: int, seed: int = 0) -> Iterator[dict]:
    return ArticleGenerator(seed).articles(count)
