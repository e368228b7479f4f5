"""Disk full during an import: the importer runs in a child process whose file-size limit
(RLIMIT_FSIZE) stops its writes with EFBIG ("File too large"), the way a full disk stops them
with ENOSPC. The command fails with a clear message, the published data stays served, no
build file is left, and the next import records the failed attempt."""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from data import store
from data.importer import import_folder
from tests.data.helpers import BASIC, copy_folder, query

REPO = Path(__file__).resolve().parents[2]


def _big_folder(folder: Path, rows: int) -> Path:
    """basic's dimensions plus a generated fuel_sales.csv of `rows` rows."""
    copy_folder(BASIC, folder, only=("products", "stations"))
    con = duckdb.connect(":memory:")
    con.execute(
        f"COPY (SELECT 'X' || i AS txn_id, TIMESTAMP '2026-10-01' + INTERVAL (i) SECOND AS ts, "
        f"'S00' || (1 + i % 3) AS station_id, 1 AS nozzle_no, 'G92' AS product_code, "
        f"10.0 AS liters, 7.5 AS list_price, 75.0 AS paid_amount, NULL AS customer_id, "
        f"'cash' AS payment_method FROM range({rows}) t(i)) TO '{folder / 'fuel_sales.csv'}' (HEADER)")
    con.close()
    return folder


def _import_limited(url: str, folder: Path, limit: int) -> subprocess.CompletedProcess:
    """`python -m data import` with no file allowed to grow beyond `limit` bytes."""
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [sys.executable, "-m", "data", "import", str(folder), "--db", url, "--quiet"],
        cwd=REPO, capture_output=True, text=True, preexec_fn=cap, timeout=600)


@pytest.mark.parametrize("headroom", [2 << 20, -(64 << 10)], ids=["during-load", "during-copy"])
def test_disk_full_keeps_the_served_data(tmp_path: Path, duck_url: str, headroom: int) -> None:
    """The limit bites while the rows are written (2 MB over the store's size) or already
    while the served file is copied for the build (64 KB under it)."""
    first = import_folder(duck_url, BASIC)
    path = store.duckdb_path(duck_url)
    limit = path.stat().st_size + headroom
    done = _import_limited(duck_url, _big_folder(tmp_path / "big", 400_000), limit)
    assert done.returncode == 1, done.stderr[-2000:]
    assert done.stderr.startswith("import failed, the previously published data is unchanged:")
    assert "File too large" in done.stderr, done.stderr  # the cause, named once, no traceback
    assert "Traceback" not in done.stderr and "invalidated" not in done.stderr
    # nothing half-written: the served store is the first import, whole; no build is left
    assert query(duck_url, "SELECT count(*), sum(liters) FROM fuel_sales") == [(12, 854.95)]
    assert store.data_version(store.reader_engine(duck_url)) == first.import_id
    assert store.stray_builds(path) == []  # a failed load or copy removes its partial build
    # the next import (disk freed) publishes and records the failed attempt with its reason
    import_folder(duck_url, BASIC)
    runs = query(duck_url, "SELECT status, summary FROM import_runs ORDER BY started_at")
    assert [s for s, _ in runs] == ["published", "failed", "published"]
    assert "File too large" in runs[1][1]
    assert store.stray_builds(path) == []
