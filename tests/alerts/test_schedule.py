"""The daily digest's scheduler: next-run times (Asia/Shanghai, a DST zone), a loop that
survives a failing run and logs each run, and real digest runs to aiosmtpd on loopback that
never send one day's digest twice."""

from __future__ import annotations

import email
import email.policy
import logging
import os
import subprocess
import sys
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from alerts.config import Delivery
from alerts.deliver import SmtpConfig
from alerts.recipients import Recipient
from alerts.schedule import DigestJob, next_run, parse_at, serve
from data.state import ensure_state_schema, state_engine
from data.state_alerts import NewAlert, delivery_log, store_alerts
from tests.alerts.receivers import smtp_server

SHANGHAI = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 10, 20)  # the last sale day of the status store (tests/conftest.py)
ROOT = Path(__file__).resolve().parents[2]


def _utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize("now, expected", [
    (_utc(2026, 11, 20, 23, 10), _utc(2026, 11, 20, 23, 30)),  # 07:10 in Shanghai: today 07:30
    (_utc(2026, 11, 20, 23, 30), _utc(2026, 11, 21, 23, 30)),  # exactly 07:30: tomorrow's
    (_utc(2026, 11, 21, 0, 0), _utc(2026, 11, 21, 23, 30)),    # 08:00: tomorrow
    (_utc(2026, 12, 31, 23, 45), _utc(2027, 1, 1, 23, 30)),    # across the year end
])  # fmt: skip
def test_next_run_in_shanghai(now, expected):
    got = next_run(now, time(7, 30), SHANGHAI)
    assert got == expected and got.astimezone(SHANGHAI).strftime("%H:%M") == "07:30"


def test_next_run_across_daylight_saving():
    berlin = ZoneInfo("Europe/Berlin")
    # 2026-03-29: clocks jump 02:00 → 03:00. 07:30 CEST is 05:30 UTC (06:30 UTC the day before).
    assert next_run(_utc(2026, 3, 28, 12, 0), time(7, 30), berlin) == _utc(2026, 3, 29, 5, 30)
    assert next_run(_utc(2026, 3, 27, 12, 0), time(7, 30), berlin) == _utc(2026, 3, 28, 6, 30)
    # 02:30 does not exist that day: it runs at 03:30 CEST (01:30 UTC), late but not skipped
    assert next_run(_utc(2026, 3, 29, 0, 0), time(2, 30), berlin) == _utc(2026, 3, 29, 1, 30)
    with pytest.raises(ValueError):
        next_run(datetime(2026, 1, 1), time(7, 30), berlin)  # naive


def test_parse_at():
    assert parse_at("07:30") == time(7, 30) and parse_at(" 23:05") == time(23, 5)
    for bad in ("7", "24:00", "07:60", "seven"):
        with pytest.raises(ValueError, match="HH:MM"):
            parse_at(bad)


class Clock:
    """Time that moves only when the scheduler sleeps."""

    def __init__(self, start: datetime) -> None:
        self.t, self.naps = start, []

    def now(self) -> datetime:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.naps.append(seconds)
        self.t += timedelta(seconds=seconds)


def test_serve_survives_a_failing_run_and_logs_each(caplog):
    clock = Clock(_utc(2026, 11, 20, 22, 0))  # 06:00 in Shanghai
    ran: list[datetime] = []

    def job() -> None:
        ran.append(clock.now())
        if len(ran) == 1:
            raise RuntimeError("SMTP relay on fire")

    with caplog.at_level(logging.INFO, logger="alerts.schedule"):
        assert serve(job, time(7, 30), SHANGHAI, now=clock.now, sleep=clock.sleep, max_runs=3) == 3
    assert ran == [_utc(2026, 11, 20, 23, 30), _utc(2026, 11, 21, 23, 30), _utc(2026, 11, 22, 23, 30)]
    assert max(clock.naps) <= 300  # wakes up at least every five minutes
    failed = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(failed) == 1 and "SMTP relay on fire" in failed[0].exc_text
    assert sum("next digest at" in r.getMessage() for r in caplog.records) == 3


def _alert(station: str, team: str, name: str) -> NewAlert:
    return NewAlert(key=f"drop:station:{station}:{DAY}", rule_id="station_volume_drop",
                    severity="red", audience="station", entity_level="station",
                    entity_id=station, station_id=station, team_id=team, city_id="FZ",
                    period=DAY.isoformat(), as_of=DAY, value=None,
                    message_zh=f"{name}：销量骤降", message_en=f"{name}: volume drop")  # fmt: skip


@pytest.fixture
def state_url(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'state.sqlite'}"
    eng = state_engine(url)
    ensure_state_schema(eng)
    store_alerts(eng, [_alert("S001", "T01", "测试站1"), _alert("S777", "T09", "别队站")])
    return url


def test_a_real_digest_run_sends_once_per_day(status_store_url, state_url, caplog):
    people = (Recipient("张队长", "team", "team:T01", email="zhang@example.com"),)
    with smtp_server() as (port, inbox):
        job = DigestJob(status_store_url, state_url,
                        Delivery(people, SmtpConfig("127.0.0.1", port)), backoff=0.01)
        with caplog.at_level(logging.INFO, logger="alerts.schedule"):
            first = job()
            second = job()  # same day again (a restart): already delivered, nothing sent
    assert [(o.recipient, o.ok, o.alert_count) for o in first] == [("张队长", True, 1)]
    assert second == [] and len(inbox.messages) == 1
    mail = email.message_from_bytes(inbox.messages[0][1], policy=email.policy.default)
    assert mail["Subject"] == f"预警日报 {DAY} · 张队长"
    assert "测试站1" in mail.get_content() and "别队站" not in mail.get_content()
    assert [(e["ok"], e["detail"]) for e in delivery_log(state_engine(state_url))] == [(True, "digest")]
    assert any(f"digest {DAY}: 1 sent, 0 failed" in r.getMessage() for r in caplog.records)


def test_command_line_once(status_store_url, state_url, tmp_path):
    cfg = tmp_path / "people.yaml"
    cfg.write_text("recipients:\n  - {name: 张队长, role: team, scope: 'team:T01', "
                   "email: zhang@example.com}\n", encoding="utf-8")  # fmt: skip
    args = [sys.executable, "-m", "alerts", "schedule", "--once", "--db", status_store_url,
            "--state-db", state_url, "--recipients", str(cfg)]
    with smtp_server() as (port, inbox):
        env = {**os.environ, "AMOEBA_SMTP_HOST": "127.0.0.1", "AMOEBA_SMTP_PORT": str(port)}
        done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert len(inbox.messages) == 1
    assert f"digest {DAY} to 张队长 by email: sent, 1 alert(s), 1 attempt(s)" in done.stderr
    bad = subprocess.run([*args[:-2], "--at", "25:00"], cwd=ROOT, capture_output=True, text=True,
                         timeout=60)  # fmt: skip
    assert bad.returncode == 2 and "HH:MM" in bad.stderr


def test_digest_job_can_evaluate_first(status_store_url, state_url, caplog):
    """With `evaluate`, a run stores the day's alerts before sending (idempotent: the second
    run finds nothing new)."""
    job = DigestJob(status_store_url, state_url, Delivery((), SmtpConfig()), evaluate=True)
    with caplog.at_level(logging.INFO, logger="alerts.schedule"):
        assert job() == [] and job() == []  # nobody to tell
    runs = [r.getMessage() for r in caplog.records if "new alert(s) for" in r.getMessage()]
    assert len(runs) == 2 and runs[1] == f"digest: 0 new alert(s) for {DAY}"
