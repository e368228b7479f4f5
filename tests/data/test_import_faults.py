"""An import that fails or is killed halfway leaves the published data served and readable."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest
from sqlalchemy import text

from data import importer, runlog, store
from data.importer import UnusableFolder, import_folder
from tests.data.helpers import BASIC, DIRTY, copy_folder, query

REPO = Path(__file__).resolve().parents[2]


def test_exception_inside_build_keeps_old_data(duck_url: str, monkeypatch) -> None:  # noqa: ANN001
    """A failure after the rows were loaded into the build: nothing served changes.

    The failed attempt is logged beside the store and recorded in import_runs by the next
    successful import.
    """
    first = import_folder(duck_url, BASIC)

    def explode(conn) -> None:  # noqa: ANN001
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(importer.rollups, "rebuild", explode)
    with pytest.raises(RuntimeError, match="disk on fire"):
        import_folder(duck_url, DIRTY)
    monkeypatch.undo()
    path = store.duckdb_path(duck_url)
    assert query(duck_url, "SELECT count(*) FROM fuel_sales") == [(12,)]
    assert store.data_version(store.reader_engine(duck_url)) == first.import_id
    assert store.stray_builds(path) == []
    assert [r["status"] for r in runlog.unpublished(path, exclude="")] == ["failed"]
    third = import_folder(duck_url, BASIC)
    runs = query(duck_url, "SELECT status, summary FROM import_runs ORDER BY started_at")
    assert [s for s, _ in runs] == ["published", "failed", "published"]
    assert "disk on fire" in runs[1][1]
    assert store.data_version(store.reader_engine(duck_url)) == third.import_id
    assert not runlog.log_path(path).exists()


def _big_fuel_folder(folder: Path, rows: int) -> Path:
    """basic's dimensions plus a generated fuel_sales.csv of `rows` rows (slow enough to kill)."""
    copy_folder(BASIC, folder, only=("products", "stations"))
    con = duckdb.connect(":memory:")
    con.execute(
        f"COPY (SELECT 'X' || i AS txn_id, TIMESTAMP '2026-10-01' + INTERVAL (i) SECOND AS ts, "
        f"'S00' || (1 + i % 3) AS station_id, 1 AS nozzle_no, 'G92' AS product_code, "
        f"10.0 AS liters, 7.5 AS list_price, 75.0 AS paid_amount, NULL AS customer_id, "
        f"'cash' AS payment_method FROM range({rows}) t(i)) TO '{folder / 'fuel_sales.csv'}' (HEADER)"
    )
    con.close()
    return folder


def test_killed_importer_leaves_old_data(tmp_path: Path, duck_url: str) -> None:
    """SIGKILL mid-import: readers still get the old data; the next import cleans up and logs it."""
    import_folder(duck_url, BASIC)
    folder = _big_fuel_folder(tmp_path / "big", 3_000_000)
    path = store.duckdb_path(duck_url)
    code = f"from data.importer import import_folder; import_folder({duck_url!r}, {str(folder)!r})"
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=REPO)
    deadline = time.monotonic() + 60
    while not store.stray_builds(path) and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.5)  # well inside the load of the big file
    assert proc.poll() is None, "the importer finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert store.stray_builds(path), "the killed build should be left behind"
    assert query(duck_url, "SELECT count(*), sum(liters) FROM fuel_sales") == [(12, 854.95)]
    import_folder(duck_url, BASIC)
    assert store.stray_builds(path) == []
    runs = query(duck_url, "SELECT status, summary FROM import_runs ORDER BY started_at")
    assert [s for s, _ in runs] == ["published", "failed", "published"]
    assert "interrupted" in runs[1][1]


def test_readers_never_see_a_mix(duck_url: str) -> None:
    """Readers looping during a publish see the old or the new totals, never anything else."""
    import_folder(duck_url, BASIC)
    engine = store.reader_engine(duck_url)
    old = (12, 854.95)
    new = (15, 854.95 + 33 + 50 + 20.5)
    seen: set[tuple] = set()
    errors: list[BaseException] = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            try:
                with engine.connect() as conn:
                    count, liters = conn.execute(
                        text("SELECT count(*), sum(liters) FROM fuel_sales")).one()
                    seen.add((count, round(liters, 6)))
            except BaseException as err:  # noqa: BLE001 - any reader error fails the test
                errors.append(err)

    threads = [threading.Thread(target=read) for _ in range(3)]
    for t in threads:
        t.start()
    import_folder(duck_url, DIRTY)
    time.sleep(0.2)
    done.set()
    for t in threads:
        t.join()
    assert not errors
    assert seen <= {(old[0], round(old[1], 6)), (new[0], round(new[1], 6))}
    assert (new[0], round(new[1], 6)) in seen


def test_unusable_folders(tmp_path: Path, duck_url: str) -> None:
    """A missing folder or one without contract files is refused before touching the store."""
    with pytest.raises(UnusableFolder):
        import_folder(duck_url, tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("hello")
    with pytest.raises(UnusableFolder):
        import_folder(duck_url, tmp_path / "empty")
    assert not store.duckdb_path(duck_url).exists()
