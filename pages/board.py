"""团队看板: the team leader's home. Pickers, 8 headline cards, all indicators by theme, drawer.

Flow: the URL query (kept in `board-query`) sets the pickers once; the pickers drive `load`
(one cached batch evaluation, JSON into `board-data`, drawn in the same answer) and the URL
(replaceState, no reload); `render` redraws from the stored JSON when the language, the search
or the red/yellow switch changes, without evaluating again; a click on any indicator opens
the drawer.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import ALL, ClientsideFunction, Input, Output, State, callback, ctx, dcc, html

from components.definition_drawer import drawer
from components.i18n import normalize_lang, t
from data.org import LEVELS
from metrics.periods import Period
from pages import board_view
from pages.board_data import entities, latest
from pages.board_drawn import cached_drawing, draw, drawn_view, view_ref
from pages.board_params import (
    entity_options,
    parse_entity_value,
    period_options,
    query_string,
    resolve,
)
from pages.cache import version_of

dash.register_page(__name__, path="/board", nav_key="nav.board", order=10, title="团队看板")

log = logging.getLogger(__name__)
QUERY_KEYS = (*LEVELS, "period", "as_of")


def _engine() -> Any:
    from settings import facts_engine

    return facts_engine()


def _scope() -> Any:
    """The caller's scope, resolved by the access layer from the session (fails closed)."""
    from access.context import current_scope

    return current_scope()


def layout(team: str | None = None, city: str | None = None, station: str | None = None,
           province: str | None = None, period: str | None = None, as_of: str | None = None,
           **_query: str) -> html.Div:
    """Skeleton; every text and number is filled by callbacks (language, data)."""
    query = {"team": team, "city": city, "station": station, "province": province,
             "period": period, "as_of": as_of}
    return html.Div(
        [
            dcc.Store(id="board-query", data=query),
            dcc.Store(id="board-data"),
            dcc.Store(id="board-search-url"),
            html.Div(id="board-header"),
            html.Div(id="board-notices"),
            html.Div(
                [
                    dcc.Dropdown(id="board-entity", clearable=False, searchable=True,
                                 className="board-picker board-entity"),
                    dcc.Dropdown(id="board-period", clearable=False, searchable=True,
                                 className="board-picker board-period"),
                    dcc.Input(id="board-search", type="search", debounce=0.25, value="",
                              autoComplete="off", className="form-control board-search"),
                    dbc.Switch(id="board-only-bad", value=False, className="board-only-bad"),
                ],
                className="board-controls",
            ),
            dcc.Loading(html.Div(id="board-body", className="board-body"), type="dot",
                        delay_show=300),
            drawer("board-drawer", "board-drawer-body"),
        ],
        className="board-page",
    )


@callback(
    Output("board-entity", "options"), Output("board-entity", "value"),
    Output("board-period", "options"), Output("board-period", "value"),
    Output("board-notices", "children"),
    Output("board-search", "placeholder"), Output("board-only-bad", "label"),
    Input("app-lang", "data"),
    State("board-query", "data"), State("board-entity", "value"), State("board-period", "value"),
)
def init_controls(lang: str | None, query: dict[str, Any] | None, entity_now: str | None,
                  period_now: str | None) -> tuple[Any, ...]:
    """Picker options in the current language; values from the URL on first render only."""
    lang = normalize_lang(lang)
    labels = (t("board.search", lang), t("board.only_bad", lang))
    try:
        engine = _engine()
        version = version_of(engine)
        shown = entities(engine, _scope(), version)
        last = latest(engine, version)
    except Exception as exc:  # an unreadable store reads as a message, never a traceback
        log.exception("board: store unavailable")
        return [], None, [], None, board_view.notice(str(type(exc).__name__), lang), *labels
    first = entity_now is None
    sel = resolve({k: (query or {}).get(k) for k in QUERY_KEYS}, shown, last, lang)
    notices = [board_view.notice(n, lang, warning=True) for n in sel.notices] if first else []
    if last is None:
        notices.append(board_view.notice(t("board.no_data", lang), lang))
    elif not shown:
        notices.append(board_view.notice(t("board.no_entities", lang), lang))
    return (
        entity_options(shown, lang),
        sel.entity_value if first else dash.no_update,
        period_options(last, lang),
        (str(sel.period) if sel.period else None) if first else dash.no_update,
        notices, *labels,
    )


@callback(
    Output("board-search-url", "data"),
    Input("board-entity", "value"), Input("board-period", "value"),
    State("board-query", "data"),
)
def url_of(entity_value: str | None, period_value: str | None,
           query: dict[str, Any] | None) -> Any:
    """The URL query that restores the view, as soon as a picker changes (before any numbers)."""
    if not entity_value or not period_value:
        return dash.no_update
    asked = (query or {}).get("as_of")
    try:
        keep = asked if asked and Period.parse(period_value).contains(date.fromisoformat(asked)) \
            else None
    except ValueError:
        keep = None
    return query_string(entity_value, period_value, keep)


def _answer(entity_value: str | None, period_value: str | None, query: dict[str, Any] | None,
            lang: str | None, only_bad: bool | None) -> list[Any] | None:
    """`[data, header, body]` of the view the pickers ask for (unfiltered; cached as drawn), or
    None when a picker is empty. A failure is `[{"error": …}, header, notice]`."""
    if not entity_value or not period_value:
        return None
    try:
        engine = _engine()
        scope = _scope()
        version = version_of(engine)  # one read: every cache key below shares it
        entity = parse_entity_value(entity_value, entities(engine, scope, version))
        if entity is None:
            return _failed("entity", lang)
        period = Period.parse(period_value)
        sel = resolve({"period": period_value, "as_of": (query or {}).get("as_of")}, [],
                      latest(engine, version))
        return drawn_view(engine, scope, entity, period, sel.as_of, lang, only_bad, version)
    except Exception as exc:  # the evaluator failing must read as a message
        log.exception("board: evaluation failed")
        return _failed(type(exc).__name__, lang)


def _failed(reason: str, lang: str | None) -> list[Any]:
    data = {"error": reason}
    return [data, *draw(data, lang, "", False)]


@callback(
    Output("board-data", "data"), Output("board-header", "children"),
    Output("board-body", "children"),
    Input("board-entity", "value"), Input("board-period", "value"),
    State("board-query", "data"), State("app-lang", "data"),
    State("board-search", "value"), State("board-only-bad", "value"),
)
def load(entity_value: str | None, period_value: str | None, query: dict[str, Any] | None,
         lang: str | None, search: str | None, only_bad: bool | None) -> tuple[Any, Any, Any]:
    """Evaluate the view and draw it in the same answer.

    One round trip instead of two: drawing in a second callback meant the browser sent the
    view's JSON (~60 kB) back to the server only to receive the components. The unfiltered
    answer comes from the drawn cache (pages/board_drawn.py); a search draws afresh. The
    browser keeps only the view's reference (`view_ref`): its redraws and the drawer send
    that back, not the view's 60 kB.
    """
    answer = _answer(entity_value, period_value, query, lang, only_bad)
    if answer is None:
        return (None, *draw(None, lang, search, only_bad))
    data, header, body = answer
    if (search or "").strip() and not data.get("error"):
        header, body = draw(data, lang, search, only_bad)
    return view_ref(data), header, body


@callback(
    Output("board-header", "children", allow_duplicate=True),
    Output("board-body", "children", allow_duplicate=True),
    Input("app-lang", "data"), Input("board-search", "value"), Input("board-only-bad", "value"),
    State("board-data", "data"),
    prevent_initial_call=True,
)
def render(lang: str | None, search: str | None, only_bad: bool | None,
           ref: dict[str, Any] | None) -> tuple[Any, Any]:
    """Redraw in another language, or filtered by search and the switch: the unfiltered view
    from the drawn cache, a search from the view's cached values (no evaluation while cached).
    The view is the one `ref` names, checked against the caller's scope like a picker value."""
    ent = ref.get("entity") if isinstance(ref, dict) else None
    if not isinstance(ent, dict) or ref.get("error"):  # no view (yet), or its error notice
        return draw(ref if isinstance(ref, dict) else None, lang, search, only_bad)
    if not (search or "").strip():
        hit = cached_drawing(_scope(), ref, lang, only_bad)
        if hit is not None:
            return hit
    answer = _answer(f"{ent.get('level')}:{ent.get('id')}", ref.get("period"),
                     {"as_of": ref.get("as_of")}, lang, only_bad)
    data, header, body = answer or [None, *draw(None, lang, search, only_bad)]
    if (search or "").strip() and data and not data.get("error"):
        header, body = draw(data, lang, search, only_bad)
    return header, body


@callback(
    Output("board-drawer", "is_open"), Output("board-drawer-body", "children"),
    Output("board-drawer", "title"),
    Input({"type": "ind-open", "where": ALL, "index": ALL}, "n_clicks"),
    State("board-data", "data"), State("app-lang", "data"),
    prevent_initial_call=True,
)
def open_drawer(clicks: list[int | None], data: dict[str, Any] | None,
                lang: str | None) -> tuple[Any, Any, Any]:
    """The 指标解析 drawer of the clicked indicator (keyboard: Enter on a focused row), titled
    in the page's language (the layout draws it before the language is known)."""
    trigger = ctx.triggered_id
    if not trigger or not any(clicks) or not data or data.get("error"):
        return dash.no_update, dash.no_update, dash.no_update
    value = next((c["value"] for c in ctx.triggered if c.get("value")), None)
    if not value:  # a re-render recreated the buttons with n_clicks 0: not a click
        return dash.no_update, dash.no_update, dash.no_update
    from pages.board_explain import drawer_body

    lang = normalize_lang(lang)
    body = drawer_body(_engine(), _scope(), data, trigger["index"], lang)
    return True, body, t("drawer.title", lang)


dash.clientside_callback(
    ClientsideFunction("board", "syncUrl"),
    Input("board-search-url", "data"),
)
