"""省市排名 (/rankings?indicator=fuel_volume_t&period=2026-10&level=team&city=C01&sort=value&desc=1).

Pick an indicator (or the weighted composite), a period, teams or stations, the province or one
city. The table sorts by any column (header click; the sort is in the URL too) and downloads as
CSV or Excel with exactly the rows shown. Scope comes from `access.context.current_scope()` in
every callback; only entities the caller sees whole are ranked.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
from dash import ALL, ClientsideFunction, Input, Output, State, callback, ctx, dcc, html

from access.context import current_scope
from components.i18n import normalize_lang, t
from components.ranking_table import ranking_table
from components.shell import page_header
from data.org import latest_day, list_entities
from exports.csv import to_csv_bytes
from exports.sheet import safe_filename
from exports.xlsx import to_xlsx_bytes
from metrics.periods import Period
from pages.board_params import effective_as_of, period_options
from pages.rankings_data import (
    COMPOSITE,
    SORT_KEYS,
    display_rows,
    load_ranking,
    ranking_sheet,
    sort_rows,
)
from pages.rankings_view import LEVELS, indicator_options, pick, subtitle, weights

dash.register_page(__name__, path="/rankings", nav_key="nav.rankings", order=20,
                   title="省市排名", description_key="rank.description")  # fmt: skip

log = logging.getLogger(__name__)


def _engine() -> Any:
    from settings import facts_engine

    return facts_engine()


def layout(indicator: str | None = None, period: str | None = None, level: str | None = None,
           city: str | None = None, sort: str | None = None, desc: str | None = None,
           **_query: str) -> html.Div:  # fmt: skip
    """Skeleton; pickers, table and texts are filled by callbacks."""
    query = {"indicator": indicator, "period": period, "level": level, "city": city}
    sort_state = {"key": sort if sort in SORT_KEYS else "rank", "desc": desc == "1"}
    return html.Div([
        dcc.Store(id="rank-query", data=query),
        dcc.Store(id="rank-sort", data=sort_state),
        dcc.Store(id="rank-data"),
        dcc.Store(id="rank-url"),
        html.Div(id="rank-header"),
        html.Div(id="rank-notices"),
        html.Div([
            dcc.Dropdown(id="rank-indicator", clearable=False, className="board-picker rank-indicator"),
            dcc.Dropdown(id="rank-period", clearable=False, className="board-picker rank-period"),
            dcc.RadioItems(id="rank-level", value="team", inline=True,
                           className="rank-level", inputClassName="me-1", labelClassName="me-3"),
            dcc.Dropdown(id="rank-city", clearable=False, className="board-picker rank-city"),
            html.Div([
                dbc.Button(id="rank-csv", color="secondary", outline=True, size="sm", className="me-2"),
                dbc.Button(id="rank-xlsx", color="secondary", outline=True, size="sm"),
            ], className="rank-downloads"),
        ], className="board-controls rank-controls"),
        dcc.Download(id="rank-download"),
        dcc.Loading(html.Div(id="rank-body"), type="dot", delay_show=300),
    ], className="rank-page")  # fmt: skip


@callback(
    Output("rank-indicator", "options"), Output("rank-indicator", "value"),
    Output("rank-period", "options"), Output("rank-period", "value"),
    Output("rank-level", "options"), Output("rank-level", "value"),
    Output("rank-city", "options"), Output("rank-city", "value"),
    Output("rank-notices", "children"), Output("rank-csv", "children"),
    Output("rank-xlsx", "children"),
    Input("app-lang", "data"),
    State("rank-query", "data"), State("rank-indicator", "value"),
)
def init_controls(lang: str | None, query: dict[str, Any] | None,
                  now: str | None) -> tuple[Any, ...]:  # fmt: skip
    """Picker options in `lang`; values from the URL on the first render only."""
    lang = normalize_lang(lang)
    buttons = (t("rank.download_csv", lang), t("rank.download_xlsx", lang))
    level_opts = [{"label": t(f"rank.level.{lv}", lang), "value": lv} for lv in LEVELS]
    try:
        engine = _engine()
        cities = list_entities(engine, current_scope(), "city")
        latest = latest_day(engine)
    except Exception as exc:  # an unreadable store reads as a message, never a traceback
        log.exception("rankings: store unavailable")
        return ([], None, [], None, level_opts, "team", [], None,
                _notice(t("rank.error", lang, reason=type(exc).__name__)), *buttons)  # fmt: skip
    city_opts = [{"label": t("rank.within.province", lang), "value": "province"}]
    city_opts += [{"label": f"{c.name} ({c.id})", "value": c.id} for c in cities]
    first = now is None
    ind, period, level, city, notes = pick(query or {}, latest, [c.id for c in cities], lang)
    if latest is None:
        notes.append(t("rank.no_data", lang))
    keep = dash.no_update
    return (indicator_options(lang), ind if first else keep, period_options(latest, lang),
            period if first else keep, level_opts, level if first else keep, city_opts,
            city if first else keep, [_notice(n) for n in notes] if first else [], *buttons)  # fmt: skip


def _notice(text: str) -> dbc.Alert:
    return dbc.Alert(text, color="warning", className="py-2 small")


def _compute(indicator: str, period: str, level: str, city: str | None) -> dict[str, Any]:
    """The ranking JSON under the caller's scope (cached)."""
    engine = _engine()
    per = Period.parse(period)
    as_of = effective_as_of(per, latest_day(engine), None)
    data = load_ranking(engine, current_scope(), indicator, level, per, as_of,
                        None if not city or city == "province" else city)  # fmt: skip
    return {**data, "as_of": as_of.isoformat() if as_of else None}


@callback(
    Output("rank-data", "data"), Output("rank-url", "data"),
    Input("rank-indicator", "value"), Input("rank-period", "value"),
    Input("rank-level", "value"), Input("rank-city", "value"), Input("rank-sort", "data"),
)
def load(indicator: str | None, period: str | None, level: str | None, city: str | None,
         sort: dict[str, Any] | None) -> tuple[Any, Any]:  # fmt: skip
    """Evaluate the ranking (cached) and the URL query that restores the view."""
    if not indicator or not period or level not in LEVELS:
        return None, dash.no_update
    sort = sort or {}
    query = {"indicator": indicator, "period": period, "level": level}
    if city and city != "province":
        query["city"] = city
    if sort.get("key", "rank") != "rank" or sort.get("desc"):
        query.update(sort=sort.get("key", "rank"), desc="1" if sort.get("desc") else "0")
    try:
        data = _compute(indicator, period, level, city)
    except Exception as exc:  # the metrics layer failing must read as a message
        log.exception("rankings: evaluation failed")
        return {"error": type(exc).__name__}, dash.no_update
    return data, "?" + urlencode(query)


@callback(
    Output("rank-sort", "data"),
    Input({"type": "rank-sort", "col": ALL}, "n_clicks"),
    State("rank-sort", "data"),
    prevent_initial_call=True,
)
def sort_by(clicks: list[int | None], state: dict[str, Any] | None) -> Any:
    """A header click sorts by that column; a second click on it reverses the order."""
    trig = ctx.triggered_id
    if not trig or not any(clicks) or not any(c.get("value") for c in ctx.triggered):
        return dash.no_update
    state = state or {"key": "rank", "desc": False}
    key = trig["col"] if trig["col"] in SORT_KEYS else "rank"
    if key == state.get("key"):
        return {"key": key, "desc": not state.get("desc")}
    # numbers read best largest first, except ranks (1 first) and names (A first)
    return {"key": key, "desc": key not in ("rank", "name", "city_rank")}


def _hrefs(data: dict[str, Any]) -> dict[str, str]:
    """Each ranked entity links to its drill-down view (a station sits under its team)."""
    per = f"?period={data['period']}"
    if data["level"] == "team":
        return {r["id"]: f"/org/team/{r['id']}{per}" for r in data["rows"]}
    try:
        from pages.org_data import visible

        team_of = {e.id: e.team_id for e in visible(_engine(), current_scope())
                   if e.level == "station"}  # fmt: skip
    except Exception:  # links are a convenience: the table shows without them
        log.exception("rankings: no station links")
        return {}
    return {r["id"]: f"/org/team/{team_of[r['id']]}/station/{r['id']}{per}"
            for r in data["rows"] if r["id"] in team_of}  # fmt: skip


@callback(
    Output("rank-header", "children"), Output("rank-body", "children"),
    Input("rank-data", "data"), Input("app-lang", "data"), Input("rank-sort", "data"),
)
def render(data: dict[str, Any] | None, lang: str | None, sort: dict[str, Any] | None) -> tuple[Any, Any]:
    """The table in the current language and sort order."""
    lang = normalize_lang(lang)
    title = t("rank.title", lang)
    if not data:
        return page_header(title), None
    if data.get("error"):
        return page_header(title), _notice(t("rank.error", lang, reason=data["error"]))
    if not data["rows"]:
        return page_header(title, subtitle(data, lang)), _notice(t("rank.empty", lang))
    sort = sort or {"key": "rank", "desc": False}
    rows = sort_rows(display_rows(data, lang, _hrefs(data)), sort["key"], bool(sort["desc"]))
    hidden = {"share"} if not data["additive"] else set()
    if data["indicator"] == COMPOSITE:
        hidden.add("rag")  # a score has no light of its own
    cols = [c for c in SORT_KEYS + ("rag",) if c not in hidden]
    rules = t("rank.rules", lang, direction=t(f"rank.direction.{data['direction']}", lang))
    body = [weights(data, lang), ranking_table(rows, lang, sort["key"], bool(sort["desc"]), cols),
            html.P(rules, className="small text-muted")]  # fmt: skip
    return page_header(title, subtitle(data, lang)), html.Div(body, className="table-responsive")


@callback(
    Output("rank-download", "data"),
    Input("rank-csv", "n_clicks"), Input("rank-xlsx", "n_clicks"),
    State("rank-indicator", "value"), State("rank-period", "value"),
    State("rank-level", "value"), State("rank-city", "value"),
    State("rank-sort", "data"), State("app-lang", "data"),
    prevent_initial_call=True,
)
def download(_csv: int | None, _xlsx: int | None, indicator: str | None, period: str | None,
             level: str | None, city: str | None, sort: dict[str, Any] | None,
             lang: str | None) -> Any:  # fmt: skip
    """The rows shown, in the order shown, as CSV or Excel; recomputed (from the cache) under
    the caller's scope, never taken from what the browser sends."""
    if not ctx.triggered_id or not indicator or not period or level not in LEVELS:
        return dash.no_update
    try:
        data = _compute(indicator, period, level, city)
    except Exception:
        log.exception("rankings: download failed")
        return dash.no_update
    lang = normalize_lang(lang)
    sort = sort or {"key": "rank", "desc": False}
    rows = sort_rows(display_rows(data, lang), sort["key"], bool(sort["desc"]))
    sheet = ranking_sheet(data, rows, lang, [subtitle(data, lang)])
    stem = f"rankings_{data['indicator']}_{data['level']}_{data['period']}"
    if ctx.triggered_id == "rank-xlsx":
        return dcc.send_bytes(to_xlsx_bytes(sheet), safe_filename(stem, "xlsx"))
    return dcc.send_bytes(to_csv_bytes(sheet), safe_filename(stem, "csv"))


dash.clientside_callback(
    ClientsideFunction("board", "syncUrl"),
    Input("rank-url", "data"),
)
