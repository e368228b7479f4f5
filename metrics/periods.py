"""Periods, windows and time progress (时间进度), as the data contract fixes them.

A *period* is a calendar month, quarter or year. A *window* is the date range actually measured:
the whole period, or the period-to-date when an as-of date falls inside it. Comparison windows are
like for like: the same day range of the earlier period.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class PeriodKind(StrEnum):
    """The kinds of period a board can show."""

    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


class Level(StrEnum):
    """Org levels, top down. `column` is the stations-table column that names the entity."""

    PROVINCE = "province"
    CITY = "city"
    TEAM = "team"
    STATION = "station"
    CUSTOMER = "customer"

    @property
    def column(self) -> str:
        """The id column of this level (`team` → `team_id`)."""
        return f"{self.value}_id"


ORG_LEVELS: tuple[Level, ...] = (Level.PROVINCE, Level.CITY, Level.TEAM, Level.STATION)

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})$")


class PeriodError(ValueError):
    """A period or as-of date that cannot be used (shown to users as a friendly message)."""


def month_start(d: date) -> date:
    """First day of d's month."""
    return d.replace(day=1)


def days_in_month(d: date) -> int:
    """Number of days in d's month."""
    return calendar.monthrange(d.year, d.month)[1]


def add_months(d: date, n: int) -> date:
    """First day of the month n months after d's month (n may be negative)."""
    idx = d.year * 12 + (d.month - 1) + n
    return date(idx // 12, idx % 12 + 1, 1)


def months_between(a: date, b: date) -> int:
    """Whole months from a's month to b's month (b later gives a positive number)."""
    return (b.year - a.year) * 12 + (b.month - a.month)


@dataclass(frozen=True, order=True)
class Period:
    """A calendar month (index 1–12), quarter (1–4) or year (index 1)."""

    kind: PeriodKind
    year: int
    index: int = 1

    @classmethod
    def parse(cls, text: str) -> Period:
        """Parse `2026-10`, `2026-Q3` or `2026`; raise PeriodError on anything else."""
        s = (text or "").strip()
        if m := _MONTH.match(s):
            year, month = int(m[1]), int(m[2])
            if not 1 <= month <= 12:
                raise PeriodError(f"no such month: {s!r}")
            return cls(PeriodKind.MONTH, year, month)
        if m := _QUARTER.match(s):
            return cls(PeriodKind.QUARTER, int(m[1]), int(m[2]))
        if m := _YEAR.match(s):
            return cls(PeriodKind.YEAR, int(m[1]))
        raise PeriodError(f"not a period: {s!r} (use YYYY-MM, YYYY-Qn or YYYY)")

    @classmethod
    def month_of(cls, d: date) -> Period:
        """The month containing d."""
        return cls(PeriodKind.MONTH, d.year, d.month)

    def __str__(self) -> str:
        if self.kind is PeriodKind.MONTH:
            return f"{self.year}-{self.index:02d}"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.year}-Q{self.index}"
        return f"{self.year}"

    @property
    def start(self) -> date:
        """First day of the period."""
        if self.kind is PeriodKind.MONTH:
            return date(self.year, self.index, 1)
        if self.kind is PeriodKind.QUARTER:
            return date(self.year, 3 * (self.index - 1) + 1, 1)
        return date(self.year, 1, 1)

    @property
    def end(self) -> date:
        """Last day of the period (inclusive)."""
        return self.next().start - timedelta(days=1)

    @property
    def days(self) -> int:
        """Days in the period."""
        return (self.end - self.start).days + 1

    def months(self) -> list[date]:
        """First days of the months in the period."""
        n = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.YEAR: 12}[self.kind]
        return [add_months(self.start, i) for i in range(n)]

    def shift(self, n: int) -> Period:
        """The period n steps later (negative: earlier) of the same kind."""
        if self.kind is PeriodKind.YEAR:
            return Period(PeriodKind.YEAR, self.year + n)
        per_year = 12 if self.kind is PeriodKind.MONTH else 4
        idx = self.year * per_year + (self.index - 1) + n
        return Period(self.kind, idx // per_year, idx % per_year + 1)

    def next(self) -> Period:
        """The following period of the same kind."""
        return self.shift(1)

    def prev(self) -> Period:
        """The preceding period of the same kind (MoM basis)."""
        return self.shift(-1)

    def last_year(self) -> Period:
        """The same period a year earlier (YoY basis)."""
        return Period(self.kind, self.year - 1, self.index)

    def contains(self, d: date) -> bool:
        """Whether d falls inside the period."""
        return self.start <= d <= self.end


@dataclass(frozen=True)
class Window:
    """The date range measured for a period: whole, or to date (`end` < period end)."""

    period: Period
    start: date
    end: date  # inclusive

    @property
    def days(self) -> int:
        """Elapsed days in the window (the as-of day counts)."""
        return (self.end - self.start).days + 1

    @property
    def is_partial(self) -> bool:
        """True for a period-to-date."""
        return self.end < self.period.end

    @property
    def progress(self) -> float:
        """Time progress: elapsed days / days in the period; 1 for a closed period."""
        return self.days / self.period.days

    @property
    def last_month(self) -> date:
        """First day of the month in which customer status is taken (the as-of month)."""
        return month_start(self.end)

    def month_weights(self) -> list[tuple[date, float]]:
        """(month start, share of that month's days inside the window) for each month touched."""
        out: list[tuple[date, float]] = []
        m = month_start(self.start)
        while m <= self.end:
            m_end = add_months(m, 1) - timedelta(days=1)
            lo, hi = max(m, self.start), min(m_end, self.end)
            out.append((m, ((hi - lo).days + 1) / days_in_month(m)))
            m = add_months(m, 1)
        return out

    def label(self) -> str:
        """Human form: `2026-10` or `2026-10 (至 10-15)` for a to-date window."""
        if not self.is_partial:
            return str(self.period)
        return f"{self.period} (至 {self.end:%m-%d})"


def window(period: Period, as_of: date | None = None) -> Window:
    """The window of a period: period-to-date when as_of falls inside it, else the whole period.

    An as-of date before the period starts is an error (there is nothing to measure yet).
    """
    if as_of is None or as_of >= period.end:
        return Window(period, period.start, period.end)
    if as_of < period.start:
        raise PeriodError(f"as-of date {as_of} is before the period {period} starts")
    return Window(period, period.start, as_of)


def _clamp_day(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, days_in_month(date(year, month, 1))))


def comparison(win: Window, basis: str) -> Window:
    """The like-for-like comparison window: basis `mom` (preceding period) or `yoy`.

    Months compare by calendar day (Oct 1–15 with Sep 1–15, capped at the month's end); years and
    YoY by the same calendar date a year earlier; quarters-to-date by the same number of days.
    """
    if basis == "yoy":
        target = win.period.last_year()
        if not win.is_partial:
            return Window(target, target.start, target.end)
        end = _clamp_day(win.end.year - 1, win.end.month, win.end.day)
        return Window(target, target.start, end)
    if basis != "mom":
        raise ValueError(f"unknown comparison basis {basis!r}")
    target = win.period.prev()
    if not win.is_partial:
        return Window(target, target.start, target.end)
    if win.period.kind is PeriodKind.MONTH:
        end = _clamp_day(target.year, target.index, win.end.day)
    elif win.period.kind is PeriodKind.YEAR:
        end = _clamp_day(target.year, win.end.month, win.end.day)
    else:
        end = min(target.start + timedelta(days=win.days - 1), target.end)
    return Window(target, target.start, end)


def year_to_date(win: Window) -> Window:
    """From 1 January of the window's year to the window's end."""
    year = Period(PeriodKind.YEAR, win.end.year)
    return Window(year, year.start, win.end)


def default_period(latest_day: date) -> tuple[Period, date]:
    """The board's default: month-to-date as of the latest data day."""
    return Period.month_of(latest_day), latest_day
