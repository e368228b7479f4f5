"""The operating statement (经营报表, 量本费利) as data: ordered lines × actual, plan, LY.

API (pages and the smart report call only these):
- `LINES`: the statement's lines in order (`Line`: id, names, section, depth, parts).
- `View` (month | quarter | ytd) and `statement_period(month, view, as_of)`: which period and
  as-of day the evaluator is asked for ("2026-10" + ytd → 2026 as of 2026-10-31).
- `build(engine, StatementRequest) -> Statement`: every line in ONE `metrics.evaluate` batch.
- `expand(statement, line_id)`: a line's composition (rows of its parts, already in the batch).
- `by_children(engine, request, line_id) -> list[ChildRow]`: the line at each child entity
  (stations of a team, teams of a city…) that the scope sees whole: one more small batch.
- `registry()`: the catalogue plus the statement's own lines, for definitions at a click.

Each line is a catalogue indicator, or (where the catalogue has none: total revenue, cost of
goods, revenue/cost/gross profit by product kind, some expense categories) a composed
indicator over base measures, evaluated by the same evaluator so that windows, pro-rated
expenses, like-for-like LY and scope rules are the catalogue's. The 134 indicators are unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from sqlalchemy import Engine

from data.scope import Scope
from metrics.model import Indicator
from metrics.periods import Level, Period, PeriodKind
from metrics.registry import Registry, get_registry
from metrics.request import BatchRequest, IndicatorResult
from metrics.statement_lines import COMPOSED, LINES, PER_TONNE_PLANS, Line

__all__ = [
    "LINES", "Line", "View", "StatementRequest", "Row", "ChildRow", "Statement",
    "statement_period", "build", "expand", "by_children", "registry", "line", "indicator",
    "CHILD_LEVEL",
]

CHILD_LEVEL = {Level.PROVINCE: Level.CITY, Level.CITY: Level.TEAM, Level.TEAM: Level.STATION}


class View(StrEnum):
    """How much of the year the statement covers, ending with the chosen month."""

    MONTH = "month"
    QUARTER = "quarter"
    YTD = "ytd"


@dataclass(frozen=True)
class StatementRequest:
    """One statement: an entity, the month it ends with, the view, the caller's scope.

    `as_of` is the last data day when it falls inside the month (month-to-date); otherwise the
    month is taken whole."""

    entity: tuple[Level, str]
    month: Period
    view: View
    scope: Scope
    as_of: date | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "entity", (Level(self.entity[0]), str(self.entity[1])))
        object.__setattr__(self, "view", View(self.view))
        if self.month.kind is not PeriodKind.MONTH:
            raise ValueError(f"a statement ends with a month, not {self.month}")


@dataclass(frozen=True)
class Row:
    """One line's numbers. Money in yuan, volume in tonnes; ratios as fractions."""

    line: Line
    actual: float | None
    plan: float | None
    completion: float | None  # actual / plan (plan > 0)
    time_progress: float | None
    last_year: float | None  # same window a year earlier (like for like)
    yoy: float | None  # actual / |last_year| − 1
    rag: str  # green | yellow | red | grey (grey when the line has no plan)
    rag_reason_zh: str = ""
    rag_reason_en: str = ""
    substituted: str = ""


@dataclass(frozen=True)
class ChildRow:
    """A line at one child entity (for "by station" / "by team")."""

    level: str
    id: str
    name: str
    row: Row


@dataclass(frozen=True)
class Statement:
    """The statement of a request: window label, time progress, rows in `LINES` order."""

    request: StatementRequest
    period: Period
    as_of: date | None
    window_label: str
    time_progress: float
    rows: tuple[Row, ...] = field(default_factory=tuple)

    def row(self, line_id: str) -> Row:
        """The row of one line (KeyError if unknown)."""
        for r in self.rows:
            if r.line.id == line_id:
                return r
        raise KeyError(line_id)


def line(line_id: str) -> Line:
    """The line with this id (KeyError if unknown)."""
    for ln in LINES:
        if ln.id == line_id:
            return ln
    raise KeyError(line_id)


def statement_period(month: Period, view: View | str, as_of: date | None) -> tuple[Period, date | None]:
    """The evaluator's period and as-of day for a month and view.

    A quarter or year view ends with the chosen month (to its as-of day, else its last day):
    plans count for the whole quarter/year and completion is judged against time progress."""
    view = View(view)
    as_of = as_of if as_of is not None and month.contains(as_of) else None
    if view is View.MONTH:
        return month, as_of
    if view is View.QUARTER:
        period = Period(PeriodKind.QUARTER, month.year, (month.index - 1) // 3 + 1)
    else:
        period = Period(PeriodKind.YEAR, month.year)
    end = as_of or month.end
    return period, (end if end < period.end else None)


_EXTENDED: dict[int, tuple[Registry, Registry]] = {}


def _registry_for(base: Registry) -> Registry:
    hit = _EXTENDED.get(id(base))
    if hit is not None and hit[0] is base:
        return hit[1]
    extra = {ind.id: ind for ind in COMPOSED}
    clash = set(extra) & set(base.indicators)
    if clash:
        raise ValueError(f"statement lines clash with catalogue ids: {sorted(clash)}")
    extended = replace(base, indicators=MappingProxyType({**base.indicators, **extra}))
    _EXTENDED[id(base)] = (base, extended)
    return extended


def registry() -> Registry:
    """The catalogue plus the statement's composed lines (same object each call, so the
    evaluator's plan cache hits)."""
    return _registry_for(get_registry())


def _row(ln: Line, r: IndicatorResult, plans: dict[str, float | None]) -> Row:
    plan = r.plan_value
    if ln.id in PER_TONNE_PLANS:
        num, den = (plans.get(k) for k in PER_TONNE_PLANS[ln.id])
        plan = num / den if num is not None and den else None
    completion = r.value / plan if r.value is not None and plan and plan > 0 else None
    return Row(
        line=ln, actual=r.value, plan=plan, completion=completion,
        time_progress=r.time_progress, last_year=r.yoy_value, yoy=r.yoy_change,
        rag=str(r.rag) if plan is not None else "grey",
        rag_reason_zh=r.rag_reason_zh if plan is not None else "",
        rag_reason_en=r.rag_reason_en if plan is not None else "",
        substituted=r.substituted or "",
    )


def _evaluate(engine: Engine, req: StatementRequest, ids: tuple[str, ...],
              entities: tuple[tuple[Level, str], ...]):
    from metrics.evaluator import evaluate

    period, as_of = statement_period(req.month, req.view, req.as_of)
    batch = BatchRequest(entities=entities, period=period, scope=req.scope, indicators=ids,
                         as_of=as_of, comparisons=frozenset({"yoy", "plan"}))
    return period, as_of, evaluate(engine, batch, registry())


def build(engine: Engine, req: StatementRequest) -> Statement:
    """Every line of the statement for the request, in one batch evaluation.

    Raises what `metrics.evaluate` raises: ScopeError, EntityError, PeriodError."""
    ids = tuple(ln.indicator for ln in LINES)
    period, as_of, res = _evaluate(engine, req, ids, (req.entity,))
    results = {ln.id: res.get(ln.indicator, req.entity) for ln in LINES}
    plans = {k: r.plan_value for k, r in results.items()}
    rows = tuple(_row(ln, results[ln.id], plans) for ln in LINES)
    return Statement(req, period, as_of, res.window_label, res.time_progress, rows)


def expand(statement: Statement, line_id: str) -> list[Row]:
    """The composition of a line: the rows of its parts (gross profit by product kind, expenses
    by category…), in statement order. Empty for a line with no parts."""
    return [statement.row(p) for p in line(line_id).parts]


def by_children(engine: Engine, req: StatementRequest, line_id: str) -> list[ChildRow]:
    """The line at every child entity of the request's entity that the scope sees whole, in
    id order; empty at station level."""
    from data.org import list_entities

    ln = line(line_id)
    level, ident = req.entity
    child = CHILD_LEVEL.get(level)
    if child is None:
        return []
    parent_attr = f"{level.value}_id"
    kids = [e for e in list_entities(engine, req.scope, child.value)
            if getattr(e, parent_attr) == ident]
    if not kids:
        return []
    ids = tuple(dict.fromkeys((ln.indicator, *(line(h).indicator for h in _plan_helpers(ln)))))
    _, _, res = _evaluate(engine, req, ids, tuple((child, e.id) for e in kids))
    out = []
    for e in sorted(kids, key=lambda e: e.id):
        key = (child, e.id)
        plans = {lid: res.get(line(lid).indicator, key).plan_value for lid in _plan_helpers(ln)}
        out.append(ChildRow(child.value, e.id, e.name, _row(ln, res.get(ln.indicator, key), plans)))
    return out


def _plan_helpers(ln: Line) -> tuple[str, ...]:
    """Lines whose plans a per-tonne line's plan is made of."""
    return PER_TONNE_PLANS.get(ln.id, ())


def indicator(line_id: str) -> Indicator:
    """The (catalogue or composed) indicator behind a line: its definition at a click."""
    return registry().indicators[line(line_id).indicator]
