"""Oracles of the customers theme (客户与会员), from indicators/customers.yaml's descriptions.

Customer measures count purchases at the entity's stations only; statuses are taken at the
window's last month (the as-of month), "last month" (M−1) is taken whole.
"""

from __future__ import annotations

from datetime import timedelta

import pandas as pd

from metrics.periods import Window, add_months, month_start
from tests.metrics.oracle import frames as F
from tests.metrics.oracle.customer_status import (
    customers_with_status,
    member_purchases,
    months_since_last,
    seriously_warned,
    warned,
)

Fr = F.Frames
GOLD_PLUS = {"gold", "platinum", "diamond"}


def _grade_set(fr: Fr, grades: set[str]) -> set[str]:
    return set(fr.customers.loc[fr.customers["grade"].isin(grades), "customer_id"])


def _fleet_or_key(fr: Fr) -> set[str]:
    c = fr.customers
    return set(c.loc[(c["kind"] == "fleet") | c["grade"].isin(GOLD_PLUS), "customer_id"])


def oracle_serious_warning_customers(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Customers warned in the status month and the month before."""
    return float(len(seriously_warned(fr, level, eid, win)))


def oracle_escalated_warning_customers(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Gold-and-above customers under serious warning."""
    return float(len(seriously_warned(fr, level, eid, win) & _grade_set(fr, GOLD_PLUS)))


def oracle_fleet_key_warning_rate(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Warned fleet or gold+ customers ÷ active fleet or gold+ customers."""
    fk = _fleet_or_key(fr)
    active = customers_with_status(fr, level, eid, win, "active") & fk
    return F.ratio(len(warned(fr, level, eid, win) & fk), len(active))


def oracle_dormant_customers(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Customers with k ≥ 8 at the status month."""
    return float(len(customers_with_status(fr, level, eid, win, "dormant")))


def _prev_month(win: Window):  # noqa: ANN202
    return add_months(month_start(win.end), -1)


def oracle_churn_rate(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Of last month's active customers, those exactly 4 months without a purchase now."""
    active_prev = customers_with_status(fr, level, eid, win, "active", _prev_month(win))
    ks = months_since_last(fr, level, eid, win)
    churned = {c for c in active_prev if ks.get(c) == 4}
    return F.ratio(len(churned), len(active_prev))


def oracle_lost_customer_recovery_rate(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Of last month's lost customers, those who bought at the entity this month."""
    lost_prev = customers_with_status(fr, level, eid, win, "lost", _prev_month(win))
    ks = months_since_last(fr, level, eid, win)
    back = {c for c in lost_prev if ks.get(c) == 0}
    return F.ratio(len(back), len(lost_prev))


def _tonnes_of(fr: Fr, level: str, eid: str, win: Window, who: set[str]) -> float:
    f = F.fuel(fr, level, eid, win)
    return float(f.loc[f["customer_id"].isin(who), "tonnes"].sum())


def _fleet(fr: Fr) -> set[str]:
    return set(fr.customers.loc[fr.customers["kind"] == "fleet", "customer_id"])


def oracle_fleet_volume(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Tonnes bought by fleet customers."""
    return _tonnes_of(fr, level, eid, win, _fleet(fr))


def oracle_fleet_volume_share(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Fleet tonnes ÷ all tonnes."""
    total = F.fuel(fr, level, eid, win)["tonnes"].sum()
    return F.ratio(_tonnes_of(fr, level, eid, win, _fleet(fr)), total)


def oracle_key_active_customers(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Active customers of grade gold and above."""
    active = customers_with_status(fr, level, eid, win, "active")
    return float(len(active & _grade_set(fr, GOLD_PLUS)))


def oracle_key_customer_volume_share(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Tonnes of gold+ customers ÷ all tonnes."""
    total = F.fuel(fr, level, eid, win)["tonnes"].sum()
    return F.ratio(_tonnes_of(fr, level, eid, win, _grade_set(fr, GOLD_PLUS)), total)


def _per_member_month(fr: Fr, level: str, eid: str, win: Window, what: str) -> float | None:
    f = F.fuel(fr, level, eid, win)
    m = f[f["customer_id"] != ""]
    amount = len(m) if what == "txn" else m["liters"].sum()
    per_head = F.ratio(amount, m["customer_id"].nunique())
    return None if per_head is None else per_head * 30 / win.days


def oracle_member_visit_frequency(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Member transactions ÷ distinct buying members × 30 ÷ days."""
    return _per_member_month(fr, level, eid, win, "txn")


def oracle_member_liters_per_head(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Member liters ÷ distinct buying members × 30 ÷ days."""
    return _per_member_month(fr, level, eid, win, "liters")


def oracle_loyal_customer_share(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Liters in the status month of customers who bought at the entity in each of M, M−1, M−2,
    ÷ all liters of the window."""
    buys = member_purchases(fr, level, eid, win.end)
    m = month_start(win.end)
    months = {F.month_key(add_months(m, -j)) for j in (0, 1, 2)}
    by = buys[buys["month"].isin(months)].groupby("customer_id")["month"].nunique()
    loyal = set(by[by == 3].index)
    now = buys[(buys["month"] == F.month_key(m)) & buys["customer_id"].isin(loyal)]
    return F.ratio(now["liters"].sum(), F.fuel(fr, level, eid, win)["liters"].sum())


def _f_and_m(buys: pd.DataFrame, lo, hi) -> pd.DataFrame:  # noqa: ANN001
    """Per customer: transactions and paid in [lo, hi] (days), and the last purchase day."""
    day = buys["ts"].dt.date
    recent = buys[(day >= lo) & (day <= hi)]
    return recent.groupby("customer_id").agg(f=("txn_id", "count"), m=("paid_amount", "sum"),
                                             last=("ts", "max"))


def oracle_rfm_high_value_share(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Active customers with R ≤ 30 days, F and M ≥ the province's active-customer medians
    (90 days up to the window end), ÷ active customers."""
    active = customers_with_status(fr, level, eid, win, "active")
    lo = win.end - timedelta(days=89)
    province = fr.stations.loc[fr.stations["station_id"].isin(F.station_ids(fr, level, eid)),
                               "province_id"].iloc[0]
    p_active = customers_with_status(fr, "province", province, win, "active")
    p_fm = _f_and_m(member_purchases(fr, "province", province, win.end), lo, win.end)
    p_fm = p_fm.reindex(sorted(p_active)).fillna({"f": 0, "m": 0})
    f_med, m_med = p_fm["f"].median(), p_fm["m"].median()
    fm = _f_and_m(member_purchases(fr, level, eid, win.end), lo, win.end)
    high = {c for c, r in fm.iterrows() if c in active
            and (win.end - r["last"].date()).days <= 30 and r["f"] >= f_med and r["m"] >= m_med}
    return F.ratio(len(high), len(active))


def oracle_new_member_activation_rate(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Of customers whose home station is in the entity and who registered in the month before
    the status month, those whose first purchase at the entity came within 30 days."""
    prev = _prev_month(win)
    cu = fr.customers
    new = cu[cu["home_station_id"].isin(F.station_ids(fr, level, eid))
             & cu["registered_on"].map(lambda d: month_start(d) == prev)]
    buys = member_purchases(fr, level, eid, win.end)
    first = buys.groupby("customer_id")["ts"].min()
    activated = 0
    for cid, reg in zip(new["customer_id"], new["registered_on"], strict=True):
        if cid in first.index and first[cid].date() <= reg + timedelta(days=30):
            activated += 1
    return F.ratio(activated, len(new))
