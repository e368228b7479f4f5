"""Periods and like-for-like windows, against dates worked out by hand from the contract."""

from __future__ import annotations

from datetime import date

import pytest

from metrics.periods import Period, PeriodError, comparison, window, year_to_date


def test_parse_and_format() -> None:
    assert str(Period.parse("2026-10")) == "2026-10"
    assert str(Period.parse("2026-q3")) == "2026-Q3"
    assert str(Period.parse(" 2026 ")) == "2026"
    for bad in ("2026-13", "26-10", "2026-Q5", "", "2026-10-01", "'; drop table x"):
        with pytest.raises(PeriodError):
            Period.parse(bad)


def test_bounds() -> None:
    assert Period.parse("2024-02").end == date(2024, 2, 29)
    q = Period.parse("2026-Q4")
    assert (q.start, q.end, q.days) == (date(2026, 10, 1), date(2026, 12, 31), 92)
    assert Period.parse("2026-01").prev() == Period.parse("2025-12")
    assert Period.parse("2026-Q1").prev() == Period.parse("2025-Q4")
    assert Period.parse("2026").last_year() == Period.parse("2025")


def test_month_to_date_progress_and_comparisons() -> None:
    w = window(Period.parse("2026-10"), date(2026, 10, 15))
    assert w.is_partial and w.days == 15
    assert w.progress == pytest.approx(15 / 31)
    mom, yoy = comparison(w, "mom"), comparison(w, "yoy")
    assert (mom.start, mom.end) == (date(2026, 9, 1), date(2026, 9, 15))
    assert (yoy.start, yoy.end) == (date(2025, 10, 1), date(2025, 10, 15))


def test_closed_period_progress_is_one() -> None:
    w = window(Period.parse("2026-09"), date(2026, 11, 2))
    assert not w.is_partial and w.progress == 1
    assert comparison(w, "mom").end == date(2026, 8, 31)


def test_comparison_caps_at_shorter_month() -> None:
    w = window(Period.parse("2024-03"), date(2024, 3, 30))
    assert comparison(w, "mom").end == date(2024, 2, 29)
    leap = window(Period.parse("2024-02"), date(2024, 2, 29))
    assert not leap.is_partial  # Feb 29 is the last day: the month is closed
    w = window(Period.parse("2024-02"), date(2024, 2, 28))
    assert comparison(w, "yoy").end == date(2023, 2, 28)


def test_quarter_to_date_and_ytd() -> None:
    w = window(Period.parse("2026-Q4"), date(2026, 11, 15))
    assert w.days == 46
    assert comparison(w, "mom").end == date(2026, 8, 15)  # 46 days into Q3
    assert comparison(w, "yoy").end == date(2025, 11, 15)
    weights = dict(w.month_weights())
    assert weights == {date(2026, 10, 1): 1.0, date(2026, 11, 1): 0.5}
    ytd = year_to_date(w)
    assert (ytd.start, ytd.end) == (date(2026, 1, 1), date(2026, 11, 15))


def test_as_of_before_period_is_an_error() -> None:
    with pytest.raises(PeriodError):
        window(Period.parse("2026-10"), date(2026, 9, 30))
