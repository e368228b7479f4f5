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

from datetime import timedelta

from sqlalchemy import CTE, Select, and_, func, select

from data.schema import fuel_sales, stations
from metrics.periods import Window, add_months
from metrics.special.base import ProviderRequest, ProviderSpec
from metrics.special.customers import (
    count_if,
    customer_state,
    day_start,
    end_exclusive,
    entity_stations,
    zero_filled,
)

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


def station_frequency_money(w: Window, prov: CTE) -> CTE:
    """Per (station, customer) at the province's visible stations, in the 90 days up to the
    window end: transactions, paid and last purchase time. One scan serves both levels."""
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


def province_medians(w: Window, prov: CTE, per_station: CTE) -> CTE:
    """One row: median F and median Mon over the province's active customers."""
    state = customer_state(w, prov, prefix="province_")
    fm = frequency_money(per_station, prov, "province_fm")
    on = and_(fm.c.entity_id == state.c.entity_id, fm.c.customer_id == state.c.customer_id)
    active = (
        select(
            func.coalesce(fm.c.f, 0).label("f"),
            func.coalesce(fm.c.mon, 0.0).label("mon"),
        )
        .select_from(state.outerjoin(fm, on))
        .where(state.c.last >= add_months(w.last_month, -3))
        .subquery("province_active")
    )
    return select(
        func.percentile_cont(0.5).within_group(active.c.f).label("f_med"),
        func.percentile_cont(0.5).within_group(active.c.mon).label("mon_med"),
    ).cte("province_medians")


def build_high_value(req: ProviderRequest) -> Select:
    """rfm.high_value: high-value (R ≤ 30 d, F and Mon ≥ province medians) and active customers."""
    w = req.window
    ent = entity_stations(req)
    prov = province_stations(req, ent)
    per_station = station_frequency_money(w, prov)
    med = province_medians(w, prov, per_station)
    fm = frequency_money(per_station, ent, "entity_fm")
    state = customer_state(w, ent)
    recent = day_start(w.end - timedelta(days=RECENT_DAYS))
    high = (
        select(fm.c.entity_id, count_if(fm.c.last_ts >= recent).label("rfm_high"))
        .select_from(fm.join(med, and_(fm.c.f >= med.c.f_med, fm.c.mon >= med.c.mon_med)))
        .group_by(fm.c.entity_id)
        .cte("rfm_high")
    )
    base = (
        select(state.c.entity_id, count_if(state.c.last >= add_months(w.last_month, -3)).label("n"))
        .group_by(state.c.entity_id)
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
        "stations.province_id",
    ),
    description="RFM 重要价值客户：近 30 天在本单位加油，90 天频次与金额均不低于全省有效客户中位数",
)

SPECS: tuple[ProviderSpec, ...] = (HIGH_VALUE,)
