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
The counters are `data/state_throttle.py`'s table, which joins `state_metadata` when this module
is imported (access.login does), so `ensure_state_schema` creates it with the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine

from data.state_throttle import (
    count_failure,
    forget,
    lock,
    locks_until,
    login_throttle,  # noqa: F401 - joins state_metadata on import
)

USER_LIMIT = 5
IP_LIMIT = 20
WINDOW = timedelta(minutes=15)
BACKOFF_BASE = timedelta(seconds=30)
BACKOFF_CAP = timedelta(minutes=15)


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
    until = [u for u in locks_until(engine, list(keys(name, address))) if u > now]
    return max((int((u - now).total_seconds()) + 1 for u in until), default=0)


def backoff(failures: int, limit: int) -> timedelta:
    """The lock after `failures` failures on a key whose limit is `limit` (zero below it)."""
    if failures < limit:
        return timedelta(0)
    return min(BACKOFF_BASE * 2 ** min(failures - limit, 20), BACKOFF_CAP)


def record_failure(engine: Engine, name: str, address: str | None, now: datetime) -> list[Lock]:
    """Count a failed sign-in on the name and the address; returns the locks it imposed."""
    locks = []
    for key, limit in keys(name, address).items():
        # forgotten only after a quiet window, lock included
        failures = count_failure(engine, key, now, now - WINDOW)
        wait = backoff(failures, limit)
        if wait:
            lock(engine, key, now + wait)
            locks.append(Lock(key, int(wait.total_seconds())))
    return locks


def record_success(engine: Engine, name: str) -> None:
    """A correct password: the name starts afresh (the address keeps its count)."""
    user_key = next(iter(keys(name, None)))
    forget(engine, user_key)
