"""The PDF: opens, A4, Chinese text and figures extractable by pdftotext, page numbers."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from data.scope import Scope
from metrics.periods import Period
from reports.compose import ReportRequest, compose
from reports.render_pdf import render_pdf
from tests.metrics.fixture import DATA

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")


def _pdftotext(path: Path, *opts: str) -> str:
    run = subprocess.run(["pdftotext", *opts, str(path), "-"], capture_output=True, text=True,
                         timeout=60, check=True)  # fmt: skip
    return run.stdout


@pytest.fixture(scope="module")
def pdf(report_engine, tmp_path_factory) -> Path:
    rep = compose(report_engine, ReportRequest("team", "T1", Period.parse("2026-10"),
                                               Scope.everything()))  # fmt: skip
    path = tmp_path_factory.mktemp("pdf") / "r.pdf"
    path.write_bytes(render_pdf(rep, "zh"))
    return path


def test_pdf_opens_on_a4_with_page_numbers(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "595.276 x 841.89 pts (A4)" in info
    pages = int(next(ln.split()[-1] for ln in info.splitlines() if ln.startswith("Pages:")))
    text = _pdftotext(pdf).replace(" ", "")
    for n in range(1, pages + 1):
        assert f"第{n}页/共{pages}页" in text


def test_pdf_text_holds_chinese_figures(pdf):
    fuel = pd.read_csv(DATA / "fuel_sales.csv", parse_dates=["ts"])
    fuel = fuel.merge(pd.read_csv(DATA / "products.csv"), on="product_code")
    day = fuel["ts"].dt.date.astype(str)
    sel = fuel["station_id"].isin(["S01", "S02", "S03"]) & day.between("2026-10-01", "2026-10-22")
    tonnes = float((fuel.loc[sel, "liters"] * fuel.loc[sel, "density_kg_per_l"]).sum() / 1000)
    text = _pdftotext(pdf, "-layout")
    assert "榕东团队（团队 T1）2026-10 经营分析报告" in text
    assert "一、总体情况" in text and "四、经营报表（量本费利）" in text
    row = next(ln for ln in text.splitlines() if ln.strip().startswith("纯枪销量"))
    assert f"{tonnes:,.1f} 吨" in row and "99.5%" in row  # fixture: 1.4 t, 99.5 % of plan
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "Noto-Sans-CJK-SC" in fonts


def test_cli_builds_pdf(report_store, tmp_path):
    out = tmp_path / "r.pdf"
    run = subprocess.run([sys.executable, "-m", "reports", "build", "--db", report_store,
                          "--level", "team", "--id", "T1", "--period", "2026-10", "--format",
                          "pdf", "--out", str(out), "--lang", "en"], cwd=ROOT,
                         capture_output=True, text=True, timeout=180)  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert out.read_bytes()[:5] == b"%PDF-"
    assert "Operating report" in _pdftotext(out)


def test_pdf_text_holds_the_new_sections(pdf):
    """Product kinds, customers and the per-headline ranks survive into the PDF's text."""
    flat = _pdftotext(pdf).replace("\n", "").replace(" ", "")
    assert "按油品：汽油↓" in flat and "柴油↓" in flat
    assert "闽运物流（K07）↓−191升" in flat  # −191 L: pandas in tests/reports/test_contributors
    assert "排名变化（与上月同期比）：非油收入市内2→1、省内3→1" in flat
    table = _pdftotext(pdf, "-layout")
    row = next(ln for ln in table.splitlines() if ln.strip().startswith("非油收入")
               and "1/2" in ln)  # fmt: skip
    assert "1/2 ↑1" in row and "1/3 ↑2" in row
