"""Compose the report of one entity and month from the metrics layer (every number from it).

One batch for the headlines (entity + its child entities, MoM/YoY/plan), the composite rank of
metrics.rankings, the statement of metrics.statement, the churn lists of metrics.customer_lists;
then the suggestion rules of reports.rules. Sentences are made later by reports.text.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine

from data.org import find_entity, latest_day, list_entities
from data.scope import Scope
from metrics.periods import Level, Period, window
from metrics.registry import get_registry
from metrics.request import BatchRequest, EntityError, IndicatorResult
from reports.model import (
    Churn,
    ChurnCustomer,
    Contributor,
    Figure,
    Mover,
    RankInfo,
    Report,
    StatementLine,
)  # fmt: skip
from reports.rules import suggest

CHILD = {"province": "city", "city": "team", "team": "station"}
TOP_MOVERS = 2
TOP_CONTRIBUTORS = 3
TOP_CHURN = 5


@dataclass(frozen=True)
class ReportRequest:
    """One report: entity, month, the caller's scope, optional as-of day (else the last data day
    when it falls inside the month)."""

    level: str
    entity_id: str
    period: Period
    scope: Scope
    as_of: date | None = None


def headline_ids() -> tuple[str, ...]:
    """The catalogue's headline indicators, in catalogue order."""
    return tuple(i for i, ind in get_registry().indicators.items() if ind.headline)


def _figure(r: IndicatorResult) -> Figure:
    ind = get_registry().indicators[r.indicator]
    return Figure(
        id=ind.id, name_zh=ind.name_zh, name_en=ind.name_en, unit=str(ind.unit.value),
        direction=str(ind.direction.value), value=r.value, plan=r.plan_value,
        completion=r.plan_completion, time_progress=r.time_progress, mom_value=r.mom_value,
        mom_change=r.mom_change, yoy_change=r.yoy_change, rag=str(r.rag),
        rag_reason_zh=r.rag_reason_zh or "", rag_reason_en=r.rag_reason_en or "",
    )  # fmt: skip


def _score(f: Figure) -> float | None:
    """The month-on-month change, signed so that positive is good (cost indicators flip)."""
    if f.mom_change is None:
        return None
    return -f.mom_change if f.direction == "lower_better" else f.mom_change


def _contributors(fig: Figure, kids: list, res) -> tuple[Contributor, ...]:  # noqa: ANN001
    rows = []
    for e in kids:
        r = res.get(fig.id, e.key)
        delta = None if r.value is None or r.mom_value is None else r.value - r.mom_value
        rows.append(Contributor(e.level, e.id, e.name, r.value, r.mom_value, delta))
    rows.sort(key=lambda c: (-(abs(c.delta) if c.delta is not None else -1.0), c.id))
    return tuple(rows[:TOP_CONTRIBUTORS])


def _movers(figs: tuple[Figure, ...], kids: list, res) -> tuple[tuple[Mover, ...], tuple[Mover, ...]]:  # noqa: ANN001,E501
    scored = [(s, f) for f in figs if (s := _score(f)) is not None and s != 0]
    best = sorted((x for x in scored if x[0] > 0), key=lambda x: (-x[0], x[1].id))[:TOP_MOVERS]
    worst = sorted((x for x in scored if x[0] < 0), key=lambda x: (x[0], x[1].id))[:TOP_MOVERS]
    return (tuple(Mover(f, True, _contributors(f, kids, res)) for _, f in best),
            tuple(Mover(f, False, _contributors(f, kids, res)) for _, f in worst))  # fmt: skip


def _rank(engine: Engine, req: ReportRequest, as_of: date | None, city: str) -> RankInfo | None:
    if req.level not in ("team", "station") or not city:
        return None
    from metrics.rankings import composite

    ranking = composite(engine, req.level, req.period, as_of, req.scope, city=city)
    row = next((r for r in ranking.rows if r.id == req.entity_id), None)
    if row is None:
        return None
    n = sum(1 for r in ranking.rows if r.rank is not None)
    return RankInfo(row.rank, row.prev_rank, row.movement, n, city)


def _statement(engine: Engine, req: ReportRequest, as_of: date | None) -> tuple[StatementLine, ...]:
    from metrics.statement import StatementRequest, View, build

    st = build(engine, StatementRequest((Level(req.level), req.entity_id), req.period, View.MONTH,
                                        req.scope, as_of))  # fmt: skip
    return tuple(StatementLine(r.line.id, r.line.name_zh, r.line.name_en, r.line.unit, r.line.depth,
                               r.actual, r.plan, r.completion, r.yoy, r.rag)
                 for r in st.rows)  # fmt: skip


def _churn(engine: Engine, req: ReportRequest, as_of: date | None) -> Churn | None:
    if req.scope.aggregates_only:
        return None  # no customer rows for an aggregates-only reader: the section is left out
    from metrics.customer_lists import customer_list

    w = window(req.period, as_of)

    def rows(kind: str, limit: int | None = None) -> list:
        return customer_list(engine, req.level, req.entity_id, w, req.scope, kind, limit,
                             details=False)  # fmt: skip

    # Two queries, not four: "serious" and "watch" are the warning list's own flags and order.
    warned = sorted(rows("warning"), key=lambda c: (-c.liters_at_risk, c.customer_id))
    top = tuple(ChurnCustomer(c.customer_id, c.name, c.grade, c.liters_month, c.liters_at_risk,
                              c.serious) for c in warned[:TOP_CHURN])  # fmt: skip
    return Churn(len(warned), sum(1 for c in warned if c.serious), len(rows("lost")), top)


def effective_as_of(engine: Engine, period: Period, as_of: date | None) -> date | None:
    """The as-of day inside the month: the given one, else the store's last day, else None
    (the month taken whole)."""
    day = as_of or latest_day(engine)
    return day if day is not None and period.contains(day) and day < period.end else None


def compose(engine: Engine, req: ReportRequest) -> Report:
    """The report of `req` (raises EntityError for an entity the scope does not see whole, and
    what metrics.evaluate raises)."""
    from metrics.evaluator import evaluate

    started = time.perf_counter()
    ent = find_entity(engine, req.scope, req.level, req.entity_id)
    if ent is None:
        raise EntityError(f"{req.level} {req.entity_id!r} is unknown or outside the scope")
    as_of = effective_as_of(engine, req.period, req.as_of)
    kids = [] if req.level not in CHILD else [
        e for e in list_entities(engine, req.scope, CHILD[req.level])
        if getattr(e, f"{req.level}_id", "") == ent.id]  # fmt: skip
    ids = headline_ids()
    res = evaluate(engine, BatchRequest(entities=(ent.key, *(e.key for e in kids)),
                                        period=req.period, scope=req.scope, indicators=ids,
                                        as_of=as_of))  # fmt: skip
    figs = tuple(_figure(res.get(i, ent.key)) for i in ids)
    best, worst = _movers(figs, kids, res)
    rank = _rank(engine, req, as_of, ent.city_id)
    churn = _churn(engine, req, as_of)
    report = Report(
        level=req.level, entity_id=ent.id, entity_name=ent.name, period=str(req.period),
        as_of=as_of, window_label=res.window_label, time_progress=res.time_progress,
        headlines=figs, best=best, worst=worst, rank=rank,
        statement=_statement(engine, req, as_of), churn=churn, suggestions=(),
    )  # fmt: skip
    from dataclasses import replace

    return replace(report, suggestions=suggest(report),
                   seconds=time.perf_counter() - started)  # fmt: skip
