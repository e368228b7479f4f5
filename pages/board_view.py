"""Turns the board's JSON (pages/board_data.py) into components, in one language (a helper).

Search and the red/yellow switch filter here, on the loaded JSON: typing never evaluates.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date
from functools import lru_cache
from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from components import format as fmt
from components.coverage_flag import Flag, flag_of, rag_reason
from components.definition_drawer import ExplainView
from components.i18n import t
from components.indicator_row import theme_group
from components.indicator_view import IndicatorView
from components.kpi_card import kpi_card
from components.rag import count_rags, rag_counts
from components.shell import page_header
from metrics.coverage import Coverage, Gap, gaps, store_coverage
from metrics.periods import Period, comparison, window
from pages.board_params import period_label

log = logging.getLogger(__name__)


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


def coverage_of(data: dict[str, Any]) -> Coverage | None:
    """The store's data coverage: carried by the view's JSON once read, else read (one min/max,
    remembered per data version) and written into `data`, so the header, the body and later
    redraws from the browser's copy share one read; None (no flags) when unreadable."""
    if data.get("coverage"):
        return Coverage.from_json(data["coverage"])
    try:
        from settings import facts_engine

        cov = store_coverage(facts_engine())
    except Exception:  # noqa: BLE001 - no flags rather than no board
        log.warning("board: data coverage unavailable; comparisons not flagged", exc_info=True)
        return None
    data["coverage"] = cov.to_json()
    return cov


@lru_cache(maxsize=64)
def _all_gaps(period: str, as_of: date | None, cov: Coverage) -> dict[str, dict[str, Gap]]:
    """Every indicator's gaps in one view (language-free, so a redraw in the other language,
    a search or a filter reuses them)."""
    from pages.board_data import registry

    inds = registry().indicators
    win = window(Period.parse(period), as_of)
    return {i: found for i, ind in inds.items() if (found := gaps(ind, win, cov, inds))}


def coverage_flags(data: dict[str, Any], lang: str,
                   cov: Coverage | None = None) -> dict[str, dict[str, Flag]]:
    """Per indicator id with any: the comparisons the data cannot support, as flags ("rag"'s
    text is the grey light's reason)."""
    cov = cov if cov is not None else coverage_of(data)
    if cov is None:
        return {}
    as_of = date.fromisoformat(data["as_of"]) if data.get("as_of") else None
    every = _all_gaps(data["period"], as_of, cov)
    out: dict[str, dict[str, Flag]] = {}
    for row in data["indicators"]:
        if found := every.get(row["id"]):
            out[row["id"]] = {
                k: Flag(rag_reason(g.basis, g.start, g.end, cov.first, cov.last, lang), "")
                if k == "rag" else flag_of(g.basis, g.start, g.end, cov.first, cov.last, lang)
                for k, g in found.items()}
    return out


def judged(view: IndicatorView, flags: dict[str, Flag] | None) -> IndicatorView:
    """A light judged on a comparison the data cannot support turns grey with that reason (also
    when the evaluator already greyed it for a missing basis: the coverage says why)."""
    if not flags or "rag" not in flags:
        return view
    return replace(view, rag="grey", rag_reason=flags["rag"].text)


def header(data: dict[str, Any], as_of: date | None, lang: str,
           views: list[IndicatorView] | None = None) -> html.Div:
    """Entity name as the title; level, period, data day and time progress beneath."""
    ent = data["entity"]
    period = Period.parse(data["period"])
    bits = [t(f"level.{ent['level']}", lang), period_label(period, as_of, lang)]
    if as_of:
        bits.append(t("board.as_of", lang, day=as_of.isoformat()))
    progress = data.get("progress")
    if progress is not None and progress < 1:
        bits.append(t("board.time_progress", lang, progress=fmt.percent(progress)))
    if views is None:  # the tally must agree with the rows: lights judged with the flags
        views = views_of(data, lang, coverage_flags(data, lang))
    counts = count_rags(v.light for v in views)
    return page_header(f"{ent['name']}", " · ".join(bits), rag_counts(counts, lang))


def _visible(view: IndicatorView, words: list[str], only_bad: bool) -> bool:
    if only_bad and view.light not in ("red", "yellow"):
        return False
    return all(w in view.search_text for w in words)


def views_of(data: dict[str, Any], lang: str,
             flags: dict[str, dict[str, Flag]]) -> list[IndicatorView]:
    """The display objects of every row, lights judged with the coverage flags."""
    return [judged(to_view(r, data, lang), flags.get(r["id"])) for r in data["indicators"]]


def coverage_notice(data: dict[str, Any], cov: Coverage | None, lang: str) -> Any:
    """One notice above the board when the view's MoM or YoY window is not wholly in the data:
    the rows then say "⚠" without repeating it 134 times."""
    if cov is None:
        return None
    as_of = date.fromisoformat(data["as_of"]) if data.get("as_of") else None
    win = window(Period.parse(data["period"]), as_of)
    items = [t(f"coverage.notice.{b}", lang, start=w.start.isoformat(), end=w.end.isoformat())
             for b in ("yoy", "mom") if not cov.covers(w := comparison(win, b))]
    if not items:
        return None
    first, last = (d.isoformat() if d else t("coverage.no_data", lang) for d in (cov.first, cov.last))
    return dbc.Alert(t("coverage.notice", lang, items=("；" if lang == "zh" else "; ").join(items),
                       first=first, last=last),
                     color="warning", className="board-notice coverage-notice")


def body(data: dict[str, Any], lang: str, search: str, only_bad: bool,
         cov: Coverage | None = None) -> list[Any]:
    """The headline cards, then every indicator grouped by theme (filtered); comparisons the
    data cannot support are flagged (`cov`: the store's coverage, read when not given)."""
    cov = cov if cov is not None else coverage_of(data)
    flags = coverage_flags(data, lang, cov) if cov is not None else {}
    views = views_of(data, lang, flags)
    words = search.lower().split()
    cards = [kpi_card(v, lang, flags.get(v.id)) for v in views
             if v.headline and _visible(v, words, only_bad)]
    groups = []
    for theme in data.get("themes", []):
        members = [v for v in views if v.theme == theme["id"]]
        shown = [v for v in members if _visible(v, words, only_bad)]
        if shown:
            title = theme["name_en"] if lang == "en" else theme["name_zh"]
            groups.append(theme_group(theme["id"], title, shown, lang, counts_of=members,
                                      flags=flags))
    shown_n = sum(1 for v in views if _visible(v, words, only_bad))
    parts: list[Any] = [n] if (n := coverage_notice(data, cov, lang)) is not None else []
    if cards:
        parts += [html.H2(t("board.headline", lang), className="board-section-title"),
                  html.Div(cards, className="kpi-grid")]
    parts.append(html.H2(t("board.all_indicators", lang, n=len(views)),
                         className="board-section-title"))
    parts.append(html.Div(groups, className="theme-grid") if shown_n else
                 html.Div(t("board.no_match", lang), className="board-empty"))
    return parts


CAVEAT_LABELS = {"value": "coverage.value", "mom": "card.mom", "yoy": "card.yoy",
                 "plan": "card.plan"}


def with_caveats(ex: ExplainView, data: dict[str, Any], ind_id: str, lang: str) -> ExplainView:
    """The drawer's explanation with the comparisons the data cannot support listed, and its
    light grey ("不可比") when it was judged on one of them, as on the board's row."""
    if ex.error:
        return ex
    flags = coverage_flags({**data, "indicators": [{"id": ind_id}]}, lang).get(ind_id)
    if not flags:
        return ex
    caveats = tuple((t(CAVEAT_LABELS[k], lang), f.text, f.tip)
                    for k, f in flags.items() if k in CAVEAT_LABELS)
    if "rag" in flags:
        return replace(ex, caveats=caveats, rag="grey", reason=flags["rag"].text,
                       rag_word=t("coverage.rag_word", lang))
    return replace(ex, caveats=caveats)
