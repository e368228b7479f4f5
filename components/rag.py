"""The red/yellow/green light (红黄绿灯): colour AND shape AND a word, never colour alone.

About one man in twelve cannot tell red from green, and wall displays wash colours out, so each
light has its own shape (● green, ▲ yellow, ■ red, ○ grey) and its name beside it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from dash import html

from components.i18n import t

RAGS: tuple[str, ...] = ("red", "yellow", "green", "grey")
SHAPES: dict[str, str] = {"green": "●", "yellow": "▲", "red": "■", "grey": "○"}
# Worst first: the order in which a team leader wants to read them.
SEVERITY: dict[str, int] = {"red": 0, "yellow": 1, "green": 2, "grey": 3}


def normalize_rag(value: object) -> str:
    """One of `RAGS`; anything unknown (None, "", "amber"…) is grey, except amber → yellow."""
    text = str(value or "").strip().lower()
    if text == "amber":
        return "yellow"
    return text if text in SHAPES else "grey"


def rag_text(rag: object, lang: str = "zh") -> str:
    """The light as plain text: "● 绿" / "▲ Yellow"."""
    r = normalize_rag(rag)
    return f"{SHAPES[r]} {t(f'rag.{r}', lang)}"


def rag_light(
    rag: object, lang: str = "zh", reason: str | None = None, compact: bool = False,
    word: str | None = None,
) -> html.Span:
    """A light: coloured shape plus its word; `reason` becomes the tooltip.

    `compact` (long lists) renders one element: the shape, with the word as its accessible name
    and tooltip, because every extra element costs render time in a 134-row list. `word`
    replaces the colour's name (a grey light judged on data that is not there reads "不可比").
    """
    r = normalize_rag(rag)
    word = word or t(f"rag.{r}", lang)
    if compact:
        title = f"{word}：{reason}" if reason and lang == "zh" else (
            f"{word}: {reason}" if reason else word)
        return html.Span(SHAPES[r], className=f"rag rag-{r}", title=title, role="img",
                         **{"aria-label": word})
    return html.Span(
        [
            html.Span(SHAPES[r], className="rag-shape", **{"aria-hidden": "true"}),
            html.Span(word, className="rag-word"),
        ],
        className=f"rag rag-{r}",
        title=reason or word,
        role="img",
        **{"aria-label": word},
    )


def count_rags(rags: Iterable[object]) -> dict[str, int]:
    """How many of each light, every colour present (0 when absent)."""
    counts = Counter(normalize_rag(r) for r in rags)
    return {r: counts.get(r, 0) for r in RAGS}


def rag_counts(counts: dict[str, int], lang: str = "zh") -> html.Span:
    """Compact per-theme tally: "■ 2  ▲ 3  ● 9  ○ 1", each chip named in words for readers."""
    chips = [
        html.Span(
            f"{SHAPES[r]} {counts.get(r, 0)}",
            className=f"rag-count rag-{r}" + ("" if counts.get(r, 0) else " rag-zero"),
            title=f"{t(f'rag.{r}', lang)} {counts.get(r, 0)}",
            **{"aria-label": f"{t(f'rag.{r}', lang)} {counts.get(r, 0)}", "data-n": str(counts.get(r, 0))},
        )
        for r in RAGS
    ]
    return html.Span(chips, className="rag-counts")


def worst_first(rags: Iterable[str]) -> list[str]:
    """Lights sorted red, yellow, green, grey."""
    return sorted((normalize_rag(r) for r in rags), key=SEVERITY.__getitem__)


def _num(value: object, percent: bool) -> str:
    """A rule parameter: fractions as percentages where the rule reads in %, else as written."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value * 100:.4g}%" if percent else f"{value:,.4g}"
    return str(value) if value is not None else "—"


def rule_text(
    rule: Mapping[str, Any], direction: str, lang: str = "zh", ratio: bool = False,
    ref_name: str = "",
) -> str:
    """A RAG rule of the catalogue in words, e.g. "≥ 95% 为绿；≥ 90% 为黄；否则为红"."""
    kind = str(rule.get("kind", ""))
    side = "lower_better" if direction == "lower_better" else "higher_better"
    pct = ratio or kind == "growth"
    basis = rule.get("basis")
    params = {
        "target": _num(rule.get("target"), ratio),
        "tolerance": _num(rule.get("tolerance"), ratio or bool(rule.get("relative"))),
        "green": _num(rule.get("green"), pct and kind != "relative"),
        "yellow": _num(rule.get("yellow"), pct or kind == "benchmark"),
        "basis": t(f"rule.basis.{basis}", lang) if basis in ("yoy", "mom") else "",
        "ref": ref_name or str(rule.get("ref") or ""),
    }
    if kind in ("growth_vs", "relative", "rank"):
        key = f"rule.{kind}"
    elif kind:
        key = f"rule.{kind}.{side}"
    else:
        return "—"
    return f"{t(key, lang, **params)}。{t('rule.grey', lang)}" if lang == "zh" else (
        f"{t(key, lang, **params)}. {t('rule.grey', lang)}")
