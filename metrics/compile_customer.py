"""The customer level: which facts a customer owns, the key that groups them, who may see whom.

A customer is an entity of the evaluator like a team, but it is not a set of stations: its rows
are the fact rows carrying its `customer_id`. Only the transaction facts carry one (fuel, non-fuel,
card recharges); expenses, plans, station attributes and the special providers cannot be split by
customer, so an indicator that needs any of them is not computable at customer level.

Scope (fails closed): a customer is visible to a caller only when the caller's scope covers a
station where the customer made a fuel sale, a non-fuel purchase or a card recharge inside the
requested window; an aggregates-only scope (the wall) sees no customer at all. What the caller
then sees is the customer's rows at the stations of their scope only, because every fact
statement ANDs the scope's station predicate, for customers as for teams.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, and_, select, union

from data.schema import card_recharges, customers, fuel_sales, nonfuel_sales, stations
from data.scope import Scope
from metrics.compiler import end_ts, start_ts
from metrics.expr import META_FUNCS, PLAN_FUNCS, calls, names, parse
from metrics.model import Fact, Indicator
from metrics.periods import Window

CUSTOMER_FACTS = frozenset({Fact.FUEL, Fact.NONFUEL, Fact.RECHARGE})
# Functions that read org structure or plans, which a customer does not have.
NOT_FOR_CUSTOMERS = frozenset({*PLAN_FUNCS, *META_FUNCS, "stations_where", "city"})
_BOUGHT_AT = (fuel_sales, nonfuel_sales, card_recharges)


def why_not_customer(reg: Any, ind: Indicator) -> str | None:
    """None when the indicator can be split by customer; else the first reason it cannot
    (a measure of a fact without customers, a plan, a benchmark, a meta function)."""
    seen: set[str] = set()
    todo = [ind.id]
    while todo:
        ident = todo.pop()
        if ident in seen:
            continue
        seen.add(ident)
        node = parse(reg.indicators[ident].value)
        bad = calls(node) & NOT_FOR_CUSTOMERS
        if bad:
            return f"{ident} uses {sorted(bad)[0]}()"
        for name in names(node):
            if name in reg.indicators:
                todo.append(name)
            elif name in reg.measures and reg.measures[name].fact not in CUSTOMER_FACTS:
                return f"measure {name} ({reg.measures[name].fact}) has no customer"
    return None


def visible_customers_select(ids: Sequence[str], win: Window, scope: Scope) -> Select:
    """The requested customers with a purchase or recharge at a station of the scope inside the
    window (DISTINCT customer ids). Values enter as bound parameters."""
    parts = []
    for t in _BOUGHT_AT:
        cond = and_(
            t.c.customer_id.in_(sorted(ids)),
            t.c.ts >= start_ts(win.start),
            t.c.ts < end_ts(win.end),
            scope.station_predicate(stations.c),
        )
        src = t.join(stations, t.c.station_id == stations.c.station_id)
        parts.append(select(t.c.customer_id).select_from(src).where(cond))
    return union(*parts)  # type: ignore[return-value]


def known_customers_select(ids: Sequence[str]) -> Select:
    """Which of the requested customer ids exist."""
    return select(customers.c.customer_id).where(customers.c.customer_id.in_(sorted(ids)))
