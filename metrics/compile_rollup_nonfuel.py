"""The daily stage of the non-fuel fact read from the `agg_nonfuel_day` rollup.

Like metrics/compile_rollup.py for fuel: `compile_daily`'s inner stage is one row per (level
ids, day) with one sum per measure, and every additive non-fuel column (revenue, cost, gross
profit, qty; COUNT sums line_count) and every non-fuel filter (category, member flag) is a
column of `agg_nonfuel_day` (station × day × category × member flag), so the same stage sums the
rollup's pre-summed rows. Distinct counts (baskets, station × category) are not answerable here:
the compiler keeps them on the rows. Numbers never depend on which path ran.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select, true

from data.schema import agg_nonfuel_day, stations
from metrics.model import Agg, Measure

n = agg_nonfuel_day.c

SUM_COLUMNS: dict[str, ColumnElement[Any]] = {
    name: n[name] for name in ("revenue", "cost", "gross_profit", "qty")
}


def _category(v: Any) -> ColumnElement[bool] | None:
    return n.category.in_(v) if isinstance(v, list) else n.category == v


def _member(v: Any) -> ColumnElement[bool] | None:
    if not isinstance(v, bool):
        return None
    return n.is_member.is_(True) if v else n.is_member.is_(False)


FILTERS: dict[str, Callable[[Any], ColumnElement[bool] | None]] = {
    "category": _category,
    "is_member": _member,
}


def _filter(m: Measure) -> ColumnElement[bool] | None:
    """The measure's filter over the rollup, or None when some part is not answerable."""
    clauses = []
    for dim, value in m.filter.items():
        build = FILTERS.get(dim)
        clause = build(value) if build else None
        if clause is None:
            return None
        clauses.append(clause)
    return and_(*clauses) if clauses else true()


def answerable(measures: list[Measure]) -> bool:
    """Whether every measure is a sum or count the rollup answers."""
    for m in measures:
        if m.agg == Agg.COUNT_DISTINCT:
            return False
        if m.agg == Agg.SUM and (m.expr or "") not in SUM_COLUMNS:
            return False
        if _filter(m) is None:
            return False
    return True


def inner_from_rollup(levels: Any, windows: list[tuple[Any, Any]], measures: list[Measure],
                      entities: ColumnElement[bool]) -> Any:
    """Stage 1 over the rollup: (level ids, day) × one sum per measure, same labels as raw.
    COUNT sums line_count with ELSE 0 (a day with rows but no match is 0, as COUNT is)."""
    cols = []
    for m in measures:
        filt = _filter(m)
        src = n.line_count if m.agg == Agg.COUNT else SUM_COLUMNS[m.expr or ""]
        if m.agg == Agg.COUNT:
            inner = case((filt, src), else_=0) if m.filter else src
        else:
            inner = case((filt, src)) if m.filter else src
        cols.append(func.sum(inner).label(m.id))
    keys = [stations.c[lv.column] for lv, _ in levels]
    spans = [and_(n.day >= s, n.day <= e) for s, e in windows]
    in_range = or_(*spans) if len(spans) > 1 else spans[0]
    return (
        select(*keys, n.day, *cols)
        .select_from(agg_nonfuel_day.join(stations, n.station_id == stations.c.station_id))
        .where(and_(entities, in_range))
        .group_by(*keys, n.day)
        .subquery("daily")
    )
