"""Pump transactions (纯枪) of one station and month, vectorised over all its transactions.

Demand per day = base t/day × archetype's weekday/season/holiday factor × the team's yearly trend
× ramp-up (new stations) × campaign uplift × noise; members' part also follows their customers'
lifecycles (a churning fleet really lowers the station's volume). Counts are Poisson around
demand ÷ mean tonnes per ticket; gasoline tickets are 45 % presets (100/200/300 yuan, 200 the
mode) and 55 % fill-ups ~N(230, 60) yuan; diesel mixes cars/vans with trucks (fleets: trucks).
Discounts: member price per grade, campaign cuts, 满减 thresholds, rare abnormal discounts > 8 %.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from data.demo_customers import Customers, MonthPools
from data.demo_org import HIGHWAY, URBAN, Org
from data.demo_world import Plan

# Mean tonnes per transaction: gasoline anonymous/member, diesel anonymous/member.
_T_PER_TXN = np.array([0.0213, 0.0218, 0.088, 0.155])
GAS_HOURS = np.array([0.6, 0.4, 0.3, 0.3, 0.4, 1.0, 2.5, 5.5, 6.5, 5.5, 4.8, 4.8,
                       5.2, 4.8, 4.5, 4.8, 5.5, 6.8, 7.0, 5.8, 4.6, 3.6, 2.4, 1.3])
DSL_HOURS = np.array([2.5, 2.2, 2.0, 2.0, 2.3, 3.0, 4.0, 5.0, 5.5, 5.5, 5.2, 5.0,
                       4.8, 4.8, 5.0, 5.0, 5.0, 5.0, 4.8, 4.2, 3.8, 3.4, 3.0, 2.8])
GAS_HOURS, DSL_HOURS = GAS_HOURS / GAS_HOURS.sum(), DSL_HOURS / DSL_HOURS.sum()
_MEMBER_DISC = np.array([0.12, 0.18, 0.24, 0.30])  # yuan/L by grade
# Cumulative payment-method probabilities (card, mobile, bankcard, cash) by payer type.
_PAY_CDF = np.array([[0.04, 0.76, 0.88, 1.0], [0.55, 0.92, 0.98, 1.0], [0.90, 0.90, 1.0, 1.0]])


@dataclass
class Fuel:
    """One station-month of fuel transactions, sorted by time."""

    day: np.ndarray
    seq: np.ndarray
    ts: np.ndarray  # seconds since the epoch, local time
    nozzle: np.ndarray
    product: np.ndarray
    liters: np.ndarray
    price: np.ndarray
    paid: np.ndarray
    customer: np.ndarray  # -1 = anonymous
    payment: np.ndarray


def _open_days(plan: Plan, s: int, m: int) -> np.ndarray:
    sl = plan.cal.month_days(m)
    days = np.arange(sl.start, sl.stop)
    return days[plan.cal.days[days] >= plan.org.opened[s]]


def _demand(rng: np.random.Generator, plan: Plan, s: int, days: np.ndarray) -> np.ndarray:
    """Expected tonnes per day, (2 kinds, days)."""
    org, cal = plan.org, plan.cal
    years = (cal.days[days] - plan.mid).astype(float) / 365.25
    age = (cal.days[days] - org.opened[s]).astype(float)
    common = np.clip(0.45 + 0.55 * age / 365, 0.45, 1.0) * plan.eff.uplift[s, days]
    if plan.drop is not None and plan.drop[0] == s:
        common = np.where(days == plan.drop[1], 0.25 * common, common)
    base = np.array([org.base_gas_t[s], org.base_dsl_t[s]])[:, None]
    trend = np.array([1 + org.gas_trend[s], 1 + org.dsl_trend[s]])[:, None] ** years[None, :]
    noise = np.exp(rng.normal(0, 0.07, (2, len(days))))
    return base * cal.factors[org.archetype[s]][:, days] * trend * common * noise


def fuel_station_month(rng: np.random.Generator, plan: Plan, s: int, m: int,
                       pools: MonthPools) -> Fuel | None:
    """Generate every pump transaction of station `s` in month `m` (None if it was not open)."""
    days = _open_days(plan, s, m)
    if len(days) == 0:
        return None
    demand = _demand(rng, plan, s, days)
    ratio = pools.ratio[s]  # members' volume vs their usual, per kind
    mp = plan.org.member_p[s]
    lam = np.stack([demand[0] * (1 - mp[0]), demand[0] * mp[0] * ratio[0],
                    demand[1] * (1 - mp[1]), demand[1] * mp[1] * ratio[1]]) / _T_PER_TXN[:, None]
    parts = [_anonymous(rng, days, lam[0]), _members(rng, plan, days, lam[1], *pools.get(s, 0)),
             _anonymous(rng, days, lam[2]), _members(rng, plan, days, lam[3], *pools.get(s, 1))]
    day = np.concatenate([p[0] for p in parts])
    cust = np.concatenate([p[1] for p in parts])
    dsl = np.repeat([False, False, True, True], [len(p[0]) for p in parts])
    product = _products(rng, plan, s, m, dsl)
    price = plan.cal.prices[day, product]
    liters, paid = _tickets(rng, plan, s, m, day, dsl, cust, price)
    payment = _payments(rng, plan.cust, cust)
    n = len(day)
    hours = np.where(dsl, rng.choice(24, n, p=DSL_HOURS), rng.choice(24, n, p=GAS_HOURS))
    day_secs = plan.cal.days[day].astype("datetime64[s]").astype(np.int64)
    ts = day_secs + hours * 3600 + rng.integers(0, 3600, n)
    nozzle = _nozzles(rng, plan.org, s, dsl)
    order = np.argsort(ts, kind="stable")
    day = day[order]
    seq = np.arange(len(day)) - np.searchsorted(day, day, "left") + 1
    return Fuel(day, seq, ts[order], nozzle[order], product[order], liters[order], price[order],
                paid[order], cust[order], payment[order])


def _anonymous(rng: np.random.Generator, days: np.ndarray, lam: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Anonymous transactions: a Poisson count per day."""
    day = np.repeat(days, rng.poisson(lam))
    return day, np.full(len(day), -1, dtype=np.int64)


def _members(rng: np.random.Generator, plan: Plan, days: np.ndarray, lam: np.ndarray, idx: np.ndarray,
             cum: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Member transactions: each customer's visits this month are their share of the expected
    member count, with modest noise (people refuel on a rhythm, not at Poisson random), spread
    over the days in proportion to each day's demand."""
    if len(idx) == 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    expected = np.diff(cum, prepend=0.0) / cum[-1] * lam.sum()
    sigma = np.where(plan.cust.kind[idx] == 1, 0.08, 0.12)  # fleets run on schedules
    visits = np.floor(expected * np.exp(sigma * rng.standard_normal(len(idx))) + rng.random(len(idx)))
    cust = np.repeat(idx, visits.astype(np.int64))
    day_cum = np.cumsum(lam)
    pick = np.searchsorted(day_cum, rng.random(len(cust)) * day_cum[-1], "right")
    return days[pick.clip(0, len(days) - 1)], cust


def _products(rng: np.random.Generator, plan: Plan, s: int, m: int, dsl: np.ndarray) -> np.ndarray:
    arch = plan.org.archetype[s]
    premium = {URBAN: 0.22, HIGHWAY: 0.2}.get(arch, 0.12)
    p98 = 0.02 if arch in (URBAN, HIGHWAY) and s % 3 == 0 else 0.0
    u = rng.random(len(dsl))
    gas = np.where(u < p98, 2, np.where(u < p98 + premium, 1, 0))
    winter = int(plan.cal.labels[m][5:]) in (12, 1, 2)
    diesel = np.where(u < (0.10 if winter else 0.0), 4, 3)
    return np.where(dsl, diesel, gas)


def _tickets(rng: np.random.Generator, plan: Plan, s: int, m: int, day, dsl, cust, price):
    """Litres and paid amount of each transaction.

    Gasoline: 45 % presets (100/200/300 yuan paid: a member's per-litre discount buys more
    litres, so the paid amount stays round and the 200–220 band is crowded), 55 % fill-ups
    ~N(230, 60) yuan at list; tickets just under a campaign threshold are often pulled up to it.
    Diesel: litres of a car/van or of a truck (fleets: trucks). Member (or campaign, whichever is
    larger: they do not stack) per-litre discounts, 满减 cuts and rare abnormal discounts.
    """
    n = len(day)
    c = np.maximum(cust, 0)
    fleet = (cust >= 0) & (plan.cust.kind[c] == 1)
    per_l = np.where(cust >= 0, _MEMBER_DISC[plan.cust.grade[c]] + np.where(dsl & fleet, 0.05, 0.0), 0.0)
    per_l = np.where((cust >= 0) & (rng.random(n) < 0.15), 0.0, per_l)  # not every visit qualifies
    per_l = np.maximum(per_l, plan.eff.disc_per_l[s, day])
    is_preset = rng.random(n) < 0.45
    preset = np.array([100.0, 200.0, 300.0])[np.searchsorted([0.2, 0.8], rng.random(n))]
    fill = np.clip(rng.normal(np.where(fleet, 250.0, 230.0), np.where(fleet, 50.0, 60.0)), 40, 650)
    amount = np.where(is_preset, preset, fill)
    pull = plan.eff.pull[s, day]
    moved = (pull > 0) & (amount >= pull - 45) & (amount < pull) & (rng.random(n) < 0.5)
    amount = np.where(moved, pull, amount)
    is_preset |= moved
    r = rng.random(n)
    truck = fleet | ((cust < 0) & (r < 0.3)) | ((cust >= 0) & (r < 0.15))
    tank = np.where(cust >= 0, plan.cust.tank[c], 200.0)  # a fleet's trucks are alike
    spread = np.where(cust >= 0, 0.2, 0.5)
    diesel = np.where(truck, np.clip(tank * np.exp(spread * rng.standard_normal(n)), 60, 900),
                      np.clip(rng.normal(55, 18, n), 15, 150))
    gas_l = np.where(is_preset, amount / (price - per_l), amount / price)
    liters = np.where(dsl, np.round(diesel, 2), np.ceil(gas_l * 100) / 100)
    listed = liters * price
    paid = np.where(is_preset & ~dsl, amount, listed - per_l * liters)
    th = plan.eff.threshold[s, day]
    paid -= np.where((th > 0) & (listed >= th), plan.eff.cut[s, day], 0.0)
    paid -= np.where(rng.random(n) < 0.002, listed * rng.uniform(0.085, 0.15, n), 0.0)
    if s == plan.discount_station and m == plan.cal.n_months - 1:
        paid -= np.where(rng.random(n) < 0.12, listed * rng.uniform(0.09, 0.16, n), 0.0)
    return liters, np.round(np.clip(paid, 0.5 * listed, listed), 2)


def _payments(rng: np.random.Generator, cust: Customers, c: np.ndarray) -> np.ndarray:
    payer = np.where(c < 0, 0, np.where(cust.kind[np.maximum(c, 0)] == 1, 2, 1))
    return (rng.random(len(c))[:, None] > _PAY_CDF[payer]).sum(axis=1)


def _nozzles(rng: np.random.Generator, org: Org, s: int, dsl: np.ndarray) -> np.ndarray:
    total = int(org.nozzles[s])
    n_dsl = max(1, total // (2 if org.archetype[s] == HIGHWAY else 4))
    n_gas = max(1, total - n_dsl)
    r = rng.random(len(dsl))
    return np.where(dsl, n_gas + 1 + (r * n_dsl).astype(int), 1 + (r * n_gas).astype(int)).astype(np.int32)
