"""Dates as journalists type them: Jalali or Gregorian, Persian or Latin digits."""

from datetime import date

import pytest
from werkzeug.datastructures import MultiDict

from search.dates import (DateError, jalali_long, jalali_month_span, jalali_text, parse_date, persian_digits)
from web.params import BadRequest, parse_search_args


@pytest.mark.parametrize("text", ["۱۴۰۲/۰۵/۳۱", "1402/05/31", "1402-5-31", "١٤٠٢/٠٥/٣١", " ۱۴۰۲ / ۵ / ۳۱ ",
                                  "2023-08-22", "2023/8/22", "۲۰۲۳-۰۸-۲۲", "2023.08.22"])
def test_one_day_in_either_calendar_and_any_digits(text):
    parsed = parse_date(text)
    assert parsed.first == parsed.last == date(2023, 8, 22)


def test_the_calendar_is_told_by_the_year():
    assert parse_date("۱۴۰۲/۰۱/۰۱").calendar == "jalali"
    assert parse_date("۱۴۰۲/۰۱/۰۱").first == date(2023, 3, 21)
    assert parse_date("2023/01/01").calendar == "gregorian"


def test_a_year_or_month_alone_spans_all_its_days():
    year = parse_date("۱۴۰۲")
    assert (year.first, year.last) == (date(2023, 3, 21), date(2024, 3, 19))
    month = parse_date("1402/12")  # Esfand 1402 has 29 days
    assert (month.first, month.last) == (date(2024, 2, 20), date(2024, 3, 19))
    assert parse_date("2024-02").last == date(2024, 2, 29)
    assert parse_date("2023").last == date(2023, 12, 31)


@pytest.mark.parametrize("text", ["", "دیروز", "1402/13/01", "1402/12/30", "2023-02-30", "14020531", "12/05/2023"])
def test_impossible_dates_are_refused_with_a_persian_message(text):
    with pytest.raises(DateError, match="تاریخ|تقویم"):
        parse_date(text)


def test_leap_esfand_exists():
    assert parse_date("1403/12/30").first == date(2025, 3, 20)


def test_jalali_month_span_and_display():
    assert jalali_month_span(1402, 5) == (date(2023, 7, 23), date(2023, 8, 22))
    assert jalali_text(date(2023, 8, 22)) == "۱۴۰۲/۰۵/۳۱"
    assert jalali_long(date(2023, 8, 22)) == "۳۱ مرداد ۱۴۰۲"
    assert persian_digits(12345) == "۱۲٬۳۴۵"


def test_the_api_arguments_take_the_same_dates():
    request = parse_search_args(MultiDict({"from": "۱۴۰۲", "to": "1402/05"}))
    assert (request.date_from, request.date_to) == (date(2023, 3, 21), date(2023, 8, 22))
    with pytest.raises(BadRequest, match="from"):
        parse_search_args(MultiDict({"from": "1402/13/01"}))
    with pytest.raises(BadRequest, match="after"):
        parse_search_args(MultiDict({"from": "۱۴۰۲/۰۶/۰۱", "to": "2023-08-01"}))
