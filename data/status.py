"""What the store holds, for the data-status page (数据状态): counts, date ranges, imports.

Read-only SQLAlchemy Core over `data/schema.py`; every user value (an import id from the URL)
enters as a bound parameter. The counts are whole-store figures (not scoped): the page is for
whoever runs the data, and the access layer decides who may open it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from sqlalchemy import Engine, Table, func, inspect, select
from sqlalchemy.engine import Connection

from data import schema

QUARANTINE_PAGE = 200
RECENT_IMPORTS = 10

# (table, column, grain) whose range tells which period the facts cover. Monthly tables store a
# month as its first day, so their range is shown as months.
RANGE_COLUMNS: tuple[tuple[Table, str, str], ...] = (
    (schema.fuel_sales, "ts", "day"),
    (schema.nonfuel_sales, "ts", "day"),
    (schema.card_recharges, "ts", "day"),
    (schema.expenses, "month", "month"),
    (schema.purchase_costs, "month", "month"),
    (schema.plans, "month", "month"),
)


@dataclass(frozen=True)
class TableCount:
    """Rows in one table of the store."""

    name: str
    group: str  # contract | rollup | bookkeeping | other
    rows: int


@dataclass(frozen=True)
class DateRange:
    """First and last date of a fact table (None when the table is empty)."""

    table: str
    column: str
    grain: str  # day | month
    first: dt.date | None
    last: dt.date | None


@dataclass(frozen=True)
class ImportFile:
    """One file of an import, from the run's summary: its counts, a fatal error, warnings."""

    file: str
    table: str
    rows_read: int
    rows_loaded: int
    rows_quarantined: int
    error: str | None
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class ImportRun:
    """One row of `import_runs`, with the per-file part of its summary."""

    import_id: str
    started_at: dt.datetime
    finished_at: dt.datetime | None
    source: str
    status: str
    rows_read: int
    rows_loaded: int
    rows_quarantined: int
    files: tuple[ImportFile, ...] = field(default=(), compare=False)
    warnings: tuple[str, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class QuarantineRow:
    """One rejected row of an import: where it was and why."""

    file: str
    row_no: int
    column_name: str | None
    reason: str


@dataclass(frozen=True)
class StoreStatus:
    """Everything the data-status page shows, for one import (the latest by default)."""

    version: str
    tables: tuple[TableCount, ...]
    missing_tables: tuple[str, ...]
    ranges: tuple[DateRange, ...]
    imports: tuple[ImportRun, ...]
    selected: ImportRun | None
    quarantine: tuple[QuarantineRow, ...]
    quarantine_total: int


class UnknownImport(LookupError):
    """The requested import id is not in `import_runs`."""


def _group(table: Table) -> str:
    if table in schema.CONTRACT_TABLES:
        return "contract"
    if table in schema.ROLLUP_TABLES:
        return "rollup"
    if table in schema.BOOKKEEPING_TABLES:
        return "bookkeeping"
    return "other"


def known_tables() -> list[Table]:
    """Tables of the schema in display order: contract, rollups, bookkeeping, then the rest."""
    ordered = [*schema.CONTRACT_TABLES, *schema.ROLLUP_TABLES, *schema.BOOKKEEPING_TABLES]
    rest = sorted((t for t in schema.metadata.tables.values() if t not in ordered), key=lambda t: t.name)
    return ordered + rest


def table_counts(conn: Connection, tables: list[Table]) -> list[TableCount]:
    """Row counts of `tables`, in one statement of scalar subqueries."""
    if not tables:
        return []
    stmt = select(
        *(select(func.count()).select_from(t).scalar_subquery().label(t.name) for t in tables)
    )
    row = conn.execute(stmt).one()
    return [TableCount(t.name, _group(t), int(row[i])) for i, t in enumerate(tables)]


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def date_ranges(conn: Connection, present: set[str]) -> list[DateRange]:
    """First and last date of each fact table present, in one statement."""
    wanted = [(t, c, g) for t, c, g in RANGE_COLUMNS if t.name in present]
    if not wanted:
        return []
    columns = []
    for table, column, _ in wanted:
        col = table.c[column]
        columns.append(select(func.min(col)).scalar_subquery())
        columns.append(select(func.max(col)).scalar_subquery())
    row = conn.execute(select(*columns)).one()
    return [
        DateRange(t.name, c, g, _as_date(row[2 * i]), _as_date(row[2 * i + 1]))
        for i, (t, c, g) in enumerate(wanted)
    ]


def _count(value: object) -> int:
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0


def _texts(value: object) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def parse_summary(text: str | None) -> tuple[tuple[ImportFile, ...], tuple[str, ...]]:
    """The files and import-wide warnings of a run's summary JSON.

    The importer writes `{"files": [{"file", "table", "rows_read", "rows_loaded",
    "rows_quarantined", "error", "warnings"}], "warnings": [...]}`; anything missing or
    malformed reads as empty, because a status page must render whatever an old or foreign
    import left behind.
    """
    try:
        summary = json.loads(text) if text else {}
    except ValueError:
        return (), ()
    if not isinstance(summary, dict):
        return (), ()
    files = []
    items = summary.get("files")
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict) or not item.get("file"):
            continue
        files.append(ImportFile(
            file=str(item["file"]), table=str(item.get("table") or ""),
            rows_read=_count(item.get("rows_read")), rows_loaded=_count(item.get("rows_loaded")),
            rows_quarantined=_count(item.get("rows_quarantined")),
            error=str(item["error"]) if item.get("error") else None,
            warnings=_texts(item.get("warnings")),
        ))
    return tuple(files), _texts(summary.get("warnings"))


def _run(row: object) -> ImportRun:
    m = row._mapping  # type: ignore[attr-defined]
    files, warnings = parse_summary(m["summary"])
    return ImportRun(
        import_id=m["import_id"],
        started_at=m["started_at"],
        finished_at=m["finished_at"],
        source=m["source"],
        status=m["status"],
        rows_read=int(m["rows_read"] or 0),
        rows_loaded=int(m["rows_loaded"] or 0),
        rows_quarantined=int(m["rows_quarantined"] or 0),
        files=files,
        warnings=warnings,
    )


def recent_imports(conn: Connection, limit: int = RECENT_IMPORTS) -> list[ImportRun]:
    """The latest imports, newest first."""
    runs = schema.import_runs
    stmt = select(runs).order_by(runs.c.started_at.desc(), runs.c.import_id.desc()).limit(limit)
    return [_run(r) for r in conn.execute(stmt)]


def find_import(conn: Connection, import_id: str) -> ImportRun | None:
    """One import by id (bound parameter), or None."""
    runs = schema.import_runs
    row = conn.execute(select(runs).where(runs.c.import_id == import_id)).first()
    return None if row is None else _run(row)


def quarantine_rows(
    conn: Connection, import_id: str, limit: int = QUARANTINE_PAGE
) -> tuple[list[QuarantineRow], int]:
    """The first `limit` quarantined rows of an import (by file and row) and their total."""
    q = schema.quarantine
    total = conn.execute(
        select(func.count()).select_from(q).where(q.c.import_id == import_id)
    ).scalar_one()
    stmt = (
        select(q.c.file, q.c.row_no, q.c.column_name, q.c.reason)
        .where(q.c.import_id == import_id)
        .order_by(q.c.file, q.c.row_no, q.c.column_name)
        .limit(limit)
    )
    rows = [QuarantineRow(r.file, int(r.row_no), r.column_name, r.reason) for r in conn.execute(stmt)]
    return rows, int(total)


def store_status(engine: Engine, version: str, import_id: str | None = None) -> StoreStatus:
    """Gather the page's figures; `import_id` selects whose quarantine is shown.

    Raises `UnknownImport` when `import_id` names no import.
    """
    present = set(inspect(engine).get_table_names())
    tables = [t for t in known_tables() if t.name in present]
    missing = tuple(t.name for t in known_tables() if t.name not in present)
    with engine.connect() as conn:
        counts = table_counts(conn, tables)
        ranges = date_ranges(conn, present)
        has_runs = schema.import_runs.name in present
        imports = recent_imports(conn) if has_runs else []
        selected = imports[0] if imports else None
        if import_id is not None:
            selected = find_import(conn, import_id) if has_runs else None
            if selected is None:
                raise UnknownImport(import_id)
        rows, total = [], 0
        if selected is not None and schema.quarantine.name in present:
            rows, total = quarantine_rows(conn, selected.import_id)
    return StoreStatus(
        version=version,
        tables=tuple(counts),
        missing_tables=missing,
        ranges=tuple(ranges),
        imports=tuple(imports),
        selected=selected,
        quarantine=tuple(rows),
        quarantine_total=total,
    )
