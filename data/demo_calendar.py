"""The demo's calendar: days and months of the window, demand patterns, list prices, purchase costs.

Demand factors follow domain.md §4.3: gasoline up Friday–Sunday, diesel weekday-heavy; the Spring
Festival (a gasoline surge before it, a deep diesel dip around it), National Day on highways.
List prices are one province-wide guide price that moves every 10 working days (every 14 calendar
days from a fixed anchor, so the same seed gives the same price on the same date whatever the
window); purchase costs are monthly, below the month's average list price (§4.4).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pyarrow as pa

from data.demo_org import HIGHWAY, PRODUCTS, RURAL, SUBURBAN, URBAN

# Spring Festival (Lunar New Year's day); outside this table a 5 February stand-in is used.
_CNY = {
    2018: "02-16", 2019: "02-05", 2020: "01-25", 2021: "02-12", 2022: "02-01", 2023: "01-22",
    2024: "02-10", 2025: "01-29", 2026: "02-17", 2027: "02-06", 2028: "01-26", 2029: "02-13",
    2030: "02-03", 2031: "01-23", 2032: "02-11", 2033: "01-31", 2034: "02-19", 2035: "02-08",
}
_WEEKDAY = np.array([
    [0.97, 0.96, 0.97, 0.99, 1.05, 1.06, 1.02],  # gasoline Mon..Sun
    [1.04, 1.05, 1.05, 1.04, 1.02, 0.93, 0.87],  # diesel
])
_SEASON = np.array([
    [1.00, 0.95, 0.97, 1.00, 1.02, 1.00, 1.04, 1.05, 1.00, 1.03, 0.98, 1.00],
    [0.95, 0.85, 1.02, 1.03, 1.05, 1.04, 0.98, 0.97, 1.03, 1.04, 1.02, 1.00],
])
_PRICE_ANCHOR = np.datetime64("2018-01-02")  # first adjustment window of the price walk
# Guide-price offsets from 92#, yuan/L (domain.md §4.4), and purchase spreads below list.
_OFFSET = np.array([0.0, 0.55, 1.80, -0.45, -0.10])
_SPREAD = np.array([0.82, 0.88, 1.20, 0.75, 0.75])


@dataclass(frozen=True)
class Calendar:
    """Days and months of the window and everything that depends only on the date."""

    days: np.ndarray  # datetime64[D], first day of the first month .. end date
    day_month: np.ndarray  # month index of each day
    month_starts: np.ndarray  # datetime64[D] per month, plus one past the last
    labels: list[str]  # 'YYYY-MM' per month
    factors: np.ndarray  # (4 archetypes, 2 kinds, days) demand multipliers
    prices: np.ndarray  # (days, products) list price, yuan/L
    costs: np.ndarray  # (months, products) purchase cost, yuan/L

    @property
    def n_months(self) -> int:
        """Number of months in the window."""
        return len(self.labels)

    def month_days(self, m: int) -> slice:
        """The slice of `days` that falls in month `m` (clipped at the end date)."""
        lo = int((self.month_starts[m] - self.days[0]).astype(int))
        hi = min(int((self.month_starts[m + 1] - self.days[0]).astype(int)), len(self.days))
        return slice(lo, hi)

    def days_in_month(self, m: int) -> int:
        """Calendar length of month `m` (whole month, even for the month to date)."""
        return int((self.month_starts[m + 1] - self.month_starts[m]).astype(int))


def build_calendar(seed: int, months: int, end: date) -> Calendar:
    """The calendar for `months` whole months ending with `end`'s month (which stops at `end`)."""
    last = np.datetime64(end, "M")
    month_starts = (np.arange(last - months + 1, last + 2)).astype("datetime64[D]")
    days = np.arange(month_starts[0], np.datetime64(end) + 1)
    day_month = (days.astype("datetime64[M]") - month_starts[0].astype("datetime64[M]")).astype(int)
    labels = [str(m)[:7] for m in month_starts[:-1].astype("datetime64[M]")]
    prices = _list_prices(seed, days)
    return Calendar(days, day_month, month_starts, labels, _factors(days), prices,
                    _purchase_costs(seed, prices, day_month, months))


def _cny_offset(days: np.ndarray) -> np.ndarray:
    """Days from the nearest Spring Festival (negative before it)."""
    years = days.astype("datetime64[Y]").astype(int) + 1970
    best = np.full(len(days), 10_000)
    for dy in (-1, 0, 1):
        cny = np.array([np.datetime64(f"{y + dy}-{_CNY.get(y + dy, '02-05')}") for y in years])
        off = (days - cny).astype(int)
        best = np.where(np.abs(off) < np.abs(best), off, best)
    return best


def _factors(days: np.ndarray) -> np.ndarray:
    """Weekday × season × holiday multipliers per archetype and product kind."""
    wd = (days.astype("datetime64[D]").astype(int) + 3) % 7  # 1970-01-01 was a Thursday
    month = days.astype("datetime64[M]").astype(int) % 12
    base = _WEEKDAY[:, wd] * _SEASON[:, month]
    out = np.repeat(base[None, :, :], 4, axis=0)
    cny = _cny_offset(days)
    pre, fest, after = (cny >= -14) & (cny < 0), (cny >= 0) & (cny <= 6), (cny > 6) & (cny <= 14)
    gas_pre = {URBAN: 1.12, SUBURBAN: 1.10, HIGHWAY: 1.20, RURAL: 1.08}
    gas_fest = {URBAN: 0.70, SUBURBAN: 0.85, HIGHWAY: 1.10, RURAL: 1.05}
    for a in range(4):
        out[a, 0] *= np.where(pre, gas_pre[a], 1.0) * np.where(fest, gas_fest[a], 1.0)
        out[a, 0] *= np.where(after & (a == URBAN), 0.92, 1.0)
    out[:, 1] *= np.where((cny >= -7) & (cny <= 15), 0.62, np.where((cny > 15) & (cny <= 25), 0.85, 1.0))
    md = days.astype("datetime64[D]") - days.astype("datetime64[M]").astype("datetime64[D]")
    national = (month == 9) & (md.astype(int) < 7)
    out[HIGHWAY] *= np.where(national, 1.25, 1.0)
    out[URBAN] *= np.where(national, 0.95, 1.0)
    return out


def _list_prices(seed: int, days: np.ndarray) -> np.ndarray:
    """Daily guide prices: a mean-reverting walk for 92#, diesel's own offset, fixed spreads."""
    rng = np.random.default_rng([seed, 2])
    n_win = int((days[-1] - _PRICE_ANCHOR).astype(int)) // 14 + 1
    g92 = np.empty(n_win)
    doff = np.empty(n_win)
    p, o = 7.40, -0.45
    for k in range(n_win):
        step = 0.25 * (7.40 - p) + rng.normal(0, 0.14)
        p = float(np.clip(p + (step if abs(step) >= 0.05 else 0.0), 6.6, 8.3))
        o = o + 0.3 * (-0.45 - o) + rng.normal(0, 0.04)
        g92[k], doff[k] = round(p, 2), round(o, 2)
    win = np.maximum((days - _PRICE_ANCHOR).astype(int), 0) // 14
    base = g92[win]
    prices = base[:, None] + _OFFSET[None, :]
    prices[:, 3] = base + doff[win]
    prices[:, 4] = prices[:, 3] + 0.35
    return np.round(prices, 2)


def _purchase_costs(seed: int, prices: np.ndarray, day_month: np.ndarray, months: int) -> np.ndarray:
    """Monthly purchase cost: the month's mean list price less a noisy spread."""
    rng = np.random.default_rng([seed, 3])
    costs = np.empty((months, len(PRODUCTS)))
    for m in range(months):
        mean_price = prices[day_month == m].mean(axis=0)
        noise = np.where(np.arange(len(PRODUCTS)) >= 3, rng.normal(0, 0.05), rng.normal(0, 0.07))
        costs[m] = mean_price - _SPREAD - noise
    return np.round(costs, 4)


def purchase_costs_table(cal: Calendar) -> pa.Table:
    """The purchase_costs table: one row per month and product."""
    n_p = len(PRODUCTS)
    return pa.table({
        "month": np.repeat(np.array(cal.labels), n_p).tolist(),
        "product_code": [p[0] for p in PRODUCTS] * cal.n_months,
        "cost_per_liter": pa.array(cal.costs.ravel(), pa.float64()),
    })
