"""Card top-ups (充值), monthly expenses (费) and monthly plans (计划) of the demo company.

- Recharges follow each member's card spending in the month (充消比 ≈ 100 %): individuals top up
  200/500/1000/2000 yuan, fleets in large round sums. A quarter of top-ups ≥ 1000 yuan carry a
  2–5 % bonus, and recharge_bonus campaigns give 3–5 % on top-ups ≥ 500 (effective ≈ 1 %).
- Expenses per station-month and category (domain.md §4.7: labour ≈ half, ≈ 400 yuan/t at a
  10 t/day station), whole-month amounts even for the month to date (the metrics layer prorates).
- Plans: last year's actual × (1 + the team's growth target) × noise, whole-month targets; where
  last year is not in the data (the first 12 months, new stations) the base is this month's
  actual scaled to the whole month and deflated by the team's trend.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from data.demo_world import Plan

EXPENSE_CATEGORIES = ("labour", "utilities", "repairs", "depreciation", "marketing", "rent", "other")
PLAN_MEASURES = ("fuel_volume_t", "gasoline_volume_t", "diesel_volume_t", "nonfuel_revenue",
                 "nonfuel_gross_profit", "expenses", "operating_profit", "recharge_amount")
# Columns of the per station-month actuals the generator accumulates.
GAS_T, DSL_T, FUEL_GP, NF_REV, NF_GP, RECHARGE = range(6)


@dataclass
class Recharges:
    """One station-month of top-ups."""

    day: np.ndarray
    ts: np.ndarray
    customer: np.ndarray
    amount: np.ndarray
    bonus: np.ndarray


def recharges_station_month(rng: np.random.Generator, plan: Plan, s: int, days: np.ndarray, customer: np.ndarray,
                            spend: np.ndarray) -> Recharges | None:
    """Top-ups at station `s` by the card payers `customer` who spent `spend` there this month."""
    if len(customer) == 0:
        return None
    uniq, inv = np.unique(customer, return_inverse=True)
    total = np.bincount(inv, spend)
    fleet = plan.cust.kind[uniq] == 1
    count = np.where(fleet, 1 + rng.poisson(total / 30_000), rng.poisson(total / 740))
    who = np.repeat(np.arange(len(uniq)), count)
    n = len(who)
    if n == 0:
        return None
    personal = np.array([200.0, 500.0, 1000.0, 2000.0])[
        np.searchsorted([0.2, 0.6, 0.9], rng.random(n))]
    fleet_amt = np.maximum(np.round(total[who] / count[who] * rng.uniform(0.8, 1.25, n), -2), 1000.0)
    amount = np.where(fleet[who], fleet_amt, personal)
    day = days[rng.integers(0, len(days), n)]
    ts = (plan.cal.days[day].astype("datetime64[s]").astype(np.int64)
          + rng.integers(7 * 3600, 22 * 3600, n))
    base = np.where((amount >= 1000) & (rng.random(n) < 0.25),
                    np.array([0.02, 0.03, 0.05])[rng.integers(0, 3, n)], 0.0)
    promo = np.where(amount >= 500, plan.eff.bonus_rate[s, day], 0.0)
    order = np.argsort(ts, kind="stable")
    bonus = np.round(amount * np.maximum(base, promo), 2)
    return Recharges(day[order], ts[order], uniq[who][order], amount[order], bonus[order])


def expenses(seed: int, plan: Plan) -> np.ndarray:
    """Monthly expenses, (stations, months, categories); zero before a station opens."""
    rng = np.random.default_rng([seed, 8])
    org, cal = plan.org, plan.cal
    n, months = org.n, cal.n_months
    month_no = np.array([int(label[5:]) for label in cal.labels])
    volume = (org.base_gas_t + org.base_dsl_t)[:, None] * 30.4
    out = np.zeros((n, months, len(EXPENSE_CATEGORIES)))
    out[:, :, 0] = org.staff[:, None] * 6_500 * rng.normal(1, 0.03, (n, months)) * np.where(
        month_no == 1, 1.5, 1.0)  # year-end bonuses are paid in January
    out[:, :, 1] = (3_000 + 25 * volume) * np.where((month_no >= 6) & (month_no <= 9), 1.3, 1.0)
    out[:, :, 2] = rng.lognormal(np.log(4_000), 0.5, (n, months)) * np.where(
        rng.random((n, months)) < 0.1, 4, 1)
    out[:, :, 3] = (12_000 + 800 * org.nozzles + 60 * org.store_area)[:, None]
    out[:, :, 4] = 2_000 + plan.eff.cost
    rent = np.where(rng.random(n) < 0.35, rng.uniform(8_000, 20_000, n), 0.0)
    out[:, :, 5] = rent[:, None]
    out[:, :, 6] = rng.uniform(3_000, 8_000, (n, months))
    month_end = cal.month_starts[1:]
    out[org.opened[:, None] >= month_end[None, :]] = 0.0
    return np.round(out, 2)


def expenses_table(plan: Plan, exp: np.ndarray) -> pa.Table:
    """The expenses table: station-months when the station was open, all categories."""
    s, m, c = np.nonzero(exp >= 0)
    keep = plan.org.opened[s] < plan.cal.month_starts[m + 1]
    s, m, c = s[keep], m[keep], c[keep]
    return pa.table({
        "month": np.array(plan.cal.labels)[m].tolist(),
        "station_id": np.array(plan.org.station_ids)[s].tolist(),
        "category": np.array(EXPENSE_CATEGORIES)[c].tolist(),
        "amount": pa.array(exp[s, m, c], pa.float64()),
    })


def plans_table(seed: int, plan: Plan, actual: np.ndarray, exp: np.ndarray) -> pa.Table:
    """Monthly targets per station for the contract's plan measures."""
    rng = np.random.default_rng([seed, 9])
    org, cal = plan.org, plan.cal
    full = _full_month(plan, actual)
    gp = full[:, :, FUEL_GP] + full[:, :, NF_GP] - exp.sum(axis=2)
    base = np.stack([full[:, :, GAS_T], full[:, :, DSL_T], full[:, :, NF_REV], full[:, :, NF_GP],
                     exp.sum(axis=2), gp, full[:, :, RECHARGE]], axis=2)
    growth = org.team_growth[org.team]  # volume, non-fuel, profit, recharge
    trend = np.column_stack([org.gas_trend, org.dsl_trend, org.nf_trend, org.nf_trend,
                             np.full(org.n, 0.02), np.zeros(org.n), org.gas_trend])
    g = np.column_stack([growth[:, 0], growth[:, 0], growth[:, 1], growth[:, 1],
                         np.full(org.n, 0.02), growth[:, 2], growth[:, 3]])
    opened_month = np.searchsorted(cal.month_starts, org.opened, side="right") - 1
    rows: dict[str, list] = {"month": [], "station_id": [], "measure": [], "target": []}
    for m in range(cal.n_months):
        ly = m - 12
        has_ly = (ly >= 0) & (opened_month < max(ly, 0)) if ly >= 0 else np.zeros(org.n, bool)
        ref = base[:, ly] if ly >= 0 else base[:, m]
        est = np.where(has_ly[:, None], ref, base[:, m] / (1 + trend))
        target = np.where(est >= 0, est * (1 + g), est + np.abs(est) * g)
        target *= rng.normal(1.0, 0.02, target.shape)
        _append_plan_rows(rows, plan, m, target, opened_month)
    return pa.table({"month": rows["month"], "station_id": rows["station_id"],
                     "measure": rows["measure"], "target": pa.array(rows["target"], pa.float64())})


def _append_plan_rows(rows, plan: Plan, m: int, target: np.ndarray, opened_month) -> None:
    """Rows of one month: the 7 drawn targets plus fuel volume = gasoline + diesel."""
    values = np.column_stack([target[:, 0] + target[:, 1], target])  # in PLAN_MEASURES order
    for s in np.flatnonzero(opened_month <= m):
        for k, measure in enumerate(PLAN_MEASURES):
            rows["month"].append(plan.cal.labels[m])
            rows["station_id"].append(plan.org.station_ids[s])
            rows["measure"].append(measure)
            digits = 3 if measure.endswith("_t") else 2
            rows["target"].append(round(float(values[s, k]), digits))


def _full_month(plan: Plan, actual: np.ndarray) -> np.ndarray:
    """Actuals scaled to whole months where a month is only partly covered (to date, opening)."""
    cal, org = plan.cal, plan.org
    scale = np.ones((org.n, cal.n_months))
    for m in range(cal.n_months):
        sl = cal.month_days(m)
        first = np.maximum(cal.days[sl.start], org.opened)
        covered = (cal.days[sl.stop - 1] - first).astype(int) + 1
        scale[:, m] = np.where(covered > 0, cal.days_in_month(m) / np.maximum(covered, 1), 1.0)
    return actual * scale[:, :, None]
