"""Login throttle counters in the state store (`login_throttle`): one row per throttle key
("user:<name>" or "ip:<address>"). The policy (limits, backoff) is `access/throttle.py`'s; this
module only reads and writes the counters, so every web worker sees the same counts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Column,
    DateTime,
    Engine,
    Integer,
    String,
    Table,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from data.state import state_metadata

login_throttle = Table(
    "login_throttle",
    state_metadata,
    Column("key", String(200), primary_key=True),  # "user:<name>" or "ip:<address>"
    Column("failures", Integer, nullable=False),
    Column("last_at", DateTime, nullable=False),
    Column("locked_until", DateTime),
)


def locks_until(engine: Engine, keys: list[str]) -> list[datetime]:
    """The stored lock ends of these keys (keys never locked are left out)."""
    query = select(login_throttle.c.locked_until).where(login_throttle.c.key.in_(keys))
    with engine.connect() as conn:
        return [u for u in conn.execute(query).scalars() if u is not None]


def count_failure(engine: Engine, key: str, now: datetime, quiet_since: datetime) -> int:
    """Add one failure to `key`, forgetting its count first when it has been quiet (no failure,
    no lock) since `quiet_since`; returns the new count."""
    table = login_throttle
    stale = (table.c.last_at < quiet_since) & (
        table.c.locked_until.is_(None) | (table.c.locked_until < quiet_since))
    for _ in range(3):  # a concurrent first insert of the same key: retry as an update
        with engine.begin() as conn:
            conn.execute(update(table).where(table.c.key == key, stale)
                         .values(failures=0, locked_until=None))
            done = conn.execute(update(table).where(table.c.key == key)
                                .values(failures=table.c.failures + 1, last_at=now))
            if done.rowcount == 0:
                try:
                    conn.execute(insert(table).values(key=key, failures=1, last_at=now))
                except IntegrityError:
                    continue
            return int(conn.execute(select(table.c.failures).where(table.c.key == key)).scalar())
    raise RuntimeError(f"could not count a login failure for {key}")


def lock(engine: Engine, key: str, until: datetime) -> None:
    """Lock `key` until the given time."""
    with engine.begin() as conn:
        conn.execute(update(login_throttle).where(login_throttle.c.key == key)
                     .values(locked_until=until))


def forget(engine: Engine, key: str) -> None:
    """Drop the key's counter (a name after a correct password)."""
    with engine.begin() as conn:
        conn.execute(delete(login_throttle).where(login_throttle.c.key == key))
