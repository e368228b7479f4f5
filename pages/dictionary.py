"""指标字典: every indicator by theme, searchable, each with its full definition.

Generated from the same registry as the board's drawer (pages/definitions.py), so the two can
never disagree. `/dictionary?q=毛利` opens with a search, `/dictionary?id=fuel_volume_t` with
that indicator expanded.
"""

from __future__ import annotations

import logging
from typing import Any

import dash
from dash import MATCH, Input, Output, State, callback, dcc, html

from components.definition_drawer import definition_block, names_heading
from components.i18n import normalize_lang, t
from components.shell import page_header
from pages.definitions import definition_view, indicator_name, matches

dash.register_page(__name__, path="/dictionary", nav_key="nav.dictionary", order=70,
                   title="指标字典")

log = logging.getLogger(__name__)
# With this few matches every definition opens by itself: the search has found what was asked.
OPEN_BELOW = 6


def layout(q: str | None = None, id: str | None = None, **_query: str) -> html.Div:  # noqa: A002
    """Skeleton: heading, search box, results filled by `render`."""
    return html.Div(
        [
            dcc.Store(id="dict-query", data={"id": id or ""}),
            html.Div(id="dict-header"),
            dcc.Input(id="dict-search", type="search", value=q or "", debounce=0.25,
                      className="form-control dict-search", autoComplete="off"),
            html.Div(id="dict-count", className="dict-count text-muted", **{"aria-live": "polite"}),
            html.Div(id="dict-body", className="dict-body"),
        ],
        className="dict-page",
    )


def _summary(ind: Any, lang: str) -> str:
    star = f" ★ {t('dictionary.headline', lang)}" if ind.headline else ""
    return f"{indicator_name(ind, lang)} · {ind.id}{star}"


def _definition(ind: Any, registry: Any, lang: str) -> list[Any]:
    view = definition_view(ind, registry, lang)
    return [names_heading(view, lang), definition_block(view, lang),
            dcc.Link(t("dictionary.open_board", lang), href="/board", className="dict-board-link")]


def _entry(ind: Any, registry: Any, lang: str, open_: bool) -> html.Details:
    """One indicator: its name line; the definition is filled when it is opened (few elements
    per closed entry keeps a 134-entry page quick to render)."""
    return html.Details(
        [html.Summary(_summary(ind, lang), className="dict-summary"),
         html.Div(_definition(ind, registry, lang) if open_ else None,
                  id={"type": "dict-def", "index": ind.id}, className="dict-def")],
        open=open_,
        id={"type": "dict-entry", "index": ind.id},
        className="dict-entry",
        **{"data-indicator": ind.id},
    )


def _registry() -> Any:
    from metrics.registry import get_registry

    return get_registry()


@callback(
    Output("dict-header", "children"),
    Output("dict-search", "placeholder"),
    Output("dict-count", "children"),
    Output("dict-body", "children"),
    Input("app-lang", "data"),
    Input("dict-search", "value"),
    State("dict-query", "data"),
)
def render(lang: str | None, query: str | None, state: dict[str, str] | None) -> tuple:
    """The whole dictionary in the current language, filtered by the search words."""
    lang = normalize_lang(lang)
    try:
        registry = _registry()
    except Exception as exc:  # a broken catalogue must read as a message, never a traceback
        log.exception("dictionary: catalogue unavailable")
        reason = t("dictionary.unavailable", lang, reason=type(exc).__name__)
        return page_header(t("dictionary.title", lang)), "", "", html.Div(
            reason, className="alert alert-warning")
    groups = registry.by_theme()
    header = page_header(t("dictionary.title", lang), t(
        "dictionary.subtitle", lang, n=len(registry.indicators), themes=len(groups)))
    wanted = (state or {}).get("id", "")
    found = [(th, [i for i in inds if matches(i, query)]) for th, inds in groups]
    n = sum(len(inds) for _, inds in found)
    if n == 0:
        return header, t("dictionary.search", lang), "", html.Div(
            t("dictionary.none", lang, q=query or ""), className="dict-none")
    few = bool((query or "").strip()) and n < OPEN_BELOW
    body = [
        html.Section(
            [html.H2([registry.theme_name(th.id, lang), html.Span(str(len(inds)),
                      className="theme-n")], className="dict-theme-title"),
             *[_entry(i, registry, lang, few or i.id == wanted) for i in inds]],
            className="dict-theme", **{"data-theme": str(th.id.value)},
        )
        for th, inds in found if inds
    ]
    return header, t("dictionary.search", lang), t("dictionary.found", lang, n=n), body


@callback(
    Output({"type": "dict-def", "index": MATCH}, "children"),
    Input({"type": "dict-entry", "index": MATCH}, "open"),
    State("app-lang", "data"),
    prevent_initial_call=True,
)
def fill(open_: bool | None, lang: str | None) -> Any:
    """The full definition of an entry when the reader opens it."""
    if not open_:
        return dash.no_update
    ident = dash.ctx.triggered_id["index"]
    registry = _registry()
    ind = registry.indicators.get(ident)
    return _definition(ind, registry, normalize_lang(lang)) if ind is not None else None
