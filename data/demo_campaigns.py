"""Marketing campaigns (营销活动): about four per city and month, and their effect on each day.

Kinds follow the contract: `discount` (extra yuan per litre off), `threshold` (满X减Y on the ticket,
which also pulls preset tickets up to the threshold), `gift` (a gift from a ticket size on; pulls
tickets up, costs only its `cost`), `recharge_bonus` (a bigger top-up bonus). Each lifts its
stations' demand by a few percent, so a control-group comparison finds a visible uplift
(domain.md §4.8: typically 0–10 %). Direct costs are booked to the stations' `marketing` expenses.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from data.demo_calendar import Calendar
from data.demo_org import Org

KINDS = ("discount", "threshold", "gift", "recharge_bonus")
_KIND_P = (0.35, 0.25, 0.25, 0.15)
_UPLIFT = {"discount": (1.04, 1.08), "threshold": (1.03, 1.06), "gift": (1.02, 1.04),
           "recharge_bonus": (1.01, 1.02)}


@dataclass
class Effects:
    """Per station × day campaign effects, read by the fuel and recharge generators."""

    uplift: np.ndarray  # demand multiplier
    disc_per_l: np.ndarray  # extra discount, yuan/L
    threshold: np.ndarray  # 满减 threshold (yuan), 0 = none
    cut: np.ndarray  # 满减 amount (yuan)
    pull: np.ndarray  # ticket size customers are pulled up to (threshold or gift), 0 = none
    bonus_rate: np.ndarray  # recharge bonus rate during recharge_bonus campaigns
    cost: np.ndarray  # (stations, months) direct campaign cost booked to marketing


def build_campaigns(seed: int, org: Org, cal: Calendar) -> tuple[pa.Table, pa.Table, Effects]:
    """Campaigns, campaign_stations and the daily effects of every campaign."""
    rng = np.random.default_rng([seed, 4])
    n_days = len(cal.days)
    eff = Effects(np.ones((org.n, n_days), np.float32), np.zeros((org.n, n_days), np.float32),
                  np.zeros((org.n, n_days), np.float32), np.zeros((org.n, n_days), np.float32),
                  np.zeros((org.n, n_days), np.float32), np.zeros((org.n, n_days), np.float32),
                  np.zeros((org.n, cal.n_months)))
    rows: dict[str, list] = {k: [] for k in ("campaign_id", "name", "kind", "start_date",
                                             "end_date", "cost", "threshold_amount")}
    links: dict[str, list] = {"campaign_id": [], "station_id": []}
    last_day = cal.month_starts[-1] - np.timedelta64(1, "D")
    n_city = np.bincount(org.city, minlength=len(org.city_ids))
    for m in range(cal.n_months):
        for c, city_id in enumerate(org.city_ids):
            rate = min(4.0, max(2.0, n_city[c] / 10))  # ~4 a month in a city of 40+ stations
            for k in range(int(np.clip(rng.poisson(rate), 1, 8))):
                start = cal.month_starts[m] + np.timedelta64(int(rng.integers(0, 25)), "D")
                stations = _pick_stations(rng, org, c, start)
                if len(stations) == 0:
                    continue
                dur = int(rng.choice([3, 5, 7, 7, 10, 14, 14, 21, 31]))
                end = min(start + np.timedelta64(dur - 1, "D"), last_day)
                cid = f"CP{cal.labels[m].replace('-', '')}{city_id}{k + 1:02d}"
                kind, name, th, cost = _describe(rng, m, cal, stations, dur)
                _apply(rng, eff, kind, th, stations, start, end, cal)
                eff.cost[stations, m] += cost / len(stations)
                for col, val in zip(rows, (cid, name, kind, start, end, cost, th), strict=True):
                    rows[col].append(val)
                links["campaign_id"] += [cid] * len(stations)
                links["station_id"] += [org.station_ids[s] for s in stations]
    campaigns = pa.table({
        "campaign_id": rows["campaign_id"], "name": rows["name"], "kind": rows["kind"],
        "start_date": pa.array(np.array(rows["start_date"], "datetime64[D]"), pa.date32()),
        "end_date": pa.array(np.array(rows["end_date"], "datetime64[D]"), pa.date32()),
        "cost": pa.array(rows["cost"], pa.float64()),
        "threshold_amount": pa.array(rows["threshold_amount"], pa.float64()),
    })
    return campaigns, pa.table(links), eff


def _pick_stations(rng: np.random.Generator, org: Org, city: int, start) -> np.ndarray:
    """One whole team of the city, or a random 30–60 % of its stations (open at the start)."""
    in_city = np.flatnonzero((org.city == city) & (org.opened <= start))
    if len(in_city) == 0:
        return in_city
    if rng.random() < 0.5:
        team = rng.choice(np.unique(org.team[in_city]))
        return in_city[org.team[in_city] == team]
    size = max(1, round(rng.uniform(0.3, 0.6) * len(in_city)))
    return np.sort(rng.choice(in_city, size, replace=False))


def _describe(rng: np.random.Generator, m: int, cal: Calendar, stations, dur: int):
    """Kind, Chinese name, threshold and direct cost of one campaign."""
    kind = str(rng.choice(KINDS, p=_KIND_P))
    month = int(cal.labels[m][5:])
    scale = np.sqrt(len(stations) * dur / 40)
    cost = float(np.clip(round(rng.lognormal(np.log(15_000), 0.5) * scale, -2), 5_000, 200_000))
    th: float | None = None
    if kind == "discount":
        name = f"{month}月会员日油品直降"
    elif kind == "threshold":
        th = float(rng.choice([200, 220, 220, 250]))
        name = f"加油满{th:.0f}元立减"
    elif kind == "gift":
        th = float(rng.choice([200, 300])) if rng.random() < 0.6 else None
        name = f"加油满{th:.0f}元送洗车" if th else f"{month}月加油送好礼"
    else:
        th = float(rng.choice([500, 1000, 2000]))
        name = f"充值满{th:.0f}元赠送"
    return kind, name, th, cost


def _apply(rng: np.random.Generator, eff: Effects, kind: str, th, stations, start, end, cal: Calendar) -> None:
    """Write one campaign's effect into the station × day arrays."""
    lo = int((start - cal.days[0]).astype(int))
    hi = min(int((end - cal.days[0]).astype(int)) + 1, len(cal.days))
    if hi <= lo:
        return
    idx = np.ix_(stations, np.arange(lo, hi))
    # Overlapping campaigns do not add up: a driver comes for the best offer, not for each one.
    eff.uplift[idx] = np.maximum(eff.uplift[idx], rng.uniform(*_UPLIFT[kind]))
    if kind == "discount":
        eff.disc_per_l[idx] = np.maximum(eff.disc_per_l[idx], rng.choice([0.2, 0.3, 0.4]))
    elif kind == "threshold":
        eff.threshold[idx] = th
        eff.cut[idx] = rng.choice([5, 8, 10])
        eff.pull[idx] = th
    elif kind == "gift" and th:
        eff.pull[idx] = np.maximum(eff.pull[idx], th)
    elif kind == "recharge_bonus":
        eff.bonus_rate[idx] = rng.uniform(0.03, 0.05)
