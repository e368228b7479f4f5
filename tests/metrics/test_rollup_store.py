"""`python -m data rollups`: a store written before agg_customer_month gained its per-customer
columns is upgraded in place, published like an import (new data version), on DuckDB and
PostgreSQL; the stored columns then equal the plain-Python computation from the files."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from data.__main__ import main
from data.store import building, data_version, reader_engine
from tests.metrics.fixture import DATA, build_store, postgres_database
from tests.metrics.test_rollup_providers import expected_columns, stored_columns

NEW = ("next_month", "first_day_registered")


def _drop_new_columns(conn) -> None:  # noqa: ANN001
    for col in NEW:
        conn.execute(text(f"ALTER TABLE agg_customer_month DROP COLUMN {col}"))


def _columns(engine) -> set[str]:  # noqa: ANN001
    return {c["name"] for c in inspect(engine).get_columns("agg_customer_month")}


def test_rollups_command_upgrades_a_duckdb_store(tmp_path: Path) -> None:
    url = f"duckdb:///{tmp_path / 'old.duckdb'}"
    build_store(url)
    with building(url) as engine, engine.begin() as conn:
        _drop_new_columns(conn)  # what a store from before this change looks like
    reader = reader_engine(url)
    before = data_version(reader)
    assert not set(NEW) & _columns(reader)
    assert main(["rollups", "--db", url]) == 0
    assert data_version(reader) > before  # the open reader follows the publish
    assert set(NEW) <= _columns(reader)
    assert stored_columns(reader) == expected_columns(DATA)
    with reader.connect() as conn:
        sources = conn.execute(text("SELECT source FROM import_runs ORDER BY import_id")).scalars()
        assert list(sources)[-1] == "rollups rebuild"


@pytest.mark.postgres
def test_rollups_command_upgrades_a_postgres_store(pg_url: str) -> None:
    with postgres_database(pg_url, "rollup_store") as url:
        build_store(url)
        engine = create_engine(url)
        try:
            with engine.begin() as conn:
                _drop_new_columns(conn)
            before = data_version(engine)
            assert main(["rollups", "--db", url]) == 0
            assert data_version(engine) > before
            assert stored_columns(engine) == expected_columns(DATA)
        finally:
            engine.dispose()


def test_ensure_demo_upgrades_an_old_store_once(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    """`make run` on a store from an older version rebuilds the rollups, then leaves them alone."""
    url = f"duckdb:///{tmp_path / 'old.duckdb'}"
    build_store(url)
    with building(url) as engine, engine.begin() as conn:
        _drop_new_columns(conn)
        conn.execute(text("DROP TABLE agg_customer_lapse"))
    reader = reader_engine(url)
    assert main(["ensure-demo", "--db", url]) == 0
    assert "rollups out of date (agg_customer_month, agg_customer_lapse)" in capsys.readouterr().out
    assert stored_columns(reader) == expected_columns(DATA)
    version = data_version(reader)
    assert main(["ensure-demo", "--db", url]) == 0
    assert "rollups out of date" not in capsys.readouterr().out
    assert data_version(reader) == version
