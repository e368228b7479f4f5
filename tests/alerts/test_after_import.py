"""`python -m data import` evaluates the alert rules once the import is published: alerts
appear (the oracle fixture's abnormal discounts, checked with pandas), the configured people are
told over real loopback sockets, a re-import adds and sends nothing, and a broken state store
never fails the import."""

from __future__ import annotations

import email
import email.policy
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import create_engine, text

from data.scope import Scope
from data.state import state_engine
from data.state_alerts import delivery_log, list_alerts
from tests.alerts.receivers import http_robot, smtp_server
from tests.metrics.fixture import DATA

ROOT = Path(__file__).resolve().parents[2]


def _expected() -> tuple[str, dict[str, set[str]]]:
    """(as-of day, {rule: stations}) from the fixture CSVs: the share of a station's sales this
    month to date whose discount exceeds 8 % of the list amount (red above 3 %, the rule's 5 %)."""
    f = pd.read_csv(DATA / "fuel_sales.csv", parse_dates=["ts"])
    last = f["ts"].max().date()
    m = f[(f["ts"].dt.date >= last.replace(day=1)) & (f["ts"].dt.date <= last)]
    listed = m["liters"] * m["list_price"]
    share = ((listed - m["paid_amount"]) > 0.08 * listed).groupby(m["station_id"]).mean()
    return last.isoformat(), {"abnormal_discount": set(share[share > 0.03].index),
                              "discount_rate_limit": set(share[share > 0.05].index)}


def _import(db: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "data", "import", str(DATA), "--db", db, "--quiet"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, **env})  # fmt: skip


def _people(tmp_path: Path, url: str) -> Path:
    cfg = tmp_path / "people.yaml"
    cfg.write_text(
        "recipients:\n"
        f"  - {{name: 榕东队长, role: team, scope: 'team:T1', webhook: '{url}/t1', "
        "webhook_kind: dingtalk, email: t1@example.com}\n"
        f"  - {{name: 榕城站长, role: station, scope: 'station:S02', webhook: '{url}/s2'}}\n"
        f"  - {{name: 三队长, role: team, scope: 'team:T3', webhook: '{url}/t3'}}\n"
        f"  - {{name: 榕城经理, role: city, scope: 'city:C1', webhook: '{url}/c1'}}\n",
        encoding="utf-8")  # fmt: skip
    return cfg


def test_import_evaluates_delivers_and_reimport_adds_nothing(tmp_path):
    day, want = _expected()
    assert want["abnormal_discount"] == {"S02"}  # the fixture's design: K14's 10 % at S02
    db, state_url = f"duckdb:///{tmp_path / 'f.duckdb'}", f"sqlite:///{tmp_path / 's.sqlite'}"
    with smtp_server() as (port, inbox), http_robot() as (url, robot):
        env = {"STATE_DATABASE_URL": state_url, "AMOEBA_SMTP_HOST": "127.0.0.1",
               "AMOEBA_SMTP_PORT": str(port), "AMOEBA_ALERT_RECIPIENTS": str(_people(tmp_path, url))}
        first = _import(db, env)
        assert first.returncode == 0, first.stderr
        n = sum(len(v) for v in want.values())
        assert f"alerts: {n} new alert(s) for {day}, 3 of 3 message(s) delivered" in first.stdout
        again = _import(db, env)
        assert again.returncode == 0, again.stderr
        assert f"alerts: 0 new alert(s) for {day}, 0 of 0 message(s) delivered" in again.stdout
    stored = list_alerts(state_engine(state_url), Scope.everything())
    assert {(a.rule_id, a.entity_id) for a in stored} == {
        (rule, s) for rule, stations in want.items() for s in stations}
    assert all(a.as_of.isoformat() == day and a.state == "open" for a in stored)
    # abnormal_discount speaks to the team, discount_rate_limit to the city: T1's leader hears
    # one, C1's manager both, S02's manager neither, T3's leader has nothing in scope.
    got = {path: body for path, body in robot.received}
    assert set(got) == {"/t1", "/c1"}
    t1, c1 = got["/t1"]["markdown"]["text"], got["/c1"]["markdown"]["content"]
    assert "新增 1 条预警" in t1 and "榕城02站：异常优惠（叠加折扣）" in t1
    assert "新增 2 条预警" in c1 and "超过 5%" in c1
    assert len(inbox.messages) == 1 and inbox.messages[0][0] == ["t1@example.com"]
    mail = email.message_from_bytes(inbox.messages[0][1], policy=email.policy.default)
    assert mail["Subject"] == f"新预警 {day} · 榕东队长"
    log = delivery_log(state_engine(state_url))
    assert [(e["recipient"], e["channel"], e["ok"], e["detail"]) for e in log] == [
        ("榕东队长", "dingtalk", True, "new"), ("榕东队长", "email", True, "new"),
        ("榕城经理", "wecom", True, "new")]


def test_a_broken_state_store_does_not_fail_the_import(tmp_path):
    (tmp_path / "nodir").mkdir()
    db = f"duckdb:///{tmp_path / 'f.duckdb'}"
    done = _import(db, {"STATE_DATABASE_URL": f"sqlite:///{tmp_path / 'nodir'}"})  # a folder
    assert done.returncode == 0, done.stderr
    assert "total: " in done.stdout
    assert "alerts: FAILED (OperationalError" in done.stderr
    assert "the import itself is published" in done.stderr
    assert "Traceback" in done.stderr  # logged with its traceback
    eng = create_engine(db)
    with eng.connect() as conn:
        assert conn.execute(text("SELECT status FROM import_runs")).scalars().all() == ["published"]
    eng.dispose()


def test_import_into_another_store_without_a_state_store_skips(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "STATE_DATABASE_URL"}
    done = subprocess.run([sys.executable, "-m", "data", "import", str(DATA), "--db",
                           f"duckdb:///{tmp_path / 'f.duckdb'}", "--quiet"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, env=env)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "alerts: not evaluated (set STATE_DATABASE_URL" in done.stdout


@pytest.mark.parametrize("value", ["0", "off"])
def test_switched_off(tmp_path, value):
    from alerts.config import after_import_enabled

    assert after_import_enabled("duckdb:///x", {"STATE_DATABASE_URL": "sqlite://",
                                                "AMOEBA_ALERTS_AFTER_IMPORT": value})
    assert after_import_enabled("duckdb:///x", {"STATE_DATABASE_URL": "sqlite://"}) is None
