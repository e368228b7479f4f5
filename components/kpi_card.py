"""The headline card: value with unit, light, plan completion against time progress, MoM, YoY,
13-month sparkline. One card per headline indicator on the board.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from urllib.parse import quote

from dash import html

from components import format as fmt
from components.charts import ACCENT, RAG_COLOURS
from components.coverage_flag import (
    MARK,
    Flag,
    first_flag,
    flagged_keys,
    marker,
    numbers_shown,
)
from components.i18n import t
from components.indicator_view import IndicatorView, change, change_tone, format_value
from components.rag import rag_light

# A bar scaled to 120 % lets an over-achiever show past the plan without the bar overflowing.
BAR_SCALE = 1.2


def open_id(indicator_id: str, where: str) -> dict[str, str]:
    """Pattern-matching id of the element that opens an indicator's drawer."""
    return {"type": "ind-open", "where": where, "index": indicator_id}


def _pct_of_bar(ratio: float) -> str:
    return f"{max(0.0, min(ratio / BAR_SCALE, 1.0)) * 100:.1f}%"


def plan_bar(view: IndicatorView, lang: str, flag: Flag | None = None) -> html.Div:
    """Completion bar with a tick at time progress; "无计划" when there is no plan; a ⚠ on the
    caption when the data does not cover the window the plan judges (`flag`)."""
    done = view.completion
    if done is None:
        return html.Div(t("card.no_plan", lang), className="plan-bar plan-none")
    progress = view.progress if view.progress is not None else 1.0
    caption = t("card.plan_of", lang, done=fmt.percent(done), progress=fmt.percent(progress))
    caption += f" {MARK}" if flag else ""
    return html.Div(
        [
            html.Div(
                [
                    html.Div(className=f"plan-fill rag-bg-{view.light}",
                             style={"width": _pct_of_bar(done)}),
                    html.Div(className="plan-mark", style={"left": _pct_of_bar(progress)},
                             title=t("card.plan_of", lang, done=fmt.percent(done),
                                     progress=fmt.percent(progress))),
                ],
                className="plan-track",
                role="progressbar",
                **{"aria-valuenow": f"{done * 100:.1f}", "aria-valuemin": "0",
                   "aria-valuemax": f"{BAR_SCALE * 100:.0f}", "aria-label": caption},
            ),
            html.Div(caption, className="plan-caption", title=flag.tip if flag else None),
        ],
        className="plan-bar",
    )


def comparison(label: str, view: IndicatorView, basis: float | None, lang: str,
               flag: Flag | None = None) -> html.Span:
    """"环比 ↑ +3.2%" coloured good/bad by the indicator's direction; a comparison the data
    cannot support keeps its number, uncoloured, with a ⚠ whose tooltip names the dates."""
    tone = "flagged" if flag else change_tone(view.value, basis, view.direction)
    text = change(view.value, basis, view.unit, lang) + (f" {MARK}" if flag else "")
    return html.Span(
        [html.Span(label, className="cmp-label"), html.Span(text, className="cmp-value")],
        className=f"cmp cmp-{tone}",
        title=f"{flag.text}. {flag.tip}" if flag else None,
    )


SPARK_W, SPARK_H, SPARK_PAD = 240, 44, 5


def _spark_points(values: Sequence[float | None]) -> list[tuple[float, float] | None]:
    """Each month's (x, y) in the sparkline's box, None for a month without a value."""
    known = [v for v in values if v is not None]
    lo, hi = min(known), max(known)
    span = (hi - lo) or 1.0
    step = (SPARK_W - 2 * SPARK_PAD) / max(len(values) - 1, 1)
    return [None if v is None else
            (SPARK_PAD + i * step,
             SPARK_H - SPARK_PAD - (v - lo) / span * (SPARK_H - 2 * SPARK_PAD))
            for i, v in enumerate(values)]


def sparkline_svg(points: Sequence[tuple[str, float | None]], rag: str = "grey") -> str:
    """The 13-month trend as a small SVG: a line (broken where a month has no value) and the
    last value as a dot in the light's colour.

    A static image instead of a Plotly graph: the board then needs no plotly.js at all (a
    3 MB script to parse) and draws eight cards without eight graph layouts.
    """
    xy = _spark_points([v for _, v in points])
    paths, run = [], ""
    for p in xy:
        if p is None:
            paths.append(run)
            run = ""
        else:
            run += f"{'L' if run else 'M'}{p[0]:.1f} {p[1]:.1f}"
    paths.append(run)
    # vector-effect is not inherited: each path keeps its stroke width when the box stretches
    line = "".join(f'<path d="{d}" vector-effect="non-scaling-stroke"/>' for d in paths if d)
    last = next(p for p in reversed(xy) if p is not None)
    colour = RAG_COLOURS.get(rag, RAG_COLOURS["grey"])
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SPARK_W} {SPARK_H}" '
            f'preserveAspectRatio="none"><g fill="none" stroke="{ACCENT}" stroke-width="2" '
            f'stroke-linejoin="round">{line}</g>'
            f'<path d="M{last[0]:.1f} {last[1]:.1f}h0" stroke="{colour}" stroke-width="7" '
            f'stroke-linecap="round" vector-effect="non-scaling-stroke"/></svg>')


def sparkline(points: Sequence[tuple[str, float | None]], rag: str, label: str) -> html.Div:
    """The card's trend as an image; its text alternative names the first and last months."""
    if not points or all(v is None for _, v in points):
        return html.Div(className="sparkline sparkline-empty", title=label)
    known = [(m, v) for m, v in points if v is not None]
    alt = f"{label}: {known[0][0]} {known[0][1]:,.4g} → {known[-1][0]} {known[-1][1]:,.4g}"
    src = "data:image/svg+xml;charset=utf-8," + quote(sparkline_svg(points, rag))
    return html.Div(html.Img(src=src, alt=alt, className="sparkline-img",
                             style={"display": "block", "width": "100%", "height": "44px"}),
                    className="sparkline", title=alt)


def kpi_card(view: IndicatorView, lang: str = "zh",
             flags: Mapping[str, Flag] | None = None) -> html.Div:
    """The headline card of one indicator (clicking it opens the drawer); `flags` mark the
    comparisons the data cannot support (components/coverage_flag.py)."""
    flags = flags or {}
    shown = first_flag(flags, numbers_shown(view, lang))
    word = t("coverage.rag_word", lang) if "rag" in flags else None
    extra = {"data-coverage": flagged_keys(flags)} if flags else {}
    return html.Div(
        [
            html.Div(
                [
                    html.Button(view.name, id=open_id(view.id, "card"), n_clicks=0,
                                className="kpi-name stretched-link",
                                title=t("card.open", lang, name=view.name)),
                    rag_light(view.light, lang, view.rag_reason, word=word),
                ],
                className="kpi-head",
            ),
            html.Div(format_value(view.value, view.unit, lang, view.decimals),
                     className="kpi-value"),
            plan_bar(view, lang, flags.get("plan")),
            html.Div(
                [comparison(t("card.mom", lang), view, view.mom, lang, flags.get("mom")),
                 comparison(t("card.yoy", lang), view, view.yoy, lang, flags.get("yoy"))],
                className="kpi-cmps",
            ),
            *([marker(shown[1], "cov-flag kpi-flag")] if shown else []),
            sparkline(view.trend, view.light, t("card.trend", lang)),
        ],
        className=f"kpi-card rag-edge-{view.light}",
        **{"data-indicator": view.id, "data-rag": view.light, **extra},
    )
