"""The user behind a session cookie, checked against the user store on every request.

The cookie (Flask's signed session) holds only the user id, the session epoch it was issued
under and the time of login. A cookie is refused when it is older than the lifetime, when the
user's epoch moved on (logout, disable, new password) or when the user is gone or disabled.
"""

from __future__ import annotations

import time
from collections.abc import MutableMapping
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine

from access.users import User, get_user
from data.state import ensure_state_schema, state_engine

SESSION_LIFETIME = timedelta(hours=10)  # one working day; then sign in again
_ready: set[str] = set()


def state() -> Engine:
    """The state store of the running app (schema created once per URL)."""
    from settings import current_settings

    url = current_settings().state_database_url
    engine = state_engine(url)
    if url not in _ready:
        ensure_state_schema(engine)
        _ready.add(url)
    return engine


def start(session: MutableMapping[str, Any], user: User) -> None:
    """Fill a fresh session for a user who just signed in."""
    session.clear()
    session.permanent = True  # type: ignore[attr-defined]
    session.update(u=user.user_id, e=user.session_epoch, t=int(time.time()))


def resolve(session: MutableMapping[str, Any]) -> User | None:
    """The enabled user of a valid session, else None."""
    user_id, epoch, issued = session.get("u"), session.get("e"), session.get("t")
    if not isinstance(user_id, str) or not isinstance(epoch, int) or not isinstance(issued, int):
        return None
    if time.time() - issued > SESSION_LIFETIME.total_seconds():
        return None
    user = get_user(state(), user_id)
    if user is None or user.disabled or user.session_epoch != epoch:
        return None
    return user
