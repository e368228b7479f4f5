"""客户圈 (/customers?team=T01&period=2026-10&tab=warning): the churn worklist of an entity.

Tabs: top to watch, warnings, serious & escalated (with who is responsible), lost, dormant,
buying today & this month. Each row expands to its 13-month history and where the customer buys
now; "log contact" stores a dated note in the state store, so the list is a worklist.
Every callback takes its scope from `access.context.current_scope()`; customer rows are masked
by that scope in SQL, and an aggregates-only scope sees a notice instead of rows.
"""

from __future__ import annotations

import logging
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import MATCH, ClientsideFunction, Input, Output, State, callback, ctx, dcc, html

from access.context import current_scope
from components.customer_table import customer_table, detail_body, detail_data
from components.i18n import normalize_lang, t
from components.shell import page_header, param_error
from data.org import latest_day, list_entities
from metrics.customer_lists import customer_list
from metrics.periods import Period, window
from pages.board_params import entity_options, parse_entity_value, period_options, resolve
from pages.cache import cached
from pages.customers_contacts import contact_modal, state_store
from pages.customers_contacts import register as register_contacts
from pages.customers_params import QUERY_KEYS, TABS, layout_query, url_query

dash.register_page(__name__, path="/customers", nav_key="nav.customers", order=30,
                   title="客户圈", description_key="customers.description")  # fmt: skip

log = logging.getLogger(__name__)
register_contacts()  # the contact dialog's callbacks live in pages/customers_contacts.py
LIST_LIMIT = 50  # rows shown per list (the renderer stays quick); the count line says how many there are


def layout(team: str | None = None, city: str | None = None, station: str | None = None,
           province: str | None = None, period: str | None = None, as_of: str | None = None,
           tab: str | None = None, **_query: str) -> html.Div:  # fmt: skip
    """Skeleton; callbacks fill pickers, tabs and the list in the current language."""
    query = layout_query(team=team, city=city, station=station, province=province, period=period,
                         as_of=as_of, tab=tab)  # fmt: skip
    return html.Div([
        dcc.Store(id="customers-query", data=query),
        dcc.Store(id="customers-url"),
        dcc.Store(id="customers-saved", data=0),
        dcc.Store(id="customers-target"),
        dcc.Store(id="customers-rows"),
        html.Div(id="customers-header"),
        html.Div(id="customers-notices"),
        html.Div([
            dcc.Dropdown(id="customers-entity", clearable=False, className="board-picker"),
            dcc.Dropdown(id="customers-period", clearable=False, className="board-picker"),
        ], className="board-controls"),
        dbc.Tabs(id="customers-tab", active_tab=query["tab"], className="mb-2"),
        dcc.Loading(html.Div(id="customers-body"), type="dot", delay_show=300),
        contact_modal(),
    ], className="customers-page")  # fmt: skip


def _engine() -> Any:
    from settings import facts_engine

    return facts_engine()


@callback(
    Output("customers-entity", "options"), Output("customers-entity", "value"),
    Output("customers-period", "options"), Output("customers-period", "value"),
    Output("customers-notices", "children"), Output("customers-tab", "children"),
    Output("customers-note-label", "children"), Output("customers-date-label", "children"),
    Output("customers-save", "children"), Output("customers-cancel", "children"),
    Input("app-lang", "data"),
    State("customers-query", "data"), State("customers-entity", "value"),
)
def init_controls(lang: str | None, query: dict[str, Any] | None,
                  entity_now: str | None) -> tuple[Any, ...]:  # fmt: skip
    """Pickers, tab labels and modal labels in `lang`; URL values on the first render only."""
    lang = normalize_lang(lang)
    tabs = [dbc.Tab(label=t(f"customers.tab.{k}", lang), tab_id=k) for k in TABS]
    labels = (t("customers.contact.note", lang), t("customers.contact.date", lang),
              t("customers.contact.save", lang), t("customers.contact.cancel", lang))  # fmt: skip
    try:
        engine = _engine()
        entities = list_entities(engine, current_scope())
        latest = latest_day(engine)
    except Exception as exc:  # an unreadable store reads as a message, never a traceback
        log.exception("customers: store unavailable")
        return [], None, [], None, _notice(type(exc).__name__), tabs, *labels
    first = entity_now is None
    sel = resolve({k: (query or {}).get(k) for k in QUERY_KEYS}, entities, latest, lang)
    notices = [_notice(n) for n in sel.notices] if first else []
    if first and (query or {}).get("bad_tab"):
        notices.append(param_error(lang, "tab", query["bad_tab"],
                                   t("customers.tab.expected", lang, tabs=", ".join(TABS))))
    return (
        entity_options(entities, lang), sel.entity_value if first else dash.no_update,
        period_options(latest, lang), (str(sel.period) if sel.period else None)
        if first else dash.no_update, notices, tabs, *labels,
    )  # fmt: skip


def _notice(text: str) -> dbc.Alert:
    return dbc.Alert(text, color="warning", className="py-2 customers-notice")


@callback(
    Output("customers-url", "data"),
    Input("customers-entity", "value"), Input("customers-period", "value"),
    Input("customers-tab", "active_tab"), State("customers-query", "data"),
)
def sync_url(entity_value: str | None, period_value: str | None, tab: str | None,
             query: dict[str, Any] | None) -> Any:  # fmt: skip
    """The URL follows the pickers and the tab (replaceState in assets/board.js)."""
    return url_query(entity_value, period_value, tab, query) or dash.no_update


dash.clientside_callback(
    ClientsideFunction("board", "syncUrl"),
    Input("customers-url", "data"),
)


@callback(
    Output("customers-header", "children"), Output("customers-body", "children"),
    Output("customers-rows", "data"),
    Input("customers-entity", "value"), Input("customers-period", "value"),
    Input("customers-tab", "active_tab"), Input("app-lang", "data"),
    Input("customers-saved", "data"), State("customers-query", "data"),
)
def render(entity_value: str | None, period_value: str | None, tab: str | None,
           lang: str | None, _saved: int | None,
           query: dict[str, Any] | None) -> tuple[Any, Any, Any]:  # fmt: skip
    """The header, the selected list, and the rows' expanded details (JSON, by row id)."""
    lang = normalize_lang(lang)
    header = page_header(t("customers.title", lang), t("customers.subtitle", lang))
    scope = current_scope()
    if scope.aggregates_only:
        return header, html.Div(t("customers.no_access", lang), className="alert alert-info"), {}
    if not entity_value or not period_value:
        return header, None, {}
    try:
        engine = _engine()
        entity = parse_entity_value(entity_value, list_entities(engine, scope))
        if entity is None:
            return header, None, {}
        sel = resolve({"period": period_value, "as_of": (query or {}).get("as_of")}, [],
                      latest_day(engine))  # fmt: skip
        w = window(Period.parse(period_value), sel.as_of)
        body, details = _lists(engine, scope, entity, w, tab if tab in TABS else "watch", lang)
    except Exception as exc:  # the store or the state store failing must read as a message
        log.exception("customers: list failed")
        return header, _notice(t("board.metrics_missing", lang, reason=type(exc).__name__)), {}
    return header, body, details


def _rows(engine: Any, scope: Any, entity: Any, w: Any, kind: str) -> tuple[list[Any], int | None]:
    """One list (the first LIST_LIMIT rows) and its full length when it was cut; cached by the
    caller under scope, entity, window, list and data version (contacts are read fresh)."""
    rows = customer_list(engine, entity.level, entity.id, w, scope, kind,
                         None if kind == "watch" else LIST_LIMIT)  # fmt: skip
    total = None
    if len(rows) == LIST_LIMIT:
        total = len(customer_list(engine, entity.level, entity.id, w, scope, kind, details=False))
    return rows, total


def _lists(engine: Any, scope: Any, entity: Any, w: Any, tab: str,
           lang: str) -> tuple[Any, dict[str, Any]]:  # fmt: skip
    from data.state_contacts import latest_contacts

    kinds = ("today", "month") if tab == "buying" else (tab,)
    parts: list[Any] = []
    details: dict[str, Any] = {}
    for kind in kinds:
        key = f"customers:{scope.key()}:{entity.level}:{entity.id}:{w.start}:{w.end}:{kind}"
        rows, total = cached(key, engine, lambda k=kind: _rows(engine, scope, entity, w, k))
        contacts = latest_contacts(state_store(), [r.customer_id for r in rows])
        if tab == "buying":
            title = t(f"customers.buying.{kind}", lang, day=w.end.isoformat())
            parts.append(html.H2(title, className="h6 mt-3"))
        parts.append(customer_table(rows, lang, w.end, contacts, kind, total))
        details.update({f"{kind}:{r.customer_id}": detail_data(r, lang) for r in rows})
    return html.Div(parts, className="customers-lists", **{"data-tab": tab}), details


@callback(
    Output({"type": "cust-detail", "index": MATCH}, "children"),
    Input({"type": "cust-sum", "index": MATCH}, "n_clicks"),
    State("customers-rows", "data"), State("app-lang", "data"),
    prevent_initial_call=True,
)
def open_row(clicks: int | None, details: dict[str, Any] | None, lang: str | None) -> Any:
    """Fill a row's history the first time it is opened (the browser toggles it after)."""
    if not clicks or clicks > 1:
        return dash.no_update
    key = ctx.triggered_id["index"] if ctx.triggered_id else None
    return detail_body((details or {}).get(key), normalize_lang(lang))
