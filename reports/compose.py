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

from data.org import Entity, find_entity, latest_day, list_entities
from data.products import Product, list_products
from data.scope import Scope
from metrics.periods import Level, Period, window
from metrics.registry import get_registry
from metrics.request import BatchRequest, BatchResult, EntityError, IndicatorResult
from reports import caveats, contrib, ranks
from reports import products as report_products
from reports.model import Churn, ChurnCustomer, Figure, Mover, Report, StatementLine
from reports.rules import suggest

CHILD = {"province": "city", "city": "team", "team": "station"}
TOP_MOVERS = 2
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
    """The month-on-month change, signed so that positive is good (cost indicators flip); None
    when the previous month's data is incomplete (such a change is no finding)."""
    if f.mom_change is None or f.gap("mom") or f.gap("value"):
        return None
    return -f.mom_change if f.direction == "lower_better" else f.mom_change


def _pick(figs: tuple[Figure, ...]) -> tuple[list[Figure], list[Figure]]:
    """The headlines that moved most for the better and for the worse (TOP_MOVERS each)."""
    scored = [(s, f) for f in figs if (s := _score(f)) is not None and s != 0]
    best = sorted((x for x in scored if x[0] > 0), key=lambda x: (-x[0], x[1].id))[:TOP_MOVERS]
    worst = sorted((x for x in scored if x[0] < 0), key=lambda x: (x[0], x[1].id))[:TOP_MOVERS]
    return [f for _, f in best], [f for _, f in worst]


def _mover(f: Figure, good: bool, ent: Entity, kids: list[Entity], res: BatchResult,
           lists: dict[str, list] | None, prods: tuple[Product, ...]) -> Mover:  # fmt: skip
    who = contrib.customers(lists["active"]) if lists and "active" in lists else ()
    return Mover(f, good, contrib.children(f.id, kids, res),
                 contrib.products(f.id, ent, res, prods),
                 who if f.id in contrib.CUSTOMER_FIGURES else ())  # fmt: skip


def _statement(engine: Engine, req: ReportRequest, as_of: date | None) -> tuple[StatementLine, ...]:
    from metrics.statement import StatementRequest, View, build

    st = build(engine, StatementRequest((Level(req.level), req.entity_id), req.period, View.MONTH,
                                        req.scope, as_of))  # fmt: skip
    return tuple(StatementLine(r.line.id, r.line.name_zh, r.line.name_en, r.line.unit, r.line.depth,
                               r.actual, r.plan, r.completion, r.yoy, r.rag)
                 for r in st.rows)  # fmt: skip


def _customer_lists(engine: Engine, req: ReportRequest, as_of: date | None,
                    active: bool) -> dict[str, list] | None:  # fmt: skip
    """The warning and lost lists (churn section) and, when a fuel figure moved, the active list
    (customer contributors; ~16k rows for a demo team, a third of the report's data CPU) in ONE
    statement; None for an aggregates-only reader, who gets no customer rows."""
    if req.scope.aggregates_only:
        return None
    from metrics.customer_lists import customer_lists

    kinds = ("warning", "lost", "active") if active else ("warning", "lost")
    return customer_lists(engine, req.level, req.entity_id, window(req.period, as_of), req.scope,
                          kinds, details=False)  # fmt: skip


def _churn(lists: dict[str, list] | None) -> Churn | None:
    if lists is None:
        return None  # the section is left out for an aggregates-only reader
    # "serious" and "watch" are the warning list's own flags and order.
    warned = sorted(lists["warning"], key=lambda c: (-c.liters_at_risk, c.customer_id))
    top = tuple(ChurnCustomer(c.customer_id, c.name, c.grade, c.liters_month, c.liters_at_risk,
                              c.serious) for c in warned[:TOP_CHURN])  # fmt: skip
    return Churn(len(warned), sum(1 for c in warned if c.serious), len(lists["lost"]), top)


def effective_as_of(engine: Engine, period: Period, as_of: date | None) -> date | None:
    """The as-of day inside the month: the given one, else the store's last day, else None
    (the month taken whole)."""
    day = as_of or latest_day(engine)
    return day if day is not None and period.contains(day) and day < period.end else None


def compose(engine: Engine, req: ReportRequest) -> Report:
    """The report of `req` (raises EntityError for an entity the scope does not see whole, and
    what metrics.evaluate raises)."""
    from metrics.evaluator import evaluate
    from metrics.statement import registry as statement_registry

    started = time.perf_counter()
    ent = find_entity(engine, req.scope, req.level, req.entity_id)
    if ent is None:
        raise EntityError(f"{req.level} {req.entity_id!r} is unknown or outside the scope")
    as_of = effective_as_of(engine, req.period, req.as_of)
    kids = [] if req.level not in CHILD else [
        e for e in list_entities(engine, req.scope, CHILD[req.level])
        if getattr(e, f"{req.level}_id", "") == ent.id]  # fmt: skip
    # The level's peers (for the ranks) join the one batch when the viewer sees them all: the
    # evaluator groups every entity of a level in the same statements, so they cost little
    # there. Otherwise their values come from a batch of their own that only reports.ranks reads.
    peers, shared = ranks.peers(engine, req.level), ranks.in_report_batch(req.scope)
    ids, prods = headline_ids(), list_products(engine)
    keys = tuple(dict.fromkeys((ent.key, *(e.key for e in kids),
                                *(p.key for p in peers if shared))))  # fmt: skip
    splits = contrib.split_indicators() + report_products.indicator_ids(prods)
    res = evaluate(engine, BatchRequest(entities=keys, period=req.period, scope=req.scope,
                                        indicators=ids + splits, as_of=as_of),
                   report_products.registry(statement_registry(), prods))  # fmt: skip
    from metrics.coverage import store_coverage

    cov, win = store_coverage(engine), window(req.period, as_of)
    figs = tuple(caveats.with_gaps(_figure(res.get(i, ent.key)), win, cov) for i in ids)
    up, down = _pick(figs)
    lists = _customer_lists(engine, req, as_of,
                            any(f.id in contrib.CUSTOMER_FIGURES for f in up + down))
    best = tuple(_mover(f, True, ent, kids, res, lists, prods) for f in up)
    worst = tuple(_mover(f, False, ent, kids, res, lists, prods) for f in down)
    rank = None
    if peers:
        values = res if shared else ranks.peer_values(engine, peers, req.period, as_of, ids)
        rank = ranks.rank_info(ent, peers, values, ids)
    churn = _churn(lists)
    report = Report(
        level=req.level, entity_id=ent.id, entity_name=ent.name, period=str(req.period),
        as_of=as_of, window_label=res.window_label, time_progress=res.time_progress,
        headlines=figs, best=best, worst=worst, rank=rank,
        statement=_statement(engine, req, as_of), churn=churn, suggestions=(),
        coverage=(cov.first, cov.last), statement_yoy_gap=caveats.statement_gap(win, cov),
    )  # fmt: skip
    from dataclasses import replace

    return replace(report, suggestions=suggest(report),
                   seconds=time.perf_counter() - started)  # fmt: skip
