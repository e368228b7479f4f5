"""The statement page's numbers as JSON, cached by (request, scope key, data version).

A pages helper: `load_statement` asks `metrics.statement.build` (one batch for every line) and
`load_kids` asks `metrics.statement.by_children` for one line; both go through the board's cache
helper, so a new import (new data version) never serves old numbers.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from sqlalchemy import Engine

from data.org import Entity
from data.scope import Scope
from metrics.periods import Level, Period
from metrics.statement import CHILD_LEVEL, Row, StatementRequest, build, by_children
from pages.board_data import cached


def _request(scope: Scope, entity: Entity, month: Period, view: str,
             as_of: date | None) -> StatementRequest:
    return StatementRequest((Level(entity.level), entity.id), month, view, scope, as_of)


def _key(scope: Scope, entity: Entity, month: Period, view: str, as_of: date | None) -> str:
    return f"stmt:{scope.key()}:{entity.level}:{entity.id}:{month}:{view}:{as_of}"


def row_json(row: Row) -> dict[str, Any]:
    """One row as plain JSON: the line's fields and its numbers."""
    return {
        **asdict(row.line), "parts": list(row.line.parts),
        "actual": row.actual, "plan": row.plan, "completion": row.completion,
        "progress": row.time_progress, "last_year": row.last_year, "yoy": row.yoy,
        "rag": row.rag, "reason_zh": row.rag_reason_zh, "reason_en": row.rag_reason_en,
        "substituted": row.substituted,
    }


def kid_level(level: str) -> str | None:
    """The level of the entity's children ("station" under a team), None at a station."""
    child = CHILD_LEVEL.get(Level(level))
    return child.value if child else None


def load_statement(engine: Engine, scope: Scope, entity: Entity, month: Period, view: str,
                   as_of: date | None) -> dict[str, Any]:
    """Everything the page shows for one view (cached)."""

    def compute() -> dict[str, Any]:
        st = build(engine, _request(scope, entity, month, view, as_of))
        return {
            "entity": {"level": entity.level, "id": entity.id, "name": entity.name},
            "month": str(month), "view": view, "period": str(st.period),
            "as_of": st.as_of.isoformat() if st.as_of else None,
            "data_as_of": as_of.isoformat() if as_of else None,
            "window": st.window_label, "progress": st.time_progress,
            "kid_level": kid_level(entity.level),
            "rows": [row_json(r) for r in st.rows],
        }

    return cached(_key(scope, entity, month, view, as_of), engine, compute)


def load_kids(engine: Engine, scope: Scope, entity: Entity, month: Period, view: str,
              as_of: date | None, line_id: str) -> list[dict[str, Any]]:
    """One line at each child entity the scope sees whole (cached)."""

    def compute() -> list[dict[str, Any]]:
        kids = by_children(engine, _request(scope, entity, month, view, as_of), line_id)
        return [{**{k: v for k, v in row_json(c.row).items() if k not in _LINE_KEYS},
                 "id": c.id, "name": c.name, "level": c.level} for c in kids]

    return cached(f"{_key(scope, entity, month, view, as_of)}:kids:{line_id}", engine, compute)


_LINE_KEYS = {"id", "name_zh", "name_en", "section", "depth", "unit", "parts", "parent",
              "direction"}
