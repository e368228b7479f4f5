"""Oracles of the people theme (人员效率), from indicators/people.yaml.

Staff is the staff_count of the entity's stations open by the window end; per-staff figures are
per month (× 30 ÷ days). Manager measures use the customers whose home station is in the entity,
registered by the window end (membership belongs to the home station's entity).
"""

from __future__ import annotations

from metrics.periods import Window
from tests.metrics.oracle import frames as F
from tests.metrics.oracle.customer_status import customers_with_status, member_purchases
from tests.metrics.oracle.fixed import (
    oracle_fuel_volume_t,
    oracle_nonfuel_revenue,
    oracle_operating_profit,
)
from tests.metrics.oracle.profit import open_stations, oracle_total_gross_profit

Fr = F.Frames


def staff(fr: Fr, level: str, eid: str, win: Window) -> float:
    """Σ staff_count of open stations."""
    st = fr.stations
    return float(st.loc[st["station_id"].isin(open_stations(fr, level, eid, win)),
                        "staff_count"].sum())


def _per_staff_month(amount: float, fr: Fr, level: str, eid: str, win: Window) -> float | None:
    per = F.ratio(amount, staff(fr, level, eid, win))
    return None if per is None else per * 30 / win.days


def oracle_volume_per_staff(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Tonnes ÷ staff × 30 ÷ days."""
    return _per_staff_month(oracle_fuel_volume_t(fr, level, eid, win), fr, level, eid, win)


def oracle_nonfuel_rev_per_staff(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Non-fuel revenue ÷ staff × 30 ÷ days."""
    return _per_staff_month(oracle_nonfuel_revenue(fr, level, eid, win), fr, level, eid, win)


def oracle_gross_profit_per_staff(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Total gross profit ÷ staff × 30 ÷ days."""
    return _per_staff_month(oracle_total_gross_profit(fr, level, eid, win), fr, level, eid, win)


def oracle_profit_per_staff(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Operating profit ÷ staff × 30 ÷ days."""
    return _per_staff_month(oracle_operating_profit(fr, level, eid, win), fr, level, eid, win)


def oracle_labour_cost_per_staff(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Labour expenses ÷ staff × 30 ÷ days."""
    return _per_staff_month(F.expense_sum(fr, level, eid, win, "labour"), fr, level, eid, win)


def oracle_labour_cost_to_gross_profit(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Labour expenses ÷ total gross profit (null when that is not positive)."""
    return F.ratio(F.expense_sum(fr, level, eid, win, "labour"),
                   max(oracle_total_gross_profit(fr, level, eid, win), 0.0))


def _home_managed(fr: Fr, level: str, eid: str, win: Window):  # noqa: ANN202
    cu = fr.customers
    keep = (cu["home_station_id"].isin(F.station_ids(fr, level, eid))
            & (cu["registered_on"] <= win.end))
    home = cu[keep]
    return home, home[home["manager_id"] != ""]


def oracle_active_customers_per_manager(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Active managed home customers ÷ distinct managers of home customers."""
    home, managed = _home_managed(fr, level, eid, win)
    active = customers_with_status(fr, level, eid, win, "active")
    return F.ratio(len(set(managed["customer_id"]) & active), managed["manager_id"].nunique())


def oracle_managed_customer_purchase_rate(fr: Fr, level: str, eid: str,
                                          win: Window) -> float | None:
    """Managed home customers who bought at the entity in the window ÷ managed home customers."""
    _home, managed = _home_managed(fr, level, eid, win)
    buys = member_purchases(fr, level, eid, win.end)
    in_win = set(buys.loc[F.in_window(buys, win), "customer_id"])
    return F.ratio(len(set(managed["customer_id"]) & in_win), len(managed))
