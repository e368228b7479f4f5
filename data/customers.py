"""SQL pieces of the customer lists (客户圈): per-customer months, purchases elsewhere, masking.

Statement builders only; `metrics/customer_lists.py` runs them. Every value a caller supplies
enters as a bound parameter; the stations read are always given as a CTE that the caller has
already limited to the entity and the scope (`metrics.special.customers.entity_stations`).

Personal data: `person_columns` masks names and phones in SQL when the scope lacks `pii`, so an
unmasked value never reaches Python (nor a page, export or log) for such a caller.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import (
    CTE,
    ColumnElement,
    Date,
    Engine,
    Select,
    case,
    cast,
    func,
    literal,
    select,
    union_all,
)

from data.schema import agg_customer_month, customers, fuel_sales, products, stations
from data.scope import Scope


def _midnight(d: date) -> datetime:
    return datetime.combine(d, time())


def _month_start(d: date) -> date:
    return d.replace(day=1)


def person_columns(scope: Scope) -> list[ColumnElement]:
    """`name` and `phone` columns of `customers`: as stored with pii, masked (张**,
    138****1234) without. Callers must refuse aggregates-only scopes before reaching here."""
    cu = customers.c
    if scope.pii:
        return [cu.name.label("name"), cu.phone.label("phone")]
    name = (func.substr(cu.name, 1, 1) + literal("**")).label("name")
    long_phone = func.length(cu.phone) >= 7
    tail = func.substr(cu.phone, func.length(cu.phone) - 3, 4)
    phone = case(
        (cu.phone.is_(None), None),
        (long_phone, func.substr(cu.phone, 1, 3) + literal("****") + tail),
        else_=literal("****"),
    ).label("phone")
    return [name, phone]


def month_detail(ent: CTE, first: date | None, end: date, name: str = "month_detail") -> CTE:
    """Per (customer, month) at `ent`'s stations from month `first` (None: all) up to day `end`:
    liters, tonnes, transactions and the last purchase time.

    Closed months come from agg_customer_month, the month of `end` when it is cut short from
    fuel_sales (tonnes by each product's density), as the status providers do.
    """
    acm, m = agg_customer_month.c, _month_start(end)
    partial = (end + timedelta(days=1)).month == end.month  # the month of `end` is cut short
    conds = [acm.month < m if partial else acm.month <= m]
    if first is not None:
        conds.append(acm.month >= first)
    closed = (
        select(acm.customer_id, acm.month, acm.liters, acm.tonnes, acm.txn_count, acm.last_ts)
        .join(ent, ent.c.station_id == acm.station_id)
        .where(*conds)
    )
    if not partial:
        return closed.cte(name)
    fs, pr = fuel_sales.c, products.c
    current = (
        select(
            fs.customer_id,
            cast(literal(m, Date), Date).label("month"),
            func.sum(fs.liters).label("liters"),
            func.sum(fs.liters * pr.density_kg_per_l / 1000.0).label("tonnes"),
            func.count().label("txn_count"),
            func.max(fs.ts).label("last_ts"),
        )
        .join(ent, ent.c.station_id == fs.station_id)
        .join(products, pr.product_code == fs.product_code)
        .where(fs.customer_id.is_not(None), fs.ts >= _midnight(m),
               fs.ts < _midnight(end + timedelta(days=1)))
        .group_by(fs.customer_id)
    )  # fmt: skip
    return union_all(closed, current).cte(name)


def history(ent: CTE, first: date, end: date, ids: list[str]) -> Select:
    """Liters and tonnes per (customer, month) from `first` to `end` for the customers `ids`."""
    md = month_detail(ent, first, end, "history_months")
    return (
        select(
            md.c.customer_id,
            md.c.month,
            func.sum(md.c.liters).label("liters"),
            func.sum(md.c.tonnes).label("tonnes"),
        )
        .where(md.c.customer_id.in_(ids))
        .group_by(md.c.customer_id, md.c.month)
    )


def last_purchase(ent: CTE, end: date) -> CTE:
    """Per customer: the time of the last purchase at `ent`'s stations up to day `end`."""
    md = month_detail(ent, None, end, "all_months")
    return (
        select(md.c.customer_id, func.max(md.c.last_ts).label("last_ts"))
        .group_by(md.c.customer_id)
        .cte("last_purchase")
    )


def buyers_on(ent: CTE, day: date) -> CTE:
    """Customers with a fuel purchase at `ent`'s stations on `day`."""
    fs = fuel_sales.c
    return (
        select(fs.customer_id)
        .distinct()
        .join(ent, ent.c.station_id == fs.station_id)
        .where(fs.customer_id.is_not(None), fs.ts >= _midnight(day),
               fs.ts < _midnight(day + timedelta(days=1)))
        .cte("buyers_today")
    )  # fmt: skip


def elsewhere(level_column: str, entity_id: str, scope: Scope, first: date, end: date,
              ids: list[str]) -> Select:  # fmt: skip
    """Liters per (customer, station) at the company's stations outside the entity, from month
    `first` to day `end` (内部转移). Every such station is read, so a customer who moved out of
    the caller's sight still shows as moved; `visible` says whether the caller may see the
    station, and the page names only visible ones."""
    st = stations.c
    others = (
        select(st.station_id, st.station_id.label("entity_id"))
        .where(st[level_column] != entity_id)
        .cte("other_stations")
    )
    return _elsewhere_by_station(others, scope, first, end, ids)


def _elsewhere_by_station(others: CTE, scope: Scope, first: date, end: date,
                          ids: list[str]) -> Select:  # fmt: skip
    acm, fs, st = agg_customer_month.c, fuel_sales.c, stations.c
    closed = (
        select(acm.customer_id, acm.station_id, acm.liters, acm.tonnes)
        .join(others, others.c.station_id == acm.station_id)
        .where(acm.month >= first, acm.month < _month_start(end), acm.customer_id.in_(ids))
    )
    current = (
        select(fs.customer_id, fs.station_id, fs.liters,
               (fs.liters * products.c.density_kg_per_l / 1000.0).label("tonnes"))
        .join(others, others.c.station_id == fs.station_id)
        .join(products, products.c.product_code == fs.product_code)
        .where(fs.customer_id.in_(ids), fs.ts >= _midnight(_month_start(end)),
               fs.ts < _midnight(end + timedelta(days=1)))
    )  # fmt: skip
    rows = union_all(closed, current).subquery("elsewhere_rows")
    visible = case((scope.station_predicate(st), 1), else_=0).label("visible")
    return (
        select(rows.c.customer_id, rows.c.station_id, st.station_name, visible,
               func.sum(rows.c.liters).label("liters"), func.sum(rows.c.tonnes).label("tonnes"))
        .join(stations, st.station_id == rows.c.station_id)
        .group_by(rows.c.customer_id, rows.c.station_id, st.station_name, visible)
        .having(func.sum(rows.c.liters) > 0)
    )  # fmt: skip


__all__ = ["person_columns", "month_detail", "history", "last_purchase", "buyers_on", "elsewhere",
           "customer_visible"]


def customer_visible(engine: Engine, scope: Scope, customer_id: str) -> bool:
    """Whether `scope` may act on the customer: their home station, or any station they bought
    at, is inside the scope (a contact note for anyone else is refused)."""
    cu, st, acm = customers.c, stations.c, agg_customer_month.c
    pred = scope.station_predicate(st)
    home = select(cu.customer_id).join(stations, st.station_id == cu.home_station_id).where(
        cu.customer_id == customer_id, pred)
    bought = select(acm.customer_id).join(stations, st.station_id == acm.station_id).where(
        acm.customer_id == customer_id, pred)
    with engine.connect() as conn:
        return conn.execute(union_all(home, bought).limit(1)).first() is not None
