"""Rows behind customers.status outputs that are not customer lists of their own (key and fleet
customers, recovered, churned, last month's active/lost, loyal liters).

One row per customer of the entity's customer_state whose status_flags condition holds (the
provider's own state and flags, metrics/special/customers.py), with the liters of M…M−4 that
decided it; `measure_value` is 1, or for loyal_liters the customer's liters in M.
"""

from __future__ import annotations

from sqlalchemy import Select, and_, literal, select

from data.customers import person_columns
from data.schema import customers
from metrics.explain_rows_lists import VALUE_COL
from metrics.special.base import ProviderRequest
from metrics.special.customers import GOLD_PLUS, customer_state, entity_stations, status_flags

STATUS_EXTRA = ("key_active", "fleet_key_active", "fleet_key_warning", "recovered", "lost_prev",
                "churned_now", "active_prev", "loyal_liters")


def status_rows(req: ProviderRequest, output: str) -> Select:
    """Customers counted by customers.status's `output` (build_status's conditions)."""
    ent = entity_stations(req)
    s = customer_state(req.window, ent, rollup=req.rollup)
    f, cu = status_flags(req.window, s), customers.c
    gold = cu.grade.in_(GOLD_PLUS)
    fleet_key = (cu.kind == "fleet") | gold
    cond = {
        "key_active": and_(f["active"], gold), "fleet_key_active": and_(f["active"], fleet_key),
        "fleet_key_warning": and_(f["warning"], fleet_key), "loyal_liters": f["loyal"],
    }.get(output, f.get(output))
    value = s.c.l0 if output == "loyal_liters" else literal(1)
    return (
        select(s.c.customer_id, *person_columns(req.scope), cu.kind, cu.grade,
               s.c.last.label("last_purchase_month"),
               s.c.last_prev.label("last_purchase_month_before"),
               *(s.c[f"l{n}"].label(f"liters_m{n}") for n in range(5)), value.label(VALUE_COL))
        .select_from(s.join(customers, cu.customer_id == s.c.customer_id))
        .where(cond)
        .order_by(s.c.customer_id)
    )  # fmt: skip
