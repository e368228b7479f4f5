"""The HTML document and the command line, on the oracle fixture store (team T1, 2026-10)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from data.scope import Scope
from metrics.periods import Period
from reports.compose import ReportRequest, compose, headline_ids
from reports.render_html import render_html
from tests.metrics.fixture import DATA

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def report(report_engine):
    return compose(report_engine, ReportRequest("team", "T1", Period.parse("2026-10"),
                                                Scope.everything()))  # fmt: skip


def _oct_tonnes_t1() -> float:
    fuel = pd.read_csv(DATA / "fuel_sales.csv", parse_dates=["ts"])
    fuel = fuel.merge(pd.read_csv(DATA / "products.csv"), on="product_code")
    day = fuel["ts"].dt.date.astype(str)
    sel = fuel["station_id"].isin(["S01", "S02", "S03"]) & day.between("2026-10-01", "2026-10-22")
    return float((fuel.loc[sel, "liters"] * fuel.loc[sel, "density_kg_per_l"]).sum() / 1000)


def _row(html: str, indicator: str) -> str:
    m = re.search(rf'<tr><td><a class="num" href="/dictionary#{indicator}">.*?</tr>', html, re.S)
    assert m, indicator
    return m.group(0)


def test_every_headline_links_to_its_definition(report):
    html = render_html(report, "zh")
    for ind in headline_ids():
        assert f'href="/dictionary#{ind}"' in html
    assert 'href="https://board.example/dictionary#fuel_volume_t"' in render_html(
        report, "zh", "https://board.example")


def test_fuel_volume_row_shows_the_pandas_figure(report):
    html = render_html(report, "zh")
    tonnes = _oct_tonnes_t1()
    assert f"{tonnes:,.1f} 吨" in _row(html, "fuel_volume_t")
    assert "纯枪销量" in _row(html, "fuel_volume_t")
    assert "时间进度 71.0%" in html  # 22 of 31 days


def test_sections_and_language(report):
    zh, en = render_html(report, "zh"), render_html(report, "en")
    for head in ("一、总体情况", "二、亮点与问题", "三、排名", "四、经营报表", "五、客户流失预警",
                 "六、建议"):  # fmt: skip
        assert head in zh
    assert "Fuel volume (pump sales)" in en and "纯枪销量" not in en
    assert zh.count("<svg") == 1 + len(report.best) + len(report.worst)
    assert "<script" not in zh  # a document to mail and print: no scripts
    assert 'counter(pages) " 页' in zh  # A4 page numbers "第 N 页 / 共 M 页" for print/PDF


def test_cli_builds_html(report_store, tmp_path):
    out = tmp_path / "r.html"
    cmd = [sys.executable, "-m", "reports", "build", "--db", report_store, "--level", "team",
           "--id", "T1", "--period", "2026-10", "--format", "html", "--out", str(out)]  # fmt: skip
    run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "榕东团队" in out.read_text(encoding="utf-8")
    bad = subprocess.run([*cmd[:9], "T9", *cmd[10:]], cwd=ROOT, capture_output=True, text=True,
                         timeout=120)  # fmt: skip
    assert bad.returncode == 2 and "T9" in bad.stderr


def test_rank_table_and_contributors_in_html(report):
    zh, en = render_html(report, "zh"), render_html(report, "en")
    assert "市内排名（较上月同期）" in zh and "Rank in province (vs last period)" in en
    assert zh.count('<table class="ranks">') == 1
    for h in report.rank.by_headline:  # every headline's rank links to its definition
        assert f'<tr><td><a class="num" href="/dictionary#{h.figure_id}">' in zh.split('class="ranks"')[1]
    assert "按油品：" in zh and "By product: " in en and "变化最大的客户" in zh
