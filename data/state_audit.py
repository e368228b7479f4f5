"""Audit log of refused requests (who, when, what path or callback, why), in the state store.

Append-only. Values the client sent are not stored (they may hold personal data); only the
path, the callback's output ids and the reason.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column, DateTime, Engine, Integer, String, Table, insert, select

from data.state import state_metadata

DETAIL_MAX = 300

audit_denials = Table(
    "audit_denials",
    state_metadata,
    Column("denial_id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False, index=True),
    Column("user_id", String(64)),  # None: anonymous
    Column("path", String(300), nullable=False),
    Column("reason", String(64), nullable=False),
    Column("detail", String(DETAIL_MAX), nullable=False, default=""),
)


def record_denial(engine: Engine, user_id: str | None, path: str, reason: str,
                  detail: str = "") -> None:
    """Append one denial (path and detail cut to their column sizes)."""
    row = dict(at=datetime.now(UTC).replace(tzinfo=None), user_id=user_id, path=path[:300],
               reason=reason[:64], detail=detail[:DETAIL_MAX])
    with engine.begin() as conn:
        conn.execute(insert(audit_denials), row)


def recent_denials(engine: Engine, limit: int = 100) -> list[dict]:
    """The latest denials, newest first."""
    query = select(audit_denials).order_by(audit_denials.c.denial_id.desc()).limit(limit)
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]
