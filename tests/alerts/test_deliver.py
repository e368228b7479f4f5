"""Delivery over real loopback sockets: WeCom/DingTalk JSON to an HTTP receiver, e-mail to
aiosmtpd; a 500 is retried and every attempt logged; each recipient gets only their scope."""

from __future__ import annotations

import email
import email.policy
from datetime import date

import pytest

from alerts.deliver import SmtpConfig, deliver_digests
from alerts.recipients import Recipient
from data.state import ensure_state_schema, state_engine
from data.state_alerts import NewAlert, delivery_log, store_alerts
from tests.alerts.receivers import free_port, http_robot, smtp_server

DAY = date(2026, 11, 20)
T1_NAME, T2_NAME = "榕江仓前加油站", "鹭屿湖滨加油站"


def _alert(rule: str, station: str, team: str, name: str, audience: str, sev: str = "red") -> NewAlert:
    return NewAlert(
        key=f"{rule}:station:{station}:2026-11-20", rule_id=rule, severity=sev, audience=audience,
        entity_level="station", entity_id=station, station_id=station, team_id=team, city_id="FZ",
        period="2026-11-20", as_of=DAY, value=None, message_zh=f"{name}：销量骤降",
        message_en=f"{name}: volume drop",
    )  # fmt: skip


@pytest.fixture
def state(tmp_path):
    engine = state_engine(f"sqlite:///{tmp_path / 'state.sqlite'}")
    ensure_state_schema(engine)
    store_alerts(engine, [
        _alert("drop", "S001", "T01", T1_NAME, "station"),
        _alert("disc", "S001", "T01", T1_NAME, "team", "yellow"),
        _alert("drop", "S007", "T02", T2_NAME, "station"),
    ])  # fmt: skip
    return engine


def test_webhooks_carry_only_the_recipients_scope(state):
    with http_robot() as (url, robot):
        people = (
            Recipient("张队长", "team", "team:T01", webhook=f"{url}/wecom", webhook_kind="wecom"),
            Recipient("李队长", "team", "team:T02", webhook=f"{url}/ding", webhook_kind="dingtalk"),
            Recipient("王站长", "station", "station:S001", webhook=f"{url}/s1"),
        )
        out = deliver_digests(state, people, DAY, backoff=0.01)
    assert [(o.recipient, o.ok, o.alert_count) for o in out] == [
        ("张队长", True, 2), ("李队长", True, 1), ("王站长", True, 1)]
    got = dict(robot.received)
    wecom = got["/wecom"]["markdown"]["content"]
    assert got["/wecom"]["msgtype"] == "markdown" and T1_NAME in wecom and T2_NAME not in wecom
    assert "共 2 条" in wecom
    ding = got["/ding"]["markdown"]
    assert set(ding) == {"title", "text"} and T2_NAME in ding["text"] and T1_NAME not in ding["text"]
    station = got["/s1"]["markdown"]["content"]  # the team-audience alert is not the station's
    assert "共 1 条" in station and "🟡" not in station


def test_a_500_is_retried_and_every_attempt_logged(state):
    with http_robot([500, 500]) as (url, robot):
        out = deliver_digests(state, (Recipient("张队长", "team", "team:T01", webhook=url),),
                              DAY, backoff=0.01)  # fmt: skip
    assert [(o.ok, o.attempts) for o in out] == [(True, 3)]
    assert [r["status"] for _p, r in robot.received] == [500, 500, 200]
    log = delivery_log(state, "张队长")
    assert [(e["attempt"], e["ok"]) for e in log] == [(1, False), (2, False), (3, True)]
    assert "500" in log[0]["detail"]


def test_a_dead_receiver_is_logged_as_failed_not_dropped(state):
    dead = f"http://127.0.0.1:{free_port()}/"
    out = deliver_digests(state, (Recipient("张队长", "team", "team:T01", webhook=dead),), DAY,
                          tries=2, backoff=0.01)  # fmt: skip
    assert [(o.ok, o.attempts) for o in out] == [(False, 2)]
    assert [e["ok"] for e in delivery_log(state, "张队长")] == [False, False]


def test_email_digest_in_utf8_chinese(state):
    with smtp_server() as (port, inbox):
        people = (Recipient("张队长", "team", "team:T01", email="zhang@example.com"),
                  Recipient("李队长", "team", "team:T02", email="li@example.com"))
        out = deliver_digests(state, people, DAY, smtp=SmtpConfig("127.0.0.1", port), backoff=0.01)
    assert all(o.ok for o in out) and len(inbox.messages) == 2
    by_to = {to[0]: email.message_from_bytes(raw, policy=email.policy.default) for to, raw in inbox.messages}
    zhang = by_to["zhang@example.com"]
    assert zhang["Subject"] == "预警日报 2026-11-20 · 张队长"
    body = zhang.get_content()
    assert T1_NAME in body and T2_NAME not in body
    assert T2_NAME in by_to["li@example.com"].get_content()


def test_command_line_send(state, tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    db = str(state.url).removeprefix("sqlite:///")
    with smtp_server() as (port, inbox), http_robot() as (url, robot):
        cfg = tmp_path / "people.yaml"
        cfg.write_text(f"recipients:\n  - {{name: 张队长, role: team, scope: 'team:T01', "
                       f"webhook: '{url}/x', webhook_kind: dingtalk, email: z@example.com}}\n",
                       encoding="utf-8")  # fmt: skip
        done = subprocess.run(
            [sys.executable, "-m", "alerts", "send", "--recipients", str(cfg), "--state-db",
             f"sqlite:///{db}", "--date", DAY.isoformat(), "--smtp-host", "127.0.0.1",
             "--smtp-port", str(port)],
            capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2], check=False,
        )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["ok 张队长 dingtalk 2 alert(s), 1 attempt(s)",
                                        "ok 张队长 email 2 alert(s), 1 attempt(s)"]
    assert len(robot.received) == 1 and len(inbox.messages) == 1
