"""Amount bands (金额段): fuel tickets of an entity and window in 20-yuan bands of paid_amount.

A fuel transaction falls in band k when 20k ≤ paid_amount < 20(k+1) (data contract), so 199.99
is in [180, 200) and 200.00 in [200, 220). The distribution is ONE SQL statement grouped by the
band number, with the entity, the window and the caller's scope in the WHERE clause (bound
parameters only). Besides counts and liters each band carries Σ 1/list_price and
Σ paid/list_price, so the what-if below needs no second pass over the tickets.

What-if for moving a promotion threshold from `old` to `new` (multiples of 20, new > old):
- within reach: the tickets in [new − 20, new), one band;
- assumption (shown on screen): a share q of them top up to exactly `new`, the others stay;
- expected extra liters = q × Σ (new − paid) / list_price over those tickets;
- expected extra paid amount = q × Σ (new − paid);
- promotion cost at the same cost c per qualifying ticket: before c × #(paid ≥ old), after
  c × (#(paid ≥ new) + q × #within reach).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, Float, and_, case, cast, func, select

from data.schema import campaign_stations, campaigns, fuel_sales, stations
from data.scope import Scope
from metrics.periods import Level, Window
from metrics.special.customers import day_start, end_exclusive

BAND = 20.0
COMMON_THRESHOLDS: tuple[float, ...] = (100.0, 200.0, 300.0)


@dataclass(frozen=True)
class Band:
    """One 20-yuan band [lo, lo + 20): tickets, liters, paid amount and shares."""

    lo: float
    count: int
    liters: float
    paid: float
    inv_price: float  # Σ 1 / list_price
    paid_per_price: float  # Σ paid_amount / list_price
    share: float = 0.0
    cum_share: float = 0.0


@dataclass(frozen=True)
class Distribution:
    """The bands of one entity and window (only bands with tickets), lowest first."""

    level: str
    entity_id: str
    start: date
    end: date
    bands: tuple[Band, ...]
    below: tuple[tuple[float, int], ...] = ()  # (threshold, tickets in [threshold − 20, threshold))

    @property
    def count(self) -> int:
        """All fuel tickets of the window."""
        return sum(b.count for b in self.bands)

    @property
    def liters(self) -> float:
        """All liters of the window."""
        return sum(b.liters for b in self.bands)

    def band(self, lo: float) -> Band | None:
        """The band starting at `lo`, or None when it has no tickets."""
        return next((b for b in self.bands if abs(b.lo - lo) < 1e-9), None)

    def at_or_above(self, amount: float) -> int:
        """Tickets with paid_amount ≥ amount (amount a multiple of 20)."""
        return sum(b.count for b in self.bands if b.lo >= amount - 1e-9)


@dataclass(frozen=True)
class ThresholdShare:
    """Tickets just below a threshold: in [threshold − 20, threshold)."""

    threshold: float
    count: int
    share: float
    source: str  # "common" or a campaign id


@dataclass(frozen=True)
class WhatIf:
    """The outcome of moving a promotion threshold under the stated assumption."""

    old: float
    new: float
    q: float
    cost_per_ticket: float
    within_reach: int
    extra_liters: float
    extra_paid: float
    qualifying_before: int
    qualifying_after: float
    cost_before: float
    cost_after: float


def _station_filter(level: Level, entity_id: str, scope: Scope) -> object:
    st = stations.c
    return and_(st[level.column] == entity_id, scope.station_predicate(st))


def distribution(engine: Engine, scope: Scope, level: Level, entity_id: str, w: Window,
                 thresholds: Sequence[float] = ()) -> Distribution:  # fmt: skip
    """Fuel tickets of the entity's visible stations in the window, grouped by 20-yuan band.

    For each of the common thresholds and `thresholds` the same statement also counts the
    tickets in [t − 20, t), exactly even when t is no multiple of 20 (a 250-yuan 满减).
    """
    fs = fuel_sales.c
    band = cast(func.floor(fs.paid_amount / BAND), Float).label("band")
    asked = sorted({*COMMON_THRESHOLDS, *(float(x) for x in thresholds)})
    below = [func.sum(case((and_(fs.paid_amount >= x - BAND, fs.paid_amount < x), 1), else_=0)).label(f"b{i}")
             for i, x in enumerate(asked)]  # fmt: skip
    stmt = (
        select(
            band,
            func.count().label("n"),
            func.sum(fs.liters).label("liters"),
            func.sum(fs.paid_amount).label("paid"),
            func.sum(1.0 / fs.list_price).label("inv_price"),
            func.sum(fs.paid_amount / fs.list_price).label("paid_per_price"),
            *below,
        )
        .select_from(fuel_sales.join(stations, stations.c.station_id == fs.station_id))
        .where(
            _station_filter(level, entity_id, scope),
            fs.ts >= day_start(w.start),
            fs.ts < end_exclusive(w),
        )
        .group_by(band)
        .order_by(band)
    )
    with engine.connect() as conn:
        rows = conn.execute(stmt).mappings().all()
    raw = [Band(float(r["band"]) * BAND, int(r["n"]), float(r["liters"]), float(r["paid"]),
                float(r["inv_price"]), float(r["paid_per_price"])) for r in rows]  # fmt: skip
    total = sum(b.count for b in raw)
    bands, cum = [], 0
    for b in raw:
        cum += b.count
        bands.append(Band(b.lo, b.count, b.liters, b.paid, b.inv_price, b.paid_per_price,
                          b.count / total, cum / total))  # fmt: skip
    near = tuple((x, sum(int(r[f"b{i}"]) for r in rows)) for i, x in enumerate(asked))
    return Distribution(level.value, entity_id, w.start, w.end, tuple(bands), near)


def campaign_thresholds(engine: Engine, scope: Scope, level: Level, entity_id: str,
                        w: Window) -> dict[str, float]:  # fmt: skip
    """threshold_amount of campaigns overlapping the window at the entity's visible stations.

    A recharge bonus's threshold is a card top-up amount, not a fuel ticket: left out."""
    c, cs = campaigns.c, campaign_stations.c
    stmt = (
        select(c.campaign_id, c.threshold_amount)
        .select_from(campaigns.join(campaign_stations, cs.campaign_id == c.campaign_id)
                     .join(stations, stations.c.station_id == cs.station_id))  # fmt: skip
        .where(
            c.threshold_amount.is_not(None),
            c.kind != "recharge_bonus",
            c.start_date <= w.end,
            c.end_date >= w.start,
            _station_filter(level, entity_id, scope),
        )
        .distinct()
        .order_by(c.campaign_id)
    )
    with engine.connect() as conn:
        return {r[0]: float(r[1]) for r in conn.execute(stmt)}


def just_below(dist: Distribution, thresholds: dict[str, float]) -> list[ThresholdShare]:
    """Share of tickets in [t − 20, t) for the common thresholds and the campaigns' ones."""
    asked = [(t, "common") for t in COMMON_THRESHOLDS]
    asked += [(t, cid) for cid, t in thresholds.items() if t not in COMMON_THRESHOLDS]
    counted = dict(dist.below)
    out = []
    for t, source in sorted(asked):
        if t not in counted:
            raise ValueError(f"threshold {t} was not counted: pass it to distribution()")
        n = counted[t]
        out.append(ThresholdShare(t, n, n / dist.count if dist.count else 0.0, source))
    return out


def what_if(dist: Distribution, old: float, new: float, q: float,
            cost_per_ticket: float) -> WhatIf:  # fmt: skip
    """Move a promotion threshold `old` → `new` (multiples of 20); see the module docstring."""
    if old % BAND or new % BAND or new <= old or not 0.0 <= q <= 1.0:
        raise ValueError("thresholds must be multiples of 20 with new > old, and 0 ≤ q ≤ 1")
    reach = dist.band(new - BAND)
    n = reach.count if reach else 0
    gap_liters = (new * reach.inv_price - reach.paid_per_price) if reach else 0.0
    gap_paid = (new * n - reach.paid) if reach else 0.0
    before = dist.at_or_above(old)
    after = dist.at_or_above(new) + q * n
    return WhatIf(old, new, q, cost_per_ticket, n, q * gap_liters, q * gap_paid,
                  before, after, cost_per_ticket * before, cost_per_ticket * after)  # fmt: skip
