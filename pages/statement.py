"""经营报表 (/statement?team=T01&period=2026-10&view=ytd): 量本费利 for any entity and period.

Pickers (entity, month, view: month / quarter to date / year to date) drive one cached batch
(`pages.statement_data`); the table expands a line into its parts (▸) or into its child
entities (按站 / 按团队); a click on a line's name opens its definition in the board's drawer;
the Excel download recomputes (from the cache) under the caller's scope. Parameters are checked
in the callbacks: a bad one reads as a notice and its default takes its place.
"""

from __future__ import annotations

import logging
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import ALL, ClientsideFunction, Input, Output, State, callback, ctx, dcc, html

from access.context import current_scope
from components.definition_drawer import drawer
from components.i18n import normalize_lang, t
from components.shell import page_header, store_error
from components.statement_table import statement_table
from data.org import latest_day, list_entities
from exports.sheet import safe_filename
from metrics.periods import Period
from pages.board_params import effective_as_of, entity_options, parse_entity_value, period_options
from pages.statement_data import load_kids, load_statement
from pages.statement_explain import line_drawer_body
from pages.statement_params import VIEWS, pick

dash.register_page(__name__, path="/statement", nav_key="nav.statement", order=30,
                   title="经营报表", description_key="stmt.description")  # fmt: skip

log = logging.getLogger(__name__)


def _engine() -> Any:
    from settings import facts_engine

    return facts_engine()


def layout(team: str | None = None, city: str | None = None, station: str | None = None,
           province: str | None = None, period: str | None = None, view: str | None = None,
           **_query: str) -> html.Div:  # fmt: skip
    """Skeleton; every text and number is filled by callbacks."""
    query = {"team": team, "city": city, "station": station, "province": province,
             "period": period, "view": view}
    return html.Div([
        dcc.Store(id="stmt-query", data=query),
        dcc.Store(id="stmt-data"), dcc.Store(id="stmt-open", data=[]),
        dcc.Store(id="stmt-kids", data={}), dcc.Store(id="stmt-url"),
        html.Div(id="stmt-header"),
        html.Div(id="stmt-notices"),
        html.Div([
            dcc.Dropdown(id="stmt-entity", clearable=False, className="board-picker stmt-entity"),
            dcc.Dropdown(id="stmt-period", clearable=False, className="board-picker stmt-period"),
            dcc.RadioItems(id="stmt-view", inline=True, className="stmt-view",
                           inputClassName="me-1", labelClassName="me-3"),
            dbc.Button(id="stmt-xlsx", color="secondary", outline=True, size="sm"),
        ], className="board-controls stmt-controls"),
        dcc.Download(id="stmt-download"),
        dcc.Loading(html.Div(id="stmt-body"), type="dot", delay_show=300),
        drawer("stmt-drawer", "stmt-drawer-body"),
    ], className="stmt-page")  # fmt: skip


@callback(
    Output("stmt-entity", "options"), Output("stmt-entity", "value"),
    Output("stmt-period", "options"), Output("stmt-period", "value"),
    Output("stmt-view", "options"), Output("stmt-view", "value"),
    Output("stmt-notices", "children"), Output("stmt-xlsx", "children"),
    Input("app-lang", "data"), State("stmt-query", "data"), State("stmt-entity", "value"),
)
def init_controls(lang: str | None, query: dict[str, Any] | None, now: str | None) -> tuple[Any, ...]:
    """Picker options in `lang`; values from the URL on the first render only."""
    lang = normalize_lang(lang)
    views = [{"label": t(f"stmt.view.{v}", lang), "value": v} for v in VIEWS]
    button = t("stmt.download", lang)
    try:
        engine = _engine()
        entities = list_entities(engine, current_scope())
        latest = latest_day(engine)
    except Exception as exc:  # an unreadable store reads as a message, never a traceback
        log.exception("statement: store unavailable")
        return [], None, [], None, views, "month", store_error(lang, "", type(exc).__name__), button
    months = [o for o in period_options(latest, lang) if len(o["value"]) == 7]
    first = now is None
    entity, month, view, notes = pick(query or {}, entities, latest, lang)
    if latest is None:
        notes.append(dbc.Alert(t("stmt.no_data", lang), color="info"))
    keep = dash.no_update
    return (entity_options(entities, lang), (f"{entity.level}:{entity.id}" if entity else None)
            if first else keep, months, month if first else keep, views, view if first else keep,
            notes if first else [], button)  # fmt: skip


def compute(entity_value: str, month: str, view: str) -> dict[str, Any]:
    """The statement JSON of a view under the caller's scope (cached)."""
    engine, scope = _engine(), current_scope()
    entity = parse_entity_value(entity_value, list_entities(engine, scope))
    if entity is None:
        return {"error": "entity"}
    per = Period.parse(month)
    as_of = effective_as_of(per, latest_day(engine), None)
    return load_statement(engine, scope, entity, per, view, as_of)


@callback(
    Output("stmt-data", "data"), Output("stmt-url", "data"),
    Input("stmt-entity", "value"), Input("stmt-period", "value"), Input("stmt-view", "value"),
)
def load(entity_value: str | None, month: str | None, view: str | None) -> tuple[Any, Any]:
    """Evaluate the view (cached) and the URL query that restores it."""
    if not entity_value or not month or view not in VIEWS:
        return None, dash.no_update
    try:
        data = compute(entity_value, month, view)
    except Exception as exc:  # the metrics layer failing must read as a message
        log.exception("statement: evaluation failed")
        return {"error": type(exc).__name__}, dash.no_update
    level, _, ident = entity_value.partition(":")
    return data, f"?{level}={ident}&period={month}&view={view}"


def _clicked(trigger: Any) -> str | None:
    """The line of a real click (a re-render recreates buttons with n_clicks 0: not a click)."""
    if not trigger or not any(c.get("value") for c in ctx.triggered):
        return None
    return trigger["line"]


@callback(
    Output("stmt-open", "data"),
    Input({"type": "stmt-toggle", "line": ALL}, "n_clicks"), State("stmt-open", "data"),
    prevent_initial_call=True,
)
def toggle(_clicks: list[int | None], open_ids: list[str] | None) -> Any:
    """▸ opens a line's parts, ▾ closes them."""
    line_id = _clicked(ctx.triggered_id)
    if line_id is None:
        return dash.no_update
    now = set(open_ids or [])
    return sorted(now ^ {line_id})


@callback(
    Output("stmt-kids", "data"),
    Input({"type": "stmt-kids", "line": ALL}, "n_clicks"),
    State("stmt-kids", "data"), State("stmt-entity", "value"), State("stmt-period", "value"),
    State("stmt-view", "value"),
    prevent_initial_call=True,
)
def kids(_clicks: list[int | None], state: dict[str, Any] | None, entity_value: str | None,
         month: str | None, view: str | None) -> Any:  # fmt: skip
    """按站 / 按团队: the line at each child entity (a second click hides them)."""
    line_id = _clicked(ctx.triggered_id)
    if line_id is None or not entity_value or not month or view not in VIEWS:
        return dash.no_update
    view_key = f"{entity_value}|{month}|{view}"
    rows = dict(state.get("rows", {})) if state and state.get("key") == view_key else {}
    if line_id in rows:
        rows.pop(line_id)
        return {"key": view_key, "rows": rows}
    try:
        engine, scope = _engine(), current_scope()
        entity = parse_entity_value(entity_value, list_entities(engine, scope))
        if entity is None:
            return dash.no_update
        per = Period.parse(month)
        as_of = effective_as_of(per, latest_day(engine), None)
        rows[line_id] = load_kids(engine, scope, entity, per, view, as_of, line_id)
    except Exception:
        log.exception("statement: children failed")
        return dash.no_update
    return {"key": view_key, "rows": rows}


def _subtitle(data: dict[str, Any], lang: str) -> str:
    ent = data["entity"]
    level = t("level." + ent["level"], lang)
    who = f"{level} · {ent['name']} ({ent['id']})"
    window = f"{t('stmt.view.' + data['view'], lang)} {data['window']}"
    return t("stmt.subtitle", lang, entity=who, window=window,
             progress=f"{data['progress'] * 100:.1f}%")


@callback(
    Output("stmt-header", "children"), Output("stmt-body", "children"),
    Input("stmt-data", "data"), Input("stmt-open", "data"), Input("stmt-kids", "data"),
    Input("app-lang", "data"),
)
def render(data: dict[str, Any] | None, open_ids: list[str] | None, kid_state: dict[str, Any] | None,
           lang: str | None) -> tuple[Any, Any]:  # fmt: skip
    """The table in the current language with the open lines and child rows."""
    lang = normalize_lang(lang)
    title = t("stmt.title", lang)
    if not data:
        return page_header(title), None
    if data.get("error"):
        return page_header(title), dbc.Alert(t("stmt.error", lang, reason=data["error"]),
                                             color="warning")
    ent = data["entity"]
    view_key = f"{ent['level']}:{ent['id']}|{data['month']}|{data['view']}"
    kid_rows = (kid_state or {}).get("rows", {}) if (kid_state or {}).get("key") == view_key else {}
    table = statement_table(data["rows"], lang, set(open_ids or []), kid_rows, data.get("kid_level"),
                            data.get("progress"))
    legend = html.P(t("stmt.legend", lang, progress=f"{data['progress'] * 100:.1f}%"),
                    className="small text-muted stmt-legend")
    return page_header(title, _subtitle(data, lang)), html.Div(
        [legend, html.Div(table, className="table-responsive")], className="stmt-body")


@callback(
    Output("stmt-drawer", "is_open"), Output("stmt-drawer-body", "children"),
    Output("stmt-drawer", "title"),
    Input({"type": "stmt-def", "line": ALL}, "n_clicks"),
    State("stmt-data", "data"), State("app-lang", "data"),
    prevent_initial_call=True,
)
def open_drawer(_clicks: list[int | None], data: dict[str, Any] | None, lang: str | None) -> Any:
    """The definition (and this value's formula with its inputs) of the clicked line, the drawer
    titled in the page's language."""
    line_id = _clicked(ctx.triggered_id)
    if line_id is None or not data or data.get("error"):
        return dash.no_update, dash.no_update, dash.no_update
    lang = normalize_lang(lang)
    return True, line_drawer_body(data, line_id, lang), t("drawer.title", lang)


@callback(
    Output("stmt-download", "data"),
    Input("stmt-xlsx", "n_clicks"),
    State("stmt-entity", "value"), State("stmt-period", "value"), State("stmt-view", "value"),
    State("app-lang", "data"),
    prevent_initial_call=True,
)
def download(clicks: int | None, entity_value: str | None, month: str | None, view: str | None,
             lang: str | None) -> Any:  # fmt: skip
    """The whole statement (every line expanded) as Excel, recomputed under the caller's scope."""
    if not clicks or not entity_value or not month or view not in VIEWS:
        return dash.no_update
    from pages.statement_export import statement_xlsx

    try:
        data = compute(entity_value, month, view)
        if data.get("error"):
            return dash.no_update
        body = statement_xlsx(data, normalize_lang(lang))
    except Exception:
        log.exception("statement: download failed")
        return dash.no_update
    stem = f"statement_{data['entity']['id']}_{month}_{view}"
    return dcc.send_bytes(body, safe_filename(stem, "xlsx"))


dash.clientside_callback(
    ClientsideFunction("board", "syncUrl"),
    Input("stmt-url", "data"),
)
