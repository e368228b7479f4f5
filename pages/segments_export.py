"""The export sheet of 客户画像's target list: the same rows and masking as on screen (the page
builds it from the cached profiles under the caller's scope), every row, the customer id first."""

from __future__ import annotations

from components import format as fmt
from components.i18n import t
from exports.sheet import Column, Sheet
from metrics.segments import Profile


def target_sheet(chosen: list[Profile], entity: str, day: str, lang: str) -> Sheet:
    """The export sheet of a target list."""
    cols = [Column("customer_id", t("segments.col.id", lang)),
            Column("name", t("segments.col.name", lang)),
            Column("phone", t("segments.col.phone", lang)),
            Column("segment", t("segments.col.segment", lang)),
            Column("rfm", t("segments.col.rfm", lang)),
            Column("r_days", t("segments.col.r_days", lang), "int"),
            Column("frequency", t("segments.col.frequency", lang), "int"),
            Column("monetary", t("segments.col.monetary", lang), "number"),
            Column("cycle_days", t("segments.col.cycle", lang), "number1"),
            Column("discount_share", t("segments.col.discount", lang), "percent"),
            Column("recharge_amount", t("segments.col.recharge", lang), "number"),
            Column("grade", t("customers.col.grade", lang)),
            Column("manager_id", t("customers.col.manager", lang))]  # fmt: skip
    rows = [{**p.__dict__, "segment": t(f"segment.{p.segment}", lang),
             "rfm": f"{p.r_score}/{p.f_score}/{p.m_score}",
             "grade": t(f"grade.{p.grade}", lang) if p.grade else ""} for p in chosen]  # fmt: skip
    note = t("segments.sheet.note", lang, entity=entity, day=day, n=fmt.count(len(chosen)))
    return Sheet(t("segments.sheet", lang), cols, rows, (note,))
