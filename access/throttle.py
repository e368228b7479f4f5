"""Login rate limit: failures counted per user name and per client address, lockout with backoff.

Counters live in the state store (`login_throttle`), so every web worker sees the same count
and a restart does not forgive an attacker. Policy:
- a name is locked after `USER_LIMIT` failures, an address after `IP_LIMIT` (an office behind
  one NAT address shares the larger allowance); each further failure doubles the lock, starting
  at `BACKOFF_BASE`, never longer than `BACKOFF_CAP`;
- a key's failures are forgotten after `WINDOW` without a failure or a lock;
- a locked key is refused before the password is checked (no scrypt work for an attacker);
- a successful sign-in clears the name's counter, never the address's (one valid account must
  not reset an address that guesses other people's passwords).
Names count case-insensitively. Behind a reverse proxy the client address is the proxy's unless
the app trusts the proxy's X-Forwarded-For (werkzeug's ProxyFix, not configured yet): then the
address limit applies to everyone at once, and only the name limit is meaningful.
The table joins `state_metadata` when this module is imported (access.login does), so
`ensure_state_schema` creates it with the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

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

USER_LIMIT = 5
IP_LIMIT = 20
WINDOW = timedelta(minutes=15)
BACKOFF_BASE = timedelta(seconds=30)
BACKOFF_CAP = timedelta(minutes=15)

login_throttle = Table(
    "login_throttle",
    state_metadata,
    Column("key", String(200), primary_key=True),  # "user:<name>" or "ip:<address>"
    Column("failures", Integer, nullable=False),
    Column("last_at", DateTime, nullable=False),
    Column("locked_until", DateTime),
)


@dataclass(frozen=True)
class Lock:
    """A lock just imposed on a key, for the audit log."""

    key: str
    seconds: int


def keys(name: str, address: str | None) -> dict[str, int]:
    """The throttle keys of an attempt and their failure limits."""
    found = {f"user:{name.strip().lower()[:64]}": USER_LIMIT}
    if address:
        found[f"ip:{address[:64]}"] = IP_LIMIT
    return found


def locked_for(engine: Engine, name: str, address: str | None, now: datetime) -> int:
    """Seconds until the attempt's name and address are both free (0: not locked)."""
    query = select(login_throttle.c.locked_until).where(
        login_throttle.c.key.in_(list(keys(name, address))))
    with engine.connect() as conn:
        until = [u for u in conn.execute(query).scalars() if u is not None and u > now]
    return max((int((u - now).total_seconds()) + 1 for u in until), default=0)


def backoff(failures: int, limit: int) -> timedelta:
    """The lock after `failures` failures on a key whose limit is `limit` (zero below it)."""
    if failures < limit:
        return timedelta(0)
    return min(BACKOFF_BASE * 2 ** min(failures - limit, 20), BACKOFF_CAP)


def _count_failure(engine: Engine, key: str, now: datetime) -> int:
    """Add one failure to `key` (forgetting stale ones) and return the new count."""
    table = login_throttle
    quiet_since = now - WINDOW  # forgotten only after a quiet window, lock included
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


def record_failure(engine: Engine, name: str, address: str | None, now: datetime) -> list[Lock]:
    """Count a failed sign-in on the name and the address; returns the locks it imposed."""
    locks = []
    for key, limit in keys(name, address).items():
        failures = _count_failure(engine, key, now)
        wait = backoff(failures, limit)
        if wait:
            with engine.begin() as conn:
                conn.execute(update(login_throttle).where(login_throttle.c.key == key)
                             .values(locked_until=now + wait))
            locks.append(Lock(key, int(wait.total_seconds())))
    return locks


def record_success(engine: Engine, name: str) -> None:
    """A correct password: the name starts afresh (the address keeps its count)."""
    user_key = next(iter(keys(name, None)))
    with engine.begin() as conn:
        conn.execute(delete(login_throttle).where(login_throttle.c.key == user_key))
