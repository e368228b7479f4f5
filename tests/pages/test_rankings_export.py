"""exports/: CSV and Excel files of a small sheet, read back with csv and openpyxl."""

from __future__ import annotations

import csv
import io
from datetime import date

import openpyxl
import pytest

from exports import Column, Sheet
from exports.csv import to_csv_bytes
from exports.sheet import guard_text, safe_filename
from exports.xlsx import to_xlsx_bytes

SHEET = Sheet(
    title="省市排名 · 纯枪销量",
    columns=[Column("rank", "名次", "int"), Column("name", "名称"),
             Column("value", "数值", "number"), Column("share", "占合计", "percent"),
             Column("day", "日期", "date")],
    rows=[
        {"rank": 1, "name": "东街站", "value": 1234.5, "share": 0.25, "day": date(2026, 10, 1)},
        {"rank": 2, "name": "=HYPERLINK(\"http://x\")", "value": -3.0, "share": None},
        {"rank": None, "name": "+cmd", "value": float("nan"), "share": 0.0},
    ],
    notes=["2026-10 · 全省", "@SUM(A1)"],
)


def test_guard_matches_the_importers_rule() -> None:
    assert guard_text("=1+2") == "'=1+2"
    assert guard_text("'=1") == "''=1"  # one more apostrophe, as data/export.py does
    assert guard_text("-5") == "'-5" and guard_text("@x") == "'@x" and guard_text("+x") == "'+x"
    assert guard_text("东街站") == "东街站" and guard_text("a=b") == "a=b"


def test_csv_round_trip() -> None:
    raw = to_csv_bytes(SHEET)
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the Chinese correctly
    lines = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert lines[0] == ["2026-10 · 全省"] and lines[1] == ["'@SUM(A1)"]
    assert lines[2] == ["名次", "名称", "数值", "占合计", "日期"]
    assert lines[3] == ["1", "东街站", "1234.5", "0.25", "2026-10-01"]
    assert lines[4] == ["2", "'=HYPERLINK(\"http://x\")", "-3.0", "", ""]  # numbers unguarded
    assert lines[5] == ["", "'+cmd", "", "0.0", ""]


def test_xlsx_values_and_formats() -> None:
    wb = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(SHEET)))
    ws = wb.active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "省市排名 · 纯枪销量"
    assert rows[3] == ("名次", "名称", "数值", "占合计", "日期")
    assert rows[4][:4] == (1, "东街站", 1234.5, 0.25)
    assert rows[5][1] == "'=HYPERLINK(\"http://x\")" and rows[5][2] == -3.0
    assert rows[6][2] is None  # NaN never reaches a cell
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)  # no formulas at all
    assert ws["D5"].number_format == "0.0%" and ws["C5"].number_format == "#,##0.00"
    assert ws.freeze_panes == "A5" and ws.auto_filter.ref == "A4:E7"


@pytest.mark.parametrize(("stem", "name"), [("rank/../x", "rank_.._x.csv"), ("", "export.csv")])
def test_safe_filename(stem: str, name: str) -> None:
    assert safe_filename(stem, "csv") == name
