"""The board's numbers: one batch evaluation per view, cached by (request, scope, data version).

A pages helper. `load_board` returns plain JSON (it travels through a dcc.Store to the render
callback, so switching language, searching or filtering never evaluates again). Only this module
and pages/board_explain.py talk to the metrics layer's evaluator.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from sqlalchemy import Engine

from data.org import Entity, latest_day, list_entities
from data.scope import Scope
from data.store import data_version
from metrics.periods import Period
from metrics.request import BatchRequest
from pages.cache import cached  # noqa: F401 - re-export: the pages' one cache helper

log = logging.getLogger(__name__)
TREND_MONTHS = 13
# The board's entries outlive the pages' default 10 minutes: the data version keeps them
# fresh, and the views warmed after a nightly import (pages/prewarm.py) must still be there
# in the morning. SimpleCache's entry limit (and Redis's own policy) bound the memory.
BOARD_SECONDS = 36 * 3600


def _val(x: Any) -> str:
    return str(getattr(x, "value", x))


def _num(x: Any) -> float | None:
    try:
        return None if x is None else float(x)
    except (TypeError, ValueError):
        return None


def registry() -> Any:
    """The metrics registry (loaded once by the metrics layer)."""
    from metrics.registry import get_registry

    return get_registry()


def cell_json(r: Any) -> dict[str, Any]:
    """The JSON of one IndicatorResult."""
    return {
        "value": _num(r.value), "rag": _val(r.rag),
        "reason_zh": r.rag_reason_zh or "", "reason_en": r.rag_reason_en or "",
        "mom": _num(r.mom_value), "yoy": _num(r.yoy_value), "plan": _num(r.plan_value),
        "progress": _num(r.time_progress), "window": r.window,
        "trend": [[str(m), _num(v)] for m, v in (r.trend or [])],
    }


def evaluate_batch(engine: Engine, scope: Scope, indicator_ids: list[str] | None,
                   entities: list[tuple[str, str]], period: Period, as_of: date | None,
                   trend_months: int = 0) -> dict[str, dict[str, Any]]:
    """One batch call: {"indicator|level|id": cell JSON}. The only place here that knows the
    evaluator's request and result types."""
    from metrics.evaluator import evaluate

    request = BatchRequest(
        entities=tuple(entities), period=period, scope=scope,
        indicators=tuple(indicator_ids) if indicator_ids is not None else None,
        as_of=as_of, trend_months=trend_months)
    result = evaluate(engine, request)
    return {f"{ind}|{_val(lvl)}|{ident}": cell_json(r)
            for (ind, (lvl, ident)), r in result.results.items()}


def _indicator_rows(cells: dict[str, dict[str, Any]], entity: Entity) -> list[dict[str, Any]]:
    reg = registry()
    rows = []
    for ind in reg.indicators.values():
        cell = cells.get(f"{ind.id}|{entity.level}|{entity.id}", {})
        rows.append({
            "id": ind.id, "name_zh": ind.name_zh, "name_en": ind.name_en,
            "theme": _val(ind.theme), "unit": _val(ind.unit), "decimals": ind.display_decimals,
            "direction": _val(ind.direction), "headline": bool(ind.headline),
            **{k: cell.get(k) for k in ("value", "mom", "yoy", "plan", "progress")},
            "rag": cell.get("rag") or "grey",
            "reason_zh": cell.get("reason_zh", ""), "reason_en": cell.get("reason_en", ""),
        })
    return rows


def entities(engine: Engine, scope: Scope, version: str | None = None) -> list[Entity]:
    """The entities `scope` may see (`data.org.list_entities`), read once per data version: the
    pickers and the board's load callback both need them for every view."""
    return cached("org:entities", engine, lambda: list_entities(engine, scope), scope=scope,
                  version=version, timeout=BOARD_SECONDS)


def latest(engine: Engine, version: str | None = None) -> date | None:
    """The last data day (`data.org.latest_day`, a scan of the fuel dates), once per version."""
    return cached("org:latest_day", engine, lambda: latest_day(engine), version=version,
                  timeout=BOARD_SECONDS)


def _one_version(engine: Engine, scope: Scope, entity: Entity, period: Period,
                 as_of: date | None, headline: list[str]) -> tuple[dict, dict, str]:  # fmt: skip
    """The view's cells and headline trends from one data version (and that version): they
    come from two batches, and an import published between them would pair old cells with
    new trends."""
    key = f"view:{scope.key()}:{entity.level}:{entity.id}:{period}:{as_of}"
    for _ in range(3):
        version = data_version(engine)
        cells = cached(key, engine, lambda: evaluate_batch(
            engine, scope, None, [entity.key], period, as_of), version=version,
            timeout=BOARD_SECONDS)
        # Trends cost a window per month, so only the headline cards ask for them.
        trend_cells = cached(f"trend:{key}", engine, lambda: evaluate_batch(
            engine, scope, headline, [entity.key], period, as_of, TREND_MONTHS),
            version=version, timeout=BOARD_SECONDS)
        if data_version(engine) == version:
            break
    return cells, trend_cells, version


def _coverage(engine: Engine) -> dict[str, Any] | None:
    """The store's data coverage in the view's JSON, so drawing (pages/board_view.py flags the
    comparisons it cannot support) never reads the store; None when unreadable (no flags)."""
    from metrics.coverage import store_coverage

    try:
        return store_coverage(engine).to_json()
    except Exception:  # noqa: BLE001 - no flags rather than no board
        log.warning("board: data coverage unavailable", exc_info=True)
        return None


def load_board(engine: Engine, scope: Scope, entity: Entity, period: Period,
               as_of: date | None) -> dict[str, Any]:
    """Everything the board shows for one view, as JSON."""
    reg = registry()
    ids = list(reg.indicators)
    headline = [i for i in ids if reg.indicators[i].headline]
    cells, trend_cells, version = _one_version(engine, scope, entity, period, as_of, headline)
    trends = {i: trend_cells.get(f"{i}|{entity.level}|{entity.id}", {}).get("trend", [])
              for i in headline}
    return {
        "entity": {"level": entity.level, "id": entity.id, "name": entity.name},
        "period": str(period),
        "as_of": as_of.isoformat() if as_of else None,
        "version": version,
        "coverage": _coverage(engine),
        "indicators": _indicator_rows(cells, entity),
        "trends": trends,
        "themes": [{"id": _val(th.id), "name_zh": th.name_zh, "name_en": th.name_en}
                   for th, _ in reg.by_theme()],
    }
