"""`agg_nonfuel_day`: the non-fuel line items summed per station, day, category and member flag.

Rebuilt by every import in the same publish as the other rollups (registered in
data/rollups.py). Its dimensions are exactly the non-fuel fact's filters (`category`,
`is_member`, metrics/facts.py) and its sums the fact's additive columns, each computed row by
row with the fact's own expression, so a filtered sum over this table equals the filtered sum
over the rows (to float summation order). Distinct counts (baskets) are not stored: a basket
counted per day cannot be summed over days, and the compiler keeps them on the rows.
"""

from __future__ import annotations

from sqlalchemy import Connection, Date, Integer, Select, cast, delete, func, insert, select

from data.schema import agg_nonfuel_day, nonfuel_sales


def nonfuel_day_select() -> Select:
    """`agg_nonfuel_day` as a SELECT (columns in the table's order)."""
    nf = nonfuel_sales.c
    dims = [
        nf.station_id,
        cast(nf.ts, Date).label("day"),
        nf.category,
        nf.customer_id.is_not(None).label("is_member"),
    ]
    sums = [
        func.sum(nf.revenue).label("revenue"),
        func.sum(nf.cost).label("cost"),
        func.sum(nf.revenue - nf.cost).label("gross_profit"),
        func.sum(nf.qty).label("qty"),
        cast(func.count(), Integer).label("line_count"),
    ]
    return select(*dims, *sums).group_by(*dims)


def rebuild_nonfuel_day(conn: Connection) -> int:
    """Replace `agg_nonfuel_day` with a fresh aggregate of nonfuel_sales; returns its row count.
    Rows go in day order, so a board's date range reads few row groups."""
    conn.execute(delete(agg_nonfuel_day))
    query = nonfuel_day_select()
    columns = [c.name for c in agg_nonfuel_day.columns]
    ordered = query.order_by(query.selected_columns.day, query.selected_columns.station_id)
    conn.execute(insert(agg_nonfuel_day).from_select(columns, ordered))
    return conn.execute(select(func.count()).select_from(agg_nonfuel_day)).scalar_one()
