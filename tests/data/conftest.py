"""Fixtures of the data-layer tests: fresh DuckDB and PostgreSQL stores."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


@pytest.fixture
def duck_url(tmp_path: Path) -> str:
    """A fresh DuckDB store URL in the test's temp folder."""
    return f"duckdb:///{tmp_path / 'store' / 'amoeba.duckdb'}"


@pytest.fixture
def pg_store(pg_url: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database on the test server; dropped afterwards."""
    name = f"amoeba_data_{uuid.uuid4().hex[:10]}"
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(pg_url).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        from data import store

        reader = store._readers.pop(url, None)
        if reader is not None:
            reader.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
