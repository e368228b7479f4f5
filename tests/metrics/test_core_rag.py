"""Every RAG kind on hand-worked numbers, both directions, grey with reasons."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from metrics.model import Basis, Indicator
from metrics.rag import attainment, rate


def ind(rag: dict, direction: str = "higher_better", unit: str = "t") -> Indicator:
    return Indicator(
        id="x", name_zh="某指标", name_en="X", theme="volume", unit=unit,
        description="测试用指标口径说明。", formula="x", value="m",
        direction=direction, rag=rag,
    )


@dataclass
class Inputs:
    """Hand-set inputs a rule may ask for."""

    progress: float = 0.5
    year_progress: float = 0.8
    plans: dict = field(default_factory=dict)
    basis: dict = field(default_factory=dict)
    city: float | None = None
    refs: dict = field(default_factory=dict)
    exprs: dict = field(default_factory=dict)
    n: int | None = None

    def basis_value(self, basis: Basis):
        return self.basis.get(basis)

    def city_value(self):
        return self.city

    def ref_value(self, ref, basis=None):
        return self.refs.get((ref, basis))

    def plan(self, measure):
        return self.plans.get(measure)

    def expr(self, text):
        return self.exprs.get(text)

    def rank_size(self):
        return self.n


PP = {"kind": "plan_progress", "plan": "p"}


@pytest.mark.parametrize(
    ("value", "plan", "color"),
    [(50, 100, "green"), (48, 100, "yellow"), (47.4, 100, "red"), (47.5, 100, "yellow")],
)
def test_plan_progress_higher(value: float, plan: float, color: str) -> None:
    # p = 0.5: completion 0.50 ≥ p green; 0.475 = 0.95·p is the yellow floor
    light = rate(ind(PP), value, None, Inputs(plans={"p": plan}))
    assert light.color == color


def test_plan_progress_reason_words() -> None:
    light = rate(ind(PP), 46.2, None, Inputs(progress=0.452, plans={"p": 100}))
    assert light.color == "green"
    assert light.reason_zh == "完成率 46.2% ≥ 时间进度 45.2% → 绿"
    assert light.reason_en == "completion 46.2% ≥ time progress 45.2% → green"


@pytest.mark.parametrize(("value", "color"), [(50, "green"), (52, "yellow"), (52.6, "red")])
def test_plan_progress_budget_lower_better(value: float, color: str) -> None:
    # budget 100, p = 0.5: used ≤ 0.5 green, ≤ 0.525 yellow
    assert rate(ind(PP, "lower_better"), value, None, Inputs(plans={"p": 100})).color == color


@pytest.mark.parametrize(("value", "color"), [(-50, "green"), (-54, "yellow"), (-56, "red")])
def test_plan_progress_negative_plan(value: float, color: str) -> None:
    # plan −100, p = 0.5: Δ = v − (−50); green Δ ≥ 0, yellow Δ ≥ −5
    assert rate(ind(PP), value, None, Inputs(plans={"p": -100})).color == color


def test_plan_progress_year_and_no_plan() -> None:
    rule = {"kind": "plan_progress", "plan": "p", "progress": "year"}
    assert rate(ind(rule), 79, None, Inputs(plans={"p": 100})).color == "yellow"  # 0.79 < 0.8
    grey = rate(ind(PP), 10, None, Inputs(plans={}))
    assert grey.color == "grey" and "无计划" in grey.reason_zh
    # a zero target is a plan: Δ = v − 0 × p
    assert rate(ind(PP), 0.0, None, Inputs(plans={"p": 0.0})).color == "green"
    assert rate(ind(PP), -1.0, None, Inputs(plans={"p": 0.0})).color == "red"


@pytest.mark.parametrize(
    ("rule", "direction", "value", "color"),
    [
        ({"kind": "target", "target": 0.65, "tolerance": 0.03}, "higher_better", 0.65, "green"),
        ({"kind": "target", "target": 0.65, "tolerance": 0.03}, "higher_better", 0.62, "yellow"),
        ({"kind": "target", "target": 0.65, "tolerance": 0.03}, "higher_better", 0.619, "red"),
        ({"kind": "target", "target": 100, "tolerance": 0.05, "relative": True}, "lower_better", 105, "yellow"),
        ({"kind": "target", "target": 100, "tolerance": 0.05, "relative": True}, "lower_better", 105.1, "red"),
        ({"kind": "threshold", "green": 0.97, "yellow": 0.95}, "higher_better", 0.96, "yellow"),
        ({"kind": "threshold", "green": 0.03, "yellow": 0.04}, "lower_better", 0.03, "green"),
        ({"kind": "threshold", "green": 0.03, "yellow": 0.04}, "lower_better", 0.041, "red"),
    ],
)
def test_target_and_threshold(rule: dict, direction: str, value: float, color: str) -> None:
    assert rate(ind(rule, direction), value, None, Inputs()).color == color


def test_target_expression() -> None:
    rule = {"kind": "target", "target": "progress", "tolerance": 0.05, "relative": True}
    assert rate(ind(rule), 0.48, None, Inputs(exprs={"progress": 0.5})).color == "yellow"
    assert rate(ind(rule), 0.5, None, Inputs(exprs={})).color == "grey"


def test_growth_and_change() -> None:
    g = {"kind": "growth", "basis": "yoy", "green": 0.0, "yellow": -0.05}
    assert rate(ind(g), 96, None, Inputs(basis={Basis.YOY: 100})).color == "yellow"  # −4 %
    assert rate(ind(g), 94, None, Inputs(basis={Basis.YOY: 100})).color == "red"
    assert rate(ind(g), 94, None, Inputs(basis={Basis.YOY: 0})).color == "grey"
    c = {"kind": "change", "basis": "mom", "green": 0.0, "yellow": -0.02}
    light = rate(ind(c, unit="ratio"), 0.60, None, Inputs(basis={Basis.MOM: 0.615}))
    assert light.color == "yellow" and "-1.5 个百分点" in light.reason_zh


def test_benchmark_relative_growth_vs_rank() -> None:
    b = {"kind": "benchmark", "yellow": 0.9}
    assert rate(ind(b), 9.5, None, Inputs(city=10)).color == "yellow"
    assert rate(ind(b), 8.9, None, Inputs(city=10)).color == "red"
    assert rate(ind(b, "lower_better"), 10.5, None, Inputs(city=10)).color == "yellow"
    assert rate(ind(b), 9.5, None, Inputs(city=None)).color == "grey"
    r = {"kind": "relative", "ref": "gp", "green": 0.5, "yellow": 1.0}
    assert rate(ind(r, "lower_better"), 80, None, Inputs(refs={("gp", None): 100})).color == "yellow"
    gv = {"kind": "growth_vs", "ref": "vol", "tolerance": 0.05}
    refs = {("vol", None): 110, ("vol", Basis.YOY): 100}
    # own growth 14 % vs driver 10 %: within +5 pp → yellow
    assert rate(ind(gv, "lower_better"), 114, None, Inputs(basis={Basis.YOY: 100}, refs=refs)).color == "yellow"
    assert rate(ind(gv, "lower_better"), 109, None, Inputs(basis={Basis.YOY: 100}, refs=refs)).color == "green"
    rank = {"kind": "rank"}
    assert [rate(ind(rank, "lower_better"), v, None, Inputs(n=7)).color for v in (3, 5, 6)] == [
        "green", "yellow", "red"]  # ⌈7/3⌉ = 3, ⌈14/3⌉ = 5


def test_grey_when_value_is_null_with_reason() -> None:
    light = rate(ind(PP), None, "zero_division", Inputs())
    assert light.color == "grey" and light.reason_zh == "分母为零 → 灰"
    assert light.reason_en == "denominator is zero → grey"


def test_attainment_caps() -> None:
    assert attainment(ind(PP), 60, Inputs(plans={"p": 100})) == pytest.approx(1.2)
    assert attainment(ind(PP), 25, Inputs(plans={"p": 100})) == pytest.approx(0.5)
    assert attainment(ind(PP), None, Inputs()) == 0.0
