"""The logical facts: which contract table, which columns (`expr`) and filter dimensions each offers.

Translation tables, not branches: adding a column or a filter is one line, and anything not in
the tables is a loud `FactError` (also reported at load time by checks.measure_vocabulary).
Every builder returns SQLAlchemy Core; values from the YAML enter as bound parameters.
The `station` fact is the exception: it is computed in Python from the station rows (see
`station_value`), because its day arithmetic is not portable SQL and the table is small.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Date, String, Table, and_, cast, func, literal_column, true

from data.schema import (
    card_recharges,
    customers,
    expenses,
    fuel_sales,
    nonfuel_sales,
    plans,
    products,
    purchase_costs,
)
from metrics.model import Fact
from metrics.periods import Window

fs, nf, rc, ex, pl = fuel_sales.c, nonfuel_sales.c, card_recharges.c, expenses.c, plans.c


class FactError(ValueError):
    """A fact, column or filter the compiler does not know."""


Col = Callable[[], ColumnElement[Any]]
Filt = Callable[[Any], ColumnElement[bool]]


@dataclass(frozen=True)
class ColumnDef:
    """An `expr` column: its builder and the joins it needs (products, costs, customers)."""

    build: Col
    joins: frozenset[str] = frozenset()


@dataclass(frozen=True)
class FilterDef:
    """A filter dimension: builder from the YAML value, joins it needs, words for explain."""

    build: Filt
    joins: frozenset[str] = frozenset()


def _j(*names: str) -> frozenset[str]:
    return frozenset(names)


def _one_of(col: Callable[[], ColumnElement[Any]]) -> Filt:
    """`col = :v`, or `col IN (:v…)` for a list."""

    def build(value: Any) -> ColumnElement[bool]:
        if isinstance(value, list):
            return col().in_(value)
        return col() == value

    return build


def _flag(expr_true: Callable[[], ColumnElement[bool]]) -> Filt:
    def build(value: Any) -> ColumnElement[bool]:
        if not isinstance(value, bool):
            raise FactError(f"flag filter needs true or false, got {value!r}")
        cond = expr_true()
        return cond if value else ~cond

    return build


def _list_amount() -> ColumnElement[Any]:
    return fs.liters * fs.list_price


def _discount() -> ColumnElement[Any]:
    return _list_amount() - fs.paid_amount


def _fuel_cost() -> ColumnElement[Any]:
    return fs.liters * purchase_costs.c.cost_per_liter


def _concat(*parts: ColumnElement[Any]) -> ColumnElement[Any]:
    """Portable composite key for distinct counts: parts joined by '|'."""
    out: list[ColumnElement[Any]] = []
    for i, part in enumerate(parts):
        if i:
            out.append(literal_column("'|'"))
        out.append(cast(part, String))
    return func.concat(*out)


FUEL_COLUMNS: dict[str, ColumnDef] = {
    "liters": ColumnDef(lambda: fs.liters),
    "tonnes": ColumnDef(lambda: fs.liters * products.c.density_kg_per_l / 1000, _j("products")),
    "list_amount": ColumnDef(_list_amount),
    "paid_amount": ColumnDef(lambda: fs.paid_amount),
    "discount": ColumnDef(_discount),
    "fuel_cost": ColumnDef(_fuel_cost, _j("costs")),
    "gross_profit": ColumnDef(lambda: fs.paid_amount - _fuel_cost(), _j("costs")),
    "customer_id": ColumnDef(lambda: fs.customer_id),
    "txn_id": ColumnDef(lambda: fs.txn_id),
    "nozzle_day": ColumnDef(lambda: _concat(fs.station_id, fs.nozzle_no, cast(fs.ts, Date))),
}

FUEL_FILTERS: dict[str, FilterDef] = {
    "product_code": FilterDef(_one_of(lambda: fs.product_code)),
    "product_kind": FilterDef(_one_of(lambda: products.c.kind), _j("products")),
    "payment_method": FilterDef(_one_of(lambda: fs.payment_method)),
    "is_member": FilterDef(_flag(lambda: fs.customer_id.is_not(None))),
    "customer_kind": FilterDef(_one_of(lambda: customers.c.kind), _j("customers")),
    "customer_grade": FilterDef(_one_of(lambda: customers.c.grade), _j("customers")),
    "has_discount": FilterDef(_flag(lambda: _discount() > 0.005)),
    "discount_rate_gt": FilterDef(lambda x: _discount() > _list_amount() * float(x)),
    "paid_amount_ge": FilterDef(lambda x: fs.paid_amount >= float(x)),
    "paid_amount_lt": FilterDef(lambda x: fs.paid_amount < float(x)),
    "list_amount_round10": FilterDef(
        _flag(lambda: func.abs(_list_amount() - func.round(_list_amount() / 10) * 10) < 0.005)
    ),
}

NONFUEL_COLUMNS: dict[str, ColumnDef] = {
    "revenue": ColumnDef(lambda: nf.revenue),
    "cost": ColumnDef(lambda: nf.cost),
    "gross_profit": ColumnDef(lambda: nf.revenue - nf.cost),
    "qty": ColumnDef(lambda: nf.qty),
    "basket_id": ColumnDef(lambda: nf.basket_id),
    "customer_id": ColumnDef(lambda: nf.customer_id),
    "station_category": ColumnDef(lambda: _concat(nf.station_id, nf.category)),
}
NONFUEL_FILTERS: dict[str, FilterDef] = {
    "category": FilterDef(_one_of(lambda: nf.category)),
    "is_member": FilterDef(_flag(lambda: nf.customer_id.is_not(None))),
}

RECHARGE_COLUMNS: dict[str, ColumnDef] = {
    "amount": ColumnDef(lambda: rc.amount),
    "bonus": ColumnDef(lambda: rc.bonus),
    "customer_id": ColumnDef(lambda: rc.customer_id),
    "recharge_id": ColumnDef(lambda: rc.recharge_id),
}
RECHARGE_FILTERS: dict[str, FilterDef] = {
    "amount_ge": FilterDef(lambda x: rc.amount >= float(x)),
}

EXPENSE_COLUMNS: dict[str, ColumnDef] = {"amount": ColumnDef(lambda: ex.amount)}
EXPENSE_FILTERS: dict[str, FilterDef] = {"category": FilterDef(_one_of(lambda: ex.category))}

PLAN_COLUMNS: dict[str, ColumnDef] = {"target": ColumnDef(lambda: pl.target)}
PLAN_FILTERS: dict[str, FilterDef] = {"measure": FilterDef(_one_of(lambda: pl.measure))}


@dataclass(frozen=True)
class FactDef:
    """One SQL-backed logical fact: its table, time column and vocabularies."""

    fact: Fact
    table: Table
    time_col: str
    time_kind: str  # "ts" (timestamp rows), "month_weighted" (expenses), "month_whole" (plans)
    columns: dict[str, ColumnDef]
    filters: dict[str, FilterDef]


FACTS: dict[Fact, FactDef] = {
    Fact.FUEL: FactDef(Fact.FUEL, fuel_sales, "ts", "ts", FUEL_COLUMNS, FUEL_FILTERS),
    Fact.NONFUEL: FactDef(Fact.NONFUEL, nonfuel_sales, "ts", "ts", NONFUEL_COLUMNS, NONFUEL_FILTERS),
    Fact.RECHARGE: FactDef(
        Fact.RECHARGE, card_recharges, "ts", "ts", RECHARGE_COLUMNS, RECHARGE_FILTERS
    ),
    Fact.EXPENSE: FactDef(
        Fact.EXPENSE, expenses, "month", "month_weighted", EXPENSE_COLUMNS, EXPENSE_FILTERS
    ),
    Fact.PLAN: FactDef(Fact.PLAN, plans, "month", "month_whole", PLAN_COLUMNS, PLAN_FILTERS),
}


def fact_def(fact: Fact) -> FactDef:
    """The SQL-backed fact definition (loud error for station/special or unknown facts)."""
    try:
        return FACTS[fact]
    except KeyError:
        raise FactError(f"fact {fact!r} is not compiled to SQL") from None


def filter_clause(fdef: FactDef, filters: dict[str, Any]) -> tuple[ColumnElement[bool], set[str]]:
    """AND of a measure's filters, and the joins they need."""
    clauses: list[ColumnElement[bool]] = []
    joins: set[str] = set()
    for dim, value in filters.items():
        if dim not in fdef.filters:
            raise FactError(f"fact {fdef.fact} has no filter {dim!r}")
        f = fdef.filters[dim]
        clauses.append(f.build(value))
        joins |= f.joins
    return (and_(*clauses) if clauses else true()), joins


def column(fdef: FactDef, expr: str) -> ColumnDef:
    """An `expr` column of a fact (loud error when unknown)."""
    try:
        return fdef.columns[expr]
    except KeyError:
        raise FactError(f"fact {fdef.fact} has no column {expr!r}") from None


# ---- the station fact, evaluated in Python over station rows --------------------------------

STATION_COLUMNS = (
    "station_count",
    "station_days",
    "store_station_days",
    "nozzle_days",
    "staff",
    "store_area",
    "store_count",
)
STATION_FILTERS = ("has_store", "location_type")


def _open_days(opened_on: date, win: Window) -> int:
    start = max(win.start, opened_on)
    return max(0, (win.end - start).days + 1)


def station_value(expr: str, row: dict[str, Any], win: Window) -> float:
    """One station's contribution to a `station` measure over a window."""
    is_open = row["opened_on"] <= win.end
    has_store = (row["store_area_m2"] or 0) > 0
    days = _open_days(row["opened_on"], win)
    values = {
        "station_count": 1.0 if is_open else 0.0,
        "station_days": float(days),
        "store_station_days": float(days) if has_store else 0.0,
        "nozzle_days": float(days * row["nozzle_count"]),
        "staff": float(row["staff_count"]) if is_open else 0.0,
        "store_area": float(row["store_area_m2"]) if is_open else 0.0,
        "store_count": 1.0 if is_open and has_store else 0.0,
    }
    if expr not in values:
        raise FactError(f"fact station has no column {expr!r}")
    return values[expr]


def station_passes(filters: dict[str, Any], row: dict[str, Any]) -> bool:
    """Whether a station row satisfies a station measure's filters."""
    for dim, value in filters.items():
        if dim == "has_store":
            if ((row["store_area_m2"] or 0) > 0) != bool(value):
                return False
        elif dim == "location_type":
            allowed = value if isinstance(value, list) else [value]
            if row["location_type"] not in allowed:
                return False
        else:
            raise FactError(f"fact station has no filter {dim!r}")
    return True


def vocabulary(fact: Fact) -> tuple[set[str], set[str]]:
    """(columns, filter dimensions) a fact offers, for the load-time checks."""
    if fact == Fact.STATION:
        return set(STATION_COLUMNS), set(STATION_FILTERS)
    if fact == Fact.SPECIAL:
        return set(), set()
    fdef = fact_def(fact)
    return set(fdef.columns), set(fdef.filters)
