"""The wall display's numbers (a pages helper): aggregates only, under a fixed read-only scope.

One batch evaluates the whole catalogue for the province, every city and every team (month to
date as of the latest data day); a second adds the 13-month trend of a few indicators for the
province. Both are cached by data version, so a room full of walls costs one evaluation per
import. Customer-level data is never asked for: the scope is aggregates-only.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine

from data.org import latest_day, list_entities
from data.scope import Scope
from metrics.periods import Period
from pages.board_data import cached, evaluate_batch, registry

# The wall's identity: the whole province, aggregates only, no personal data.
WALL_SCOPE = Scope(all_stations=True, pii=False, aggregates_only=True)


def wall_scope(caller: Scope) -> Scope:
    """The caller's grant, narrowed to aggregates without personal data (never widened)."""
    return replace(caller, pii=False, aggregates_only=True)
STALE_AFTER_DAYS = 2
RANK_BY = ("fuel_volume_plan_completion", "fuel_volume_t")
TREND_IDS = ("fuel_volume_t", "nonfuel_revenue", "operating_profit")


def _val(x: Any) -> str:
    return str(getattr(x, "value", x))


def stale_days(latest: date | None, today: date | None = None) -> int | None:
    """Days since the latest data day when that is more than STALE_AFTER_DAYS, else None."""
    if latest is None:
        return None
    age = ((today or date.today()) - latest).days
    return age if age > STALE_AFTER_DAYS else None


def seconds_param(raw: str | None, default: int, low: int, high: int) -> int:
    """A URL number of seconds, clamped; nonsense gives the default (a wall has no one to ask)."""
    try:
        return max(low, min(high, int(float(str(raw)))))
    except (TypeError, ValueError):
        return default


def _defs(ids: list[str]) -> dict[str, dict[str, Any]]:
    reg = registry()
    return {i: {"name_zh": reg.indicators[i].name_zh, "name_en": reg.indicators[i].name_en,
                "unit": _val(reg.indicators[i].unit), "direction": _val(reg.indicators[i].direction),
                "decimals": reg.indicators[i].display_decimals}
            for i in ids if i in reg.indicators}


def _slim(cells: dict[str, dict[str, Any]]) -> dict[str, list[Any]]:
    """Only value and light per cell: the wall shows nothing else, and the JSON stays small."""
    return {k: [c.get("value"), c.get("rag") or "grey"] for k, c in cells.items()}


def load_wall(engine: Engine, scope: Scope = WALL_SCOPE,
              today: date | None = None) -> dict[str, Any]:
    """Everything the wall's views show, as JSON (empty dict when the store has no data or
    the scope does not cover the whole province)."""
    scope = wall_scope(scope)
    latest = latest_day(engine)
    entities = list_entities(engine, scope)
    provinces = [e for e in entities if e.level == "province"]
    if latest is None or not provinces:
        return {}
    reg = registry()
    period = Period.month_of(latest)
    orgs = [e for e in entities if e.level in ("province", "city", "team")]
    key = f"wall:{scope.key()}:{period}:{latest}"
    headline = [i for i, ind in reg.indicators.items() if ind.headline]
    rank_by = next((i for i in RANK_BY if i in reg.indicators), headline[0] if headline else "")
    # The evaluator groups by org level, so the whole catalogue is asked only where the wall
    # needs it (teams: red-light counts); other levels get the headline and ranking indicators.
    shown = sorted(set(headline) | {rank_by})
    teams = [e.key for e in orgs if e.level == "team"]
    upper = [e.key for e in orgs if e.level != "team"]
    cells = cached(key, engine, lambda: {
        **_slim(evaluate_batch(engine, scope, shown, upper, period, latest)),
        **(_slim(evaluate_batch(engine, scope, None, teams, period, latest))
           if teams else {}),
    })
    trend_ids = [i for i in TREND_IDS if i in reg.indicators]
    prov = provinces[0]
    trend_cells = cached(f"{key}:trend", engine, lambda: evaluate_batch(
        engine, scope, trend_ids, [prov.key], period, latest, 13))
    return {
        "province": {"id": prov.id, "name": prov.name},
        "latest": latest.isoformat(),
        "stale_days": stale_days(latest, today),
        "period": str(period),
        "headline": headline,
        "rank_by": rank_by,
        "cells": cells,
        "cities": [{"id": e.id, "name": e.name} for e in orgs if e.level == "city"],
        "teams": [{"id": e.id, "name": e.name, "city_id": e.city_id}
                  for e in orgs if e.level == "team"],
        "trends": {i: trend_cells.get(f"{i}|province|{prov.id}", {}).get("trend", [])
                   for i in trend_ids},
        "defs": _defs(sorted(set(headline) | set(trend_ids) | {rank_by})),
        "refreshed": datetime.now().strftime("%H:%M:%S"),
    }
