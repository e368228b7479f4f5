"""Downloads of the campaign page: per-station results and responding customers as CSV, or both
as one Excel workbook (two sheets).

The export recomputes under `access.context.current_scope()` from the picker values (never from
the page's store, which comes back from the browser): the same stations and the same masking as
the screen (names only with `pii`, none for an aggregates-only scope), with every responder
instead of the first few, and the customer id on every row so masked names stay apart.
"""

from __future__ import annotations

import logging
from typing import Any

import dash
from dash import Input, Output, State, callback, ctx, dcc

from components.i18n import normalize_lang, t
from exports.csv import to_csv_bytes
from exports.sheet import Column, Sheet, safe_filename
from exports.xlsx import to_xlsx_book_bytes
from pages.campaigns_data import export_json

log = logging.getLogger(__name__)
BUTTONS = ("camp-csv-stations", "camp-csv-people", "camp-xlsx")


def _note(data: dict[str, Any], lang: str) -> str:
    return t("camp.export.note", lang, entity=data["entity"].partition(":")[2], window=data["label"])


def station_sheet(data: dict[str, Any], lang: str) -> Sheet:
    """One row per (campaign, member station) with the page's per-station figures."""
    cols = [Column("campaign_id", t("camp.col.id", lang)), Column("name", t("camp.col.name", lang)),
            Column("start", t("camp.col.start", lang)), Column("end", t("camp.col.end", lang)),
            Column("station_id", t("camp.col.station", lang)),
            Column("inc_t", t("camp.col.inc_t", lang), "number"),
            Column("base_t", t("camp.col.base_t", lang), "number"),
            Column("inc_gp", t("camp.col.inc_gp", lang), "number"),
            Column("cost_share", t("camp.col.cost", lang), "number"),
            Column("net", t("camp.col.net", lang), "number"),
            Column("tickets_change", t("camp.col.tickets", lang), "number"),
            Column("control", t("camp.col.control", lang))]  # fmt: skip
    rows = [{"campaign_id": c["campaign_id"], "name": c["name"], "start": c["start"], "end": c["end"],
             **s, "control": t("camp.yes" if s["has_control"] else "camp.no", lang)}
            for c in data["campaigns"] for s in c["stations"]]  # fmt: skip
    return Sheet(t("camp.sheet.stations", lang), cols, rows, (_note(data, lang),))


def people_sheet(data: dict[str, Any], lang: str) -> Sheet:
    """One row per (campaign, responding customer): id, name as the scope allows, liters."""
    names = {c["campaign_id"]: c["name"] for c in data["campaigns"]}
    cols = [Column("campaign_id", t("camp.col.id", lang)), Column("campaign", t("camp.col.name", lang)),
            Column("customer_id", t("camp.col.customer_id", lang)),
            Column("name", t("camp.col.customer", lang)),
            Column("liters_pre", t("camp.col.l_pre", lang), "number"),
            Column("liters_during", t("camp.col.l_d", lang), "number")]  # fmt: skip
    rows = [{**p, "campaign": names.get(p["campaign_id"], "")} for p in data["responders"]]
    return Sheet(t("camp.sheet.people", lang), cols, rows, (_note(data, lang),))


def export(_s: int | None, _p: int | None, _x: int | None, entity: str | None,
           period: str | None, lang: str | None) -> Any:  # fmt: skip
    """The clicked download, recomputed under the caller's scope."""
    if ctx.triggered_id not in BUTTONS or not entity or not period:
        return dash.no_update
    from settings import facts_engine

    lang = normalize_lang(lang)
    try:
        data = export_json(facts_engine(), entity, period)
    except Exception:  # a refused entity or a failing store: no file, and a line in the log
        log.exception("campaigns: export failed")
        return dash.no_update
    stem = f"{t('camp.title', lang)}_{entity.partition(':')[2]}_{period}"
    if ctx.triggered_id == "camp-xlsx":
        book = to_xlsx_book_bytes([station_sheet(data, lang), people_sheet(data, lang)])
        return dcc.send_bytes(book, safe_filename(stem, "xlsx"))
    sheet = station_sheet(data, lang) if ctx.triggered_id == "camp-csv-stations" else people_sheet(data, lang)
    return dcc.send_bytes(to_csv_bytes(sheet), safe_filename(f"{stem}_{sheet.title}", "csv"))


def register() -> None:
    """Register the download callback; pages/campaigns.py calls this each time Dash loads it
    (Dash re-runs page modules per app, not their helpers)."""
    callback(
        Output("camp-download", "data"),
        *[Input(b, "n_clicks") for b in BUTTONS],
        State("camp-entity", "value"), State("camp-period", "value"), State("app-lang", "data"),
        prevent_initial_call=True,
    )(export)
