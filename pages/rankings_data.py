"""The rankings page's numbers and downloads (a pages helper): JSON rows, sorting, sheets.

`load_ranking` asks `metrics.rankings` (cached by request, scope and data version through the
board's cache helper) and returns plain JSON for a dcc.Store; `sort_rows` orders it for the
table; `ranking_sheet` turns it into an `exports.Sheet` with the same rows and columns.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Engine

from components.i18n import t
from components.indicator_view import format_value
from components.ranking_table import movement_text
from data.scope import Scope
from exports import Column, Sheet
from metrics.periods import Period
from pages.board_data import cached, registry

COMPOSITE = "composite"
SORT_KEYS = ("rank", "movement", "name", "value", "gap", "share", "city_rank")


def _row_json(r: Any) -> dict[str, Any]:
    return {"id": r.id, "name": r.name, "city_id": r.city_id, "value": r.value, "rag": r.rag,
            "rank": r.rank, "prev_rank": r.prev_rank, "movement": r.movement, "new": r.new,
            "gap": r.gap, "share": r.share, "city_rank": r.city_rank,
            "parts": {k: list(v) for k, v in r.parts.items()}}  # fmt: skip


def load_ranking(engine: Engine, scope: Scope, indicator: str, level: str, period: Period,
                 as_of: date | None, city: str | None) -> dict[str, Any]:  # fmt: skip
    """The ranking as JSON: what was ranked and the rows in rank order."""
    from metrics.rankings import composite, ranking

    key = f"rank:{scope.key()}:{indicator}:{level}:{period}:{as_of}:{city}"

    def compute() -> dict[str, Any]:
        if indicator == COMPOSITE:
            res = composite(engine, level, period, as_of, scope, city=city)
        else:
            res = ranking(engine, indicator, level, period, as_of, scope, city)
        return {"indicator": res.indicator, "level": res.level, "period": res.period,
                "window": res.window, "city": res.city, "direction": res.direction,
                "additive": res.additive, "weights": res.weights,
                "rows": [_row_json(r) for r in res.rows]}  # fmt: skip

    return cached(key, engine, compute)


def indicator_meta(indicator: str) -> dict[str, Any]:
    """Name, unit and decimals of an indicator (the composite is a unitless score)."""
    if indicator == COMPOSITE:
        return {"name_zh": "综合得分", "name_en": "Composite score", "unit": "score", "decimals": 3}
    ind = registry().indicators[indicator]
    return {"name_zh": ind.name_zh, "name_en": ind.name_en, "unit": str(ind.unit.value),
            "decimals": ind.display_decimals}  # fmt: skip


def _fmt(value: float | None, meta: dict[str, Any], lang: str) -> str:
    if meta["unit"] == "score":
        return "—" if value is None else f"{value:.3f}"
    return format_value(value, meta["unit"], lang, meta["decimals"])


def display_rows(data: dict[str, Any], lang: str, hrefs: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Rows with the formatted texts the table shows (value, gap in the unit, share in %)."""
    meta = indicator_meta(data["indicator"])
    out = []
    for r in data["rows"]:
        share = None if r["share"] is None else f"{r['share'] * 100:.1f}%"
        out.append({**r, "value_text": _fmt(r["value"], meta, lang),
                    "gap_text": "—" if r["gap"] is None else _fmt(r["gap"], meta, lang),
                    "share_text": share or "—",
                    "city_rank_text": "—" if r["city_rank"] is None else str(r["city_rank"]),
                    "href": (hrefs or {}).get(r["id"])})  # fmt: skip
    return out


def sort_rows(rows: list[dict[str, Any]], key: str, desc: bool) -> list[dict[str, Any]]:
    """Rows sorted by a column; rows without a value stay last either way, ties by rank, id."""
    key = key if key in SORT_KEYS else "rank"

    def k(r: dict[str, Any]) -> Any:
        v = r.get(key)
        return v if key == "name" else (float(v) if v is not None else 0.0)

    present = [r for r in rows if r.get(key) is not None]
    missing = [r for r in rows if r.get(key) is None]
    present.sort(key=lambda r: (r["rank"] or 0, r["id"]))
    present.sort(key=k, reverse=desc)
    return present + missing


def ranking_sheet(data: dict[str, Any], rows: list[dict[str, Any]], lang: str,
                  notes: list[str]) -> Sheet:  # fmt: skip
    """The download: the table's rows, raw numbers (formats do the display), in `lang`."""
    meta = indicator_meta(data["indicator"])
    ratio = meta["unit"] == "ratio"
    vkind = "percent" if ratio else "number"
    cols = [
        Column("rank", t("rank.col.rank", lang), "int"),
        Column("movement_text", t("rank.col.movement", lang)),
        Column("id", t("rank.col.id", lang)),
        Column("name", t("rank.col.entity", lang)),
        Column("city_id", t("rank.col.city", lang)),
        Column("value", f"{t('rank.col.value', lang)} ({meta['unit']})", vkind),
        Column("rag_text", t("rank.col.rag", lang)),
        Column("gap", t("rank.col.gap", lang), vkind),
        Column("share", t("rank.col.share", lang), "percent"),
        Column("city_rank", t("rank.col.city_rank", lang), "int"),
        Column("prev_rank", t("rank.col.prev_rank", lang), "int"),
    ]
    body = [{**r, "movement_text": movement_text(r["movement"], r["new"], lang)[0],
             "rag_text": t(f"rag.{r['rag'] or 'grey'}", lang)} for r in rows]  # fmt: skip
    title = t("rank.title", lang) + " · " + (meta["name_zh"] if lang == "zh" else meta["name_en"])
    return Sheet(title, cols, body, notes)
