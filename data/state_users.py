"""Users of the app (login, role, scope, personal-data permission), in the state store.

Passwords are stored only as salted scrypt hashes (format in `access/users.py`). A user's
`scope` is the text grant of `data.scope.Scope.parse` (`province`, `city:FZ`, `team:T01`,
`station:S007`); it is read on every request, so a change takes effect on the next one.
`session_epoch` grows when a user logs out, is disabled or gets a new password: session
cookies carry the epoch they were issued under, and older ones are refused.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Engine,
    Integer,
    Row,
    String,
    Table,
    func,
    insert,
    select,
    update,
)

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


def insert_user(engine: Engine, values: dict[str, object]) -> None:
    """Store a new user row (the caller has checked name, password hash, role and scope)."""
    with engine.begin() as conn:
        conn.execute(insert(users), values)


def user_row(engine: Engine, user_id: str) -> Row | None:
    """The stored row of one user, or None."""
    with engine.connect() as conn:
        return conn.execute(select(users).where(users.c.user_id == user_id)).first()


def user_rows(engine: Engine) -> list[Row]:
    """Every user row, by name."""
    with engine.connect() as conn:
        return list(conn.execute(select(users).order_by(users.c.user_id)))


def user_count(engine: Engine) -> int:
    """How many users are stored."""
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(users)).scalar() or 0)


def update_user(engine: Engine, user_id: str, values: dict[str, object],
                bump_epoch: bool = False) -> int:
    """Change one user's columns (and end their sessions when `bump_epoch`); rows changed."""
    if bump_epoch:
        values = {**values, "session_epoch": users.c.session_epoch + 1}
    with engine.begin() as conn:
        return conn.execute(update(users).where(users.c.user_id == user_id).values(**values)).rowcount
