"""The statement page's URL parameters: entity (team/city/station/province), month, view.

Checked in the callbacks (never in `layout`): each bad value becomes a `param_error` notice and
its default takes its place, so a mistyped link still shows a statement.
"""

from __future__ import annotations

from typing import Any

from components.i18n import t
from components.shell import param_error
from data.org import LEVELS, Entity
from metrics.periods import Period, PeriodError, PeriodKind
from metrics.statement import View
from pages.board_params import parse_entity_value

VIEWS = tuple(v.value for v in View)


def _default_entity(entities: list[Entity]) -> Entity | None:
    for level in ("team", "city", "province", "station"):
        found = [e for e in entities if e.level == level]
        if found:
            return found[0]
    return None


def pick(query: dict[str, Any], entities: list[Entity], latest: Any,
         lang: str) -> tuple[Entity | None, str | None, str, list[Any]]:  # fmt: skip
    """Entity, month and view the URL asks for; a notice and the default for each bad one."""
    notes: list[Any] = []
    entity = None
    for level in LEVELS:
        if query.get(level):
            entity = parse_entity_value(f"{level}:{query[level]}", entities)
            if entity is None:
                notes.append(param_error(lang, level, query[level], t("stmt.entity.expected", lang)))
            break
    entity = entity or _default_entity(entities)
    month = str(Period.month_of(latest)) if latest else None
    if query.get("period"):
        try:
            asked = Period.parse(str(query["period"]))
            if asked.kind is not PeriodKind.MONTH:
                raise PeriodError("not a month")
            month = str(asked)
        except PeriodError:
            notes.append(param_error(lang, "period", query["period"], t("stmt.period.expected", lang)))
    view = query.get("view") or "month"
    if view not in VIEWS:
        notes.append(param_error(lang, "view", view, t("stmt.view.expected", lang)))
        view = "month"
    return entity, month, view, notes
