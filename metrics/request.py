"""Request and result types of `metrics.evaluate` (stable API for pages, reports, alerts)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from data.scope import Scope
from metrics.expr import Input
from metrics.periods import Level, Period

EntityKey = tuple[Level, str]
COMPARISONS = frozenset({"mom", "yoy", "plan"})


class ScopeError(PermissionError):
    """An entity outside the caller's scope (or an empty scope): refused, never filtered to 0."""


class EntityError(LookupError):
    """An entity that does not exist (no station belongs to it) or an unsupported level."""


@dataclass(frozen=True)
class BatchRequest:
    """Indicators × entities for one period.

    `indicators=None` means the whole catalogue. `as_of` inside the period makes it
    period-to-date. `comparisons` ⊆ {mom, yoy, plan}. `trend_months` > 0 adds a monthly trend
    (the last n months up to the window end, the last one to date) for every requested indicator,
    so ask for trends only for the few indicators that show one (e.g. the 8 headlines).
    """

    entities: tuple[EntityKey, ...]
    period: Period
    scope: Scope
    indicators: tuple[str, ...] | None = None
    as_of: date | None = None
    comparisons: frozenset[str] = COMPARISONS
    trend_months: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "entities", tuple((Level(lv), str(i)) for lv, i in self.entities)
        )
        bad = set(self.comparisons) - COMPARISONS
        if bad:
            raise ValueError(f"unknown comparisons {sorted(bad)}; use {sorted(COMPARISONS)}")


@dataclass
class IndicatorResult:
    """One indicator at one entity. Ratios are fractions (0.95 = 95 %). None = not computable."""

    indicator: str
    level: Level
    entity: str
    period: str
    window: str  # label, e.g. "2026-10 (至 10-15)"
    value: float | None
    unit: str
    rag: str  # green | yellow | red | grey
    rag_reason_zh: str
    rag_reason_en: str
    null_reason: str | None = None  # key of expr_eval.NULL_REASONS when value is None
    substituted: str = ""  # the formula with this value's inputs substituted
    inputs: list[Input] = field(default_factory=list)
    mom_value: float | None = None
    yoy_value: float | None = None
    mom_change: float | None = None  # value / |mom_value| − 1
    yoy_change: float | None = None
    plan_value: float | None = None
    plan_completion: float | None = None  # value / plan_value (plan > 0)
    time_progress: float | None = None
    trend: list[tuple[str, float | None]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The command-line contract's object plus the comparison fields."""
        return {
            "indicator": self.indicator,
            "level": str(self.level),
            "entity": self.entity,
            "period": self.period,
            "value": self.value,
            "unit": self.unit,
            "rag": self.rag,
            "rag_reason_zh": self.rag_reason_zh,
            "rag_reason_en": self.rag_reason_en,
            "mom_value": self.mom_value,
            "yoy_value": self.yoy_value,
            "plan_value": self.plan_value,
            "plan_completion": self.plan_completion,
            "time_progress": self.time_progress,
        }


@dataclass
class BatchResult:
    """Results keyed by (indicator id, (level, entity id)), plus how they were computed."""

    request: BatchRequest
    window_label: str
    time_progress: float
    results: dict[tuple[str, EntityKey], IndicatorResult]
    statements: list[Any] = field(default_factory=list)  # the Select statements run
    seconds: float = 0.0

    def get(self, indicator: str, entity: EntityKey) -> IndicatorResult:
        """One result (KeyError if it was not requested)."""
        return self.results[(indicator, (Level(entity[0]), entity[1]))]

    def for_entity(self, entity: EntityKey) -> list[IndicatorResult]:
        """All results of one entity in catalogue order."""
        key = (Level(entity[0]), entity[1])
        return [r for (_, e), r in self.results.items() if e == key]
