"""指标解析: an indicator's definition, and (on the board) why its value and light are what they are.

`definition_block` is shared by the board's drawer and the dictionary page (same content, one
without a value); `explanation_block` adds the value part. Both take plain value objects that
the pages fill from the registry and from metrics explain.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import dash_bootstrap_components as dbc
from dash import dcc, html

from components.charts import CHART_CONFIG
from components.coverage_flag import MARK
from components.i18n import t
from components.rag import rag_light


@dataclass(frozen=True)
class DefinitionView:
    """An indicator's definition in display form (both languages kept; the page picks)."""

    id: str
    name_zh: str
    name_en: str
    theme: str
    unit: str
    description: str
    formula: str
    sources: tuple[str, ...] = ()
    direction: str = "higher_better"
    rule: str = ""
    levels: tuple[str, ...] = ()
    description_en: str = ""
    notes: str = ""
    headline: bool = False


@dataclass(frozen=True)
class ExplainView:
    """The value side of the drawer: what the metrics layer says about one number."""

    value_text: str
    rag: str
    reason: str
    substituted: str = ""
    inputs: tuple[tuple[str, str], ...] = ()
    period_scope: str = ""
    trend: object | None = None  # a plotly Figure
    ranks: tuple[str, ...] = ()
    rows_href: str = ""
    error: str = ""
    extra: Mapping[str, str] = field(default_factory=dict)
    # Comparisons the data cannot support: (what, flag words, covered dates) each; `rag_word`
    # names a light greyed for that reason ("不可比").
    caveats: tuple[tuple[str, str, str], ...] = ()
    rag_word: str = ""


def _item(label: str, body: object, cls: str = "") -> html.Div:
    return html.Div([html.Dt(label), html.Dd(body, className=cls)], className="def-item")


def definition_block(view: DefinitionView, lang: str = "zh") -> html.Dl:
    """Names, 口径, formula, sources, light rule, unit, theme, levels, notes."""
    desc = view.description_en if lang == "en" and view.description_en else view.description
    items = [
        _item(t("drawer.description", lang), desc or "—"),
        _item(t("drawer.formula", lang), html.Code(view.formula), "def-formula"),
        _item(t("drawer.sources", lang),
              html.Ul([html.Li(html.Code(s)) for s in view.sources], className="def-sources")),
        _item(t("drawer.rag_rule", lang), view.rule or "—"),
        _item(t("drawer.direction", lang), t(f"drawer.direction.{view.direction}", lang)),
        _item(t("drawer.unit", lang), view.unit or "—"),
        _item(t("drawer.theme", lang), view.theme),
    ]
    if view.levels:
        names = " · ".join(t(f"level.{lvl}", lang) for lvl in view.levels)
        items.append(_item(t("drawer.levels", lang), names))
    if view.notes:
        items.append(_item(t("drawer.notes", lang), view.notes))
    return html.Dl(items, className="def-list")


def names_heading(view: DefinitionView, lang: str = "zh") -> html.Div:
    """Both names and the id: the current language first."""
    first, second = (view.name_en, view.name_zh) if lang == "en" else (view.name_zh, view.name_en)
    return html.Div(
        [html.Div(first, className="def-name"),
         html.Div([second, html.Code(view.id, className="def-id")], className="def-name2")],
        className="def-names",
    )


def _inputs_table(inputs: Sequence[tuple[str, str]], lang: str) -> html.Table:
    return html.Table(
        html.Tbody([html.Tr([html.Td(k), html.Td(v, className="num")]) for k, v in inputs]),
        className="table table-sm def-inputs",
        **{"aria-label": t("drawer.inputs", lang)},
    )


def caveats_block(caveats: Sequence[tuple[str, str, str]], lang: str) -> html.Div:
    """"比较口径提示": each comparison the data cannot support, with the covered dates."""
    items = [html.Li([html.Strong(f"{what}：" if lang == "zh" else f"{what}: "),
                      f"{MARK} {words}。" if lang == "zh" else f"{MARK} {words}. ", tip])
             for what, words, tip in caveats]
    return html.Div([html.Strong(t("coverage.drawer", lang)), html.Ul(items)],
                    className="alert alert-warning drawer-caveats", role="note")


def explanation_block(ex: ExplainView, lang: str = "zh") -> html.Div:
    """Value and light with the reason, comparison caveats, substituted formula, inputs, trend,
    ranks, rows."""
    if ex.error:
        return html.Div(ex.error, className="alert alert-warning")
    parts: list[object] = [
        html.Div([html.Span(ex.value_text, className="drawer-value"),
                  rag_light(ex.rag, lang, ex.reason, word=ex.rag_word or None)],
                 className="drawer-value-row"),
        html.Div([html.Strong(t("drawer.why", lang) + ("：" if lang == "zh" else ": ")), ex.reason or "—"],
                 className="drawer-why"),
    ]
    if ex.caveats:
        parts.append(caveats_block(ex.caveats, lang))
    if ex.period_scope:
        parts.append(html.Div(ex.period_scope, className="drawer-scope text-muted"))
    if ex.substituted:
        parts += [html.H4(t("drawer.substituted", lang)),
                  html.Pre(ex.substituted, className="drawer-substituted")]
    if ex.inputs:
        parts += [html.H4(t("drawer.inputs", lang)), _inputs_table(ex.inputs, lang)]
    if ex.rows_href:  # next to the inputs it reconciles, above the fold of the drawer
        parts += [html.H4(t("drawer.rows", lang)),
                  html.A(t("drawer.rows_link", lang), href=ex.rows_href,
                         className="drawer-rows-link")]
    if ex.trend is not None:
        parts += [html.H4(t("drawer.trend", lang)),
                  dcc.Graph(figure=ex.trend, config=CHART_CONFIG, className="drawer-trend")]
    parts += [html.H4(t("drawer.rank", lang)),
              html.Ul([html.Li(r) for r in ex.ranks] or [html.Li(t("drawer.rank_none", lang))],
                      className="drawer-ranks")]
    return html.Div(parts, className="drawer-explain")


def drawer(drawer_id: str, body_id: str, lang: str = "zh") -> dbc.Offcanvas:
    """The empty drawer; a callback fills `body_id` and opens it."""
    return dbc.Offcanvas(
        html.Div(id=body_id),
        id=drawer_id,
        title=t("drawer.title", lang),
        placement="end",
        is_open=False,
        scrollable=True,
        className="def-drawer",
    )
