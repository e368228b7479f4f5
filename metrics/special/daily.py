"""Station-day providers: volume anomalies, suspected stock-outs, active nozzles (theme J).

A day with no sale at all is the most telling anomaly, so these providers build a calendar (a
VALUES list of bound dates, portable across dialects) and a complete station × day grid from each
station's opening day, then look back with window functions over that contiguous grid:
- daily.anomaly: a station-day d of the window has history when the station was open on d−28 and
  the mean pump tonnes of d−7, d−14, d−21, d−28 is above 0; it is an anomaly when its tonnes are
  strictly below 70 % of that mean (compared exactly as 40·t < 7·Σ4). Outputs anomaly_days and
  station_days_with_history.
- daily.stockout: a (station, product, day) of the window with no liters, where the product sold
  at the station on at least 80 % of the previous 28 days (≥ 23 of 28; days before the station
  opened count as not sold). Products are those the station sold in the window or the 28 days
  before. Output stockout_events.
- daily.nozzles: distinct (station, nozzle_no, day) with at least one sale in the window. Output
  active_nozzle_days (the denominator nozzle_days comes from the `station` fact).
Days after the window end are never read; the evaluator's as-of date keeps future days out.

Tonnes and liters per station(-product)-day are read from `agg_fuel_day` when the request may
read rollups and the store's is current (the same sums, from ~7× fewer rows); nozzle days need
the nozzle number, which the rollup does not keep, so they stay on the rows.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import CTE, Date, Select, and_, case, cast, column, func, select, values

from data.schema import agg_fuel_day, fuel_sales, products
from metrics.periods import Window
from metrics.rollup_state import rollup_current
from metrics.special.base import ProviderRequest, ProviderSpec
from metrics.special.customers import (
    count_if,
    day_start,
    end_exclusive,
    entity_stations,
    zero_filled,
)

LOOKBACK_DAYS = 28
ANOMALY_OUTPUTS: tuple[str, ...] = ("anomaly_days", "station_days_with_history")
STOCKOUT_OUTPUTS: tuple[str, ...] = ("stockout_events",)
NOZZLE_OUTPUTS: tuple[str, ...] = ("active_nozzle_days",)


def calendar(first: date, last: date) -> CTE:
    """Every day from first to last (inclusive) as a one-column relation `day`."""
    n = (last - first).days + 1
    days = [(first + timedelta(days=i),) for i in range(max(n, 0))]
    return select(values(column("day", Date), name="cal_values").data(days)).cte("calendar")


def lookback_start(w: Window) -> date:
    """The first day the look-back needs: 28 days before the window starts."""
    return w.start - timedelta(days=LOOKBACK_DAYS)


def station_day_grid(w: Window, ent: CTE) -> CTE:
    """(entity, station, day) for every day from 28 days before the window to its end on which
    the station was open."""
    cal = calendar(lookback_start(w), w.end)
    return (
        select(ent.c.entity_id, ent.c.station_id, cal.c.day)
        .join(cal, cal.c.day >= ent.c.opened_on)
        .cte("station_days")
    )


def fuel_day_rollup(req: ProviderRequest) -> bool:
    """Whether this request reads `agg_fuel_day` instead of fuel_sales."""
    return req.rollup and rollup_current(agg_fuel_day.name)


def _rollup_days(w: Window, ent: CTE, *keys: object, **sums: object) -> Select:
    """Sums per (station, *keys, day) of agg_fuel_day over the look-back and the window."""
    r = agg_fuel_day.c
    return (
        select(r.station_id, *keys, r.day, *(func.sum(v).label(k) for k, v in sums.items()))
        .where(
            r.station_id.in_(select(ent.c.station_id)),
            r.day >= lookback_start(w),
            r.day <= w.end,
        )
        .group_by(r.station_id, *keys, r.day)
    )


def daily_tonnes(w: Window, ent: CTE, rollup: bool = False) -> CTE:
    """Pump tonnes per (station, day) over the look-back and the window."""
    if rollup:
        return _rollup_days(w, ent, tonnes=agg_fuel_day.c.tonnes).cte("daily_tonnes")
    fs, pr = fuel_sales.c, products.c
    day = cast(fs.ts, Date)
    return (
        select(
            fs.station_id,
            day.label("day"),
            func.sum(fs.liters * pr.density_kg_per_l / 1000.0).label("tonnes"),
        )
        .join(products, pr.product_code == fs.product_code)
        .where(
            fs.station_id.in_(select(ent.c.station_id)),
            fs.ts >= day_start(lookback_start(w)),
            fs.ts < end_exclusive(w),
        )
        .group_by(fs.station_id, day)
        .cte("daily_tonnes")
    )


def build_anomaly(req: ProviderRequest) -> Select:
    """daily.anomaly: station-days below 70 % of their previous four same weekdays."""
    w = req.window
    ent = entity_stations(req)
    grid, dt = station_day_grid(w, ent), daily_tonnes(w, ent, fuel_day_rollup(req))
    t = func.coalesce(dt.c.tonnes, 0.0)
    order = {"partition_by": grid.c.station_id, "order_by": grid.c.day}
    series = (
        select(
            grid.c.entity_id,
            grid.c.day,
            t.label("t"),
            *(func.lag(t, 7 * j).over(**order).label(f"w{j}") for j in range(1, 5)),
        )
        .select_from(
            grid.outerjoin(dt, and_(dt.c.station_id == grid.c.station_id, dt.c.day == grid.c.day))
        )
        .cte("weekday_series")
    )
    s = series.c
    total4 = s.w1 + s.w2 + s.w3 + s.w4  # NULL when the station was not open on d−28
    history = total4 > 0
    agg = (
        select(
            s.entity_id,
            count_if(and_(history, s.t * 40 < total4 * 7)).label("anomaly_days"),
            count_if(history).label("station_days_with_history"),
        )
        .where(s.day >= w.start)
        .group_by(s.entity_id)
        .cte("anomaly_counts")
    )
    return zero_filled(ent, agg, ANOMALY_OUTPUTS)


def product_days(w: Window, ent: CTE, rollup: bool) -> CTE:
    """Liters per (station, product, day) over the look-back and the window."""
    if rollup:
        r = agg_fuel_day.c
        return _rollup_days(w, ent, r.product_code, l=r.liters).cte("product_days")
    fs = fuel_sales.c
    day = cast(fs.ts, Date)
    return (
        select(fs.station_id, fs.product_code, day.label("day"), func.sum(fs.liters).label("l"))
        .where(
            fs.station_id.in_(select(ent.c.station_id)),
            fs.ts >= day_start(lookback_start(w)),
            fs.ts < end_exclusive(w),
        )
        .group_by(fs.station_id, fs.product_code, day)
        .cte("product_days")
    )


def build_stockout(req: ProviderRequest) -> Select:
    """daily.stockout: zero-liter product-days at stations where the product normally sells."""
    w = req.window
    ent = entity_stations(req)
    sold = product_days(w, ent, fuel_day_rollup(req))
    pairs = select(sold.c.station_id, sold.c.product_code).distinct().cte("station_products")
    grid = station_day_grid(w, ent)
    on_sale = and_(
        sold.c.station_id == grid.c.station_id,
        sold.c.product_code == pairs.c.product_code,
        sold.c.day == grid.c.day,
    )
    sold_flag = case((sold.c.l > 0, 1), else_=0)
    series = (
        select(
            grid.c.entity_id,
            grid.c.day,
            sold_flag.label("sold"),
            func.sum(sold_flag)
            .over(
                partition_by=(grid.c.station_id, pairs.c.product_code),
                order_by=grid.c.day,
                rows=(-LOOKBACK_DAYS, -1),
            )
            .label("sold_before"),
        )
        .select_from(
            grid.join(pairs, pairs.c.station_id == grid.c.station_id).outerjoin(sold, on_sale)
        )
        .cte("product_series")
    )
    s = series.c
    # ≥ 80 % of 28 days, in integers: sold_before·10 ≥ 8·28 (i.e. at least 23 days)
    event = and_(s.sold == 0, s.sold_before * 10 >= 8 * LOOKBACK_DAYS)
    agg = (
        select(s.entity_id, count_if(event).label("stockout_events"))
        .where(s.day >= w.start)
        .group_by(s.entity_id)
        .cte("stockout_counts")
    )
    return zero_filled(ent, agg, STOCKOUT_OUTPUTS)


def build_nozzles(req: ProviderRequest) -> Select:
    """daily.nozzles: distinct (station, nozzle, day) with a sale in the window."""
    w = req.window
    ent = entity_stations(req)
    fs = fuel_sales.c
    nozzle_days = (
        select(ent.c.entity_id, fs.station_id, fs.nozzle_no, cast(fs.ts, Date).label("day"))
        .distinct()
        .join(ent, ent.c.station_id == fs.station_id)
        .where(fs.ts >= day_start(w.start), fs.ts < end_exclusive(w))
        .cte("nozzle_days")
    )
    agg = (
        select(nozzle_days.c.entity_id, func.count().label("active_nozzle_days"))
        .group_by(nozzle_days.c.entity_id)
        .cte("nozzle_counts")
    )
    return zero_filled(ent, agg, NOZZLE_OUTPUTS)


_DAILY_SOURCES = ("fuel_sales.ts", "fuel_sales.station_id", "stations.opened_on")

ANOMALY = ProviderSpec(
    name="daily.anomaly",
    outputs=ANOMALY_OUTPUTS,
    build=build_anomaly,
    sources=(*_DAILY_SOURCES, "fuel_sales.liters", "products.density_kg_per_l"),
    description="日销量（吨）低于前 4 个同星期日均值 70% 的站日数，及有可比历史的站日数",
)
STOCKOUT = ProviderSpec(
    name="daily.stockout",
    outputs=STOCKOUT_OUTPUTS,
    build=build_stockout,
    sources=(*_DAILY_SOURCES, "fuel_sales.product_code", "fuel_sales.liters"),
    description="疑似断油：前 28 天中至少 80% 天数有销售的油品在某站某日零销量",
)
NOZZLES = ProviderSpec(
    name="daily.nozzles",
    outputs=NOZZLE_OUTPUTS,
    build=build_nozzles,
    sources=(*_DAILY_SOURCES, "fuel_sales.nozzle_no"),
    description="有销售的枪日数（站 × 枪号 × 日 去重）",
)

SPECS: tuple[ProviderSpec, ...] = (ANOMALY, STOCKOUT, NOZZLES)
