"""Compact indicator rows, grouped by theme with their light counts (the board's 134 list).

A row is one `<button>`: focusable by Tab, opened by Enter or Space or a click, with only
phrasing content inside so the HTML stays valid.
"""

from __future__ import annotations

from collections.abc import Sequence

from dash import html

from components import format as fmt
from components.i18n import t
from components.indicator_view import IndicatorView, change, format_value
from components.kpi_card import open_id
from components.rag import count_rags, rag_counts, rag_light


def _plan_text(view: IndicatorView, lang: str) -> str:
    done = view.completion
    return "" if done is None else f"{t('card.plan', lang)} {fmt.percent(done)}"


def _cmps_text(view: IndicatorView, lang: str) -> str:
    """"环比 ↑ +3.2% · 同比 ↓ −1.0% · 计划完成 98.0%" in one string (one element per row)."""
    parts = [f"{t('card.mom', lang)} {change(view.value, view.mom, view.unit, lang)}",
             f"{t('card.yoy', lang)} {change(view.value, view.yoy, view.unit, lang)}"]
    plan = _plan_text(view, lang)
    return " · ".join(parts + ([plan] if plan else []))


def indicator_row(view: IndicatorView, lang: str = "zh") -> html.Button:
    """One indicator: light, name, value, then MoM, YoY and plan completion as one line.

    Five elements per row on purpose: a board renders 134 rows, and Dash's cost grows with the
    number of components, so the comparisons share one span.
    """
    return html.Button(
        [
            rag_light(view.light, lang, view.rag_reason, compact=True),
            html.Span(view.name, className="row-name"),
            html.Span(format_value(view.value, view.unit, lang, view.decimals),
                      className="row-value"),
            html.Span(_cmps_text(view, lang), className="row-cmps"),
        ],
        id=open_id(view.id, "row"),
        n_clicks=0,
        className=f"ind-row rag-edge-{view.light}",
        title=view.rag_reason or t("card.open", lang, name=view.name),
        **{"data-indicator": view.id, "data-rag": view.light},
    )


def theme_group(
    theme_id: str, title: str, views: Sequence[IndicatorView], lang: str = "zh",
    counts_of: Sequence[IndicatorView] | None = None,
) -> html.Section:
    """A theme's heading with its red/yellow/green/grey tally, and its rows.

    `counts_of` is the whole theme when `views` is filtered, so the tally stays the truth.
    """
    counts = count_rags(v.light for v in (counts_of if counts_of is not None else views))
    return html.Section(
        [
            html.Div(
                [html.H3(title, className="theme-title"),
                 html.Span(str(len(counts_of if counts_of is not None else views)),
                           className="theme-n"),
                 rag_counts(counts, lang)],
                className="theme-head",
            ),
            html.Div([indicator_row(v, lang) for v in views], className="theme-rows"),
        ],
        className="theme-group",
        **{"data-theme": theme_id},
    )
