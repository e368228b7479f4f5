"""Convenience-store receipts (非油): baskets of several lines, categories and margins.

Receipts per day ≈ 14–22 % of the day's fuel transactions (higher on highways, none without a
store), growing by the team's non-fuel trend; 1 + Poisson(0.6) lines per receipt. Category revenue
shares and margin rates follow domain.md §4.5 mapped onto the contract's categories (tobacco and
liquor together, grain/oil inside daily goods, car wash inside car care): overall margin ≈ 20 %.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from data.demo_customers import MonthPools
from data.demo_fuel import GAS_HOURS
from data.demo_world import Plan

# category, sku prefix, revenue share, margin range, price range (yuan), multi-buy
_CATEGORIES = (
    ("tobacco_liquor", "TL", 0.34, (0.07, 0.14), (18.0, 320.0), False),
    ("beverage", "BV", 0.16, (0.25, 0.35), (3.0, 15.0), True),
    ("snack", "SN", 0.10, (0.25, 0.35), (3.0, 25.0), True),
    ("daily_goods", "DG", 0.14, (0.10, 0.25), (5.0, 90.0), False),
    ("own_brand", "OB", 0.08, (0.30, 0.45), (2.5, 160.0), True),
    ("lubricant", "LB", 0.09, (0.20, 0.30), (45.0, 380.0), False),
    ("car_care", "CC", 0.09, (0.25, 0.40), (10.0, 60.0), False),
)
CATEGORY_NAMES = [c[0] for c in _CATEGORIES]
_SKUS_PER_CATEGORY = 12


@dataclass(frozen=True)
class Catalogue:
    """SKUs per category: codes, unit prices, margin rates, popularity CDFs; category CDF per line."""

    codes: pa.Array  # (categories × skus) flattened
    price: np.ndarray  # (categories, skus)
    margin: np.ndarray
    sku_cdf: np.ndarray
    cat_cdf: np.ndarray
    multi: np.ndarray  # category allows multi-buys


def build_catalogue(seed: int) -> Catalogue:
    """A fixed SKU catalogue; line probabilities are set so revenue shares match the table."""
    rng = np.random.default_rng([seed, 5])
    k = _SKUS_PER_CATEGORY
    price = np.array([np.round(np.exp(rng.uniform(np.log(c[4][0]), np.log(c[4][1]), k)), 1)
                      for c in _CATEGORIES])
    margin = np.array([rng.uniform(*c[3], k) for c in _CATEGORIES])
    pop = 1.0 / np.arange(1, k + 1) ** 0.8  # a few best sellers per category
    pop = np.array([rng.permutation(pop) for _ in _CATEGORIES])
    pop /= pop.sum(axis=1, keepdims=True)
    multi = np.array([c[5] for c in _CATEGORIES])
    mean_line = (pop * price).sum(axis=1) * np.where(multi, 1.45, 1.08)
    line_p = np.array([c[2] for c in _CATEGORIES]) / mean_line
    codes = [f"{c[1]}{j + 1:04d}" for c in _CATEGORIES for j in range(k)]
    return Catalogue(pa.array(codes), price, margin, np.cumsum(pop, axis=1),
                     np.cumsum(line_p / line_p.sum()), multi)


@dataclass
class Store:
    """One station-month of receipt lines, sorted by receipt time."""

    day: np.ndarray
    seq: np.ndarray  # receipt number within the day
    line: np.ndarray
    ts: np.ndarray
    category: np.ndarray
    sku: np.ndarray  # index into the flattened catalogue
    qty: np.ndarray
    revenue: np.ndarray
    cost: np.ndarray
    customer: np.ndarray


def store_station_month(rng: np.random.Generator, plan: Plan, cat: Catalogue, s: int, fuel_day: np.ndarray,
                        pools: MonthPools) -> Store | None:
    """Receipts of station `s` on the days in `fuel_day` (one entry per fuel transaction)."""
    rate = plan.org.basket_rate[s]
    if rate <= 0 or len(fuel_day) == 0:
        return None
    days, n_fuel = np.unique(fuel_day, return_counts=True)
    years = (plan.cal.days[days] - plan.mid).astype(float) / 365.25
    baskets = rng.poisson(n_fuel * rate * (1 + plan.org.nf_trend[s]) ** years)
    b_day = np.repeat(days, baskets)
    nb = len(b_day)
    b_ts = (plan.cal.days[b_day].astype("datetime64[s]").astype(np.int64)
            + rng.choice(24, nb, p=GAS_HOURS) * 3600 + rng.integers(0, 3600, nb))
    order = np.argsort(b_ts, kind="stable")
    b_day, b_ts = b_day[order], b_ts[order]
    b_seq = np.arange(nb) - np.searchsorted(b_day, b_day, "left") + 1
    b_cust = np.full(nb, -1, dtype=np.int64)
    idx, cum = pools.get(s, 0)
    linked = np.flatnonzero(rng.random(nb) < 0.35)
    if len(idx) and len(linked):
        pick = np.searchsorted(cum, rng.random(len(linked)) * cum[-1], "right").clip(0, len(idx) - 1)
        b_cust[linked] = idx[pick]
    lines = 1 + rng.poisson(0.6, nb)
    owner = np.repeat(np.arange(nb), lines)
    line_no = np.arange(len(owner)) - np.searchsorted(owner, owner, "left") + 1
    return _lines(rng, cat, owner, line_no, b_day, b_seq, b_ts, b_cust)


def _lines(rng: np.random.Generator, cat: Catalogue, owner, line_no, b_day, b_seq, b_ts, b_cust) -> Store:
    n = len(owner)
    category = np.searchsorted(cat.cat_cdf, rng.random(n) * cat.cat_cdf[-1], "right")
    category = category.clip(0, len(cat.cat_cdf) - 1)
    sku = (rng.random(n)[:, None] > cat.sku_cdf[category]).sum(axis=1).clip(0, _SKUS_PER_CATEGORY - 1)
    r = rng.random(n)
    qty = 1 + (r > 0.92).astype(int)
    qty = np.where(cat.multi[category], 1 + (r > 0.75) + (r > 0.9) * rng.integers(1, 5, n), qty)
    revenue = np.round(qty * cat.price[category, sku], 2)
    margin = cat.margin[category, sku] * rng.normal(1.0, 0.05, n)
    cost = np.round(revenue * (1 - margin), 2)
    return Store(b_day[owner], b_seq[owner], line_no.astype(np.int32), b_ts[owner], category,
                 category * _SKUS_PER_CATEGORY + sku, qty.astype(np.float64), revenue, cost,
                 b_cust[owner])
