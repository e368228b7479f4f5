"""The customer level of the org drill-down (/org/…/station/S007/customer/CU123).

    customer_card(engine, station_id, customer_id, scope) -> CustomerCard | None
    customer_months(engine, station_id, customer_id, scope, first, end) -> list[CustomerMonth]
    customer_transactions(engine, station_id, customer_id, scope, end, limit) -> list[Txn]

A station's customer list with status, trend and last purchase comes from
`metrics.customer_lists` (the contract's status rules live there, once); this module only adds
what that one lacks: one customer's card, monthly history with money, and transactions.

Every read is limited to one station *inside the caller's scope* (the station CTE carries
`Scope.station_predicate`, bound parameters only), so a customer id that never bought at a
visible station reads as "not found", never as another team's data. Names and phones are masked
in SQL unless `scope.pii` (`data.customers.person_columns`); aggregates-only scopes are refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import CTE, Engine, exists, func, select

from data.customers import month_detail, person_columns
from data.schema import agg_customer_month, customers, fuel_sales, products, stations
from data.scope import Scope

TXN_LIMIT = 200


@dataclass(frozen=True)
class CustomerCard:
    """Who the customer is (personal fields masked unless the scope has pii)."""

    customer_id: str
    name: str | None
    phone: str | None
    kind: str
    grade: str
    manager_id: str | None
    home_station_id: str
    registered_on: date


@dataclass(frozen=True)
class CustomerMonth:
    """One month of the customer's fuel purchases at the station."""

    month: date
    liters: float
    tonnes: float
    txn_count: int


@dataclass(frozen=True)
class Txn:
    """One fuel transaction (discount = liters × list price − paid)."""

    txn_id: str
    ts: datetime
    product_code: str
    product_name: str
    liters: float
    list_price: float
    paid_amount: float
    discount: float
    payment_method: str


def _refuse(scope: Scope) -> None:
    if scope.aggregates_only:
        raise PermissionError("an aggregates-only scope may not read customer rows")


def _station(station_id: str, scope: Scope) -> CTE:
    """The one station, if the scope allows it (else an empty CTE)."""
    st = stations.c
    return (
        select(st.station_id)
        .where(st.station_id == station_id, scope.station_predicate(st))
        .cte("drill_station")
    )


def customer_card(engine: Engine, station_id: str, customer_id: str,
                  scope: Scope) -> CustomerCard | None:  # fmt: skip
    """The customer, if they ever bought fuel at this station and the scope sees the station."""
    _refuse(scope)
    ent, acm, fs, cu = _station(station_id, scope), agg_customer_month.c, fuel_sales.c, customers.c
    bought = exists(select(acm.customer_id).join(ent, ent.c.station_id == acm.station_id)
                    .where(acm.customer_id == customer_id))  # fmt: skip
    bought_now = exists(select(fs.customer_id).join(ent, ent.c.station_id == fs.station_id)
                        .where(fs.customer_id == customer_id))  # fmt: skip
    stmt = select(
        cu.customer_id, *person_columns(scope), cu.kind, cu.grade, cu.manager_id,
        cu.home_station_id, cu.registered_on,
    ).where(cu.customer_id == customer_id, bought | bought_now)  # fmt: skip
    with engine.connect() as conn:
        row = conn.execute(stmt).mappings().first()
    return CustomerCard(**dict(row)) if row else None


def customer_months(engine: Engine, station_id: str, customer_id: str, scope: Scope,
                    first: date, end: date) -> list[CustomerMonth]:  # fmt: skip
    """Every month from `first` to the month of `end` (to the day `end`), zeros included."""
    _refuse(scope)
    md = month_detail(_station(station_id, scope), first, end, "drill_months")
    stmt = (
        select(md.c.month, func.sum(md.c.liters).label("liters"),
               func.sum(md.c.tonnes).label("tonnes"), func.sum(md.c.txn_count).label("n"))
        .where(md.c.customer_id == customer_id)
        .group_by(md.c.month)
    )  # fmt: skip
    with engine.connect() as conn:
        got = {_day(r.month): r for r in conn.execute(stmt)}
    out, m = [], first.replace(day=1)
    while m <= end:
        r = got.get(m)
        out.append(CustomerMonth(m, float(r.liters) if r else 0.0, float(r.tonnes) if r else 0.0,
                                 int(r.n) if r else 0))  # fmt: skip
        m = (m + timedelta(days=32)).replace(day=1)
    return out


def customer_transactions(engine: Engine, station_id: str, customer_id: str, scope: Scope,
                          end: date, limit: int = TXN_LIMIT,
                          start: date | None = None) -> list[Txn]:  # fmt: skip
    """The customer's fuel transactions at the station from day `start` (None: the first) up
    to day `end`, newest first, at most `limit`."""
    _refuse(scope)
    ent, fs, pr = _station(station_id, scope), fuel_sales.c, products.c
    since = [] if start is None else [fs.ts >= datetime.combine(start, time())]
    stmt = (
        select(fs.txn_id, fs.ts, fs.product_code, pr.product_name, fs.liters, fs.list_price,
               fs.paid_amount, fs.payment_method)
        .join(ent, ent.c.station_id == fs.station_id)
        .join(products, pr.product_code == fs.product_code)
        .where(fs.customer_id == customer_id,
               fs.ts < datetime.combine(end + timedelta(days=1), time()), *since)
        .order_by(fs.ts.desc(), fs.txn_id)
        .limit(max(1, min(int(limit), 5000)))
    )  # fmt: skip
    with engine.connect() as conn:
        rows = conn.execute(stmt).mappings().all()
    return [Txn(r["txn_id"], r["ts"], r["product_code"], r["product_name"], float(r["liters"]),
                float(r["list_price"]), float(r["paid_amount"]),
                float(r["liters"]) * float(r["list_price"]) - float(r["paid_amount"]),
                r["payment_method"]) for r in rows]  # fmt: skip


def _day(value: object) -> date:
    return value.date() if isinstance(value, datetime) else value  # type: ignore[return-value]
