"""The headline card: value with unit, light, plan completion against time progress, MoM, YoY,
13-month sparkline. One card per headline indicator on the board.
"""

from __future__ import annotations

from dash import html

from components import format as fmt
from components.i18n import t
from components.indicator_view import IndicatorView, change, change_tone, format_value
from components.rag import rag_light
from components.sparkline import sparkline

# A bar scaled to 120 % lets an over-achiever show past the plan without the bar overflowing.
BAR_SCALE = 1.2


def open_id(indicator_id: str, where: str) -> dict[str, str]:
    """Pattern-matching id of the element that opens an indicator's drawer."""
    return {"type": "ind-open", "where": where, "index": indicator_id}


def _pct_of_bar(ratio: float) -> str:
    return f"{max(0.0, min(ratio / BAR_SCALE, 1.0)) * 100:.1f}%"


def plan_bar(view: IndicatorView, lang: str) -> html.Div:
    """Completion bar with a tick at time progress; "无计划" when there is no plan."""
    done = view.completion
    if done is None:
        return html.Div(t("card.no_plan", lang), className="plan-bar plan-none")
    progress = view.progress if view.progress is not None else 1.0
    caption = t("card.plan_of", lang, done=fmt.percent(done), progress=fmt.percent(progress))
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
            html.Div(caption, className="plan-caption"),
        ],
        className="plan-bar",
    )


def comparison(label: str, view: IndicatorView, basis: float | None, lang: str) -> html.Span:
    """"环比 ↑ +3.2%" coloured good/bad by the indicator's direction."""
    tone = change_tone(view.value, basis, view.direction)
    return html.Span(
        [html.Span(label, className="cmp-label"),
         html.Span(change(view.value, basis, view.unit, lang), className="cmp-value")],
        className=f"cmp cmp-{tone}",
    )


def kpi_card(view: IndicatorView, lang: str = "zh") -> html.Div:
    """The headline card of one indicator (clicking it opens the drawer)."""
    return html.Div(
        [
            html.Div(
                [
                    html.Button(view.name, id=open_id(view.id, "card"), n_clicks=0,
                                className="kpi-name stretched-link",
                                title=t("card.open", lang, name=view.name)),
                    rag_light(view.light, lang, view.rag_reason),
                ],
                className="kpi-head",
            ),
            html.Div(format_value(view.value, view.unit, lang, view.decimals),
                     className="kpi-value"),
            plan_bar(view, lang),
            html.Div(
                [comparison(t("card.mom", lang), view, view.mom, lang),
                 comparison(t("card.yoy", lang), view, view.yoy, lang)],
                className="kpi-cmps",
            ),
            sparkline(view.trend, view.light, t("card.trend", lang)),
        ],
        className=f"kpi-card rag-edge-{view.light}",
        **{"data-indicator": view.id, "data-rag": view.light},
    )
