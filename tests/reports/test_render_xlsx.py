"""The Excel tables: opened with openpyxl, values equal the report's and pandas' figures."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from data.scope import Scope
from metrics.periods import Period
from reports.compose import ReportRequest, compose
from reports.render_xlsx import render_xlsx
from tests.metrics.fixture import DATA


@pytest.fixture(scope="module")
def report(report_engine):
    return compose(report_engine, ReportRequest("team", "T1", Period.parse("2026-10"),
                                                Scope.everything()))  # fmt: skip


def test_xlsx_rows_hold_the_figures(report):
    wb = openpyxl.load_workbook(io.BytesIO(render_xlsx(report, "zh")))
    rows = list(wb.active.iter_rows(values_only=True))
    assert rows[0][0] == "榕东团队（团队 T1）2026-10 经营分析报告"
    by_key = {(r[0], r[1]): r for r in rows if r and r[1]}
    vol = by_key[("一、总体情况", "fuel_volume_t")]
    nonfuel = pd.read_csv(DATA / "nonfuel_sales.csv", parse_dates=["ts"])
    day = nonfuel["ts"].dt.date.astype(str)
    sel = nonfuel["station_id"].isin(["S01", "S02", "S03"]) & day.between("2026-10-01", "2026-10-22")
    assert by_key[("一、总体情况", "nonfuel_revenue")][4] == pytest.approx(
        nonfuel.loc[sel, "revenue"].sum(), rel=1e-12)
    assert vol[4] == pytest.approx(report.headline("fuel_volume_t").value, rel=1e-12)
    assert len([r for r in rows if r and r[0] == "四、经营报表（量本费利）"]) == len(report.statement)
    assert [r[1] for r in rows if r and r[0] == "五、客户流失预警"] == ["K07", "K15"]


def test_cli_builds_xlsx(report_store, tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    out = tmp_path / "r.xlsx"
    run = subprocess.run([sys.executable, "-m", "reports", "build", "--db", report_store,
                          "--level", "team", "--id", "T1", "--period", "2026-10", "--format",
                          "xlsx", "--out", str(out), "--lang", "en"],
                         cwd=Path(__file__).resolve().parents[2], capture_output=True, text=True,
                         timeout=180)  # fmt: skip
    assert run.returncode == 0, run.stderr
    first = next(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert first[0].startswith("Operating report")


def test_xlsx_holds_contributors_and_ranks(report):
    wb = openpyxl.load_workbook(io.BytesIO(render_xlsx(report, "zh")))
    rows = [r for r in wb.active.iter_rows(values_only=True) if r and r[1]]
    movers = {r[1]: r for r in rows if r[0] == "二、亮点与问题"}
    gp = next(m for m in report.worst if m.figure.id == "fuel_gross_profit")
    for c in gp.contributors + gp.products + gp.customers:
        row = movers[f"fuel_gross_profit/{c.level}:{c.id}"]
        assert row[10] == pytest.approx(c.delta, abs=1e-9) and row[4] == pytest.approx(c.value)
    assert movers["fuel_gross_profit/customer:K07"][3] == "liters"
    ranks = {r[1]: r for r in rows if r[0] == "三、排名"}
    assert ranks["nonfuel_revenue"][11:13] == ("1/2 ↑1", "1/3 ↑2")  # as in test_contributors
