"""智能报告 (/report?team=T01&period=2026-10): a month's operating report in one click.

Pickers (entity, month) drive one cached composition (`pages.report_data`) under the caller's
scope; the document is shown in the page (a sandboxed frame holding the same standalone HTML
that the download and `python -m reports` produce). Bad URL parameters read as notices and their
defaults take their place (the statement page's rules).
"""

from __future__ import annotations

import logging
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, ctx, dcc, html

from access.context import current_scope
from components.i18n import normalize_lang, t
from components.shell import page_header, store_error
from data.org import latest_day, list_entities
from exports.sheet import safe_filename
from metrics.periods import Period
from pages.board_params import effective_as_of, entity_options, parse_entity_value, period_options
from pages.report_data import report_file, report_html
from pages.statement_params import pick

dash.register_page(__name__, path="/report", nav_key="nav.report", order=35,
                   title="智能报告", description_key="report.description")  # fmt: skip

log = logging.getLogger(__name__)
LEVELS = ("team", "station", "city", "province")


def _engine() -> Any:
    from settings import facts_engine

    return facts_engine()


def layout(team: str | None = None, city: str | None = None, station: str | None = None,
           province: str | None = None, period: str | None = None, **_query: str) -> html.Div:
    """Skeleton; texts and the document are filled by callbacks."""
    query = {"team": team, "city": city, "station": station, "province": province,
             "period": period}  # fmt: skip
    return html.Div([
        dcc.Store(id="rep-query", data=query), dcc.Store(id="rep-url"),
        html.Div(id="rep-header"), html.Div(id="rep-notices"),
        html.Div([
            dcc.Dropdown(id="rep-entity", clearable=False, className="board-picker rep-entity"),
            dcc.Dropdown(id="rep-period", clearable=False, className="board-picker rep-period"),
            dbc.Button(id="rep-pdf", color="primary", outline=True, size="sm"),
            dbc.Button(id="rep-xlsx", color="secondary", outline=True, size="sm"),
            dbc.Button(id="rep-html", color="secondary", outline=True, size="sm"),
        ], className="board-controls rep-controls"),
        dcc.Download(id="rep-download"),
        html.P(id="rep-meta", className="small text-muted"),
        dcc.Loading(html.Iframe(id="rep-frame", className="rep-frame",
                                sandbox="allow-top-navigation-by-user-activation",
                                style={"width": "100%", "height": "80vh", "border": "1px solid #ddd"}),
                    type="dot", delay_show=300),
    ], className="rep-page")  # fmt: skip


@callback(
    Output("rep-entity", "options"), Output("rep-entity", "value"),
    Output("rep-period", "options"), Output("rep-period", "value"),
    Output("rep-notices", "children"), Output("rep-html", "children"),
    Output("rep-pdf", "children"), Output("rep-xlsx", "children"), Output("rep-header", "children"),
    Input("app-lang", "data"), State("rep-query", "data"), State("rep-entity", "value"),
)
def init_controls(lang: str | None, query: dict[str, Any] | None, now: str | None) -> tuple[Any, ...]:
    """Picker options in `lang`; values from the URL on the first render only."""
    lang = normalize_lang(lang)
    button, header = t("report.download_html", lang), page_header(t("report.title", lang))
    pdf, xlsx = t("report.download_pdf", lang), t("report.download_xlsx", lang)
    try:
        engine = _engine()
        entities = [e for e in list_entities(engine, current_scope()) if e.level in LEVELS]
        latest = latest_day(engine)
    except Exception as exc:  # an unreadable store reads as a message, never a traceback
        log.exception("report: store unavailable")
        return [], None, [], None, store_error(lang, "", type(exc).__name__), button, pdf, xlsx, header
    months = [o for o in period_options(latest, lang) if len(o["value"]) == 7]
    entity, month, _view, notes = pick(query or {}, entities, latest, lang)
    first, keep = now is None, dash.no_update
    value = f"{entity.level}:{entity.id}" if entity else None
    return (entity_options(entities, lang), value if first else keep, months,
            month if first else keep, notes if first else [], button, pdf, xlsx, header)  # fmt: skip


def compute(entity_value: str, month: str, lang: str) -> dict[str, Any]:
    """The report document under the caller's scope (cached); {"error": …} for a bad entity."""
    engine, scope = _engine(), current_scope()
    entity = parse_entity_value(entity_value, list_entities(engine, scope))
    if entity is None:
        return {"error": "entity"}
    per = Period.parse(month)
    return report_html(engine, scope, entity, per, effective_as_of(per, latest_day(engine), None),
                       lang)  # fmt: skip


@callback(
    Output("rep-frame", "srcDoc"), Output("rep-meta", "children"), Output("rep-url", "data"),
    Input("rep-entity", "value"), Input("rep-period", "value"), Input("app-lang", "data"),
)
def show(entity_value: str | None, month: str | None, lang: str | None) -> tuple[Any, Any, Any]:
    """Compose (cached) and show the report of the picked entity and month."""
    lang = normalize_lang(lang)
    if not entity_value or not month:
        return "", "", dash.no_update
    try:
        data = compute(entity_value, month, lang)
    except Exception as exc:  # the metrics layer failing must read as a message
        log.exception("report: composition failed")
        data = {"error": type(exc).__name__}
    if data.get("error"):
        return "", dbc.Alert(t("report.error", lang, reason=data["error"]), color="warning"), \
            dash.no_update
    level, _, ident = entity_value.partition(":")
    return data["html"], "", f"?{level}={ident}&period={month}"


@callback(
    Output("rep-download", "data"),
    Input("rep-html", "n_clicks"), Input("rep-pdf", "n_clicks"), Input("rep-xlsx", "n_clicks"),
    State("rep-entity", "value"), State("rep-period", "value"), State("app-lang", "data"),
    prevent_initial_call=True,
)
def download(html_clicks: int | None, pdf_clicks: int | None, xlsx_clicks: int | None,
             entity_value: str | None, month: str | None, lang: str | None) -> Any:  # fmt: skip
    """The report as a standalone HTML file, an A4 PDF or its tables in Excel, recomputed (from
    the cache) under the caller's scope."""
    kind = {"rep-pdf": "pdf", "rep-xlsx": "xlsx"}.get(str(ctx.triggered_id), "html")
    clicks = {"pdf": pdf_clicks, "xlsx": xlsx_clicks, "html": html_clicks}[kind]
    if not clicks or not entity_value or not month:
        return dash.no_update
    try:
        engine, scope = _engine(), current_scope()
        entity = parse_entity_value(entity_value, list_entities(engine, scope))
        if entity is None:
            return dash.no_update
        per = Period.parse(month)
        data = report_file(engine, scope, entity, per,
                           effective_as_of(per, latest_day(engine), None), normalize_lang(lang),
                           kind)  # fmt: skip
    except Exception:
        log.exception("report: download failed")
        return dash.no_update
    return dcc.send_bytes(data, safe_filename(f"report_{entity.id}_{month}", kind))


dash.clientside_callback(
    dash.ClientsideFunction("board", "syncUrl"),
    Input("rep-url", "data"),
)
