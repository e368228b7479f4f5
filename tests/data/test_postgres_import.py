"""The import, quarantine, upsert, failure and export behaviour on the real PostgreSQL server."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import exc, text

from data import importer, store
from data.export import export_folder
from data.importer import import_folder
from data.rules import TABLES
from tests.data.helpers import BASIC, DIRTY, copy_folder, query, snapshot
from tests.data.test_import_rules import EXPECTED_BAD

pytestmark = pytest.mark.postgres
NAMES = [*TABLES, "agg_customer_month"]


def test_schema_and_quarantine_match_duckdb(pg_store: str) -> None:
    """basic then dirty: the same bad rows, the same loaded rows as on DuckDB."""
    import_folder(pg_store, BASIC)
    report = import_folder(pg_store, DIRTY)
    rows = query(pg_store, "SELECT file, row_no, column_name FROM quarantine ORDER BY 1, 2")
    assert rows == sorted((f, r, c) for f, r, c, _ in EXPECTED_BAD)
    assert query(pg_store, "SELECT txn_id, liters FROM fuel_sales WHERE txn_id LIKE 'F1%' "
                           "ORDER BY 1") == [("F101", 33.0), ("F110", 50.0), ("F112", 20.5)]
    assert (report.rows_loaded, report.rows_quarantined) == (7, 15)
    assert store.data_version(store.reader_engine(pg_store)) == report.import_id


def test_same_tables_as_duckdb(pg_store: str, duck_url: str) -> None:
    """Every contract table and the rollup hold the same rows on both stores."""
    import_folder(pg_store, BASIC)
    import_folder(duck_url, BASIC)
    assert snapshot(pg_store, NAMES) == snapshot(duck_url, NAMES)


def test_reimport_and_correction(tmp_path: Path, pg_store: str) -> None:
    """Re-import changes nothing; a corrected row replaces the old one (ON CONFLICT)."""
    import_folder(pg_store, BASIC)
    first = snapshot(pg_store, NAMES)
    import_folder(pg_store, BASIC)
    assert snapshot(pg_store, NAMES) == first
    folder = copy_folder(BASIC, tmp_path / "fix", only=("fuel_sales",))
    path = folder / "fuel_sales.csv"
    path.write_text(path.read_text().replace("F005,2026-10-01T10:00:00,S001,3,G92,40,",
                                             "F005,2026-10-01T10:00:00,S001,3,G92,45,"))
    import_folder(pg_store, folder)
    assert query(pg_store, "SELECT count(*), sum(liters) FROM fuel_sales") == [(12, 859.95)]


def test_failure_rolls_back_and_is_recorded(pg_store: str, monkeypatch) -> None:  # noqa: ANN001
    """A failure inside the transaction leaves the old data; the attempt is in import_runs."""
    import_folder(pg_store, BASIC)

    def explode(conn) -> None:  # noqa: ANN001
        raise RuntimeError("server gone")

    monkeypatch.setattr(importer.rollups, "rebuild", explode)
    with pytest.raises(RuntimeError):
        import_folder(pg_store, DIRTY)
    assert query(pg_store, "SELECT count(*) FROM fuel_sales") == [(12,)]
    assert query(pg_store, "SELECT count(*) FROM quarantine") == [(0,)]
    assert [r[0] for r in query(pg_store, "SELECT status FROM import_runs ORDER BY started_at")] == [
        "published", "failed"]


def test_reader_is_read_only(pg_store: str) -> None:
    """The serving engine's transactions are read-only."""
    import_folder(pg_store, BASIC)
    with store.reader_engine(pg_store).connect() as conn, pytest.raises(exc.DBAPIError):
        conn.execute(text("DELETE FROM fuel_sales"))


def test_export_round_trip_from_postgres(tmp_path: Path, pg_store: str) -> None:
    """PostgreSQL → CSV → a fresh DuckDB store: identical tables."""
    import_folder(pg_store, BASIC)
    export_folder(pg_store, tmp_path / "out")
    other = f"duckdb:///{tmp_path / 'b.duckdb'}"
    import_folder(other, tmp_path / "out")
    assert snapshot(other, NAMES) == snapshot(pg_store, NAMES)
