"""Turns the board's JSON (pages/board_data.py) into components, in one language (a helper).

Search and the red/yellow switch filter here, on the loaded JSON: typing never evaluates.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from components import format as fmt
from components.i18n import t
from components.indicator_row import theme_group
from components.indicator_view import IndicatorView
from components.kpi_card import kpi_card
from components.rag import count_rags, rag_counts
from components.shell import page_header
from metrics.periods import Period
from pages.board_params import period_label


def notice(text: str, lang: str, warning: bool = False) -> dbc.Alert:
    """A friendly message in place of a traceback or an empty page."""
    return dbc.Alert(text, color="warning" if warning else "info", className="board-notice")


def to_view(row: dict[str, Any], data: dict[str, Any], lang: str) -> IndicatorView:
    """The display object of one indicator row of the JSON."""
    name = row["name_en"] if lang == "en" else row["name_zh"]
    reason = (row.get("reason_en") if lang == "en" else row.get("reason_zh")) or ""
    return IndicatorView(
        id=row["id"], name=name, theme=row["theme"], unit=row["unit"], value=row.get("value"),
        rag=row.get("rag") or "grey", rag_reason=reason, direction=row["direction"],
        mom=row.get("mom"), yoy=row.get("yoy"), plan=row.get("plan"),
        progress=row.get("progress") if row.get("progress") is not None else data.get("progress"),
        decimals=row.get("decimals"), headline=bool(row.get("headline")),
        search_text=" ".join((row["id"], row["name_zh"], row["name_en"])).lower(),
        trend=tuple((m, v) for m, v in data.get("trends", {}).get(row["id"], [])),
    )


def header(data: dict[str, Any], as_of: date | None, lang: str) -> html.Div:
    """Entity name as the title; level, period, data day and time progress beneath."""
    ent = data["entity"]
    period = Period.parse(data["period"])
    bits = [t(f"level.{ent['level']}", lang), period_label(period, as_of, lang)]
    if as_of:
        bits.append(t("board.as_of", lang, day=as_of.isoformat()))
    progress = data.get("progress")
    if progress is not None and progress < 1:
        bits.append(t("board.time_progress", lang, progress=fmt.percent(progress)))
    counts = count_rags(r.get("rag") for r in data["indicators"])
    return page_header(f"{ent['name']}", " · ".join(bits), rag_counts(counts, lang))


def _visible(view: IndicatorView, words: list[str], only_bad: bool) -> bool:
    if only_bad and view.light not in ("red", "yellow"):
        return False
    return all(w in view.search_text for w in words)


def body(data: dict[str, Any], lang: str, search: str, only_bad: bool) -> list[Any]:
    """The headline cards, then every indicator grouped by theme (filtered)."""
    views = [to_view(r, data, lang) for r in data["indicators"]]
    words = search.lower().split()
    cards = [kpi_card(v, lang) for v in views if v.headline and _visible(v, words, only_bad)]
    groups = []
    for theme in data.get("themes", []):
        members = [v for v in views if v.theme == theme["id"]]
        shown = [v for v in members if _visible(v, words, only_bad)]
        if shown:
            title = theme["name_en"] if lang == "en" else theme["name_zh"]
            groups.append(theme_group(theme["id"], title, shown, lang, counts_of=members))
    shown_n = sum(1 for v in views if _visible(v, words, only_bad))
    parts: list[Any] = []
    if cards:
        parts += [html.H2(t("board.headline", lang), className="board-section-title"),
                  html.Div(cards, className="kpi-grid")]
    parts.append(html.H2(t("board.all_indicators", lang, n=len(views)),
                         className="board-section-title"))
    parts.append(html.Div(groups, className="theme-grid") if shown_n else
                 html.Div(t("board.no_match", lang), className="board-empty"))
    return parts
