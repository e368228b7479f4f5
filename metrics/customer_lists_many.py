"""One customer list at many entities of a level in ONE statement (the alert job's key-customer
churn at every station: one statement instead of one per station).

    lists_by_entity(engine, level, entity_ids, window, scope, kind="escalated", limit=None)
        -> {entity_id: [CustomerRow, …]}

The same flags, order and rows as `metrics.customer_lists.customer_list(..., details=False)`
for each entity alone (its filters and order are reused from there): the customer state is
grouped by (entity, customer) already, so many entities are one GROUP BY, and each entity's list
is numbered within the entity. No history or purchases elsewhere (`details=False`). Entities
without a listed customer are absent from the result.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy import CTE, Engine, and_, func, select

from data.schema import customers, fuel_sales
from data.scope import Scope
from metrics.customer_lists import CustomerRow, customer_row
from metrics.customer_lists_sql import (
    at_risk,
    list_filter,
    list_limits,
    list_order,
    month_progress,
    row_columns,
)
from metrics.periods import Level, Window
from metrics.special.base import ProviderRequest
from metrics.special.customers import customer_state, day_start, entity_stations, status_flags


def _buyers_on(ent: CTE, w: Window) -> CTE:
    """(entity, customer) with a fuel purchase at the entity's stations on the window's last day."""
    fs = fuel_sales.c
    return (
        select(ent.c.entity_id, fs.customer_id).distinct()
        .join(ent, ent.c.station_id == fs.station_id)
        .where(fs.customer_id.is_not(None), fs.ts >= day_start(w.end),
               fs.ts < day_start(w.end + timedelta(days=1)))
        .cte("buyers_today")
    )  # fmt: skip


def _statement(level: str, entity_ids: tuple[str, ...], w: Window, scope: Scope, kind: str,
               limit: int | None):  # noqa: ANN202 - a Select
    req = ProviderRequest(Level(level), entity_ids, w, scope)
    s = customer_state(w, ent := entity_stations(req), rollup=req.rollup, last_ts=True)
    f, today, cu = status_flags(w, s), _buyers_on(ent, w), customers.c
    order = list_order(kind, f, s, at_risk(s, w))
    listed = (
        select(
            s.c.entity_id, *row_columns(s, f, today, scope),
            func.row_number().over(partition_by=s.c.entity_id, order_by=order).label("list_pos"),
        )
        .select_from(s.outerjoin(customers, cu.customer_id == s.c.customer_id).outerjoin(
            today, and_(today.c.customer_id == s.c.customer_id,
                        today.c.entity_id == s.c.entity_id)))
        .where(list_filter(kind, f, s, today))
    ).subquery("listed")  # fmt: skip
    out = select(listed)
    if limit is not None:
        out = out.where(listed.c.list_pos <= limit)
    return out.order_by(listed.c.entity_id, listed.c.list_pos)


def lists_by_entity(engine: Engine, level: str, entity_ids: Sequence[str], window: Window,
                    scope: Scope, kind: str = "escalated",
                    limit: int | None = None) -> dict[str, list[CustomerRow]]:  # fmt: skip
    """{entity id: its `kind` list} for every entity of `entity_ids` that has one (see the
    module docstring). Raises ValueError for an unknown kind or level, PermissionError for an
    aggregates-only scope."""
    if scope.aggregates_only:
        raise PermissionError("an aggregates-only scope may not read customer rows")
    limit = list_limits((kind,), limit)[kind]
    ids = tuple(dict.fromkeys(entity_ids))
    if not ids:
        return {}
    with engine.connect() as conn:
        raw = conn.execute(_statement(level, ids, window, scope, kind, limit)).all()
    p = month_progress(window)
    out: dict[str, list[CustomerRow]] = {}
    for r in raw:  # entity_id, then the row_columns
        out.setdefault(str(r[0]), []).append(customer_row(r[1:], p))
    return out
