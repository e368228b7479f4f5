"""Helpers of the data-layer tests: fixture folders and plain, independent readers of a store.

The helpers read stores independently of the code under test: a DuckDB file is ATTACHed
read-only by a fresh in-memory DuckDB, a PostgreSQL store is read with plain SQLAlchemy.
Expected numbers come from the fixture CSVs through Python's csv module.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import duckdb
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

FIXTURES = Path(__file__).parent / "fixtures"
BASIC = FIXTURES / "basic"
DIRTY = FIXTURES / "dirty"


def read_csv_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a fixture CSV as dicts of text (BOM tolerated)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def copy_folder(src: Path, dst: Path, only: tuple[str, ...] | None = None) -> Path:
    """Copy a fixture folder (optionally only some files) to a temp place tests may edit."""
    dst.mkdir(parents=True, exist_ok=True)
    for path in src.iterdir():
        if path.suffix == ".csv" and (only is None or path.stem in only):
            shutil.copy(path, dst / path.name)
    return dst


def query(url: str, sql: str) -> list[tuple]:
    """Run one read query against a store without using data.store (an independent reader)."""
    if url.startswith("duckdb"):
        path = make_url(url).database
        con = duckdb.connect(":memory:")
        try:
            con.execute(f"ATTACH '{path}' AS s (READ_ONLY)")
            con.execute("USE s")
            return con.execute(sql).fetchall()
        finally:
            con.close()
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql))]
    finally:
        engine.dispose()


def table_rows(url: str, table: str) -> list[tuple]:
    """Every row of a table, sorted, for equality checks between stores."""
    return sorted(query(url, f"SELECT * FROM {table}"), key=repr)


def snapshot(url: str, names: list[str]) -> dict[str, list[tuple]]:
    """Sorted rows of several tables, read through one connection (cheaper than table_rows)."""
    if not url.startswith("duckdb"):
        return {name: table_rows(url, name) for name in names}
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"ATTACH '{make_url(url).database}' AS s (READ_ONLY)")
        return {n: sorted(con.execute(f"SELECT * FROM s.{n}").fetchall(), key=repr) for n in names}
    finally:
        con.close()
