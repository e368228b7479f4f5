"""营销活动分析 (/campaigns?city=C01&period=2026-Q3): campaign effect against control stations.

Pickers (entity, period) drive one cached computation (`metrics.campaigns`,
`metrics.campaign_customers`): the campaign list with incremental volume, margin, cost and net
profit, then one campaign's before/during chart vs the control stations, its per-station table
and the customers who responded (names as the caller's scope allows, each with its customer
id). Downloads (per-station CSV, responders CSV, both as Excel) live in
pages/campaigns_export.py; the numbers as JSON in pages/campaigns_data.py. Scope comes from
`access.context.current_scope()` in every callback.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, State, callback, dcc, html

from access.context import current_scope
from components.campaign_views import campaign_detail, campaign_list
from components.i18n import normalize_lang, t
from components.shell import page_header, param_error, store_error
from data.org import LEVELS, latest_day, list_entities
from pages.bands_load import load_view, pick
from pages.board_params import entity_options, period_options
from pages.campaigns_data import campaign_json
from pages.campaigns_export import register as register_export

dash.register_page(__name__, path="/campaigns", nav_key="nav.campaigns", order=46,
                   title="营销活动", description_key="camp.description")  # fmt: skip

log = logging.getLogger(__name__)
register_export()  # the download callback lives in pages/campaigns_export.py
ORDER = ("city", "team", "province", "station")
EXPORTS = ("camp-csv-stations", "camp-csv-people", "camp-xlsx")  # pages/campaigns_export.py


def _engine() -> Any:
    from settings import facts_engine

    return facts_engine()


def layout(period: str | None = None, campaign: str | None = None, **query: str) -> html.Div:
    """Skeleton; pickers, list and detail are filled by callbacks (`campaign` opens one)."""
    asked = {k: query.get(k) for k in LEVELS if query.get(k)}
    return html.Div([
        dcc.Store(id="camp-query", data={**asked, "period": period, "campaign": campaign}),
        dcc.Store(id="camp-data"),
        dcc.Store(id="camp-url"),
        dcc.Store(id="camp-link"),
        html.Div(id="camp-header"),
        html.Div(id="camp-notices"),
        html.Div([
            dcc.Dropdown(id="camp-entity", clearable=False, className="board-picker camp-entity"),
            dcc.Dropdown(id="camp-period", clearable=False, className="board-picker camp-period"),
            dcc.Dropdown(id="camp-pick", clearable=False, className="board-picker camp-pick"),
        ], className="board-controls"),
        html.Div([dbc.Button(id=b, size="sm", color="secondary", outline=True) for b in EXPORTS],
                 className="camp-exports d-flex flex-wrap gap-2 my-2"),
        dcc.Download(id="camp-download"),
        dcc.Loading(html.Div(id="camp-body"), type="dot", delay_show=300),
        html.Div(id="camp-detail"),
    ], className="camp-page")  # fmt: skip


@callback(
    Output("camp-entity", "options"), Output("camp-entity", "value"),
    Output("camp-period", "options"), Output("camp-period", "value"),
    Output("camp-notices", "children"), *[Output(b, "children") for b in EXPORTS],
    Input("app-lang", "data"),
    State("camp-query", "data"), State("camp-entity", "value"),
)
def init_controls(lang: str | None, query: dict[str, Any] | None, now: str | None) -> tuple[Any, ...]:
    """Picker options in `lang`; values from the URL on the first render only."""
    lang = normalize_lang(lang)
    labels = tuple(t(f"camp.export.{b.removeprefix('camp-')}", lang) for b in EXPORTS)
    try:
        engine = _engine()
        entities = list_entities(engine, current_scope())
        latest = latest_day(engine)
    except Exception as exc:  # an unreadable store reads as a message, never a traceback
        log.exception("campaigns: store unavailable")
        return [], None, [], None, store_error(lang, "", type(exc).__name__), *labels
    entity, period, notes = pick(query or {}, entities, latest, lang, "camp", ORDER)
    first, keep = now is None, dash.no_update
    value = f"{entity.level}:{entity.id}" if entity else None
    return (entity_options(entities, lang), value if first else keep, period_options(latest, lang),
            period if first else keep, notes if first else keep, *labels)  # fmt: skip


@callback(
    Output("camp-data", "data"), Output("camp-url", "data"),
    Input("camp-entity", "value"), Input("camp-period", "value"),
)
def load(entity: str | None, period: str | None) -> tuple[Any, Any]:
    """Compute (cached) and the URL query that restores the view."""
    return load_view("campaigns", entity, period, campaign_json)


@callback(
    Output("camp-header", "children"), Output("camp-body", "children"),
    Output("camp-pick", "options"), Output("camp-pick", "value"),
    Input("camp-data", "data"), Input("app-lang", "data"),
    State("camp-pick", "value"), State("camp-query", "data"),
)
def render(data: dict[str, Any] | None, lang: str | None, picked: str | None,
           query: dict[str, Any] | None) -> tuple[Any, ...]:  # fmt: skip
    """The campaign list and the campaign picker (the link's campaign on the first render)."""
    lang = normalize_lang(lang)
    title = t("camp.title", lang)
    if not data:
        return page_header(title), None, [], None
    if data.get("error"):
        return page_header(title), dbc.Alert(t("camp.error", lang, reason=data["error"]), color="warning"), [], None
    camps = data["campaigns"]
    sub = t("camp.subtitle", lang, entity=data["entity"].partition(":")[2], window=data["label"], n=len(camps))
    if not camps:
        return page_header(title, sub), dbc.Alert(t("camp.empty", lang), color="info"), [], None
    ids = [c["campaign_id"] for c in camps]
    options = [{"label": f"{c['name']} ({c['campaign_id']})", "value": c["campaign_id"]} for c in camps]
    asked = (query or {}).get("campaign")
    notes = []
    if picked is None and asked and asked not in ids:
        notes = [param_error(lang, "campaign", asked, t("camp.campaign.expected", lang))]
    body = html.Div([*notes, campaign_list(camps, lang),
                     html.P(t("camp.method", lang), className="small text-muted")])  # fmt: skip
    chosen = picked if picked in ids else asked if picked is None and asked in ids else ids[0]
    return page_header(title, sub), body, options, chosen


@callback(
    Output("camp-link", "data"),
    Input("camp-pick", "value"), Input("camp-data", "data"),
    State("camp-entity", "value"), State("camp-period", "value"),
)
def link(picked: str | None, data: dict[str, Any] | None, entity: str | None,
         period: str | None) -> Any:  # fmt: skip
    """The URL with the picked campaign, so a link opens the same detail."""
    if not picked or not entity or not period or not data or data.get("error"):
        return dash.no_update
    level, _, ident = entity.partition(":")
    return "?" + urlencode({level: ident, "period": period, "campaign": picked})


@callback(
    Output("camp-detail", "children"),
    Input("camp-pick", "value"), Input("camp-data", "data"), Input("app-lang", "data"),
)
def detail(picked: str | None, data: dict[str, Any] | None, lang: str | None) -> Any:
    """One campaign: chart vs control, per-station table, responders."""
    if not picked or not data or data.get("error"):
        return None
    camp = next((c for c in data["campaigns"] if c["campaign_id"] == picked), None)
    if camp is None:
        return None
    people = [p for p in data["responders"] if p["campaign_id"] == picked]
    return campaign_detail(camp, people, normalize_lang(lang))


dash.clientside_callback(
    ClientsideFunction("board", "syncUrl"),
    Input("camp-url", "data"),
)


dash.clientside_callback(
    ClientsideFunction("board", "syncUrl"),
    Input("camp-link", "data"),
)
