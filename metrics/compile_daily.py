"""Two-stage compilation for the transaction facts (fuel, nonfuel, recharge).

A board asks for ~100 (measure, window) columns over windows reaching two years back (YTD of
last year, YoY of growth indicators). Evaluating 100 CASE expressions on every one of millions of
rows costs seconds, so additive measures go through a daily stage:

1. inner: one row per (station's level ids, day), one column per *measure* (not per window):
   `SUM(CASE WHEN <filter> THEN <expr> END)` – the row-level work is done once per measure;
2. outer: per window, `SUM(CASE WHEN day BETWEEN :start AND :end THEN <measure> END)` over the
   small daily result, grouped by the level id (GROUPING SETS across levels).

Distinct counts cannot be summed over days; they are computed from the rows (few columns, see
`metrics.compile_distinct`) and joined to the same result with UNION ALL, each part's other
columns NULL.

The daily stage only reads the days its measures' windows cover. Most measures of a board need a
few half-months (current, MoM, YoY) while one or two need whole years (YTD growth), so measures
are grouped by the days they need (`span_groups`): a group per distinct set of days, merged while
that reads fewer cells (days × measures); each group is its own daily stage in the UNION ALL.
"""

from __future__ import annotations

from datetime import date, timedelta
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

from metrics import compiler as C
from metrics.compile_distinct import distinct_parts
from metrics.compile_rollup import answerable, inner_from_rollup
from metrics.model import Agg, Measure
from metrics.periods import Level, Window

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
    keys = [C.level_key(t, lv) for lv, _ in batch.levels]
    where = C.entities_and_windows(batch, parts.fdef, scope)
    return (
        select(*keys, day, *cols)
        .select_from(C.joined(parts.fdef, joins))
        .where(where)
        .group_by(*keys, day)
        .subquery("daily")
    )


def _padded(own: dict[str, Any], labels: list[str]) -> list[Any]:
    """Every label of the statement in order: this part's column, or NULL (UNION ALL parts)."""
    return [own[lab] if lab in own else cast(null(), Float).label(lab) for lab in labels]


def _outer(batch: C.FactBatch, cols: list[Column3], inner: Any, labels: list[str]) -> Select:
    """Stage 2: per (measure, window) sums over the daily rows, grouped by level."""
    keys = [inner.c[lv.column] for lv, _ in batch.levels]
    in_win: dict[tuple[Any, Any], Any] = {}  # one condition per window, shared by its columns
    own: dict[str, Any] = {}
    for m, name, win in cols:
        cond = in_win.setdefault((win.start, win.end),
                                 (inner.c.day >= win.start) & (inner.c.day <= win.end))
        own[C.label(m.id, name)] = func.sum(case((cond, inner.c[m.id]))).label(C.label(m.id, name))
    group = func.grouping_sets(*keys) if len(keys) > 1 else keys[0]
    return select(*keys, *_padded(own, labels)).group_by(group)


def _inner_stage(sub: C.FactBatch, measures: list[Measure], parts: Any, scope: Any,
                 rollup: bool) -> Any:
    """Stage 1 from the `agg_fuel_day` rollup when it answers every measure, else raw rows."""
    customers = any(lv == Level.CUSTOMER for lv, _ in sub.levels)  # the rollup has none
    if rollup and not customers and answerable(sub.fact, measures):
        entities = C.entities_filter_levels(sub.levels, scope)
        return inner_from_rollup(sub.levels, C.merged_spans(sub.windows), measures, entities)
    return _inner(sub, measures, parts, scope)


SCAN_WEIGHT = 3  # a scanned day costs about as much as summing this many measures over it


def _days(spans: list[tuple[date, date]]) -> int:
    return sum((e - s).days + 1 for s, e in spans)


def span_groups(cols: list[Column3]) -> list[list[Column3]]:
    """Additive columns grouped so each daily stage reads only the days its measures need.

    Start with one group per distinct set of days (a measure's windows, merged); then merge the
    pair of groups whose merge lowers the estimated cost most, cost = days read ×
    (measures + SCAN_WEIGHT), until no merge helps. Deterministic (sorted inputs, first best)."""
    wins: dict[str, list[Window]] = {}
    for m, _, win in cols:
        wins.setdefault(m.id, []).append(win)
    by_spans: dict[tuple, set[str]] = {}
    for mid, ws in wins.items():
        by_spans.setdefault(tuple(C.merged_spans(ws)), set()).add(mid)
    groups = [(list(k), v) for k, v in sorted(by_spans.items())]

    def cost(spans: list[tuple[date, date]], ids: set[str]) -> int:
        return _days(spans) * (len(ids) + SCAN_WEIGHT)

    while len(groups) > 1:
        best, pair = 0, None
        for i in range(len(groups)):
            for j in range(i + 1, len(groups)):
                (si, ii), (sj, ij) = groups[i], groups[j]
                merged = _merge_spans(si + sj)
                gain = cost(si, ii) + cost(sj, ij) - cost(merged, ii | ij)
                if gain > best:
                    best, pair = gain, (i, j, merged)
        if pair is None:
            break
        i, j, merged = pair
        groups[i] = (merged, groups[i][1] | groups[j][1])
        del groups[j]
    return [[c for c in cols if c[0].id in ids] for _, ids in groups]


def _merge_spans(spans: list[tuple[date, date]]) -> list[tuple[date, date]]:
    out: list[tuple[date, date]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1] + timedelta(days=1):
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def compile_daily(batch: C.FactBatch, scope: Any, rollup: bool = False) -> Select:
    """The batch's statement: daily stages for additive measures (grouped by the days they
    need), direct for distinct counts, combined with UNION ALL.

    `rollup`: the store's rollups are current (the evaluator checks), so fuel's daily stage may
    read `agg_fuel_day`."""
    parts = C.Parts(C.fact_def(batch.fact))
    additive = [c for c in batch.columns if c[0].agg != Agg.COUNT_DISTINCT]
    distinct = [c for c in batch.columns if c[0].agg == Agg.COUNT_DISTINCT]
    labels = [C.label(m.id, n) for m, n, _ in additive + distinct]
    selects: list[Select] = []
    for group in span_groups(additive) if additive else []:
        measures = list({m.id: m for m, _, _ in group}.values())
        sub = C.FactBatch(batch.fact, batch.levels, tuple(group))
        inner = _inner_stage(sub, measures, parts, scope, rollup)
        selects.append(_outer(sub, group, inner, labels))
    if distinct:
        selects += distinct_parts(batch, distinct, parts, scope, lambda own: _padded(own, labels))
    if len(selects) == 1:
        return selects[0]
    return union_all(*selects)  # type: ignore[return-value]
