"""exports.xlsx: sheet titles with the characters Excel refuses still give a workbook, and the
full title stays in cell A1; CSV and Excel agree on the cells and guard formulas."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from exports.csv import to_csv_text
from exports.sheet import Column, Sheet
from exports.xlsx import sheet_title, to_xlsx_bytes


@pytest.mark.parametrize(("title", "name"), [
    ("Report: team T01", "Report team T01"),
    ("a\\b/c?d*e[f]g", "a b c d e f g"),
    ("'quoted'", "quoted"),
    ("=HYPERLINK(1)", "=HYPERLINK(1)"),
    ("", "Sheet1"),
    (":::", "Sheet1"),
    ("营销活动分析：分站结果与响应客户（2026-Q3）超过三十一个字的标题会被截断吗", "营销活动分析：分站结果与响应客户（2026-Q3）超过三十一个"),
])  # fmt: skip
def test_sheet_title_is_accepted(title: str, name: str) -> None:
    assert sheet_title(title) == name
    sheet = Sheet(title, [Column("x", "X", "int")], [{"x": 1}])
    wb = load_workbook(io.BytesIO(to_xlsx_bytes(sheet)))
    ws = wb.worksheets[0]
    assert ws.title == name
    expected_a1 = ("'" + title) if title.startswith("=") else (title or None)
    assert ws["A1"].value == expected_a1
    assert ws["A3"].value == 1  # title, header, then the row


def test_csv_and_xlsx_same_cells() -> None:
    cols = [Column("id", "编号"), Column("v", "值", "number"), Column("p", "占比", "percent")]
    rows = [{"id": "C1", "v": 1.5, "p": 0.25}, {"id": "=1+1", "v": None, "p": 1.0}]
    sheet = Sheet("T: x", cols, rows, ("note",))
    text = to_csv_text(sheet).splitlines()
    assert text == ["note", "编号,值,占比", "C1,1.5,0.25", "'=1+1,,1.0"]
    ws = load_workbook(io.BytesIO(to_xlsx_bytes(sheet))).worksheets[0]
    assert [[c.value for c in r] for r in ws.iter_rows(min_row=3)] == [
        ["编号", "值", "占比"], ["C1", 1.5, 0.25], ["'=1+1", None, 1.0]]
    assert ws["C4"].number_format == "0.0%"


def test_book_has_one_worksheet_per_sheet_with_unique_names() -> None:
    from exports.xlsx import to_xlsx_book_bytes

    one = Sheet("分站结果: K1", [Column("s", "站")], [{"s": "S001"}, {"s": "S002"}])
    two = Sheet("分站结果: K1", [Column("c", "客户")], [{"c": "C1"}])
    wb = load_workbook(io.BytesIO(to_xlsx_book_bytes([one, two])))
    assert wb.sheetnames == ["分站结果 K1", "分站结果 K1 (2)"]
    assert [c.value for c in wb.worksheets[0]["A"]] == ["分站结果: K1", "站", "S001", "S002"]
    assert [c.value for c in wb.worksheets[1]["A"]] == ["分站结果: K1", "客户", "C1"]
