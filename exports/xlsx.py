"""Excel downloads via openpyxl: a bold title, notes, a filled header row frozen below them,
number formats per column kind (thousands, %, dates), sensible column widths, an autofilter."""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from exports.sheet import NUMBER_FORMATS, Sheet, guard_text

HEADER_FILL = PatternFill("solid", fgColor="1F3A5F")
HEADER_FONT = Font(bold=True, color="FFFFFF")
MAX_WIDTH = 40
# Excel refuses these in a worksheet name, and a name may not start or end with an apostrophe.
BAD_TITLE = re.compile(r"[:\\/?*\[\]\x00-\x1f]")


def sheet_title(title: str) -> str:
    """A worksheet name Excel accepts: forbidden characters as spaces, at most 31 characters,
    no apostrophe at either end (the full title still stands, unchanged, in cell A1)."""
    clean = re.sub(r"\s+", " ", BAD_TITLE.sub(" ", title))
    return clean[:31].strip(" '") or "Sheet1"


def _cell(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, str):
        # openpyxl stores a string that starts with "=" as a formula: guard it like the CSV.
        return guard_text(value)
    return value


def _width(header: str, values: list[Any]) -> int:
    def w(v: Any) -> int:  # CJK characters are about twice as wide as Latin ones
        s = "" if v is None else str(v)
        return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)

    return min(MAX_WIDTH, max([w(header), *(w(v) for v in values[:200])]) + 2)


def _fill(ws: Any, sheet: Sheet) -> None:
    """Write one sheet: title, notes, styled header, rows, formats, widths, freeze, filter."""
    ws.append([_cell(sheet.title)])
    ws["A1"].font = Font(bold=True, size=13)
    for note in sheet.notes:
        ws.append([_cell(note)])
    header_row = ws.max_row + 1
    ws.append([_cell(c.header) for c in sheet.columns])
    for cell in ws[header_row]:
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in sheet.rows:
        ws.append([_cell(v) for v in sheet.values(row)])
    last = ws.max_row
    for idx, col in enumerate(sheet.columns, start=1):
        letter = get_column_letter(idx)
        for (cell,) in ws.iter_rows(min_row=header_row + 1, max_row=last, min_col=idx, max_col=idx):
            cell.number_format = NUMBER_FORMATS[col.kind]
        values = [r.get(col.key) for r in sheet.rows]
        ws.column_dimensions[letter].width = col.width or _width(col.header, values)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    if sheet.columns:
        ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(sheet.columns))}{last}"


def _unique(name: str, taken: set[str]) -> str:
    """`name`, or `name (2)`, `name (3)`… cut to 31 characters (Excel compares case-blind)."""
    out, n = name, 1
    while out.lower() in taken:
        n += 1
        out = f"{name[:31 - len(f' ({n})')]} ({n})"
    taken.add(out.lower())
    return out


def to_xlsx_book_bytes(sheets: Sequence[Sheet]) -> bytes:
    """Several sheets as one workbook, one worksheet each, in order (names made unique)."""
    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    for sheet in sheets:
        _fill(wb.create_sheet(_unique(sheet_title(sheet.title), taken)), sheet)
    if not wb.worksheets:
        wb.create_sheet("Sheet1")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def to_xlsx_bytes(sheet: Sheet) -> bytes:
    """The sheet as an .xlsx workbook (one worksheet), as bytes for dcc.send_bytes."""
    return to_xlsx_book_bytes([sheet])
