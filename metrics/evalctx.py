"""Evaluation contexts: the same expression walk first collects needs, then computes values.

`CollectCtx` answers every measure with 1.0 and records (measure, window, entity): running the
whole per-indicator pipeline (value, comparisons, RAG, meta indicators) against it yields exactly
the measures the batch must fetch. `ValueCtx` answers from the fetched values. Both share the
indicator walk, its memo and the meta indicators, so the two passes cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from data.scope import Scope
from metrics.compiler import plan_count_measure, plan_measure
from metrics.expr import META_FUNCS, Val, calls, fmt, parse
from metrics.expr_eval import shift, walk
from metrics.facts import station_passes, station_value
from metrics.model import Basis, Fact, Indicator, Measure
from metrics.org import Org
from metrics.periods import Level, Period, PeriodKind, Window, month_start
from metrics.rag import Light, attainment, rate
from metrics.registry import Registry
from metrics.request import EntityKey

Span = tuple[date, date]
Need = tuple[Measure, Window, EntityKey]


def span_window(span: str, win: Window) -> Window:
    """Whole-month window of a plan function: the period, the window-end month, or its year."""
    if span == "period":
        p = win.period
    elif span == "month":
        p = Period.month_of(win.end)
    else:
        p = Period(PeriodKind.YEAR, win.end.year)
    return Window(p, p.start, p.end)


def is_meta(ind: Indicator) -> bool:
    """True for indicators computed from other indicators' lights or ranks."""
    return bool(calls(parse(ind.value)) & set(META_FUNCS))


class BaseCtx:
    """Shared walk: indicator memo, cycle guard, plan spans, city/stations, meta indicators."""

    def __init__(self, reg: Registry, org: Org, scope: Scope, base: Window):
        self.reg, self.org, self.scope, self.base = reg, org, scope, base
        self._memo: dict[tuple[str, Window, EntityKey], Val] = {}
        self._lights: dict[tuple[str, EntityKey], tuple[Val, Light]] = {}
        self._busy: set[tuple[str, Window, EntityKey]] = set()
        self.rank_sizes: dict[EntityKey, int] = {}

    # ---- what walk() asks ----
    def kind_of(self, name: str) -> str:
        return "indicator" if name in self.reg.indicators else "measure"

    def measure(self, ident: str, win: Window, ent: EntityKey) -> float | None:
        return self.lookup(self.reg.measures[ident], win, ent)

    def plan(self, measure: str, span: str, win: Window, ent: EntityKey) -> float | None:
        """Σ plans.target over the span's months; None when the entity has no plan row."""
        whole = span_window(span, win)
        rows = self.lookup(plan_count_measure(measure), whole, ent)
        total = self.lookup(plan_measure(measure), whole, ent)
        return total if rows else None

    def indicator(self, ident: str, win: Window, ent: EntityKey) -> Val:
        key = (ident, win, ent)
        if key in self._memo:
            return self._memo[key]
        if key in self._busy:
            raise RecursionError(f"indicator cycle through {ident}")
        self._busy.add(key)
        try:
            val = walk(parse(self.reg.indicators[ident].value), self, win, ent)
        finally:
            self._busy.discard(key)
        self._memo[key] = val
        return val

    def city_of(self, ent: EntityKey) -> EntityKey | None:
        return self.org.city_of(ent, self.scope)

    def stations_of(self, ent: EntityKey, win: Window) -> list[EntityKey]:
        return self.org.open_stations(ent, win.end)

    def meta(self, func: str, win: Window, ent: EntityKey, kwargs: dict[str, float]) -> Val:
        if (win.start, win.end) != (self.base.start, self.base.end):
            return Val(None, "空", "not_computable")
        if func == "green_share":
            return self._green_share(ent)
        return self._city_rank(ent, kwargs)

    def lookup(self, m: Measure, win: Window, ent: EntityKey) -> float | None:
        raise NotImplementedError

    # ---- lights, shared by rows and meta indicators ----
    def light(self, ind: Indicator, ent: EntityKey) -> tuple[Val, Light]:
        """Value and light of an indicator at the base window (memoised)."""
        key = (ind.id, ent)
        if key not in self._lights:
            val = self.indicator(ind.id, self.base, ent)
            self._lights[key] = (val, rate(ind, val.value, val.reason, RagIn(self, ind, ent)))
        return self._lights[key]

    def _green_share(self, ent: EntityKey) -> Val:
        green = counted = 0
        for ind in self.reg.indicators.values():
            if is_meta(ind) or ent[0] not in ind.levels:
                continue
            color = self.light(ind, ent)[1].color
            counted += color != "grey"
            green += color == "green"
        text = f"{green} / {counted} 绿灯"
        if not counted:
            return Val(None, text, "zero_division")
        return Val(green / counted, text)

    def _city_rank(self, ent: EntityKey, weights: dict[str, float]) -> Val:
        city = self.city_of(ent) if ent[0] == Level.TEAM else None
        if city is None:
            return Val(None, "空", "no_city")
        heads = weights or {i.id: 1.0 for i in self.reg.indicators.values() if i.headline}
        teams = self.org.teams_in(city)
        scores = {t: sum(w * self._attain(h, t) for h, w in heads.items()) for t in teams}
        rank = 1 + sum(1 for t in teams if scores[t] > scores[ent])
        self.rank_sizes[ent] = len(teams)
        return Val(float(rank), f"综合得分 {fmt(scores[ent])} 排第 {rank} / {len(teams)}")

    def _attain(self, ident: str, ent: EntityKey) -> float:
        ind = self.reg.indicators.get(ident)
        if ind is None or is_meta(ind):
            return 0.0
        val, _ = self.light(ind, ent)
        return attainment(ind, val.value, RagIn(self, ind, ent))


@dataclass
class RagIn:
    """RagInputs for one indicator at one entity, answered through a context."""

    ctx: BaseCtx
    ind: Indicator
    ent: EntityKey

    @property
    def progress(self) -> float:
        return self.ctx.base.progress

    @property
    def year_progress(self) -> float:
        from metrics.periods import year_to_date

        return year_to_date(self.ctx.base).progress

    def basis_value(self, basis: Basis) -> float | None:
        win = shift("prev" if basis == Basis.MOM else "ly", self.ctx.base)
        return self.ctx.indicator(self.ind.id, win, self.ent).value

    def city_value(self) -> float | None:
        city = self.ctx.city_of(self.ent)
        return None if city is None else self.ctx.indicator(self.ind.id, self.ctx.base, city).value

    def ref_value(self, ref: str, basis: Basis | None = None) -> float | None:
        if ref not in self.ctx.reg.indicators:
            return None
        win = self.ctx.base if basis is None else shift("ly" if basis == Basis.YOY else "prev", self.ctx.base)
        return self.ctx.indicator(ref, win, self.ent).value

    def plan(self, measure: str) -> float | None:
        return self.ctx.plan(measure, "period", self.ctx.base, self.ent)

    def expr(self, text: str) -> float | None:
        return walk(parse(text), self.ctx, self.ctx.base, self.ent).value

    def rank_size(self) -> int | None:
        return self.ctx.rank_sizes.get(self.ent)


class CollectCtx(BaseCtx):
    """Records every (measure, window, entity) asked for; answers 1.0."""

    def __init__(self, reg: Registry, org: Org, scope: Scope, base: Window):
        super().__init__(reg, org, scope, base)
        self.needs: dict[tuple[str, Span, EntityKey], Need] = {}

    def lookup(self, m: Measure, win: Window, ent: EntityKey) -> float | None:
        self.needs.setdefault((m.id, (win.start, win.end), ent), (m, win, ent))
        return 1.0


class ValueCtx(BaseCtx):
    """Answers from fetched values; empty sets are 0 (the contract's rule)."""

    def __init__(
        self,
        reg: Registry,
        org: Org,
        scope: Scope,
        base: Window,
        values: dict[tuple[str, Span, EntityKey], float],
    ):
        super().__init__(reg, org, scope, base)
        self.values = values

    def lookup(self, m: Measure, win: Window, ent: EntityKey) -> float | None:
        if m.fact == Fact.STATION:
            return self._station(m, win, ent)
        return self.values.get((m.id, (win.start, win.end), ent), 0.0)

    def _station(self, m: Measure, win: Window, ent: EntityKey) -> float:
        total = 0.0
        for row in self.org.stations(ent):
            if _allowed(self.scope, row) and station_passes(dict(m.filter), row):
                total += station_value(m.expr or "", row, win)
        return total


def _allowed(scope: Scope, row: dict[str, Any]) -> bool:
    return scope.allows(station_id=row["station_id"], team_id=row["team_id"], city_id=row["city_id"])


def trend_windows(base: Window, months: int) -> list[Window]:
    """The last `months` months up to the base window's end (the last one to date)."""
    from metrics.periods import add_months, window

    last = month_start(base.end)
    out = []
    for k in range(months - 1, -1, -1):
        p = Period.month_of(add_months(last, -k))
        out.append(window(p, base.end if k == 0 else None))
    return out
