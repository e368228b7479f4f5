"""`evaluate(engine, request) -> BatchResult`: a whole board in a handful of statements.

Steps (deterministic): check the scope; read the org rows; walk every requested indicator (value,
MoM, YoY, plan, trend, RAG, meta indicators) with a collecting context to learn the measures
needed; group them into one statement per (fact, level) and one per (provider, level, window);
run them; walk again with the fetched values. Measures are summed over the entity in SQL before
any expression runs, so ratios are pooled (Σ numerator / Σ denominator).

Entities are org entities (province, city, team, station) or customers; a customer's rows are the
transactions carrying its id, seen only through the caller's scope (see `compile_customer`).
Meta indicators (green share, rank in city) need other indicators' lights at the entity and at
its sibling teams: the collecting pass adds those needs to the same statements (the siblings as
more ids of the team level), so they cost no extra statement.
"""

from __future__ import annotations

import os
import time
from collections import OrderedDict, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, Select, select

from data.rollups import stale_tables
from data.schema import ROLLUP_TABLES, agg_fuel_day, agg_nonfuel_day, fuel_sales, nonfuel_sales
from data.store import data_version
from metrics.compile_customer import CUSTOMER_FACTS, why_not_customer
from metrics.compiler import FactBatch, compile_batch, label
from metrics.evalctx import BaseCtx, CollectCtx, Need, Span, ValueCtx, trend_windows
from metrics.expr_eval import shift
from metrics.model import Fact, Indicator, RagKind
from metrics.org import Org, check_customers
from metrics.periods import Level, Window, comparison, window, year_to_date
from metrics.provider_calls import ProviderCall, provider_calls, read_rows
from metrics.registry import Registry, get_registry
from metrics.request import BatchRequest, BatchResult, IndicatorResult, ScopeError
from metrics.rollup_state import store_rollups

Values = dict[tuple[str, Span, tuple[Level, str]], float]


def window_name(win: Window, base: Window) -> str:
    """Readable, deterministic column suffix: cur, prev, ly, ytd, ly_ytd, or the dates."""
    roles = {
        "cur": base,
        "prev": comparison(base, "mom"),
        "ly": comparison(base, "yoy"),
        "ytd": year_to_date(base),
        "ly_ytd": comparison(year_to_date(base), "yoy"),
    }
    for name, w in roles.items():
        if (w.start, w.end) == (win.start, win.end):
            return name
    return f"d{win.start:%Y%m%d}_{win.end:%Y%m%d}"


@dataclass
class Plan:
    """The statements of a batch and how to read their rows back into values."""

    sql: list[tuple[Select, FactBatch]] = field(default_factory=list)
    special: list[ProviderCall] = field(default_factory=list)

    @property
    def statements(self) -> list[Select]:
        return [s for s, _ in self.sql] + [c.stmt for c in self.special]


def plan_statements(needs: Iterable[Need], base: Window, scope: Any,
                    rollups: frozenset[str] = frozenset()) -> Plan:
    """Group needs: one SQL statement per (fact, level); one per (provider, level, window).
    `rollups`: the store's rollup tables that are current (see `rollups_current`); the
    statements read only those (metrics/rollup_state.py)."""
    with store_rollups(rollups):
        return _plan(needs, base, scope, agg_fuel_day.name in rollups)


def _plan(needs: Iterable[Need], base: Window, scope: Any, rollup: bool) -> Plan:
    sql_groups: dict[Fact, dict[str, Any]] = defaultdict(
        lambda: {"cols": {}, "ids": defaultdict(set)}
    )
    special: dict[tuple[str, str, Level], dict[str, Any]] = defaultdict(
        lambda: {"m": {}, "ids": set(), "w": {}, "params": {}}
    )
    for m, win, (level, ident) in needs:
        if m.fact == Fact.STATION:
            continue
        if level == Level.CUSTOMER and m.fact not in CUSTOMER_FACTS:
            continue  # a plan or benchmark asked by a light: a customer has none (0 rows)
        if m.fact == Fact.SPECIAL:
            g = special[(m.provider or "", repr(sorted(m.params.items())), level)]
            g["m"][m.id], g["params"] = m, m.params
            g["w"].setdefault((win.start, win.end), win)
            g["ids"].add(ident)
            continue
        g = sql_groups[m.fact]
        g["cols"].setdefault((m.id, win.start, win.end), (m, window_name(win, base), win))
        g["ids"][level].add(ident)
    plan = Plan()
    for fact, g in sorted(sql_groups.items()):
        cols = tuple(g["cols"][k] for k in sorted(g["cols"]))
        levels = tuple((lv, tuple(sorted(g["ids"][lv]))) for lv in Level if lv in g["ids"])
        batch = FactBatch(fact, levels, cols)
        plan.sql.append((compile_batch(batch, scope, rollup), batch))
    for (prov, _, level), g in sorted(special.items(), key=lambda kv: kv[0]):
        wins = [g["w"][k] for k in sorted(g["w"])]
        ids, measures = tuple(sorted(g["ids"])), tuple(g["m"].values())
        plan.special += provider_calls(prov, g["params"], level, ids, wins, measures, scope)
    return plan


def _row_entity(batch: FactBatch, row: Any) -> tuple[Level, str] | None:
    """Which requested entity a result row belongs to (its level's id column is the set one)."""
    for level, ids in batch.levels:
        ident = row[level.column]
        if ident is not None and (len(batch.levels) == 1 or str(ident) in ids):
            return (level, str(ident))
    return None


def run_plan(conn: Connection, plan: Plan) -> Values:
    """Execute the statements and index their numbers by (measure, window span, entity)."""
    values: Values = {}
    for stmt, batch in plan.sql:
        for row in conn.execute(stmt).mappings():
            ent = _row_entity(batch, row)
            if ent is None:
                continue  # a group the batch did not ask for (e.g. a sibling team of the city)
            for m, name, win in batch.columns:
                v = row[label(m.id, name)]
                if v is not None:  # NULL: no rows, or the other half of a UNION (0 by default)
                    values[(m.id, (win.start, win.end), ent)] = float(v)
    for call in plan.special:
        for win, ent, m, v in read_rows(call, conn.execute(call.stmt).mappings()):
            values[(m.id, (win.start, win.end), ent)] = v
    return values


def _plan_of(ind: Indicator) -> str | None:
    if ind.rag.kind == RagKind.PLAN_PROGRESS and ind.rag.plan:
        return ind.rag.plan
    return ind.plan_measure


def _growth(v: float | None, b: float | None) -> float | None:
    return None if v is None or not b else v / abs(b) - 1


_NOT_BY_CUSTOMER: dict[tuple[int, str], str | None] = {}


def _not_applicable(reg: Registry, ind: Indicator, level: Level) -> tuple[str, str] | None:
    """(zh, en) reason when the indicator is not computed at this level: the catalogue's
    `levels`, and at customer level also whether every input can be split by customer."""
    if level not in ind.levels:
        return f"不适用于{level}层级 → 灰", f"not defined at {level} level → grey"
    if level != Level.CUSTOMER:
        return None
    key = (id(reg), ind.id)
    if key not in _NOT_BY_CUSTOMER:
        _NOT_BY_CUSTOMER[key] = why_not_customer(reg, ind)
    why = _NOT_BY_CUSTOMER[key]
    if why is None:
        return None
    return f"无法按客户拆分（{why}）→ 灰", f"cannot be split by customer ({why}) → grey"


def compute_row(ctx: BaseCtx, ind: Indicator, ent: tuple[Level, str], req: BatchRequest) -> IndicatorResult:
    """Everything the board shows for one indicator at one entity."""
    base = ctx.base
    why = _not_applicable(ctx.reg, ind, ent[0])
    if why is not None:  # the catalogue says it means nothing here: grey, no SQL
        return IndicatorResult(
            indicator=ind.id, level=ent[0], entity=ent[1], period=str(req.period),
            window=base.label(), value=None, unit=str(ind.unit), rag="grey",
            rag_reason_zh=why[0], rag_reason_en=why[1],
            null_reason="not_applicable", time_progress=base.progress,
        )
    val, light = ctx.light(ind, ent)
    res = IndicatorResult(
        indicator=ind.id, level=ent[0], entity=ent[1], period=str(req.period),
        window=base.label(), value=val.value, unit=str(ind.unit), rag=light.color,
        rag_reason_zh=light.reason_zh, rag_reason_en=light.reason_en,
        null_reason=val.reason if val.value is None else None,
        substituted=val.text, inputs=val.inputs, time_progress=base.progress,
    )
    if "mom" in req.comparisons:
        res.mom_value = ctx.indicator(ind.id, shift("prev", base), ent).value
        res.mom_change = _growth(res.value, res.mom_value)
    if "yoy" in req.comparisons:
        res.yoy_value = ctx.indicator(ind.id, shift("ly", base), ent).value
        res.yoy_change = _growth(res.value, res.yoy_value)
    plan_m = _plan_of(ind)
    if "plan" in req.comparisons and plan_m:
        res.plan_value = ctx.plan(plan_m, "period", base, ent)
        if res.value is not None and res.plan_value and res.plan_value > 0:
            res.plan_completion = res.value / res.plan_value
    for w in trend_windows(base, req.trend_months):
        res.trend.append((f"{w.period}", ctx.indicator(ind.id, w, ent).value))
    return res


def _indicators(reg: Registry, req: BatchRequest) -> list[Indicator]:
    ids = req.indicators if req.indicators is not None else tuple(reg.indicators)
    unknown = [i for i in ids if i not in reg.indicators]
    if unknown:
        raise KeyError(f"unknown indicators: {', '.join(unknown)}")
    return [reg.indicators[i] for i in ids]


def collect(
    reg: Registry, org: Org, req: BatchRequest, rollups: frozenset[str] = frozenset()
) -> tuple[Window, list[Indicator], Plan]:
    """Pure: the collecting pass and the statements for a request over known org rows."""
    base = window(req.period, req.as_of)
    inds = _indicators(reg, req)
    ctx = CollectCtx(reg, org, req.scope, base)
    for ent in req.entities:
        for ind in inds:
            compute_row(ctx, ind, ent, req)
    return base, inds, plan_statements(ctx.needs.values(), base, req.scope, rollups)


def prepare(
    conn: Connection, req: BatchRequest, reg: Registry, rollups: frozenset[str] = frozenset()
) -> tuple[Org, Window, list[Indicator], Plan]:
    """Scope checks (fail closed, before any fact is read), org rows, then `collect`."""
    if req.scope.is_empty:
        raise ScopeError("empty scope: nothing may be seen")
    org = Org.load(conn, req.entities)
    org.check(req.entities, req.scope)
    check_customers(conn, req.entities, window(req.period, req.as_of), req.scope)
    return (org, *collect(reg, org, req, rollups))


# AMOEBA_ROLLUPS=0 forces raw rows (benchmarks compare the paths; tests prove they agree).
USE_ROLLUPS = os.environ.get("AMOEBA_ROLLUPS", "1") != "0"
_ROLLUPS_OK: dict[tuple[str, Any], frozenset[str]] = {}
# A day rollup is current only when filled whenever its fact has rows.
_FILLED = {agg_fuel_day.name: (agg_fuel_day.c.day, fuel_sales.c.ts),
           agg_nonfuel_day.name: (agg_nonfuel_day.c.day, nonfuel_sales.c.ts)}


def rollups_current(conn: Connection, engine: Engine, version: Any) -> frozenset[str]:
    """The rollup tables that may stand in for raw rows: only in stores written by the importer
    (a data version; every import rebuilds the rollups in the same publish), each present with
    this code's columns (a file written by an older version lacks a newer rollup until
    `python -m data rollups`) and, for the day rollups, filled whenever their fact has rows.
    Remembered per (store, data version)."""
    if not (USE_ROLLUPS and version):
        return frozenset()
    key = (str(engine.url), version)
    if key not in _ROLLUPS_OK:
        stale = set(stale_tables(conn))  # type: ignore[arg-type] - inspect() takes either
        _ROLLUPS_OK[key] = frozenset(
            t.name for t in ROLLUP_TABLES
            if t.name not in stale and (t.name not in _FILLED or _filled(conn, *_FILLED[t.name]))
        )  # fmt: skip
    return _ROLLUPS_OK[key]


def _filled(conn: Connection, agg_col: Any, raw_col: Any) -> bool:
    """A rollup has rows, or its fact has none."""
    if conn.execute(select(agg_col).limit(1)).first() is not None:
        return True
    return conn.execute(select(raw_col).limit(1)).first() is None


_PLANS: OrderedDict[tuple, tuple[Org, Window, list[Indicator], Plan]] = OrderedDict()
_PLANS_MAX = 64


def planned(conn: Connection, engine: Engine, req: BatchRequest, reg: Registry):  # noqa: ANN201
    """`prepare`, remembered per (store, data version, registry, request): a warm board skips
    the org lookup, the collecting pass and the statement building. Only stores that record
    imports have a data version; others are planned every time. Explanations plan through it
    too, so they read the same rollups as the board (the same numbers, at the board's cost)."""
    version = data_version(engine)
    rollups = rollups_current(conn, engine, version)
    key = (str(engine.url), version, id(reg), req, rollups)
    if version and key in _PLANS:
        _PLANS.move_to_end(key)
        return _PLANS[key]
    planned = prepare(conn, req, reg, rollups)
    if version:
        _PLANS[key] = planned
        while len(_PLANS) > _PLANS_MAX:
            _PLANS.popitem(last=False)
    return planned


def evaluate(engine: Engine, req: BatchRequest, registry: Registry | None = None) -> BatchResult:
    """Evaluate indicators × entities for one period (see BatchRequest). Raises ScopeError for
    entities outside the scope, EntityError for unknown ones, KeyError for unknown indicators."""
    reg = registry or get_registry()
    t0 = time.perf_counter()
    if req.scope.is_empty:
        raise ScopeError("empty scope: nothing may be seen")
    with engine.connect() as conn:
        org, base, inds, plan = planned(conn, engine, req, reg)
        values = run_plan(conn, plan)
    ctx = ValueCtx(reg, org, req.scope, base, values)
    results = {
        (ind.id, ent): compute_row(ctx, ind, ent, req) for ent in req.entities for ind in inds
    }
    return BatchResult(
        request=req,
        window_label=base.label(),
        time_progress=base.progress,
        results=results,
        statements=plan.statements,
        seconds=time.perf_counter() - t0,
    )
