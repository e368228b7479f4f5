"""Comparisons the data cannot support, in the report: which figures lean on days the store holds
no fuel rows for (metrics.coverage), and the sentence that says so instead of a finding.

Values never change (the contract's formulas stand); a figure only carries its gaps, and a light
judged on an uncovered comparison turns grey "不可比" with the reason, as on the board.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from components.coverage_flag import rag_reason
from components.i18n import t
from metrics.coverage import Coverage, covers, gaps
from metrics.periods import Window, comparison
from metrics.registry import get_registry
from reports.model import Figure, Report

# The words of each flagged comparison in the caveat sentence.
WHAT = {"value": "coverage.value", "mom": "card.mom", "yoy": "card.yoy", "plan": "card.plan"}


def with_gaps(fig: Figure, win: Window, cov: Coverage | None) -> Figure:
    """The figure with the comparisons the data does not cover, its light grey when judged on
    one of them."""
    inds = get_registry().indicators
    found = gaps(inds[fig.id], win, cov, inds) if fig.id in inds else {}
    if not found:
        return fig
    out = replace(fig, gaps=tuple((k, g.basis, g.start, g.end) for k, g in found.items()))
    rag = found.get("rag")
    if rag is None or cov is None:
        return out
    def why(lang: str) -> str:
        return rag_reason(rag.basis, rag.start, rag.end, cov.first, cov.last, lang)

    return replace(out, rag="grey", rag_reason_zh=why("zh"), rag_reason_en=why("en"))


def statement_gap(win: Window, cov: Coverage | None) -> tuple[date, date] | None:
    """The statement's YoY window when the data does not cover it."""
    if cov is None:
        return None
    ly = comparison(win, "yoy")
    return None if covers(cov, ly.start, ly.end) else (ly.start, ly.end)


def _d(day: date | None, lang: str) -> str:
    return day.isoformat() if day else t("coverage.no_data", lang)


def _groups(r: Report, lang: str) -> dict[tuple[str, date, date], list[str]]:
    """(what, first day, last day) of each uncovered base → the names leaning on it."""
    groups: dict[tuple[str, date, date], list[str]] = {}
    for f in r.headlines:
        for what, _basis, start, end in f.gaps:
            if what in WHAT:
                groups.setdefault((what, start, end), []).append(
                    f.name_zh if lang == "zh" else f.name_en)
    if r.statement_yoy_gap:
        groups.setdefault(("yoy", *r.statement_yoy_gap), []).append(
            "经营报表" if lang == "zh" else "the operating statement")
    return groups


def sentence(r: Report, lang: str) -> str:
    """"比较基期数据不完整……不作为增减结论。" naming each incomplete base once, with what leans
    on it ("全部头条指标" when all do), or "" when every comparison is covered."""
    zh, n = lang == "zh", len(r.headlines)
    items = []
    for (what, start, end), names in _groups(r, lang).items():
        heads = [x for x in names if x not in ("经营报表", "the operating statement")]
        who = ((f"全部 {n} 项头条指标" if zh else f"all {n} headlines") if n and len(heads) == n
               else ("、" if zh else ", ").join(heads))
        rest = names[len(heads):]
        who = ("及" if zh else " and ").join(x for x in (who, *rest) if x)
        label = t(WHAT[what], lang)
        items.append(f"{label}（基期 {start} 至 {end}）：{who}" if zh else
                     f"{label} (base {start} to {end}): {who}")
    if not items:
        return ""
    first, last = _d(r.coverage[0], lang), _d(r.coverage[1], lang)
    if zh:
        return (f"比较基期数据不完整（数据覆盖 {first} 至 {last}）——" + "；".join(items)
                + "。这些比较照常计算，但基期不完整，不作为增减结论。")
    return (f"Comparison base incomplete (data covers {first} to {last}): " + "; ".join(items)
            + ". These comparisons are computed as usual, but their base is incomplete, so "
              "they are no finding.")


def cell_note(f: Figure, what: str, lang: str) -> str:
    """The words after a flagged table cell: "（上年同期数据不完整）", "" when not flagged."""
    gap = f.gap(what)
    if gap is None:
        return ""
    words = t(f"coverage.flag.{gap[0]}", lang)
    return f"（{words}）" if lang == "zh" else f" ({words})"
