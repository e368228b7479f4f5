"""Oracles of the non-fuel theme (非油), from indicators/nonfuel.yaml."""

from __future__ import annotations

from metrics.periods import Window, comparison
from tests.metrics.oracle import frames as F
from tests.metrics.oracle.fixed import (
    oracle_fuel_volume_t,
    oracle_nonfuel_gross_profit,
    oracle_nonfuel_revenue,
)
from tests.metrics.oracle.profit import open_stations
from tests.metrics.oracle.volume import station_days

Fr = F.Frames


def oracle_nonfuel_revenue_yoy(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Non-fuel revenue ÷ |a year earlier| − 1."""
    return F.growth(oracle_nonfuel_revenue(fr, level, eid, win),
                    oracle_nonfuel_revenue(fr, level, eid, comparison(win, "yoy")))


def oracle_nonfuel_gross_profit_yoy(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Non-fuel gross profit ÷ |a year earlier| − 1."""
    return F.growth(oracle_nonfuel_gross_profit(fr, level, eid, win),
                    oracle_nonfuel_gross_profit(fr, level, eid, comparison(win, "yoy")))


def oracle_nonfuel_gp_rate(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Non-fuel gross profit ÷ non-fuel revenue."""
    return F.ratio(oracle_nonfuel_gross_profit(fr, level, eid, win),
                   oracle_nonfuel_revenue(fr, level, eid, win))


def oracle_nonfuel_rev_per_store_day(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Non-fuel revenue ÷ station-days of stations with a store."""
    return F.ratio(oracle_nonfuel_revenue(fr, level, eid, win),
                   station_days(fr, level, eid, win, store_only=True))


def store_area(fr: Fr, level: str, eid: str, win: Window) -> float:
    """Σ store area of the entity's stations open by the window end."""
    st = fr.stations
    return float(st.loc[st["station_id"].isin(open_stations(fr, level, eid, win)),
                        "store_area_m2"].sum())


def oracle_store_sales_per_sqm(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Non-fuel revenue ÷ store area × 30 ÷ days."""
    per = F.ratio(oracle_nonfuel_revenue(fr, level, eid, win), store_area(fr, level, eid, win))
    return None if per is None else per * 30 / win.days


def oracle_nonfuel_rev_per_tonne(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Non-fuel revenue ÷ fuel tonnes."""
    return F.ratio(oracle_nonfuel_revenue(fr, level, eid, win),
                   oracle_fuel_volume_t(fr, level, eid, win))


def _baskets(fr: Fr, level: str, eid: str, win: Window) -> int:
    return int(F.nonfuel(fr, level, eid, win)["basket_id"].nunique())


def oracle_nonfuel_basket_count(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Distinct till receipts (basket_id)."""
    return float(_baskets(fr, level, eid, win))


def oracle_nonfuel_avg_basket(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Non-fuel revenue ÷ receipts."""
    return F.ratio(oracle_nonfuel_revenue(fr, level, eid, win), _baskets(fr, level, eid, win))


def oracle_nonfuel_unit_price(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Non-fuel revenue ÷ items (Σ qty)."""
    n = F.nonfuel(fr, level, eid, win)
    return F.ratio(n["revenue"].sum(), n["qty"].sum())


def oracle_items_per_basket(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Σ qty ÷ receipts."""
    n = F.nonfuel(fr, level, eid, win)
    return F.ratio(n["qty"].sum(), n["basket_id"].nunique())


def oracle_store_conversion_rate(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Receipts ÷ fuel transactions."""
    return F.ratio(_baskets(fr, level, eid, win), len(F.fuel(fr, level, eid, win)))


def oracle_category_sell_through(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """(station, category) pairs with sales ÷ (open stations with a store × 7 categories)."""
    n = F.nonfuel(fr, level, eid, win)
    pairs = len(set(zip(n["station_id"], n["category"], strict=True)))
    st = fr.stations
    stores = st[st["station_id"].isin(open_stations(fr, level, eid, win))
                & (st["store_area_m2"] > 0)]
    return F.ratio(pairs, len(stores) * 7)


def _category_revenue(fr: Fr, level: str, eid: str, win: Window, cat: str) -> float:
    n = F.nonfuel(fr, level, eid, win)
    return float(n.loc[n["category"] == cat, "revenue"].sum())


def oracle_lubricant_revenue(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Revenue of category lubricant."""
    return _category_revenue(fr, level, eid, win, "lubricant")


def oracle_own_brand_share(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Own-brand revenue ÷ non-fuel revenue."""
    return F.ratio(_category_revenue(fr, level, eid, win, "own_brand"),
                   oracle_nonfuel_revenue(fr, level, eid, win))
