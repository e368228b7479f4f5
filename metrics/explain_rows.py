"""The rows behind a number: for one indicator at one entity and period, every base input it
reads, each with the rows of its fact (filtered exactly as the evaluator filters them), paged on
the server, and the total of those rows beside the value the metrics layer computed.

    rows_explanation(engine, indicator_id, entity, period, as_of, scope) -> RowsExplanation
    rows_page(engine, source, scope, offset, limit) -> RowsPage
    reconcile(engine, source, scope) -> Reconciliation

Kinds of input and their rows:
- fuel, non-fuel, recharge: the fact rows in the window, at the entity's stations inside the
  scope, passing the measure's filter; `measure_value` is what each row adds (the measure's
  expr, 1 for a count). Customer names come masked unless the scope allows personal data.
- expense: the expense rows of the months the window touches; `measure_value` = amount × the
  month's share of days inside the window (how the evaluator weights a month cut short).
- plan: the plan rows of the window's months for that plan measure.
- station: the entity's stations with what each contributes (days open, nozzles, …).
- special `customers.status` counts: the customers of the matching list (customer_lists), the
  same SQL as the provider, so the list length is the count.
- other provider counts (activation, RFM, daily anomaly/stock-out/nozzle days): the customers or
  station-days counted, one row each; campaign effects: the (campaign, station) cells with what
  each adds. Paged in SQL (metrics/explain_rows_providers.py).
Special measures without a listing there keep `listing` "none" (in the catalogue of this
session every special measure has one; a new provider output starts as "none").

An aggregates-only scope (the wall) is refused with PermissionError before any row is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine, Select, and_, case, distinct, func, literal, select

from data.customers import person_columns
from data.schema import stations
from data.scope import Scope
from metrics.compiler import _window_cond, entity_filter, joined, plan_measure
from metrics.evalctx import ValueCtx, span_window
from metrics.evaluator import compute_row, planned, run_plan
from metrics.explain_rows_lists import VALUE_COL, customer_rows, station_rows
from metrics.explain_rows_providers import has_provider_rows, provider_rows
from metrics.expr import PLAN_FUNCS, Input
from metrics.facts import column, fact_def, filter_clause
from metrics.model import Agg, Fact, Indicator, Measure
from metrics.periods import Level, Period, Window
from metrics.registry import Registry, get_registry
from metrics.request import BatchRequest, EntityKey

# customers.status outputs that are the length of a customer list (metrics/customer_lists.py).
STATUS_LISTS = {"active": "active", "lost": "lost", "dormant": "dormant", "warning": "warning",
                "serious_warning": "serious", "escalated": "escalated"}
# The contract's natural key of each fact table: rows list in time order, ties by this key,
# so that pages never overlap or skip a row.
ORDER_KEYS = {"fuel_sales": ("txn_id",), "nonfuel_sales": ("basket_id", "line_no"),
              "card_recharges": ("recharge_id",), "expenses": ("station_id", "category"),
              "plans": ("station_id", "measure")}
TOLERANCE = 1e-6  # relative: sums over rows vs the rollup's sums differ only by float order


@dataclass(frozen=True)
class RowsSource:
    """One base input of the value: a measure over a window at an entity, and its value."""

    index: int
    measure: Measure
    window: Window
    entity: EntityKey
    value: float | None
    listing: str  # fact | station | customers | provider | none

    @property
    def customer_kind(self) -> str | None:
        """The customer list whose length this count is (status providers only)."""
        return STATUS_LISTS.get(self.measure.output or "") if self.listing == "customers" else None


@dataclass(frozen=True)
class RowsExplanation:
    """The indicator's value and the sources of its inputs (base measures and plans)."""

    indicator: Indicator
    entity: EntityKey
    window: Window
    value: float | None
    rag: str
    substituted: str
    sources: tuple[RowsSource, ...]


@dataclass(frozen=True)
class RowsPage:
    """One page of rows: column names, rows as dicts, the number of rows in all."""

    columns: tuple[str, ...]
    rows: tuple[dict[str, Any], ...]
    total_rows: int


@dataclass(frozen=True)
class Reconciliation:
    """The rows' total beside the metrics layer's value of the same input."""

    rows: int
    total: float | None
    value: float | None

    @property
    def matches(self) -> bool:
        """True when the rows add up to the value (within float rounding)."""
        a, b = self.total or 0.0, self.value or 0.0
        return abs(a - b) <= TOLERANCE * max(1.0, abs(a), abs(b))


def listing_of(m: Measure) -> str:
    """How the rows of a measure are listed: fact, station, customers, provider or none."""
    if m.fact in (Fact.FUEL, Fact.NONFUEL, Fact.RECHARGE, Fact.EXPENSE, Fact.PLAN):
        return "fact"
    if m.fact == Fact.STATION:
        return "station"
    if m.provider == "customers.status" and (m.output or "") in STATUS_LISTS:
        return "customers"
    if has_provider_rows(m):
        return "provider"
    return "none"


def _leaves(ctx: ValueCtx, ident: str, win: Window, ent: EntityKey, seen: set,
            out: dict[tuple, Input]) -> None:
    """Base inputs (measures and plans) of an indicator, through the indicators it is made of."""
    key = (ident, win.start, win.end, ent)
    if key in seen:
        return
    seen.add(key)
    for inp in ctx.indicator(ident, win, ent).inputs:
        if inp.kind == "indicator":
            _leaves(ctx, inp.name, inp.window, inp.entity, seen, out)
        elif inp.kind in ("measure", "plan"):
            out.setdefault((inp.name, inp.window.start, inp.window.end, inp.entity), inp)


def _measure_of(reg: Registry, inp: Input) -> tuple[Measure, Window]:
    """The measure of an input and the window it is read over: a plan function reads whole
    months (`plan_year` the window's year), not the window itself."""
    if inp.kind != "plan":
        return reg.measures[inp.name], inp.window
    func_name, _, name = inp.name.partition(":")
    return plan_measure(name), span_window(PLAN_FUNCS[func_name], inp.window)


def rows_explanation(engine: Engine, indicator_id: str, entity: EntityKey, period: Period,
                     as_of: date | None, scope: Scope,
                     registry: Registry | None = None) -> RowsExplanation:
    """The value and its base inputs (ScopeError/EntityError/KeyError as `evaluate`)."""
    if scope.aggregates_only:
        raise PermissionError("an aggregates-only scope may not read the rows behind a number")
    reg = registry or get_registry()
    if indicator_id not in reg.indicators:
        raise KeyError(f"unknown indicator {indicator_id!r}")
    ent = (Level(entity[0]), entity[1])
    req = BatchRequest(entities=(ent,), period=period, scope=scope, indicators=(indicator_id,),
                       as_of=as_of)
    with engine.connect() as conn:
        org, base, _, plan = planned(conn, engine, req, reg)  # the store's current rollups
        values = run_plan(conn, plan)
    ctx = ValueCtx(reg, org, scope, base, values)
    ind = reg.indicators[indicator_id]
    row = compute_row(ctx, ind, ent, req)
    leaves: dict[tuple, Input] = {}
    if ent[0] in ind.levels:
        _leaves(ctx, indicator_id, base, ent, set(), leaves)
    sources = []
    for i, inp in enumerate(leaves.values()):
        m, win = _measure_of(reg, inp)
        sources.append(RowsSource(i, m, win, (Level(inp.entity[0]), inp.entity[1]),
                                  inp.value, listing_of(m)))
    return RowsExplanation(ind, ent, base, row.value, str(row.rag), row.substituted or "",
                           tuple(sources))


def _weight(fdef: Any, win: Window) -> Any:
    """A month's share of days inside the window (expenses are monthly)."""
    month = fdef.table.c[fdef.time_col]
    return case(*[(month == m, literal(w)) for m, w in win.month_weights()], else_=literal(0.0))


def fact_rows(source: RowsSource, scope: Scope) -> Select:
    """Every row behind a fact input, with `measure_value` (what the row adds), in time order."""
    m, fdef = source.measure, fact_def(source.measure.fact)
    filt, joins = filter_clause(fdef, dict(m.filter))
    t = fdef.table
    if m.agg == Agg.COUNT:
        value: Any = literal(1)
    else:
        cdef = column(fdef, m.expr or "")
        value, joins = cdef.build(), joins | set(cdef.joins)
    if fdef.time_kind == "month_weighted":
        value = value * _weight(fdef, source.window)
    extra: list[Any] = []
    if "customer_id" in t.c:
        joins.add("customers")
        extra = person_columns(scope)
    level, ident = source.entity
    where = and_(entity_filter(level, [ident], scope), _window_cond(fdef, source.window), filt)
    if m.agg == Agg.COUNT_DISTINCT:  # a row without the key (a walk-in) counts nothing
        where = and_(where, value.is_not(None))
    keys = [t.c[k] for k in ORDER_KEYS[t.name]]
    return (select(*t.c, stations.c.station_name, *extra, value.label(VALUE_COL))
            .select_from(joined(fdef, joins)).where(where)
            .order_by(t.c[fdef.time_col], *keys))


def _sql_rows(source: RowsSource, scope: Scope) -> Select:
    """The ordered rows statement of a fact or provider source."""
    if source.listing == "provider":
        return provider_rows(source.measure, source.window, source.entity, scope)
    return fact_rows(source, scope)


def _fact_total(source: RowsSource, stmt: Select) -> Select:
    sub = stmt.order_by(None).subquery()
    if source.listing == "provider":  # counts list rows adding 1; campaign cells their share
        total = func.coalesce(func.sum(sub.c[VALUE_COL]), 0)
        return select(func.count().label("n"), total.label("total")).select_from(sub)
    agg = {Agg.SUM: func.sum(sub.c[VALUE_COL]), Agg.COUNT: func.count(),
           Agg.COUNT_DISTINCT: func.count(distinct(sub.c[VALUE_COL]))}[source.measure.agg]
    return select(func.count().label("n"), agg.label("total")).select_from(sub)


def _python_rows(engine: Engine, source: RowsSource, scope: Scope) -> list[dict[str, Any]]:
    if source.listing == "station":
        return station_rows(engine, source.measure, source.window, source.entity, scope)
    if source.listing == "customers":
        return customer_rows(engine, source.customer_kind or "", source.window, source.entity,
                             scope)
    return []


def _check(scope: Scope) -> None:
    if scope.aggregates_only:
        raise PermissionError("an aggregates-only scope may not read the rows behind a number")


def rows_page(engine: Engine, source: RowsSource, scope: Scope, offset: int = 0,
              limit: int = 50) -> RowsPage:
    """Rows `offset`…`offset+limit` of a source (fact rows paged in SQL)."""
    _check(scope)
    offset, limit = max(0, int(offset)), max(1, min(int(limit), 10_000))
    if source.listing in ("fact", "provider"):
        stmt = _sql_rows(source, scope)
        with engine.connect() as conn:
            n = conn.execute(_fact_total(source, stmt)).one()[0]
            res = conn.execute(stmt.limit(limit).offset(offset))
            cols = tuple(res.keys())
            rows = tuple(dict(zip(cols, r, strict=True)) for r in res)
        return RowsPage(cols, rows, int(n))
    rows = _python_rows(engine, source, scope)
    cols = tuple(rows[0]) if rows else ()
    return RowsPage(cols, tuple(rows[offset:offset + limit]), len(rows))


def reconcile(engine: Engine, source: RowsSource, scope: Scope) -> Reconciliation:
    """How many rows, what they add up to, and the value the metrics layer used."""
    _check(scope)
    if source.listing in ("fact", "provider"):
        with engine.connect() as conn:
            n, total = conn.execute(_fact_total(source, _sql_rows(source, scope))).one()
        return Reconciliation(int(n), None if total is None else float(total), source.value)
    if source.listing == "none":
        return Reconciliation(0, None, source.value)
    rows = _python_rows(engine, source, scope)
    return Reconciliation(len(rows), float(sum(r[VALUE_COL] for r in rows)), source.value)


def iter_rows(engine: Engine, source: RowsSource, scope: Scope, max_rows: int,
              chunk: int = 20_000) -> tuple[tuple[str, ...], list[dict[str, Any]]]:
    """All rows of a source up to `max_rows` (the CSV export), read in chunks."""
    _check(scope)
    if source.listing not in ("fact", "provider"):
        rows = _python_rows(engine, source, scope)[:max_rows]
        return (tuple(rows[0]) if rows else ()), rows
    out: list[dict[str, Any]] = []
    cols: tuple[str, ...] = ()
    with engine.connect() as conn:
        res = conn.execution_options(yield_per=chunk).execute(
            _sql_rows(source, scope).limit(max_rows))
        cols = tuple(res.keys())
        for r in res:
            out.append(dict(zip(cols, r, strict=True)))
    return cols, out
