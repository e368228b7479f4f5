"""Pieces of the data-status page: stat tiles, the tables list, imports, quarantined rows.

Pure factories over the records of `data/status.py` (types only; no queries here).
"""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from components import format as fmt
from components.i18n import has_key, t
from data.status import DateRange, ImportRun, StoreStatus, TableCount

# Columns a phone can do without (the code name, the start time, the source path): hidden below
# Bootstrap's md breakpoint so the figures fit without sideways scrolling.
WIDE_ONLY = "d-none d-md-table-cell"


def stat_tile(label: str, value: str, note: str | None = None, tone: str = "", test_id: str = "") -> html.Div:
    """A labelled figure with an optional note underneath."""
    small = " small-value" if len(value) > 16 else ""
    return html.Div(
        [html.Div(label, className="stat-label"),
         html.Div(value, className=f"stat-value{small}", **{"data-testid": test_id}),
         html.Div(note, className="stat-note") if note else None],
        className=f"stat {tone}".strip(),
    )


def _data_through(status: StoreStatus, lang: str) -> str | None:
    """"Sales data through <last day>", from the fuel table's range (None when empty)."""
    last = next((r.last for r in status.ranges if r.table == "fuel_sales"), None)
    return t("status.data_through", lang, day=fmt.date(last)) if last else None


def summary_tiles(status: StoreStatus, lang: str) -> dbc.Row:
    """Data version, the selected import, rows loaded and quarantined."""
    run = status.selected
    latest = bool(run and status.imports and run.import_id == status.imports[0].import_id)
    tiles = [
        stat_tile(t("status.version", lang), status.version or t("status.version.none", lang),
                  _data_through(status, lang), test_id="status-version"),
        stat_tile(t("status.last_import" if latest else "status.selected_import", lang),
                  fmt.datetime(run.finished_at or run.started_at) if run else fmt.MISSING,
                  run.source if run else None, test_id="status-import-time"),
        stat_tile(t("status.rows_loaded", lang), fmt.count(run.rows_loaded if run else None),
                  t("status.rows_loaded.note", lang, read=fmt.count(run.rows_read)) if run else None,
                  tone="ok", test_id="status-rows-loaded"),
        stat_tile(t("status.rows_quarantined", lang), fmt.count(run.rows_quarantined if run else None),
                  t("status.rows_quarantined.note", lang),
                  tone="warn" if run and run.rows_quarantined else "", test_id="status-rows-quarantined"),
    ]
    # On a phone the two long values take a line each; the two counts share one.
    widths = (12, 12, 6, 6)
    return dbc.Row([dbc.Col(tile, xs=w, sm=6, xl=3, className="mb-1") for tile, w in zip(tiles, widths, strict=True)],
                   className="g-3 mb-3")


def _range_cell(rng: DateRange | None, lang: str) -> list[Any]:
    """A date range whose dates never break inside (a phone wraps at the separator only)."""
    if rng is None:
        return []
    if rng.first is None and rng.last is None:
        return [fmt.MISSING]
    if rng.grain == "month":
        first, last = (d.strftime("%Y-%m") if d else fmt.MISSING for d in (rng.first, rng.last))
    else:
        first, last = fmt.date(rng.first), fmt.date(rng.last)
    return [html.Span(first, className="text-nowrap"), t("format.range_sep", lang),
            html.Span(last, className="text-nowrap")]


def _table_name(name: str, lang: str) -> str:
    key = f"table.{name}"
    return t(key, lang) if has_key(key) else name


def tables_panel(status: StoreStatus, lang: str) -> html.Section:
    """Row counts per table, grouped, with each fact table's date range."""
    ranges = {r.table: r for r in status.ranges}
    head = html.Thead(html.Tr([
        html.Th(t("status.col.table", lang)),
        html.Th(t("status.col.code", lang), className=WIDE_ONLY),
        html.Th(t("status.col.rows", lang), className="num"), html.Th(t("status.col.range", lang)),
    ]))
    body: list[Any] = []
    group = None
    for row in status.tables:
        if row.group != group:
            group = row.group
            body.append(html.Tr(html.Th(t(f"status.group.{group}", lang), colSpan=4,
                                        className="table-light small"), className="group-row"))
        body.append(_table_row(row, ranges.get(row.name), lang))
    children: list[Any] = [
        html.H2([t("status.tables", lang),
                 html.Span(t("status.tables.note", lang, count=len(status.tables)),
                           className="section-note")], className="section-title"),
        html.Div(dbc.Table([head, html.Tbody(body)], hover=True, size="sm", className="align-middle"),
                 className="table-responsive"),
    ]
    if status.missing_tables:
        children.append(dbc.Alert(t("status.missing_tables", lang, names=", ".join(status.missing_tables)),
                                  color="warning", className="mt-3 mb-0 small"))
    return html.Section(children, className="panel", id="status-tables")


def _table_row(row: TableCount, rng: DateRange | None, lang: str) -> html.Tr:
    return html.Tr([
        html.Td(_table_name(row.name, lang)),
        html.Td(row.name, className=f"cell-code text-muted {WIDE_ONLY}"),
        html.Td(fmt.count(row.rows), className="num", **{"data-table": row.name}),
        html.Td(_range_cell(rng, lang), className="cell-range"),
    ])


def _state_badge(state: str, lang: str) -> html.Span:
    key = f"status.state.{state}"
    return html.Span(t(key, lang) if has_key(key) else state,
                     className=f"badge badge-status {state}")


def imports_panel(status: StoreStatus, lang: str) -> html.Section:
    """The latest imports, each linking to its quarantined rows."""
    head = html.Thead(html.Tr([html.Th(t(f"status.col.{c}", lang), className=cls) for c, cls in (
        ("import_id", ""), ("started", WIDE_ONLY), ("state", ""), ("read", f"num {WIDE_ONLY}"),
        ("loaded", "num"), ("quarantined", "num"), ("source", WIDE_ONLY))]))
    rows = [_import_row(run, status.selected, lang) for run in status.imports]
    return html.Section([
        html.H2([t("status.imports", lang),
                 html.Span(t("status.imports.note", lang, count=len(status.imports)),
                           className="section-note")], className="section-title"),
        html.Div(dbc.Table([head, html.Tbody(rows)], hover=True, size="sm", className="align-middle"),
                 className="table-responsive"),
    ], className="panel", id="status-imports")


def _import_row(run: ImportRun, selected: ImportRun | None, lang: str) -> html.Tr:
    chosen = selected is not None and selected.import_id == run.import_id
    return html.Tr([
        html.Td(dcc.Link(run.import_id, href=f"/status?run={run.import_id}", className="cell-code")),
        html.Td(fmt.datetime(run.started_at), className=f"num text-start {WIDE_ONLY}"),
        html.Td(_state_badge(run.status, lang)),
        html.Td(fmt.count(run.rows_read), className=f"num {WIDE_ONLY}"),
        html.Td(fmt.count(run.rows_loaded), className="num"),
        html.Td(fmt.count(run.rows_quarantined), className="num"),
        html.Td(run.source, className=f"cell-wrap small text-muted {WIDE_ONLY}"),
    ], className="table-active" if chosen else None)


def files_panel(run: ImportRun, lang: str) -> html.Section | None:
    """The files of one import with their counts; a file rejected whole says why."""
    if not run.files and not run.warnings:
        return None
    head = html.Thead(html.Tr([html.Th(t(f"status.col.{c}", lang), className=cls) for c, cls in (
        ("file", ""), ("table", WIDE_ONLY), ("read", "num"), ("loaded", "num"),
        ("quarantined", "num"), ("notes", ""))]))
    rows = [html.Tr([
        html.Td(f.file, className="cell-code"),
        html.Td(_table_name(f.table, lang) if f.table else "", className=WIDE_ONLY),
        html.Td(fmt.count(f.rows_read), className="num"),
        html.Td(fmt.count(f.rows_loaded), className="num"),
        html.Td(fmt.count(f.rows_quarantined), className="num"),
        html.Td(_file_notes(f.error, f.warnings, lang), className="cell-wrap small"),
    ], className="table-danger" if f.error else None, **{"data-file": f.file}) for f in run.files]
    children: list[Any] = [
        html.H2([t("status.files", lang),
                 html.Span(t("status.quarantine.of", lang, id=run.import_id),
                           className="section-note cell-code")], className="section-title"),
        html.Div(dbc.Table([head, html.Tbody(rows)], hover=True, size="sm", className="align-middle"),
                 className="table-responsive"),
    ]
    if run.warnings:
        children.append(html.Ul([html.Li(w) for w in run.warnings],
                                className="small text-muted mt-2 mb-0", id="status-import-warnings"))
    return html.Section(children, className="panel", id="status-files")


def _file_notes(error: str | None, warnings: tuple[str, ...], lang: str) -> list[Any]:
    notes: list[Any] = []
    if error:
        notes.append(html.Strong(t("status.file_rejected", lang, error=error), className="text-danger"))
    notes += [html.Div(w, className="text-muted") for w in warnings]
    return notes


def quarantine_panel(status: StoreStatus, lang: str) -> html.Section:
    """The selected import's quarantined rows (the first page) and how many there are."""
    run = status.selected
    shown, total = len(status.quarantine), status.quarantine_total
    note = (t("status.quarantine.note", lang, total=fmt.count(total), shown=fmt.count(shown))
            if total > shown else t("status.quarantine.all", lang, total=fmt.count(total)))
    title = [t("status.quarantine", lang)]
    if run:
        title.append(html.Span(t("status.quarantine.of", lang, id=run.import_id), className="section-note cell-code"))
    title.append(html.Span(note, className="section-note", id="status-quarantine-note"))
    if not status.quarantine:
        body: Any = html.P(t("status.quarantine.none", lang), className="text-muted mb-0")
    else:
        body = html.Div(dbc.Table([
            html.Thead(html.Tr([html.Th(t(f"status.col.{c}", lang), className=cls) for c, cls in (
                ("file", ""), ("row", "num"), ("column", ""), ("reason", ""))])),
            html.Tbody([html.Tr([
                html.Td(q.file, className="cell-code"),
                html.Td(fmt.count(q.row_no), className="num"),
                html.Td(q.column_name or t("status.whole_row", lang), className="cell-code"),
                html.Td(q.reason, className="cell-wrap"),
            ]) for q in status.quarantine]),
        ], hover=True, size="sm", className="align-middle"), className="table-responsive")
    return html.Section([html.H2(title, className="section-title"), body],
                        className="panel", id="status-quarantine")
