"""Build a store (DuckDB file or PostgreSQL database) from the oracle's fixture folder.

The store is loaded the way users load theirs: `data.importer.import_folder`, which also builds
the rollups. A fixture row that the importer quarantines is a broken fixture, so it fails here.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from data.importer import import_folder

DATA = Path(__file__).resolve().parent / "fixture_data"


def build_store(url: str, folder: Path = DATA) -> None:
    """Import the fixture folder into the store at `url`; every row must load."""
    report = import_folder(url, folder, source_label="oracle fixture")
    bad = [(f.file, f.rows_quarantined, f.error) for f in report.files
           if f.rows_quarantined or f.error]
    if report.status != "published" or bad:
        raise RuntimeError(f"fixture import {report.status}: {bad} {report.problems}")


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


def fixture_engines(request, tmp_path_factory, name: str) -> Iterator[Engine]:  # noqa: ANN001
    """Body of a module fixture parametrised ["duckdb", "postgres"]: the fixture folder imported
    into a DuckDB file or a fresh PostgreSQL database `name`, yielding its engine."""
    if request.param == "duckdb":
        url = f"duckdb:///{tmp_path_factory.mktemp(name) / 'fixture.duckdb'}"
        build_store(url)
        eng = create_engine(url)
        yield eng
        eng.dispose()
        return
    with postgres_database(request.getfixturevalue("pg_url"), name) as url:
        build_store(url)
        eng = create_engine(url)
        yield eng
        eng.dispose()
