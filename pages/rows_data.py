"""The rows page's data (a pages helper): the view's JSON, a source back from that JSON, the CSV.

`load_view` asks metrics.explain_rows once per view (cached by request, scope and data
version) and returns plain JSON for a dcc.Store. The paging and CSV callbacks rebuild a source
from that JSON: every value in it may have been replayed by a client, so nothing in it is
trusted — the measure comes from the registry by id, and every query applies the caller's
scope again on the server.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Engine

from data.org import Entity
from data.scope import Scope
from exports.csv import to_csv_bytes
from exports.sheet import Column, Sheet
from metrics.compiler import plan_measure
from metrics.explain_rows import RowsSource, iter_rows, listing_of, reconcile, rows_explanation
from metrics.periods import Level, Period, Window
from pages.board_data import cached, registry

CSV_MAX_ROWS = 500_000


def _num(value: float | None) -> float | None:
    return None if value is None else float(value)


def load_view(engine: Engine, scope: Scope, ind_id: str, entity: Entity, period: Period,
              as_of: date | None) -> dict[str, Any]:
    """The indicator's value and each input with its reconciliation, as JSON."""
    key = f"rows:{scope.key()}:{ind_id}:{entity.level}:{entity.id}:{period}:{as_of}"
    return cached(key, engine, lambda: _compute(engine, scope, ind_id, entity, period, as_of))


def _compute(engine: Engine, scope: Scope, ind_id: str, entity: Entity, period: Period,
             as_of: date | None) -> dict[str, Any]:
    ex = rows_explanation(engine, ind_id, entity.key, period, as_of, scope)
    sources = []
    for s in ex.sources:
        rec = reconcile(engine, s, scope)
        sources.append({
            "index": s.index, "measure": s.measure.id, "description": s.measure.description,
            "plan": s.measure.id.startswith("plan__"), "period": str(s.window.period),
            "start": s.window.start.isoformat(), "end": s.window.end.isoformat(),
            "window": s.window.label(), "partial": s.window.is_partial,
            "level": str(s.entity[0]), "id": s.entity[1],
            "unit": str(getattr(s.measure.unit, "value", s.measure.unit)),
            "value": _num(s.value), "listing": s.listing, "rows": rec.rows,
            "total": _num(rec.total), "matches": rec.matches,
        })
    ind = ex.indicator
    return {
        "indicator": ind.id, "name_zh": ind.name_zh, "name_en": ind.name_en,
        "unit": str(getattr(ind.unit, "value", ind.unit)), "decimals": ind.display_decimals,
        "entity": {"level": entity.level, "id": entity.id, "name": entity.name},
        "period": str(period), "as_of": as_of.isoformat() if as_of else None,
        "window": ex.window.label(), "window_end": ex.window.end.isoformat(),
        "partial": ex.window.is_partial, "value": _num(ex.value), "rag": ex.rag,
        "substituted": ex.substituted, "sources": sources,
    }


def source_from(meta: dict[str, Any], index: Any) -> RowsSource | None:
    """The source `index` of a view's JSON, rebuilt from the registry (None if malformed)."""
    try:
        src = next(s for s in meta["sources"] if s["index"] == int(index))
        if src["plan"]:
            measure = plan_measure(str(src["measure"]).removeprefix("plan__"))
        else:
            measure = registry().measures[str(src["measure"])]
        period = Period.parse(str(src["period"]))
        window = Window(period, date.fromisoformat(src["start"]), date.fromisoformat(src["end"]))
        entity = (Level(src["level"]), str(src["id"]))
    except (KeyError, TypeError, ValueError, StopIteration, AttributeError):
        return None
    if entity[0] not in (Level.PROVINCE, Level.CITY, Level.TEAM, Level.STATION):
        return None
    value = src.get("value")
    return RowsSource(int(index), measure, window, entity,
                      float(value) if isinstance(value, int | float) else None,
                      listing_of(measure))


def measure_unit(source: RowsSource) -> str:
    """The unit of the source's measure (the per-row contribution column reads in it)."""
    return str(getattr(source.measure.unit, "value", source.measure.unit))


def csv_bytes(engine: Engine, scope: Scope, meta: dict[str, Any], source: RowsSource,
              notes: list[str], lang: str = "zh") -> tuple[bytes, bool]:
    """The source's rows as CSV (UTF-8 with BOM, formula guard), and whether it was capped.

    Machine-readable on purpose: raw column names and raw values (no separators, no 万元); the
    last note line says what each name means and its unit."""
    from components.rows_cells import csv_legend

    cols, rows = iter_rows(engine, source, scope, CSV_MAX_ROWS + 1)
    capped = len(rows) > CSV_MAX_ROWS
    notes = [*notes, csv_legend(cols, lang, measure_unit(source))]
    sheet = Sheet(title=meta.get("indicator", "rows"),
                  columns=[Column(c, c) for c in cols], rows=rows[:CSV_MAX_ROWS], notes=notes)
    return to_csv_bytes(sheet), capped
