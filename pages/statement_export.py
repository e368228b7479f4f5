"""The statement as a formatted Excel file (a pages helper over exports/xlsx.py).

`exports.xlsx.to_xlsx_bytes` writes the title, notes, header, number formats and widths; this
module adds what a statement needs on top: every line expanded and indented by its depth, money
in 万元, and negative numbers in red with a minus sign (Excel number formats, so the cells stay
numbers that add up).
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl import load_workbook
from openpyxl.styles import Alignment, Font

from components.i18n import t
from components.statement_table import DECIMALS, SCALE
from exports.sheet import Column, Sheet
from exports.xlsx import to_xlsx_bytes

RED_NEGATIVE = "{pos};[Red]-{pos}"


def _fmt(decimals: int) -> str:
    pos = "#,##0" + ("." + "0" * decimals if decimals else "")
    return RED_NEGATIVE.format(pos=pos)


PERCENT_FMT = RED_NEGATIVE.format(pos="0.0%")


def _scaled(value: float | None, unit: str) -> float | None:
    return None if value is None else value * SCALE.get(unit, 1.0)


def statement_sheet(data: dict[str, Any], lang: str) -> Sheet:
    """All lines (expanded) as a `Sheet`; amounts in the display unit of their line."""
    cols = [Column("line", t("stmt.col.line", lang), width=24),
            Column("unit", t("stmt.col.unit", lang), width=9),
            Column("actual", t("stmt.col.actual", lang), "number", 14),
            Column("plan", t("stmt.col.plan", lang), "number", 14),
            Column("completion", t("stmt.col.completion", lang), "percent", 11),
            Column("last_year", t("stmt.col.last_year", lang), "number", 14),
            Column("yoy", t("stmt.col.yoy", lang), "percent", 10)]
    rows = []
    for r in data["rows"]:
        unit = r["unit"]
        rows.append({
            "line": r["name_en"] if lang == "en" else r["name_zh"],
            "unit": t(f"stmt.unit.{unit}", lang),
            "actual": _scaled(r["actual"], unit), "plan": _scaled(r["plan"], unit),
            "completion": r["completion"], "last_year": _scaled(r["last_year"], unit),
            "yoy": r["yoy"], "_depth": r["depth"], "_unit": unit,
        })
    ent = data["entity"]
    title = t("stmt.sheet.title", lang, entity=f"{ent['name']} ({ent['id']})", window=data["window"])
    notes = [t("stmt.view." + data["view"], lang) + " · " + t("stmt.sheet.scope", lang),
             t("stmt.legend", lang, progress=f"{data['progress'] * 100:.1f}%")]
    return Sheet(title=title, columns=cols, rows=rows, notes=notes)


def statement_xlsx(data: dict[str, Any], lang: str) -> bytes:
    """The formatted workbook's bytes (for dcc.send_bytes)."""
    sheet = statement_sheet(data, lang)
    wb = load_workbook(io.BytesIO(to_xlsx_bytes(sheet)))
    ws = wb.active
    first = len(sheet.notes) + 3  # title, notes, header, then the lines
    for i, row in enumerate(sheet.rows):
        n = first + i
        depth = int(row["_depth"])
        name = ws.cell(row=n, column=1)
        name.alignment = Alignment(indent=depth * 2)
        if depth == 0:
            name.font = Font(bold=True)
        fmt = _fmt(DECIMALS.get(row["_unit"], 1))
        for col in (3, 4, 6):
            ws.cell(row=n, column=col).number_format = fmt
        for col in (5, 7):
            ws.cell(row=n, column=col).number_format = PERCENT_FMT
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
