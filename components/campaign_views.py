"""Views of the campaign page: the campaign list with results, one campaign's per-station table,
its before/during chart against the control stations, and the responding customers.

Everything takes the JSON the page stores (`pages.campaigns.campaign_json`): no queries here.
"""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import dcc, html

from components.charts import ACCENT, FONT, INK, RAG_COLOURS
from components.format import number, yuan
from components.i18n import t


def _table(head: list[str], rows: list[list[Any]], cls: str) -> html.Div:
    """A small striped table that scrolls inside its own box on a narrow screen (never the page)."""
    table = dbc.Table(
        [html.Thead(html.Tr([html.Th(h, className="text-end" if i else "") for i, h in enumerate(head)])),
         html.Tbody([html.Tr([html.Td(c, className="text-end text-nowrap" if i else "") for i, c in enumerate(r)])
                     for r in rows])],
        size="sm", striped=True, className=f"{cls} small mb-2",
    )  # fmt: skip
    return html.Div(table, className="table-responsive")


def campaign_list(camps: list[dict[str, Any]], lang: str) -> html.Div:
    """One row per campaign: dates, stations, incremental volume and margin, cost, net."""
    keys = ("campaign", "dates", "stations", "inc_t", "base_t", "inc_gp", "cost", "net", "tickets")
    rows = [[f"{c['name']} ({c['campaign_id']})", f"{c['start']} – {c['end']}", len(c["stations"]),
             number(c["inc_t"], 2), number(c["base_t"], 2), yuan(c["inc_gp"], lang, 0),
             yuan(c["cost_share"], lang, 0), yuan(c["net"], lang, 0), number(c["tickets_change"], 1)]
            for c in camps]  # fmt: skip
    return _table([t(f"camp.col.{k}", lang) for k in keys], rows, "camp-list")


def station_table(camp: dict[str, Any], lang: str) -> html.Div:
    """Per member station of one campaign."""
    keys = ("station", "inc_t", "base_t", "inc_gp", "cost", "net", "tickets", "control")
    rows = [[s["station_id"], number(s["inc_t"], 2), number(s["base_t"], 2), yuan(s["inc_gp"], lang, 0),
             yuan(s["cost_share"], lang, 0), yuan(s["net"], lang, 0), number(s["tickets_change"], 1),
             t("camp.yes" if s["has_control"] else "camp.no", lang)] for s in camp["stations"]]  # fmt: skip
    return _table([t(f"camp.col.{k}", lang) for k in keys], rows, "camp-stations")


def before_during_figure(camp: dict[str, Any], lang: str) -> go.Figure:
    """Tonnes per day before and during, campaign stations next to the control stations."""
    pre, during = t("camp.chart.pre", lang), t("camp.chart.during", lang)
    n, d = camp["n_days"] or 1, camp["total_days"] or 1
    fig = go.Figure([
        go.Bar(name=t("camp.chart.members", lang), x=[pre, during], marker_color=ACCENT,
               y=[camp["t_pre"] / d, camp["t_during"] / n]),
        go.Bar(name=t("camp.chart.control", lang), x=[pre, during], marker_color=RAG_COLOURS["grey"],
               y=[camp["control_pre"] / d, camp["control_during"] / n]),
    ])  # fmt: skip
    fig.update_layout(barmode="group", height=260, margin={"l": 40, "r": 8, "t": 8, "b": 30},
                      paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)",
                      font={"family": FONT, "color": INK}, legend={"orientation": "h", "y": -0.2})  # fmt: skip
    return fig


def who(person: dict[str, Any]) -> Any:
    """The name as the scope allows it, then the customer id: two masked 张** stay apart."""
    cid = person["customer_id"]
    if not person.get("name"):
        return html.Span(cid, className="camp-cid")
    return html.Span([person["name"], " ", html.Small(cid, className="text-muted camp-cid")])


def responder_table(people: list[dict[str, Any]], lang: str, total: int | None = None) -> Any:
    """Customers whose liters per day rose (names as the scope allows), with a count line when
    only the first of them are shown (the download has them all)."""
    if not people:
        return html.P(t("camp.no_responders", lang), className="small text-muted")
    rows = [[who(p), number(p["liters_pre"], 0), number(p["liters_during"], 0)] for p in people]
    table = _table([t(f"camp.col.{k}", lang) for k in ("customer", "l_pre", "l_d")], rows, "camp-responders")
    if total is None or total <= len(people):
        return table
    note = t("camp.responders.shown", lang, shown=len(people), n=f"{total:,}")
    return html.Div([html.Div(note, className="small text-muted camp-responders-count"), table])


def campaign_detail(camp: dict[str, Any], people: list[dict[str, Any]], lang: str) -> html.Div:
    """A campaign's chart, per-station table and responders."""
    return html.Div([
        html.H2(f"{t('camp.detail', lang)} · {camp['name']} ({camp['campaign_id']})", className="h6"),
        dbc.Row([
            dbc.Col([html.Div(t("camp.chart.title", lang), className="small text-muted"),
                     dcc.Graph(id="camp-chart", figure=before_during_figure(camp, lang),
                               config={"displayModeBar": False}, responsive=True,
                               style={"height": "260px"})], lg=4),
            dbc.Col([html.H3(t("camp.stations", lang), className="h6"), station_table(camp, lang),
                     html.H3(t("camp.responders", lang), className="h6"), responder_table(people, lang, camp.get("responders"))], lg=8),
        ]),
    ], className="camp-detail mt-3")  # fmt: skip
