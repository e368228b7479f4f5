"""The fixture store (the metrics oracle's fixture folder, imported as users import) once per
session, on DuckDB and on the real PostgreSQL server: every test taking `report_engine` runs on
both (the PostgreSQL run skips locally without a server and fails in CI, as pg_url does)."""

from __future__ import annotations

import os

import pytest

from data.store import reader_engine
from tests.metrics.fixture import build_store, postgres_database


@pytest.fixture(scope="session")
def report_store(tmp_path_factory) -> str:
    """URL of a DuckDB store built from tests/metrics/fixture_data."""
    url = f"duckdb:///{tmp_path_factory.mktemp('report') / 'fixture.duckdb'}"
    build_store(url)
    return url


@pytest.fixture(scope="session")
def report_pg_store(pg_url):
    """URL of a PostgreSQL database built from the same fixture folder (dropped at the end)."""
    with postgres_database(pg_url, f"report_fixture_{os.getpid()}") as url:
        build_store(url)
        yield url


@pytest.fixture(scope="session", params=["duckdb", "postgres"])
def report_engine(request):
    url = request.getfixturevalue("report_store" if request.param == "duckdb" else "report_pg_store")
    eng = reader_engine(url)
    yield eng
    eng.dispose()
