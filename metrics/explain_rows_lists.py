"""Rows behind station and customer-status measures, listed in Python (metrics/explain_rows.py).

Station measures are computed by the evaluator in Python from station rows; customer-status
counts are lengths of the customer lists, whose SQL is the status provider's own. Each row
carries `measure_value`, what it adds to the measure.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select

from data.schema import stations
from data.scope import Scope
from metrics.compiler import entity_filter
from metrics.customer_lists import customer_list
from metrics.facts import station_passes, station_value
from metrics.model import Measure
from metrics.periods import Window
from metrics.request import EntityKey

VALUE_COL = "measure_value"


def station_rows(engine: Engine, m: Measure, window: Window, entity: EntityKey,
                 scope: Scope) -> list[dict[str, Any]]:
    """The entity's stations in scope with their contribution (the evaluator's Python rule)."""
    level, ident = entity
    cols = [stations.c[c] for c in ("station_id", "station_name", "team_id", "city_id",
                                    "opened_on", "location_type", "staff_count",
                                    "store_area_m2", "nozzle_count")]
    stmt = select(*cols).where(entity_filter(level, [ident], scope)).order_by(stations.c.station_id)
    with engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(stmt).mappings()]
    out = []
    for r in rows:
        passes = station_passes(dict(m.filter), r)
        out.append({**r, VALUE_COL: station_value(m.expr or "", r, window) if passes else 0.0})
    return out


def customer_rows(engine: Engine, kind: str, window: Window, entity: EntityKey,
                  scope: Scope) -> list[dict[str, Any]]:
    """The customers of one list (metrics/customer_lists.py): the provider's count is its length;
    names and phones masked unless the scope allows personal data."""
    level, ident = entity
    found = customer_list(engine, str(level), ident, window, scope, kind, details=False)
    return [{"customer_id": c.customer_id, "name": c.name, "phone": c.phone, "kind": c.kind,
             "grade": c.grade, "status": c.status, "warning": c.warning,
             "last_purchase": c.last_purchase, "liters_month": round(c.liters_month, 2),
             "liters_avg3": round(c.liters_avg3, 2), VALUE_COL: 1} for c in found]
