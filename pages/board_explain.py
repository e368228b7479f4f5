"""The board's drawer (指标解析): definition, substituted formula, trend, ranks, rows (a helper).

Two batch calls: the indicator at the entity with a 13-month trend (which also carries the
substituted formula and its inputs), and the indicator at every visible sibling of the same
level in the province (ranks in city and province). The rows behind the number are a link to
the /rows page (paged, reconciled, exportable).
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any
from urllib.parse import urlencode

from dash import html
from sqlalchemy import Engine

from components.charts import trend_figure
from components.definition_drawer import (
    ExplainView,
    definition_block,
    explanation_block,
    names_heading,
)
from components.i18n import t
from components.indicator_view import RATIO_UNITS, format_value
from data.org import Entity
from data.scope import Scope
from metrics.periods import Period
from metrics.request import BatchRequest
from pages.board_data import cached, cell_json, entities, evaluate_batch, registry
from pages.board_view import with_caveats
from pages.definitions import definition_view

log = logging.getLogger(__name__)


def _ranks(cells: dict[str, dict[str, Any]], ind: Any, entity: Entity,
           siblings: list[Entity], lang: str) -> list[str]:
    """"市内排名 2 / 5", "省内排名 7 / 24": best first by the indicator's direction."""
    higher = str(getattr(ind.direction, "value", ind.direction)) != "lower_better"

    def rank_among(group: list[Entity], key: str) -> str | None:
        vals = [(e.id, cells.get(f"{ind.id}|{e.level}|{e.id}", {}).get("value")) for e in group]
        mine = dict(vals).get(entity.id)
        if mine is None or len(group) < 2:
            return None
        better = sum(1 for _, v in vals if v is not None and (v > mine if higher else v < mine))
        return t(key, lang, rank=better + 1, n=len(group))

    found = []
    if entity.level in ("team", "station"):
        same_city = [s for s in siblings if s.city_id == entity.city_id]
        found.append(rank_among(same_city, "drawer.rank_city"))
    if entity.level != "province":
        found.append(rank_among(siblings, "drawer.rank_province"))
    return [r for r in found if r]


def _input_rows(inputs: list[Any], lang: str) -> tuple[tuple[str, str], ...]:
    """(name, value) of each input of the substituted formula."""
    rows = []
    for inp in inputs:
        label = f"{inp.name}（{inp.window.label()}）" if lang == "zh" else (
            f"{inp.name} ({inp.window.label()})")
        value = "—" if inp.value is None else f"{inp.value:,.4g}" if abs(inp.value) < 1000 \
            else f"{inp.value:,.0f}"
        rows.append((label, value))
    return tuple(rows)


def _rows_href(ind_id: str, data: dict[str, Any]) -> str:
    """The rows page (/rows) of this indicator in the board's view; no link for a role that
    may not open that page (access/roles.py lists the pages of each role)."""
    from access.guard import page_allowed

    if not page_allowed("/rows"):
        return ""
    ent = data["entity"]
    query = {"indicator": ind_id, ent["level"]: ent["id"], "period": data["period"]}
    if data.get("as_of"):
        query["as_of"] = data["as_of"]
    return "/rows?" + urlencode(query)


def _trend(cell: dict[str, Any], name: str, unit: str, dark: bool = False) -> Any:
    points = cell.get("trend") or []
    if not points:
        return None
    ratio = unit in RATIO_UNITS
    scale = 1e-4 if unit == "yuan" else 1.0  # money reads in 万元, as on the cards
    values = [None if v is None else v * scale for _, v in points]
    return trend_figure([m for m, _ in points], values, name=name, percent=ratio, dark=dark)


def explain_view(engine: Engine, scope: Scope, data: dict[str, Any], ind_id: str,
                 lang: str) -> ExplainView:
    """Everything the drawer shows about the value of `ind_id` in the board's view."""
    reg = registry()
    ind = reg.indicators[ind_id]
    ent = data["entity"]
    period = Period.parse(data["period"])
    as_of = date.fromisoformat(data["as_of"]) if data.get("as_of") else None
    # the org as the board read it: once per data version, not twice per click
    same_level = [e for e in entities(engine, scope) if e.level == ent["level"]]
    entity = next(e for e in same_level if e.id == ent["id"])
    key = f"{scope.key()}:{entity.level}:{entity.id}:{period}:{as_of}:{ind_id}"
    own_full = cached(f"drawer:{key}", engine, lambda: _own(engine, scope, ind_id, entity,
                                                            period, as_of))
    cell = own_full["cell"]
    siblings = same_level if entity.level != "province" else []
    sib_cells = cached(f"siblings:{key}", engine, lambda: evaluate_batch(
        engine, scope, [ind_id], [s.key for s in siblings], period, as_of)) if siblings else {}
    unit = str(getattr(ind.unit, "value", ind.unit))
    name = ind.name_en if lang == "en" else ind.name_zh
    # Comparisons the data cannot support are listed, and their light greyed, as on the board.
    return with_caveats(ExplainView(
        value_text=format_value(cell.get("value"), unit, lang, ind.display_decimals),
        rag=cell.get("rag") or "grey",
        reason=cell.get(f"reason_{lang}") or cell.get("reason_zh") or "",
        substituted=own_full.get("substituted", ""),
        inputs=tuple(tuple(r) for r in own_full.get("inputs", [])),  # type: ignore[misc]
        period_scope=f"{t(f'level.{entity.level}', lang)} · {entity.name} · {cell.get('window', '')}",
        trend=_trend(cell, name, unit),
        ranks=tuple(_ranks(sib_cells, ind, entity, siblings, lang)),
        rows_href=_rows_href(ind_id, data),
    ), data, ind_id, lang)


def _own(engine: Engine, scope: Scope, ind_id: str, entity: Entity, period: Period,
         as_of: date | None) -> dict[str, Any]:
    """The indicator at the entity with its trend, substituted formula and inputs (JSON)."""
    from metrics.evaluator import evaluate

    result = evaluate(engine, BatchRequest(entities=(entity.key,), period=period, scope=scope,
                                           indicators=(ind_id,), as_of=as_of, trend_months=13))
    r = result.get(ind_id, entity.key)
    cell = cell_json(r)
    return {"cell": cell, "substituted": r.substituted or "",
            "inputs": [list(x) for x in _input_rows(r.inputs, "zh")]}


def drawer_body(engine: Engine, scope: Scope, data: dict[str, Any], ind_id: str,
                lang: str) -> html.Div:
    """The drawer's content; a failure reads as a message inside the drawer."""
    reg = registry()
    ind = reg.indicators.get(ind_id)
    if ind is None:
        return html.Div(t("drawer.unknown", lang, id=ind_id), className="alert alert-warning")
    view = definition_view(ind, reg, lang)
    try:
        ex = explain_view(engine, scope, data, ind_id, lang)
    except Exception as exc:  # never a traceback in the drawer
        log.exception("drawer: explain failed for %s", ind_id)
        ex = ExplainView("", "grey", "", error=t("drawer.unavailable", lang,
                                                  reason=type(exc).__name__))
    return html.Div(
        [names_heading(view, lang), explanation_block(ex, lang), html.Hr(),
         definition_block(view, lang)],
        className="drawer-content",
        **{"data-drawer-for": ind_id},
    )
