"""Rows behind special-provider counts other than customers.status (metrics/explain_rows.py).

Each supported (provider, output) lists, in one ordered SQL statement, the things the provider
counted: customers (activation, RFM) or station-days (daily anomaly, stock-out, nozzles), each
row adding 1 (`measure_value`), so the number of rows is the provider's value. The statements
are built from the providers' own building blocks (metrics/special/*), under the caller's scope
(entity_stations applies it); names and phones come masked unless the scope allows personal
data. Campaign effects (metrics/explain_rows_campaigns.py) list their (campaign, station)
cells, each adding its share of the sum; customers.status outputs that are no customer list
(key/fleet, recovered, churned, loyal liters) list their customers (explain_rows_status.py).
Outputs not listed here keep `listing = "none"`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import CTE, Select, and_, func, literal, select

from data.customers import person_columns
from data.schema import customers
from data.scope import Scope
from metrics.explain_rows_campaigns import OUTPUT_QUANTITY, campaign_rows
from metrics.explain_rows_daily import anomaly_rows, nozzle_rows, stockout_rows
from metrics.explain_rows_lists import VALUE_COL
from metrics.explain_rows_status import STATUS_EXTRA, status_rows
from metrics.model import Measure
from metrics.periods import Level, Window, add_months
from metrics.request import EntityKey
from metrics.special.base import ProviderRequest
from metrics.special.customers import (
    activated_members,
    customer_state,
    day_start,
    entity_stations,
    home_customers,
)
from metrics.special.rfm import (
    RECENT_DAYS,
    active_customers,
    current_month_fm,
    frequency_money,
    province_medians,
    province_stations,
    station_frequency_money,
)


def _people(stmt: Select, customer_col: object, scope: Scope) -> Select:
    """Name and phone (masked without pii) after the customer id, listed by customer id."""
    first, *rest = stmt.selected_columns
    return (stmt.with_only_columns(first, *person_columns(scope), *rest)
            .join(customers, customers.c.customer_id == customer_col).order_by(customer_col))


def activation_rows(req: ProviderRequest, output: str) -> Select:
    """Home customers counted by customers.activation's `output` (build_activation's rules)."""
    w = req.window
    ent = entity_stations(req)
    home = home_customers(req, ent)
    h, managed = home.c, home.c.manager_id.is_not(None)
    cols = [h.customer_id, h.registered_on, h.manager_id]
    if output == "managers":  # COUNT(DISTINCT manager_id): one row per manager
        return (select(h.manager_id, func.count().label("home_customers"),
                       literal(1).label(VALUE_COL))
                .where(managed).group_by(h.manager_id).order_by(h.manager_id))  # fmt: skip
    if output in ("registered_prev_month", "managed_total"):
        stmt = select(*cols).where(h.is_new if output == "registered_prev_month" else managed)
    elif output == "activated":
        act = activated_members(req, ent, home)
        on = and_(act.c.entity_id == h.entity_id, act.c.customer_id == h.customer_id)
        stmt = select(*cols).select_from(home.join(act, on)).where(h.is_new)
    else:  # managed_buyers, active_managed: the customer's state at the entity
        s = customer_state(w, ent, rollup=req.rollup)
        on = and_(s.c.entity_id == h.entity_id, s.c.customer_id == h.customer_id)
        cond = (s.c.win > 0 if output == "managed_buyers"
                else s.c.last >= add_months(w.last_month, -3))
        stmt = (select(*cols, s.c.win.label("liters_in_window"),
                       s.c.last.label("last_purchase_month"))
                .select_from(home.join(s, on)).where(managed, cond))  # fmt: skip
    return _people(stmt.add_columns(literal(1).label(VALUE_COL)), h.customer_id, req.scope)


def _rfm_parts(req: ProviderRequest) -> tuple[CTE, CTE, CTE]:
    """The entity's F/Mon per customer, the province medians and the entity's active customers,
    exactly as build_high_value assembles them."""
    w, rollup = req.window, req.rollup
    ent = entity_stations(req)
    prov = province_stations(req, ent)
    cur = current_month_fm(w, prov) if rollup else None
    per_station = station_frequency_money(w, prov, rollup, cur)
    prov_active = active_customers(w, prov, "province_active", rollup, cur)
    med = province_medians(w, prov, per_station, rollup, prov_active)
    fm = frequency_money(per_station, ent, "entity_fm")
    return fm, med, active_customers(w, ent, "entity_active", rollup, cur)


def rfm_rows(req: ProviderRequest, output: str) -> Select:
    """rfm_high: customers with a purchase in the last 30 days and F, Mon ≥ the province
    medians (shown beside them); rfm_base: the entity's active customers."""
    fm, med, active = _rfm_parts(req)
    if output == "rfm_base":
        stmt = select(active.c.customer_id, literal(1).label(VALUE_COL))
        return _people(stmt, active.c.customer_id, req.scope)
    recent = day_start(req.window.end - timedelta(days=RECENT_DAYS))
    stmt = (select(fm.c.customer_id, fm.c.f.label("transactions_90d"),
                   fm.c.mon.label("paid_90d"), fm.c.last_ts.label("last_purchase"),
                   med.c.f_med.label("province_median_transactions"),
                   med.c.mon_med.label("province_median_paid"), literal(1).label(VALUE_COL))
            .select_from(fm.join(med, and_(fm.c.f >= med.c.f_med, fm.c.mon >= med.c.mon_med)))
            .where(fm.c.last_ts >= recent))  # fmt: skip
    return _people(stmt, fm.c.customer_id, req.scope)


Builder = Callable[[ProviderRequest], Select]
BUILDERS: dict[tuple[str, str], Builder] = {
    **{("customers.activation", o): (lambda r, o=o: activation_rows(r, o))
       for o in ("activated", "registered_prev_month", "managed_total", "managed_buyers",
                 "active_managed", "managers")},
    **{("rfm.high_value", o): (lambda r, o=o: rfm_rows(r, o)) for o in ("rfm_high", "rfm_base")},
    ("daily.anomaly", "anomaly_days"): lambda r: anomaly_rows(r, anomalies_only=True),
    ("daily.anomaly", "station_days_with_history"): lambda r: anomaly_rows(r, False),
    ("daily.stockout", "stockout_events"): stockout_rows,
    ("daily.nozzles", "active_nozzle_days"): nozzle_rows,
    **{("customers.status", o): (lambda r, o=o: status_rows(r, o)) for o in STATUS_EXTRA},
    **{("campaigns.effect", o): (lambda r, o=o: campaign_rows(r, o)) for o in OUTPUT_QUANTITY},
}


def has_provider_rows(m: Measure) -> bool:
    """True when the rows behind this special measure can be listed here."""
    return (m.provider or "", m.output or "") in BUILDERS


def provider_rows(m: Measure, window: Window, entity: EntityKey, scope: Scope) -> Select:
    """The ordered rows behind one provider measure at one entity and window."""
    level, ident = entity
    req = ProviderRequest(level=Level(level), entity_ids=(ident,), window=window, scope=scope)
    return BUILDERS[(m.provider or "", m.output or "")](req)
