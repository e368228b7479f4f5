"""Members and fleet accounts (会员/车队客户) and how their buying evolves month by month.

Each customer has a home station, a preferred fuel kind, a visit weight (expected visits a month)
and a lifecycle factor per month (`life[c, m]`, 0 = no purchase that month):
- registered before the window or during it (as many join as leave: a steady population);
  a few never buy at all (never-bought);
- churners (domain.md §4.6, seed 004; 2 % a month): volume fades to 35–60 % for one or two months (the 70 %
  churn warning fires), then stops: 4–7 months later they count as lost, from 8 months dormant;
- about 30 % of churners come back after 4–10 months (win-back);
- about 1.5 % move to another station of the same city (内部转移) and keep buying there;
- a small monthly noise, so occasional warnings also fire for customers who are not leaving.
Grades follow expected volume (top 1 % diamond, 2.5 % platinum, 6.5 % gold); fleets and gold+
customers have a customer manager (2 per team). Customer 1 is the planted key fleet (see demo.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from data import demo_names as names
from data.demo_calendar import Calendar
from data.demo_org import Org

GRADES = ("normal", "gold", "platinum", "diamond")
_CHURN_HAZARD = 0.02  # per month: about 40 % of members leave over 25 months
KEY_FLEET_COLLAPSE = 0.2  # the planted key fleet buys this share of its usual volume at the end
# Expected litres per visit by (kind, preferred fuel): for grading by expected volume.
_LITRES_PER_VISIT = {(0, 0): 29.0, (1, 0): 35.0, (0, 1): 70.0, (1, 1): 230.0}
# t per transaction the population is sized with (kept in step with demo_fuel's tickets).
GAS_T_PER_TXN = 0.0215
DSL_T_PER_TXN = 0.13


@dataclass
class Customers:
    """Customers as parallel arrays; `life` is (customers, months)."""

    ids: np.ndarray  # str
    home: np.ndarray  # home station index
    kind: np.ndarray  # 0 individual, 1 fleet
    pref: np.ndarray  # 0 gasoline, 1 diesel
    weight: np.ndarray
    grade: np.ndarray
    manager: list[str | None]
    registered: np.ndarray  # datetime64[D]
    transfer_m: np.ndarray  # month of the move (large = never)
    target: np.ndarray  # station after the move
    life: np.ndarray
    norm: np.ndarray  # (stations, 2, months): the members' usual Σ weight×life (see _norm)
    tank: np.ndarray  # typical litres of this customer's truck fill-ups

    def station_at(self, m: int) -> np.ndarray:
        """The station each customer buys at in month `m`."""
        return np.where(m >= self.transfer_m, self.target, self.home)

    def month_weights(self, m: int) -> np.ndarray:
        """Expected visits of every customer in month `m`."""
        return self.weight * self.life[:, m]


def _sizes(org: Org) -> np.ndarray:
    """Per station: gas individuals, diesel individuals, diesel fleets, gas fleets."""
    mem_gas = org.base_gas_t / GAS_T_PER_TXN * 30.4 * org.member_p[:, 0]
    mem_dsl = org.base_dsl_t / DSL_T_PER_TXN * 30.4 * org.member_p[:, 1]
    return np.column_stack([
        np.ceil(mem_gas * 0.92 / 4.2 * 1.35),
        np.ceil(mem_dsl * 0.25 / 3.4 * 1.35),
        np.maximum(2, np.ceil(mem_dsl * 0.75 / 16 * 1.2)),
        np.maximum(1, np.ceil(mem_gas * 0.08 / 40)),
    ]).astype(np.int64)


def build_customers(seed: int, org: Org, cal: Calendar) -> Customers:
    """Draw the customer population and its lifecycle over the window."""
    rng = np.random.default_rng([seed, 6])
    sizes = _sizes(org)
    groups = ((1, 1, 10.0, 1.0), (0, 0, 3.5, 0.5), (0, 1, 3.0, 0.5), (1, 0, 30.0, 0.6))
    cols = (2, 0, 1, 3)  # diesel fleets first, so customer 1 is a fleet of station 1
    home, kind, pref, weight = [], [], [], []
    for s in range(org.n):
        for (k, p, med, sig), col in zip(groups, cols, strict=True):
            n = int(sizes[s, col])
            home.append(np.full(n, s))
            kind.append(np.full(n, k))
            pref.append(np.full(n, p))
            w = med * np.exp(sig * rng.standard_normal(n))
            if (k, p) == (0, 0):
                w[rng.random(n) < 0.05] *= 4  # ride-hailing and taxi drivers
            weight.append(w)
    home, kind, pref = np.concatenate(home), np.concatenate(kind), np.concatenate(pref)
    weight = np.concatenate(weight)
    _plant_key_fleet(weight, home, kind, pref)
    grade = _grades(weight, kind, pref)
    grade[0] = 3
    life, reg_m, transfer_m, target = _lifecycle(rng, org, cal, home)
    registered = _registered_on(rng, org, cal, home, reg_m)
    n = len(home)
    width = max(7, len(str(n)))
    ids = np.char.add("C", np.char.zfill(np.arange(1, n + 1).astype(str), width))
    cust = Customers(ids, home, kind, pref, weight, grade, _managers(rng, org, home, kind, grade),
                     registered, transfer_m, target, life, np.zeros((org.n, 2)),
                     np.clip(rng.lognormal(np.log(200), 0.4, n), 80, 800))
    cust.norm = _norm(cust, org.n, cal.n_months)
    return cust


def _plant_key_fleet(weight, home, kind, pref) -> None:
    """Customer 1: a fleet at station 1 taking about a third of its members' diesel visits."""
    peers = (home == 0) & (kind == 1) & (pref == 1)
    peers[0] = False
    weight[0] = max(0.5 * weight[peers].sum(), 60.0)


def _grades(weight, kind, pref) -> np.ndarray:
    litres = weight * np.array([_LITRES_PER_VISIT[(k, p)] for k, p in ((0, 0), (0, 1), (1, 0), (1, 1))])[
        kind * 2 + pref]
    q = np.argsort(np.argsort(-litres)) / len(litres)  # 0 = the biggest buyer
    return np.select([q < 0.01, q < 0.035, q < 0.10], [3, 2, 1], 0)


def _lifecycle(rng: np.random.Generator, org: Org, cal: Calendar, home: np.ndarray):
    """Registration month, churn/fade/return, transfers and monthly noise → life matrix."""
    n, months = len(home), cal.n_months
    open_m = np.searchsorted(cal.month_starts, org.opened, side="right") - 1
    new_station = open_m[home] >= 0
    # A steady population: monthly churn hazard h, and as many new members as leave, so the
    # members' volume has no drift of its own (the team trend is applied to demand instead).
    h = _CHURN_HAZARD
    new_share = h * months / (1 + h * months)
    reg_m = np.where(rng.random(n) >= new_share, -1, rng.integers(0, months, n))
    reg_m = np.where(new_station, open_m[home] + rng.geometric(0.35, n) - 1, reg_m)
    reg_m = np.minimum(reg_m, months - 1)
    m_idx = np.arange(months)[None, :]
    life = (m_idx >= reg_m[:, None]).astype(np.float32)
    churn_m = np.where(reg_m < 0, 0, reg_m + 1) + rng.geometric(h, n) - 1
    churns = churn_m < months + 2
    fade = rng.integers(1, 3, n)
    life *= np.where(m_idx >= churn_m[:, None], 0.0, 1.0)
    one = (m_idx == churn_m[:, None] - 1)
    two = (m_idx == churn_m[:, None] - 2) & (fade[:, None] == 2)
    life *= np.where(one, np.where(fade[:, None] == 2, 0.35, 0.45), np.where(two, 0.6, 1.0))
    back = churns & (rng.random(n) < 0.3)
    ret_m = np.where(back, churn_m + rng.integers(4, 11, n), 10**6)
    life = np.where(m_idx >= ret_m[:, None], 0.8, life)
    life[rng.random(n) < 0.02] = 0.0  # registered, never bought
    life *= np.exp(rng.normal(0, 0.08, (n, months))).astype(np.float32)
    transfer_m, target = _transfers(rng, org, home, churns, cal)
    life[0] = 1.0  # the planted key fleet: steady, then collapsed in the last two months
    life[0, -2:] = KEY_FLEET_COLLAPSE
    transfer_m[0], reg_m[0] = 10**6, -1
    return life, reg_m, transfer_m, target


def _transfers(rng: np.random.Generator, org: Org, home, churns, cal: Calendar):
    """About 1.5 % of steady customers move to another established station of their city."""
    n, months = len(home), cal.n_months
    transfer_m = np.full(n, 10**6)
    target = home.copy()
    movers = np.flatnonzero(~churns & (rng.random(n) < 0.015))
    established = org.opened < cal.month_starts[0]
    for c in movers:
        options = np.flatnonzero((org.city == org.city[home[c]]) & established)
        options = options[options != home[c]]
        if len(options) and months > 3:
            target[c] = rng.choice(options)
            transfer_m[c] = int(rng.integers(2, months - 1))
    return transfer_m, target


def _registered_on(rng: np.random.Generator, org: Org, cal: Calendar, home, reg_m) -> np.ndarray:
    """Shortly before the first month of purchases (so no purchase precedes it; never before
    the station opened), or before the window for long-standing members."""
    n = len(home)
    start = cal.month_starts[0]
    earliest = np.maximum(org.opened[home], np.datetime64("2012-01-01"))
    span = np.maximum((start - earliest).astype(int), 1)
    before = earliest + (rng.random(n) * span).astype("timedelta64[D]")
    m = np.clip(reg_m, 0, cal.n_months - 1)
    ahead = (rng.random(n) * 21).astype("timedelta64[D]")
    inside = np.maximum(cal.month_starts[m] - ahead, org.opened[home])
    return np.where(reg_m < 0, before, inside).astype("datetime64[D]")


def _managers(rng: np.random.Generator, org: Org, home, kind, grade) -> list[str | None]:
    """Fleets and gold+ members get one of their team's two customer managers."""
    team = org.team[home]
    k = rng.integers(1, 3, len(home))
    managed = (kind == 1) | (grade > 0)
    return [f"KM{org.team_ids[t][1:]}{j}" if mg else None
            for t, j, mg in zip(team, k, managed, strict=True)]


def _norm(cust: Customers, n_stations: int, months: int) -> np.ndarray:
    """The members' volume baseline per station, kind and month: a straight line fitted to
    Σ weight × life over the months with any weight, leaving out the planted key fleet.

    Station volume follows the team's trend; the line takes out the slow drift a finite
    population has of its own (joiners piling up before their churn, win-backs), while a
    customer's own collapse, churn or move still shows against it.
    """
    w = np.zeros((months, 2 * n_stations))
    for m in range(months):
        key = cust.station_at(m) * 2 + cust.pref
        weights = cust.month_weights(m)
        weights[0] = 0.0
        w[m] = np.bincount(key, weights, minlength=2 * n_stations)
    x = np.arange(months, dtype=float)
    norm = np.zeros_like(w)
    for j in range(w.shape[1]):
        live = w[:, j] > 0
        if live.sum() >= 3:
            slope, intercept = np.polyfit(x[live], w[live, j], 1)
            norm[:, j] = np.maximum(intercept + slope * x, 0.2 * w[live, j].mean())
        elif live.any():
            norm[:, j] = w[live, j].mean()
    key0 = cust.home[0] * 2 + cust.pref[0]
    norm[:, key0] += cust.weight[0]  # the key fleet's usual visits belong to the baseline
    return norm.T.reshape(n_stations, 2, months)


def customers_table(cust: Customers, org: Org, seed: int) -> pa.Table:
    """The customers table of the contract (names and phones are invented)."""
    rng = np.random.default_rng([seed, 7])
    n = len(cust.ids)
    fleet = cust.kind == 1
    person = names.person_names(rng, n)
    city_names = np.array(org.city_names)[org.city[cust.home]]
    company = names.fleet_names(rng, n, city_names)
    return pa.table({
        "customer_id": cust.ids.tolist(),
        "name": np.where(fleet, company, person).tolist(),
        "phone": names.phones(rng, n),
        "kind": np.where(fleet, "fleet", "individual").tolist(),
        "grade": np.array(GRADES)[cust.grade].tolist(),
        "manager_id": pa.array(cust.manager, pa.string()),
        "home_station_id": np.array(org.station_ids)[cust.home].tolist(),
        "registered_on": pa.array(cust.registered, pa.date32()),
    })


class MonthPools:
    """Who buys where in one month: per station and fuel kind, customers and cumulative weights."""

    def __init__(self, cust: Customers, m: int, n_stations: int) -> None:
        self._w = cust.month_weights(m)
        key = cust.station_at(m) * 2 + cust.pref
        live = np.flatnonzero(self._w > 0)
        self._order = live[np.argsort(key[live], kind="stable")]
        self._bounds = np.searchsorted(key[self._order], np.arange(2 * n_stations + 1))
        total = np.bincount(key, self._w, minlength=2 * n_stations).reshape(-1, 2)
        norm = cust.norm[:, :, m]
        self.ratio = total / np.where(norm > 0, norm, 1.0)

    def get(self, s: int, kind: int) -> tuple[np.ndarray, np.ndarray]:
        """Customers buying `kind` (0 gasoline, 1 diesel) at station `s`, and their cum. weights."""
        idx = self._order[self._bounds[2 * s + kind]:self._bounds[2 * s + kind + 1]]
        return idx, np.cumsum(self._w[idx])
