"""金额段 (/bands?team=T01&period=2026-Q3): fuel tickets in 20-yuan bands of paid amount.

Pickers (entity, period) drive one cached query (`metrics.bands`); the page shows the histogram
with the threshold marks, the band table, the share just below each threshold, and a what-if
for moving a promotion threshold with its formula and assumption on screen. Scope comes from
`access.context.current_scope()` in every callback; bad URL values read as notices.
"""

from __future__ import annotations

import logging
from dataclasses import asdict
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, State, callback, dcc, html

from access.context import current_scope
from components.band_chart import (
    band_chart,
    band_table,
    below_table,
    fold_tail,
    tail_cap,
    what_if_result,
)
from components.format import count
from components.i18n import normalize_lang, t
from components.shell import page_header, store_error
from data.org import LEVELS, latest_day, list_entities
from metrics.bands import Band, Distribution, campaign_thresholds, distribution, just_below, what_if
from pages.bands_load import cached_view, load_view, pick, scoped_view
from pages.board_params import entity_options, period_options

dash.register_page(__name__, path="/bands", nav_key="nav.bands", order=45,
                   title="金额段", description_key="bands.description")  # fmt: skip

log = logging.getLogger(__name__)
WHATIF_FIELDS = ("old", "new", "q", "cost")
ORDER = ("team", "city", "province", "station")  # the default entity: the first team in scope


def _engine() -> Any:
    from settings import facts_engine

    return facts_engine()


def _number_input(key: str, value: float, step: float, lo: float, hi: float) -> html.Div:
    return html.Div([
        html.Label(id=f"bands-label-{key}", htmlFor=f"bands-{key}", className="form-label small mb-0"),
        dcc.Input(id=f"bands-{key}", type="number", value=value, step=step, min=lo, max=hi,
                  debounce=True, className="form-control form-control-sm"),
    ], className="bands-whatif-input")  # fmt: skip


def layout(period: str | None = None, **query: str) -> html.Div:
    """Skeleton; pickers, chart, tables and the what-if are filled by callbacks."""
    asked = {k: query.get(k) for k in LEVELS if query.get(k)}
    return html.Div([
        dcc.Store(id="bands-query", data={**asked, "period": period}),
        dcc.Store(id="bands-data"),
        dcc.Store(id="bands-url"),
        html.Div(id="bands-header"),
        html.Div(id="bands-notices"),
        html.Div([
            dcc.Dropdown(id="bands-entity", clearable=False, className="board-picker bands-entity"),
            dcc.Dropdown(id="bands-period", clearable=False, className="board-picker bands-period"),
        ], className="board-controls"),
        dcc.Loading(html.Div(id="bands-body"), type="dot", delay_show=300),
        html.Section([
            html.H2(id="bands-whatif-title", className="h6"),
            html.Div([_number_input("old", 200, 20, 20, 2000), _number_input("new", 220, 20, 20, 2000),
                      _number_input("q", 30, 5, 0, 100), _number_input("cost", 5, 0.5, 0, 1000)],
                     className="d-flex flex-wrap gap-3 mb-2"),
            html.Div(id="bands-whatif"),
        ], className="bands-whatif border rounded p-3 mb-3"),
    ], className="bands-page")  # fmt: skip


@callback(
    Output("bands-entity", "options"), Output("bands-entity", "value"),
    Output("bands-period", "options"), Output("bands-period", "value"),
    Output("bands-notices", "children"), Output("bands-whatif-title", "children"),
    *[Output(f"bands-label-{k}", "children") for k in WHATIF_FIELDS],
    Input("app-lang", "data"),
    State("bands-query", "data"), State("bands-entity", "value"),
)
def init_controls(lang: str | None, query: dict[str, Any] | None, now: str | None) -> tuple[Any, ...]:
    """Picker options in `lang`; values from the URL on the first render only."""
    lang = normalize_lang(lang)
    labels = (t("bands.whatif.title", lang), *[t(f"bands.whatif.{k}", lang) for k in WHATIF_FIELDS])
    labels = (*labels[:3], labels[3] + " (%)", labels[4])
    try:
        engine = _engine()
        entities = list_entities(engine, current_scope())
        latest = latest_day(engine)
    except Exception as exc:  # an unreadable store reads as a message, never a traceback
        log.exception("bands: store unavailable")
        return [], None, [], None, store_error(lang, "", type(exc).__name__), *labels
    entity, period, notes = pick(query or {}, entities, latest, lang, "bands", ORDER)
    if latest is None:
        notes.append(dbc.Alert(t("bands.no_data", lang), color="warning", className="py-2 small"))
    first, keep = now is None, dash.no_update
    value = f"{entity.level}:{entity.id}" if entity else None
    return (entity_options(entities, lang), value if first else keep, period_options(latest, lang),
            period if first else keep, notes if first else keep, *labels)  # fmt: skip


def band_json(engine: Any, entity: str, period: str) -> dict[str, Any]:
    """Bands, thresholds and shares just below them for a picker value, under the caller's scope."""
    v = scoped_view(engine, entity, period)

    def compute() -> dict[str, Any]:
        found = campaign_thresholds(engine, v.scope, v.level, v.ident, v.window)
        dist = distribution(engine, v.scope, v.level, v.ident, v.window, list(found.values()))
        below = [asdict(r) for r in just_below(dist, found)]
        return {"entity": entity, "period": period, "label": v.window.label(),
                "start": v.window.start.isoformat(), "end": v.window.end.isoformat(),
                "bands": [asdict(b) for b in dist.bands], "below": below}  # fmt: skip

    return cached_view(engine, "bands", v, compute)


@callback(
    Output("bands-data", "data"), Output("bands-url", "data"),
    Input("bands-entity", "value"), Input("bands-period", "value"),
)
def load(entity: str | None, period: str | None) -> tuple[Any, Any]:
    """Compute the bands (cached) and the URL query that restores the view."""
    return load_view("bands", entity, period, band_json)


@callback(
    Output("bands-header", "children"), Output("bands-body", "children"),
    Input("bands-data", "data"), Input("app-lang", "data"),
)
def render(data: dict[str, Any] | None, lang: str | None) -> tuple[Any, Any]:
    """Chart and tables in the current language."""
    lang = normalize_lang(lang)
    title = t("bands.title", lang)
    if not data:
        return page_header(title), None
    if data.get("error"):
        return page_header(title), dbc.Alert(t("bands.error", lang, reason=data["error"]), color="warning")
    n = sum(b["count"] for b in data["bands"])
    sub = t("bands.subtitle", lang, entity=data["entity"].partition(":")[2], window=data["label"], count=count(n))
    if not n:
        return page_header(title, sub), dbc.Alert(t("bands.empty", lang), color="info")
    marks = sorted({r["threshold"] for r in data["below"]})
    shown = fold_tail(data["bands"], tail_cap(marks))
    body = dbc.Row([
        dbc.Col([band_chart(shown, marks, lang), below_table(data["below"], lang)], lg=7),
        dbc.Col(band_table(shown, lang), lg=5),
    ])  # fmt: skip
    return page_header(title, sub), body


@callback(
    Output("bands-whatif", "children"),
    Input("bands-data", "data"), Input("app-lang", "data"),
    *[Input(f"bands-{k}", "value") for k in WHATIF_FIELDS],
)
def whatif(data: dict[str, Any] | None, lang: str | None, old: Any, new: Any, q: Any, cost: Any) -> Any:
    """The what-if for the inputs, computed by `metrics.bands.what_if` from the stored bands."""
    lang = normalize_lang(lang)
    if not isinstance(data, dict) or data.get("error"):
        return None
    try:  # the stored bands come back from the browser: malformed ones read as invalid input
        bands = tuple(Band(**b) for b in data["bands"])
        dist = Distribution("", "", None, None, bands)  # type: ignore[arg-type]  # dates unused
        res = what_if(dist, float(old), float(new), float(q) / 100.0, float(cost))
    except (TypeError, ValueError, KeyError, AttributeError):
        return what_if_result(None, lang)
    return what_if_result(asdict(res), lang)


dash.clientside_callback(
    ClientsideFunction("board", "syncUrl"),
    Input("bands-url", "data"),
)
