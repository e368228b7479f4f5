"""The value-expression language: whitelist parsing, references, null rules, substitution."""

from __future__ import annotations

from datetime import date

import pytest

from metrics.expr import ExprError, Name, Val, calls, names, parse, plan_measures
from metrics.expr_eval import shift, walk
from metrics.periods import Level, Period, Window, window

BASE = window(Period.parse("2026-10"), date(2026, 10, 15))
ENT = (Level.TEAM, "T1")


class DictCtx:
    """A plain in-memory context: measure values per (name, window start, window end)."""

    def __init__(self, values: dict, indicators: dict | None = None):
        self.values, self.inds = values, indicators or {}

    def kind_of(self, name: str) -> str:
        return "indicator" if name in self.inds else "measure"

    def measure(self, ident: str, win: Window, ent):
        return self.values.get((ident, win.start, win.end))

    def plan(self, measure: str, span: str, win: Window, ent):
        return self.values.get((f"plan:{measure}:{span}", win.start, win.end))

    def indicator(self, ident: str, win: Window, ent) -> Val:
        return walk(parse(self.inds[ident]), self, win, ent)

    def city_of(self, ent):
        return (Level.CITY, "C1")

    def stations_of(self, ent, win):
        return [(Level.STATION, "S1"), (Level.STATION, "S2")] if ent[0] != Level.STATION else []

    def meta(self, func, win, ent, kwargs):
        return Val(None, "空", "not_computable")


def cur(name: str, v: float) -> dict:
    return {(name, BASE.start, BASE.end): v}


@pytest.mark.parametrize(
    "text",
    ["__import__('os')", "a.b", "a[1]", "lambda: 1", "a if b else c", "a ** 2", "a < b",
     "open('x')", "x(1)", "plan(fuel)", "stations_where(a, eq, 1)", "prev()"],
)
def test_parse_rejects_what_is_not_in_the_language(text: str) -> None:
    with pytest.raises(ExprError):
        parse(text)


def test_parse_collects_references_calls_and_plans() -> None:
    node = parse('growth(a, prev(b)) + c / plan("fuel_volume_t") - ly(d) * 2')
    assert names(node) == {"a", "b", "c", "d"}
    assert {"growth", "prev", "plan", "ly"} <= calls(node)
    assert plan_measures(node) == {"fuel_volume_t"}
    assert parse("progress") == Name("progress") and names(parse("progress * days")) == set()


def test_arithmetic_and_substitution() -> None:
    ctx = DictCtx(cur("a", 6.0) | cur("b", 4.0))
    v = walk(parse("(a + b) / 2 - -1"), ctx, BASE, ENT)
    assert v.value == 6.0
    assert v.text == "(6 + 4) / 2 - -1"


def test_null_rules() -> None:
    ctx = DictCtx(cur("a", 6.0) | cur("z", 0.0))
    assert walk(parse("a / z"), ctx, BASE, ENT).reason == "zero_division"
    missing = walk(parse("a + nothing"), ctx, BASE, ENT)
    assert missing.value is None and missing.reason == "null_input"
    # a null inside keeps its original reason through further arithmetic
    assert walk(parse("(a / z) * 2"), ctx, BASE, ENT).reason == "zero_division"
    assert walk(parse("growth(a, z)"), ctx, BASE, ENT).reason == "zero_division"


def test_window_functions_move_like_for_like() -> None:
    prev = shift("prev", BASE)
    ly = shift("ly", BASE)
    ytd = shift("ytd", BASE)
    assert (prev.start, prev.end) == (date(2026, 9, 1), date(2026, 9, 15))
    assert (ly.start, ly.end) == (date(2025, 10, 1), date(2025, 10, 15))
    assert (ytd.start, ytd.end) == (date(2026, 1, 1), date(2026, 10, 15))
    ly_ytd = shift("ly_ytd", BASE)
    assert (ly_ytd.start, ly_ytd.end) == (date(2025, 1, 1), date(2025, 10, 15))
    values = cur("a", 12.0) | {("a", prev.start, prev.end): 8.0, ("a", ly.start, ly.end): 10.0}
    ctx = DictCtx(values)
    assert walk(parse("growth(a, prev(a))"), ctx, BASE, ENT).value == pytest.approx(0.5)
    assert walk(parse("a / ly(a) - 1"), ctx, BASE, ENT).value == pytest.approx(0.2)
    assert walk(parse("growth(a, -8)"), ctx, BASE, ENT).value == pytest.approx(12 / 8 - 1)


def test_variables_min_max_abs() -> None:
    ctx = DictCtx(cur("a", -3.0))
    assert walk(parse("days"), ctx, BASE, ENT).value == 15
    assert walk(parse("period_days"), ctx, BASE, ENT).value == 31
    assert walk(parse("progress"), ctx, BASE, ENT).value == pytest.approx(15 / 31)
    assert walk(parse("year_progress"), ctx, BASE, ENT).value == pytest.approx(288 / 365)
    assert walk(parse("max(a, 0) + min(a, 1) + abs(a)"), ctx, BASE, ENT).value == 0.0


def test_indicator_references_and_plans() -> None:
    values = cur("t", 3.0) | cur("plan:t_ind:period", 0.0)
    ctx = DictCtx(values, {"t_ind": "t * 2"})
    assert walk(parse("t_ind + 1"), ctx, BASE, ENT).value == 7.0
    v = walk(parse('t_ind / plan("t_ind")'), ctx, BASE, ENT)
    assert v.value is None and v.reason == "zero_division"
    none = walk(parse('t_ind / plan("other")'), ctx, BASE, ENT)
    assert none.value is None and none.reason == "no_plan"


def test_stations_where_counts_open_stations() -> None:
    class StationCtx(DictCtx):
        def measure(self, ident, win, ent):
            return {"S1": 5.0, "S2": 1.0}.get(ent[1], 0.0)

    ctx = StationCtx({})
    assert walk(parse("stations_where(v, ge, 2)"), ctx, BASE, ENT).value == 0.5
    assert walk(parse("stations_where(v, lt, 10)"), ctx, BASE, ENT).value == 1.0
    none = walk(parse("stations_where(v, gt, 0)"), ctx, BASE, (Level.STATION, "S1"))
    assert none.value is None and none.reason == "no_stations"
