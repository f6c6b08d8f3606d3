"""Dates as journalists type them, in either calendar. Pure: no network, no globals.

A date filter accepts `۱۴۰۲/۰۵/۳۱`, `1402-5-31`, `2023-08-22`, `2023/8/22`, in Persian, Arabic-Indic or Latin
digits; a year alone (`۱۴۰۲`) or a year and month (`1402/05`) mean the whole year or month, so `from` takes
its first day and `to` its last. The calendar is told by the year: below 1700 it is Solar Hijri (Jalali), from
1700 on Gregorian; no news archive spans either boundary.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta

import jdatetime

JALALI_MONTHS = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن",
                 "اسفند")
_TO_LATIN = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_TO_PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
# separators people type between the parts: / - . and the Arabic date separator ؍, with optional spaces
_DATE = re.compile(r"^\s*(\d{4})(?:\s*[/\-.؍]\s*(\d{1,2})(?:\s*[/\-.؍]\s*(\d{1,2}))?)?\s*$")
GREGORIAN_FROM_YEAR = 1700


class DateError(ValueError):
    """The text is not a date; the message (Persian) says what is accepted."""


def latin_digits(text: str) -> str:
    return text.translate(_TO_LATIN)


def persian_digits(value: object) -> str:
    """12,345 -> ۱۲٬۳۴۵ for counts; other text gets its digits replaced."""
    if isinstance(value, int):
        return f"{value:,}".replace(",", "٬").translate(_TO_PERSIAN)
    return str(value).translate(_TO_PERSIAN)


@dataclass(frozen=True)
class ParsedDate:
    first: date  # the first day the text can mean (a year -> its first day)
    last: date  # the last day (a year -> its last day)
    calendar: str  # "jalali" | "gregorian"


def parse_date(text: str) -> ParsedDate:
    """A date, year-month or year in either calendar -> the Gregorian days it spans."""
    match = _DATE.match(latin_digits(text or ""))
    if not match:
        raise DateError(f"«{text}» تاریخ نیست؛ مثلاً ۱۴۰۲/۰۵/۳۱ یا 2023-08-22 بنویسید.")
    year, month, day = (int(part) if part else None for part in match.groups())
    jalali = year < GREGORIAN_FROM_YEAR
    try:
        if jalali:
            first, last = _jalali_span(year, month, day)
        else:
            first, last = _gregorian_span(year, month, day)
    except ValueError:
        raise DateError(f"«{text}» چنین روزی در تقویم نیست.") from None
    return ParsedDate(first, last, "jalali" if jalali else "gregorian")


def _jalali_span(year: int, month: int | None, day: int | None) -> tuple[date, date]:
    if not 1 <= year <= 1699:
        raise ValueError(year)
    if month is None:
        return jalali_to_gregorian(year, 1, 1), jalali_to_gregorian(year + 1, 1, 1) - timedelta(days=1)
    if day is None:
        return jalali_month_span(year, month)
    return (jalali_to_gregorian(year, month, day),) * 2


def _gregorian_span(year: int, month: int | None, day: int | None) -> tuple[date, date]:
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    if day is None:
        following = date(year + month // 12, month % 12 + 1, 1)
        return date(year, month, 1), following - timedelta(days=1)
    return (date(year, month, day),) * 2


@functools.lru_cache(maxsize=8192)
def jalali_to_gregorian(year: int, month: int, day: int) -> date:
    """Raises ValueError for a day the Jalali calendar does not have (1402/12/30, 1402/13/01)."""
    return jdatetime.date(year, month, day).togregorian()


@functools.lru_cache(maxsize=4096)
def jalali_month_span(year: int, month: int) -> tuple[date, date]:
    """First and last Gregorian day of a Jalali month."""
    first = jalali_to_gregorian(year, month, 1)
    following = jalali_to_gregorian(year + 1, 1, 1) if month == 12 else jalali_to_gregorian(year, month + 1, 1)
    return first, following - timedelta(days=1)


def to_jalali(day: date) -> tuple[int, int, int]:
    value = jdatetime.date.fromgregorian(date=day)
    return value.year, value.month, value.day


def jalali_text(day: date) -> str:
    """2023-08-22 -> ۱۴۰۲/۰۵/۳۱, the form the date inputs show back to the user."""
    year, month, day_of_month = to_jalali(day)
    return persian_digits(f"{year}/{month:02d}/{day_of_month:02d}")


def jalali_long(day: date) -> str:
    """2023-08-22 -> ۳۱ مرداد ۱۴۰۲"""
    year, month, day_of_month = to_jalali(day)
    return persian_digits(f"{day_of_month} {JALALI_MONTHS[month - 1]} {year}")
