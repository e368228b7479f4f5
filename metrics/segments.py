"""Customer segments and tags (客户画像) at an entity: RFM scores, segment, and behaviour tags.

Population: the customers active at the entity at M (k ≤ 3), the same set `rfm.high_value`
calls `rfm_base`. Per customer, at the entity's visible stations, as of the window's last day T:
- R: days from the last purchase at the entity to T; F: transactions and Mon: Σ paid in the 90
  days T−89..T (rfm.py's definitions). High R: R ≤ 30 days; high F / Mon: ≥ the median over the
  province's active customers (rfm.py's `province_medians`, scope applied).
- Scores 1–5 keep those lines: R 5 ≤ 7 d, 4 ≤ 15, 3 ≤ 30, 2 ≤ 60, else 1; F and Mon by their
  ratio to the province median: 5 ≥ 2×, 4 ≥ 1.5×, 3 ≥ 1×, 2 ≥ 0.5×, else 1. So score ≥ 3 is
  "high", and the segment 重要价值 (R, F, Mon all high) is exactly `rfm_high`.
- Segment: the eight classic RFM cells (`SEGMENTS`, keyed by high/low of R, F, Mon).
- Tags over the same 90 days: preferred product (most liters), usual station (most
  transactions), purchase cycle (median days between consecutive purchase days; needs two),
  price sensitivity (share of transactions paid below list price × liters), recharges (count and
  amount of card recharges at the entity's stations).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta

from sqlalchemy import Date, Engine, Select, and_, case, cast, func, select, true

from data import customers as q
from data.schema import card_recharges, customers, fuel_sales
from data.scope import Scope
from metrics.periods import Level, Window, add_months
from metrics.special.base import ProviderRequest
from metrics.special.customers import customer_state, day_start, end_exclusive, entity_stations
from metrics.special.rfm import (
    LOOKBACK_DAYS,
    RECENT_DAYS,
    frequency_money,
    province_medians,
    province_stations,
    station_frequency_money,
)

SEGMENTS: dict[tuple[bool, bool, bool], str] = {
    (True, True, True): "important_value", (True, False, True): "important_develop",
    (False, True, True): "important_keep", (False, False, True): "important_retain",
    (True, True, False): "general_value", (True, False, False): "general_develop",
    (False, True, False): "general_keep", (False, False, False): "general_retain",
}  # fmt: skip
SENSITIVE_SHARE = 0.5  # price-sensitive: at least half of the purchases were discounted
_EPS = 0.005  # half a fen: paid below list × liters by more than rounding counts as discounted


@dataclass(frozen=True)
class Profile:
    """One active customer at the entity with RFM scores and tags."""

    customer_id: str
    name: str | None
    phone: str | None
    kind: str | None
    grade: str | None
    manager_id: str | None
    r_days: int
    frequency: int
    monetary: float
    r_score: int
    f_score: int
    m_score: int
    segment: str
    preferred_product: str | None
    usual_station: str | None
    cycle_days: float | None
    discount_share: float | None
    recharge_count: int
    recharge_amount: float
    f_median: float = 0.0  # the province medians the F and Mon lines used
    m_median: float = 0.0

    @property
    def price_sensitive(self) -> bool:
        """At least SENSITIVE_SHARE of the 90 days' purchases were discounted."""
        return self.discount_share is not None and self.discount_share >= SENSITIVE_SHARE

    @property
    def recharger(self) -> bool:
        """Recharged a card at the entity in the 90 days."""
        return self.recharge_count > 0


def r_score(days: int) -> int:
    """5 ≤ 7 days, 4 ≤ 15, 3 ≤ 30, 2 ≤ 60, else 1."""
    return next((s for s, lim in ((5, 7), (4, 15), (3, RECENT_DAYS), (2, 60)) if days <= lim), 1)


def ratio_score(value: float, median: float | None) -> int:
    """5 ≥ 2× the median, 4 ≥ 1.5×, 3 ≥ 1×, 2 ≥ 0.5×, else 1. A zero median (nobody bought):
    every value is at or above it, so 3, or 5 for a positive value."""
    med = float(median or 0)
    if med <= 0:
        return 5 if value > 0 else 3
    return next((sc for sc, k in ((5, 2.0), (4, 1.5), (3, 1.0), (2, 0.5)) if value >= k * med), 1)


def _lookback(w: Window) -> datetime:
    return day_start(w.end - timedelta(days=LOOKBACK_DAYS - 1))


def _rfm_statement(req: ProviderRequest) -> Select:
    w, scope = req.window, req.scope
    ent = entity_stations(req)
    prov = province_stations(req, ent)
    per_station = station_frequency_money(w, prov)
    med = province_medians(w, prov, per_station)
    fm = frequency_money(per_station, ent, "entity_fm")
    state = customer_state(w, ent)
    last = q.last_purchase(ent, w.end)
    cu, s = customers.c, state.c
    return (
        select(s.customer_id, *q.person_columns(scope), cu.kind, cu.grade, cu.manager_id,
               last.c.last_ts, func.coalesce(fm.c.f, 0).label("f"),
               func.coalesce(fm.c.mon, 0.0).label("mon"), med.c.f_med, med.c.mon_med)
        .select_from(
            state.join(med, true())
            .outerjoin(fm, and_(fm.c.entity_id == s.entity_id, fm.c.customer_id == s.customer_id))
            .outerjoin(customers, cu.customer_id == s.customer_id)
            .outerjoin(last, last.c.customer_id == s.customer_id)
        )
        .where(s.last >= add_months(w.last_month, -3))
        .order_by(s.customer_id)
    )  # fmt: skip


def _mix_statement(req: ProviderRequest) -> Select:
    """Per (customer, product, station) in the 90 days: liters, transactions, discounted ones."""
    fs, w = fuel_sales.c, req.window
    ent = entity_stations(req)
    discounted = fs.paid_amount < fs.liters * fs.list_price - _EPS
    return (
        select(fs.customer_id, fs.product_code, fs.station_id,
               func.sum(fs.liters).label("liters"), func.count().label("n"),
               func.sum(case((discounted, 1), else_=0)).label("disc"))
        .join(ent, ent.c.station_id == fs.station_id)
        .where(fs.customer_id.is_not(None), fs.ts >= _lookback(w), fs.ts < end_exclusive(w))
        .group_by(fs.customer_id, fs.product_code, fs.station_id)
    )  # fmt: skip


def _days_statement(req: ProviderRequest) -> Select:
    """Distinct purchase days per customer in the 90 days (the cycle is computed from them)."""
    fs, w = fuel_sales.c, req.window
    ent = entity_stations(req)
    day = cast(fs.ts, Date).label("day")
    return (
        select(fs.customer_id, day).distinct()
        .join(ent, ent.c.station_id == fs.station_id)
        .where(fs.customer_id.is_not(None), fs.ts >= _lookback(w), fs.ts < end_exclusive(w))
    )  # fmt: skip


def _recharge_statement(req: ProviderRequest) -> Select:
    cr, w = card_recharges.c, req.window
    ent = entity_stations(req)
    return (
        select(cr.customer_id, func.count().label("n"), func.sum(cr.amount).label("amount"))
        .join(ent, ent.c.station_id == cr.station_id)
        .where(cr.ts >= _lookback(w), cr.ts < end_exclusive(w))
        .group_by(cr.customer_id)
    )


# ---- assembling the profiles ------------------------------------------------------------------


def _tags(engine: Engine, req: ProviderRequest) -> dict[str, dict[str, object]]:
    """Preferred product, usual station, discount share, cycle, recharges per customer."""
    liters: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    visits: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    days: dict[str, list[date]] = defaultdict(list)
    with engine.connect() as conn:
        for r in conn.execute(_mix_statement(req)):
            liters[r.customer_id][r.product_code] += float(r.liters)
            visits[r.customer_id][r.station_id] += int(r.n)
            counts[r.customer_id][0] += int(r.n)
            counts[r.customer_id][1] += int(r.disc)
        for r in conn.execute(_days_statement(req)):
            days[r.customer_id].append(r.day.date() if isinstance(r.day, datetime) else r.day)
        recharges = {r.customer_id: (int(r.n), float(r.amount))
                     for r in conn.execute(_recharge_statement(req))}  # fmt: skip
    out: dict[str, dict[str, object]] = {}
    for cid in set(liters) | set(recharges):
        out[cid] = {
            "preferred_product": _top(liters.get(cid, {})),
            "usual_station": _top(visits.get(cid, {})),
            "discount_share": counts[cid][1] / counts[cid][0] if counts[cid][0] else None,
            "cycle_days": _cycle(days.get(cid, [])),
            "recharge_count": recharges.get(cid, (0, 0.0))[0],
            "recharge_amount": recharges.get(cid, (0, 0.0))[1],
        }
    return out


def _top(amounts: dict[str, float] | dict[str, int]) -> str | None:
    """The key with the largest amount (ties: the smallest key), None when empty."""
    return min(amounts, key=lambda k: (-amounts[k], k)) if amounts else None


def _cycle(days: list[date]) -> float | None:
    """Median days between consecutive purchase days; None with fewer than two."""
    ds = sorted(set(days))
    gaps = [(b - a).days for a, b in zip(ds, ds[1:], strict=False)]
    return float(statistics.median(gaps)) if gaps else None


def profiles(engine: Engine, level: str, entity_id: str, window: Window,
             scope: Scope) -> list[Profile]:  # fmt: skip
    """Every active customer at the entity with RFM scores, segment and tags (by id)."""
    if scope.aggregates_only:
        raise PermissionError("an aggregates-only scope may not read customer rows")
    req = ProviderRequest(Level(level), (entity_id,), window, scope)
    with engine.connect() as conn:
        rows = conn.execute(_rfm_statement(req)).mappings().all()
    tags = _tags(engine, req) if rows else {}
    none = {"preferred_product": None, "usual_station": None, "discount_share": None,
            "cycle_days": None, "recharge_count": 0, "recharge_amount": 0.0}  # fmt: skip
    return [_profile(r, window, tags.get(r["customer_id"], none)) for r in rows]


def _profile(r: dict, w: Window, tags: dict[str, object]) -> Profile:
    last = r["last_ts"]
    r_days = (w.end - (last.date() if isinstance(last, datetime) else last)).days
    f, mon = int(r["f"]), float(r["mon"])
    high = (r_days <= RECENT_DAYS, f >= float(r["f_med"] or 0), mon >= float(r["mon_med"] or 0))
    return Profile(
        customer_id=r["customer_id"], name=r["name"], phone=r["phone"], kind=r["kind"],
        grade=r["grade"], manager_id=r["manager_id"], r_days=r_days, frequency=f, monetary=mon,
        r_score=r_score(r_days), f_score=ratio_score(f, r["f_med"]),
        m_score=ratio_score(mon, r["mon_med"]), segment=SEGMENTS[high],
        f_median=float(r["f_med"] or 0), m_median=float(r["mon_med"] or 0), **tags,  # type: ignore[arg-type]
    )  # fmt: skip


# ---- filtering by tags ------------------------------------------------------------------------


@dataclass(frozen=True)
class TagFilter:
    """Any combination of tags; an empty field does not filter. Sets match any member."""

    segments: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    grades: frozenset[str] = frozenset()
    products: frozenset[str] = frozenset()
    stations: frozenset[str] = frozenset()
    price_sensitive: bool | None = None
    recharger: bool | None = None
    min_r: int = 1
    min_f: int = 1
    min_m: int = 1
    max_cycle_days: float | None = None

    def matches(self, p: Profile) -> bool:
        """Whether a profile passes every set condition."""
        in_sets = all(not want or have in want for want, have in (
            (self.segments, p.segment), (self.kinds, p.kind), (self.grades, p.grade),
            (self.products, p.preferred_product), (self.stations, p.usual_station)))  # fmt: skip
        flags = all(want is None or want == have for want, have in (
            (self.price_sensitive, p.price_sensitive), (self.recharger, p.recharger)))  # fmt: skip
        scores = p.r_score >= self.min_r and p.f_score >= self.min_f and p.m_score >= self.min_m
        cycle = self.max_cycle_days is None or (
            p.cycle_days is not None and p.cycle_days <= self.max_cycle_days)
        return in_sets and flags and scores and cycle


def select_profiles(items: list[Profile], tags: TagFilter) -> list[Profile]:
    """The target list: profiles matching `tags`, highest Mon first."""
    return sorted((p for p in items if tags.matches(p)), key=lambda p: (-p.monetary, p.customer_id))


PROFILE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Profile))
