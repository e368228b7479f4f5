"""大屏: a full-screen, dark, unattended display that rotates between views on its own.

`/wall?interval=20` sets seconds per view (5–600, default 20); `refresh=300` seconds between
data reloads. Rotation and refresh are two dcc.Interval timers: a refresh replaces the data but
not the rotation counter, so the wall keeps its place. No controls: it runs under a fixed
aggregates-only scope (pages/wall_data.py), ready for the access layer's read-only identity.
"""

from __future__ import annotations

import logging
from typing import Any

import dash
from dash import Input, Output, callback, dcc, html

from components.i18n import normalize_lang, t
from pages import wall_view
from pages.wall_data import load_wall, seconds_param

dash.register_page(__name__, path="/wall", nav_key="nav.wall", order=90, bare=True, title="大屏")

log = logging.getLogger(__name__)
DEFAULT_INTERVAL, MIN_INTERVAL, MAX_INTERVAL = 20, 2, 600
DEFAULT_REFRESH, MIN_REFRESH = 300, 2


def layout(interval: str | None = None, refresh: str | None = None, **_query: str) -> html.Div:
    """Timers, the data store and the frame the views rotate in."""
    every = seconds_param(interval, DEFAULT_INTERVAL, MIN_INTERVAL, MAX_INTERVAL)
    reload = seconds_param(refresh, DEFAULT_REFRESH, MIN_REFRESH, 24 * 3600)
    return html.Div(
        [
            dcc.Interval(id="wall-rotate", interval=every * 1000, n_intervals=0),
            dcc.Interval(id="wall-refresh", interval=reload * 1000, n_intervals=0),
            dcc.Store(id="wall-data"),
            html.Header(
                [html.Div(id="wall-title", className="wall-title"),
                 html.Div(id="wall-view-title", className="wall-view-title"),
                 html.Div(id="wall-status", className="wall-status")],
                className="wall-header",
            ),
            html.Div(id="wall-stale", className="wall-stale-slot"),
            html.Main(id="wall-body", className="wall-body"),
            html.Footer(id="wall-footer", className="wall-footer"),
        ],
        className="wall-page",
        **{"data-interval": str(every)},
    )


def _engine() -> Any:
    from settings import facts_engine

    return facts_engine()


def _open_red(scope: Any) -> int | None:
    """Open red alerts in the wall's scope (alerts work; None when the state store fails)."""
    try:
        from data.state import ensure_state_schema, state_engine
        from data.state_alerts import open_red_count
        from settings import current_settings

        engine = state_engine(current_settings().state_database_url)
        ensure_state_schema(engine)
        return open_red_count(engine, scope)
    except Exception:  # noqa: BLE001 - the wall shows its numbers without the alert count
        log.exception("wall: open red alerts unavailable")
        return None


@callback(Output("wall-data", "data"), Input("wall-refresh", "n_intervals"))
def refresh(_n: int) -> dict[str, Any]:
    """Reload the data (cached per data version); the rotation is not touched."""
    try:
        from access.context import current_scope

        data = load_wall(_engine(), current_scope())
        return {**data, "open_red": _open_red(current_scope())} if data else data
    except Exception as exc:  # the wall retries on the next tick; it never shows a traceback
        log.exception("wall: load failed")
        return {"error": type(exc).__name__}


@callback(
    Output("wall-title", "children"), Output("wall-view-title", "children"),
    Output("wall-status", "children"), Output("wall-stale", "children"),
    Output("wall-body", "children"), Output("wall-footer", "children"),
    Input("wall-data", "data"), Input("wall-rotate", "n_intervals"), Input("app-lang", "data"),
)
def render(data: dict[str, Any] | None, n: int | None, lang: str | None) -> tuple[Any, ...]:
    """The current view: which one follows from the rotation counter alone."""
    lang = normalize_lang(lang)
    if not data or data.get("error"):
        text = t("wall.error", lang, reason=data["error"]) if data else t("wall.no_data", lang)
        return t("app.name", lang), "", "", "", html.Div(text, className="wall-message"), ""
    index = (n or 0) % len(wall_view.VIEWS)
    name = wall_view.VIEWS[index]
    status = [html.Div(t("wall.as_of", lang, day=data["latest"]), className="wall-asof"),
              html.Div(t("wall.updated", lang, time=data["refreshed"]), className="wall-updated")]
    if data.get("open_red") is not None:  # alerts work: open red alerts in the wall's scope
        status.append(html.Div(t("alerts.open_red", lang, n=data["open_red"]), className="wall-alerts"))
    stale = html.Div(t("wall.stale", lang, days=data["stale_days"]), className="wall-stale",
                     role="alert") if data.get("stale_days") else ""
    dots = [html.Span(className="wall-dot" + (" active" if i == index else ""))
            for i in range(len(wall_view.VIEWS))]
    footer = [html.Span(t("wall.page", lang, i=index + 1, n=len(wall_view.VIEWS))),
              html.Span(dots, className="wall-dots")]
    return (
        t("wall.title", lang, province=data["province"]["name"]),
        html.Span(t(f"wall.view.{name}", lang), **{"data-view": name}),
        status, stale,
        html.Div(wall_view.view(name, data, lang), className=f"wall-view wall-view-{name}"),
        footer,
    )
