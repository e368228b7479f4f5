"""Write the store back out in the data-contract format (one file per table, CSV or Parquet).

Months come out as `YYYY-MM`, timestamps as ISO `YYYY-MM-DDTHH:MM:SS` without zone, dates as
`YYYY-MM-DD`; rows are ordered by key. The file writer is an in-process DuckDB: a DuckDB store is
ATTACHed read-only, other stores are streamed into it in batches.

Spreadsheet formula injection (CWE-1236): in CSV, a *free-text* cell (names, categories, SKUs,
phone numbers; never keys, references or enums) that starts with `=`, `+`, `-` or `@` — after
any apostrophes — gets one more leading apostrophe, so Excel shows it as text. The importer
removes exactly one such apostrophe from the same columns, so export → import is lossless.
Identifiers are not touched: rewriting a key would corrupt references, and ids never start
with these characters in practice. Parquet is not opened by spreadsheets and is left as is.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
from sqlalchemy import Table, create_engine, select

from data.readers import ident, literal
from data.rules import rules_for
from data.schema import CONTRACT_TABLES
from data.store import duckdb_path

BATCH_ROWS = 200_000
FORMULA_RE = r"^'*[=+\-@]"


def _column_sql(table: Table, fmt: str) -> str:
    """The SELECT list that renders a table in the contract's text conventions."""
    parts = []
    for rule in rules_for(table):
        col = ident(rule.name)
        if rule.kind == "month":
            expr = f"strftime({col}, '%Y-%m')"
        elif rule.kind == "timestamp" and fmt == "csv":
            expr = f"strftime({col}, '%Y-%m-%dT%H:%M:%S')"
        elif rule.free_text and fmt == "csv":
            expr = f"CASE WHEN regexp_matches({col}, {literal(FORMULA_RE)}) THEN '''' || {col} ELSE {col} END"
        else:
            expr = col
        parts.append(f"{expr} AS {col}")
    return ", ".join(parts)


def _write(duck: duckdb.DuckDBPyConnection, source: str, table: Table, out: Path, fmt: str) -> int:
    order = ", ".join(ident(k) for k in table.info["key"])
    target = out / f"{table.name}.{fmt}"
    options = "(FORMAT parquet)" if fmt == "parquet" else "(FORMAT csv, HEADER, DELIMITER ',')"
    duck.execute(
        f"COPY (SELECT {_column_sql(table, fmt)} FROM {source} ORDER BY {order}) "  # noqa: S608
        f"TO {literal(str(target))} {options}"
    ).fetchall()  # finish the result: DuckDB 2 blocks the connection until then
    return duck.execute(f"SELECT count(*) FROM {source}").fetchall()[0][0]  # noqa: S608


def _pull(duck: duckdb.DuckDBPyConnection, url: str, table: Table) -> str:
    """Stream one table of a server store into a DuckDB temp table; returns its name."""
    name = f"x_{table.name}"
    engine = create_engine(url)
    try:
        with engine.connect().execution_options(stream_results=True) as conn:
            result = conn.execute(select(table))
            cols = list(result.keys())
            first = True
            while rows := result.fetchmany(BATCH_ROWS):
                batch = pa.table({c: [r[i] for r in rows] for i, c in enumerate(cols)})
                duck.register("x_batch", batch)
                verb = f"CREATE TEMP TABLE {name} AS" if first else f"INSERT INTO {name}"
                duck.execute(f"{verb} SELECT * FROM x_batch")  # noqa: S608
                duck.unregister("x_batch")
                first = False
    finally:
        engine.dispose()
    if first:
        return ident(table.name)  # empty: the store's empty table shape is not needed
    return name


def export_folder(url: str, folder: str | Path, fmt: str = "csv") -> dict[str, int]:
    """Write every contract table of the store at `url` into `folder`; returns rows per table."""
    if fmt not in ("csv", "parquet"):
        raise ValueError("format must be csv or parquet")
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    duck = duckdb.connect(":memory:")
    counts: dict[str, int] = {}
    try:
        path = duckdb_path(url)
        if path is not None:
            if not path.exists():
                raise FileNotFoundError(f"no store at {path}: import something first")
            duck.execute(f"ATTACH {literal(str(path))} AS store (READ_ONLY)")
            for table in CONTRACT_TABLES:
                counts[table.name] = _write(duck, f"store.main.{ident(table.name)}", table, out, fmt)
            return counts
        for table in CONTRACT_TABLES:
            source = _pull(duck, url, table)
            if source == ident(table.name):
                _empty_shape(duck, table)
            counts[table.name] = _write(duck, source, table, out, fmt)
    finally:
        duck.close()
    return counts


def _empty_shape(duck: duckdb.DuckDBPyConnection, table: Table) -> None:
    """An empty DuckDB table shaped like `table`, so an empty file still gets its header."""
    cols = ", ".join(f"{ident(r.name)} {r.sql_type}" for r in rules_for(table))
    duck.execute(f"CREATE TEMP TABLE {ident(table.name)} ({cols})")
