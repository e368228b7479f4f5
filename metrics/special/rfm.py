"""RFM high-value customers (`rfm.high_value`), domain.md §1.6 adapted to the contract.

Per entity E and window ending on day T (M = T's month):
- rfm_base: customers active at E at M (last purchase at E's stations within k ≤ 3 months), the
  same set customers.status counts as `active`.
- R, F, Mon of a customer at E: days from their last purchase at E up to T; transactions and
  Σ paid_amount at E in the 90 days T−89..T (the as-of day counts).
- F_med, Mon_med: medians (percentile_cont 0.5) over the customers active at the province level
  (purchases at any visible station of the entities' provinces) of their province-wide F and Mon
  over the same 90 days; an active customer with no purchase in those 90 days enters with 0.
- rfm_high: customers at E with R ≤ 30 days, F ≥ F_med and Mon ≥ Mon_med (such a customer
  bought within 31 days of T, so is active at E).
The medians read only stations inside the caller's scope (fail closed), so a user who sees part of
the province gets medians over what they may see.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import CTE, Select, and_, func, select, union, union_all

from data.schema import agg_customer_month, fuel_sales, stations
from metrics.periods import Window, add_months, month_start
from metrics.special.base import ProviderRequest, ProviderSpec
from metrics.special.customers import (
    as_of_month_is_partial,
    count_if,
    customer_state,
    day_start,
    end_exclusive,
    entity_stations,
    zero_filled,
)
from metrics.special.rfm_rollup import build_high_value_rollup

OUTPUTS: tuple[str, ...] = ("rfm_high", "rfm_base")
LOOKBACK_DAYS = 90
RECENT_DAYS = 30


def province_stations(req: ProviderRequest, ent: CTE) -> CTE:
    """Visible stations of the provinces the requested entities belong to (entity = province)."""
    st = stations.c
    provinces = (
        select(stations.c.province_id)
        .join(ent, ent.c.station_id == stations.c.station_id)
        .scalar_subquery()
    )
    query = select(
        st.station_id, st.province_id.label("entity_id"), st.city_id, st.opened_on
    ).where(st.province_id.in_(provinces), req.scope.station_predicate(st))
    return query.cte("province_stations")


def station_frequency_money(w: Window, prov: CTE, rollup: bool = True,
                            current: CTE | None = None) -> CTE:  # fmt: skip
    """Per (station, customer) at the province's visible stations, in the 90 days up to the
    window end: transactions, paid and last purchase time. One scan serves both levels.
    `rollup`: whole months from agg_customer_month, only the cut months' days from raw rows
    (`current`: the as-of month's raw part, when the caller already has it)."""
    if rollup:
        return _station_fm_rollup(w, prov, current)
    fs = fuel_sales.c
    start = day_start(w.end - timedelta(days=LOOKBACK_DAYS - 1))
    return (
        select(
            fs.station_id,
            fs.customer_id,
            func.count().label("f"),
            func.sum(fs.paid_amount).label("mon"),
            func.max(fs.ts).label("last_ts"),
        )
        .join(prov, prov.c.station_id == fs.station_id)
        .where(fs.customer_id.is_not(None), fs.ts >= start, fs.ts < end_exclusive(w))
        .group_by(fs.station_id, fs.customer_id)
        .cte("station_fm")
    )


def whole_months(first: date, last: date) -> tuple[date, date]:
    """[from, to): the months lying wholly inside the days first..last (from == to: none)."""
    start = first if first.day == 1 else add_months(month_start(first), 1)
    after = last + timedelta(days=1)
    end = after if after.day == 1 else month_start(last)
    return start, max(start, end)


def _raw_fm(stations_cte: CTE, lo: datetime, hi: datetime) -> Select:
    """Raw F, Mon and last purchase per (station, customer) for lo <= ts < hi."""
    fs = fuel_sales.c
    return (
        select(fs.station_id, fs.customer_id, func.count().label("f"),
               func.sum(fs.paid_amount).label("mon"), func.max(fs.ts).label("last_ts"))
        .join(stations_cte, stations_cte.c.station_id == fs.station_id)
        .where(fs.customer_id.is_not(None), fs.ts >= lo, fs.ts < hi)
        .group_by(fs.station_id, fs.customer_id)
    )  # fmt: skip


def current_month_fm(w: Window, stations_cte: CTE, name: str = "current_fm") -> CTE | None:
    """The as-of month's raw part (its first day up to T) when the window cuts it short."""
    if not as_of_month_is_partial(w):
        return None
    return _raw_fm(stations_cte, day_start(w.last_month), end_exclusive(w)).cte(name)


def _station_fm_rollup(w: Window, prov: CTE, current: CTE | None) -> CTE:
    """station_frequency_money from whole months of agg_customer_month plus the raw rows of the
    (at most two) months the 90 days cut: about a third of the raw rows."""
    acm = agg_customer_month.c
    first = w.end - timedelta(days=LOOKBACK_DAYS - 1)
    m_from, m_to = whole_months(first, w.end)
    parts: list[Select] = [
        select(acm.station_id, acm.customer_id, acm.txn_count.label("f"),
               acm.paid_amount.label("mon"), acm.last_ts)
        .join(prov, prov.c.station_id == acm.station_id)
        .where(acm.month >= m_from, acm.month < m_to)
    ]  # fmt: skip
    if first < m_from:
        parts.append(_raw_fm(prov, day_start(first), day_start(m_from)))
    if as_of_month_is_partial(w):  # then m_to is the as-of month: its days 1..T
        cur = current if current is not None else current_month_fm(w, prov)
        parts.append(select(cur.c.station_id, cur.c.customer_id, cur.c.f, cur.c.mon,
                            cur.c.last_ts))  # fmt: skip
    rows = union_all(*parts).subquery("station_fm_parts")
    return (
        select(rows.c.station_id, rows.c.customer_id, func.sum(rows.c.f).label("f"),
               func.sum(rows.c.mon).label("mon"), func.max(rows.c.last_ts).label("last_ts"))
        .group_by(rows.c.station_id, rows.c.customer_id)
        .cte("station_fm")
    )  # fmt: skip


def active_customers(w: Window, where: CTE, name: str, rollup: bool = True,
                     current: CTE | None = None) -> CTE:  # fmt: skip
    """(entity_id, customer_id) of the customers active at M at `where`'s stations (k ≤ 3).

    `rollup`: a purchase in M−3..M is all "active" asks, so only those months are read (the
    as-of month's raw part when cut short), not a whole customer state."""
    m = w.last_month
    if not rollup:
        state = customer_state(w, where, prefix=f"{name}_", rollup=False)
        return (
            select(state.c.entity_id, state.c.customer_id)
            .where(state.c.last >= add_months(m, -3))
            .cte(name)
        )
    acm, partial = agg_customer_month.c, as_of_month_is_partial(w)
    parts: list[Select] = [
        select(where.c.entity_id, acm.customer_id)
        .join(where, where.c.station_id == acm.station_id)
        .where(acm.month >= add_months(m, -3), acm.month < m if partial else acm.month <= m)
        .distinct()  # a UNION of one part is rendered as that part alone
    ]
    if partial:
        cur = current if current is not None else current_month_fm(w, where, f"{name}_current")
        parts.append(
            select(where.c.entity_id, cur.c.customer_id)
            .join(where, where.c.station_id == cur.c.station_id)
        )
    return union(*parts).cte(name)


def frequency_money(per_station: CTE, where: CTE, name: str) -> CTE:
    """Per (entity, customer): F, Mon and last purchase time over `where`'s stations."""
    sfm = per_station.c
    return (
        select(
            where.c.entity_id,
            sfm.customer_id,
            func.sum(sfm.f).label("f"),
            func.sum(sfm.mon).label("mon"),
            func.max(sfm.last_ts).label("last_ts"),
        )
        .join(where, where.c.station_id == sfm.station_id)
        .group_by(where.c.entity_id, sfm.customer_id)
        .cte(name)
    )


def province_medians(w: Window, prov: CTE, per_station: CTE, rollup: bool = True,
                     active: CTE | None = None) -> CTE:  # fmt: skip
    """One row: median F and median Mon over the province's active customers (`active`: their
    (entity_id, customer_id) over `prov`, when the caller already has them)."""
    act = active if active is not None else active_customers(w, prov, "province_active", rollup)
    fm = frequency_money(per_station, prov, "province_fm")
    on = and_(fm.c.entity_id == act.c.entity_id, fm.c.customer_id == act.c.customer_id)
    rows = (
        select(
            func.coalesce(fm.c.f, 0).label("f"),
            func.coalesce(fm.c.mon, 0.0).label("mon"),
        )
        .select_from(act.outerjoin(fm, on))
        .subquery("province_active_fm")
    )
    return select(
        func.percentile_cont(0.5).within_group(rows.c.f).label("f_med"),
        func.percentile_cont(0.5).within_group(rows.c.mon).label("mon_med"),
    ).cte("province_medians")


def build_high_value(req: ProviderRequest) -> Select:
    """rfm.high_value: high-value (R ≤ 30 d, F and Mon ≥ province medians) and active customers.

    The rollup path is rfm_rollup.py's one grouped pass per level; the raw path (below) keeps
    the general pieces the customer lists and segments share, and the tests compare the two."""
    w = req.window
    ent = entity_stations(req)
    prov = province_stations(req, ent)
    if req.rollup:
        return build_high_value_rollup(req, prov, ent, LOOKBACK_DAYS, RECENT_DAYS)
    per_station = station_frequency_money(w, prov, rollup=False)
    prov_active = active_customers(w, prov, "province_active", rollup=False)
    med = province_medians(w, prov, per_station, False, prov_active)
    fm = frequency_money(per_station, ent, "entity_fm")
    ent_active = active_customers(w, ent, "entity_active", rollup=False)
    recent = day_start(w.end - timedelta(days=RECENT_DAYS))
    high = (
        select(fm.c.entity_id, count_if(fm.c.last_ts >= recent).label("rfm_high"))
        .select_from(fm.join(med, and_(fm.c.f >= med.c.f_med, fm.c.mon >= med.c.mon_med)))
        .group_by(fm.c.entity_id)
        .cte("rfm_high")
    )
    base = (
        select(ent_active.c.entity_id, func.count().label("n"))
        .group_by(ent_active.c.entity_id)
        .cte("rfm_base")
    )
    agg = (
        select(
            base.c.entity_id,
            func.coalesce(high.c.rfm_high, 0).label("rfm_high"),
            base.c.n.label("rfm_base"),
        )
        .select_from(base.outerjoin(high, high.c.entity_id == base.c.entity_id))
        .cte("rfm_counts")
    )
    return zero_filled(ent, agg, OUTPUTS)


HIGH_VALUE = ProviderSpec(
    name="rfm.high_value",
    outputs=OUTPUTS,
    build=build_high_value,
    sources=(
        "fuel_sales.customer_id",
        "fuel_sales.ts",
        "fuel_sales.paid_amount",
        "agg_customer_month.month",
        "agg_customer_month.liters",
        "agg_customer_month.txn_count",
        "agg_customer_month.paid_amount",
        "agg_customer_month.last_ts",
        "stations.province_id",
    ),
    description="RFM 重要价值客户：近 30 天在本单位加油，90 天频次与金额均不低于全省有效客户中位数",
)

SPECS: tuple[ProviderSpec, ...] = (HIGH_VALUE,)
