"""Publication dates as news writes them: ISO, RFC 822 (feeds), Jalali in digits (۱۴۰۲/۰۲/۰۵) or words
(۵ اردیبهشت ۱۴۰۲, چهارشنبه ۲۷ تیر ۱۴۰۱ - ۱۰:۳۰), Gregorian in Persian or English words (۱۴ مه ۲۰۲۳,
14 May 2023, May 14, 2023). Pure."""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

import jdatetime

from search.analysis import normalize

JALALI_MONTHS = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن",
                 "اسفند")
# Persian renderings of Gregorian month names, several spellings each (مه/می, ژوئیه/جولای, اوت/آگوست)
GREGORIAN_MONTHS_FA = {
    "ژانویه": 1, "ژانویهٔ": 1, "فوریه": 2, "مارس": 3, "آوریل": 4, "آپریل": 4, "مه": 5, "می": 5, "ژوئن": 6,
    "جون": 6, "ژوئیه": 7, "جولای": 7, "اوت": 8, "آگوست": 8, "سپتامبر": 9, "اکتبر": 10, "نوامبر": 11,
    "دسامبر": 12,
}
GREGORIAN_MONTHS_EN = {name: number for number, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
    ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
    ("dec", "december")), 1) for name in names}

_JALALI_NUMERIC = re.compile(r"^(1[2-4]\d\d)[/-](\d{1,2})[/-](\d{1,2})")
_JALALI_WORDS = re.compile(r"(?<!\d)(\d{1,2})\s*(" + "|".join(JALALI_MONTHS) + r")(?:\s*ماه)?\s*(?:سال\s*)?(1[2-4]\d\d)(?!\d)")
_GREGORIAN_FA_WORDS = re.compile(
    r"(?<!\d)(\d{1,2})\s*(" + "|".join(sorted(GREGORIAN_MONTHS_FA, key=len, reverse=True)) + r")\s*(?:سال\s*)?((?:19|20)\d\d)(?!\d)")
_DAY_MONTH_YEAR_EN = re.compile(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+((?:19|20)\d\d)(?!\d)")
_MONTH_DAY_YEAR_EN = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)(?!\d)")

UNREADABLE = ("is not an ISO date (YYYY-MM-DD), a Jalali date (1402/02/24 or ۵ اردیبهشت ۱۴۰۲), an RFC 822 date "
              "or a written date (14 May 2023, ۱۴ مه ۲۰۲۳)")


def _jalali(year: int, month: int, day: int, original: object) -> date:
    try:
        return jdatetime.date(year, month, day).togregorian()
    except ValueError:
        raise ValueError(f"published {original!r} is not a real Jalali date") from None


def _gregorian(year: int, month: int, day: int, original: object) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"published {original!r} is not a real date") from None


def parse_published(value: object) -> date | None:
    """The calendar date of a publication date in any of the forms above; None when absent.
    Raises ValueError with a sentence a user can act on."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"published must be a string date, not {type(value).__name__}")
    text = " ".join(normalize(value).split())  # Persian/Arabic digits and letters folded, spaces collapsed
    if match := _JALALI_NUMERIC.match(text):
        return _jalali(*map(int, match.groups()), value)
    try:
        return date.fromisoformat(text[:10]) if len(text) == 10 else datetime.fromisoformat(text).date()
    except ValueError:
        pass
    if match := _JALALI_WORDS.search(text):
        day, month, year = match.groups()
        return _jalali(int(year), JALALI_MONTHS.index(month) + 1, int(day), value)
    if match := _GREGORIAN_FA_WORDS.search(text):
        day, month, year = match.groups()
        return _gregorian(int(year), GREGORIAN_MONTHS_FA[month], int(day), value)
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    for pattern, order in ((_DAY_MONTH_YEAR_EN, (0, 1, 2)), (_MONTH_DAY_YEAR_EN, (1, 0, 2))):
        if (match := pattern.search(text)) and (month := GREGORIAN_MONTHS_EN.get(match.group(order[1] + 1).lower())):
            return _gregorian(int(match.group(3)), month, int(match.group(order[0] + 1)), value)
    raise ValueError(f"published {value!r} {UNREADABLE}")
