"""The daily stage of the fuel and non-fuel facts read from their day rollups, not raw rows.

`compile_daily`'s inner stage is one row per (level ids, day) with one sum per measure. Every
additive column and every filter of the catalogue's fuel measures is a column or a flag of
`agg_fuel_day` (station × day × product × payment × member × customer kind/grade × discount/round
flags: ~7× fewer rows than the transactions); for non-fuel, `agg_nonfuel_day` (station × day ×
category × member flag) holds revenue, cost, gross profit, qty and a line count. So the same
inner stage can sum a rollup's pre-summed rows. A measure the rollup cannot answer (a distinct
count, a new column, another threshold) sends the whole batch back to raw rows (`answerable` is
False); numbers never depend on which path ran.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Table, and_, case, func, or_, select, true

from data.rollups import ABNORMAL_DISCOUNT_RATE
from data.schema import agg_fuel_day, agg_nonfuel_day, products, stations
from metrics.model import Agg, Fact, Measure
from metrics.rollup_state import rollup_current

Filter = Callable[[Any], ColumnElement[bool] | None]


def _one_of(col: ColumnElement[Any]) -> Filter:
    return lambda v: col.in_(v) if isinstance(v, list) else col == v


def _flag(col: ColumnElement[Any]) -> Filter:
    def build(v: Any) -> ColumnElement[bool] | None:
        if not isinstance(v, bool):
            return None
        return col.is_(True) if v else col.is_(False)

    return build


@dataclass(frozen=True)
class DayRollup:
    """A fact's day rollup: its table, the column COUNT sums, expr → pre-summed column, filter
    dimension → clause builder (None: not answerable), and tables a filter needs joined."""

    table: Table
    count: ColumnElement[Any]
    sums: dict[str, ColumnElement[Any]]
    filters: dict[str, Filter]
    joins: dict[str, tuple[Table, ColumnElement[bool]]] = field(default_factory=dict)


r, n = agg_fuel_day.c, agg_nonfuel_day.c


def _abnormal(v: Any) -> ColumnElement[bool] | None:
    """Only the threshold the rollup stores; any other rate is not answerable."""
    return r.abnormal_discount.is_(True) if float(v) == ABNORMAL_DISCOUNT_RATE else None


ROLLUPS: dict[Fact, DayRollup] = {
    Fact.FUEL: DayRollup(
        table=agg_fuel_day,
        count=r.txn_count,
        sums={name: r[name] for name in ("liters", "tonnes", "list_amount", "paid_amount",
                                         "discount", "fuel_cost", "gross_profit")},
        filters={
            "product_code": _one_of(r.product_code),
            "product_kind": _one_of(products.c.kind),
            "payment_method": _one_of(r.payment_method),
            "is_member": _flag(r.is_member),
            "customer_kind": _one_of(r.customer_kind),
            "customer_grade": _one_of(r.customer_grade),
            "has_discount": _flag(r.has_discount),
            "discount_rate_gt": _abnormal,
            "list_amount_round10": _flag(r.round10),
        },
        joins={"product_kind": (products, r.product_code == products.c.product_code)},
    ),
    Fact.NONFUEL: DayRollup(
        table=agg_nonfuel_day,
        count=n.line_count,
        sums={name: n[name] for name in ("revenue", "cost", "gross_profit", "qty")},
        filters={"category": _one_of(n.category), "is_member": _flag(n.is_member)},
    ),
}  # fmt: skip


def _filter(roll: DayRollup, m: Measure) -> ColumnElement[bool] | None:
    """The measure's filter over the rollup, or None when some part is not answerable."""
    clauses = []
    for dim, value in m.filter.items():
        build = roll.filters.get(dim)
        clause = build(value) if build else None
        if clause is None:
            return None
        clauses.append(clause)
    return and_(*clauses) if clauses else true()


def answerable(fact: Fact, measures: list[Measure]) -> bool:
    """Whether every measure is a sum or count the fact's day rollup answers, that rollup being
    current in the store being planned."""
    roll = ROLLUPS.get(fact)
    if roll is None or not rollup_current(roll.table.name):
        return False
    for m in measures:
        if m.agg == Agg.COUNT_DISTINCT:
            return False
        if m.agg == Agg.SUM and (m.expr or "") not in roll.sums:
            return False
        if _filter(roll, m) is None:
            return False
    return True


def inner_from_rollup(levels: Any, windows: list[tuple[Any, Any]], measures: list[Measure],
                      entities: ColumnElement[bool]) -> Any:
    """Stage 1 over the rollup: (level ids, day) × one sum per measure, same labels as raw.

    COUNT sums the rollup's row count with ELSE 0 so a day with rows but no match is 0, as COUNT
    is on rows."""
    roll = ROLLUPS[measures[0].fact]
    t = roll.table.c
    cols = []
    for m in measures:
        filt = _filter(roll, m)
        src = roll.count if m.agg == Agg.COUNT else roll.sums[m.expr or ""]
        if m.agg == Agg.COUNT:
            inner = case((filt, src), else_=0) if m.filter else src
        else:
            inner = case((filt, src)) if m.filter else src
        cols.append(func.sum(inner).label(m.id))
    keys = [stations.c[lv.column] for lv, _ in levels]
    src_from = roll.table.join(stations, t.station_id == stations.c.station_id)
    for dim, (table, on) in roll.joins.items():
        if any(dim in m.filter for m in measures):
            src_from = src_from.join(table, on)
    spans = [and_(t.day >= s, t.day <= e) for s, e in windows]
    in_range = or_(*spans) if len(spans) > 1 else spans[0]
    return (
        select(*keys, t.day, *cols)
        .select_from(src_from)
        .where(and_(entities, in_range))
        .group_by(*keys, t.day)
        .subquery("daily")
    )
