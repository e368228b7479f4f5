"""Import a folder in the data-contract format into the store, atomically.

DuckDB store: the build copy's own connection reads, validates and loads the files (no data
leaves DuckDB), then rollups and bookkeeping are written and the build is published (see
`data.store.building`). Other stores: an in-process DuckDB validates, good rows stream into the
server inside one transaction (see `data.load`). Either way each bad row lands in `quarantine`
and the good rows are upserted by key, so re-importing a folder changes nothing.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import duckdb
from sqlalchemy import Connection, Engine, insert, select
from tqdm import tqdm

from data import load, rollups, runlog
from data.phases import Phases
from data.readers import UnusableFile, stage_file
from data.report import FileResult, ImportReport, ProblemGroup
from data.rules import TABLES, rules_for
from data.schema import CONTRACT_TABLES, import_runs
from data.store import building, create_schema, duckdb_path, writer_engine
from data.validate import QROWS_DDL, check, missing_required


class UnusableFolder(Exception):
    """The folder does not exist or holds no contract file."""


def new_import_id() -> str:
    """A sortable id: UTC time to the microsecond plus a random suffix."""
    return f"{datetime.utcnow():%Y%m%dT%H%M%S%f}-{secrets.token_hex(2)}"


def discover(folder: Path, report: ImportReport) -> dict[str, Path]:
    """The contract files of a folder (`<table>.csv|.parquet`); other files are warned about."""
    if not folder.is_dir():
        raise UnusableFolder(f"{folder} is not a folder")
    found: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix not in (".csv", ".parquet") or path.stem not in TABLES:
            if path.is_file():
                report.warnings.append(f"ignored {path.name}: not a contract table file")
            continue
        if path.stem in found:
            report.warnings.append(f"both {found[path.stem].name} and {path.name}: using the Parquet")
            path = folder / f"{path.stem}.parquet"
        found[path.stem] = path
    if not found:
        raise UnusableFolder(f"{folder} holds no contract file (<table>.csv or .parquet)")
    return found


def import_folder(
    url: str, folder: str | Path, *, source_label: str | None = None, progress: bool = False,
    phases: Phases | None = None,
) -> ImportReport:
    """Import every contract file of `folder` into the store at `url`, publishing atomically.

    Raises `UnusableFolder` before touching the store; re-raises any failure after recording
    the failed attempt (the previously published data stays served). `phases`, when given,
    collects the time spent validating, inserting and building rollups.
    """
    folder = Path(folder)
    phases = phases or Phases()
    report = ImportReport(import_id=new_import_id(), source=source_label or str(folder.resolve()))
    files = discover(folder, report)
    started, clock = datetime.utcnow(), time.monotonic()
    path = duckdb_path(url)
    try:
        if path is not None:
            _import_duckdb(url, path, files, report, started, progress, phases)
        else:
            _import_server(url, files, report, started, progress, phases)
    except BaseException as err:
        report.status, report.error = "failed", f"{type(err).__name__}: {err}"
        try:
            _record_failure(url, path, report, started)
        except Exception as again:  # noqa: BLE001 - never hide the first error behind this one
            report.warnings.append(f"the failure could not be recorded: {again}")
        raise
    finally:
        report.seconds = time.monotonic() - clock
    return report


def _load_files(duck, files, report, progress, loader, phases, server: bool = False) -> None:  # noqa: ANN001
    """Stage, validate and load each file in contract order; `loader(table, good, rows)` writes.
    `server`: the store is not DuckDB (text with NUL bytes must be quarantined everywhere)."""
    duck.execute(QROWS_DDL)
    for table in CONTRACT_TABLES:
        path = files.get(table.name)
        if path is None:
            continue
        result = FileResult(file=path.name, table=table.name)
        report.files.append(result)
        with tqdm(total=4, desc=path.name, disable=not progress, unit="step") as bar:
            _load_file(duck, table, path, result, loader, bar, server, phases)
        _drop_temp(duck, f"f_{table.name}")
    report.problems = _problem_groups(duck)


def _load_file(duck, table, path, result, loader, bar, server, phases) -> None:  # noqa: ANN001
    with phases.time("validation"):
        good = _validated(duck, table, path, result, bar, server)
    if good is not None:
        with phases.time("insert"):
            loader(table, good.good, good.rows_loaded)
        bar.update(2)
        result.rows_loaded, result.rows_quarantined = good.rows_loaded, good.rows_quarantined


def _validated(duck, table, path, result, bar, server):  # noqa: ANN001, ANN202
    """Stage and check one file; None (with `result.error` set) when it is rejected whole."""
    try:
        staged = stage_file(duck, path, f"f_{table.name}", nul_check=server)
    except (UnusableFile, duckdb.Error) as err:
        result.error = str(err)
        return None
    result.rows_read = staged.rows_read
    bar.set_postfix(rows=staged.rows_read)
    bar.update()
    missing = missing_required(table, staged)
    if missing:
        result.error = f"missing required column(s): {', '.join(missing)}"
        return None
    known = {r.name for r in rules_for(table)}
    extras = [c for c in staged.columns if c not in known]
    if extras:
        result.warnings.append(f"ignored unknown column(s): {', '.join(extras)}")
    try:
        checked = check(duck, table, staged, path.name)
    except duckdb.Error as err:
        # e.g. a Parquet column of a type that cannot be cast at all; nothing was written yet.
        duck.execute("DELETE FROM qrows WHERE file = ?", [path.name])
        result.error = f"could not be validated: {err}"
        return None
    bar.update()
    return checked


def _drop_temp(duck: duckdb.DuckDBPyConnection, prefix: str) -> None:
    """Free one file's staging relations (views first: they depend on the tables)."""
    catalogs = (("VIEW", "SELECT view_name FROM duckdb_views()"),
                ("TABLE", "SELECT table_name FROM duckdb_tables()"))
    for kind, query in catalogs:
        names = duck.execute(
            f"SELECT * FROM ({query} WHERE temporary) t(n) WHERE starts_with(n, ?)",  # noqa: S608
            [prefix],
        ).fetchall()
        for (name,) in names:
            duck.execute(f'DROP {kind} IF EXISTS temp."{name}"')


def _problem_groups(duck: duckdb.DuckDBPyConnection) -> list[ProblemGroup]:
    rows = duck.execute(
        "SELECT file, column_name, reason, count(*), list(row_no ORDER BY row_no)[1:5] "
        "FROM qrows GROUP BY ALL ORDER BY file, min(row_no)"
    ).fetchall()
    return [ProblemGroup(f, c, r, n, list(rs)) for f, c, r, n, rs in rows]


def _raw(conn: Connection) -> duckdb.DuckDBPyConnection:
    """The DuckDB connection under a SQLAlchemy connection of duckdb-engine."""
    wrapper = conn.connection.driver_connection
    return getattr(wrapper, "_ConnectionWrapper__c", wrapper)


@contextmanager
def _failing_safely(opened) -> Iterator[Connection]:  # noqa: ANN001 - connect() or begin()
    """A build connection that is thrown away, not rolled back, when the block fails: after a
    fatal DuckDB error (a full disk) the rollback itself fails and the pool printed a traceback
    under the import's one-line message."""
    with opened as conn:
        try:
            yield conn
        except BaseException:
            conn.invalidate()
            raise


def _import_duckdb(url, path, files, report, started, progress, phases) -> None:  # noqa: ANN001
    path.parent.mkdir(parents=True, exist_ok=True)
    runlog.note(path, import_id=report.import_id, status="running", source=report.source,
                started_at=started)
    with building(url) as engine:
        with _failing_safely(engine.connect()) as conn:
            duck = _raw(conn)
            load.seed_references(duck, None)
            _load_files(duck, files, report, progress,
                        lambda table, good, rows: load.duckdb_upsert(duck, table, good, rows),
                        phases)
            duck.execute(
                "INSERT INTO quarantine SELECT ?, file, row_no, column_name, reason, raw "
                "FROM qrows ORDER BY file, row_no",
                [report.import_id],
            )
        with phases.time("rollups"), _failing_safely(engine.begin()) as conn:
            rollups.rebuild(conn)
        with _failing_safely(engine.begin()) as conn:
            _record_earlier_failures(conn, path, report.import_id)
            report.status = "published"
            _record_run(conn, report, started)
        with _failing_safely(engine.connect()) as conn:
            # Written out here, not first in building(): when the disk is full this is where it
            # shows, and the failed connection is discarded so the real error is the one told.
            conn.exec_driver_sql("CHECKPOINT")
    runlog.clear(path)


def _import_server(url, files, report, started, progress, phases) -> None:  # noqa: ANN001
    engine = writer_engine(url)
    create_schema(engine)
    # The validator holds the staged files; bound its memory and let it spill to a temp folder.
    spill = tempfile.mkdtemp(prefix="amoeba-import-")
    duck = duckdb.connect(":memory:", config={
        "memory_limit": os.environ.get("AMOEBA_IMPORT_MEMORY", "4GB"), "temp_directory": spill})
    try:
        with engine.begin() as conn:
            if engine.dialect.name == "postgresql":
                # One importer at a time; a second waits for the first to commit.
                conn.exec_driver_sql("SELECT pg_advisory_xact_lock(4242)")
            load.seed_references(duck, conn)
            _load_files(duck, files, report, progress,
                        lambda table, good, _rows: _server_load(conn, duck, table, good), phases,
                        server=True)
            load.store_quarantine(conn, duck, report.import_id)
            with phases.time("rollups"):
                rollups.rebuild(conn)
            report.status = "published"
            _record_run(conn, report, started)
    finally:
        duck.close()
        engine.dispose()
        shutil.rmtree(spill, ignore_errors=True)


def _server_load(conn: Connection, duck: duckdb.DuckDBPyConnection, table, good: str) -> None:  # noqa: ANN001
    load.server_upsert(conn, duck, table, good)
    load.extend_references(duck, table, good)


def _record_run(conn: Connection, report: ImportReport, started: datetime) -> None:
    conn.execute(
        insert(import_runs).values(
            import_id=report.import_id,
            started_at=started,
            finished_at=datetime.utcnow(),
            source=report.source,
            status=report.status,
            rows_read=report.rows_read,
            rows_loaded=report.rows_loaded,
            rows_quarantined=report.rows_quarantined,
            summary=report.summary_json(),
        )
    )


def _record_earlier_failures(conn: Connection, path: Path, current: str) -> None:
    """Copy failed or interrupted attempts from the attempt log into `import_runs`."""
    known = set(conn.execute(select(import_runs.c.import_id)).scalars())
    for run in runlog.unpublished(path, exclude=current):
        if run["import_id"] in known:
            continue  # published, but killed before the log was cleared
        conn.execute(
            insert(import_runs).values(
                import_id=run["import_id"],
                started_at=runlog.parse_time(run.get("started_at")) or datetime.utcnow(),
                finished_at=runlog.parse_time(run.get("finished_at")),
                source=str(run.get("source", "")),
                status="failed",
                summary=str(run.get("error", "")),
            )
        )


def _record_failure(url: str, path: Path | None, report: ImportReport, started: datetime) -> None:
    """Remember a failed attempt where it survives (attempt log or a separate transaction)."""
    if path is not None:
        runlog.note(path, import_id=report.import_id, status="failed", error=report.error,
                    finished_at=datetime.utcnow())
        return
    engine: Engine = writer_engine(url)
    try:
        with engine.begin() as conn:
            _record_run(conn, report, started)
    finally:
        engine.dispose()
