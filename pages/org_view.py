"""The drill-down's view (a pages helper): headline tiles, the children table, customer tables."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from components import format as fmt
from components.i18n import t
from components.indicator_view import format_value
from components.rag import rag_light
from pages.board_data import registry

SPARK = "▁▂▃▄▅▆▇█"


def _name(ind_id: str, lang: str) -> str:
    ind = registry().indicators[ind_id]
    return ind.name_zh if lang == "zh" else ind.name_en


def _value(ind_id: str, cell: dict[str, Any], lang: str) -> str:
    ind = registry().indicators[ind_id]
    return format_value(cell.get("value"), str(ind.unit.value), lang, ind.display_decimals)


def headline_tiles(ids: list[str], cells: dict[str, dict[str, Any]], key: str, lang: str) -> html.Div:
    """The entity's headline indicators: name, value and light (data-indicator, data-rag)."""
    tiles = []
    for i in ids:
        cell = cells.get(f"{i}|{key}", {})
        rag = cell.get("rag") or "grey"
        reason = cell.get("reason_zh" if lang == "zh" else "reason_en")
        tiles.append(html.Div([
            html.Div(_name(i, lang), className="small text-muted"),
            html.Div(_value(i, cell, lang), className="fs-5 fw-semibold"),
            rag_light(rag, lang, reason),
        ], className="org-tile border rounded p-2", **{"data-indicator": i, "data-rag": rag}))
    return html.Div(tiles, className="org-tiles d-grid gap-2 mb-3",
                    style={"gridTemplateColumns": "repeat(auto-fill, minmax(150px, 1fr))"})


def children_table(ids: list[str], cells: dict[str, dict[str, Any]],
                   rows: list[tuple[str, str, str, str]], lang: str) -> html.Table:  # fmt: skip
    """One row per child (level, id, name, href) with the same headline indicators."""
    head = [html.Th(t("org.col.name", lang))] + [
        html.Th(_name(i, lang), className="text-end small") for i in ids]
    body = []
    for level, ident, name, link in rows:
        tds = [html.Td([dcc.Link(name, href=link, className="org-child-link"),
                        html.Small(f" {ident}", className="text-muted")])]
        for i in ids:
            cell = cells.get(f"{i}|{level}|{ident}", {})
            rag = cell.get("rag") or "grey"
            tds.append(html.Td([_value(i, cell, lang), " ", rag_light(rag, lang, compact=True)],
                               className="text-end text-nowrap",
                               **{"data-indicator": i, "data-rag": rag}))  # fmt: skip
        body.append(html.Tr(tds, **{"data-entity": ident, "data-level": level}))
    return html.Table([html.Thead(html.Tr(head)), html.Tbody(body)],
                      className="table table-sm table-hover align-middle org-children")


def spark(values: list[float]) -> str:
    """A text sparkline of monthly liters (▁ … █), oldest first."""
    top = max(values or [0.0])
    if top <= 0:
        return "▁" * len(values)
    return "".join(SPARK[min(7, int(v / top * 7.999))] for v in values)


STATUS_COLOR = {"active": "success", "warning": "warning", "lost": "danger", "dormant": "secondary"}


def customers_table(rows: list[dict[str, Any]], base: str, query: str, lang: str) -> html.Table:
    """The station's customers: name, kind, grade, liters, change, trend, last purchase, status."""
    cols = ("customer", "kind", "grade", "liters", "change", "trend", "last", "status")
    head = html.Tr([html.Th(t(f"org.col.{c}", lang)) for c in cols])
    body = []
    for r in rows:
        change = r.get("change")
        body.append(html.Tr([
            html.Td([dcc.Link(r.get("name") or r["id"], href=f"{base}/customer/{r['id']}{query}",
                              className="org-customer-link"),
                     html.Small(f" {r['id']}", className="text-muted")]),
            html.Td(t(f"org.kind.{r.get('kind') or 'individual'}", lang)),
            html.Td(t(f"org.grade.{r.get('grade') or 'normal'}", lang)),
            html.Td(fmt.number(r.get("liters"), 0), className="text-end"),
            html.Td("—" if change is None else fmt.change_pct(change), className="text-end"),
            html.Td(spark(r.get("trend") or []), className="org-spark font-monospace text-secondary",
                    title=", ".join(f"{v:.0f}" for v in r.get("trend") or [])),
            html.Td(r.get("last") or "—", className="text-nowrap"),
            html.Td(dbc.Badge(t(f"org.status.{r['status']}", lang),
                              color=STATUS_COLOR.get(r["status"], "secondary"))),
        ], **{"data-customer": r["id"], "data-status": r["status"]}))  # fmt: skip
    return html.Table([html.Thead(head), html.Tbody(body)],
                      className="table table-sm table-hover align-middle org-customers")


def _simple_table(headers: list[str], rows: list[list[Any]], cls: str,
                  numeric: frozenset[int] = frozenset()) -> html.Table:  # fmt: skip
    def align(i: int) -> str:
        return "text-end" if i in numeric else ""

    return html.Table([
        html.Thead(html.Tr([html.Th(h, className=align(i)) for i, h in enumerate(headers)])),
        html.Tbody([html.Tr([html.Td(c, className=align(i)) for i, c in enumerate(r)])
                    for r in rows]),
    ], className=f"table table-sm align-middle {cls}")  # fmt: skip


def customer_view(detail: dict[str, Any], lang: str) -> html.Div:
    """One customer: facts, monthly history at the station, transactions."""
    c = detail["card"]
    facts = t("org.customer.facts", lang, kind=t(f"org.kind.{c['kind']}", lang),
              grade=t(f"org.grade.{c['grade']}", lang), registered=fmt.date(c["registered_on"]),
              home=c["home_station_id"])  # fmt: skip
    months = _simple_table(
        [t(f"org.col.{k}", lang) for k in ("month", "txn_liters", "tonnes", "count")],
        [[m["month"].strftime("%Y-%m"), fmt.number(m["liters"], 0), fmt.number(m["tonnes"], 3),
          fmt.count(m["txn_count"])] for m in detail["months"]], "org-months",
        frozenset({1, 2, 3}))  # fmt: skip
    txns = _simple_table(
        [t(f"org.col.{k}", lang) for k in
         ("time", "product", "txn_liters", "price", "paid", "discount", "pay")],
        [[fmt.datetime(x["ts"]), x["product_name"], fmt.number(x["liters"], 2),
          fmt.number(x["list_price"], 2), fmt.number(x["paid_amount"], 2),
          fmt.number(x["discount"], 2), t(f"org.pay.{x['payment_method']}", lang)]
         for x in detail["txns"]], "org-txns", frozenset({2, 3, 4, 5}))  # fmt: skip
    months_box = html.Div(months, style={"maxWidth": "640px"})
    return html.Div([
        html.P(facts, className="text-muted"),
        html.H2(t("org.customer.months", lang), className="h6 mt-3"), months_box,
        html.H2(t("org.customer.txns", lang, n=len(detail["txns"])), className="h6 mt-3"), txns,
    ], className="org-customer")  # fmt: skip
