"""Write validated rows into the store: upsert by the contract key, keep facts sorted.

DuckDB (the validator *is* the build file's connection): a table that receives rows is rebuilt
as (old rows whose key is not re-imported) ∪ (new rows), ordered by time then station, because
sort order is the biggest speed lever for the board queries (see testing.md). An empty table is
simply filled in order. PostgreSQL: good rows stream from the in-process DuckDB validator in
Arrow batches, as CSV, through `COPY` into a temp staging table, then `INSERT … ON CONFLICT`.

SQL text interpolates only schema table/column names (quoted) and temp names of our own.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv
from duckdb_engine import Dialect as DuckDBDialect
from sqlalchemy import Column, Connection, MetaData, Table, delete, insert, select, tuple_
from sqlalchemy.dialects import postgresql
from sqlalchemy.schema import CreateTable

from data.readers import ident, literal
from data.rules import REFERENCED_TABLES, key_column
from data.schema import quarantine

BATCH_ROWS = 200_000
# Rows sorted in one statement when an empty table is filled: ~1 GB of fuel rows, which sorts
# in memory under the importer's 4 GB limit.
CHUNK_ROWS = 8_000_000


def sort_order(table: Table) -> str:
    """Physical order of a table in DuckDB: month, then station, then time (else the key).

    Month-then-station keeps one station's month of rows together, so the zone maps skip
    most of a big table for a team's or a station's period; testing.md measured this order
    (month, team, station, ts) as the biggest speed lever (board 59 → 24 ms at 50M rows).
    Station ids run team by team in the contract's organisation, so team order comes along.
    The key is left out of a fact table's order: ties on (station, ts) are rare, order among
    them buys no pruning, and a text key in the sort costs 2 of the sort's 3 s CPU per 10M rows.
    """
    names = table.c.keys()
    parts = []
    if "ts" in names:
        parts.append("date_trunc('month', \"ts\")")
    parts += [ident(c) for c in ("month", "station_id", "ts") if c in names]
    return ", ".join(parts or [ident(k) for k in table.info["key"]])


def month_chunks(duck: duckdb.DuckDBPyConnection, source: str) -> list[tuple[object, object]]:
    """Consecutive ranges [start, end) of whole months of `source.ts`, each of about
    CHUNK_ROWS rows (a month is never split); None leaves a range open on that side."""
    months = duck.execute(
        f"SELECT date_trunc('month', ts) AS m, count(*) FROM {source} GROUP BY 1 ORDER BY 1"  # noqa: S608
    ).fetchall()
    bounds, rows = [], 0
    for month, count in months:
        if rows and rows + count > CHUNK_ROWS:
            bounds.append(month)
            rows = 0
        rows += count
    edges = [None, *bounds, None]
    return list(zip(edges[:-1], edges[1:], strict=True))


def _insert_fresh(duck: duckdb.DuckDBPyConnection, table: Table, good: str, rows: int | None) -> None:
    """Fill an empty table in store order. A big fact file goes in month ranges, each sorted on
    its own: the order starts with the month, so the ranges concatenate to the same order, and
    a range's sort fits in memory where one sort of 50M rows spilled to disk (fuel rows at
    49.6M: 110 → 75 s CPU, 203 → 122 s wall)."""
    cols = ", ".join(ident(c) for c in table.c.keys())
    order, name = sort_order(table), ident(table.name)
    insert = f"INSERT INTO {name} ({cols}) SELECT {cols} FROM {good}"  # noqa: S608
    if "ts" not in table.c or rows is None or rows <= CHUNK_ROWS:
        duck.execute(f"{insert} ORDER BY {order}")
        return
    for start, end in month_chunks(duck, good):
        where = [c for c, v in (("ts >= ?", start), ("ts < ?", end)) if v is not None]
        params = [v for v in (start, end) if v is not None]
        duck.execute(f"{insert} WHERE {' AND '.join(where) or 'true'} ORDER BY {order}", params)


def duckdb_upsert(
    duck: duckdb.DuckDBPyConnection, table: Table, good: str, rows: int | None = None
) -> None:
    """Upsert the rows of relation `good` (`rows` of them, if known) into `table` of the DuckDB
    store being built."""
    cols = ", ".join(ident(c) for c in table.c.keys())
    order = sort_order(table)
    name = ident(table.name)
    has_rows = duck.execute(f"SELECT EXISTS (SELECT 1 FROM {name})").fetchall()[0][0]  # noqa: S608
    if not has_rows:
        _insert_fresh(duck, table, good, rows)
        return
    keys = ", ".join(ident(k) for k in table.info["key"])
    fresh = f"{table.name}__new"
    ddl = CreateTable(table.to_metadata(MetaData(), name=fresh))
    duck.execute(str(ddl.compile(dialect=DuckDBDialect())))
    duck.execute(
        f"INSERT INTO {ident(fresh)} ({cols}) SELECT {cols} FROM ("  # noqa: S608
        f"SELECT {cols} FROM {name} ANTI JOIN {good} USING ({keys}) "
        f"UNION ALL SELECT {cols} FROM {good}) ORDER BY {order}"
    )
    duck.execute(f"DROP TABLE {name}")
    duck.execute(f"ALTER TABLE {ident(fresh)} RENAME TO {name}")


def arrow_batches(duck: duckdb.DuckDBPyConnection, query: str) -> Iterator[pa.RecordBatch]:
    """Stream a DuckDB query's result as Arrow record batches (bounded memory)."""
    reader = duck.sql(query).to_arrow_reader(BATCH_ROWS)
    yield from reader


def copy_rows(conn: Connection, target: str, columns: list[str], batches) -> int:  # noqa: ANN001
    """COPY Arrow batches into a PostgreSQL table through psycopg, as CSV. Returns rows sent."""
    cursor = conn.connection.driver_connection.cursor()
    sent = 0
    cols = ", ".join(ident(c) for c in columns)
    with cursor.copy(f"COPY {target} ({cols}) FROM STDIN (FORMAT csv)") as copy:
        for batch in batches:
            buffer = io.BytesIO()
            pacsv.write_csv(batch, buffer, pacsv.WriteOptions(include_header=False))
            copy.write(buffer.getvalue())
            sent += batch.num_rows
    return sent


def postgres_upsert(
    conn: Connection, duck: duckdb.DuckDBPyConnection, table: Table, good: str
) -> None:
    """Stage the good rows with COPY and upsert them by the table's key, in `conn`'s transaction."""
    columns = list(table.c.keys())
    stage = f"stg_{table.name}"
    conn.exec_driver_sql(
        f"CREATE TEMP TABLE {stage} (LIKE {ident(table.name)} INCLUDING DEFAULTS) ON COMMIT DROP"
    )
    query = f"SELECT {', '.join(ident(c) for c in columns)} FROM {good}"  # noqa: S608
    copy_rows(conn, stage, columns, arrow_batches(duck, query))
    staged = Table(stage, MetaData(), *(Column(c.name, c.type) for c in table.columns))
    insert = postgresql.insert(table).from_select(columns, select(staged))
    keys = table.info["key"]
    updates = {c: insert.excluded[c] for c in columns if c not in keys}
    upsert = (
        insert.on_conflict_do_update(index_elements=list(keys), set_=updates)
        if updates
        else insert.on_conflict_do_nothing(index_elements=list(keys))
    )
    conn.execute(upsert)
    conn.exec_driver_sql(f"DROP TABLE {stage}")


def seed_references(duck: duckdb.DuckDBPyConnection, conn: Connection | None) -> None:
    """Create `ref_<table>(key)` in the validator: the keys rows may reference.

    On DuckDB (`conn` None) they are views of the store's own tables; for a server they are
    copied from it once, then grow with each file of the import (`extend_references`).
    """
    for name in REFERENCED_TABLES:
        key = ident(key_column(name))
        if conn is None:
            duck.execute(f"CREATE TEMP VIEW ref_{name} AS SELECT {key} AS key FROM {ident(name)}")  # noqa: S608
            continue
        duck.execute(f"CREATE TEMP TABLE ref_{name} (key VARCHAR)")
        result = conn.exec_driver_sql(f"SELECT {key} FROM {ident(name)}")  # noqa: S608
        while rows := result.fetchmany(BATCH_ROWS):
            batch = pa.table({"key": [r[0] for r in rows]})
            duck.register("ref_batch", batch)
            duck.execute(f"INSERT INTO ref_{name} SELECT key FROM ref_batch")  # noqa: S608
            duck.unregister("ref_batch")


def extend_references(duck: duckdb.DuckDBPyConnection, table: Table, good: str) -> None:
    """After a referenced table is loaded on a server, its new keys become referable."""
    if table.name in REFERENCED_TABLES:
        key = ident(key_column(table.name))
        duck.execute(
            f"INSERT INTO ref_{table.name} SELECT {key} FROM {good} "  # noqa: S608
            f"EXCEPT SELECT key FROM ref_{table.name}"
        )


def server_upsert(
    conn: Connection, duck: duckdb.DuckDBPyConnection, table: Table, good: str
) -> None:
    """Upsert on a server: COPY + ON CONFLICT on PostgreSQL, delete + insert elsewhere."""
    if conn.dialect.name == "postgresql":
        postgres_upsert(conn, duck, table, good)
    else:
        generic_upsert(conn, duck, table, good)


def generic_upsert(
    conn: Connection, duck: duckdb.DuckDBPyConnection, table: Table, good: str
) -> None:
    """Portable upsert in batches: delete the batch's keys, insert its rows."""
    keys = table.info["key"]
    key_expr = tuple_(*(table.c[k] for k in keys))
    query = f"SELECT {', '.join(ident(c) for c in table.c.keys())} FROM {good}"  # noqa: S608
    for batch in arrow_batches(duck, query):
        rows = batch.to_pylist()
        conn.execute(delete(table).where(key_expr.in_([tuple(r[k] for k in keys) for r in rows])))
        conn.execute(insert(table), rows)


def store_quarantine(conn: Connection, duck: duckdb.DuckDBPyConnection, import_id: str) -> None:
    """Copy the validator's `qrows` into the server's `quarantine` table."""
    columns = ["import_id", "file", "row_no", "column_name", "reason", "raw"]
    query = (
        f"SELECT {literal(import_id)} AS import_id, file, row_no, column_name, reason, raw "  # noqa: S608
        "FROM qrows ORDER BY file, row_no"
    )
    batches = arrow_batches(duck, query)
    if conn.dialect.name == "postgresql":
        copy_rows(conn, "quarantine", columns, batches)
        return
    for batch in batches:
        conn.execute(insert(quarantine), batch.to_pylist())
