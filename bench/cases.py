"""The benchmarked features, called the way the pages call them (metrics layer, caller's scope).

Each case is `fn(engine, ctx) -> int` (rows or results produced, to check it did work). `ctx`
holds the team, station, period and as-of date chosen by `bench.run`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine

from data.scope import Scope
from metrics.periods import Level, Period, PeriodKind, Window, window
from metrics.request import BatchRequest

DRILL_LIMIT = 50  # pages/org_data.py shows 50 customers per status


@dataclass(frozen=True)
class Ctx:
    """What every case measures: one team, one of its stations, a month as of a day."""

    team: str
    station: str
    period: Period
    as_of: date
    scope: Scope


def board(engine: Engine, c: Ctx) -> int:
    """The full team board: every catalogue indicator with MoM, YoY and plan, one batch."""
    from metrics.evaluator import evaluate

    req = BatchRequest(entities=((Level.TEAM, c.team),), period=c.period, as_of=c.as_of,
                       scope=c.scope)
    return len(evaluate(engine, req).results)


def rankings(engine: Engine, c: Ctx) -> int:
    """All teams ranked by fuel volume (tonnes), with movement against last month."""
    from metrics.rankings import ranking

    return len(ranking(engine, "fuel_volume_t", "team", c.period, c.as_of, c.scope).rows)


def drill(engine: Engine, c: Ctx) -> int:
    """The drill step to a station's customers: active, lost, dormant (50 each, with trends),
    in one `customer_lists` call without purchases elsewhere, as pages/org_data.py asks."""
    from metrics.customer_lists import customer_lists

    w = window(c.period, c.as_of)
    kinds = ("active", "lost", "dormant")
    lists = customer_lists(engine, "station", c.station, w, c.scope, kinds, DRILL_LIMIT,
                           moves=False)
    return sum(len(lists[k]) for k in kinds)


def churn(engine: Engine, c: Ctx) -> int:
    """A team's churn worklist (warnings), whole, without the per-customer histories."""
    from metrics.customer_lists import customer_list

    w = window(c.period, c.as_of)
    return len(customer_list(engine, "team", c.team, w, c.scope, "warning", details=False))


def statement(engine: Engine, c: Ctx) -> int:
    """The operating statement (量本费利) of the team for the month to date."""
    from metrics.statement import StatementRequest, build

    req = StatementRequest((Level.TEAM, c.team), c.period, "month", c.scope, c.as_of)
    return len(build(engine, req).rows)


def quarter_window(c: Ctx) -> Window:
    """The quarter of the benchmarked month, to the as-of day."""
    p = c.period
    quarter = Period(PeriodKind.QUARTER, p.year, (p.start.month - 1) // 3 + 1)
    return window(quarter, c.as_of)


def bands(engine: Engine, c: Ctx) -> int:
    """Amount bands for a team-quarter, with its campaigns' thresholds (as /bands asks)."""
    from metrics.bands import campaign_thresholds, distribution

    w = quarter_window(c)
    found = campaign_thresholds(engine, c.scope, Level.TEAM, c.team, w)
    return len(distribution(engine, c.scope, Level.TEAM, c.team, w, list(found.values())).bands)


CASES: dict[str, Callable[[Engine, Ctx], int]] = {
    "board": board, "rankings": rankings, "drill": drill, "churn": churn,
    "statement": statement, "bands": bands,
}
