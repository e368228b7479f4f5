"""Contact notes in the state store: appended, latest wins, survive a restart (SQLite, PostgreSQL)."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from sqlalchemy import create_engine, text

from data.state import ensure_state_schema
from data.state_contacts import NOTE_MAX, contact_history, latest_contacts, record_contact


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def state_url(request, tmp_path):
    """A fresh state store URL on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'state.sqlite'}"
        return
    pg = request.getfixturevalue("pg_url")
    schema = f"contacts_{uuid.uuid4().hex[:8]}"
    admin = create_engine(pg, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in pg else "?"
    yield f"{pg}{sep}options=-csearch_path%3D{schema}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def test_contacts_are_kept_and_latest_wins(state_url) -> None:
    engine = create_engine(state_url)
    ensure_state_schema(engine)
    record_contact(engine, "a1", "  电话未接  ", user_id="u1", on=date(2026, 10, 20),
                   entity="team:T1", list_kind="serious")  # fmt: skip
    record_contact(engine, "a1", "已回访，下周来加油", user_id="u2", on=date(2026, 10, 22))
    record_contact(engine, "a2", "x" * (NOTE_MAX + 50), user_id=None, on=date(2026, 10, 21))
    engine.dispose()  # a restart: a new engine over the same store sees everything
    engine = create_engine(state_url)
    ensure_state_schema(engine)  # idempotent
    latest = latest_contacts(engine, ["a1", "a2", "a3"])
    assert set(latest) == {"a1", "a2"}
    assert (latest["a1"].note, latest["a1"].user_id, latest["a1"].contacted_on) == (
        "已回访，下周来加油", "u2", date(2026, 10, 22))
    assert len(latest["a2"].note) == NOTE_MAX
    hist = contact_history(engine, "a1")
    assert [c.note for c in hist] == ["已回访，下周来加油", "电话未接"]
    assert (hist[1].entity, hist[1].list_kind) == ("team:T1", "serious")
    assert latest_contacts(engine, []) == {}
    engine.dispose()
