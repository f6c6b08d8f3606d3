"""A result set over time, in the Solar Hijri calendar. Pure: no network.

Elasticsearch's date_histogram knows only Gregorian months, and a Jalali month starts around the 21st of one,
so the engine is asked for articles per *day* (only days that have any) and the days are summed here into
Jalali months, or Jalali years when the span is too long for monthly bars to read.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from datetime import date

from search.dates import JALALI_MONTHS, jalali_month_span, jalali_to_gregorian, persian_digits, to_jalali

MAX_MONTH_BARS = 36


@dataclass(frozen=True)
class Bar:
    label: str  # مرداد ۱۴۰۲ or ۱۴۰۲
    short_label: str  # what fits under the bar: the month name, or the year
    first: date  # Gregorian span of the bar, for the link that narrows the search to it
    last: date
    count: int
    year: int  # Jalali year, so an axis can mark where a year starts


@dataclass(frozen=True)
class Timeline:
    unit: str  # "month" | "year" | "" when empty
    bars: tuple[Bar, ...]

    @property
    def peak(self) -> int:
        return max((bar.count for bar in self.bars), default=0)

    @property
    def total(self) -> int:
        return sum(bar.count for bar in self.bars)


def day_histogram_body(search_body: dict) -> dict:
    """The request that counts a search's result set per day: the same query and post_filter, no hits."""
    filters = [search_body["query"]]
    if "post_filter" in search_body:
        filters.append(search_body["post_filter"])
    return {
        "size": 0,
        "track_total_hits": False,
        "query": {"bool": {"filter": filters}},
        "aggs": {"days": {"date_histogram": {"field": "published", "calendar_interval": "day",
                                             "format": "yyyy-MM-dd", "min_doc_count": 1}}},
    }


def day_counts(response: dict) -> dict[date, int]:
    buckets = response.get("aggregations", {}).get("days", {}).get("buckets", [])
    return {date.fromisoformat(b["key_as_string"]): b["doc_count"] for b in buckets if b["doc_count"]}


def _months_between(first: date, last: date) -> list[tuple[int, int]]:
    year, month, _ = to_jalali(first)
    end = to_jalali(last)[:2]
    months = [(year, month)]
    while months[-1] < end:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        months.append((year, month))
    return months


def jalali_month_counts(counts: dict[date, int]) -> dict[tuple[int, int], int]:
    """Days -> (Jalali year, month) -> articles, every month from the first to the last (empty ones too).
    Days are placed by bisecting the months' first days: one calendar conversion per month, not per day
    (a result set can span thousands of days)."""
    if not counts:
        return {}
    months = _months_between(min(counts), max(counts))
    starts = [jalali_month_span(year, month)[0].toordinal() for year, month in months]
    totals = Counter({month: 0 for month in months})
    for day, count in counts.items():
        totals[months[bisect_right(starts, day.toordinal()) - 1]] += count
    return dict(totals)


def jalali_timeline(counts: dict[date, int], max_month_bars: int = MAX_MONTH_BARS,
                    months: dict[tuple[int, int], int] | None = None) -> Timeline:
    """Days -> one bar per Jalali month from the first to the last (empty months too, so gaps show), or one per
    Jalali year when that would be more than `max_month_bars` bars. `months`: jalali_month_counts(counts), when
    the caller already has it."""
    months = jalali_month_counts(counts) if months is None else months
    if not months:
        return Timeline("", ())
    if len(months) > max_month_bars:
        years: Counter[int] = Counter()
        for (year, _), count in months.items():
            years[year] += count
        bars = tuple(
            Bar(label=persian_digits(str(year)), short_label=persian_digits(str(year)),
                first=jalali_to_gregorian(year, 1, 1), last=jalali_month_span(year, 12)[1],
                count=years[year], year=year)
            for year in sorted(years)
        )
        return Timeline("year", bars)
    bars = []
    for (year, month), count in months.items():
        start, end = jalali_month_span(year, month)
        bars.append(Bar(label=f"{JALALI_MONTHS[month - 1]} {persian_digits(str(year))}",
                        short_label=JALALI_MONTHS[month - 1], first=start, last=end, count=count, year=year))
    return Timeline("month", tuple(bars))


def jalali_years(counts: dict[date, int], months: dict[tuple[int, int], int] | None = None) -> list[tuple[int, int]]:
    """(Jalali year, articles) newest first, years without articles left out: the year facet as Iranian
    readers count years."""
    years: Counter[int] = Counter()
    for (year, _), count in (jalali_month_counts(counts) if months is None else months).items():
        years[year] += count
    return sorted(((year, count) for year, count in years.items() if count), reverse=True)
