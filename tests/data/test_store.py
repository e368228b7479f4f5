"""The store: schema, URLs, read-only readers that follow publishes, atomic publishing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import exc, inspect, text

from data import store
from data.importer import import_folder
from data.schema import metadata
from tests.data.helpers import BASIC, DIRTY, query


def test_create_schema_makes_every_table(duck_url: str) -> None:
    """A new store holds every table of data/schema.py, and nothing was published yet."""
    engine = store.reader_engine(duck_url)
    assert set(inspect(engine).get_table_names()) == set(metadata.tables)
    assert store.data_version(engine) == ""


def test_default_urls_live_in_var() -> None:
    """Defaults point into <repo>/var/, which exists afterwards."""
    url = store.default_url()
    assert url.startswith("duckdb:///") and url.endswith("/var/amoeba.duckdb")
    assert store.default_state_url().endswith("/var/state.sqlite")
    assert (store.REPO / "var").is_dir()
    assert store.is_duckdb(url) and not store.is_duckdb("postgresql+psycopg://x@h/db")


def test_reader_is_read_only_and_sealed(duck_url: str) -> None:
    """Readers cannot write, read files, or switch external access back on."""
    import_folder(duck_url, BASIC)
    engine = store.reader_engine(duck_url)
    attempts = [
        "INSERT INTO products VALUES ('X', 'x', 'gasoline', 0.7)",
        "SELECT * FROM read_csv('/etc/passwd')",
        "SET enable_external_access = true",
        "ATTACH '/tmp/other.duckdb' AS other",
    ]
    for sql in attempts:
        with engine.connect() as conn, pytest.raises(exc.DBAPIError):
            conn.execute(text(sql))


def test_reader_opened_before_publish_sees_new_data(duck_url: str) -> None:
    """The same reader engine follows a publish; a connection mid-use keeps its snapshot."""
    import_folder(duck_url, BASIC)
    engine = store.reader_engine(duck_url)
    first_version = store.data_version(engine)
    held = engine.connect()
    assert held.execute(text("SELECT count(*) FROM fuel_sales")).scalar() == 12
    report = import_folder(duck_url, DIRTY)
    # The held connection still reads the old file whole (never a mix) ...
    assert held.execute(text("SELECT count(*) FROM fuel_sales")).scalar() == 12
    assert held.execute(text("SELECT count(*) FROM import_runs")).scalar() == 1
    held.close()
    # ... and the next checkout reads the new one: 12 + F101, F110, F112.
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM fuel_sales")).scalar() == 15
    assert store.data_version(engine) == report.import_id != first_version


def test_failure_inside_the_build_changes_nothing(duck_url: str) -> None:
    """An exception in the build block leaves the served file as it was and no build files."""
    import_folder(duck_url, BASIC)
    path = store.duckdb_path(duck_url)
    before = path.stat().st_ino
    with pytest.raises(RuntimeError), store.building(duck_url) as engine:
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM fuel_sales"))
        raise RuntimeError("boom")
    assert path.stat().st_ino == before
    assert query(duck_url, "SELECT count(*) FROM fuel_sales") == [(12,)]
    assert store.stray_builds(path) == []


def test_stray_build_files_are_removed_next_time(duck_url: str) -> None:
    """A build file left by a killed importer is cleaned by the next build."""
    import_folder(duck_url, BASIC)
    path = store.duckdb_path(duck_url)
    stray = Path(f"{path}{store.BUILD_MARK}99999")
    stray.write_bytes(b"half-written")
    import_folder(duck_url, BASIC)
    assert not stray.exists()


def test_duckdb_path_and_memory_urls() -> None:
    """Only file-backed DuckDB URLs publish by file."""
    assert store.duckdb_path("duckdb:///:memory:") is None
    assert store.duckdb_path("sqlite:///x.db") is None
    assert store.duckdb_path("duckdb:////tmp/a.duckdb") == Path("/tmp/a.duckdb")


def test_stray_spill_folder_and_wal_are_removed(duck_url: str) -> None:
    """A killed build may also leave DuckDB's `.tmp` spill folder and a `.wal`: both go."""
    import_folder(duck_url, BASIC)
    path = store.duckdb_path(duck_url)
    spill = Path(f"{path}{store.BUILD_MARK}4242.tmp")
    spill.mkdir()
    (spill / "duckdb_temp_storage-0.tmp").write_bytes(b"x")
    wal = Path(f"{path}{store.BUILD_MARK}4242.wal")
    wal.write_bytes(b"x")
    import_folder(duck_url, BASIC)
    assert store.stray_builds(path) == []


def test_data_version_without_bookkeeping_tables(tmp_path: Path) -> None:
    """A database without import_runs has version ""; an unreachable one raises."""
    from sqlalchemy import create_engine

    assert store.data_version(create_engine(f"sqlite:///{tmp_path / 'empty.sqlite'}")) == ""
    with pytest.raises(exc.OperationalError):
        store.data_version(create_engine("sqlite:////nonexistent-dir/x.sqlite"))
