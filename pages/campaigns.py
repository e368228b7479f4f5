"""营销活动分析 (/campaigns?city=C01&period=2026-Q3): campaign effect against control stations.

Pickers (entity, period) drive one cached computation (`metrics.campaigns`,
`metrics.campaign_customers`): the campaign list with incremental volume, margin, cost and net
profit, then one campaign's before/during chart vs the control stations, its per-station table
and the customers who responded (names as the caller's scope allows). Scope comes from
`access.context.current_scope()` in every callback.
"""

from __future__ import annotations

import logging
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, State, callback, dcc, html

from access.context import current_scope
from components.campaign_views import campaign_detail, campaign_list
from components.i18n import normalize_lang, t
from components.shell import page_header, store_error
from data.org import LEVELS, latest_day, list_entities
from metrics.campaign_customers import responders, station_tickets
from metrics.campaigns import CampaignEffect, campaign_effects
from metrics.periods import Level, Period, window
from pages.bands import pick
from pages.board_data import cached
from pages.board_params import effective_as_of, entity_options, parse_entity_value, period_options

dash.register_page(__name__, path="/campaigns", nav_key="nav.campaigns", order=46,
                   title="营销活动", description_key="camp.description")  # fmt: skip

log = logging.getLogger(__name__)
ORDER = ("city", "team", "province", "station")


def _engine() -> Any:
    from settings import facts_engine

    return facts_engine()


def layout(period: str | None = None, **query: str) -> html.Div:
    """Skeleton; pickers, list and detail are filled by callbacks."""
    asked = {k: query.get(k) for k in LEVELS if query.get(k)}
    return html.Div([
        dcc.Store(id="camp-query", data={**asked, "period": period}),
        dcc.Store(id="camp-data"),
        dcc.Store(id="camp-url"),
        html.Div(id="camp-header"),
        html.Div(id="camp-notices"),
        html.Div([
            dcc.Dropdown(id="camp-entity", clearable=False, className="board-picker camp-entity"),
            dcc.Dropdown(id="camp-period", clearable=False, className="board-picker camp-period"),
            dcc.Dropdown(id="camp-pick", clearable=False, className="board-picker camp-pick"),
        ], className="board-controls"),
        dcc.Loading(html.Div(id="camp-body"), type="dot", delay_show=300),
        html.Div(id="camp-detail"),
    ], className="camp-page")  # fmt: skip


@callback(
    Output("camp-entity", "options"), Output("camp-entity", "value"),
    Output("camp-period", "options"), Output("camp-period", "value"),
    Output("camp-notices", "children"),
    Input("app-lang", "data"),
    State("camp-query", "data"), State("camp-entity", "value"),
)
def init_controls(lang: str | None, query: dict[str, Any] | None, now: str | None) -> tuple[Any, ...]:
    """Picker options in `lang`; values from the URL on the first render only."""
    lang = normalize_lang(lang)
    try:
        engine = _engine()
        entities = list_entities(engine, current_scope())
        latest = latest_day(engine)
    except Exception as exc:  # an unreadable store reads as a message, never a traceback
        log.exception("campaigns: store unavailable")
        return [], None, [], None, store_error(lang, "", type(exc).__name__)
    entity, period, notes = pick(query or {}, entities, latest, lang, "camp", ORDER)
    first, keep = now is None, dash.no_update
    value = f"{entity.level}:{entity.id}" if entity else None
    return (entity_options(entities, lang), value if first else keep, period_options(latest, lang),
            period if first else keep, notes if first else keep)  # fmt: skip


def _camp_json(c: CampaignEffect, tickets: dict[tuple[str, str], tuple[int, int, float]]) -> dict[str, Any]:
    stations = [{"station_id": s.station_id, "inc_t": s.incremental_tonnes, "base_t": s.baseline_tonnes,
                 "inc_gp": s.incremental_gross_profit, "cost_share": s.cost_share, "net": s.net_profit,
                 "has_control": s.has_control,
                 "tickets_change": tickets.get((c.campaign_id, s.station_id), (0, 0, 0.0))[2]}
                for s in c.stations]  # fmt: skip
    return {"campaign_id": c.campaign_id, "name": c.name, "kind": c.kind, "start": c.start.isoformat(),
            "end": c.end.isoformat(), "stations": stations, "inc_t": c.total("incremental_tonnes"),
            "base_t": c.total("baseline_tonnes"), "inc_gp": c.total("incremental_gross_profit"),
            "cost_share": c.total("cost_share"), "net": c.total("net_profit"),
            "tickets_change": sum(s["tickets_change"] for s in stations),
            "t_pre": c.total("tonnes_pre"), "t_during": c.total("tonnes_during"),
            "control_pre": c.control_tonnes_pre, "control_during": c.control_tonnes_during,
            "n_days": c.n_days, "total_days": c.total_days}  # fmt: skip


def campaign_json(engine: Any, entity: str, period: str) -> dict[str, Any]:
    """Campaigns, per-station results and responders for a picker value, under the caller's scope."""
    scope = current_scope()
    level, _, ident = entity.partition(":")
    if parse_entity_value(entity, list_entities(engine, scope, level)) is None:
        raise PermissionError(entity)
    per = Period.parse(period)
    w = window(per, effective_as_of(per, latest_day(engine), None))

    def compute() -> dict[str, Any]:
        lv = Level(level)
        tickets = station_tickets(engine, scope, lv, ident, w)
        camps = [_camp_json(c, tickets) for c in campaign_effects(engine, scope, lv, ident, w)]
        people = [{"campaign_id": r.campaign_id, "customer_id": r.customer_id, "name": r.name,
                   "liters_pre": r.liters_pre, "liters_during": r.liters_during}
                  for r in responders(engine, scope, lv, ident, w, limit=10)]  # fmt: skip
        return {"entity": entity, "label": w.label(), "campaigns": camps, "responders": people}

    return cached(f"camp:{scope.key()}:{entity}:{w.start}:{w.end}", engine, compute)


@callback(
    Output("camp-data", "data"), Output("camp-url", "data"),
    Input("camp-entity", "value"), Input("camp-period", "value"),
)
def load(entity: str | None, period: str | None) -> tuple[Any, Any]:
    """Compute (cached) and the URL query that restores the view."""
    if not entity or not period:
        return None, dash.no_update
    level, _, ident = entity.partition(":")
    try:
        data = campaign_json(_engine(), entity, period)
    except Exception as exc:  # the metrics layer failing must read as a message
        log.exception("campaigns: evaluation failed")
        return {"error": type(exc).__name__}, dash.no_update
    return data, f"?{level}={ident}&period={period}"


@callback(
    Output("camp-header", "children"), Output("camp-body", "children"),
    Output("camp-pick", "options"), Output("camp-pick", "value"),
    Input("camp-data", "data"), Input("app-lang", "data"),
    State("camp-pick", "value"),
)
def render(data: dict[str, Any] | None, lang: str | None, picked: str | None) -> tuple[Any, ...]:
    """The campaign list and the campaign picker."""
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
    body = html.Div([campaign_list(camps, lang), html.P(t("camp.method", lang), className="small text-muted")],
                    className="table-responsive")  # fmt: skip
    return page_header(title, sub), body, options, picked if picked in ids else ids[0]


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
