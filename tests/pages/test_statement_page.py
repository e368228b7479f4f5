"""/statement without a browser: URL parameters, the cached JSON under a scope, the table's
formatting (万元, red negatives, indentation, expansion) and the Excel file opened with openpyxl.

Store: the oracle fixture (tests/metrics/fixture_data); its last data day is 2026-10-22, so
October is month-to-date. Expected numbers come from the pandas oracle of
tests/metrics/test_statement.py, never from the code under test.
"""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest
from dash import html
from flask import g

from app import create_app
from components.statement_table import amount_text, signed_percent, statement_table
from data.scope import Scope
from metrics.statement import LINES
from settings import Settings
from tests.metrics.fixture import build_store
from tests.metrics.test_statement import frames as _frames  # noqa: F401 (fixture)
from tests.metrics.test_statement import oracle

frames = _frames
START, AS_OF = date(2026, 1, 1), date(2026, 10, 22)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    root = tmp_path_factory.mktemp("stmt_page")
    url = f"duckdb:///{root / 'fixture.duckdb'}"
    build_store(url)
    return create_app(Settings(database_url=url, state_database_url=f"sqlite:///{root / 's.db'}"))


def _compute(app, scope: Scope, entity: str, month: str, view: str) -> dict:
    import pages.statement as ps

    with app.server.test_request_context("/statement"):
        g.amoeba_scope = scope
        return ps.compute(entity, month, view)


def _texts(component) -> list[str]:
    """Every string inside a component tree, depth first."""
    out: list[str] = []
    kids = getattr(component, "children", component)
    if isinstance(kids, str):
        return [kids]
    for kid in kids if isinstance(kids, list | tuple) else [kids]:
        if isinstance(kid, str):
            out.append(kid)
        elif kid is not None:
            out += _texts(kid)
    return out


def _find(component, pred) -> list:
    found = [component] if pred(component) else []
    kids = getattr(component, "children", None)
    for kid in kids if isinstance(kids, list | tuple) else [kids]:
        if kid is not None and not isinstance(kid, str):
            found += _find(kid, pred)
    return found


def test_bad_parameters_give_notices_and_defaults(app) -> None:
    from data.org import Entity
    from pages.statement_params import pick

    ents = [Entity("team", "T1", "榕东团队", "P1", "C1", "T1")]
    entity, month, view, notes = pick({"team": "T9", "period": "2026-Q3", "view": "week"}, ents,
                                      date(2026, 10, 22), "zh")
    assert (entity.id, month, view) == ("T1", "2026-10", "month")
    assert [n.to_plotly_json()["props"]["data-param"] for n in notes] == ["team", "period", "view"]
    assert "T9" in " ".join(_texts(notes[0]))
    assert pick({"team": "T1", "period": "2026-09", "view": "ytd"}, ents, None, "en")[1:] == (
        "2026-09", "ytd", [])


def test_ytd_json_matches_pandas(app, frames) -> None:
    data = _compute(app, Scope.everything(pii=False), "team:T1", "2026-10", "ytd")
    assert data["window"] == "2026 (至 10-22)" and data["kid_level"] == "station"
    assert data["progress"] == pytest.approx(295 / 365)
    want = oracle(frames, ["S01", "S02", "S03"], START, AS_OF)
    assert [r["id"] for r in data["rows"]] == [ln.id for ln in LINES]
    for r in data["rows"]:
        assert r["actual"] == pytest.approx(want[r["id"]], rel=1e-9), r["id"]


def test_out_of_scope_entity_is_refused(app) -> None:
    data = _compute(app, Scope(cities=frozenset({"C2"})), "team:T1", "2026-10", "month")
    assert data == {"error": "entity"}


def test_table_formats_and_expands() -> None:
    rows = [
        {"id": "a", "name_zh": "经营利润", "name_en": "Profit", "section": "profit", "depth": 0,
         "unit": "yuan", "parts": ["b"], "parent": None, "actual": -12_345_678.0, "plan": 1e6,
         "completion": None, "last_year": 20_000.0, "yoy": -1.5, "rag": "red",
         "reason_zh": "低于计划", "reason_en": "below plan"},
        {"id": "b", "name_zh": "汽油", "name_en": "Gasoline", "section": "profit", "depth": 1,
         "unit": "t", "parts": [], "parent": "a", "actual": 1234.56, "plan": None,
         "completion": None, "last_year": None, "yoy": 0.032, "rag": "grey"},
    ]
    closed = statement_table(rows, "zh", set())
    lines = _find(closed, lambda c: isinstance(c, html.Tr) and getattr(c, "className", "")
                  .startswith("stmt-row"))
    assert len(lines) == 1
    negs = _find(closed, lambda c: isinstance(c, html.Td) and "neg" in (c.className or ""))
    assert [n.children for n in negs] == ["\u22121,234.57", "\u2212150.0%"]
    light = _find(closed, lambda c: isinstance(c, html.Span) and c.className == "rag rag-red")
    assert len(light) == 1 and len(light[0].children) == 2  # the light: a shape and its word
    assert "红" in _texts(light[0])
    opened = statement_table(rows, "zh", {"a"}, {"a": [{"id": "S01", "name": "一站",
                                                        "actual": 5e4, "rag": "grey"}]}, "station")
    assert "1,234.6" in _texts(opened) and "一站 (S01)" in _texts(opened)
    assert amount_text(50_000.0, "yuan") == "5.00" and signed_percent(0.032) == "+3.2%"


def test_excel_is_formatted(app, frames) -> None:
    from pages.statement_export import statement_xlsx

    data = _compute(app, Scope.everything(pii=False), "team:T1", "2026-10", "ytd")
    wb = openpyxl.load_workbook(io.BytesIO(statement_xlsx(data, "zh")))
    ws = wb.active
    assert "榕东团队" in ws["A1"].value and ws["A1"].font.bold
    header = [c.value for c in ws[4]]
    assert header == ["项目", "单位", "实际", "计划", "完成率", "上年同期", "同比"]
    body = list(ws.iter_rows(min_row=5, values_only=False))
    assert len(body) == len(LINES)
    want = oracle(frames, ["S01", "S02", "S03"], START, AS_OF)
    by_name = {}
    for ln, cells in zip(LINES, body, strict=True):
        assert cells[0].value == ln.name_zh
        assert cells[0].alignment.indent == ln.depth * 2
        scale = 1e-4 if ln.unit == "yuan" else 1.0
        assert cells[2].value == pytest.approx(want[ln.id] * scale, rel=1e-9)
        assert "[Red]" in cells[2].number_format and "#,##0" in cells[2].number_format
        assert cells[4].number_format.startswith("0.0%")
        by_name[ln.id] = cells
    assert by_name["stmt_revenue"][1].value == "万元"
    assert by_name["fuel_volume_t"][1].value == "吨"
    assert by_name["operating_profit"][0].font.bold


def test_drawer_explains_catalogue_and_composed_lines(app) -> None:
    from pages.statement_explain import line_drawer_body

    data = _compute(app, Scope.everything(pii=False), "team:T1", "2026-09", "month")
    op = " ".join(_texts(line_drawer_body(data, "operating_profit", "zh")))
    assert "油品毛利 + 非油毛利 − 费用" in op and "operating_profit" in op
    gp = " ".join(_texts(line_drawer_body(data, "stmt_gp_diesel", "en")))
    assert "Diesel gross profit" in gp and "no plan in the statement" in gp
    assert "fuel_paid_diesel" in gp or "amount paid" in gp.lower()
    assert "stmt_nope" in " ".join(_texts(line_drawer_body(data, "stmt_nope", "zh")))


def test_render_in_english(app) -> None:
    import pages.statement as ps

    data = _compute(app, Scope.everything(pii=False), "team:T1", "2026-09", "quarter")
    with app.server.test_request_context("/statement"):
        header, body = ps.render(data, ["expenses"], {}, "en")
    text = " ".join(_texts(header) + _texts(body))
    assert "Operating statement" in text and "Quarter to date" in text
    assert "Labour" in text and "Gross profit" in text and "10k yuan" in text
    assert "经营利润" not in text and "人工" not in text
    assert text.count("time progress 100.0%") == 3  # subtitle, legend, completion header
