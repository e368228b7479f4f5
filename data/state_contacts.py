"""Contact notes on customers (客户圈 worklist): who was contacted, when, by whom, with what note.

Stored in the state store (SQLite or PostgreSQL, see `data/state.py`), never in the facts store
that each DuckDB import replaces, so a worklist survives imports and restarts. Rows are only
appended: a later contact adds a row, the latest one is what the list shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Column, Date, DateTime, Engine, Integer, String, Table, Text, func, select

from data.state import state_metadata

NOTE_MAX = 500  # characters kept of a note; longer ones are cut, not refused

customer_contacts = Table(
    "customer_contacts",
    state_metadata,
    Column("contact_id", Integer, primary_key=True, autoincrement=True),
    Column("customer_id", String, nullable=False, index=True),
    Column("contacted_on", Date, nullable=False),
    Column("note", Text, nullable=False, default=""),
    Column("user_id", String),  # None in open development access
    Column("entity", String),  # where the list was opened: `team:T01`
    Column("list_kind", String),  # warning | serious | lost | …
    Column("created_at", DateTime, nullable=False),
)


@dataclass(frozen=True)
class Contact:
    """One recorded contact."""

    customer_id: str
    contacted_on: date
    note: str
    user_id: str | None
    entity: str | None
    list_kind: str | None
    created_at: datetime


def record_contact(engine: Engine, customer_id: str, note: str, *, user_id: str | None,
                   on: date | None = None, entity: str | None = None,
                   list_kind: str | None = None) -> Contact:  # fmt: skip
    """Append a contact (the note is stripped and cut to NOTE_MAX characters)."""
    now = datetime.now().replace(microsecond=0)
    values = dict(
        customer_id=str(customer_id), contacted_on=on or now.date(),
        note=(note or "").strip()[:NOTE_MAX], user_id=user_id, entity=entity,
        list_kind=list_kind, created_at=now,
    )  # fmt: skip
    with engine.begin() as conn:
        conn.execute(customer_contacts.insert().values(**values))
    return Contact(**values)


def latest_contacts(engine: Engine, customer_ids: list[str]) -> dict[str, Contact]:
    """The most recent contact of each of `customer_ids` that has one."""
    if not customer_ids:
        return {}
    cc = customer_contacts.c
    ranked = (
        select(cc, func.row_number().over(
            partition_by=cc.customer_id,
            order_by=(cc.contacted_on.desc(), cc.created_at.desc(), cc.contact_id.desc()),
        ).label("rn"))
        .where(cc.customer_id.in_(list(customer_ids)))
        .subquery()
    )  # fmt: skip
    out: dict[str, Contact] = {}
    with engine.connect() as conn:
        for r in conn.execute(select(ranked).where(ranked.c.rn == 1)).mappings():
            out[r["customer_id"]] = _contact(r)
    return out


def contact_history(engine: Engine, customer_id: str) -> list[Contact]:
    """Every contact of one customer, newest first."""
    cc = customer_contacts.c
    stmt = (
        select(customer_contacts)
        .where(cc.customer_id == customer_id)
        .order_by(cc.contacted_on.desc(), cc.created_at.desc(), cc.contact_id.desc())
    )
    with engine.connect() as conn:
        return [_contact(r) for r in conn.execute(stmt).mappings()]


def _contact(r: object) -> Contact:
    return Contact(
        customer_id=r["customer_id"], contacted_on=r["contacted_on"], note=r["note"],  # type: ignore[index]
        user_id=r["user_id"], entity=r["entity"], list_kind=r["list_kind"],  # type: ignore[index]
        created_at=r["created_at"],  # type: ignore[index]
    )
