"""Users of the app (login, role, scope, personal-data permission), in the state store.

Passwords are stored only as salted scrypt hashes (format in `access/users.py`). A user's
`scope` is the text grant of `data.scope.Scope.parse` (`province`, `city:FZ`, `team:T01`,
`station:S007`); it is read on every request, so a change takes effect on the next one.
`session_epoch` grows when a user logs out, is disabled or gets a new password: session
cookies carry the epoch they were issued under, and older ones are refused.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, Integer, String, Table

from data.state import state_metadata

users = Table(
    "users",
    state_metadata,
    Column("user_id", String(64), primary_key=True),
    Column("password_hash", String(400), nullable=False),
    Column("role", String(32), nullable=False),
    Column("scope", String(400), nullable=False, default=""),
    Column("pii", Boolean, nullable=False, default=False),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("session_epoch", Integer, nullable=False, default=0),
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)
