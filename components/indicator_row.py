"""Compact indicator rows, grouped by theme with their light counts (the board's 134 list).

A row is one `<button>`: focusable by Tab, opened by Enter or Space or a click, with only
phrasing content inside so the HTML stays valid.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from dash import html

from components import format as fmt
from components.coverage_flag import MARK, Flag, first_flag, flagged_keys, marker, numbers_shown
from components.i18n import t
from components.indicator_view import IndicatorView, change, format_value
from components.kpi_card import open_id
from components.rag import count_rags, rag_counts, rag_light


def _plan_text(view: IndicatorView, lang: str, flagged: bool = False) -> str:
    done = view.completion
    mark = f" {MARK}" if flagged else ""
    return "" if done is None else f"{t('card.plan', lang)} {fmt.percent(done)}{mark}"


def _cmps_text(view: IndicatorView, lang: str, flags: Mapping[str, Flag] | None = None) -> str:
    """"环比 ↑ +3.2% · 同比 ↓ −1.0% · 计划完成 98.0%" in one string (one element per row); a
    comparison the data cannot support keeps its number and gets a ⚠."""
    flags = flags or {}
    parts = [f"{t(f'card.{b}', lang)} {change(view.value, basis, view.unit, lang)}"
             + (f" {MARK}" if b in flags else "")
             for b, basis in (("mom", view.mom), ("yoy", view.yoy))]
    plan = _plan_text(view, lang, "plan" in flags)
    return " · ".join(parts + ([plan] if plan else []))


def indicator_row(view: IndicatorView, lang: str = "zh",
                  flags: Mapping[str, Flag] | None = None) -> html.Button:
    """One indicator: light, name, value, then MoM, YoY and plan completion as one line.

    Five elements per row on purpose: a board renders 134 rows, and Dash's cost grows with the
    number of components, so the comparisons share one span. A row whose comparison the data
    cannot support (`flags`, see components/coverage_flag.py) gets a sixth: the marker.
    """
    light_word = t("coverage.rag_word", lang) if flags and "rag" in flags else None
    shown = first_flag(flags, numbers_shown(view, lang))
    extra = {"data-coverage": flagged_keys(flags)} if flags else {}
    return html.Button(
        [
            rag_light(view.light, lang, view.rag_reason, compact=True, word=light_word),
            html.Span(view.name, className="row-name"),
            html.Span(format_value(view.value, view.unit, lang, view.decimals),
                      className="row-value"),
            html.Span(_cmps_text(view, lang, flags), className="row-cmps"),
            *([marker(shown[1], "cov-flag row-flag")] if shown else []),
        ],
        id=open_id(view.id, "row"),
        n_clicks=0,
        className=f"ind-row rag-edge-{view.light}",
        title=view.rag_reason or t("card.open", lang, name=view.name),
        **{"data-indicator": view.id, "data-rag": view.light, **extra},
    )


def theme_group(
    theme_id: str, title: str, views: Sequence[IndicatorView], lang: str = "zh",
    counts_of: Sequence[IndicatorView] | None = None,
    flags: Mapping[str, Mapping[str, Flag]] | None = None,
) -> html.Section:
    """A theme's heading with its red/yellow/green/grey tally, and its rows.

    `counts_of` is the whole theme when `views` is filtered, so the tally stays the truth;
    `flags` are the coverage flags of each indicator id that has any.
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
            html.Div([indicator_row(v, lang, (flags or {}).get(v.id)) for v in views],
                     className="theme-rows"),
        ],
        className="theme-group",
        **{"data-theme": theme_id},
    )
