"""`python -m data` as the contract describes it: output, exit status, reuse of a store."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from tests.data.helpers import BASIC, DIRTY, query, read_csv_rows

REPO = Path(__file__).resolve().parents[2]


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `python -m data ARGS` from the repository root."""
    return subprocess.run([sys.executable, "-m", "data", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=120, env=env)


def test_import_prints_summary_and_bad_row_groups(duck_url: str) -> None:
    """Exit 0 with a line per file and per group of bad rows, even when some rows are bad."""
    assert run("import", str(BASIC), "--db", duck_url, "--quiet").returncode == 0
    done = run("import", str(DIRTY), "--db", duck_url, "--quiet")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "fuel_sales.csv: 12 read, 3 loaded, 9 quarantined" in out
    assert "bad rows: fuel_sales.csv [station_id]: station_id names an unknown station × 1 (rows 5)" in out
    assert "plans.csv: REJECTED: missing required column(s): target" in out
    assert "total: 23 read, 7 loaded, 15 quarantined" in out


def test_nothing_importable_exits_non_zero(tmp_path: Path, duck_url: str) -> None:
    """Every row bad (no stations in the store) → exit 1; a folder with no contract file → 2."""
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "expenses.csv").write_text("month,station_id,category,amount\n2026-10,S001,rent,5\n")
    done = run("import", str(folder), "--db", duck_url, "--quiet")
    assert done.returncode == 1
    assert "station_id names an unknown station" in done.stdout
    (tmp_path / "none").mkdir()
    done = run("import", str(tmp_path / "none"), "--db", duck_url)
    assert done.returncode == 2 and "holds no contract file" in done.stderr


def test_export_command_and_database_url_default(tmp_path: Path, duck_url: str) -> None:
    """`export` writes the folder; without --db the store comes from $DATABASE_URL."""
    env = {"DATABASE_URL": duck_url, "PATH": "/usr/bin:/bin"}
    assert run("import", str(BASIC), "--quiet", env=env).returncode == 0
    done = run("export", str(tmp_path / "out"), "--format", "csv", env=env)
    assert done.returncode == 0 and "fuel_sales.csv: 12 rows" in done.stdout
    assert len(read_csv_rows(tmp_path / "out" / "fuel_sales.csv")) == 12


def test_ensure_demo_reuses_a_published_store(duck_url: str, capsys) -> None:  # noqa: ANN001
    """With data published, ensure-demo only says so, quickly, and changes nothing."""
    from data.__main__ import main

    assert main(["import", str(BASIC), "--db", duck_url, "--quiet"]) == 0
    started = time.monotonic()
    assert main(["ensure-demo", "--db", duck_url]) == 0
    elapsed = time.monotonic() - started
    assert "reusing the store" in capsys.readouterr().out
    assert elapsed < 1.5  # a few ms when the machine is idle
    assert query(duck_url, "SELECT count(*) FROM import_runs") == [(1,)]
