"""Oracles of the volume theme (油品销量), from indicators/volume.yaml's descriptions."""

from __future__ import annotations

from metrics.periods import Window, comparison, year_to_date
from tests.metrics.oracle import frames as F
from tests.metrics.oracle.fixed import (
    oracle_diesel_volume_t,
    oracle_fuel_volume_t,
    oracle_gasoline_volume_t,
)

Fr = F.Frames


def _yoy(fn, fr: Fr, level: str, eid: str, win: Window) -> float | None:  # noqa: ANN001
    return F.growth(fn(fr, level, eid, win), fn(fr, level, eid, comparison(win, "yoy")))


def oracle_fuel_volume_ytd_growth(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Tonnes from 1 January to the window end against the same date range a year earlier."""
    ytd = year_to_date(win)
    return _yoy(oracle_fuel_volume_t, fr, level, eid, ytd)


def oracle_gasoline_volume_yoy(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Gasoline tonnes against the same day range a year earlier − 1."""
    return _yoy(oracle_gasoline_volume_t, fr, level, eid, win)


def oracle_diesel_volume_yoy(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Diesel tonnes against the same day range a year earlier − 1."""
    return _yoy(oracle_diesel_volume_t, fr, level, eid, win)


def oracle_fuel_volume_daily_avg(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Tonnes ÷ days measured (elapsed days, as-of day included)."""
    return oracle_fuel_volume_t(fr, level, eid, win) / win.days


def station_days(fr: Fr, level: str, eid: str, win: Window, store_only: bool = False) -> int:
    """Σ over the entity's stations of the window's days on or after the opening day."""
    st = fr.stations[fr.stations["station_id"].isin(F.station_ids(fr, level, eid))]
    if store_only:
        st = st[st["store_area_m2"] > 0]
    total = 0
    for opened in st["opened_on"]:
        first = max(opened, win.start)
        total += max(0, (win.end - first).days + 1)
    return total


def oracle_volume_per_station_day(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Tonnes ÷ station-days."""
    return F.ratio(oracle_fuel_volume_t(fr, level, eid, win), station_days(fr, level, eid, win))


def _gas(fr: Fr, level: str, eid: str, win: Window):  # noqa: ANN202
    f = F.fuel(fr, level, eid, win)
    return f[f["kind"] == "gasoline"]


def oracle_premium_gasoline_share(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """95# and 98# (G95, G98) tonnes ÷ gasoline tonnes."""
    g = _gas(fr, level, eid, win)
    return F.ratio(g.loc[g["product_code"].isin(["G95", "G98"]), "tonnes"].sum(), g["tonnes"].sum())


def oracle_g98_share(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """98# (G98) tonnes ÷ gasoline tonnes."""
    g = _gas(fr, level, eid, win)
    return F.ratio(g.loc[g["product_code"] == "G98", "tonnes"].sum(), g["tonnes"].sum())


def oracle_liters_per_txn(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Liters ÷ fuel transactions."""
    f = F.fuel(fr, level, eid, win)
    return F.ratio(f["liters"].sum(), len(f))


def oracle_fill_up_rate(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """1 − gasoline sales whose list amount is a whole multiple of 10 yuan ÷ gasoline sales.

    The fixture keeps every list amount either exactly round or at least 0.05 yuan off, so the
    rounding tolerance of "whole multiple" cannot decide a case.
    """
    g = _gas(fr, level, eid, win)
    amount = g["liters"] * g["list_price"]
    round10 = ((amount / 10).round() * 10 - amount).abs() < 0.005
    share = F.ratio(round10.sum(), len(g))
    return None if share is None else 1 - share
