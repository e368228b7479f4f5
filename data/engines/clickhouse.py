"""ClickHouse as the facts store: table DDL from `data/schema.py` and the bulk-load path.

The app talks to ClickHouse through `clickhouse-connect`'s SQLAlchemy dialect (`clickhousedb://`);
the metrics layer needs nothing else. What ClickHouse lacks is the importer's upsert and atomic
file publish, so a ClickHouse store is filled in bulk: the contract tables, the bookkeeping and
the rollups built by our importer (on a DuckDB build) are exported to Parquet and inserted as is.
Outer joins must give NULL, not `''`/0 (the catalogue's "no data = grey" rule): every engine
made by `engine()` sets `join_use_nulls=1`.

    python -m data.engines.clickhouse DUCKDB_URL CLICKHOUSE_URL   # copy a whole store
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import duckdb
from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Engine,
    Float,
    Integer,
    Numeric,
    Table,
    create_engine,
)
from sqlalchemy.engine import make_url
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import functions, operators
from sqlalchemy.sql.elements import BinaryExpression, BindParameter, Cast, Over, WithinGroup

from data.schema import metadata
from data.store import duckdb_path

# Sort keys: how each big table is read (by station and time, like the DuckDB store's order).
ORDER_BY = {"fuel_sales": "(station_id, ts)", "nonfuel_sales": "(station_id, ts)",
            "card_recharges": "(station_id, ts)", "agg_fuel_day": "(station_id, day)",
            "agg_customer_month": "(station_id, month, customer_id)"}


def _cast_target(type_: object) -> str:
    """ClickHouse's name for a CAST target. SQLAlchemy's generic names would mislead it:
    `FLOAT` is Float32 there (7 digits) and `CAST(NULL AS FLOAT)` is an error."""
    if isinstance(type_, Boolean):
        return "Bool"
    if isinstance(type_, DateTime):
        return "DateTime64(6)"
    if isinstance(type_, Date):
        return "Date32"
    if isinstance(type_, Integer):
        return "Int64"
    if isinstance(type_, Float | Numeric):
        return "Float64"
    return "String"


@compiles(Cast, "clickhousedb")
def _cast(element: Cast, compiler: object, **kw: object) -> str:
    # Nullable: the compiler casts NULL for measures a window does not have (SQL's typed NULL).
    inner = compiler.process(element.clause, **kw)  # type: ignore[attr-defined]
    return f"CAST({inner} AS Nullable({_cast_target(element.type)}))"


@compiles(BindParameter, "clickhousedb")
def _bind(element: BindParameter, compiler: object, **kw: object) -> str:
    # clickhouse-connect sends dates as quoted strings: comparisons convert them, but functions
    # such as greatest()/least() and date arithmetic need a real Date, so say so.
    text = compiler.visit_bindparam(element, **kw)  # type: ignore[attr-defined]
    if isinstance(element.type, DateTime):
        return f"toDateTime64({text}, 6)"
    if isinstance(element.type, Date):
        return f"toDate32({text})"
    return text


@compiles(BinaryExpression, "clickhousedb")
def _binary(element: BinaryExpression, compiler: object, **kw: object) -> str:
    # DuckDB and PostgreSQL give date - date as whole days; ClickHouse has no such minus.
    left, right = element.left.type, element.right.type
    if element.operator is operators.sub and isinstance(left, Date) and isinstance(right, Date) \
            and not isinstance(left, DateTime) and not isinstance(right, DateTime):
        a = compiler.process(element.left, **kw)  # type: ignore[attr-defined]
        b = compiler.process(element.right, **kw)  # type: ignore[attr-defined]
        return f"dateDiff('day', {b}, {a})"
    return compiler.visit_binary(element, **kw)  # type: ignore[attr-defined]


@compiles(WithinGroup, "clickhousedb")
def _within_group(element: WithinGroup, compiler: object, **kw: object) -> str:
    # ClickHouse has no WITHIN GROUP. percentile_cont interpolates linearly between the two
    # nearest values (R7, Excel's PERCENTILE.INC): that is quantileExactInclusive.
    fn = element.element
    if getattr(fn, "name", "").lower() != "percentile_cont":
        raise NotImplementedError(f"{fn} WITHIN GROUP has no ClickHouse rendering")
    level = compiler.process(fn.clauses, **kw)  # type: ignore[attr-defined]
    ordered = compiler.process(element.order_by, **kw)  # type: ignore[attr-defined]
    return f"quantileExactInclusive({level})({ordered})"


@compiles(functions.count, "clickhousedb")
def _count(element: functions.count, compiler: object, **kw: object) -> str:
    # ClickHouse's count() is UInt64; SQL's is a signed BIGINT. Mixed with Int64 columns in a
    # UNION ALL (rollup counts + raw counts) UInt64 makes a Variant that sum() refuses.
    return f"toInt64({compiler.visit_function(element, **kw)})"  # type: ignore[attr-defined]


@compiles(Over, "clickhousedb")
def _over(element: Over, compiler: object, **kw: object) -> str:
    # ClickHouse's lag/lead give the type's default (0) past the edge of the partition where SQL
    # gives NULL ("the station was not open 28 days ago" would read as "it sold nothing").
    # lagInFrame/leadInFrame over a Nullable value give NULL; their frame must reach the row.
    fn = element.element
    name = getattr(fn, "name", "").lower()
    if name not in ("lag", "lead"):
        return compiler.visit_over(element, **kw)  # type: ignore[attr-defined]
    proc = compiler.process  # type: ignore[attr-defined]
    args = [proc(a, **kw) for a in fn.clauses]
    offset = args[1] if len(args) > 1 else "1"
    default = f", {args[2]}" if len(args) > 2 else ""
    spec = []
    if element.partition_by is not None and len(element.partition_by.clauses):
        spec.append(f"PARTITION BY {proc(element.partition_by, **kw)}")
    if element.order_by is not None and len(element.order_by.clauses):
        spec.append(f"ORDER BY {proc(element.order_by, **kw)}")
    spec.append("ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW" if name == "lag"
                else "ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING")
    return f"{name}InFrame(toNullable({args[0]}), {offset}{default}) OVER ({' '.join(spec)})"


def engine(url: str) -> Engine:
    """A SQLAlchemy engine on ClickHouse with NULL-producing outer joins.

    `url` is a `clickhousedb://` URL; for the embedded engine (tests, one machine) use
    `clickhousedb://localhost/default?interface=chdb&path=DIR`.
    """
    u = make_url(url)
    if "join_use_nulls" not in u.query:
        u = u.update_query_dict({"join_use_nulls": "1"})
    return create_engine(u)


def column_type(col: Column) -> str:
    """The ClickHouse type of one schema column (Nullable unless declared NOT NULL)."""
    t = col.type
    if isinstance(t, Boolean):
        base = "Bool"
    elif isinstance(t, DateTime):
        base = "DateTime64(6)"
    elif isinstance(t, Date):
        base = "Date32"
    elif isinstance(t, Integer):
        base = "Int64"
    elif isinstance(t, Float):
        base = "Float64"
    else:  # String, Text
        base = "String"
    return base if not col.nullable else f"Nullable({base})"


def create_table_sql(table: Table) -> str:
    """`CREATE TABLE` for one schema table as a MergeTree sorted by how the app reads it."""
    cols = ",\n  ".join(f"`{c.name}` {column_type(c)}" for c in table.columns)
    order = ORDER_BY.get(table.name, "tuple()")
    return f"CREATE TABLE IF NOT EXISTS `{table.name}` (\n  {cols}\n) ENGINE = MergeTree ORDER BY {order}"


def export_duckdb(duck_url: str, folder: Path) -> list[str]:
    """Write every schema table of a DuckDB store to `folder/<table>.parquet`; their names."""
    path = duckdb_path(duck_url)
    if path is None:
        raise ValueError(f"not a DuckDB file URL: {duck_url}")
    con = duckdb.connect(str(path), read_only=True)
    try:
        present = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        names = [t.name for t in metadata.sorted_tables if t.name in present]
        for name in names:
            target = str(folder / f"{name}.parquet").replace("'", "''")
            con.execute(f"COPY \"{name}\" TO '{target}' (FORMAT parquet)")  # noqa: S608 - schema names
    finally:
        con.close()
    return names


def bulk_load(ch: Engine, folder: Path, names: list[str]) -> dict[str, int]:
    """Create each table and insert its Parquet file with ClickHouse's own reader.

    `file()` reads on the ClickHouse side (chdb: this process); on a server, put the files
    where it can read them and use `s3(...)`/`clickhouse-client ... FORMAT Parquet` instead.
    Returns rows per table.
    """
    counts = {}
    with ch.connect() as conn:
        for name in names:
            table = metadata.tables[name]
            conn.exec_driver_sql(f"DROP TABLE IF EXISTS `{name}`")
            conn.exec_driver_sql(create_table_sql(table))
            src = str(folder / f"{name}.parquet").replace("'", "''")
            cols = ", ".join(f"`{c.name}`" for c in table.columns)
            conn.exec_driver_sql(f"INSERT INTO `{name}` ({cols}) SELECT {cols} "  # noqa: S608
                                 f"FROM file('{src}', Parquet)")
            counts[name] = conn.exec_driver_sql(f"SELECT count() FROM `{name}`").scalar_one()  # noqa: S608
    return counts


def copy_store(duck_url: str, ch: Engine) -> dict[str, int]:
    """Copy a whole DuckDB store (contract tables, bookkeeping, rollups) into ClickHouse."""
    with tempfile.TemporaryDirectory(prefix="amoeba-ch-") as tmp:
        folder = Path(tmp)
        return bulk_load(ch, folder, export_duckdb(duck_url, folder))


def main(argv: list[str] | None = None) -> int:
    """Command line: copy a DuckDB store into a ClickHouse database; print rows per table."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    for name, n in copy_store(args[0], engine(args[1])).items():
        print(f"{name}: {n:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
