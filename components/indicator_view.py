"""What a widget needs to show one indicator, and how its value and changes read.

`IndicatorView` is a plain value object the pages fill from the metrics layer; the card, the row
and the drawer take it and never see the metrics types. Formatting follows components/format.py:
money in 万元 (small per-unit amounts in 元), tonnes, percentages, thousands separators.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from components import format as fmt
from components.i18n import has_key, t
from components.rag import normalize_rag

# Units whose values are fractions (0.95 → 95.0 %): their changes read in percentage points.
RATIO_UNITS = frozenset({"ratio", "percent", "share", "pct"})


@dataclass(frozen=True)
class IndicatorView:
    """One indicator at one entity and period, ready to display.

    `mom` and `yoy` are the comparison *values* (the same indicator in the earlier window), not
    growth rates; `plan` is the period's target; `progress` the time progress (0–1).
    """

    id: str
    name: str
    theme: str = ""
    unit: str = ""
    value: float | None = None
    rag: str = "grey"
    rag_reason: str = ""
    direction: str = "higher_better"
    mom: float | None = None
    yoy: float | None = None
    plan: float | None = None
    progress: float | None = None
    decimals: int | None = None
    headline: bool = False
    search_text: str = ""
    trend: tuple[tuple[str, float | None], ...] = field(default_factory=tuple)

    @property
    def light(self) -> str:
        """The normalised light colour."""
        return normalize_rag(self.rag)

    @property
    def completion(self) -> float | None:
        """value / plan, or None without a positive plan."""
        if not _finite(self.value) or not _finite(self.plan) or not self.plan:
            return None
        return self.value / self.plan  # type: ignore[operator]


def _finite(x: object) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x)


def unit_label(unit: str, lang: str) -> str:
    """The display label of a catalogue unit ("" for ratios and unknown units)."""
    key = f"ind_unit.{unit}"
    return t(key, lang) if unit and has_key(key) else ""


def format_value(value: float | None, unit: str, lang: str = "zh", decimals: int | None = None) -> str:
    """An indicator value in its unit: 1,234.5 万元 · 3,210.4 吨 · 96.3% · 1,204 笔."""
    if unit in RATIO_UNITS:
        return fmt.percent(value, 1 if decimals is None else decimals)
    if unit == "yuan":  # sums of money read in 万元; two decimals keep a small station legible
        small = _finite(value) and abs(value) < 100_000  # type: ignore[arg-type]
        return fmt.wan_yuan(value, lang, 2 if small else 1)
    if unit == "t":
        return fmt.tonnes(value, lang, 1 if decimals is None else min(decimals, 1))
    text = fmt.number(value, _default_decimals(value, decimals))
    label = unit_label(unit, lang)
    return text if text == fmt.MISSING or not label else f"{text} {label}"


def _default_decimals(value: float | None, decimals: int | None) -> int:
    """Counts get no decimals; small per-unit values two; large ones none."""
    if decimals is not None:
        return decimals
    if not _finite(value):
        return 0
    if float(value).is_integer():  # type: ignore[arg-type]
        return 0
    return 2 if abs(value) < 1000 else 0  # type: ignore[arg-type]


def change(value: float | None, basis: float | None, unit: str, lang: str = "zh") -> str:
    """The change from `basis` to `value`: ratios in percentage points, others as growth %."""
    if not _finite(value) or not _finite(basis):
        return fmt.MISSING
    if unit in RATIO_UNITS:
        return fmt.change_pp(value - basis, lang)  # type: ignore[operator]
    if basis == 0:
        return fmt.MISSING
    return fmt.change_pct(value / abs(basis) - 1)  # type: ignore[operator]


def change_tone(value: float | None, basis: float | None, direction: str) -> str:
    """`good`, `bad` or `flat`: whether the change goes the indicator's right way."""
    if not _finite(value) or not _finite(basis) or value == basis:
        return "flat"
    up = value > basis  # type: ignore[operator]
    good = up if direction != "lower_better" else not up
    return "good" if good else "bad"
