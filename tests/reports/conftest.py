"""One fixture store (the metrics oracle's fixture folder, imported as users import) per session."""

from __future__ import annotations

import pytest

from data.store import reader_engine
from tests.metrics.fixture import build_store


@pytest.fixture(scope="session")
def report_store(tmp_path_factory) -> str:
    """URL of a DuckDB store built from tests/metrics/fixture_data."""
    url = f"duckdb:///{tmp_path_factory.mktemp('report') / 'fixture.duckdb'}"
    build_store(url)
    return url


@pytest.fixture(scope="session")
def report_engine(report_store):
    eng = reader_engine(report_store)
    yield eng
    eng.dispose()
