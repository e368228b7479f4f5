"""Login rate limit (per name and per address, lockout with doubling backoff, audited) and the
sampled audit of anonymous refusals, over HTTP against the real app and a real SQLite state
store. Clocks are moved forward by replacing the time source, never by waiting."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from access import login as login_module
from access import throttle
from access.audit_sampler import SAMPLER
from data.state_audit import audit_denials
from tests.access.conftest import PASSWORD, build_app

T0 = datetime(2026, 11, 25, 9, 0, 0)


class Clock:
    """A time source the test moves by hand."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def app_clock(canary_url, tmp_path, monkeypatch):
    """A fresh app (fresh state store, so no lock carries over) and its login clock."""
    clock = Clock()
    monkeypatch.setattr(login_module, "_now", clock)
    app = build_app(canary_url, f"sqlite:///{tmp_path / 'state.sqlite'}")
    return app, clock


def _attempt(client, name: str, password: str, address: str = "10.0.0.1"):
    env = {"REMOTE_ADDR": address}
    page = client.get("/login", environ_base=env).get_data(as_text=True)
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    return client.post("/login", data={"csrf": token, "user": name, "password": password},
                       environ_base=env)


def _audit(app, reason: str | None = None) -> list[dict]:
    from access import session_user

    with app.server.app_context():
        engine = session_user.state()
    query = select(audit_denials).order_by(audit_denials.c.denial_id)
    if reason:
        query = query.where(audit_denials.c.reason == reason)
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def test_backoff_doubles_from_the_limit_and_is_capped() -> None:
    seconds = [throttle.backoff(n, 5).total_seconds() for n in range(3, 13)]
    assert seconds == [0, 0, 30, 60, 120, 240, 480, 900, 900, 900]


def test_a_name_is_locked_after_five_failures_even_for_the_right_password(app_clock) -> None:
    app, clock = app_clock
    client = app.server.test_client()
    for _ in range(5):
        assert _attempt(client, "tl_t1", "wrong-password-x").status_code == 401
    locked = _attempt(client, "tl_t1", PASSWORD)
    assert locked.status_code == 429
    assert int(locked.headers["Retry-After"]) == 31  # 30 s lock, rounded up
    assert "Too many attempts" in locked.get_data(as_text=True)
    assert _attempt(client, "TL_T1", PASSWORD).status_code == 429  # names count without case
    assert len(_audit(app, "login_failed")) == 5
    [lock] = _audit(app, "login_lockout")
    assert lock["detail"] == "user:tl_t1 30 s"
    # after the lock the next failure locks again, twice as long; then the lock runs out
    clock.now += timedelta(seconds=31)
    assert _attempt(client, "tl_t1", "wrong-password-x").status_code == 401
    assert int(_attempt(client, "tl_t1", PASSWORD).headers["Retry-After"]) == 61
    clock.now += timedelta(seconds=61)
    assert _attempt(client, "tl_t1", PASSWORD).status_code == 302
    # a success clears the name: five new failures are needed for the next lock
    for _ in range(4):
        assert _attempt(client, "tl_t1", "wrong-password-x").status_code == 401
    assert _attempt(client, "tl_t1", PASSWORD).status_code == 302


def test_an_address_is_locked_after_twenty_failures_across_names(app_clock) -> None:
    app, clock = app_clock
    client = app.server.test_client()
    for n in range(20):  # four failures each on five names: no name reaches its limit
        assert _attempt(client, f"{'abcde'[n % 5]}-guess", "x" * 12, "10.9.9.9").status_code == 401
    assert _attempt(client, "prov", PASSWORD, "10.9.9.9").status_code == 429
    assert _attempt(client, "prov", PASSWORD, "10.1.1.1").status_code == 302  # another address
    assert [r["detail"] for r in _audit(app, "login_lockout")] == ["ip:10.9.9.9 30 s"]
    # a good sign-in of one account from the address does not clear the address's count
    clock.now += timedelta(seconds=31)
    assert _attempt(client, "prov", PASSWORD, "10.9.9.9").status_code == 302
    assert _attempt(client, "z-guess", "x" * 12, "10.9.9.9").status_code == 401
    assert _attempt(client, "prov", PASSWORD, "10.9.9.9").status_code == 429


def test_failures_are_forgotten_after_a_quiet_window(app_clock) -> None:
    app, clock = app_clock
    client = app.server.test_client()
    for _ in range(4):
        _attempt(client, "cm_rj", "wrong-password-x")
    clock.now += throttle.WINDOW + timedelta(seconds=1)
    for _ in range(4):
        assert _attempt(client, "cm_rj", "wrong-password-x").status_code == 401
    assert _attempt(client, "cm_rj", PASSWORD).status_code == 302


def test_locked_attempts_do_not_flood_the_audit(app_clock, monkeypatch) -> None:
    app, _ = app_clock
    ticks = iter(range(10**6))
    monkeypatch.setattr(SAMPLER, "clock", lambda: float(next(ticks)) / 1000)  # 1 ms a call
    client = app.server.test_client()
    for _ in range(5):
        _attempt(client, "sm_s001", "wrong-password-x", "10.2.2.2")
    before = len(_audit(app))
    for _ in range(200):
        assert _attempt(client, "sm_s001", "wrong-password-x", "10.2.2.2").status_code == 429
    rows = _audit(app)[before:]
    assert [r["reason"] for r in rows] == ["login_locked"]
    SAMPLER.flush_due(force=True)
    summary = _audit(app, "login_locked")[-1]
    assert summary["detail"] == "ip=10.2.2.2 +199 more in 60 s"


def test_anonymous_refusals_are_sampled_and_counted(app_clock, monkeypatch) -> None:
    """500 anonymous requests write 1 row at once, then 1 summary with the other 499."""
    app, _ = app_clock
    now = [0.0]
    monkeypatch.setattr(SAMPLER, "clock", lambda: now[0])
    client = app.server.test_client()
    env = {"REMOTE_ADDR": "10.3.3.3"}
    for n in range(500):
        now[0] = n * 0.1  # 50 s in all: one window
        res = (client.get("/_dash-layout", environ_base=env) if n % 2 else
               client.post("/_dash-update-component", json={"output": "x"}, environ_base=env))
        assert res.status_code == 401
    rows = _audit(app, "not_signed_in")
    assert len(rows) == 1 and rows[0]["user_id"] is None and rows[0]["detail"] == "ip=10.3.3.3"
    now[0] = 61.0  # the minute is over: the next request (anyone's) writes the summary
    client.get("/login")
    rows = _audit(app, "not_signed_in")
    assert [r["detail"] for r in rows] == ["ip=10.3.3.3", "ip=10.3.3.3 +499 more in 60 s"]
    # a signed-in user's refusals are still written one by one
    from tests.access.conftest import login

    login(client, "wall")
    for _ in range(3):
        assert client.get("/board").status_code == 403
    assert [r["user_id"] for r in _audit(app, "page_not_allowed")] == ["wall"] * 3
    with app.server.app_context():
        from access import session_user

        with session_user.state().connect() as conn:
            total = conn.execute(select(func.count()).select_from(audit_denials)).scalar()
    assert total < 10
