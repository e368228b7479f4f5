"""Two-stage compilation for the transaction facts (fuel, nonfuel, recharge).

A board asks for ~100 (measure, window) columns over windows reaching two years back (YTD of
last year, YoY of growth indicators). Evaluating 100 CASE expressions on every one of millions of
rows costs seconds, so additive measures go through a daily stage:

1. inner: one row per (station's level ids, day), one column per *measure* (not per window):
   `SUM(CASE WHEN <filter> THEN <expr> END)` – the row-level work is done once per measure;
2. outer: per window, `SUM(CASE WHEN day BETWEEN :start AND :end THEN <measure> END)` over the
   small daily result, grouped by the level id (GROUPING SETS across levels).

Distinct counts cannot be summed over days; they are computed directly (few columns) and joined
to the same result with UNION ALL, each part's other columns NULL.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Date,
    Float,
    Select,
    case,
    cast,
    func,
    literal_column,
    null,
    select,
    union_all,
)

from data.schema import stations
from metrics import compiler as C
from metrics.compile_rollup import answerable, inner_from_rollup
from metrics.model import Agg, Measure

Column3 = tuple[Measure, str, Any]


def _inner(batch: C.FactBatch, measures: list[Measure], parts: Any, scope: Any):
    """Stage 1: (level ids, day) × one column per measure."""
    t = parts.fdef.table
    day = cast(t.c[parts.fdef.time_col], Date).label("day")
    cols, joins = [], set()
    for m in measures:
        filt, need = parts.filter(m)
        joins |= need
        if m.agg == Agg.COUNT:
            expr: Any = literal_column("1")
        else:
            cdef = parts.expr(m.expr or "")
            expr, joins = cdef.build(), joins | set(cdef.joins)
        inner = case((filt, expr)) if m.filter else expr
        agg = func.count(inner) if m.agg == Agg.COUNT else func.sum(inner)
        cols.append(agg.label(m.id))
    keys = [stations.c[lv.column] for lv, _ in batch.levels]
    where = C.entities_and_windows(batch, parts.fdef, scope)
    return (
        select(*keys, day, *cols)
        .select_from(C.joined(parts.fdef, joins))
        .where(where)
        .group_by(*keys, day)
        .subquery("daily")
    )


def _outer(batch: C.FactBatch, cols: list[Column3], inner: Any, distinct_labels: list[str]) -> Select:
    """Stage 2: per (measure, window) sums over the daily rows, grouped by level."""
    keys = [inner.c[lv.column] for lv, _ in batch.levels]
    out: list[Any] = []
    for m, name, win in cols:
        in_win = (inner.c.day >= win.start) & (inner.c.day <= win.end)
        out.append(func.sum(case((in_win, inner.c[m.id]))).label(C.label(m.id, name)))
    out += [cast(null(), Float).label(lab) for lab in distinct_labels]
    group = func.grouping_sets(*keys) if len(keys) > 1 else keys[0]
    return select(*keys, *out).group_by(group)


def _direct(batch: C.FactBatch, cols: list[Column3], parts: Any, scope: Any, additive_labels: list[str]) -> Select:
    """Distinct counts straight from the rows (conditional aggregation per window)."""
    out: list[Any] = [cast(null(), Float).label(lab) for lab in additive_labels]
    joins: set[str] = set()
    for m, name, win in cols:
        col, need = C.measure_column(parts, m, name, win)
        out.append(col)
        joins |= need
    keys = [stations.c[lv.column] for lv, _ in batch.levels]
    group = func.grouping_sets(*keys) if len(keys) > 1 else keys[0]
    sub = C.FactBatch(batch.fact, batch.levels, tuple(cols))
    return (
        select(*keys, *out)
        .select_from(C.joined(parts.fdef, joins))
        .where(C.entities_and_windows(sub, parts.fdef, scope))
        .group_by(group)
    )


def _inner_stage(sub: C.FactBatch, measures: list[Measure], parts: Any, scope: Any,
                 rollup: bool) -> Any:
    """Stage 1 from the `agg_fuel_day` rollup when it answers every measure, else raw rows."""
    if rollup and answerable(sub.fact, measures):
        entities = C.entities_filter_levels(sub.levels, scope)
        return inner_from_rollup(sub.levels, C.merged_spans(sub.windows), measures, entities)
    return _inner(sub, measures, parts, scope)


def compile_daily(batch: C.FactBatch, scope: Any, rollup: bool = False) -> Select:
    """The batch's statement: daily stage for additive measures, direct for distinct counts.

    `rollup`: the store's rollups are current (the evaluator checks), so fuel's daily stage may
    read `agg_fuel_day`."""
    parts = C.Parts(C.fact_def(batch.fact))
    additive = [c for c in batch.columns if c[0].agg != Agg.COUNT_DISTINCT]
    distinct = [c for c in batch.columns if c[0].agg == Agg.COUNT_DISTINCT]
    add_labels = [C.label(m.id, n) for m, n, _ in additive]
    dis_labels = [C.label(m.id, n) for m, n, _ in distinct]
    selects: list[Select] = []
    if additive:
        measures = list({m.id: m for m, _, _ in additive}.values())
        sub = C.FactBatch(batch.fact, batch.levels, tuple(additive))
        inner = _inner_stage(sub, measures, parts, scope, rollup)
        selects.append(_outer(sub, additive, inner, dis_labels))
    if distinct:
        selects.append(_direct(batch, distinct, parts, scope, add_labels if additive else []))
    if len(selects) == 1:
        return selects[0]
    return union_all(*selects)  # type: ignore[return-value]
