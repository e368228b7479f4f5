"""Rollup tables derived from the facts, rebuilt by the importer inside the same publish.

`agg_customer_month` holds one row per customer, station and month with any fuel purchase
(member sales only: anonymous sales have no customer). Customer status, churn warnings and the
customer lists read it instead of scanning raw transactions.
"""

from __future__ import annotations

from sqlalchemy import Connection, Date, Integer, cast, delete, func, insert, select

from data.schema import agg_customer_month, fuel_sales, products


def customer_month_select():  # noqa: ANN201 - a SQLAlchemy Select
    """The rollup as a SELECT: liters, tonnes (liters × density / 1000), paid, count, last ts."""
    month = cast(func.date_trunc("month", fuel_sales.c.ts), Date)
    return (
        select(
            fuel_sales.c.customer_id,
            fuel_sales.c.station_id,
            month.label("month"),
            func.sum(fuel_sales.c.liters).label("liters"),
            func.sum(fuel_sales.c.liters * products.c.density_kg_per_l / 1000).label("tonnes"),
            func.sum(fuel_sales.c.paid_amount).label("paid_amount"),
            cast(func.count(), Integer).label("txn_count"),
            func.max(fuel_sales.c.ts).label("last_ts"),
        )
        .select_from(
            fuel_sales.join(products, products.c.product_code == fuel_sales.c.product_code)
        )
        .where(fuel_sales.c.customer_id.is_not(None))
        .group_by(fuel_sales.c.customer_id, fuel_sales.c.station_id, month)
    )


def rebuild(conn: Connection) -> int:
    """Replace `agg_customer_month` with a fresh aggregate of fuel_sales; returns its row count."""
    conn.execute(delete(agg_customer_month))
    columns = [c.name for c in agg_customer_month.columns]
    query = customer_month_select().order_by("month", fuel_sales.c.station_id)
    conn.execute(insert(agg_customer_month).from_select(columns, query))
    return conn.execute(select(func.count()).select_from(agg_customer_month)).scalar_one()
