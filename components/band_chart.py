"""Views of the amount-band page: histogram with threshold marks, band and threshold tables,
and the what-if panel with its formula and assumption in words.

Everything takes the JSON the page stores (`pages.bands.band_json`): plain dicts, no queries.
"""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import dcc, html

from components.charts import ACCENT, FONT, INK, RAG_COLOURS
from components.format import count, number, percent, yuan
from components.i18n import t

BAND = 20


def band_label(lo: float, last: bool = False) -> str:
    """`200–220` for the band [200, 220); `≥ 400` for the folded tail."""
    return f"≥ {lo:.0f}" if last else f"{lo:.0f}–{lo + BAND:.0f}"


def tail_cap(thresholds: list[float]) -> float:
    """Where the bands are folded into one `≥ cap` row: 100 yuan above the highest threshold
    (at least 400), so fleet tickets of thousands of yuan do not stretch chart and table."""
    top = max([300.0, *thresholds]) + 100
    return float(-(-top // BAND) * BAND)


def fold_tail(bands: list[dict[str, Any]], cap: float) -> list[dict[str, Any]]:
    """Bands below `cap` as they are, the rest summed into one row marked `tail`."""
    head = [b for b in bands if b["lo"] < cap]
    rest = [b for b in bands if b["lo"] >= cap]
    if not rest:
        return head
    tail = {"lo": cap, "tail": True, "count": sum(b["count"] for b in rest),
            "share": sum(b["share"] for b in rest), "cum_share": rest[-1]["cum_share"],
            "liters": sum(b["liters"] for b in rest)}  # fmt: skip
    return [*head, tail]


def band_figure(bands: list[dict[str, Any]], thresholds: list[float], lang: str) -> go.Figure:
    """Share of tickets per band; a dashed line at each threshold (on the band edge)."""
    fig = go.Figure(go.Bar(
        x=[b["lo"] + BAND / 2 for b in bands], y=[b["share"] * 100 for b in bands], width=BAND * 0.9,
        marker_color=ACCENT, customdata=[[band_label(b["lo"], b.get("tail", False)), b["count"]] for b in bands],
        hovertemplate="%{customdata[0]} 元: %{y:.1f}% (%{customdata[1]})<extra></extra>",
    ))  # fmt: skip
    for th in thresholds:
        fig.add_vline(x=th, line_dash="dash", line_color=RAG_COLOURS["red"], line_width=1.5,
                      annotation_text=f"{th:.0f}", annotation_position="top")  # fmt: skip
    fig.update_layout(height=320, margin={"l": 48, "r": 12, "t": 28, "b": 40},
                      paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)",
                      font={"family": FONT, "color": INK}, showlegend=False, bargap=0.05)  # fmt: skip
    fig.update_xaxes(title_text=t("bands.col.band", lang), dtick=BAND * 5 if len(bands) > 12 else BAND)
    if bands and bands[-1].get("tail"):  # the folded bar reads as "≥ cap"
        fig.update_xaxes(tickvals=[*range(0, int(bands[-1]["lo"]), BAND * 5), bands[-1]["lo"] + BAND / 2],
                         ticktext=[*map(str, range(0, int(bands[-1]["lo"]), BAND * 5)), band_label(bands[-1]["lo"], True)])  # fmt: skip
    fig.update_yaxes(title_text=t("bands.col.share", lang) + " (%)", gridcolor="#e5e7eb")
    return fig


def band_chart(bands: list[dict[str, Any]], thresholds: list[float], lang: str) -> html.Div:
    """The histogram under its title."""
    return html.Div([
        html.H2(t("bands.chart.title", lang), className="h6"),
        dcc.Graph(id="bands-chart", figure=band_figure(bands, thresholds, lang),
                  config={"displayModeBar": False}),
    ], className="bands-chart mb-3")  # fmt: skip


def _table(head: list[str], rows: list[list[Any]], cls: str) -> html.Div:
    """A small striped table that scrolls inside its own box on a phone (it was cut off)."""
    table = dbc.Table(
        [html.Thead(html.Tr([html.Th(h, className="text-end" if i else "") for i, h in enumerate(head)])),
         html.Tbody([html.Tr([html.Td(c, className="text-end text-nowrap" if 0 < i < 4 else
                                      ("text-end" if i else "")) for i, c in enumerate(r)])
                     for r in rows])],
        size="sm", striped=True, className=f"{cls} small",
    )  # fmt: skip
    return html.Div(table, className="table-responsive")


def band_table(bands: list[dict[str, Any]], lang: str) -> html.Div:
    """One row per band with tickets: count, share, cumulative share, liters."""
    head = [t(f"bands.col.{k}", lang) for k in ("band", "count", "share", "cum", "liters")]
    rows = [[band_label(b["lo"], b.get("tail", False)), count(b["count"]), percent(b["share"]), percent(b["cum_share"]),
             number(b["liters"], 0)] for b in bands]  # fmt: skip
    return _table(head, rows, "bands-table")


def below_table(below: list[dict[str, Any]], lang: str) -> html.Div:
    """Tickets in [t − 20, t) for each threshold, with where the threshold comes from."""
    head = [t(f"bands.col.{k}", lang) for k in ("threshold", "range", "count", "share", "source")]
    rows: list[list[Any]] = []
    for r in below:
        src = (t("bands.source.common", lang) if r["source"] == "common"
               else t("bands.source.campaign", lang, id=r["source"]))  # fmt: skip
        if rows and rows[-1][0] == f"{r['threshold']:.0f}":  # two campaigns, one threshold: one row
            rows[-1][-1] += f", {r['source']}"
            continue
        rows.append([f"{r['threshold']:.0f}", f"[{r['threshold'] - BAND:.0f}, {r['threshold']:.0f})",
                     count(r["count"]), percent(r["share"]), src])  # fmt: skip
    return html.Div([html.H2(t("bands.below.title", lang), className="h6"),
                     _table(head, rows, "bands-below")])  # fmt: skip


def what_if_result(res: dict[str, Any] | None, lang: str) -> html.Div:
    """The what-if outcome, its formula and the assumption it rests on, in words."""
    if res is None:
        return html.Div(dbc.Alert(t("bands.whatif.invalid", lang), color="warning", className="py-2 small"),
                        id="bands-whatif-result")  # fmt: skip
    q = percent(res["q"], 0)
    args = {"lo": f"{res['new'] - BAND:.0f}", "new": f"{res['new']:.0f}", "n": res["within_reach"]}
    facts = [
        ("reach", count(res["within_reach"])),
        ("liters", number(res["extra_liters"], 1)),
        ("paid", yuan(res["extra_paid"], lang)),
        ("qual", f"{count(res['qualifying_before'])} → {number(res['qualifying_after'], 1)}"),
        ("promo", f"{yuan(res['cost_before'], lang)} → {yuan(res['cost_after'], lang)}"),
    ]
    return html.Div([
        html.Div([html.Div([html.Div(t(f"bands.whatif.{k}", lang), className="small text-muted"),
                            html.Div(v, className=f"fw-semibold whatif-{k}")]) for k, v in facts],
                 className="bands-whatif-facts d-flex flex-wrap gap-4 mb-2"),
        html.P(t("bands.whatif.formula", lang, **args), className="small mb-1 whatif-formula"),
        html.P(t("bands.whatif.assumption", lang, q=q, cost=number(res["cost_per_ticket"], 2), **args),
               className="small text-muted whatif-assumption"),
    ], id="bands-whatif-result")  # fmt: skip
