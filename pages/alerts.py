"""预警 (/alerts?severity=red&rule=…&state=open): the alert feed inside the viewer's scope.

Alerts come from the state store (`data.state_alerts`), filtered in SQL by the scope of the
current request (`access.context.current_scope`); acknowledge / resolve write who and when, and
only succeed on an alert inside that same scope. Bad URL parameters read as a notice.
"""

from __future__ import annotations

import logging
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, callback, ctx, dcc, html

from access.context import current_scope, current_user_id
from alerts.rules import SEVERITIES, load_rules
from components.i18n import normalize_lang, t
from components.shell import page_header, param_error, store_error
from data.state_alerts import STATES, StoredAlert, list_alerts, set_state

dash.register_page(__name__, path="/alerts", nav_key="nav.alerts", order=50, title="预警",
                   description_key="alerts.description")  # fmt: skip

log = logging.getLogger(__name__)
ALL_VALUE = "all"
FILTERS = ("severity", "rule", "state")


def _state() -> Any:
    from data.state import ensure_state_schema, state_engine
    from settings import current_settings

    engine = state_engine(current_settings().state_database_url)
    ensure_state_schema(engine)  # idempotent; a fresh state store gets its tables
    return engine


def layout(severity: str | None = None, rule: str | None = None, state: str | None = None,
           **_query: str) -> html.Div:  # fmt: skip
    """Skeleton; texts and the feed are filled by callbacks."""
    return html.Div([
        dcc.Store(id="alerts-query", data={"severity": severity, "rule": rule, "state": state}),
        dcc.Store(id="alerts-changed", data=0),
        html.Div(id="alerts-header"), html.Div(id="alerts-notices"),
        html.Div([
            html.Div([html.Span(id=f"alerts-label-{n}", className="small text-muted"),
                      dcc.Dropdown(id=f"alerts-{n}", clearable=False, className="board-picker")],
                     className="alerts-filter")
            for n in FILTERS
        ], className="board-controls alerts-controls"),
        dcc.Loading(html.Div(id="alerts-feed"), type="dot", delay_show=300),
    ], className="alerts-page")  # fmt: skip


def _options(lang: str) -> dict[str, list[dict[str, str]]]:
    everything = [{"label": t("alerts.all", lang), "value": ALL_VALUE}]
    return {
        "severity": everything + [{"label": t(f"alerts.severity.{s}", lang), "value": s} for s in SEVERITIES],
        "rule": everything + [{"label": r.name(lang), "value": r.id} for r in load_rules()],
        "state": everything + [{"label": t(f"alerts.state.{s}", lang), "value": s} for s in STATES],
    }  # fmt: skip


@callback(
    Output("alerts-header", "children"), Output("alerts-notices", "children"),
    [Output(f"alerts-label-{n}", "children") for n in FILTERS],
    Output("alerts-severity", "options"), Output("alerts-severity", "value"),
    Output("alerts-rule", "options"), Output("alerts-rule", "value"),
    Output("alerts-state", "options"), Output("alerts-state", "value"),
    Input("app-lang", "data"), State("alerts-query", "data"), State("alerts-severity", "value"),
)
def init_controls(lang: str | None, query: dict | None, now: str | None) -> tuple[Any, ...]:
    """Header and filter options in `lang`; values from the URL on the first render only."""
    lang = normalize_lang(lang)
    opts, query, notes, values = _options(lang), query or {}, [], {}
    defaults = {"severity": ALL_VALUE, "rule": ALL_VALUE, "state": "open"}
    for name, default in defaults.items():
        raw, allowed = query.get(name), [o["value"] for o in opts[name]]
        if raw is not None and raw not in allowed:
            notes.append(param_error(lang, name, raw, " / ".join(allowed)))
        values[name] = raw if raw in allowed else default
    first, keep = now is None, dash.no_update
    header = page_header(t("alerts.title", lang), t("alerts.subtitle", lang))
    labels = [t(f"alerts.filter.{n}", lang) for n in FILTERS]
    return (header, notes if first else [], *labels, opts["severity"], values["severity"] if first else keep,
            opts["rule"], values["rule"] if first else keep, opts["state"],
            values["state"] if first else keep)  # fmt: skip


def _when(a: StoredAlert, lang: str) -> str:
    if a.state == "resolved":
        who, at = a.resolved_by, a.resolved_at
    elif a.state == "acknowledged":
        who, at = a.acknowledged_by, a.acknowledged_at
    else:
        return ""
    return t("alerts.by", lang, who=who or t("alerts.someone", lang), at=f"{at:%m-%d %H:%M}" if at else "")


def _item(a: StoredAlert, lang: str, rule_names: dict[str, str]) -> html.Div:
    buttons = []
    if a.state == "open":
        buttons.append(dbc.Button(t("alerts.ack", lang), id={"type": "alert-act", "id": a.alert_id,
                                  "to": "acknowledged"}, size="sm", color="secondary", outline=True))
    if a.state != "resolved":
        buttons.append(dbc.Button(t("alerts.resolve", lang), id={"type": "alert-act", "id": a.alert_id,
                                  "to": "resolved"}, size="sm", color="success", outline=True,
                                  className="ms-2"))  # fmt: skip
    badge = dbc.Badge(t(f"alerts.severity.{a.severity}", lang),
                      color="danger" if a.severity == "red" else "warning", className="me-2")
    state = html.Span([t(f"alerts.state.{a.state}", lang), " ", _when(a, lang)], className="alert-state")
    return html.Div([
        html.Div([badge, html.Strong(rule_names.get(a.rule_id, a.rule_id)),
                  html.Span(f" · {a.period}", className="text-muted")]),
        html.Div(a.message_en if lang == "en" else a.message_zh, className="alert-message"),
        html.Div([state, html.Span(buttons, className="alert-actions ms-3")]),
    ], className=f"alert-item alert-{a.severity} border-start border-4 ps-2 mb-3",
        **{"data-alert": str(a.alert_id), "data-state": a.state})  # fmt: skip


def _value(v: str | None) -> str | None:
    return None if v in (None, ALL_VALUE) else v


@callback(
    Output("alerts-feed", "children"),
    Input("app-lang", "data"), Input("alerts-severity", "value"), Input("alerts-rule", "value"),
    Input("alerts-state", "value"), Input("alerts-changed", "data"),
)
def feed(lang: str | None, severity: str | None, rule: str | None, state: str | None,
         _changed: int) -> Any:  # fmt: skip
    """The alerts inside the viewer's scope that match the filters, newest first."""
    lang = normalize_lang(lang)
    try:
        rows = list_alerts(_state(), current_scope(), severity=_value(severity), rule_id=_value(rule),
                           state=_value(state))  # fmt: skip
    except Exception as exc:  # an unreadable state store reads as a message
        log.exception("alerts: state store unavailable")
        return store_error(lang, "", type(exc).__name__)
    if not rows:
        return html.P(t("alerts.empty", lang), className="alerts-empty text-muted")
    names = {r.id: r.name(lang) for r in load_rules()}
    return [html.P(t("alerts.count", lang, n=len(rows)), className="alerts-count")] + [
        _item(a, lang, names) for a in rows]


@callback(
    Output("alerts-changed", "data"),
    Input({"type": "alert-act", "id": ALL, "to": ALL}, "n_clicks"), State("alerts-changed", "data"),
    prevent_initial_call=True,
)
def act(_clicks: list[int | None], changed: int | None) -> Any:
    """Acknowledge or resolve the clicked alert (inside the viewer's scope only)."""
    trigger = ctx.triggered_id
    if not trigger or not any(c.get("value") for c in ctx.triggered):
        return dash.no_update  # a re-render recreates buttons with n_clicks None: not a click
    set_state(_state(), int(trigger["id"]), trigger["to"], current_user_id(), current_scope())
    return (changed or 0) + 1
