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

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import CTE, Date, Engine, Select, and_, case, cast, func, select, true, union

from data import customers as q
from data.schema import card_recharges, customers, fuel_sales
from data.scope import Scope
from metrics.periods import Level, Window, add_months
from metrics.special.base import ProviderRequest
from metrics.special.customers import customer_state, day_start, end_exclusive, entity_stations
from metrics.special.rfm import (
    LOOKBACK_DAYS,
    RECENT_DAYS,
    current_month_fm,
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
    """One row per customer active at the entity: R, F, Mon, the province medians and the tags
    (all computed in SQL: the Python side only scores, so a team's 20k customers cost one
    statement and 20k rows, not the 300k rows of purchase days and product mixes)."""
    w, scope = req.window, req.scope
    ent = entity_stations(req)
    prov = province_stations(req, ent)
    cur = current_month_fm(w, prov) if req.rollup else None
    per_station = station_frequency_money(w, prov, req.rollup, cur)
    med = province_medians(w, prov, per_station, req.rollup)
    fm = frequency_money(per_station, ent, "entity_fm")
    state = customer_state(w, ent, rollup=req.rollup, last_ts=True)
    tags = _tags_cte(req, ent)
    cu, s, tg = customers.c, state.c, tags.c
    return (
        select(s.customer_id, *q.person_columns(scope), cu.kind, cu.grade, cu.manager_id,
               s.last_ts, func.coalesce(fm.c.f, 0).label("f"),
               func.coalesce(fm.c.mon, 0.0).label("mon"), med.c.f_med, med.c.mon_med,
               tg.preferred_product, tg.usual_station, tg.n_txn, tg.n_disc, tg.cycle_days,
               func.coalesce(tg.recharge_count, 0).label("recharge_count"),
               func.coalesce(tg.recharge_amount, 0.0).label("recharge_amount"))
        .select_from(
            state.join(med, true())
            .outerjoin(fm, and_(fm.c.entity_id == s.entity_id, fm.c.customer_id == s.customer_id))
            .outerjoin(customers, cu.customer_id == s.customer_id)
            .outerjoin(tags, tg.customer_id == s.customer_id)
        )
        .where(s.last >= add_months(w.last_month, -3))
        .order_by(s.customer_id)
    )  # fmt: skip


def _mix_cte(req: ProviderRequest, ent: CTE) -> CTE:
    """Per (customer, product, station) in the 90 days: liters, transactions, discounted ones."""
    fs, w = fuel_sales.c, req.window
    discounted = fs.paid_amount < fs.liters * fs.list_price - _EPS
    return (
        select(fs.customer_id, fs.product_code, fs.station_id,
               func.sum(fs.liters).label("liters"), func.count().label("n"),
               func.sum(case((discounted, 1), else_=0)).label("disc"))
        .join(ent, ent.c.station_id == fs.station_id)
        .where(fs.customer_id.is_not(None), fs.ts >= _lookback(w), fs.ts < end_exclusive(w))
        .group_by(fs.customer_id, fs.product_code, fs.station_id)
        .cte("tag_mix")
    )  # fmt: skip


def _top_cte(mix: CTE, key: str, amount: object, name: str) -> CTE:
    """Per customer, the `key` with the largest amount (ties: the smallest key)."""
    per = (
        select(mix.c.customer_id, mix.c[key].label("k"), func.sum(amount).label("amount"))
        .group_by(mix.c.customer_id, mix.c[key])
        .subquery(f"{name}_sums")
    )
    ranked = select(
        per.c.customer_id, per.c.k,
        func.row_number().over(partition_by=per.c.customer_id,
                               order_by=(per.c.amount.desc(), per.c.k)).label("rn"),
    ).subquery(f"{name}_ranked")  # fmt: skip
    return select(ranked.c.customer_id, ranked.c.k).where(ranked.c.rn == 1).cte(name)


def _cycle_cte(req: ProviderRequest, ent: CTE) -> CTE:
    """Per customer: the median of the day gaps between consecutive purchase days (90 days)."""
    fs, w = fuel_sales.c, req.window
    days = (
        select(fs.customer_id, cast(fs.ts, Date).label("day")).distinct()
        .join(ent, ent.c.station_id == fs.station_id)
        .where(fs.customer_id.is_not(None), fs.ts >= _lookback(w), fs.ts < end_exclusive(w))
        .subquery("tag_days")
    )  # fmt: skip
    prev = func.lag(days.c.day).over(partition_by=days.c.customer_id, order_by=days.c.day)
    gaps = select(days.c.customer_id, (days.c.day - prev).label("gap")).subquery("tag_gaps")
    return (
        select(gaps.c.customer_id,
               func.percentile_cont(0.5).within_group(gaps.c.gap).label("cycle_days"))
        .where(gaps.c.gap.is_not(None))
        .group_by(gaps.c.customer_id)
        .cte("tag_cycle")
    )  # fmt: skip


def _tags_cte(req: ProviderRequest, ent: CTE) -> CTE:
    """Per customer with a purchase or a recharge at the entity in the 90 days: preferred
    product (most liters), usual station (most transactions), transactions and discounted
    ones, purchase cycle, recharges (count, amount)."""
    cr, w = card_recharges.c, req.window
    mix = _mix_cte(req, ent)
    product = _top_cte(mix, "product_code", mix.c.liters, "tag_product")
    station = _top_cte(mix, "station_id", mix.c.n, "tag_station")
    counts = (
        select(mix.c.customer_id, func.sum(mix.c.n).label("n_txn"),
               func.sum(mix.c.disc).label("n_disc"))
        .group_by(mix.c.customer_id).cte("tag_counts")
    )  # fmt: skip
    cycle = _cycle_cte(req, ent)
    recharges = (
        select(cr.customer_id, func.count().label("recharge_count"),
               func.sum(cr.amount).label("recharge_amount"))
        .join(ent, ent.c.station_id == cr.station_id)
        .where(cr.ts >= _lookback(w), cr.ts < end_exclusive(w))
        .group_by(cr.customer_id)
        .cte("tag_recharges")
    )  # fmt: skip
    ids = union(select(counts.c.customer_id), select(recharges.c.customer_id)).subquery("tag_ids")
    return (
        select(ids.c.customer_id, product.c.k.label("preferred_product"),
               station.c.k.label("usual_station"), counts.c.n_txn, counts.c.n_disc,
               cycle.c.cycle_days, recharges.c.recharge_count, recharges.c.recharge_amount)
        .select_from(
            ids.outerjoin(product, product.c.customer_id == ids.c.customer_id)
            .outerjoin(station, station.c.customer_id == ids.c.customer_id)
            .outerjoin(counts, counts.c.customer_id == ids.c.customer_id)
            .outerjoin(cycle, cycle.c.customer_id == ids.c.customer_id)
            .outerjoin(recharges, recharges.c.customer_id == ids.c.customer_id)
        )
        .cte("tags")
    )  # fmt: skip


def profiles(engine: Engine, level: str, entity_id: str, window: Window,
             scope: Scope) -> list[Profile]:  # fmt: skip
    """Every active customer at the entity with RFM scores, segment and tags (by id)."""
    if scope.aggregates_only:
        raise PermissionError("an aggregates-only scope may not read customer rows")
    req = ProviderRequest(Level(level), (entity_id,), window, scope)
    with engine.connect() as conn:
        rows = conn.execute(_rfm_statement(req)).mappings().all()
    return [_profile(r, window) for r in rows]


def _profile(r: Mapping[str, Any], w: Window) -> Profile:
    last = r["last_ts"]
    r_days = (w.end - (last.date() if isinstance(last, datetime) else last)).days
    f, mon = int(r["f"]), float(r["mon"])
    f_med, m_med = float(r["f_med"] or 0), float(r["mon_med"] or 0)
    high = (r_days <= RECENT_DAYS, f >= f_med, mon >= m_med)
    n_txn, cycle = r["n_txn"], r["cycle_days"]
    return Profile(
        customer_id=r["customer_id"], name=r["name"], phone=r["phone"], kind=r["kind"],
        grade=r["grade"], manager_id=r["manager_id"], r_days=r_days, frequency=f, monetary=mon,
        r_score=r_score(r_days), f_score=ratio_score(f, r["f_med"]),
        m_score=ratio_score(mon, r["mon_med"]), segment=SEGMENTS[high],
        preferred_product=r["preferred_product"], usual_station=r["usual_station"],
        cycle_days=float(cycle) if cycle is not None else None,
        discount_share=int(r["n_disc"]) / int(n_txn) if n_txn else None,
        recharge_count=int(r["recharge_count"]), recharge_amount=float(r["recharge_amount"]),
        f_median=f_med, m_median=m_med,
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
