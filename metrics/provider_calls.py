"""Calling the special providers: one statement per (provider, params, level), all windows in it.

A provider builds one Select per window. To keep a board at a handful of statements, the windows
of one provider are combined with UNION ALL, each part tagged with its window index. Providers
name their CTEs (`entities`, …) the same in every window, so each part's CTEs are renamed
`w<i>_<name>` first and all of them render in the statement's one top-level WITH; if a
provider's statement still cannot be combined, that provider falls back to one statement per
window (decided once per process, see `_SEPARATE`).

Why top level and not nested inside each part: DuckDB materialises a CTE read by several consumers
only at the top level; a CTE nested in a UNION ALL part is inlined into each consumer, so a
provider whose CTE feeds two others (RFM's per-station F/M) computed it twice per window (the
three-window RFM statement cost 1.8× its three windows run apart, 49.6M rows).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, exc, literal_column, select, union_all
from sqlalchemy.sql.selectable import CTE

from data.scope import Scope
from metrics.model import Measure
from metrics.periods import Level, Window
from metrics.special import PROVIDERS, ProviderRequest

WINDOW_COL = "window_index"
_SEPARATE: set[str] = set()  # providers whose statements would not combine
_COMBINES: set[str] = set()  # providers checked once and found to combine


@dataclass(frozen=True)
class ProviderCall:
    """One statement of a provider: its level, measures and the windows by index."""

    stmt: Select
    level: Level
    measures: tuple[Measure, ...]
    windows: tuple[Window, ...]  # index i ↔ rows tagged window_index = i (one window: untagged)


def _renamed(stmt: Select, prefix: str) -> Select:
    """Give the statement's CTEs (fresh objects from the provider's build) names unique to this
    window, so that every window's CTEs can share the top-level WITH.

    A depth-first walk that visits each element once: shared subtrees (a CTE used in several
    places) would otherwise be walked again for every use.
    """
    seen: set[int] = set()
    stack: list[Any] = [stmt]
    while stack:
        element = stack.pop()
        if id(element) in seen:
            continue
        seen.add(id(element))
        if isinstance(element, CTE) and not element.name.startswith(prefix):
            element.name = f"{prefix}{element.name}"
        stack.extend(element.get_children())
    return stmt


def _union(name: str, stmts: list[Select]) -> Select | None:
    parts = []
    for i, stmt in enumerate(stmts):
        sub = _renamed(stmt, f"w{i}_").subquery(f"w{i}")
        parts.append(select(literal_column(str(i)).label(WINDOW_COL), *sub.c).select_from(sub))
    combined = union_all(*parts)
    if name not in _COMBINES:
        try:
            combined.compile()
        except exc.CompileError:
            _SEPARATE.add(name)
            return None
        _COMBINES.add(name)
    return combined  # type: ignore[return-value]


def provider_calls(
    name: str,
    params: Mapping[str, Any],
    level: Level,
    ids: tuple[str, ...],
    windows: list[Window],
    measures: tuple[Measure, ...],
    scope: Scope,
) -> list[ProviderCall]:
    """The statements asking one provider for all its windows."""
    spec = PROVIDERS[name]
    stmts = [spec.build(ProviderRequest(level, ids, w, scope, params)) for w in windows]
    if len(stmts) > 1 and name not in _SEPARATE:
        combined = _union(name, stmts)
        if combined is not None:
            return [ProviderCall(combined, level, measures, tuple(windows))]
        stmts = [spec.build(ProviderRequest(level, ids, w, scope, params)) for w in windows]
    return [ProviderCall(s, level, measures, (w,)) for s, w in zip(stmts, windows, strict=True)]


def read_rows(call: ProviderCall, rows: Any) -> list[tuple[Window, tuple[Level, str], Measure, float]]:
    """(window, entity, measure, value) for each row of a provider statement."""
    out = []
    for row in rows:
        win = call.windows[int(row[WINDOW_COL])] if len(call.windows) > 1 else call.windows[0]
        ent = (call.level, str(row["entity_id"]))
        for m in call.measures:
            v = row[m.output or ""]
            out.append((win, ent, m, float(v) if v is not None else 0.0))
    return out
