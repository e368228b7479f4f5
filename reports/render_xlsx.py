"""The report's tables as Excel (exports.xlsx): headlines, the operating statement and the churn
worklist in one sheet, a `section` column telling them apart. Raw values in base units (yuan,
tonnes, fractions shown as %) so that the figures can be summed and checked."""

from __future__ import annotations

import re
from typing import Any

from components.i18n import t
from exports.sheet import Column, Sheet
from exports.xlsx import to_xlsx_bytes
from reports import text
from reports.model import Contributor, Report


def _columns(lang: str) -> list[Column]:
    c = lambda k: t(f"report.col.{k}", lang)  # noqa: E731 - a local shorthand
    return [Column("section", t("report.xlsx.section", lang)), Column("id", "id"),
            Column("name", c("indicator")), Column("unit", t("report.xlsx.unit", lang)),
            Column("value", c("value"), "number"), Column("plan", c("plan"), "number"),
            Column("completion", c("completion"), "percent"), Column("mom", c("mom"), "percent"),
            Column("yoy", c("yoy"), "percent"), Column("light", c("light")),
            Column("change", "变化（本单位）" if lang == "zh" else "Change (own unit)", "number"),
            Column("city_rank", "市内排名" if lang == "zh" else "Rank in city"),
            Column("province_rank", "省内排名" if lang == "zh" else "Rank in province")]  # fmt: skip


def _contributor_rows(r: Report, lang: str) -> list[dict[str, Any]]:
    """One row per contributor of each mover (stations, product kinds and their products,
    customers): its value now and its change, in its own unit (customers: liters against their
    expectation)."""
    sec = t("report.sec.movers", lang)
    return [{"section": sec, "id": f"{m.figure.id}/{c.level}:{c.id}",
             "name": f"{text.name(m.figure, lang)} · {c.name}", "unit": c.unit or m.figure.unit,
             "value": c.value, "change": c.delta}
            for m in r.best + r.worst for c in m.contributors + _with_parts(m.products)
            + m.customers]  # fmt: skip


def _with_parts(kinds: tuple[Contributor, ...]) -> tuple[Contributor, ...]:
    """Each product kind followed by its products (92#汽油, …), so a sheet can sum either."""
    return tuple(c for k in kinds for c in (k, *k.parts))


def _rank_rows(r: Report, lang: str) -> list[dict[str, Any]]:
    if r.rank is None:
        return []
    sec = t("report.sec.rank", lang)
    return [{"section": sec, "id": h.figure_id, "name": text.name(h, lang), "unit": "rank",
             "city_rank": text.place(h.city_rank, h.city_of, h.city_move, lang),
             "province_rank": text.place(h.province_rank, h.province_of, h.province_move, lang)}
            for h in r.rank.by_headline]  # fmt: skip


def _rows(r: Report, lang: str) -> list[dict[str, Any]]:
    head, stmt = t("report.sec.summary", lang), t("report.sec.statement", lang)
    rows = [{"section": head, "id": f.id, "name": text.name(f, lang), "unit": f.unit,
             "value": f.value, "plan": f.plan, "completion": f.completion, "mom": f.mom_change,
             "yoy": f.yoy_change, "light": f.rag} for f in r.headlines]  # fmt: skip
    rows += [{"section": stmt, "id": s.id, "name": "  " * s.depth + text.name(s, lang),
              "unit": s.unit, "value": s.actual, "plan": s.plan, "completion": s.completion,
              "yoy": s.yoy, "light": s.rag} for s in r.statement]  # fmt: skip
    rows += _contributor_rows(r, lang) + _rank_rows(r, lang)
    if r.churn is not None:
        churn = t("report.sec.churn", lang)
        rows += [{"section": churn, "id": c.customer_id, "name": c.name or "", "unit": "liters",
                  "value": c.liters_month, "plan": c.liters_at_risk, "light": c.grade or ""}
                 for c in r.churn.top]  # fmt: skip
    return rows


def render_xlsx(report: Report, lang: str = "zh") -> bytes:
    """The workbook bytes of the report's tables in `lang`."""
    notes = [text.summary(report, lang), text.rank(report, lang), text.churn(report, lang)]
    # Excel refuses : \ ? * [ ] in a sheet name, which exports.xlsx takes from the title.
    title = re.sub(r"[:\\?*\[\]]", " ", text.title(report, lang))
    sheet = Sheet(title, _columns(lang), _rows(report, lang), notes)
    return to_xlsx_bytes(sheet)
