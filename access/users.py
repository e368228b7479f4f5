"""The user store: create, authenticate, change scope, disable, list (state store, `users`).

Passwords are hashed with the standard library's scrypt and a per-user random salt; the
parameters are stored with the hash (`scrypt$n$r$p$salt$hash`, base64) so they can be raised
later without breaking old hashes. Comparison is constant-time.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine

from access.roles import ROLES, scope_for
from data.scope import Scope
from data.state import ensure_state_schema
from data.state_users import insert_user, update_user, user_count, user_row, user_rows

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MIN_PASSWORD = 10
NAME_RE = re.compile(r"^[A-Za-z0-9_.@-]{2,64}$")
# A fixed hash to verify against when the user does not exist, so that timing does not tell
# which names exist.
_DUMMY = None


class UserError(ValueError):
    """A user-store request that cannot be done (unknown role, bad name, weak password…)."""


@dataclass(frozen=True)
class User:
    """One stored user (without the password hash)."""

    user_id: str
    role: str
    scope_text: str
    pii: bool
    disabled: bool
    session_epoch: int

    def scope(self) -> Scope:
        """The user's scope now (fails closed for disabled users and bad assignments)."""
        if self.disabled:
            return Scope.nothing()
        return scope_for(self.role, self.scope_text, self.pii)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def hash_password(password: str) -> str:
    """A salted scrypt hash with its parameters, for storage."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P,
                            dklen=32)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    """Whether `password` matches a stored hash (False for any malformed hash)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        got = hashlib.scrypt(password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r),
                             p=int(p), dklen=len(base64.b64decode(digest)), maxmem=2**27)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, base64.b64decode(digest))


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _row_user(row) -> User:  # noqa: ANN001 - a SQLAlchemy Row
    return User(row.user_id, row.role, row.scope, bool(row.pii), bool(row.disabled),
                int(row.session_epoch))


def _check(role: str, scope_text: str) -> None:
    if role not in ROLES:
        raise UserError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
    try:
        Scope.parse(scope_text)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    if not ROLES[role].wall and scope_for(role, scope_text, False).is_empty:
        raise UserError(f"role {role} cannot have scope {scope_text!r} "
                        "(only province roles may have `province`; the scope may not be empty)")


def create_user(engine: Engine, user_id: str, password: str, role: str, scope_text: str,
                pii: bool = False) -> User:
    """Add a user; refuses bad names, weak passwords, unknown roles and bad scopes."""
    ensure_state_schema(engine)
    if not NAME_RE.match(user_id):
        raise UserError("user names are 2-64 letters, digits or _ . @ -")
    if len(password) < MIN_PASSWORD:
        raise UserError(f"passwords need at least {MIN_PASSWORD} characters")
    _check(role, scope_text)
    if get_user(engine, user_id) is not None:
        raise UserError(f"user {user_id!r} exists already")
    now = _now()
    insert_user(engine, dict(
        user_id=user_id, password_hash=hash_password(password), role=role, scope=scope_text,
        pii=pii and not ROLES[role].wall, disabled=False, session_epoch=0, created_at=now,
        updated_at=now))
    return get_user(engine, user_id)  # type: ignore[return-value]


def get_user(engine: Engine, user_id: str) -> User | None:
    """The stored user, or None."""
    row = user_row(engine, user_id)
    return _row_user(row) if row else None


def list_users(engine: Engine) -> list[User]:
    """Every user, by name."""
    return [_row_user(r) for r in user_rows(engine)]


def count_users(engine: Engine) -> int:
    """How many users exist (0 when the table is empty)."""
    ensure_state_schema(engine)
    return user_count(engine)


def _update(engine: Engine, user_id: str, bump_epoch: bool = False, **values: object) -> User:
    values["updated_at"] = _now()
    if update_user(engine, user_id, values, bump_epoch) != 1:
        raise UserError(f"no user {user_id!r}")
    return get_user(engine, user_id)  # type: ignore[return-value]


def set_scope(engine: Engine, user_id: str, scope_text: str, role: str | None = None,
              pii: bool | None = None) -> User:
    """Change a user's assignment (and optionally role and pii); the next request uses it."""
    user = get_user(engine, user_id)
    if user is None:
        raise UserError(f"no user {user_id!r}")
    role = role or user.role
    _check(role, scope_text)
    values: dict[str, object] = {"scope": scope_text, "role": role}
    if pii is not None:
        values["pii"] = pii and not ROLES[role].wall
    return _update(engine, user_id, **values)


def set_disabled(engine: Engine, user_id: str, disabled: bool = True) -> User:
    """Disable (or re-enable) a user; disabling ends their sessions at once."""
    return _update(engine, user_id, bump_epoch=disabled, disabled=disabled)


def set_password(engine: Engine, user_id: str, password: str) -> User:
    """Replace a password; existing sessions end."""
    if len(password) < MIN_PASSWORD:
        raise UserError(f"passwords need at least {MIN_PASSWORD} characters")
    return _update(engine, user_id, bump_epoch=True, password_hash=hash_password(password))


def end_sessions(engine: Engine, user_id: str) -> None:
    """Invalidate every session cookie issued to the user so far (used by logout)."""
    _update(engine, user_id, bump_epoch=True)


def authenticate(engine: Engine, user_id: str, password: str) -> User | None:
    """The user when the name and password match and the user is enabled, else None."""
    global _DUMMY
    row = user_row(engine, user_id)
    if row is None:
        _DUMMY = _DUMMY or hash_password(secrets.token_hex(8))
        verify_password(password, _DUMMY)  # same work as a real check
        return None
    if not verify_password(password, row.password_hash) or row.disabled:
        return None
    return _row_user(row)


def warm_scopes(open_access: bool, state_url: str) -> list[Scope]:
    """The distinct scopes of the enabled users whose boards are worth computing ahead of the
    first visit (the wall identity reads other views), or the whole province's in open
    development access (pages/prewarm.py)."""
    if open_access:
        return [Scope.everything()]
    from data.state import state_engine

    found: dict[str, Scope] = {}
    for user in list_users(state_engine(state_url)):
        role = ROLES.get(user.role)
        if user.disabled or role is None or role.wall:
            continue
        scope = user.scope()
        if not scope.is_empty:
            found.setdefault(scope.key(), scope)
    return list(found.values())
