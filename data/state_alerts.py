"""Alerts and their deliveries in the state store (预警).

An alert is stored once per key `rule:entity:period` (a unique column), so re-running the
evaluation for the same day adds nothing. It carries the entity's org ancestors so that a
viewer's `Scope` filters alerts in SQL exactly as it filters facts. Its state moves
open → acknowledged → resolved, recording who did it and when. Every delivery attempt
(channel, recipient, outcome) is appended to `alert_deliveries`, so nothing is dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Engine,
    Float,
    Integer,
    String,
    Table,
    Text,
    func,
    select,
)  # fmt: skip
from sqlalchemy.exc import IntegrityError

from data.scope import Scope
from data.state import state_metadata

STATES = ("open", "acknowledged", "resolved")

alerts = Table(
    "alerts",
    state_metadata,
    Column("alert_id", Integer, primary_key=True, autoincrement=True),
    Column("alert_key", String, nullable=False, unique=True),
    Column("rule_id", String, nullable=False, index=True),
    Column("severity", String, nullable=False),
    Column("audience", String, nullable=False),
    Column("entity_level", String, nullable=False),
    Column("entity_id", String, nullable=False),
    Column("station_id", String),  # org ancestors: the scope filter reads these
    Column("team_id", String),
    Column("city_id", String),
    Column("period", String, nullable=False),  # YYYY-MM-DD (day rules) or YYYY-MM
    Column("as_of", Date, nullable=False),
    Column("value", Float),
    Column("message_zh", Text, nullable=False),
    Column("message_en", Text, nullable=False),
    Column("state", String, nullable=False, default="open"),
    Column("created_at", DateTime, nullable=False),
    Column("acknowledged_by", String),
    Column("acknowledged_at", DateTime),
    Column("resolved_by", String),
    Column("resolved_at", DateTime),
)

alert_deliveries = Table(
    "alert_deliveries",
    state_metadata,
    Column("delivery_id", Integer, primary_key=True, autoincrement=True),
    Column("recipient", String, nullable=False, index=True),
    Column("channel", String, nullable=False),  # wecom | dingtalk | email
    Column("digest_date", Date, nullable=False),
    Column("alert_count", Integer, nullable=False),
    Column("attempt", Integer, nullable=False),
    Column("ok", Boolean, nullable=False),
    Column("detail", Text, nullable=False, default=""),
    Column("at", DateTime, nullable=False),
)


@dataclass(frozen=True)
class NewAlert:
    """What an evaluation found; stored by `store_alerts` unless its key exists."""

    key: str
    rule_id: str
    severity: str
    audience: str
    entity_level: str
    entity_id: str
    station_id: str | None
    team_id: str | None
    city_id: str | None
    period: str
    as_of: date
    value: float | None
    message_zh: str
    message_en: str


@dataclass(frozen=True)
class StoredAlert(NewAlert):
    """An alert as stored, with its id and state history."""

    alert_id: int = 0
    state: str = "open"
    created_at: datetime | None = None
    acknowledged_by: str | None = None
    acknowledged_at: datetime | None = None
    resolved_by: str | None = None
    resolved_at: datetime | None = None


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def store_alerts(engine: Engine, found: list[NewAlert]) -> list[NewAlert]:
    """Insert the alerts whose key is new; return those inserted (re-runs insert nothing)."""
    if not found:
        return []
    keys = [a.key for a in found]
    with engine.connect() as conn:
        known = set(conn.execute(select(alerts.c.alert_key).where(alerts.c.alert_key.in_(keys))).scalars())
    added: list[NewAlert] = []
    for a in found:
        if a.key in known:
            continue
        try:  # a concurrent run may have stored the same key meanwhile: the unique key wins
            with engine.begin() as conn:
                conn.execute(alerts.insert().values(
                    alert_key=a.key, **{k: v for k, v in a.__dict__.items() if k != "key"},
                    state="open", created_at=_now()))  # fmt: skip
        except IntegrityError:
            continue
        known.add(a.key)
        added.append(a)
    return added


def list_alerts(engine: Engine, scope: Scope, *, severity: str | None = None,
                rule_id: str | None = None, state: str | None = None,
                keys: list[str] | None = None, limit: int = 500) -> list[StoredAlert]:  # fmt: skip
    """Alerts inside `scope` (empty scope: none), newest first, optionally filtered (`keys`:
    only these alert keys)."""
    if scope.is_empty or keys == []:
        return []
    c = alerts.c
    stmt = select(alerts).where(scope.station_predicate(c))
    if keys is not None:
        stmt = stmt.where(c.alert_key.in_(keys))
    if severity:
        stmt = stmt.where(c.severity == severity)
    if rule_id:
        stmt = stmt.where(c.rule_id == rule_id)
    if state:
        stmt = stmt.where(c.state == state)
    stmt = stmt.order_by(c.as_of.desc(), c.alert_id.desc()).limit(limit)
    with engine.connect() as conn:
        return [_stored(r) for r in conn.execute(stmt).mappings()]


def open_red_count(engine: Engine, scope: Scope) -> int:
    """Open red alerts inside `scope` (for the wall display)."""
    if scope.is_empty:
        return 0
    c = alerts.c
    stmt = select(func.count()).where(scope.station_predicate(c), c.state == "open",
                                      c.severity == "red")  # fmt: skip
    with engine.connect() as conn:
        return int(conn.execute(stmt).scalar() or 0)


def set_state(engine: Engine, alert_id: int, new_state: str, user: str | None,
              scope: Scope) -> bool:  # fmt: skip
    """Acknowledge or resolve one alert inside `scope`; False when it is not there."""
    if new_state not in ("acknowledged", "resolved"):
        raise ValueError(f"state must be acknowledged or resolved, not {new_state!r}")
    if scope.is_empty:
        return False
    c = alerts.c
    who = "acknowledged" if new_state == "acknowledged" else "resolved"
    values = {"state": new_state, f"{who}_by": user or "", f"{who}_at": _now()}
    stmt = alerts.update().where(c.alert_id == int(alert_id), scope.station_predicate(c)).values(**values)
    with engine.begin() as conn:
        return conn.execute(stmt).rowcount == 1


def log_delivery(engine: Engine, *, recipient: str, channel: str, digest_date: date,
                 alert_count: int, attempt: int, ok: bool, detail: str = "") -> None:  # fmt: skip
    """Append one delivery attempt to the log."""
    with engine.begin() as conn:
        conn.execute(alert_deliveries.insert().values(
            recipient=recipient, channel=channel, digest_date=digest_date, alert_count=alert_count,
            attempt=attempt, ok=ok, detail=detail[:2000], at=_now()))  # fmt: skip


def delivery_log(engine: Engine, recipient: str | None = None) -> list[dict]:
    """Delivery attempts (all, or one recipient's), oldest first."""
    stmt = select(alert_deliveries).order_by(alert_deliveries.c.delivery_id)
    if recipient:
        stmt = stmt.where(alert_deliveries.c.recipient == recipient)
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(stmt).mappings()]


def delivered(engine: Engine, recipient: str, channel: str, digest_date: date, kind: str) -> bool:
    """Whether `recipient` already got `kind` (the detail a successful attempt records:
    "digest" or "new") of `digest_date` on `channel`: a restarted scheduler sends no twice."""
    c = alert_deliveries.c
    stmt = select(func.count()).where(c.recipient == recipient, c.channel == channel,
                                      c.digest_date == digest_date, c.ok.is_(True),
                                      c.detail == kind)  # fmt: skip
    with engine.connect() as conn:
        return bool(conn.execute(stmt).scalar())


def _stored(r: object) -> StoredAlert:
    d = dict(r)  # type: ignore[call-overload]
    d["key"] = d.pop("alert_key")
    return StoredAlert(**d)
