"""The state store: what users write (users, contact notes, alert states, audit log).

It is separate from the facts store because a DuckDB import replaces the facts file wholesale,
and because several web workers must write here at once (SQLite in WAL mode by default, or the
same PostgreSQL server as the facts). Each area declares its tables on `state_metadata` in a
module of its own named `data/state_<area>.py`; `ensure_state_schema` loads them all.
"""

from __future__ import annotations

import importlib
import pkgutil
import threading
from pathlib import Path

from sqlalchemy import Engine, MetaData, create_engine, event

state_metadata = MetaData()

_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # noqa: ANN001 - DB-API hook signature
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")  # readers do not block the writer
    cur.execute("PRAGMA busy_timeout=5000")  # several workers may write at once
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def state_engine(url: str) -> Engine:
    """A cached engine for the state store at `url` (SQLite gets WAL and a busy timeout)."""
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            engine = create_engine(url, future=True)
            if engine.dialect.name == "sqlite":
                event.listen(engine, "connect", _sqlite_pragmas)
            _engines[url] = engine
        return engine


def load_state_tables() -> MetaData:
    """Import every `data/state_<area>.py` so its tables join `state_metadata`."""
    here = Path(__file__).parent
    for mod in pkgutil.iter_modules([str(here)]):
        if mod.name.startswith("state_"):
            importlib.import_module(f"data.{mod.name}")
    return state_metadata


def ensure_state_schema(engine: Engine) -> None:
    """Create the state tables that do not exist yet (idempotent)."""
    load_state_tables().create_all(engine)
