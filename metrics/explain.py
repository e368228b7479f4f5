"""Explain one value: definition, formula, substituted formula down to base measures, inputs per
window, filters and period in words AND as SQL, and the rows-behind query (bound parameters):
fact rows, or for a special provider's measure the customers / station-days / campaign cells it
counted (metrics/explain_rows_providers.py; not built for an aggregates-only scope).

This is what the board's "click an indicator" shows (指标解析). It reuses the evaluator's
pipeline, so the explained number is the number on the board.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Engine, Select

from data.scope import Scope
from metrics.compiler import plan_measure, rows_behind
from metrics.evalctx import ValueCtx, span_window
from metrics.evaluator import compute_row, planned, run_plan
from metrics.explain_rows_providers import has_provider_rows, provider_rows
from metrics.expr import PLAN_FUNCS, Input
from metrics.model import Fact, Indicator, Measure
from metrics.periods import Level, Period, Window
from metrics.registry import Registry, get_registry
from metrics.request import BatchRequest, EntityKey

LEVEL_ZH = {Level.PROVINCE: "省", Level.CITY: "城市", Level.TEAM: "团队", Level.STATION: "油站"}


@dataclass
class Step:
    """One indicator in the chain: its expression and the same with values substituted."""

    indicator: str
    entity: EntityKey
    window: str
    expr: str
    substituted: str
    value: float | None


@dataclass
class MeasureInput:
    """A base measure feeding the value: where, when, what filter, how much, and its rows."""

    measure: str
    description: str
    fact: str
    entity: EntityKey
    window: str
    value: float | None
    filters_zh: str
    rows_sql: str | None = None
    rows_params: dict[str, Any] = field(default_factory=dict)
    rows_select: Select | None = None


@dataclass
class Explanation:
    """Everything needed to answer "where does this number come from?"."""

    indicator: Indicator
    entity: EntityKey
    period: str
    window: str
    value: float | None
    rag: str
    rag_reason_zh: str
    rag_reason_en: str
    formula: str
    substituted: str
    filters_zh: str
    filters_sql: str
    steps: list[Step]
    measures: list[MeasureInput]

    @property
    def rows_behind(self) -> Select | None:
        """The first base measure's rows-behind query (the drill target of the board)."""
        return next((m.rows_select for m in self.measures if m.rows_select is not None), None)


def _win_words(win: Window) -> str:
    return f"{win.start:%Y-%m-%d} 至 {win.end:%Y-%m-%d}"


def _filters_zh(m: Measure) -> str:
    if m.fact == Fact.SPECIAL:
        return f"专项计算 {m.provider}.{m.output}"
    return "，".join(f"{k} = {v}" for k, v in m.filter.items()) or "无筛选"


def _render(engine: Engine, stmt: Select) -> tuple[str, dict[str, Any]]:
    compiled = stmt.compile(dialect=engine.dialect)
    return str(compiled), dict(compiled.params)


def _measure_input(
    engine: Engine, reg: Registry, inp: Input, scope: Scope
) -> MeasureInput | None:
    win = inp.window
    if inp.kind == "plan":
        # plan_year/plan_month read whole months of the plan's span, not the view's window
        # (the same rule as metrics.explain_rows._measure_of)
        func_name, _, name = inp.name.partition(":")
        m, win = plan_measure(name), span_window(PLAN_FUNCS[func_name], inp.window)
    elif inp.kind == "measure":
        m = reg.measures[inp.name]
    else:
        return None
    level, ident = inp.entity
    out = MeasureInput(
        measure=m.id, description=m.description, fact=str(m.fact), entity=inp.entity,
        window=_win_words(win), value=inp.value, filters_zh=_filters_zh(m),
    )
    stmt: Select | None = None
    if m.fact not in (Fact.SPECIAL, Fact.STATION):
        stmt = rows_behind(m, level, ident, win, scope)
    elif has_provider_rows(m) and not scope.aggregates_only:  # lists customers: never the wall
        stmt = provider_rows(m, win, (Level(level), ident), scope)
    if stmt is not None:
        out.rows_select = stmt
        out.rows_sql, out.rows_params = _render(engine, stmt)
    return out


def _walk_steps(
    ctx: ValueCtx, ident: str, win: Window, ent: EntityKey, seen: set, leaves: dict
) -> list[Step]:
    """The indicator and, recursively, the indicators it is made of; base inputs into leaves."""
    key = (ident, win.start, win.end, ent)
    if key in seen:
        return []
    seen.add(key)
    val = ctx.indicator(ident, win, ent)
    ind = ctx.reg.indicators[ident]
    out = [Step(ident, ent, _win_words(win), ind.value, val.text, val.value)]
    for inp in val.inputs:
        if inp.kind == "indicator":
            out += _walk_steps(ctx, inp.name, inp.window, inp.entity, seen, leaves)
        elif inp.kind in ("measure", "plan"):
            leaves.setdefault((inp.name, inp.window.start, inp.window.end, inp.entity), inp)
    return out


def explain(
    engine: Engine,
    indicator_id: str,
    entity: EntityKey,
    period: Period,
    as_of: date | None,
    scope: Scope,
    registry: Registry | None = None,
) -> Explanation:
    """Explain one indicator's value at one entity (ScopeError/EntityError as `evaluate`)."""
    reg = registry or get_registry()
    ent = (Level(entity[0]), entity[1])
    req = BatchRequest(entities=(ent,), period=period, scope=scope, indicators=(indicator_id,), as_of=as_of)
    with engine.connect() as conn:
        org, base, _, plan = planned(conn, engine, req, reg)  # the store's current rollups
        values = run_plan(conn, plan)
    ctx = ValueCtx(reg, org, scope, base, values)
    ind = reg.indicators[indicator_id]
    row = compute_row(ctx, ind, ent, req)
    leaves: dict[tuple, Input] = {}
    steps = _walk_steps(ctx, indicator_id, base, ent, set(), leaves)
    measures = [m for i in leaves.values() if (m := _measure_input(engine, reg, i, scope))]
    # the filter in words comes from a fact's plain WHERE (a provider's SQL is CTEs)
    first = next((m for m in measures if m.rows_sql and m.fact != Fact.SPECIAL), None)
    where = first.rows_sql.split("WHERE", 1)[1].split("ORDER BY")[0].strip() if first and first.rows_sql else ""
    return Explanation(
        indicator=ind, entity=ent, period=str(period), window=base.label(), value=row.value,
        rag=row.rag, rag_reason_zh=row.rag_reason_zh, rag_reason_en=row.rag_reason_en,
        formula=ind.formula, substituted=row.substituted,
        filters_zh=f"{LEVEL_ZH.get(ent[0], ent[0])} = {ent[1]}，{_win_words(base)}",
        filters_sql=where, steps=steps, measures=measures,
    )


def to_text(e: Explanation) -> str:
    """A plain-text rendering (CLI `explain --format text`)."""
    lines = [
        f"{e.indicator.name_zh} ({e.indicator.id}) = {e.value}  [{e.rag}] {e.rag_reason_zh}",
        f"口径: {e.indicator.description}",
        f"公式: {e.formula}",
        f"范围: {e.filters_zh}",
    ]
    lines += [f"  {s.indicator} @ {s.window}: {s.expr} = {s.substituted} = {s.value}" for s in e.steps]
    lines += [f"  · {m.measure} [{m.filters_zh}] {m.window} = {m.value}" for m in e.measures]
    if e.filters_sql:
        lines.append(f"SQL 条件: {e.filters_sql}")
    return "\n".join(lines)
