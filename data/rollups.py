"""Rollup tables derived from the facts, rebuilt by the importer inside the same publish.

`agg_customer_month` holds one row per customer, station and month with any fuel purchase
(member sales only: anonymous sales have no customer). Customer status, churn warnings and the
customer lists read it instead of scanning raw transactions.

`agg_customer_lapse` holds its rows followed by a month without purchase (or by none): a
customer state reads those instead of each pair's whole history.

`agg_fuel_day` holds one row per station, day and the dimensions/flags the catalogue's fuel
filters use, with the sums of every additive fuel column; the compiler reads it for a board's
fuel measures (metrics/compile_rollup.py) instead of ~7× as many raw transactions.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Connection,
    Date,
    Engine,
    Integer,
    and_,
    case,
    cast,
    column,
    delete,
    extract,
    func,
    insert,
    inspect,
    literal_column,
    or_,
    select,
    table,
)

from data.rollup_nonfuel import rebuild_nonfuel_day
from data.schema import (
    ROLLUP_TABLES,
    agg_customer_lapse,
    agg_customer_month,
    agg_fuel_day,
    customers,
    fuel_sales,
    import_runs,
    products,
    purchase_costs,
)


def customer_month_select():  # noqa: ANN201 - a SQLAlchemy Select
    """The rollup as a SELECT: liters, tonnes (liters × density / 1000), paid, count, last ts,
    the pair's next month with a purchase and the month's first purchase day on or after the
    customer's registration (columns in the table's order)."""
    fs, cu = fuel_sales.c, customers.c
    month = cast(func.date_trunc("month", fs.ts), Date)
    day = cast(fs.ts, Date)
    grouped = (
        select(
            fs.customer_id,
            fs.station_id,
            month.label("month"),
            func.sum(fs.liters).label("liters"),
            func.sum(fs.liters * products.c.density_kg_per_l / 1000).label("tonnes"),
            func.sum(fs.paid_amount).label("paid_amount"),
            cast(func.count(), Integer).label("txn_count"),
            func.max(fs.ts).label("last_ts"),
            func.min(case((day >= cu.registered_on, day))).label("first_day_registered"),
        )
        .select_from(
            fuel_sales.join(products, products.c.product_code == fs.product_code)
            .outerjoin(customers, cu.customer_id == fs.customer_id)
        )
        .where(fs.customer_id.is_not(None))
        .group_by(fs.customer_id, fs.station_id, month)
        .subquery("customer_month")
    )
    g = grouped.c
    next_month = func.lead(g.month).over(partition_by=(g.customer_id, g.station_id),
                                         order_by=g.month)
    return select(
        g.customer_id, g.station_id, g.month, g.liters, g.tonnes, g.paid_amount, g.txn_count,
        g.last_ts, next_month.label("next_month"), g.first_day_registered,
    )  # fmt: skip


ABNORMAL_DISCOUNT_RATE = 0.08  # the catalogue's `discount_rate_gt: 0.08` (abnormal discount)


def fuel_day_select():  # noqa: ANN201 - a SQLAlchemy Select
    """`agg_fuel_day` as a SELECT. Flags use the very expressions of metrics/facts.py's filters
    (row level), so a filtered sum over the rollup equals the filtered sum over the rows."""
    fs = fuel_sales.c
    list_amount = fs.liters * fs.list_price
    discount = list_amount - fs.paid_amount
    cost = fs.liters * purchase_costs.c.cost_per_liter
    month = cast(func.date_trunc(literal_column("'month'"), fs.ts), Date)
    dims = [
        fs.station_id,
        cast(fs.ts, Date).label("day"),
        fs.product_code,
        fs.payment_method,
        fs.customer_id.is_not(None).label("is_member"),
        customers.c.kind.label("customer_kind"),
        customers.c.grade.label("customer_grade"),
        (discount > 0.005).label("has_discount"),
        (discount > list_amount * ABNORMAL_DISCOUNT_RATE).label("abnormal_discount"),
        (func.abs(list_amount - func.round(list_amount / 10) * 10) < 0.005).label("round10"),
    ]
    sums = [
        func.sum(fs.liters).label("liters"),
        func.sum(fs.liters * products.c.density_kg_per_l / 1000).label("tonnes"),
        func.sum(list_amount).label("list_amount"),
        func.sum(fs.paid_amount).label("paid_amount"),
        func.sum(discount).label("discount"),
        func.sum(cost).label("fuel_cost"),
        func.sum(fs.paid_amount - cost).label("gross_profit"),
        cast(func.count(), Integer).label("txn_count"),
    ]
    src = (
        fuel_sales.outerjoin(products, products.c.product_code == fs.product_code)
        .outerjoin(purchase_costs, and_(purchase_costs.c.product_code == fs.product_code,
                                        purchase_costs.c.month == month))
        .outerjoin(customers, customers.c.customer_id == fs.customer_id)
    )
    return select(*dims, *sums).select_from(src).group_by(*(literal_column(str(i)) for i in range(1, len(dims) + 1)))


def rebuild_fuel_day(conn: Connection) -> int:
    """Replace `agg_fuel_day` with a fresh aggregate of fuel_sales; returns its row count."""
    conn.execute(delete(agg_fuel_day))
    columns = [c.name for c in agg_fuel_day.columns]
    query = fuel_day_select().order_by(literal_column("2"), literal_column("1"))
    conn.execute(insert(agg_fuel_day).from_select(columns, query))
    return conn.execute(select(func.count()).select_from(agg_fuel_day)).scalar_one()


def _month_index(col) -> object:  # noqa: ANN001 - a date column
    """12 × year + month: consecutive months differ by 1 (portable month arithmetic)."""
    return extract("year", col) * 12 + extract("month", col)


def rebuild_lapse(conn: Connection) -> int:
    """Replace `agg_customer_lapse` with the rows of agg_customer_month followed by a gap."""
    conn.execute(delete(agg_customer_lapse))
    acm = agg_customer_month.c
    gap = or_(acm.next_month.is_(None), _month_index(acm.next_month) > _month_index(acm.month) + 1)
    query = (
        select(acm.customer_id, acm.station_id, acm.month, acm.next_month, acm.last_ts)
        .where(gap)
        .order_by(acm.station_id, acm.month)
    )
    columns = [c.name for c in agg_customer_lapse.columns]
    conn.execute(insert(agg_customer_lapse).from_select(columns, query))
    return conn.execute(select(func.count()).select_from(agg_customer_lapse)).scalar_one()


def stored_columns(conn: Connection) -> dict[str, set[str]]:
    """The stored columns of each rollup table present in the store, by table name.

    One query of information_schema instead of SQLAlchemy reflection, which on duckdb-engine
    cost ~0.1 s CPU (~0.7 s wall under load) per table and ran on every import. Engines whose
    information_schema differs (ClickHouse has no current_schema()) are reflected.
    """
    if conn.dialect.name not in ("duckdb", "postgresql"):
        return _reflected_columns(conn)
    info = table("columns", column("table_catalog"), column("table_schema"), column("table_name"),
                 column("column_name"), schema="information_schema")
    query = select(info.c.table_name, info.c.column_name).where(
        info.c.table_catalog == func.current_database(),
        info.c.table_schema == func.current_schema(),
        info.c.table_name.in_([t.name for t in ROLLUP_TABLES]),
    )
    found: dict[str, set[str]] = {}
    for name, col in conn.execute(query):
        found.setdefault(name, set()).add(col)
    return found


def _reflected_columns(conn: Connection) -> dict[str, set[str]]:
    """stored_columns through SQLAlchemy reflection (any dialect)."""
    insp = inspect(conn)
    return {t.name: {c["name"] for c in insp.get_columns(t.name)}
            for t in ROLLUP_TABLES if insp.has_table(t.name)}  # fmt: skip


def _differs(stored: dict[str, set[str]], rollup) -> bool:  # noqa: ANN001 - a Table
    return stored[rollup.name] != {c.name for c in rollup.columns}


def upgrade_tables(conn: Connection) -> list[str]:
    """Recreate rollup tables whose stored columns differ from data/schema.py (a store written
    before a rollup gained a column); they are rebuilt right after. Returns the names."""
    stored = stored_columns(conn)
    changed = []
    for rollup in ROLLUP_TABLES:
        if rollup.name not in stored:
            rollup.create(conn)
        elif _differs(stored, rollup):
            rollup.drop(conn)
            rollup.create(conn)
            changed.append(rollup.name)
    return changed


def stale_tables(bind: Engine | Connection) -> list[str]:
    """Rollup tables missing from a store or stored with other columns than data/schema.py says
    (a store written by an older version); empty when the rollups match this code. `bind` is an
    engine or an open connection (the evaluator asks inside its own)."""
    if isinstance(bind, Connection):
        stored = stored_columns(bind)
    else:
        with bind.connect() as conn:
            stored = stored_columns(conn)
    return [t.name for t in ROLLUP_TABLES if t.name not in stored or _differs(stored, t)]


def rebuild(conn: Connection) -> int:
    """Replace the rollups with fresh aggregates of fuel_sales; returns agg_customer_month's
    row count."""
    upgrade_tables(conn)
    conn.execute(delete(agg_customer_month))
    columns = [c.name for c in agg_customer_month.columns]
    query = customer_month_select()
    query = query.order_by(query.selected_columns.month, query.selected_columns.station_id)
    conn.execute(insert(agg_customer_month).from_select(columns, query))
    rebuild_lapse(conn)
    rebuild_fuel_day(conn)
    rebuild_nonfuel_day(conn)
    return conn.execute(select(func.count()).select_from(agg_customer_month)).scalar_one()


def rebuild_store(url: str) -> int:
    """`python -m data rollups`: rebuild the rollups of a published store from its facts, published
    like an import (DuckDB: a build copy replaced atomically; servers: one transaction), and
    recorded as a run so that the data version changes and caches forget the old figures.
    Returns agg_customer_month's row count."""
    from data.importer import new_import_id
    from data.store import building

    started = datetime.utcnow()
    with building(url) as engine, engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(4242)")  # the importer's lock
        rows = rebuild(conn)
        conn.execute(insert(import_runs).values(
            import_id=new_import_id(), started_at=started, finished_at=datetime.utcnow(),
            source="rollups rebuild", status="published", rows_read=0, rows_loaded=0,
            rows_quarantined=0, summary=None))  # fmt: skip
    return rows
