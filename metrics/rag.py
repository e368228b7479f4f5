"""Red/yellow/green rules (红黄绿灯): every kind of docs/catalogue-format.md, with reasons in zh/en.

`rate(indicator, value, null_reason, inputs)` returns a `Light`. A rule that cannot be
evaluated (no value, no plan, no basis, zero denominator, no benchmark) is grey with the reason.
The indicator's direction decides which side is good; `lower_better` mirrors every comparison.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from metrics.expr_eval import NULL_REASONS
from metrics.model import Basis, Direction, Indicator, RagKind, RagRule, Unit

COLORS_ZH = {"green": "绿", "yellow": "黄", "red": "红", "grey": "灰"}


@dataclass(frozen=True)
class Light:
    """A RAG outcome with its reason in Chinese and English."""

    color: str
    reason_zh: str
    reason_en: str


class RagInputs(Protocol):
    """What rules need beyond the value (the evaluator supplies it)."""

    progress: float
    year_progress: float

    def basis_value(self, basis: Basis) -> float | None: ...
    def city_value(self) -> float | None: ...
    def ref_value(self, ref: str, basis: Basis | None = None) -> float | None: ...
    def plan(self, measure: str) -> float | None: ...
    def expr(self, text: str) -> float | None: ...
    def rank_size(self) -> int | None: ...


def pct(x: float) -> str:
    """0.462 → '46.2%'."""
    return f"{x * 100:.1f}%"


def show(v: float, unit: Unit | str) -> str:
    """A value as written in a reason."""
    if unit == Unit.RATIO:
        return pct(v)
    return f"{v:,.2f}" if abs(v) < 1e6 else f"{v:,.0f}"


def grey(zh: str, en: str) -> Light:
    """A rule that cannot be evaluated."""
    return Light("grey", f"{zh} → 灰", f"{en} → grey")


def _light(color: str, zh: str, en: str) -> Light:
    return Light(color, f"{zh} → {COLORS_ZH[color]}", f"{en} → {color}")


def _cmp_band(x: float, green: float, yellow: float, higher: bool) -> str:
    """Colour of x against a green and a yellow boundary."""
    if higher:
        return "green" if x >= green else "yellow" if x >= yellow else "red"
    return "green" if x <= green else "yellow" if x <= yellow else "red"


def _sym(color: str, higher: bool) -> str:
    if color == "green":
        return "≥" if higher else "≤"
    return "<" if higher and color == "red" else ">" if color == "red" else "≈"


def _plan_progress(r: RagRule, v: float, hi: bool, inp: RagInputs, unit: Unit) -> Light:
    plan = inp.plan(r.plan) if r.plan else inp.expr(r.plan_expr or "")
    p = inp.year_progress if r.progress == "year" else inp.progress
    if plan is None:
        return grey("无计划", "no plan")
    if plan <= 0:  # a zero or loss plan: judge the gap to plan × progress, not a ratio
        delta = (v - plan * p) if hi else (plan * p - v)
        color = "green" if delta >= 0 else "yellow" if delta >= -0.05 * abs(plan) else "red"
        return _light(color, f"与计划×进度之差 {show(delta, unit)}", f"gap to plan×progress {show(delta, unit)}")
    c = v / plan
    color = _cmp_band(c, p, 0.95 * p, True) if hi else _cmp_band(c, p, 1.05 * p, False)
    word_zh, word_en = ("完成率", "completion") if hi else ("预算使用", "budget used")
    s = _sym(color, hi)
    return _light(color, f"{word_zh} {pct(c)} {s} 时间进度 {pct(p)}", f"{word_en} {pct(c)} {s} time progress {pct(p)}")


def _target(r: RagRule, v: float, hi: bool, inp: RagInputs, unit: Unit) -> Light:
    t = r.target if isinstance(r.target, float | int) else inp.expr(str(r.target))
    if t is None:
        return grey("目标不可计算", "target not computable")
    tol = r.tolerance or 0.0
    span = abs(t) * tol if r.relative else tol
    color = _cmp_band(v, t, t - span, True) if hi else _cmp_band(v, t, t + span, False)
    return _light(color, f"{show(v, unit)} 对目标 {show(t, unit)}", f"{show(v, unit)} vs target {show(t, unit)}")


def _threshold(r: RagRule, v: float, hi: bool, unit: Unit) -> Light:
    g, y = float(r.green or 0), float(r.yellow or 0)
    color = _cmp_band(v, g, y, hi)
    return _light(color, f"{show(v, unit)}（绿 {show(g, unit)}，黄 {show(y, unit)}）", f"{show(v, unit)} (green {show(g, unit)}, yellow {show(y, unit)})")


BASIS_ZH = {Basis.YOY: "同比", Basis.MOM: "环比"}


def _growth(r: RagRule, v: float, hi: bool, inp: RagInputs) -> Light:
    basis = r.basis or Basis.YOY
    b = inp.basis_value(basis)
    if b is None or b == 0:
        return grey(f"{BASIS_ZH[basis]}基期为零或缺失", f"{basis} basis missing or zero")
    g = v / abs(b) - 1
    color = _cmp_band(g, float(r.green or 0), float(r.yellow or 0), hi)
    return _light(color, f"{BASIS_ZH[basis]} {pct(g)}", f"{basis} growth {pct(g)}")


def _change(r: RagRule, v: float, hi: bool, inp: RagInputs, unit: Unit) -> Light:
    basis = r.basis or Basis.YOY
    b = inp.basis_value(basis)
    if b is None:
        return grey(f"{BASIS_ZH[basis]}基期缺失", f"{basis} basis missing")
    d = v - b
    color = _cmp_band(d, float(r.green or 0), float(r.yellow or 0), hi)
    shown = f"{d * 100:+.1f} 个百分点" if unit == Unit.RATIO else f"{d:+,.2f}"
    shown_en = f"{d * 100:+.1f} pp" if unit == Unit.RATIO else f"{d:+,.2f}"
    return _light(color, f"较{BASIS_ZH[basis]}基期 {shown}", f"change vs {basis} {shown_en}")


def _benchmark(r: RagRule, v: float, hi: bool, inp: RagInputs) -> Light:
    c = inp.city_value()
    if c is None or c == 0:
        return grey("无城市对标值", "no city benchmark")
    ratio = v / c
    y = float(r.yellow or 0.9)
    color = _cmp_band(ratio, 1.0, y, True) if hi else _cmp_band(ratio, 1.0, 2 - y, False)
    return _light(color, f"为城市水平的 {pct(ratio)}", f"{pct(ratio)} of the city level")


def _growth_vs(r: RagRule, v: float, inp: RagInputs) -> Light:
    ly = inp.basis_value(Basis.YOY)
    ref, ref_ly = inp.ref_value(r.ref or ""), inp.ref_value(r.ref or "", Basis.YOY)
    if not ly or ref is None or not ref_ly:
        return grey("同比基期缺失或为零", "YoY basis missing or zero")
    g, gref = v / abs(ly) - 1, ref / abs(ref_ly) - 1
    color = _cmp_band(g, gref, gref + (r.tolerance or 0.0), False)
    return _light(color, f"增幅 {pct(g)}，{r.ref} 增幅 {pct(gref)}", f"growth {pct(g)} vs {r.ref} {pct(gref)}")


def _relative(r: RagRule, v: float, hi: bool, inp: RagInputs, unit: Unit) -> Light:
    ref = inp.ref_value(r.ref or "")
    if ref is None:
        return grey(f"参照指标 {r.ref} 缺失", f"reference {r.ref} missing")
    g, y = float(r.green or 0) * ref, float(r.yellow or 0) * ref
    color = _cmp_band(v, g, y, hi)
    return _light(color, f"{show(v, unit)} 对 {r.ref}×系数 {show(g, unit)}", f"{show(v, unit)} vs {r.ref}×factor {show(g, unit)}")


def _rank(v: float, inp: RagInputs) -> Light:
    n = inp.rank_size()
    if not n:
        return grey("无可比团队", "nothing to rank against")
    color = "green" if v <= math.ceil(n / 3) else "yellow" if v <= math.ceil(2 * n / 3) else "red"
    return _light(color, f"第 {v:.0f} 名 / 共 {n} 名", f"rank {v:.0f} of {n}")


def rate(ind: Indicator, v: float | None, null_reason: str | None, inp: RagInputs) -> Light:
    """The light of one value under its indicator's rule."""
    if v is None:
        zh, en = NULL_REASONS.get(null_reason or "null_input", NULL_REASONS["null_input"])
        return grey(zh, en)
    r, hi, unit = ind.rag, ind.direction == Direction.HIGHER_BETTER, ind.unit
    rules: dict[RagKind, Callable[[], Light]] = {
        RagKind.PLAN_PROGRESS: lambda: _plan_progress(r, v, hi, inp, unit),
        RagKind.TARGET: lambda: _target(r, v, hi, inp, unit),
        RagKind.THRESHOLD: lambda: _threshold(r, v, hi, unit),
        RagKind.GROWTH: lambda: _growth(r, v, hi, inp),
        RagKind.CHANGE: lambda: _change(r, v, hi, inp, unit),
        RagKind.BENCHMARK: lambda: _benchmark(r, v, hi, inp),
        RagKind.GROWTH_VS: lambda: _growth_vs(r, v, inp),
        RagKind.RELATIVE: lambda: _relative(r, v, hi, inp, unit),
        RagKind.RANK: lambda: _rank(v, inp),
    }
    return rules[r.kind]()


def attainment(ind: Indicator, v: float | None, inp: RagInputs) -> float:
    """How far a value is toward its green line (1 = exactly on it), capped to [0, 1.2].

    Used by the city composite rank (domain.md §3): plan completion ÷ time progress, value ÷
    target (target ÷ value when lower is better), value ÷ city level. Not computable → 0.
    """
    if v is None:
        return 0.0
    r, hi = ind.rag, ind.direction == Direction.HIGHER_BETTER
    a: float | None = None
    if r.kind == RagKind.PLAN_PROGRESS:
        plan = inp.plan(r.plan) if r.plan else inp.expr(r.plan_expr or "")
        p = inp.year_progress if r.progress == "year" else inp.progress
        if plan and plan > 0 and p:
            a = (v / plan) / p if hi else p / (v / plan) if v else 1.2
    elif r.kind in (RagKind.TARGET, RagKind.THRESHOLD):
        t = r.green if r.kind == RagKind.THRESHOLD else (
            r.target if isinstance(r.target, float | int) else inp.expr(str(r.target))
        )
        if t:
            a = v / t if hi else (t / v if v else 1.2)
    elif r.kind == RagKind.BENCHMARK:
        c = inp.city_value()
        if c:
            a = v / c if hi else (c / v if v else 1.2)
    return 0.0 if a is None else max(0.0, min(1.2, a))
