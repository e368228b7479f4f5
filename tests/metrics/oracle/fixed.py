"""Oracles of the data contract's fixed indicator ids, from the contract's table of meanings."""

from __future__ import annotations

from metrics.periods import Window, comparison
from tests.metrics.oracle import frames as F
from tests.metrics.oracle.customer_status import customers_with_status, warned

Fr = F.Frames


def oracle_fuel_volume_t(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Σ tonnes of fuel sales."""
    return float(F.fuel(fr, level, eid, win)["tonnes"].sum())


def _kind_tonnes(fr: Fr, level: str, eid: str, win: Window, kind: str) -> float:
    f = F.fuel(fr, level, eid, win)
    return float(f.loc[f["kind"] == kind, "tonnes"].sum())


def oracle_gasoline_volume_t(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Σ tonnes of gasoline sales."""
    return _kind_tonnes(fr, level, eid, win, "gasoline")


def oracle_diesel_volume_t(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Σ tonnes of diesel sales."""
    return _kind_tonnes(fr, level, eid, win, "diesel")


def oracle_fuel_revenue(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Σ paid_amount."""
    return float(F.fuel(fr, level, eid, win)["paid_amount"].sum())


def oracle_fuel_gross_profit(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Σ (paid_amount − liters × cost_per_liter of the product and month)."""
    f = F.fuel(fr, level, eid, win)
    return float((f["paid_amount"] - f["liters"] * f["cost_per_liter"]).sum())


def oracle_nonfuel_revenue(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Σ revenue of non-fuel lines."""
    return float(F.nonfuel(fr, level, eid, win)["revenue"].sum())


def oracle_nonfuel_gross_profit(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Σ (revenue − cost) of non-fuel lines."""
    n = F.nonfuel(fr, level, eid, win)
    return float((n["revenue"] - n["cost"]).sum())


def oracle_expenses(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Σ expenses of the window's months (the as-of month pro rata)."""
    return F.expense_sum(fr, level, eid, win)


def oracle_operating_profit(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Fuel gross profit + non-fuel gross profit − expenses."""
    return (oracle_fuel_gross_profit(fr, level, eid, win)
            + oracle_nonfuel_gross_profit(fr, level, eid, win)
            - oracle_expenses(fr, level, eid, win))


def oracle_price_realization_rate(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Σ paid_amount / Σ (liters × list_price)."""
    f = F.fuel(fr, level, eid, win)
    return F.ratio(f["paid_amount"].sum(), (f["liters"] * f["list_price"]).sum())


def oracle_fuel_txn_count(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Number of fuel transactions."""
    return float(len(F.fuel(fr, level, eid, win)))


def oracle_avg_fuel_ticket(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """fuel_revenue / fuel_txn_count."""
    f = F.fuel(fr, level, eid, win)
    return F.ratio(f["paid_amount"].sum(), len(f))


def oracle_member_volume_share(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Tonnes with a customer_id / all tonnes."""
    f = F.fuel(fr, level, eid, win)
    return F.ratio(f.loc[f["customer_id"] != "", "tonnes"].sum(), f["tonnes"].sum())


def oracle_recharge_amount(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Σ card_recharges.amount."""
    return float(F.recharges(fr, level, eid, win)["amount"].sum())


def oracle_active_customers(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Customers active (k ≤ 3) at the status month, purchases at the entity only."""
    return float(len(customers_with_status(fr, level, eid, win, "active")))


def oracle_lost_customers(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Customers lost (4 ≤ k ≤ 7) at the status month."""
    return float(len(customers_with_status(fr, level, eid, win, "lost")))


def oracle_churn_warning_customers(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Customers under churn warning at the status month."""
    return float(len(warned(fr, level, eid, win)))


def oracle_fuel_volume_plan_completion(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """fuel_volume_t / Σ plan targets of fuel_volume_t over the period's months, whole."""
    plan = F.plan_sum(fr, level, eid, win.period.months(), "fuel_volume_t")
    return F.ratio(oracle_fuel_volume_t(fr, level, eid, win), plan)


def oracle_fuel_volume_mom(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """fuel_volume_t / the same in the preceding period (like for like) − 1."""
    base = oracle_fuel_volume_t(fr, level, eid, comparison(win, "mom"))
    return F.growth(oracle_fuel_volume_t(fr, level, eid, win), base)


def oracle_fuel_volume_yoy(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """fuel_volume_t / the same a year earlier (like for like) − 1."""
    base = oracle_fuel_volume_t(fr, level, eid, comparison(win, "yoy"))
    return F.growth(oracle_fuel_volume_t(fr, level, eid, win), base)
