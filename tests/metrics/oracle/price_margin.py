"""Oracles of the price & margin theme (价格与毛利), from indicators/price_margin.yaml."""

from __future__ import annotations

from metrics.periods import Window, comparison
from tests.metrics.oracle import frames as F
from tests.metrics.oracle.fixed import (
    oracle_fuel_gross_profit,
    oracle_fuel_revenue,
    oracle_fuel_volume_t,
)

Fr = F.Frames


def _kind_rate(fr: Fr, level: str, eid: str, win: Window, kind: str) -> float | None:
    f = F.fuel(fr, level, eid, win)
    f = f[f["kind"] == kind]
    return F.ratio(f["paid_amount"].sum(), (f["liters"] * f["list_price"]).sum())


def oracle_gasoline_price_realization(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Gasoline paid ÷ gasoline list amount."""
    return _kind_rate(fr, level, eid, win, "gasoline")


def oracle_diesel_price_realization(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Diesel paid ÷ diesel list amount."""
    return _kind_rate(fr, level, eid, win, "diesel")


def _discount(f) -> float:  # noqa: ANN001
    return float((f["liters"] * f["list_price"] - f["paid_amount"]).sum())


def oracle_discount_per_liter(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Σ (list amount − paid) ÷ Σ liters."""
    f = F.fuel(fr, level, eid, win)
    return F.ratio(_discount(f), f["liters"].sum())


def oracle_fuel_discount_total(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Σ (liters × list price − paid)."""
    return _discount(F.fuel(fr, level, eid, win))


def oracle_fuel_gp_per_tonne(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Fuel gross profit ÷ tonnes."""
    return F.ratio(oracle_fuel_gross_profit(fr, level, eid, win),
                   oracle_fuel_volume_t(fr, level, eid, win))


def _kind_gp_per_tonne(fr: Fr, level: str, eid: str, win: Window, kind: str) -> float | None:
    f = F.fuel(fr, level, eid, win)
    f = f[f["kind"] == kind]
    gp = (f["paid_amount"] - f["liters"] * f["cost_per_liter"]).sum()
    return F.ratio(gp, (f["liters"] * f["density_kg_per_l"] / 1000).sum())


def oracle_gasoline_gp_per_tonne(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """(Gasoline paid − gasoline cost) ÷ gasoline tonnes."""
    return _kind_gp_per_tonne(fr, level, eid, win, "gasoline")


def oracle_diesel_gp_per_tonne(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """(Diesel paid − diesel cost) ÷ diesel tonnes."""
    return _kind_gp_per_tonne(fr, level, eid, win, "diesel")


def oracle_fuel_gross_profit_yoy(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Fuel gross profit ÷ |the same a year earlier| − 1."""
    return F.growth(oracle_fuel_gross_profit(fr, level, eid, win),
                    oracle_fuel_gross_profit(fr, level, eid, comparison(win, "yoy")))


def oracle_fuel_gp_rate(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Fuel gross profit ÷ fuel revenue."""
    return F.ratio(oracle_fuel_gross_profit(fr, level, eid, win),
                   oracle_fuel_revenue(fr, level, eid, win))


def oracle_discount_to_spread_ratio(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Σ discount ÷ (Σ list amount − Σ purchase cost)."""
    f = F.fuel(fr, level, eid, win)
    spread = (f["liters"] * f["list_price"]).sum() - (f["liters"] * f["cost_per_liter"]).sum()
    return F.ratio(_discount(f), spread)


def oracle_abnormal_discount_txn_share(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Sales whose discount exceeds 8 % of the list amount ÷ all sales."""
    f = F.fuel(fr, level, eid, win)
    listed = f["liters"] * f["list_price"]
    abnormal = (listed - f["paid_amount"]) > 0.08 * listed
    return F.ratio(abnormal.sum(), len(f))
