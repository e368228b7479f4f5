"""data/status.py on DuckDB and PostgreSQL: counts, date ranges, imports, quarantine."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import create_engine, text

from data import schema, store
from data.status import ImportFile, UnknownImport, parse_summary, store_status
from tests.conftest import STATUS_EXPECTED, fill_status_store

LATEST = "20261021T063000-bbbb"
OLDER = "20261001T080000-aaaa"


def _check(status) -> None:
    counts = {c.name: c.rows for c in status.tables}
    for name, rows in STATUS_EXPECTED.items():
        assert counts[name] == rows, name
    assert counts["agg_customer_month"] == 0
    assert [c.name for c in status.tables][:3] == ["products", "stations", "customers"]
    ranges = {r.table: (r.first, r.last, r.grain) for r in status.ranges}
    assert ranges["fuel_sales"] == (dt.date(2026, 9, 3), dt.date(2026, 10, 20), "day")
    assert ranges["nonfuel_sales"] == (dt.date(2026, 9, 5), dt.date(2026, 9, 5), "day")
    assert ranges["expenses"] == (dt.date(2026, 8, 1), dt.date(2026, 10, 1), "month")
    assert ranges["plans"] == (dt.date(2026, 10, 1), dt.date(2026, 10, 1), "month")
    assert [r.import_id for r in status.imports] == [LATEST, OLDER]
    assert status.selected.import_id == LATEST
    assert (status.selected.rows_read, status.selected.rows_loaded) == (1234, 1232)
    assert status.quarantine_total == 2
    assert [(q.file, q.row_no, q.column_name) for q in status.quarantine] == [
        ("fuel_sales.csv", 3, "station_id"),
        ("fuel_sales.csv", 17, "liters"),
    ]


def test_status_on_duckdb(status_store_url) -> None:
    engine = store.reader_engine(status_store_url)
    assert store.data_version(engine) == LATEST
    _check(store_status(engine, store.data_version(engine)))


def test_selecting_an_import_and_unknown_ids(status_store_url) -> None:
    engine = store.reader_engine(status_store_url)
    older = store_status(engine, LATEST, OLDER)
    assert older.selected.import_id == OLDER
    assert [q.reason for q in older.quarantine] == ["not a date: '2020-13-01'"]
    for bad in ("nope", "' OR 1=1 --", "x" * 500):
        with pytest.raises(UnknownImport):
            store_status(engine, LATEST, bad)


def test_empty_store_has_no_imports(tmp_path) -> None:
    engine = store.reader_engine(f"duckdb:///{tmp_path / 'empty.duckdb'}")
    status = store_status(engine, "")
    assert status.selected is None and status.imports == ()
    assert all(c.rows == 0 for c in status.tables)
    assert all(r.first is None and r.last is None for r in status.ranges)


@pytest.mark.postgres
def test_status_on_postgresql(pg_url) -> None:
    writer = create_engine(pg_url)
    with writer.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS status_t CASCADE; CREATE SCHEMA status_t"))
    writer = create_engine(pg_url, connect_args={"options": "-c search_path=status_t"})
    schema.metadata.create_all(writer)
    fill_status_store(writer)
    reader = create_engine(
        pg_url,
        connect_args={"options": "-c search_path=status_t -c default_transaction_read_only=on"},
    )
    try:
        _check(store_status(reader, LATEST))
    finally:
        reader.dispose()
        with writer.begin() as conn:
            conn.execute(text("DROP SCHEMA status_t CASCADE"))
        writer.dispose()


def test_parse_summary_reads_files_and_tolerates_anything() -> None:
    text = (
        '{"files": [{"file": "plans.csv", "table": "plans", "rows_read": 1, "rows_loaded": 0,'
        ' "rows_quarantined": 0, "error": "missing required column(s): target", "warnings": []},'
        ' {"file": "customers.csv", "table": "customers", "rows_read": 2, "rows_loaded": 1,'
        ' "rows_quarantined": 1, "error": null, "warnings": ["ignored unknown column(s): wechat"]},'
        ' {"table": "no file name"}, "junk"],'
        ' "warnings": ["ignored README.md: not a contract table file"]}'
    )
    files, warnings = parse_summary(text)
    assert files == (
        ImportFile("plans.csv", "plans", 1, 0, 0, "missing required column(s): target", ()),
        ImportFile("customers.csv", "customers", 2, 1, 1, None, ("ignored unknown column(s): wechat",)),
    )
    assert warnings == ("ignored README.md: not a contract table file",)
    for bad in (None, "", "not json", "[1, 2]", '{"files": 3}', '{"files": [{"file": "a", "rows_read": "x"}]}'):
        parsed = parse_summary(bad)
        assert parsed[1] == ()
        assert all(f.rows_read == 0 for f in parsed[0])
