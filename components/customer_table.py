"""The customer worklist table: one expandable row per customer (history on expand), a contact
button beside it, the reason in words and who is responsible.

Rows arrive as `metrics.customer_lists.CustomerRow`s, already masked by the scope; nothing here
reads personal data on its own.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from components import format as fmt
from components.i18n import t
from data.state_contacts import Contact
from metrics.customer_lists import CustomerRow

MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def month_name(m: date, lang: str, with_year: bool = False) -> str:
    """10月 / Oct; with the year: 2025年11月 / Nov 2025 (the first column, each January)."""
    key = "customers.month_year" if with_year else "customers.month"
    return t(key, lang, m=m.month, mon=MONTHS_EN[m.month - 1], y=m.year)


def signed_pct(ratio: float | None) -> str:
    """−50% / +12% (whole percent, the typographic minus)."""
    if ratio is None:
        return fmt.MISSING
    pct = round(ratio * 100)
    return f"−{abs(pct)}%" if pct < 0 else f"+{pct}%"


def reason(row: CustomerRow, lang: str, as_of: date) -> str:
    """The churn reason in words: "10月 0.2 吨, 前三月均 0.7 吨, −65%" (like for like to date)."""
    if row.status != "active":
        k = (as_of.year - row.last_month.year) * 12 + as_of.month - row.last_month.month
        gone = t("customers.reason.lost", lang, k=k)
        return f"{gone}；{now_buys(row, lang)}" if row.moved else gone
    # an individual's few hundred litres would all read "0.0 吨" at one decimal
    places = 2 if max(row.tonnes_month, row.tonnes_avg3) < 1 else 1
    now, avg = fmt.tonnes(row.tonnes_month, lang, places), fmt.tonnes(row.tonnes_avg3, lang, places)
    change = signed_pct(row.change)
    if row.progress < 1:
        expected = fmt.tonnes(row.tonnes_avg3 * row.progress, lang, places)
        return t("customers.reason.partial", lang, month=month_name(as_of, lang), day=as_of.day,
                 now=now, avg=avg, expected=expected, change=change)  # fmt: skip
    return t("customers.reason", lang, month=month_name(as_of, lang), now=now, avg=avg,
             change=change)  # fmt: skip


def responsible(row: CustomerRow, lang: str) -> str:
    """The manager, or the home station when none; escalated cases go up to the province."""
    who = row.manager_id or t("customers.manager.none", lang, home=row.home_station_id or "—")
    return t("customers.manager.escalated", lang, manager=who) if row.escalated else who


def now_buys(row: CustomerRow, lang: str) -> str:
    """Where the customer buys now if not here (内部转移), in words."""
    if not row.elsewhere:
        return t("customers.not_seen", lang)
    names = [f"{e.station_name or e.station_id} {fmt.tonnes(e.tonnes, lang, 2)}"
             if e.station_id else t("customers.moved.hidden", lang) for e in row.elsewhere]  # fmt: skip
    return t("customers.moved", lang, where="、".join(dict.fromkeys(names)))


def _badges(row: CustomerRow, lang: str) -> list[Any]:
    out = []
    if row.escalated:
        out.append(dbc.Badge(t("customers.flag.escalated", lang), color="danger", className="me-1"))
    elif row.serious:
        out.append(dbc.Badge(t("customers.flag.serious", lang), color="danger", className="me-1"))
    elif row.warning:
        out.append(dbc.Badge(t("customers.flag.warning", lang), color="warning", text_color="dark",
                             className="me-1"))  # fmt: skip
    if row.moved:
        out.append(dbc.Badge(t("customers.flag.moved", lang), color="info", className="me-1"))
    return out


def detail_data(row: CustomerRow, lang: str) -> dict[str, Any]:
    """What a row shows when expanded, as plain JSON (kept in a dcc.Store and turned into
    components only when opened: 13 cells × 50 rows as components made the page crawl)."""
    months = [month_name(p.month, lang, with_year=i == 0 or p.month.month == 1)
              for i, p in enumerate(row.history)]  # fmt: skip
    return {"months": months, "tonnes": [fmt.number(p.tonnes, 2) for p in row.history],
            "now": now_buys(row, lang)}


def detail_body(data: dict[str, Any] | None, lang: str) -> list[Any]:
    """The expanded part of a row: the 13-month history and where the customer buys now."""
    if not data:
        return []
    table = html.Table([html.Thead(html.Tr([html.Th(m) for m in data["months"]])),
                        html.Tbody(html.Tr([html.Td(v) for v in data["tonnes"]]))],
                       className="table table-sm cust-history mb-1")  # fmt: skip
    return [html.Div(t("customers.col.history", lang), className="small text-muted"), table,
            html.Div(data["now"], className="small cust-now-buys")]


def _summary(row: CustomerRow, lang: str, as_of: date, key: str) -> html.Summary:
    grade = t(f"grade.{row.grade}", lang) if row.grade else "—"
    kind = t(f"ckind.{row.kind}", lang) if row.kind else ""
    return html.Summary([
        html.Span([html.Strong(row.name or row.customer_id), " ",
                   html.Small(row.customer_id, className="text-muted")], className="cust-who"),
        html.Span(f"{grade} · {kind}", className="cust-grade"),
        html.Span(row.phone or "", className="cust-phone"),
        html.Span(_badges(row, lang), className="cust-flags"),
        html.Span(reason(row, lang, as_of), className="cust-reason"),
        html.Span(responsible(row, lang), className="cust-manager"),
        html.Span(fmt.date(row.last_purchase), className="cust-last"),
    ], className="cust-summary", id={"type": "cust-sum", "index": key})  # fmt: skip


def customer_item(row: CustomerRow, lang: str, as_of: date, contact: Contact | None,
                  list_kind: str) -> html.Div:  # fmt: skip
    """One customer: expandable summary (filled on first open) and the contact button.

    Ids are `<list>:<customer>`, because one customer may sit on two lists of the same view
    (bought today and this month) and Dash ids must be unique."""
    key = f"{list_kind}:{row.customer_id}"
    done = (t("customers.contacted", lang, day=fmt.date(contact.contacted_on), note=contact.note)
            if contact else "")  # fmt: skip
    body = html.Div(id={"type": "cust-detail", "index": key}, className="cust-detail")
    return html.Div([
        html.Details([_summary(row, lang, as_of, key), body], className="cust-details"),
        html.Div([
            dbc.Button(t("customers.contact", lang), size="sm", color="secondary", outline=True,
                       id={"type": "cust-contact", "index": key},
                       className="cust-contact-btn"),
            html.Div(done, className="small text-success cust-contacted"),
        ], className="cust-actions"),
    ], className="cust-item", **{"data-customer": row.customer_id})  # fmt: skip


def customer_table(rows: list[CustomerRow], lang: str, as_of: date, contacts: dict[str, Contact],
                   list_kind: str, total: int | None = None) -> html.Div:  # fmt: skip
    """The list with its count line ("first 100 of 230")."""
    n = len(rows) if total is None else total
    if not rows:
        return html.Div(t("customers.empty", lang), className="alert alert-light cust-empty")
    count = (t("customers.count", lang, n=fmt.count(n)) if n == len(rows)
             else t("customers.shown", lang, shown=len(rows), n=fmt.count(n)))  # fmt: skip
    items = [customer_item(r, lang, as_of, contacts.get(r.customer_id), list_kind) for r in rows]
    return html.Div([html.Div(count, className="small text-muted mb-1 cust-count"),
                     _head(lang), *items], className="cust-table")  # fmt: skip


def _head(lang: str) -> html.Div:
    """Column titles over the summary grid (hidden on phones, where the grid stacks)."""
    keys = ("customer", "grade", "phone", "flags", "reason", "manager", "last")
    cells = [html.Span(t(f"customers.col.{k}", lang)) for k in keys]
    return html.Div([html.Div(cells, className="cust-summary cust-head-grid"),
                     html.Div(t("customers.col.contact", lang), className="cust-actions")],
                    className="cust-head small text-muted")  # fmt: skip
