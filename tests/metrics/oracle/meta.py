"""Oracles of the two meta indicators (plan theme): the green share and the city rank.

Both are read from their YAML descriptions: the green share counts the lights of every other
indicator defined at the entity's level (not itself, not the rank), green ÷ non-grey; the rank
scores each team of the city by the weighted attainment of eight headline indicators
(completion ÷ time progress for plan rules, actual ÷ target for targets, target ÷ actual for a
lower-is-better target), each capped to [0, 1.2], an attainment that cannot be computed scoring 0.
"""

from __future__ import annotations

from functools import cache

from metrics.periods import Window
from tests.metrics.oracle import ORACLES
from tests.metrics.oracle import frames as F
from tests.metrics.oracle import rag as R

Fr = F.Frames
META = ("green_indicator_share", "team_city_rank")
WEIGHTS = {"fuel_volume_t": 0.2, "operating_profit": 0.2, "fuel_gross_profit": 0.15,
           "nonfuel_revenue": 0.1, "nonfuel_gross_profit": 0.1, "expense_per_tonne": 0.1,
           "price_realization_rate": 0.1, "member_volume_share": 0.05}


def green_share(fr: Fr, defs: dict, level: str, eid: str, win: Window) -> float | None:
    """Green lights ÷ non-grey lights over the other indicators defined at the level."""
    colours = [R.expected_rag(fr, d, level, eid, win) for i, d in defs.items()
               if i not in META and level in {str(lv) for lv in d.levels}]
    lit = [c for c in colours if c != "grey"]
    return F.ratio(sum(c == "green" for c in lit), len(lit))


def attainment(fr: Fr, d, level: str, eid: str, win: Window) -> float:  # noqa: ANN001
    """How far one headline indicator is toward its plan or target, capped to [0, 1.2]."""
    v = ORACLES[d.id](fr, level, eid, win)
    r = d.rag
    a: float | None = None
    if v is not None and str(r.kind) == "plan_progress":
        plan = (R._plan_or_none(fr, level, eid, win, r.plan) if r.plan
                else R._plan_expr(fr, d.id, level, eid, win, r.plan_expr or ""))
        # A completion rate exists only for a positive plan (the rule table judges a plan ≤ 0
        # by the difference v − plan × p instead), so a plan ≤ 0 gives no attainment.
        c = F.ratio(v, plan) if plan is not None and plan > 0 else None
        a = None if c is None else c / win.progress
    elif v is not None and str(r.kind) == "target":
        t = R._target(fr, d.id, r.target, level, eid, win)
        a = F.ratio(t, v) if str(d.direction) == "lower_better" else F.ratio(v, t)
    return 0.0 if a is None else min(max(a, 0.0), 1.2)


def team_score(fr: Fr, defs: dict, team: str, win: Window) -> float:
    """Σ weight × attainment of the eight headline indicators."""
    return sum(w * attainment(fr, defs[i], "team", team, win) for i, w in WEIGHTS.items())


def city_rank(fr: Fr, defs: dict, team: str, win: Window) -> float:
    """1 + the number of teams of the same city with a higher score."""
    st = fr.stations
    city = st.loc[st["team_id"] == team, "city_id"].iloc[0]
    teams = sorted(set(st.loc[st["city_id"] == city, "team_id"]))
    mine = team_score(fr, defs, team, win)
    return float(1 + sum(team_score(fr, defs, t, win) > mine for t in teams))


@cache
def _defs() -> dict:
    from metrics.registry import load

    reg, _problems = load()
    return dict(reg.indicators)


def oracle_green_indicator_share(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Green ÷ non-grey lights of the entity's other indicators."""
    return green_share(fr, _defs(), level, eid, win)


def oracle_team_city_rank(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """The team's rank by weighted headline attainment among its city's teams (1 = best)."""
    if level != "team":
        return None
    return city_rank(fr, _defs(), eid, win)
