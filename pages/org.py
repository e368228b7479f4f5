"""组织下钻 (/org, /org/city/C01, /org/team/T01, /org/team/T01/station/S007,
/org/team/T01/station/S007/customer/CU123, each with ?period=2026-10).

One view per level: breadcrumbs, the entity's headline indicators with lights, and a table of
its children with the same indicators (a click goes one level down). At a station: its customers
with volume, trend, last purchase and status; at a customer: the monthly history and the
transactions. A bad, unknown or out-of-scope id gives a friendly message, never a traceback.
Scope comes from `access.context.current_scope()` in the callback.
"""

from __future__ import annotations

import logging
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, State, callback, dcc, html

from access.context import current_scope
from components.breadcrumb import breadcrumb
from components.i18n import normalize_lang, t
from components.shell import page_header
from data.org import Entity, latest_day
from metrics.periods import Period, PeriodError
from pages import org_data as od
from pages import org_view as ov
from pages.board_params import effective_as_of, period_label, period_options

dash.register_page(__name__, path="/org", path_template="/org/<rest>", nav_key="nav.org",
                   order=25, title="组织下钻", description_key="org.description")  # fmt: skip

log = logging.getLogger(__name__)


def _engine() -> Any:
    from settings import facts_engine

    return facts_engine()


def layout(rest: str | None = None, period: str | None = None, **_query: str) -> html.Div:
    """Skeleton: the path and period from the URL; callbacks render the level."""
    return html.Div([
        dcc.Store(id="org-query", data={"rest": rest or "", "period": period}),
        dcc.Store(id="org-url"),
        html.Div(id="org-crumbs"),
        html.Div(id="org-header"),
        html.Div(dcc.Dropdown(id="org-period", clearable=False, className="board-picker"),
                 className="board-controls"),
        dcc.Loading(html.Div(id="org-body"), type="dot", delay_show=300),
    ], className="org-page")  # fmt: skip


@callback(
    Output("org-period", "options"), Output("org-period", "value"),
    Input("app-lang", "data"), State("org-query", "data"), State("org-period", "value"),
)
def init_period(lang: str | None, query: dict[str, Any] | None, now: str | None) -> tuple[Any, Any]:
    """Period options in `lang`; the URL's period (or the latest month) on first render."""
    lang = normalize_lang(lang)
    try:
        latest = latest_day(_engine())
    except Exception:  # an unreadable store shows in the body's message
        log.exception("org: store unavailable")
        return [], None
    if now is not None:
        return period_options(latest, lang), dash.no_update
    wanted = (query or {}).get("period")
    try:
        per = Period.parse(wanted) if wanted else (Period.month_of(latest) if latest else None)
    except PeriodError:
        per = Period.month_of(latest) if latest else None
    return period_options(latest, lang), str(per) if per else None


def _message(text: str, color: str = "warning") -> dbc.Alert:
    return dbc.Alert(text, color=color, className="org-message")


def _crumbs(ents: list[Entity], chain: list[Entity], customer: str | None, period: str,
            lang: str) -> html.Nav:  # fmt: skip
    """Province › city › team › station › customer, each step a link when the scope sees it."""
    by = {(e.level, e.id): e for e in ents}
    first = chain[0] if chain else None
    items: list[tuple[str, str | None]] = []
    prov = next((e for e in ents if e.level == "province"), None)
    if prov is None:
        items.append((t("org.top", lang), od.href([], period)))
    elif first is None or first.level != "province":
        items.append((prov.name, od.href([], period)))
    if first is not None and first.level in ("team", "station"):
        city = by.get(("city", first.city_id))
        if city is not None:
            items.append((city.name, od.href([("city", city.id)], period)))
    for ent in chain:
        items.append((ent.name, od.href(od.canonical(ent), period)))
    if customer:
        items.append((customer, None))
    items[-1] = (items[-1][0], None)
    return breadcrumb(items)


def _org_view(engine: Any, scope: Any, ents: list[Entity], chain: list[Entity], per: Period,
              as_of: Any, lang: str) -> list[Any]:  # fmt: skip
    entity = chain[-1] if chain else None
    kids = od.children(ents, entity)
    keys = ([entity.key] if entity else []) + [k.key for k in kids]
    cells = od.indicator_cells(engine, scope, keys, per, as_of) if keys else {}
    ids = od.headline_ids()
    body: list[Any] = []
    if entity is not None:
        body += [html.H2(t("org.headline", lang), className="h6"),
                 ov.headline_tiles(ids, cells, f"{entity.level}|{entity.id}", lang)]
    if entity is not None and entity.level == "station":
        return body + _customers(engine, scope, chain, per, as_of, lang)
    if kids:
        key = f"org.children.{kids[0].level}" if entity else "org.children.visible"
        rows = []
        for k in kids:
            rows.append((k.level, k.id, k.name, od.href(od.canonical(k), str(per))))
        body += [html.H2(t(key, lang), className="h6 mt-2"),
                 html.Div(ov.children_table(ids, cells, rows, lang), className="table-responsive")]
    return body


def _customers(engine: Any, scope: Any, chain: list[Entity], per: Period, as_of: Any,
               lang: str) -> list[Any]:  # fmt: skip
    head = [html.H2(t("org.customers", lang), className="h6 mt-3")]
    if scope.aggregates_only:
        return head + [_message(t("org.customers.hidden", lang), "info")]
    rows = od.station_customers(engine, scope, chain[-1].id, per, as_of)
    if not rows:
        return head + [_message(t("org.customers.none", lang), "info")]
    base = od.href([(c.level, c.id) for c in chain], None)
    return head + [
        html.P(t("org.customers.note", lang, n=od.CUSTOMER_LIMIT), className="small text-muted"),
        html.P(t("org.customers.count", lang, shown=len(rows)), className="small"),
        html.Div(ov.customers_table(rows, base, f"?period={per}", lang), className="table-responsive"),
    ]  # fmt: skip


@callback(
    Output("org-crumbs", "children"), Output("org-header", "children"),
    Output("org-body", "children"), Output("org-url", "data"),
    Input("app-lang", "data"), Input("org-period", "value"), State("org-query", "data"),
)
def render(lang: str | None, period: str | None, query: dict[str, Any] | None) -> tuple[Any, ...]:
    """The level the path names, in `lang`, for the chosen period."""
    lang = normalize_lang(lang)
    rest = (query or {}).get("rest") or ""
    title = page_header(t("org.title", lang))
    pairs = od.parse_path(rest)
    if pairs is None:
        return None, title, _message(t("org.bad_path", lang, path=rest[:80])), dash.no_update
    if not period:
        return None, title, None, dash.no_update
    try:
        return _render(lang, pairs, Period.parse(period))
    except Exception as exc:  # the store or the metrics layer failing reads as a message
        log.exception("org: rendering %s failed", rest)
        return None, title, _message(t("org.error", lang, reason=type(exc).__name__)), dash.no_update


def _render(lang: str, pairs: list[tuple[str, str]], per: Period) -> tuple[Any, ...]:
    engine, scope = _engine(), current_scope()
    as_of = effective_as_of(per, latest_day(engine), None)
    ents = od.visible(engine, scope)
    title = page_header(t("org.title", lang))
    if not ents:
        return None, title, _message(t("org.nothing", lang)), dash.no_update
    chain = od.resolve_chain(ents, pairs)
    if chain is None:
        what = "/".join(f"{lv} {i}" for lv, i in pairs)[:80]
        return None, title, _message(t("org.not_found", lang, what=what)), dash.no_update
    tops = od.children(ents, None)
    if not pairs and len(tops) == 1:  # the province, or a team leader's one team: open it
        chain = [tops[0]]
    customer = pairs[-1][1] if pairs and pairs[-1][0] == "customer" else None
    crumbs = _crumbs(ents, chain, customer, str(per), lang)
    subtitle = period_label(per, as_of, lang)
    query = f"?period={per}"
    if customer is None:
        name = chain[-1].name if chain else t("org.title", lang)
        body = _org_view(engine, scope, ents, chain, per, as_of, lang)
        return crumbs, page_header(name, subtitle), body, query
    if scope.aggregates_only:
        return crumbs, title, _message(t("org.customers.hidden", lang), "info"), query
    detail = od.customer_detail(engine, scope, chain[-1].id, customer, per, as_of)
    if detail is None:
        return crumbs, title, _message(t("org.not_found", lang, what=customer[:64])), query
    name = detail["card"]["name"] or customer
    return (crumbs, page_header(t("org.customer.title", lang, name=name), subtitle),
            ov.customer_view(detail, lang), query)  # fmt: skip


dash.clientside_callback(
    ClientsideFunction("board", "syncUrl"),
    Input("org-url", "data"),
)
