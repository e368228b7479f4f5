"""Build a store (DuckDB file or PostgreSQL database) from the oracle's fixture folder.

Two paths, until the importer lands: `data.importer.import_folder(url, folder)` when it exists,
otherwise a plain insert of the CSV rows with SQLAlchemy plus `agg_customer_month` computed here
(the fallback goes away once the importer is in; it exists only so that the oracle tests can run
before it).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from data import schema
from data.store import create_schema

DATA = Path(__file__).resolve().parent / "fixture_data"

_DATES = {"opened_on", "registered_on", "start_date", "end_date"}
_MONTHS = {"month"}
_STAMPS = {"ts"}


def _importer():  # noqa: ANN202 - returns the importer function or None
    try:
        mod = importlib.import_module("data.importer")
    except ModuleNotFoundError:
        return None
    return getattr(mod, "import_folder", None)


def _convert(value: str, col: str, sqltype: object) -> object:
    """One CSV field to the Python value of its column (empty → NULL)."""
    if value == "":
        return None
    if col in _MONTHS:
        return date.fromisoformat(value + "-01")
    if col in _DATES:
        return date.fromisoformat(value)
    if col in _STAMPS:
        return datetime.fromisoformat(value)
    kind = type(sqltype).__name__
    if kind == "Integer":
        return int(float(value))
    if kind == "Float":
        return float(value)
    return value


def _insert_tables(engine: Engine, folder: Path) -> None:
    """Insert every contract CSV of the folder into its table."""
    with engine.begin() as conn:
        for table in schema.CONTRACT_TABLES:
            df = pd.read_csv(folder / f"{table.name}.csv", dtype=str, keep_default_na=False)
            cols = [c for c in df.columns if c in table.c]
            rows = [{c: _convert(r[c], c, table.c[c].type) for c in cols}
                    for r in df.to_dict("records")]
            if rows:
                conn.execute(table.insert(), rows)


def _agg_customer_month(folder: Path) -> list[dict]:
    """customer × station × month of member fuel sales, as schema.agg_customer_month holds."""
    fuel = pd.read_csv(folder / "fuel_sales.csv", dtype={"customer_id": str},
                       keep_default_na=False)
    prod = pd.read_csv(folder / "products.csv")
    fuel = fuel[fuel["customer_id"] != ""].merge(prod, on="product_code")
    fuel["ts"] = pd.to_datetime(fuel["ts"])
    fuel["month"] = fuel["ts"].dt.to_period("M").dt.start_time.dt.date
    fuel["tonnes"] = fuel["liters"] * fuel["density_kg_per_l"] / 1000
    g = fuel.groupby(["customer_id", "station_id", "month"]).agg(
        liters=("liters", "sum"), tonnes=("tonnes", "sum"), paid_amount=("paid_amount", "sum"),
        txn_count=("txn_id", "count"), last_ts=("ts", "max")).reset_index()
    g["last_ts"] = g["last_ts"].dt.to_pydatetime()
    recs = g.to_dict("records")
    for r in recs:
        r["txn_count"] = int(r["txn_count"])
        r["last_ts"] = pd.Timestamp(r["last_ts"]).to_pydatetime()
    return recs


def build_store(url: str, folder: Path = DATA) -> str:
    """Load the fixture into the (empty) store at `url`; return which path was used."""
    import_folder = _importer()
    if import_folder is not None and not os.environ.get("ORACLE_FIXTURE_INSERT"):
        import_folder(url, folder)
        return "importer"
    engine = create_engine(url)
    try:
        create_schema(engine)
        _insert_tables(engine, folder)
        with engine.begin() as conn:
            conn.execute(schema.agg_customer_month.insert(), _agg_customer_month(folder))
    finally:
        engine.dispose()
    return "insert"


@contextmanager
def postgres_database(server_url: str, name: str) -> Iterator[str]:
    """A fresh database on the test server for the duration of the block (dropped after)."""
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
