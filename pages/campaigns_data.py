"""The campaign page's numbers as JSON: campaigns with per-station results and responders,
computed under the caller's scope and cached (`pages.bands_load`). The screen keeps the first
`SHOWN` responders per campaign; the export takes all of them.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from metrics.campaign_customers import Responder, responders, station_tickets
from metrics.campaigns import CampaignEffect, campaign_effects
from pages.bands_load import View, cached_view, scoped_view

SHOWN = 10  # responders per campaign on screen (the export has them all)


def camp_json(c: CampaignEffect, tickets: dict[tuple[str, str], tuple[int, int, float]]) -> dict[str, Any]:
    """One campaign with its member stations, as plain JSON."""
    stations = [{"station_id": s.station_id, "inc_t": s.incremental_tonnes, "base_t": s.baseline_tonnes,
                 "inc_gp": s.incremental_gross_profit, "cost_share": s.cost_share, "net": s.net_profit,
                 "has_control": s.has_control,
                 "tickets_change": tickets.get((c.campaign_id, s.station_id), (0, 0, 0.0))[2]}
                for s in c.stations]  # fmt: skip
    return {"campaign_id": c.campaign_id, "name": c.name, "kind": c.kind, "start": c.start.isoformat(),
            "end": c.end.isoformat(), "stations": stations, "inc_t": c.total("incremental_tonnes"),
            "base_t": c.total("baseline_tonnes"), "inc_gp": c.total("incremental_gross_profit"),
            "cost_share": c.total("cost_share"), "net": c.total("net_profit"),
            "tickets_change": sum(s["tickets_change"] for s in stations),
            "t_pre": c.total("tonnes_pre"), "t_during": c.total("tonnes_during"),
            "control_pre": c.control_tonnes_pre, "control_during": c.control_tonnes_during,
            "n_days": c.n_days, "total_days": c.total_days}  # fmt: skip


def responder_json(r: Responder) -> dict[str, Any]:
    """One responder; `name` is already masked by the scope (metrics.campaign_customers)."""
    return {"campaign_id": r.campaign_id, "customer_id": r.customer_id, "name": r.name,
            "liters_pre": r.liters_pre, "liters_during": r.liters_during}


def _compute(engine: Any, v: View, limit: int | None) -> dict[str, Any]:
    tickets = station_tickets(engine, v.scope, v.level, v.ident, v.window)
    camps = [camp_json(c, tickets) for c in campaign_effects(engine, v.scope, v.level, v.ident, v.window)]
    # one query either way (SQL ranks them all); the count line says how many there are
    every = responders(engine, v.scope, v.level, v.ident, v.window, limit=None)
    counts = Counter(r.campaign_id for r in every)
    kept: Counter[str] = Counter()
    people = []
    for r in every:
        kept[r.campaign_id] += 1
        if limit is None or kept[r.campaign_id] <= limit:
            people.append(responder_json(r))
    for c in camps:
        c["responders"] = counts.get(c["campaign_id"], 0)
    return {"entity": v.entity, "label": v.window.label(), "campaigns": camps, "responders": people}


def campaign_json(engine: Any, entity: str, period: str) -> dict[str, Any]:
    """What the page shows for a picker value (first `SHOWN` responders per campaign)."""
    v = scoped_view(engine, entity, period)
    return cached_view(engine, "camp", v, lambda: _compute(engine, v, SHOWN))


def export_json(engine: Any, entity: str, period: str) -> dict[str, Any]:
    """The same with every responder, for the downloads."""
    v = scoped_view(engine, entity, period)
    return cached_view(engine, "camp-export", v, lambda: _compute(engine, v, None))
