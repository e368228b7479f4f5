"""The load step /bands and /campaigns share: URL values → pickers, picker values → a scoped
window → one cached computation → (JSON for the page's store, URL query that restores the view).

Both pages take an entity (`level:id`) and a period; both refuse an entity the caller may not
see, compute under `access.context.current_scope()`, cache through `pages.cache.cached`
(keyed by scope, entity and window, plus the data version), and turn any failure into
`{"error": <exception name>}` for a friendly message instead of a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import dash

from access.context import current_scope
from components.i18n import t
from components.shell import param_error
from data.org import LEVELS, latest_day, list_entities
from data.scope import Scope
from metrics.periods import Level, Period, PeriodError, Window, window
from pages.board_params import effective_as_of, parse_entity_value
from pages.cache import cached

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class View:
    """What a computation needs: the caller's scope, the entity and the period's window."""

    scope: Scope
    entity: str  # the picker value, "team:T01"
    level: Level
    ident: str
    window: Window


def pick(query: dict[str, Any], entities: list[Any], latest: Any, lang: str, prefix: str,
         order: tuple[str, ...]) -> tuple[Any, str | None, list[Any]]:  # fmt: skip
    """Entity and period the URL asks for; a notice and the default for each bad one
    (messages `<prefix>.entity.expected` / `<prefix>.period.expected`, default entity by `order`)."""
    notes: list[Any] = []
    entity = None
    for level in LEVELS:
        if query.get(level):
            entity = parse_entity_value(f"{level}:{query[level]}", entities)
            if entity is None:
                notes.append(param_error(lang, level, query[level], t(f"{prefix}.entity.expected", lang)))
            break
    if entity is None:
        entity = next((e for lv in order for e in entities if e.level == lv), None)
    period = str(Period.month_of(latest)) if latest else None
    if query.get("period"):
        try:
            period = str(Period.parse(str(query["period"])))
        except PeriodError:
            notes.append(param_error(lang, "period", query["period"], t(f"{prefix}.period.expected", lang)))
    return entity, period, notes


def scoped_view(engine: Any, entity: str, period: str) -> View:
    """The caller's view of a picker value; PermissionError for an entity outside the scope."""
    scope = current_scope()
    level, _, ident = entity.partition(":")
    if parse_entity_value(entity, list_entities(engine, scope, level)) is None:
        raise PermissionError(entity)
    per = Period.parse(period)
    w = window(per, effective_as_of(per, latest_day(engine), None))
    return View(scope, entity, Level(level), ident, w)


def cached_view(engine: Any, name: str, view: View, compute: Callable[[], Any]) -> Any:
    """`compute()` cached under the page `name`, the scope, the entity and the window."""
    key = f"{name}:{view.scope.key()}:{view.entity}:{view.window.start}:{view.window.end}"
    return cached(key, engine, compute)


def load_view(name: str, entity: str | None, period: str | None,
              compute: Callable[[Any, str, str], dict[str, Any]]) -> tuple[Any, Any]:  # fmt: skip
    """A page's `load` callback body: (JSON or {"error": …}, URL query or no_update)."""
    if not entity or not period:
        return None, dash.no_update
    from settings import facts_engine

    level, _, ident = entity.partition(":")
    try:
        data = compute(facts_engine(), entity, period)
    except Exception as exc:  # the metrics layer failing must read as a message
        log.exception("%s: evaluation failed", name)
        return {"error": type(exc).__name__}, dash.no_update
    return data, f"?{level}={ident}&period={period}"
