"""The ranking table (省市排名): rank, movement, entity, value, light, gap, share, city rank.

A pure factory over the page's JSON rows (already formatted where a number needs a unit). The
header cells are buttons (`{"type": "rank-sort", "col": key}`) that the page turns into a sort;
the current sort is marked with ▲/▼ and `aria-sort`. Each row carries `data-entity` and
`data-rag`, so tests and scripts can find it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dash import dcc, html

from components.i18n import t
from components.rag import rag_light

# (key, message key, numeric) in display order; the page decides which to show.
COLUMNS: tuple[tuple[str, str, bool], ...] = (
    ("rank", "rank.col.rank", True),
    ("movement", "rank.col.movement", True),
    ("name", "rank.col.entity", False),
    ("value", "rank.col.value", True),
    ("rag", "rank.col.rag", False),
    ("gap", "rank.col.gap", True),
    ("share", "rank.col.share", True),
    ("city_rank", "rank.col.city_rank", True),
)


def movement_text(movement: int | None, new: bool, lang: str) -> tuple[str, str]:
    """("↑3" | "↓1" | "→" | "新" , tone) for the rank change since the previous period."""
    if new:
        return t("rank.new", lang), "new"
    if movement is None:
        return "—", "flat"
    if movement > 0:
        return f"↑{movement}", "up"
    if movement < 0:
        return f"↓{-movement}", "down"
    return "→", "flat"


def _header(key: str, label: str, numeric: bool, sort: str, desc: bool) -> html.Th:
    mark = (" ▼" if desc else " ▲") if key == sort else ""
    aria = ("descending" if desc else "ascending") if key == sort else "none"
    return html.Th(
        html.Button(label + mark, id={"type": "rank-sort", "col": key}, n_clicks=0,
                    className="btn btn-link btn-sm p-0 rank-sort"),
        className="text-end" if numeric else "", **{"aria-sort": aria, "data-col": key})


def _cell(key: str, row: dict[str, Any], lang: str) -> html.Td:
    if key == "movement":
        text, tone = movement_text(row.get("movement"), bool(row.get("new")), lang)
        return html.Td(text, className=f"text-end rank-move rank-move-{tone}")
    if key == "rag":
        return html.Td(rag_light(row.get("rag"), lang, row.get("reason"), compact=False))
    if key == "name":
        body: Any = row.get("name") or row.get("id")
        if row.get("href"):
            body = dcc.Link(body, href=row["href"])
        return html.Td([body, html.Small(f" {row.get('id')}", className="text-muted")])
    if key == "rank":
        return html.Td("—" if row.get("rank") is None else str(row["rank"]),
                       className="text-end fw-semibold")
    text = row.get(f"{key}_text")
    return html.Td(text if text is not None else "—", className="text-end")


def ranking_table(rows: Sequence[dict[str, Any]], lang: str, sort: str = "rank",
                  desc: bool = False, columns: Sequence[str] | None = None,
                  table_id: str = "rank-table") -> html.Table:  # fmt: skip
    """The table of `rows` in the order given (the page sorts), with sortable headers."""
    cols = [c for c in COLUMNS if columns is None or c[0] in columns]
    head = html.Thead(html.Tr([_header(k, t(m, lang), n, sort, desc) for k, m, n in cols]))
    body = html.Tbody([
        html.Tr([_cell(k, r, lang) for k, _, _ in cols],
                **{"data-entity": str(r.get("id")), "data-rag": str(r.get("rag") or "grey"),
                   "data-rank": "" if r.get("rank") is None else str(r["rank"])})
        for r in rows
    ])  # fmt: skip
    return html.Table([head, body], id=table_id,
                      className="table table-sm table-hover align-middle ranking-table")
