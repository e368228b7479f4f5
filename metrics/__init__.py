"""Metrics layer: the indicator catalogue, its SQL compiler, evaluator, RAG rules and explain.

Stable API (pages, reports and alerts call only these; names are imported lazily so that
`import metrics.periods` stays cheap):

- `get_registry() -> Registry`, `load(directory=None) -> (Registry, [Problem])`
  (metrics.registry): the frozen catalogue; `Registry.indicators[id] -> Indicator`,
  `Registry.by_theme()`, `Registry.measures`, `Registry.themes`.
- `evaluate(engine, BatchRequest) -> BatchResult` (metrics.evaluator):
  `BatchRequest(entities=((Level.TEAM, "T01"),), period=Period.parse("2026-10"), scope=scope,
  indicators=None | ("fuel_volume_t", …), as_of=date | None, comparisons={"mom","yoy","plan"},
  trend_months=0)`. `BatchResult.get(indicator, (level, id)) -> IndicatorResult` with `value`,
  `unit`, `rag` (green/yellow/red/grey), `rag_reason_zh/en`, `mom_value`, `yoy_value`,
  `mom_change`, `yoy_change`, `plan_value`, `plan_completion`, `time_progress`, `trend`
  [(YYYY-MM, value)], `substituted`. Deterministic: same store and request → same numbers
  (up to the last bits of float sums, whose order a parallel engine may vary, ~1e-16).
  Raises `ScopeError` (entity not wholly in scope, or empty scope: fail closed), `EntityError`
  (unknown entity), `KeyError` (unknown indicator), `PeriodError` (bad as-of).
- `explain(engine, indicator_id, (level, id), period, as_of, scope) -> Explanation`
  (metrics.explain): definition, formula, substituted formula per step down to base measures,
  inputs per window, filters in words and SQL, `rows_behind` (a Select with bound parameters).
- Units and their display: `metrics.model.UNITS[Unit] -> UnitInfo(zh, en, decimals)`.

Meta indicators are evaluator features the YAML calls: `green_share()` (share of green lights
over the entity's other indicators, grey excluded) and `city_rank(id=weight, …)` (rank of the
team's weighted headline attainment among the teams of its city; 1 = best).
"""

from __future__ import annotations

from typing import Any

_EXPORTS = {
    "evaluate": "metrics.evaluator",
    "explain": "metrics.explain",
    "Explanation": "metrics.explain",
    "get_registry": "metrics.registry",
    "load": "metrics.registry",
    "Registry": "metrics.registry",
    "Problem": "metrics.registry",
    "BatchRequest": "metrics.request",
    "BatchResult": "metrics.request",
    "IndicatorResult": "metrics.request",
    "ScopeError": "metrics.request",
    "EntityError": "metrics.request",
}


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'metrics' has no attribute {name!r}")


__all__ = sorted(_EXPORTS)
