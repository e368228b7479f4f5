"""CSV downloads: UTF-8 with a byte-order mark (Excel then reads Chinese correctly), the
spreadsheet-formula guard on every text cell, numbers as plain numbers."""

from __future__ import annotations

import csv as _csv
import io
import math
from datetime import date, datetime
from typing import Any

from exports.sheet import Sheet, guard_text


def _cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float):
        return repr(value) if isinstance(value, float) else str(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return guard_text(str(value))


def to_csv_text(sheet: Sheet) -> str:
    """The sheet as CSV text: notes (one per line, guarded), the header, the rows."""
    out = io.StringIO()
    writer = _csv.writer(out, lineterminator="\r\n")
    for note in sheet.notes:
        writer.writerow([guard_text(note)])
    writer.writerow([guard_text(c.header) for c in sheet.columns])
    for row in sheet.rows:
        writer.writerow([_cell(v) for v in sheet.values(row)])
    return out.getvalue()


def to_csv_bytes(sheet: Sheet) -> bytes:
    """The CSV as UTF-8 bytes with a BOM (for dcc.send_bytes)."""
    return to_csv_text(sheet).encode("utf-8-sig")
