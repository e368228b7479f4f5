"""Station-day rows behind the daily providers (metrics/special/daily.py), one SQL each.

Each listing is built from the provider's own blocks (entity_stations, station_day_grid,
daily_tonnes, the calendar and look-back) with the provider's comparison written the same way
(40·t < 7·Σ4 for an anomaly, sold_before·10 ≥ 8·28 for a stock-out), so the number of rows is
the provider's count; tests reconcile the two on the oracle fixture.
"""

from __future__ import annotations

from sqlalchemy import CTE, Date, Select, and_, case, cast, func, literal, select

from data.schema import fuel_sales, stations
from metrics.explain_rows_lists import VALUE_COL
from metrics.special.base import ProviderRequest
from metrics.special.customers import day_start, end_exclusive, entity_stations
from metrics.special.daily import (
    LOOKBACK_DAYS,
    daily_tonnes,
    lookback_start,
    station_day_grid,
)


def _named(stmt: Select, station_col: object, *order: object) -> Select:
    """Add the station's name and the order the page lists in (day, station, …)."""
    return stmt.join(stations, stations.c.station_id == station_col).order_by(*order)


def _weekday_series(req: ProviderRequest) -> CTE:
    """Per open station-day: tonnes and the tonnes 7/14/21/28 days before (NULL when the
    station was not open then), as in build_anomaly, keeping the station id."""
    w = req.window
    ent = entity_stations(req)
    grid, dt = station_day_grid(w, ent), daily_tonnes(w, ent)
    t = func.coalesce(dt.c.tonnes, 0.0)
    order = {"partition_by": grid.c.station_id, "order_by": grid.c.day}
    return (
        select(grid.c.station_id, grid.c.day, t.label("t"),
               *(func.lag(t, 7 * j).over(**order).label(f"w{j}") for j in range(1, 5)))
        .select_from(grid.outerjoin(
            dt, and_(dt.c.station_id == grid.c.station_id, dt.c.day == grid.c.day)))
        .cte("weekday_series")
    )  # fmt: skip


def anomaly_rows(req: ProviderRequest, anomalies_only: bool) -> Select:
    """Station-days with a same-weekday history (the denominator), or only the anomalies:
    the day's tonnes beside the usual level (mean of the four same weekdays before)."""
    s = _weekday_series(req).c
    total4 = s.w1 + s.w2 + s.w3 + s.w4
    anomaly = s.t * 40 < total4 * 7
    where = and_(s.day >= req.window.start, total4 > 0)
    if anomalies_only:
        where = and_(where, anomaly)
    stmt = select(
        s.day, s.station_id, stations.c.station_name, s.t.label("tonnes"),
        (total4 / 4.0).label("usual_tonnes"),
        case((anomaly, True), else_=False).label("anomaly"), literal(1).label(VALUE_COL),
    ).where(where)
    return _named(stmt, s.station_id, s.day, s.station_id)


def stockout_rows(req: ProviderRequest) -> Select:
    """(station, product, day) of the window without liters whose product sold there on at
    least 23 of the previous 28 days (build_stockout's rule), with that day count."""
    w = req.window
    ent = entity_stations(req)
    fs = fuel_sales.c
    day = cast(fs.ts, Date)
    sold = (
        select(fs.station_id, fs.product_code, day.label("day"), func.sum(fs.liters).label("l"))
        .where(fs.station_id.in_(select(ent.c.station_id)),
               fs.ts >= day_start(lookback_start(w)), fs.ts < end_exclusive(w))
        .group_by(fs.station_id, fs.product_code, day)
        .cte("product_days")
    )  # fmt: skip
    pairs = select(sold.c.station_id, sold.c.product_code).distinct().cte("station_products")
    grid = station_day_grid(w, ent)
    on_sale = and_(sold.c.station_id == grid.c.station_id,
                   sold.c.product_code == pairs.c.product_code, sold.c.day == grid.c.day)
    flag = case((sold.c.l > 0, 1), else_=0)
    series = (
        select(grid.c.station_id, pairs.c.product_code, grid.c.day, flag.label("sold"),
               func.sum(flag).over(partition_by=(grid.c.station_id, pairs.c.product_code),
                                   order_by=grid.c.day, rows=(-LOOKBACK_DAYS, -1))
               .label("sold_before"))
        .select_from(grid.join(pairs, pairs.c.station_id == grid.c.station_id)
                     .outerjoin(sold, on_sale))
        .cte("product_series")
    )  # fmt: skip
    s = series.c
    stmt = select(
        s.day, s.station_id, stations.c.station_name, s.product_code,
        s.sold_before.label("days_sold_in_prev_28"), literal(1).label(VALUE_COL),
    ).where(s.day >= w.start, s.sold == 0, s.sold_before * 10 >= 8 * LOOKBACK_DAYS)
    return _named(stmt, s.station_id, s.day, s.station_id, s.product_code)


def nozzle_rows(req: ProviderRequest) -> Select:
    """Distinct (station, nozzle, day) with a sale in the window (build_nozzles), with the
    day's transactions and liters at that nozzle."""
    w = req.window
    ent = entity_stations(req)
    fs = fuel_sales.c
    day = cast(fs.ts, Date).label("day")
    grouped = (
        select(day, fs.station_id, fs.nozzle_no, func.count().label("transactions"),
               func.sum(fs.liters).label("liters"))
        .join(ent, ent.c.station_id == fs.station_id)
        .where(fs.ts >= day_start(w.start), fs.ts < end_exclusive(w))
        .group_by(cast(fs.ts, Date), fs.station_id, fs.nozzle_no)
        .subquery("nozzle_days")
    )  # fmt: skip
    g = grouped.c
    stmt = select(g.day, g.station_id, stations.c.station_name, g.nozzle_no, g.transactions,
                  g.liters, literal(1).label(VALUE_COL))
    return _named(stmt, g.station_id, g.day, g.station_id, g.nozzle_no)
