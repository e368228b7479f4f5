"""A 13-month sparkline as a Dash component (a static, non-interactive Plotly graph)."""

from __future__ import annotations

from collections.abc import Sequence

from dash import dcc, html

from components.charts import STATIC_CONFIG, sparkline_figure


def sparkline(
    points: Sequence[tuple[str, float | None]], rag: str = "grey", label: str = ""
) -> html.Div:
    """The trend of `points` ((month label, value), oldest first); an empty box when none."""
    if not points or all(v is None for _, v in points):
        return html.Div(className="sparkline sparkline-empty", title=label)
    labels = [p[0] for p in points]
    values = [p[1] for p in points]
    return html.Div(
        dcc.Graph(
            figure=sparkline_figure(values, labels, rag),
            config=STATIC_CONFIG,
            className="sparkline-graph",
            style={"height": "44px"},
        ),
        className="sparkline",
        title=label,
        role="img",
        **{"aria-label": label},
    )
