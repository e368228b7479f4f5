"""The compiler: (measures, windows, entities, scope) → SQLAlchemy Select. Pure: no engine, no I/O.

One statement per fact: conditional aggregation computes every measure over every window in one
pass (`SUM(CASE WHEN ts >= :start AND ts < :end AND <filter> THEN <expr> END)`), grouped by the
id column of each level asked for (GROUPING SETS when a batch spans levels, e.g. a team with its
city benchmark and its stations), restricted to the requested entities AND the caller's scope.
Every output column is labelled `<measure>__<window>`; values enter only as bound parameters.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    FromClause,
    Select,
    and_,
    case,
    cast,
    distinct,
    false,
    func,
    literal_column,
    or_,
    select,
)

from data.schema import customers, products, purchase_costs, stations
from data.scope import Scope
from metrics.facts import ColumnDef, FactDef, FactError, column, fact_def, filter_clause
from metrics.model import Agg, Fact, Measure, Unit
from metrics.periods import Level, Window, month_start

NamedWindow = tuple[str, Window]


@dataclass(frozen=True)
class FactBatch:
    """Everything one statement computes: (measure, window) columns for entities by level."""

    fact: Fact
    levels: tuple[tuple[Level, tuple[str, ...]], ...]  # (level, entity ids), top level first
    columns: tuple[tuple[Measure, str, Window], ...]  # (measure, window name, window)

    @property
    def windows(self) -> list[Window]:
        """Distinct windows of the batch."""
        seen: dict[tuple[date, date], Window] = {}
        for _, _, w in self.columns:
            seen.setdefault((w.start, w.end), w)
        return list(seen.values())


def label(measure_id: str, window_name: str) -> str:
    """Output column name of a measure over a window."""
    return f"{measure_id}__{window_name}"


def plan_measure(plans_measure: str) -> Measure:
    """The synthetic base measure behind `plan("m")`: Σ plans.target of measure m."""
    return Measure(
        id=f"plan__{plans_measure}",
        description=f"计划值（plans.measure = {plans_measure}）",
        fact=Fact.PLAN,
        agg=Agg.SUM,
        expr="target",
        filter={"measure": plans_measure},
        unit=Unit.COUNT,
    )


def plan_count_measure(plans_measure: str) -> Measure:
    """How many plan rows back `plan("m")`: none means "no plan" (grey), not a zero target."""
    return Measure(
        id=f"plan_n__{plans_measure}",
        description=f"计划行数（plans.measure = {plans_measure}）",
        fact=Fact.PLAN,
        agg=Agg.COUNT,
        filter={"measure": plans_measure},
        unit=Unit.COUNT,
    )


def start_ts(d: date) -> datetime:
    """Inclusive lower bound of a window's first day (midnight)."""
    return datetime.combine(d, time.min)


def end_ts(d: date) -> datetime:
    """Exclusive upper bound: midnight after the inclusive end day."""
    return datetime.combine(d + timedelta(days=1), time.min)



def level_key(table: Any, level: Level) -> ColumnElement[Any]:
    """The column naming a level's entity in a fact statement: the fact row's customer id for
    customers (only transaction facts have one), the station's org column otherwise."""
    if level == Level.CUSTOMER:
        return table.c.customer_id
    return stations.c[level.column]


def joined(fdef: FactDef, needed: set[str]) -> FromClause:
    """The fact table joined to stations, and to products/costs/customers when needed."""
    t = fdef.table
    src = t.join(stations, t.c.station_id == stations.c.station_id)
    if "products" in needed or "costs" in needed:
        src = src.join(products, t.c.product_code == products.c.product_code)
    if "costs" in needed:
        ts_month = cast(func.date_trunc(literal_column("'month'"), t.c.ts), Date)
        on = and_(
            purchase_costs.c.product_code == t.c.product_code,
            purchase_costs.c.month == ts_month,
        )
        src = src.outerjoin(purchase_costs, on)
    if "customers" in needed:
        src = src.outerjoin(customers, t.c.customer_id == customers.c.customer_id)
    return src


def _window_cond(fdef: FactDef, win: Window) -> ColumnElement[bool]:
    col = fdef.table.c[fdef.time_col]
    if fdef.time_kind == "ts":
        return and_(col >= start_ts(win.start), col < end_ts(win.end))
    return and_(col >= month_start(win.start), col <= win.end)


def merged_spans(windows: Sequence[Window]) -> list[tuple[date, date]]:
    """Public name of `_merged` (the rollup stage restricts days the same way)."""
    return _merged(windows)


def _merged(windows: Sequence[Window]) -> list[tuple[date, date]]:
    """Date ranges covering all windows, overlapping or adjacent ones merged."""
    spans = sorted((w.start, w.end) for w in windows)
    out: list[tuple[date, date]] = []
    for s, e in spans:
        if out and s <= out[-1][1] + timedelta(days=1):
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _range_prefilter(fdef: FactDef, windows: Sequence[Window]) -> ColumnElement[bool]:
    """Rows inside any window (lets the engine skip the rest before aggregating)."""
    period = windows[0].period  # only start/end matter for the condition
    parts = [_window_cond(fdef, Window(period, s, e)) for s, e in _merged(windows)]
    return or_(*parts) if len(parts) > 1 else parts[0]


AggBuild = Callable[[ColumnElement[bool], ColumnElement[Any] | None], ColumnElement[Any]]

AGGREGATIONS: dict[Agg, AggBuild] = {
    Agg.SUM: lambda cond, e: func.sum(case((cond, e))),
    Agg.COUNT: lambda cond, e: func.count(case((cond, literal_column("1")))),
    Agg.COUNT_DISTINCT: lambda cond, e: func.count(distinct(case((cond, e)))),
}


def _aggregate(agg: Agg, cond: ColumnElement[bool], expr: ColumnElement[Any] | None) -> Any:
    try:
        build = AGGREGATIONS[agg]
    except KeyError:
        raise FactError(f"no SQL for aggregation {agg!r}") from None
    return build(cond, expr)


def _weighted_sum(
    fdef: FactDef, filt: ColumnElement[bool], expr: ColumnElement[Any], win: Window
) -> ColumnElement[Any]:
    """Σ over the window's months, each weighted by its share of days in the window."""
    month = fdef.table.c[fdef.time_col]
    whens = [(and_(month == m, filt), expr * w) for m, w in win.month_weights()]
    return func.sum(case(*whens))


class Parts:
    """Per-statement caches: one condition per window, one filter and expr per measure.

    Reusing the same SQL elements keeps a 500-column board cheap to build and its bound
    parameters few (a window's dates are bound once, not once per measure).
    """

    def __init__(self, fdef: FactDef):
        self.fdef = fdef
        self.wins: dict[tuple[date, date], ColumnElement[bool]] = {}
        self.filts: dict[str, tuple[ColumnElement[bool], set[str]]] = {}
        self.exprs: dict[str, ColumnDef] = {}

    def window(self, win: Window) -> ColumnElement[bool]:
        key = (win.start, win.end)
        if key not in self.wins:
            self.wins[key] = _window_cond(self.fdef, win)
        return self.wins[key]

    def filter(self, m: Measure) -> tuple[ColumnElement[bool], set[str]]:
        key = repr(sorted(m.filter.items()))
        if key not in self.filts:
            self.filts[key] = filter_clause(self.fdef, dict(m.filter))
        return self.filts[key]

    def expr(self, name: str) -> ColumnDef:
        if name not in self.exprs:
            self.exprs[name] = column(self.fdef, name)
        return self.exprs[name]


def measure_column(
    parts: Parts, m: Measure, win_name: str, win: Window
) -> tuple[ColumnElement[Any], set[str]]:
    """The labelled aggregate of one measure over one window, and the joins it needs."""
    fdef = parts.fdef
    filt, joins = parts.filter(m)
    expr = None
    if m.agg != Agg.COUNT:
        if not m.expr:
            raise FactError(f"measure {m.id}: {m.agg} needs an expr")
        cdef = parts.expr(m.expr)
        expr, joins = cdef.build(), joins | set(cdef.joins)
    if fdef.time_kind == "month_weighted":
        if m.agg != Agg.SUM or expr is None:
            raise FactError(f"measure {m.id}: monthly fact {fdef.fact} only supports sum")
        return _weighted_sum(fdef, filt, expr, win).label(label(m.id, win_name)), joins
    cond = and_(parts.window(win), filt) if m.filter else parts.window(win)
    return _aggregate(m.agg, cond, expr).label(label(m.id, win_name)), joins


def entity_filter(level: Level, ids: Sequence[str], scope: Scope, table: Any = None) -> ColumnElement[bool]:
    """Rows of the requested entities (stations, or a fact `table`'s customers) AND at stations
    inside the caller's scope (fails closed)."""
    return and_(level_key(table, level).in_(sorted(ids)), scope.station_predicate(stations.c))


def _entities_filter(levels: Sequence[tuple[Level, Sequence[str]]], scope: Scope,
                     table: Any = None) -> ColumnElement[bool]:
    """Rows of any requested entity of any level, AND at stations inside the scope. `table`:
    the fact table, needed only when customers are among the levels."""
    match = [level_key(table, lv).in_(sorted(ids)) for lv, ids in levels]
    return and_(or_(*match) if len(match) > 1 else match[0], scope.station_predicate(stations.c))


def entities_filter_levels(
    levels: Sequence[tuple[Level, Sequence[str]]], scope: Scope
) -> ColumnElement[bool]:
    """Stations of any requested org entity of any level, AND inside the scope (public)."""
    return _entities_filter(levels, scope)


def entities_and_windows(batch: FactBatch, fdef: FactDef, scope: Scope) -> ColumnElement[bool]:
    """WHERE of a batch: rows of the entities, at stations in the scope, inside any window."""
    return and_(_entities_filter(batch.levels, scope, fdef.table),
                _range_prefilter(fdef, batch.windows))


def compile_batch(batch: FactBatch, scope: Scope, rollup: bool = False) -> Select:
    """One statement: every (measure, window) column of the batch, grouped by entity.

    `rollup`: the store's rollups are current, so fuel may be read from `agg_fuel_day`."""
    fdef = fact_def(batch.fact)
    if fdef.time_kind == "ts":
        from metrics.compile_daily import compile_daily

        return compile_daily(batch, scope, rollup)
    parts = Parts(fdef)
    cols: list[ColumnElement[Any]] = []
    joins: set[str] = set()
    for m, name, win in batch.columns:
        col, need = measure_column(parts, m, name, win)
        cols.append(col)
        joins |= need
    keys = [level_key(fdef.table, lv) for lv, _ in batch.levels]
    # Several levels: one pass with GROUPING SETS; each row has only its own level's id set
    # (the others are NULL), which is how run_plan tells the levels apart.
    group = func.grouping_sets(*keys) if len(keys) > 1 else keys[0]
    return (
        select(*keys, *cols)
        .select_from(joined(fdef, joins))
        .where(entities_and_windows(batch, fdef, scope))
        .group_by(group)
        .order_by(*keys)
    )


ORG_COLUMNS = (
    "station_id",
    "team_id",
    "city_id",
    "province_id",
    "opened_on",
    "location_type",
    "staff_count",
    "store_area_m2",
    "nozzle_count",
)


def org_select(entities: Sequence[tuple[Level, str]]) -> Select:
    """Station rows of the entities' cities (for scope checks, benchmarks, ranks, station fact).

    Not scope-filtered on purpose: it decides whether an entity is wholly inside the scope; its
    rows never reach a caller, and every fact statement applies the scope again.
    """
    entities = [(lv, i) for lv, i in entities if lv != Level.CUSTOMER]  # customers: no stations
    if not entities:
        return select(*(stations.c[c] for c in ORG_COLUMNS)).where(false())
    match = or_(*(stations.c[level.column] == ident for level, ident in entities))
    cities = select(stations.c.city_id).where(match).distinct().scalar_subquery()
    provinces = [ident for level, ident in entities if level == Level.PROVINCE]
    wider = stations.c.city_id.in_(cities)
    if provinces:
        wider = or_(wider, stations.c.province_id.in_(provinces))
    cols = [stations.c[c] for c in ORG_COLUMNS]
    return select(*cols).where(wider).order_by(stations.c.station_id)


def rows_behind(
    m: Measure, level: Level, entity_id: str, win: Window, scope: Scope, limit: int = 200
) -> Select:
    """The raw fact rows behind a measure for one entity and window (for explain), limited."""
    fdef = fact_def(m.fact)
    filt, joins = filter_clause(fdef, dict(m.filter))
    extra: list[ColumnElement[Any]] = []
    if m.expr and m.agg != Agg.COUNT:
        cdef = column(fdef, m.expr)
        extra.append(cdef.build().label(m.expr))
        joins |= set(cdef.joins)
    t = fdef.table
    where = and_(entity_filter(level, [entity_id], scope, t), _window_cond(fdef, win), filt)
    return (
        select(*t.c, *extra)
        .select_from(joined(fdef, joins))
        .where(where)
        .order_by(t.c[fdef.time_col])
        .limit(limit)
    )
