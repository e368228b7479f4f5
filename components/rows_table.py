"""The rows page's widgets: the reconciliation table and the server-paged rows table.

Pure factories: they take plain values (what pages/rows.py read from metrics.explain_rows) and
return components; no queries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from dash import dash_table, html

from components.i18n import t
from components.rows_cells import NUMERIC, header, kind_of

PAGE_SIZE = 50


@dataclass(frozen=True)
class ReconLine:
    """One input of the value: what the metrics layer used and what its rows add up to."""

    index: int
    label: str
    window: str
    entity: str
    value: str
    total: str
    rows: str
    check: str  # match | mismatch | none


def reconciliation_table(lines: Sequence[ReconLine], selected: int | None, lang: str) -> html.Div:
    """Each input with its value, its rows' total, the row count and ✓ / ✗."""
    head = html.Thead(html.Tr([html.Th(t(f"rows.col.{k}", lang)) for k in
                               ("input", "window", "entity", "value", "total", "n", "check")]))
    body = []
    for ln in lines:
        mark = {"match": "✓ " + t("rows.match", lang), "mismatch": "✗ " + t("rows.mismatch", lang),
                "none": t("rows.not_listed", lang)}[ln.check]
        body.append(html.Tr(
            [html.Td(ln.label), html.Td(ln.window), html.Td(ln.entity),
             html.Td(ln.value, className="num"), html.Td(ln.total, className="num"),
             html.Td(ln.rows, className="num"), html.Td(mark, className=f"recon-{ln.check}")],
            className="recon-selected" if ln.index == selected else None,
            **{"data-input": str(ln.index), "data-check": ln.check}))
    # its own scrolling box: seven columns do not fit a phone, and the page must not scroll
    return html.Div(html.Table([head, html.Tbody(body)], className="table table-sm rows-recon"),
                    className="rows-recon-scroll")


def rows_datatable(table_id: str) -> dash_table.DataTable:
    """An empty table whose pages the server fills (page_action="custom")."""
    return dash_table.DataTable(
        id=table_id, columns=[], data=[], page_action="custom", page_current=0,
        page_size=PAGE_SIZE, page_count=1, style_table={"overflowX": "auto"},
        style_cell={"fontSize": "12px", "padding": "2px 6px", "fontFamily": "inherit",
                    "textAlign": "left"},
        style_header={"fontWeight": "600"},
    )


def cell(value: Any) -> Any:
    """A JSON-friendly raw cell: floats rounded for reading, dates as ISO text (machine form)."""
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, int | str):
        return value
    return str(value)


def table_columns(names: Sequence[str], lang: str,
                  measure_unit: str | None = None) -> list[dict[str, str]]:
    """DataTable columns: the raw name as id, a header in the page's language with its unit."""
    return [{"name": header(n, lang, measure_unit), "id": n} for n in names]


def column_styles(names: Sequence[str], measure_unit: str | None = None) -> list[dict[str, Any]]:
    """Numbers right-aligned in tabular figures, so digits line up down a column."""
    return [{"if": {"column_id": n}, "textAlign": "right", "fontVariantNumeric": "tabular-nums"}
            for n in names if kind_of(n, measure_unit) in NUMERIC]
