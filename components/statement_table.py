"""The operating statement's table: indented lines, 万元 with separators, red negatives, lights.

Pure factory: `statement_table(rows, lang, open_ids, kids, kid_level)` takes the page's JSON rows
(one dict per line, in statement order) and returns an `html.Table`. A line shows when all its
ancestors are open; `kids` holds the rows "by child entity" of the lines that asked for them.
Ids: `{"type": "stmt-toggle" | "stmt-def" | "stmt-kids", "line": <line id>}`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dash import html

from components.format import MISSING, number, percent
from components.i18n import t
from components.rag import rag_light

DECIMALS = {"t": 1, "yuan": 2, "yuan_per_t": 1}
SCALE = {"yuan": 1e-4}  # money reads in 万元
COLUMNS = ("line", "unit", "actual", "plan", "completion", "last_year", "yoy")


def amount_text(value: float | None, unit: str) -> str:
    """A line's amount in its display unit: yuan → 万元 (2 decimals), t, yuan/t."""
    if value is None:
        return MISSING
    return number(value * SCALE.get(unit, 1.0), DECIMALS.get(unit, 1))


def signed_percent(ratio: float | None) -> str:
    """+3.2% / −1.5% (true minus sign; no sign for zero)."""
    text = percent(ratio)
    return text if text == MISSING or text.startswith(("\u2212", "0.0")) else f"+{text}"


def _num_cell(text: str, value: float | None, extra: str = "") -> html.Td:
    neg = value is not None and text.startswith("\u2212")
    return html.Td(text, className=f"num{' neg' if neg else ''}{' ' + extra if extra else ''}")


def _visible(row: Mapping[str, Any], by_id: Mapping[str, Mapping[str, Any]],
             open_ids: set[str]) -> bool:
    parent = row.get("parent")
    while parent:
        if parent not in open_ids:
            return False
        parent = by_id[parent].get("parent")
    return True


def _name_cell(row: Mapping[str, Any], lang: str, is_open: bool, kid_level: str | None,
               kids_open: bool) -> html.Td:
    name = row["name_en"] if lang == "en" else row["name_zh"]
    parts: list[Any] = []
    if row.get("parts"):
        parts.append(html.Button("▾" if is_open else "▸", id={"type": "stmt-toggle", "line": row["id"]},
                                 n_clicks=0, type="button", className="stmt-caret",
                                 title=t("stmt.collapse" if is_open else "stmt.expand", lang),
                                 **{"aria-expanded": "true" if is_open else "false"}))
    else:
        parts.append(html.Span(className="stmt-caret-space"))
    parts.append(html.Button(name, id={"type": "stmt-def", "line": row["id"]}, n_clicks=0,
                             type="button", className="stmt-name",
                             title=t("stmt.define", lang, name=name)))
    if kid_level:
        parts.append(html.Button(t(f"stmt.kids.{kid_level}", lang),
                                 id={"type": "stmt-kids", "line": row["id"]}, n_clicks=0,
                                 type="button",
                                 className="stmt-kids-btn" + (" active" if kids_open else "")))
    return html.Td(parts, className=f"stmt-line depth-{row.get('depth', 0)}")


def _completion_cell(row: Mapping[str, Any], lang: str) -> html.Td:
    if row.get("plan") is None:
        return html.Td(MISSING, className="num stmt-completion")
    reason = row.get(f"reason_{lang}") or row.get("reason_zh") or ""
    return html.Td([html.Span(percent(row.get("completion")), className="me-2"),
                    rag_light(row.get("rag"), lang, reason)],
                   className="num stmt-completion")


def _value_cells(row: Mapping[str, Any], lang: str, unit: str) -> list[html.Td]:
    return [
        html.Td(t(f"stmt.unit.{unit}", lang), className="stmt-unit"),
        _num_cell(amount_text(row.get("actual"), unit), row.get("actual"), "stmt-actual"),
        _num_cell(amount_text(row.get("plan"), unit), row.get("plan")),
        _completion_cell(row, lang),
        _num_cell(amount_text(row.get("last_year"), unit), row.get("last_year")),
        _num_cell(signed_percent(row.get("yoy")), row.get("yoy")),
    ]


def _line_row(row: Mapping[str, Any], lang: str, open_ids: set[str], kid_level: str | None,
              kids_open: bool) -> html.Tr:
    unit = row["unit"]
    cls = f"stmt-row depth-{row.get('depth', 0)} section-{row['section']}"
    return html.Tr(
        [_name_cell(row, lang, row["id"] in open_ids, kid_level, kids_open),
         *_value_cells(row, lang, unit)],
        className=cls,
        **{"data-line": row["id"], "data-indicator": row["id"], "data-rag": row.get("rag", "grey")},
    )


def _kid_rows(row: Mapping[str, Any], kids: Sequence[Mapping[str, Any]], lang: str) -> list[html.Tr]:
    if not kids:
        return [html.Tr(html.Td(t("stmt.kids.none", lang), colSpan=len(COLUMNS),
                                className="stmt-kid-none"), className="stmt-kid")]
    out = []
    for k in kids:
        name = html.Td(html.Span(f"{k['name']} ({k['id']})", className="stmt-kid-name"),
                       className=f"stmt-line depth-{row.get('depth', 0) + 1}")
        out.append(html.Tr([name, *_value_cells({**row, **k}, lang, row["unit"])],
                           className="stmt-kid", **{"data-kid": k["id"], "data-line": row["id"],
                                                    "data-rag": k.get("rag", "grey")}))
    return out


def _head(lang: str, progress: float | None) -> html.Thead:
    def label(c: str) -> object:
        text = t(f"stmt.col.{c}", lang)
        if c != "completion" or progress is None:
            return text
        return [text, html.Br(), html.Small(t("stmt.col.progress", lang, progress=percent(progress)),
                                            className="text-muted fw-normal stmt-progress")]

    return html.Thead(html.Tr([html.Th(label(c), className="num" if c not in ("line", "unit")
                                       else None) for c in COLUMNS]))


def statement_table(rows: Sequence[Mapping[str, Any]], lang: str, open_ids: set[str],
                    kids: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
                    kid_level: str | None = None, progress: float | None = None) -> html.Table:
    """The statement as a table; sections separated, compositions indented under their line.
    `progress` (time progress) is shown under the completion header."""
    kids = kids or {}
    by_id = {r["id"]: r for r in rows}
    body: list[html.Tr] = []
    section = None
    for row in rows:
        if not _visible(row, by_id, open_ids):
            continue
        if row["section"] != section and row.get("depth", 0) == 0:
            section = row["section"]
            body.append(html.Tr(html.Th(t(f"stmt.section.{section}", lang), colSpan=len(COLUMNS)),
                                className="stmt-section"))
        body.append(_line_row(row, lang, open_ids, kid_level, row["id"] in kids))
        if row["id"] in kids:
            body += _kid_rows(row, kids[row["id"]], lang)
    return html.Table([_head(lang, progress), html.Tbody(body)], className="table table-sm stmt-table")
