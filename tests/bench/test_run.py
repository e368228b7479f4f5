"""`python -m bench.run`: one command for the whole table (cases in child processes, the board
against one request per indicator, load averages, markdown written to --out)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench.run import report

REPO = Path(__file__).resolve().parents[2]


def _m(wall: float, cpu: float) -> dict[str, float]:
    return {"wall": wall, "cpu": cpu}


def test_report_has_every_case_the_per_indicator_ratio_and_both_load_averages():
    results = [
        {"case": "board", "cold": _m(3.0, 2.0), "warm": _m(2.0, 1.5), "floor": _m(1.0, 0.5),
         "floor_cold": _m(1.2, 0.8), "peak_mb": 300.0},
        {"case": "churn", "error": "boom"},
        {"case": "per_indicator", "board": _m(3.0, 2.0), "per_indicator": _m(30.0, 24.0),
         "requests": 134, "peak_mb": 400.0},
    ]
    text = report("title", results, "1.0 / 2.0 / 3.0", "4.0 / 5.0 / 6.0")
    assert "at the start: 1.0 / 2.0 / 3.0; at the end: 4.0 / 5.0 / 6.0" in text
    board = next(line for line in text.splitlines() if line.startswith("| board |"))
    assert board == ("| board | 3,000 | 2,000 | 1,200 | 800 | 2.5 | 2,000 | 1,500 | 1,000 | 500 | "
                     "3.0 | 300 |")
    assert "| churn | error: boom |" in text
    assert "| ratio (target ≥ 10×) | 10.0× | 12.0× |" in text


def test_run_writes_the_tables_for_selected_cases(demo_store_url, tmp_path):
    out = tmp_path / "bench.md"
    cmd = [sys.executable, "-m", "bench.run", "--db", demo_store_url, "--cases", "bands,statement",
           "--repeat", "1", "--out", str(out)]
    res = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, timeout=600)
    assert res.returncode == 0, res.stderr
    text = out.read_text(encoding="utf-8")
    assert "team T01, station S001, 2026-11 as of 2026-11-15; medians of 1" in text
    rows = [line for line in text.splitlines() if line.startswith(("| bands |", "| statement |"))]
    assert len(rows) == 2 and all("error" not in r for r in rows)

