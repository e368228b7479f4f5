"""Plotly figure builders for the board, the drawer and the wall. Values in, figures out.

No data access here. Fonts name the CJK family first so Chinese renders in screenshots and on
wall displays without a web font; every figure is offline (no Plotly CDN, no MathJax).
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

FONT = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
RAG_COLOURS: dict[str, str] = {
    "green": "#1e9e5a",
    "yellow": "#d99a00",
    "red": "#d6382f",
    "grey": "#8a94a6",
}
INK, MUTED, ACCENT = "#1f2937", "#6b7280", "#2563eb"
WALL_INK, WALL_MUTED, WALL_ACCENT = "#f3f4f6", "#9ca3af", "#60a5fa"


def _base_layout(dark: bool, height: int, margin: dict[str, int] | None = None) -> dict[str, object]:
    return {
        "height": height,
        "margin": margin or {"l": 8, "r": 8, "t": 8, "b": 8},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "font": {"family": FONT, "color": WALL_INK if dark else INK},
        "showlegend": False,
    }


def trend_figure(
    labels: Sequence[str],
    values: Sequence[float | None],
    *,
    name: str,
    plan: Sequence[float | None] | None = None,
    plan_name: str = "",
    percent: bool = False,
    dark: bool = False,
    height: int = 220,
) -> go.Figure:
    """A monthly trend: bars of the value, the plan as a dashed line when there is one."""
    fig = go.Figure(
        go.Bar(
            x=list(labels), y=list(values), name=name,
            marker={"color": WALL_ACCENT if dark else ACCENT},
            hovertemplate="%{x}: %{y:,.3~r}<extra></extra>" if not percent
            else "%{x}: %{y:.1%}<extra></extra>",
        )
    )
    if plan and any(p is not None for p in plan):
        fig.add_trace(
            go.Scatter(
                x=list(labels), y=list(plan), name=plan_name, mode="lines+markers",
                line={"color": RAG_COLOURS["yellow"], "dash": "dash", "width": 2},
            )
        )
    fig.update_layout(**_base_layout(dark, height, {"l": 8, "r": 8, "t": 8, "b": 28}))
    fig.update_xaxes(showgrid=False, tickfont={"size": 14 if dark else 11})
    fig.update_yaxes(
        gridcolor="#374151" if dark else "#e5e7eb", zeroline=False,
        tickformat=".0%" if percent else "~s", tickfont={"size": 14 if dark else 11},
    )
    return fig


def league_figure(
    names: Sequence[str],
    values: Sequence[float | None],
    rags: Sequence[str],
    *,
    percent: bool = False,
    dark: bool = True,
    height: int = 420,
) -> go.Figure:
    """Horizontal bars, best at the top, each bar in its light's colour, value printed on it."""
    texts = [
        "—" if v is None else (f"{v:.1%}" if percent else f"{v:,.1f}") for v in values
    ]
    fig = go.Figure(
        go.Bar(
            y=list(names), x=[v if v is not None else 0 for v in values], orientation="h",
            marker={"color": [RAG_COLOURS.get(r, RAG_COLOURS["grey"]) for r in rags]},
            text=texts, textposition="auto", hoverinfo="skip",
            textfont={"size": 20 if dark else 12},
        )
    )
    fig.update_layout(**_base_layout(dark, height, {"l": 8, "r": 16, "t": 8, "b": 8}))
    fig.update_yaxes(autorange="reversed", tickfont={"size": 20 if dark else 12})
    fig.update_xaxes(visible=False)
    return fig


CHART_CONFIG: dict[str, object] = {"displayModeBar": False, "responsive": True}
