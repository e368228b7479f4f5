"""Per product code contributors (92#汽油, 95#汽油, 0#柴油, …) against pandas on the fixture CSVs:
team T1 = S01–S03, October to the 22nd against September to the 22nd, like for like. The
products of a kind add up to the kind and the kinds to the figure; the sentence, the PDF text and
the Excel rows show them."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date

import openpyxl
import pandas as pd
import pytest

from data.org import find_entity
from data.products import list_products
from data.scope import Scope
from metrics.evaluator import evaluate
from metrics.periods import Period
from metrics.request import BatchRequest
from metrics.statement import registry as statement_registry
from reports import contrib, text
from reports import products as report_products
from reports.compose import ReportRequest, compose
from reports.render_pdf import render_pdf
from reports.render_xlsx import render_xlsx
from tests.metrics.fixture import DATA

PERIOD, AS_OF = Period.parse("2026-10"), date(2026, 10, 22)
T1 = ["S01", "S02", "S03"]
OCT, SEP = (date(2026, 10, 1), AS_OF), (date(2026, 9, 1), date(2026, 9, 22))


@pytest.fixture(scope="module")
def fuel() -> pd.DataFrame:
    """T1's fuel rows with tonnes and gross profit (paid − liters × the month's cost)."""
    f = pd.read_csv(DATA / "fuel_sales.csv", parse_dates=["ts"])
    f = f.merge(pd.read_csv(DATA / "products.csv"), on="product_code")
    f["month"] = f["ts"].dt.strftime("%Y-%m")
    f = f.merge(pd.read_csv(DATA / "purchase_costs.csv"), on=["month", "product_code"], how="left")
    f["tonnes"] = f["liters"] * f["density_kg_per_l"] / 1000
    f["gp"] = f["paid_amount"] - f["liters"] * f["cost_per_liter"]
    f["day"] = f["ts"].dt.date
    return f[f["station_id"].isin(T1)]


def _by_code(f: pd.DataFrame, col: str) -> dict[str, tuple[float, float]]:
    """{product code: (value in October to date, value in September like for like)}."""
    def span(s: tuple[date, date]) -> pd.Series:
        return f[(f["day"] >= s[0]) & (f["day"] <= s[1])].groupby("product_code")[col].sum()

    now, before = span(OCT), span(SEP)
    return {c: (float(now.get(c, 0.0)), float(before.get(c, 0.0))) for c in set(now.index) | set(before.index)}


@pytest.fixture(scope="module")
def report(report_engine):
    return compose(report_engine, ReportRequest("team", "T1", PERIOD, Scope.everything()))


def _check(kinds, want: dict[str, tuple[float, float]], total: float) -> None:
    kind_of = pd.read_csv(DATA / "products.csv").set_index("product_code")["kind"].to_dict()
    names = pd.read_csv(DATA / "products.csv").set_index("product_code")["product_name"].to_dict()
    assert {k.id for k in kinds} == {"gasoline", "diesel"}
    for k in kinds:
        codes = {c for c in want if kind_of[c] == k.id}
        assert {p.id for p in k.parts} == codes
        for p in k.parts:
            assert p.level == "product_code" and p.name == names[p.id]
            assert p.value == pytest.approx(want[p.id][0], abs=1e-9)
            assert p.delta == pytest.approx(want[p.id][0] - want[p.id][1], abs=1e-9)
        assert [abs(p.delta) for p in k.parts] == sorted((abs(p.delta) for p in k.parts), reverse=True)
        assert sum(p.delta for p in k.parts) == pytest.approx(k.delta, abs=1e-9)  # codes add up
    assert sum(k.delta for k in kinds) == pytest.approx(total, abs=1e-9)  # kinds add up


def test_product_codes_of_fuel_gross_profit(report, fuel):
    m = next(m for m in report.best + report.worst if m.figure.id == "fuel_gross_profit")
    want = _by_code(fuel, "gp")
    assert len(want) == 5  # every product sold at T1 in one of the months
    _check(m.products, want, m.figure.delta)
    assert m.figure.delta == pytest.approx(sum(a - b for a, b in want.values()), abs=1e-9)


def test_product_codes_of_fuel_volume(report_engine, fuel):
    """Fuel volume is no mover of T1 in the fixture: its split is read from the same batch."""
    prods = list_products(report_engine)
    ent = find_entity(report_engine, Scope.everything(), "team", "T1")
    ids = ("fuel_volume_t", *contrib.split_indicators(), *report_products.indicator_ids(prods))
    res = evaluate(report_engine, BatchRequest(entities=(ent.key,), period=PERIOD,
                                               scope=Scope.everything(), indicators=ids, as_of=AS_OF),
                   report_products.registry(statement_registry(), prods))  # fmt: skip
    vol = res.get("fuel_volume_t", ent.key)
    _check(contrib.products("fuel_volume_t", ent, res, prods), _by_code(fuel, "tonnes"),
           vol.value - vol.mom_value)  # fmt: skip
    assert contrib.products("member_volume_share", ent, res, prods) == ()  # a ratio: no split


def _expected_sentence(fuel: pd.DataFrame, lang: str) -> str:
    """"汽油 ↓ −0.02 万元（92#汽油 ↓ −0.02 万元、…）" from pandas, products by |change|."""
    want = {c: a - b for c, (a, b) in _by_code(fuel, "gp").items()}
    prods = pd.read_csv(DATA / "products.csv").set_index("product_code")
    gas = sorted((c for c in want if prods.loc[c, "kind"] == "gasoline"), key=lambda c: (-abs(want[c]), c))
    unit = " 万元" if lang == "zh" else " × 10k yuan"

    def chg(v: float) -> str:
        r = round(v / 1e4, 2)
        arrow = "→" if r == 0 else ("↑" if r > 0 else "↓")
        return f"{arrow} {'+' if r > 0 else ('−' if r < 0 else '')}{abs(r):.2f}{unit}"

    inner = "、".join(f"{prods.loc[c, 'product_name']} {chg(want[c])}" for c in gas)
    return f"汽油 {chg(sum(want[c] for c in gas))}（{inner}）"


def test_sentence_and_pdf_name_the_products(report, fuel, tmp_path):
    m = next(m for m in report.best + report.worst if m.figure.id == "fuel_gross_profit")
    expected = _expected_sentence(fuel, "zh")
    assert "按油品：" + expected in text.mover(m, "zh")
    assert "By product: Gasoline" in text.mover(m, "en") and "92#汽油" in text.mover(m, "en")
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils missing")
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(render_pdf(report, "zh"))
    flat = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout.replace("\n", "").replace(" ", "")  # fmt: skip
    assert expected.replace(" ", "") in flat


def test_excel_rows_of_the_products(report, fuel):
    wb = openpyxl.load_workbook(io.BytesIO(render_xlsx(report, "zh")))
    rows = {r[1]: r for r in wb.active.iter_rows(values_only=True) if r and r[1]}
    want = _by_code(fuel, "gp")
    for code, (now, before) in want.items():
        row = rows[f"fuel_gross_profit/product_code:{code}"]
        assert row[4] == pytest.approx(now, abs=1e-9) and row[10] == pytest.approx(now - before, abs=1e-9)
    kinds = [rows[f"fuel_gross_profit/product:{k}"][10] for k in ("gasoline", "diesel")]
    assert sum(kinds) == pytest.approx(sum(a - b for a, b in want.values()), abs=1e-9)
