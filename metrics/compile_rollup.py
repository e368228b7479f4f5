"""The daily stage of the fuel fact read from the `agg_fuel_day` rollup instead of raw rows.

`compile_daily`'s inner stage is one row per (level ids, day) with one sum per measure. For fuel,
every additive column and every filter of the catalogue is a column or a flag of `agg_fuel_day`
(station × day × product × payment × member × customer kind/grade × discount/round flags), so the
same inner stage can sum the rollup's pre-summed rows: ~7× fewer rows than the transactions.
A measure the rollup cannot answer (a new column, another threshold) sends the whole batch back
to raw rows (`answerable` is False); numbers never depend on which path ran.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select, true

from data.rollups import ABNORMAL_DISCOUNT_RATE
from data.schema import agg_fuel_day, agg_nonfuel_day, products, stations
from metrics import compile_rollup_nonfuel as nonfuel
from metrics.model import Agg, Fact, Measure
from metrics.rollup_state import rollup_current

r = agg_fuel_day.c

# expr of the fuel fact → the rollup's pre-summed column (COUNT measures sum txn_count)
ROLLUP_COLUMNS: dict[str, ColumnElement[Any]] = {
    name: r[name]
    for name in ("liters", "tonnes", "list_amount", "paid_amount", "discount", "fuel_cost",
                 "gross_profit")
}


def _one_of(col: ColumnElement[Any]) -> Callable[[Any], ColumnElement[bool] | None]:
    return lambda v: col.in_(v) if isinstance(v, list) else col == v


def _flag(col: ColumnElement[Any]) -> Callable[[Any], ColumnElement[bool] | None]:
    def build(v: Any) -> ColumnElement[bool] | None:
        if not isinstance(v, bool):
            return None
        return col.is_(True) if v else col.is_(False)

    return build


def _abnormal(v: Any) -> ColumnElement[bool] | None:
    """Only the threshold the rollup stores; any other rate is not answerable."""
    return r.abnormal_discount.is_(True) if float(v) == ABNORMAL_DISCOUNT_RATE else None


ROLLUP_FILTERS: dict[str, Callable[[Any], ColumnElement[bool] | None]] = {
    "product_code": _one_of(r.product_code),
    "product_kind": _one_of(products.c.kind),
    "payment_method": _one_of(r.payment_method),
    "is_member": _flag(r.is_member),
    "customer_kind": _one_of(r.customer_kind),
    "customer_grade": _one_of(r.customer_grade),
    "has_discount": _flag(r.has_discount),
    "discount_rate_gt": _abnormal,
    "list_amount_round10": _flag(r.round10),
}


def _filter(m: Measure) -> ColumnElement[bool] | None:
    """The measure's filter over the rollup, or None when some part is not answerable."""
    clauses = []
    for dim, value in m.filter.items():
        build = ROLLUP_FILTERS.get(dim)
        clause = build(value) if build else None
        if clause is None:
            return None
        clauses.append(clause)
    return and_(*clauses) if clauses else true()


def answerable(fact: Fact, measures: list[Measure]) -> bool:
    """Whether every (additive) measure can be summed from the fact's day rollup (fuel:
    agg_fuel_day; non-fuel: agg_nonfuel_day, see compile_rollup_nonfuel), that rollup being
    current in the store being planned."""
    if fact == Fact.NONFUEL:
        return rollup_current(agg_nonfuel_day.name) and nonfuel.answerable(measures)
    if fact != Fact.FUEL or not rollup_current(agg_fuel_day.name):
        return False
    for m in measures:
        if m.agg == Agg.COUNT_DISTINCT:
            return False
        if m.agg == Agg.SUM and (m.expr or "") not in ROLLUP_COLUMNS:
            return False
        if _filter(m) is None:
            return False
    return True


def _needs_products(measures: list[Measure]) -> bool:
    return any("product_kind" in m.filter for m in measures)


def inner_from_rollup(levels: Any, windows: list[tuple[Any, Any]], measures: list[Measure],
                      entities: ColumnElement[bool]) -> Any:
    """Stage 1 over the rollup: (level ids, day) × one sum per measure, same labels as raw.

    COUNT sums txn_count with ELSE 0 so a day with rows but no match is 0, as COUNT is on rows.
    Non-fuel measures read agg_nonfuel_day (compile_rollup_nonfuel).
    """
    if measures and measures[0].fact == Fact.NONFUEL:
        return nonfuel.inner_from_rollup(levels, windows, measures, entities)
    cols = []
    for m in measures:
        filt = _filter(m)
        src = r.txn_count if m.agg == Agg.COUNT else ROLLUP_COLUMNS[m.expr or ""]
        if m.agg == Agg.COUNT:
            inner = case((filt, src), else_=0) if m.filter else src
        else:
            inner = case((filt, src)) if m.filter else src
        cols.append(func.sum(inner).label(m.id))
    keys = [stations.c[lv.column] for lv, _ in levels]
    src_from = agg_fuel_day.join(stations, r.station_id == stations.c.station_id)
    if _needs_products(measures):
        src_from = src_from.join(products, r.product_code == products.c.product_code)
    spans = [and_(r.day >= s, r.day <= e) for s, e in windows]
    in_range = or_(*spans) if len(spans) > 1 else spans[0]
    return (
        select(*keys, r.day, *cols)
        .select_from(src_from)
        .where(and_(entities, in_range))
        .group_by(*keys, r.day)
        .subquery("daily")
    )
