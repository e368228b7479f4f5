"""The facts store: URLs, engines for writers and read-only readers, and atomic publishing.

DuckDB (the default) is published as a whole file: an import builds a copy beside the served
file and `os.replace()`s it over the served one. Readers never open the file in a way that could
see a half-written state:

- A reader connection is a cursor of one in-memory DuckDB that ATTACHes the served file
  READ_ONLY and then disables external access (one instance per file identity and worker: its
  cursors share one buffer pool). We ATTACH instead of `duckdb.connect(path)` because DuckDB caches
  database instances per path inside a process: after a publish, `connect(path)` would hand back
  the old (replaced) file for as long as any old connection lives. ATTACH opens the current inode.
- Each pooled connection remembers the file identity (inode, mtime) it attached; on checkout one
  `os.stat` tells whether a publish happened, and a stale connection is replaced. A query that is
  already running keeps its old inode, so it sees the old data whole, never a mix.

On PostgreSQL and other servers an import is one transaction (see `building`).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
from duckdb_engine import ConnectionWrapper
from sqlalchemy import Engine, create_engine, event, exc, inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.pool import QueuePool

from data.engines.duckdb_cache import enable_statement_cache
from data.schema import import_runs, metadata

REPO = Path(__file__).resolve().parents[1]
BUILD_MARK = ".building-"

_readers: dict[str, Engine] = {}
_readers_lock = threading.Lock()


def _var_dir() -> Path:
    var = REPO / "var"
    var.mkdir(parents=True, exist_ok=True)
    return var


def default_url() -> str:
    """The default facts store: a DuckDB file in `<repo>/var/` (created on demand)."""
    return f"duckdb:///{_var_dir() / 'amoeba.duckdb'}"


def default_state_url() -> str:
    """The default state store (users, notes, alert states): SQLite in `<repo>/var/`."""
    return f"sqlite:///{_var_dir() / 'state.sqlite'}"


def database_url() -> str:
    """`$DATABASE_URL` if set, else the default DuckDB file."""
    return os.environ.get("DATABASE_URL") or default_url()


def is_duckdb(url: str) -> bool:
    """True for a `duckdb://` URL."""
    return make_url(url).get_backend_name() == "duckdb"


def duckdb_path(url: str) -> Path | None:
    """The file behind a DuckDB URL, or None for in-memory DuckDB and other databases."""
    if not is_duckdb(url):
        return None
    database = make_url(url).database
    if not database or database == ":memory:":
        return None
    return Path(database).resolve()


def create_schema(engine: Engine) -> None:
    """Create every table of `data/schema.py` that does not exist yet."""
    metadata.create_all(engine)


def writer_engine(url: str) -> Engine:
    """An engine that may write (the importer's). On DuckDB, open it only on a build file."""
    if is_duckdb(url):
        config = {"memory_limit": os.environ.get("AMOEBA_IMPORT_MEMORY", "4GB")}
        # One pooled connection: opening a DuckDB file costs ~40 ms, and a build is one writer.
        return create_engine(
            url, poolclass=QueuePool, pool_size=1, max_overflow=2, connect_args={"config": config}
        )
    return create_engine(url, pool_pre_ping=True)


def _file_identity(path: Path) -> tuple[int, int, int]:
    st = os.stat(path)
    return (st.st_dev, st.st_ino, st.st_mtime_ns)


class _SharedFile:
    """One in-memory DuckDB instance that ATTACHes one published file READ_ONLY; a reader's
    pooled connections are cursors of it, so they share one buffer pool (the file's blocks are
    cached once per worker, not once per pooled connection) and a checkout opens no file."""

    def __init__(self, path: Path) -> None:
        self.identity = _file_identity(path)
        self.db = duckdb.connect(":memory:")
        self.db.execute(f"ATTACH '{_sql_text(str(path))}' AS store (READ_ONLY)")
        self.db.execute("SET enable_external_access = false")
        memory = os.environ.get("AMOEBA_READER_MEMORY")
        if memory:
            self.db.execute(f"SET memory_limit = '{_sql_text(memory)}'")  # the operator's value
        self.db.execute("SET lock_configuration = true")


class _Cursor(ConnectionWrapper):
    """duckdb-engine's connection wrapper around one cursor, keeping its instance alive: a
    query running on a replaced file finishes on the old inode, whole."""

    def __init__(self, shared: _SharedFile) -> None:
        cur = shared.db.cursor()
        cur.execute("USE store")
        super().__init__(cur)
        self.shared = shared


def _duckdb_reader(path: Path) -> Engine:
    current: list[_SharedFile] = []
    lock = threading.Lock()

    def cursor() -> _Cursor:
        with lock:
            if not current or current[0].identity != _file_identity(path):
                current[:] = [_SharedFile(path)]  # a publish replaced the file
            return _Cursor(current[0])

    engine = create_engine("duckdb:///:memory:", creator=cursor, poolclass=QueuePool,
                           pool_size=8, max_overflow=8)  # fmt: skip

    @event.listens_for(engine, "connect")
    def _remember(dbapi_conn, record) -> None:  # noqa: ANN001 - DBAPI objects are untyped
        record.info["identity"] = dbapi_conn.shared.identity

    @event.listens_for(engine, "checkout")
    def _check_fresh(dbapi_conn, record, proxy) -> None:  # noqa: ANN001
        if record.info.get("identity") != _file_identity(path):
            # A publish replaced the file: drop this connection, the pool opens a fresh one.
            raise exc.DisconnectionError("store file was republished")

    return enable_statement_cache(engine)  # compiled SQL reused across calls (bound values)


def _sql_text(value: str) -> str:
    """Quote a file path for the one DDL statement (ATTACH) that cannot take a parameter."""
    return value.replace("'", "''")


def reader_engine(url: str) -> Engine:
    """A cached read-only engine for serving. DuckDB readers follow publishes transparently.

    If the DuckDB file does not exist yet, an empty store is published first so that readers
    always find the schema (and `data_version` is "").
    """
    with _readers_lock:
        engine = _readers.get(url)
        if engine is not None:
            return engine
        path = duckdb_path(url)
        if path is not None:
            if not path.exists():
                with building(url) as eng:
                    create_schema(eng)
            engine = _duckdb_reader(path)
        elif url.startswith("postgresql"):
            options = {"options": "-c default_transaction_read_only=on"}
            engine = create_engine(url, pool_pre_ping=True, connect_args=options)
        elif url.startswith("clickhousedb"):
            from data.engines.clickhouse import engine as clickhouse_engine  # NULL-giving joins

            engine = clickhouse_engine(url)
        else:
            engine = create_engine(url, pool_pre_ping=True)
        _readers[url] = engine
        return engine


def data_version(engine: Engine) -> str:
    """The import_id of the last published import, "" when nothing was ever published.

    Cheap enough to call per request (caches key on it): one indexed-size query, no reflection.
    """
    query = (
        select(import_runs.c.import_id)
        .where(import_runs.c.status == "published")
        .order_by(import_runs.c.finished_at.desc(), import_runs.c.import_id.desc())
        .limit(1)
    )
    try:
        with engine.connect() as conn:
            return conn.execute(query).scalar() or ""
    except (exc.ProgrammingError, exc.OperationalError):
        # Reflect only on the slow path: a missing table is "", anything else is a real error.
        if not inspect(engine).has_table(import_runs.name):
            return ""
        raise


@contextmanager
def _import_lock(path: Path) -> Iterator[None]:
    """One importer at a time per DuckDB file (other importers wait)."""
    with open(f"{path}.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def stray_builds(path: Path) -> list[Path]:
    """Build files left by failed or killed imports of the store at `path`."""
    return sorted(path.parent.glob(f"{path.name}{BUILD_MARK}*"))


@contextmanager
def building(url: str) -> Iterator[Engine]:
    """Yield a writer engine whose work is published atomically when the block succeeds.

    DuckDB file: the served file is copied to `<file>.building-<pid>`, the block writes there,
    then the copy is checkpointed and `os.replace()`d over the served file. If the block raises
    (or the process dies) the served file is untouched; stray build files are removed by the
    next build. Other databases: the block's connections are not transactional by themselves,
    so callers use `engine.begin()` and do all their work in that one transaction.
    """
    path = duckdb_path(url)
    if path is None:
        engine = writer_engine(url)
        try:
            yield engine
        finally:
            engine.dispose()
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with _import_lock(path):
        for stray in stray_builds(path):
            # A killed build leaves its file, maybe a .wal and DuckDB's .tmp spill folder.
            if stray.is_dir():
                shutil.rmtree(stray, ignore_errors=True)
            else:
                stray.unlink(missing_ok=True)
        build = path.with_name(f"{path.name}{BUILD_MARK}{os.getpid()}")
        try:
            if path.exists():
                shutil.copyfile(path, build)
        except BaseException:  # a full disk mid-copy must not leave a partial build behind
            build.unlink(missing_ok=True)
            raise
        engine = writer_engine(f"duckdb:///{build}")
        try:
            create_schema(engine)
            yield engine
            with engine.connect() as conn:
                conn.exec_driver_sql("CHECKPOINT")
            engine.dispose()
            _fsync(build)
            os.replace(build, path)
        except BaseException:
            engine.dispose()
            build.unlink(missing_ok=True)
            Path(f"{build}.wal").unlink(missing_ok=True)
            raise


def _fsync(path: Path) -> None:
    """Flush the build file before the rename so a crash cannot publish a torn file."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
