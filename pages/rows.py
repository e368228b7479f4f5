"""数值明细 (/rows): the rows behind one indicator's value, with their reconciliation and a CSV.

`/rows?indicator=fuel_volume_t&team=T01&period=2026-11&as_of=2026-11-20` (the drawer links
here). `load` explains the value once (cached) into `rows-meta`; the table asks the server for
one page at a time; the CSV is recomputed under the caller's scope. Aggregates-only callers
(the wall) are refused, personal data comes masked unless the caller may see it.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any
from urllib.parse import urlencode

import dash
from dash import Input, Output, State, callback, dcc, html

from components import format as fmt
from components.i18n import normalize_lang, t
from components.indicator_view import format_value
from components.rows_cells import display_rows
from components.rows_table import (
    PAGE_SIZE,
    ReconLine,
    column_styles,
    reconciliation_table,
    rows_datatable,
    table_columns,
)
from components.shell import page_header
from data.org import LEVELS, latest_day, list_entities
from metrics.explain_rows import rows_page
from metrics.request import ScopeError
from pages.board_params import resolve

dash.register_page(__name__, path="/rows", title="数值明细")

log = logging.getLogger(__name__)
QUERY_KEYS = ("indicator", *LEVELS, "period", "as_of", "input")


def _engine() -> Any:
    from settings import facts_engine

    return facts_engine()


def _scope() -> Any:
    from access.context import current_scope

    return current_scope()


def layout(indicator: str | None = None, team: str | None = None, city: str | None = None,
           station: str | None = None, province: str | None = None, period: str | None = None,
           as_of: str | None = None, input: str | None = None, **_query: str) -> html.Div:  # noqa: A002
    """Skeleton: the header, the reconciliation, the input picker, the paged table, the CSV."""
    query = {"indicator": indicator, "team": team, "city": city, "station": station,
             "province": province, "period": period, "as_of": as_of, "input": input}
    return html.Div([
        dcc.Store(id="rows-query", data=query),
        dcc.Store(id="rows-meta"),
        html.Div(id="rows-header"),
        dcc.Loading(html.Div(id="rows-recon"), type="dot", delay_show=300),
        html.Div([
            dcc.Dropdown(id="rows-input", clearable=False, className="rows-input"),
            html.Button(id="rows-csv", n_clicks=0, className="btn btn-outline-primary btn-sm"),
            dcc.Download(id="rows-download"),
        ], className="rows-controls"),
        html.Div(id="rows-note", className="rows-note text-muted"),
        rows_datatable("rows-table"),
    ], className="rows-page")


def _number(value: float | None, unit: str | None, lang: str) -> str:
    """A sum as the board writes it in the measure's unit (money in 万元, tonnes, counts)."""
    if value is None:
        return "—"
    if unit:
        return format_value(value, unit, lang)
    return fmt.number(value, 0 if float(value).is_integer() else 2)


def _window_text(period: str, end: str, partial: bool, lang: str) -> str:
    """"2026-11（至 11-24）" / "2026-11 (to 11-24)" for a window cut short, else the period."""
    if not partial:
        return period
    return f"{period}（至 {end[5:]}）" if lang == "zh" else f"{period} (to {end[5:]})"


def _unit(src: dict[str, Any]) -> str | None:
    """The unit of a source of the view's JSON (older cached views carry none)."""
    unit = src.get("unit")
    return unit if isinstance(unit, str) else None


def _recon_lines(meta: dict[str, Any], lang: str) -> list[ReconLine]:
    lines = []
    for s in meta["sources"]:
        check = "none" if s["listing"] == "none" else "match" if s["matches"] else "mismatch"
        lines.append(ReconLine(
            s["index"], f"{s['measure']} · {s['description']}",
            _window_text(s["period"], s["end"], s.get("partial", False), lang),
            f"{t('level.' + s['level'], lang)} {s['id']}", _number(s["value"], _unit(s), lang),
            "—" if check == "none" else _number(s["total"], _unit(s), lang),
            "—" if check == "none" else fmt.count(s["rows"]), check))
    return lines


def _message(text: str) -> html.Div:
    return html.Div(text, className="alert alert-warning rows-message")


def _explain(query: dict[str, Any], lang: str) -> dict[str, Any] | str:
    """The view's JSON, or a message saying why there is none."""
    from pages.rows_data import load_view

    ind_id = str(query.get("indicator") or "")
    if not ind_id:
        return t("rows.no_indicator", lang)
    engine, scope = _engine(), _scope()
    if scope.aggregates_only:
        return t("rows.refused", lang)
    sel = resolve({k: query.get(k) for k in QUERY_KEYS}, list_entities(engine, scope),
                  latest_day(engine), lang)
    if sel.notices or sel.entity is None or sel.period is None:
        return " ".join(sel.notices) or t("rows.out_of_scope", lang)
    try:
        return load_view(engine, scope, ind_id, sel.entity, sel.period, sel.as_of)
    except KeyError:
        return t("rows.unknown_indicator", lang, id=ind_id[:60])
    except (ScopeError, PermissionError):
        return t("rows.out_of_scope", lang)


@callback(
    Output("rows-header", "children"), Output("rows-recon", "children"),
    Output("rows-input", "options"), Output("rows-input", "value"), Output("rows-meta", "data"),
    Output("rows-csv", "children"),
    Input("app-lang", "data"), Input("rows-query", "data"), State("rows-input", "value"),
)
def load(lang: str | None, query: Any, chosen: Any) -> tuple[Any, ...]:
    """Explain the value (cached) and show each input's reconciliation."""
    lang = normalize_lang(lang)
    title = page_header(t("rows.title", lang))
    csv_label = t("rows.csv", lang)
    try:
        meta = _explain(query if isinstance(query, dict) else {}, lang)
    except Exception as exc:  # never a traceback on the page
        log.exception("rows: explain failed")
        meta = t("rows.failed", lang, reason=type(exc).__name__)
    if isinstance(meta, str):
        return title, _message(meta), [], None, None, csv_label
    listed = [s for s in meta["sources"] if s["listing"] != "none"]
    wanted = chosen if chosen is not None else (query or {}).get("input")
    indexes = [s["index"] for s in listed]
    value = next((i for i in indexes if str(i) == str(wanted)), indexes[0] if indexes else None)
    options = [{"label": f"{s['measure']} · "
                         f"{_window_text(s['period'], s['end'], s.get('partial', False), lang)} · "
                         f"{t('level.' + s['level'], lang)} {s['id']}",
                "value": s["index"]} for s in listed]
    return (_header(meta, lang), _recon_block(meta, value, lang), options, value, meta,
            csv_label)


def _header(meta: dict[str, Any], lang: str) -> html.Div:
    ent = meta["entity"]
    name = meta["name_en"] if lang == "en" else meta["name_zh"]
    sub = t("rows.subtitle", lang, indicator=f"{name} ({meta['indicator']})",
            entity=f"{t('level.' + ent['level'], lang)} · {ent['name']} ({ent['id']})",
            window=_window_text(meta["period"], meta.get("window_end", ""),
                                meta.get("partial", False), lang))
    value = t("rows.value", lang, value=format_value(meta["value"], meta["unit"], lang,
                                                     meta.get("decimals")))
    back = {ent["level"]: ent["id"], "period": meta["period"]}
    if meta.get("as_of"):
        back["as_of"] = meta["as_of"]
    link = html.A(t("rows.back", lang), href="/board?" + urlencode(back), className="rows-back",
                  style={"marginLeft": "1rem"})
    return page_header(t("rows.title", lang), sub, [html.Span(value, className="rows-value"), link])


def _recon_block(meta: dict[str, Any], selected: int | None, lang: str) -> html.Div:
    parts: list[Any] = [html.H2(t("rows.reconcile", lang), className="h6")]
    if meta.get("substituted"):
        parts += [html.Div(t("drawer.substituted", lang), className="text-muted small"),
                  html.Pre(meta["substituted"], className="rows-substituted")]
    parts.append(reconciliation_table(_recon_lines(meta, lang), selected, lang))
    if not any(s["listing"] != "none" for s in meta["sources"]):
        parts.append(_message(t("rows.none", lang)))
    return html.Div(parts, className="rows-recon-block")


@callback(
    Output("rows-table", "data"), Output("rows-table", "columns"),
    Output("rows-table", "style_cell_conditional"),
    Output("rows-table", "page_count"), Output("rows-note", "children"),
    Input("rows-input", "value"), Input("rows-table", "page_current"),
    State("rows-meta", "data"), State("app-lang", "data"),
)
def page(index: Any, current: Any, meta: Any, lang: str | None) -> tuple[Any, ...]:
    """One page of the chosen input's rows, read on the server under the caller's scope, with
    headers in the page's language and cells formatted as the app writes numbers."""
    from pages.rows_data import measure_unit, source_from

    lang = normalize_lang(lang)
    source = source_from(meta, index) if isinstance(meta, dict) else None
    if source is None or source.listing == "none":
        return [], [], [], 1, ""
    offset = max(0, int(current or 0) if str(current or 0).isdigit() else 0) * PAGE_SIZE
    try:
        got = rows_page(_engine(), source, _scope(), offset, PAGE_SIZE)
    except (PermissionError, ScopeError):
        return [], [], [], 1, t("rows.refused", lang)
    unit = measure_unit(source)
    data = display_rows(got.rows, got.columns, lang, unit)
    pages = max(1, -(-got.total_rows // PAGE_SIZE))
    return (data, table_columns(got.columns, lang, unit), column_styles(got.columns, unit), pages,
            t("rows.page_note", lang, n=fmt.count(got.total_rows), size=PAGE_SIZE))


@callback(
    Output("rows-download", "data"),
    Input("rows-csv", "n_clicks"),
    State("rows-meta", "data"), State("rows-input", "value"), State("app-lang", "data"),
    prevent_initial_call=True,
)
def download(clicks: Any, meta: Any, index: Any, lang: str | None) -> Any:
    """The chosen input's rows as CSV, recomputed under the caller's scope."""
    from pages.rows_data import csv_bytes, source_from

    lang = normalize_lang(lang)
    source = source_from(meta, index) if isinstance(meta, dict) and clicks else None
    if source is None or source.listing == "none":
        return dash.no_update
    scope = _scope()
    name = meta["name_en"] if lang == "en" else meta["name_zh"]
    notes = [f"{name} ({meta['indicator']}) · {meta['entity']['id']} · {meta['window']}",
             f"{source.measure.id} · {source.window.label()} · {source.entity[1]}",
             t("rows.csv_note_scope", lang, scope=scope.key())]
    try:
        body, _capped = csv_bytes(_engine(), scope, meta, source, notes, lang)
    except (PermissionError, ScopeError):
        return dash.no_update
    day = date.today().isoformat()
    return dcc.send_bytes(body, f"rows_{meta['indicator']}_{source.measure.id}_{day}.csv")
