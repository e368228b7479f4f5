"""The RAG light each indicator should show, from docs/catalogue-format.md's rule table.

Inputs are oracle values only: the indicator's value, its value in the like-for-like MoM/YoY
window, its city's value (benchmark), a referenced indicator's value, plans summed over the
period's whole months, and time progress. The few expression-valued parameters of the catalogue
(a target or plan written as a formula) are spelled out below from their YAML text.
"""

from __future__ import annotations

from datetime import date

from metrics.periods import Period, PeriodKind, Window, comparison
from tests.metrics.oracle import ORACLES
from tests.metrics.oracle import frames as F

Fr = F.Frames


def _value(fr: Fr, ind: str, level: str, eid: str, win: Window) -> float | None:
    return ORACLES[ind](fr, level, eid, win)


def _plan(fr: Fr, level: str, eid: str, win: Window, measure: str) -> float:
    return F.plan_sum(fr, level, eid, win.period.months(), measure)


def _plan_or_none(fr: Fr, level: str, eid: str, win: Window, measure: str) -> float | None:
    """The period's plan, None when the entity has no plan row at all ("no plan" → grey)."""
    if not F.plan_rows(fr, level, eid, win.period.months(), measure):
        return None
    return _plan(fr, level, eid, win, measure)


def year_progress(win: Window) -> float:
    """Elapsed days of the window-end's year ÷ days in that year."""
    year = Period(PeriodKind.YEAR, win.end.year)
    return ((win.end - date(win.end.year, 1, 1)).days + 1) / year.days


# The YAML text of each expression spelled out below; a changed text fails loudly.
SPELLED_OUT = {
    "fuel_gross_profit": 'plan("fuel_volume_t") * ly(fuel_gp_per_tonne)',
    "total_gross_profit": 'plan("fuel_volume_t") * ly(fuel_gp_per_tonne) + plan("nonfuel_gross_profit")',
    "expense_per_tonne": 'plan("expenses") / plan("fuel_volume_t")',
    "profit_per_tonne": 'plan("operating_profit") / plan("fuel_volume_t")',
    "expenses_yoy": "fuel_volume_yoy",
}


def _plan_expr(fr: Fr, ind: str, level: str, eid: str, win: Window,
               text: str = "1") -> float | None:
    """The plan of an indicator whose rule names a plan expression (spelled out per indicator)."""
    if text.strip() == "1":
        return 1.0  # the completion indicators: their value is already value ÷ plan
    if SPELLED_OUT.get(ind) != text:
        raise KeyError(f"plan expression of {ind} changed to {text!r}: spell it out here")
    ly = comparison(win, "yoy")
    gp_t_ly = ORACLES["fuel_gp_per_tonne"](fr, level, eid, ly)
    vol_plan = _plan(fr, level, eid, win, "fuel_volume_t")
    if ind == "fuel_gross_profit":
        return None if gp_t_ly is None else vol_plan * gp_t_ly
    if ind == "total_gross_profit":
        return None if gp_t_ly is None else (vol_plan * gp_t_ly
                                             + _plan(fr, level, eid, win, "nonfuel_gross_profit"))
    raise KeyError(f"no plan expression spelled out for {ind}: {text}")


def _target(fr: Fr, ind: str, target: object, level: str, eid: str, win: Window) -> float | None:
    if isinstance(target, int | float):
        return float(target)
    if SPELLED_OUT.get(ind) != target:
        raise KeyError(f"target of {ind} changed to {target!r}: spell it out here")
    plan_t = _plan(fr, level, eid, win, "fuel_volume_t")
    if ind == "expense_per_tonne":
        return F.ratio(_plan(fr, level, eid, win, "expenses"), plan_t)
    if ind == "profit_per_tonne":
        return F.ratio(_plan(fr, level, eid, win, "operating_profit"), plan_t)
    if ind == "expenses_yoy":
        return ORACLES["fuel_volume_yoy"](fr, level, eid, win)
    raise KeyError(f"no target expression spelled out for {ind}: {target}")


def _on_scale(v: float, green: float, yellow: float, higher: bool) -> str:
    if higher:
        return "green" if v >= green else "yellow" if v >= yellow else "red"
    return "green" if v <= green else "yellow" if v <= yellow else "red"


def _plan_progress(v: float, plan: float | None, p: float, higher: bool) -> str:
    if plan is None:
        return "grey"
    if plan <= 0:
        delta = v - plan * p
        return "green" if delta >= 0 else "yellow" if delta >= -0.05 * abs(plan) else "red"
    c = v / plan
    return _on_scale(c, p, 0.95 * p, True) if higher else _on_scale(c, p, 1.05 * p, False)


def expected_rag(fr: Fr, ind, level: str, eid: str, win: Window) -> str:  # noqa: ANN001
    """The colour of indicator `ind` (a registry Indicator) at the entity and window."""
    r, higher = ind.rag, str(ind.direction) == "higher_better"
    v = _value(fr, ind.id, level, eid, win)
    if v is None:
        return "grey"
    kind = str(r.kind)
    if kind == "plan_progress":
        p = year_progress(win) if r.progress == "year" else win.progress
        plan = (_plan_or_none(fr, level, eid, win, r.plan) if r.plan
                else _plan_expr(fr, ind.id, level, eid, win, r.plan_expr or ""))
        return _plan_progress(v, plan, p, higher)
    if kind == "threshold":
        return _on_scale(v, r.green, r.yellow, higher)
    if kind in ("growth", "change"):
        base = _value(fr, ind.id, level, eid, comparison(win, str(r.basis)))
        x = F.growth(v, base) if kind == "growth" else (None if base is None else v - base)
        return "grey" if x is None else _on_scale(x, r.green, r.yellow, higher)
    if kind == "target":
        t = _target(fr, ind.id, r.target, level, eid, win)
        if t is None:
            return "grey"
        tol = t * r.tolerance if r.relative else r.tolerance
        return _on_scale(v, t, t - tol, True) if higher else _on_scale(v, t, t + tol, False)
    if kind == "benchmark":
        city = fr.stations.loc[fr.stations["station_id"].isin(F.station_ids(fr, level, eid)),
                               "city_id"].iloc[0]
        ratio_ = F.ratio(v, _value(fr, ind.id, "city", city, win))
        return "grey" if ratio_ is None else _on_scale(ratio_, 1.0, r.yellow, True)
    if kind == "relative":
        ref = _value(fr, r.ref, level, eid, win)
        if ref is None:
            return "grey"
        return _on_scale(v, r.green * ref, r.yellow * ref, False)
    if kind == "growth_vs":
        ly = comparison(win, "yoy")
        g = F.growth(v, _value(fr, ind.id, level, eid, ly))
        g_ref = F.growth(_value(fr, r.ref, level, eid, win), _value(fr, r.ref, level, eid, ly))
        if g is None or g_ref is None:
            return "grey"
        return _on_scale(g, g_ref, g_ref + r.tolerance, False)
    raise KeyError(f"no RAG oracle for rule kind {kind}")
