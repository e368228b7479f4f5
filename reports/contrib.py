"""The largest contributors to a headline's change: child entities, product kinds, customers.

- Child entities (stations of a team, teams of a city, …): value − value a month before, like
  for like, from the report's batch.
- Product kinds (汽油 / 柴油) for the figures that split by product: catalogue or statement
  indicators per kind (`PRODUCT_SPLITS`), evaluated in the same batch; the kinds add up to the
  figure (every product is gasoline or diesel in the data contract), and each kind carries its
  products (92#汽油, 95#汽油, …; reports.products) as `parts`, which add up to the kind.
- Customers for the fuel figures (CUSTOMER_FIGURES): the metrics layer's customer list (`active`: bought at the entity
  in the last three months), each customer's liters this month to date against their own
  expectation (three-month average × time progress; metrics.customer_lists). Names come masked
  unless the scope allows personal data; an aggregates-only scope gets no customers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from data.org import Entity
from data.products import Product
from metrics.customer_lists import CustomerRow
from metrics.request import BatchResult
from reports import products as report_products
from reports.model import Contributor

TOP = 3
KIND_NAMES = {"gasoline": ("汽油", "Gasoline"), "diesel": ("柴油", "Diesel")}
# figure → ((indicator per product kind, kind), …); stmt_* ids are metrics.statement's lines
PRODUCT_SPLITS: dict[str, tuple[tuple[str, str], ...]] = {
    "fuel_volume_t": (("gasoline_volume_t", "gasoline"), ("diesel_volume_t", "diesel")),
    "fuel_gross_profit": (("stmt_gp_gasoline", "gasoline"), ("stmt_gp_diesel", "diesel")),
}
# Figures that move with what customers fill up (liters are their common measure).
CUSTOMER_FIGURES = ("fuel_volume_t", "fuel_gross_profit", "member_volume_share")


def split_indicators() -> tuple[str, ...]:
    """The per-kind indicators the report's batch must also evaluate."""
    return tuple(i for parts in PRODUCT_SPLITS.values() for i, _ in parts)


def _largest(rows: list[Contributor]) -> tuple[Contributor, ...]:
    rows.sort(key=lambda c: (-(abs(c.delta) if c.delta is not None else -1.0), c.id))
    return tuple(rows[:TOP])


def _part(level: str, ident: str, name: str, value: float | None,
          before: float | None) -> Contributor:  # fmt: skip
    delta = None if value is None or before is None else value - before
    return Contributor(level, ident, name, value, before, delta)


def children(fig_id: str, kids: Sequence[Entity], res: BatchResult) -> tuple[Contributor, ...]:
    """Child entities with the largest |change| of the figure."""
    rows = []
    for e in kids:
        r = res.get(fig_id, e.key)
        rows.append(_part(e.level, e.id, e.name, r.value, r.mom_value))
    return _largest(rows)


def _codes(fig_id: str, kind: str, ent: Entity, res: BatchResult,
           prods: tuple[Product, ...]) -> tuple[Contributor, ...]:  # fmt: skip
    """The products of one kind by |change| (all of them: they add up to the kind), leaving out
    products the entity sold in neither month."""
    rows = []
    for ind, p in report_products.split_ids(fig_id, prods).items():
        r = res.get(ind, ent.key)
        if p.kind == kind and (r.value or r.mom_value):
            rows.append(_part("product_code", p.code, p.name, r.value, r.mom_value))
    rows.sort(key=lambda c: (-(abs(c.delta) if c.delta is not None else -1.0), c.id))
    return tuple(rows)


def products(fig_id: str, ent: Entity, res: BatchResult,
             prods: tuple[Product, ...] = ()) -> tuple[Contributor, ...]:  # fmt: skip
    """Product kinds by |change| of the figure, each with its products (`parts`) from
    reports.products when `prods` are given; empty when the figure does not split."""
    rows = []
    for ind, kind in PRODUCT_SPLITS.get(fig_id, ()):
        r = res.get(ind, ent.key)
        part = _part("product", kind, KIND_NAMES[kind][0], r.value, r.mom_value)
        rows.append(replace(part, parts=_codes(fig_id, kind, ent, res, prods)))
    return _largest(rows)


def customers(active: Sequence[CustomerRow]) -> tuple[Contributor, ...]:
    """Customers of the entity's `active` list (metrics.customer_lists) with the largest
    |liters this month − expectation|."""
    out = [Contributor("customer", c.customer_id, c.name or "", c.liters_month,
                       c.liters_expected, c.liters_month - c.liters_expected, "liters")
           for c in active]  # fmt: skip
    return _largest(out)
