"""Alert evaluation on the seeded demo store: the planted anomalies raise exactly the expected
alerts (checked against pandas on the contract files), and a re-run stores nothing new."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from alerts.evaluate import run
from alerts.rules import load_rules
from data.demo import planted_anomalies
from data.scope import Scope
from data.state import state_engine
from data.state_alerts import list_alerts, open_red_count, set_state
from data.store import reader_engine
from tests.alerts import oracle
from tests.conftest import DEMO_END

AS_OF = dt.date(*DEMO_END)
PLANTED = planted_anomalies(12, AS_OF)


@pytest.fixture(scope="module")
def files(demo_store_url) -> Path:
    """The contract files the shared demo store was imported from."""
    return Path(demo_store_url.removeprefix("duckdb:///")).parent / "files"


@pytest.fixture(scope="module")
def evaluated(demo_store_url, tmp_path_factory):
    """(state engine, alerts stored by the first run, alerts stored by a second run)."""
    state = state_engine(f"sqlite:///{tmp_path_factory.mktemp('alerts') / 'state.sqlite'}")
    facts = reader_engine(demo_store_url)
    first = run(facts, state, AS_OF)
    second = run(facts, state, AS_OF)
    return state, first, second


def _by_rule(alerts, rule_id: str) -> dict[str, object]:
    return {a.entity_id: a for a in alerts if a.rule_id == rule_id}


def test_volume_drop_is_the_planted_station_only(evaluated, files):
    df = oracle.fuel(files)
    stations = pd.read_parquet(files / "stations.parquet")
    day_before = AS_OF - dt.timedelta(days=1)
    expected = oracle.drop_stations(df, stations, AS_OF)
    assert expected == {PLANTED["drop_station"]}
    assert not oracle.drop_stations(df, stations, day_before) & expected
    got = _by_rule(evaluated[1], "station_volume_drop")
    assert set(got) == expected
    assert got["S003"].key == f"station_volume_drop:station:S003:{AS_OF.isoformat()}"


def test_abnormal_discount_is_the_planted_station(evaluated, files):
    share = oracle.abnormal_share(oracle.fuel(files), AS_OF.replace(day=1), AS_OF)
    red = {s for s, v in share.items() if v > 0.03}  # the indicator's yellow limit is 3 %
    assert red == {PLANTED["discount_station"]}
    got = _by_rule(evaluated[1], "abnormal_discount")
    assert set(got) == red
    assert got["S004"].value == pytest.approx(share["S004"], abs=1e-9)
    assert set(_by_rule(evaluated[1], "discount_rate_limit")) == {s for s, v in share.items() if v > 0.05}


def test_key_customer_churn_is_the_planted_fleet(evaluated, files):
    months = ["2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]
    risk = oracle.churn_at_risk(oracle.fuel(files), files, months, AS_OF.day / 30)
    rule = next(r for r in load_rules() if r.id == "key_customer_churn")
    expected = {c for (_s, c), v in risk.items() if v >= rule.min_at_risk}
    assert expected == {PLANTED["key_fleet_customer"]}
    got = _by_rule(evaluated[1], "key_customer_churn")
    assert set(got) == expected
    alert = got["C0000001"]
    assert (alert.station_id, alert.entity_level) == (PLANTED["key_fleet_station"], "customer")
    assert "diamond" in alert.message_zh


def test_no_rank_drop_for_a_citys_only_team(evaluated, files):
    # The rule itself is checked against the oracle on a 3-teams-a-city demo (test_rank_drop.py);
    # here only what holds for any layout: a city's only team is always first, never dropped.
    stations = pd.read_parquet(files / "stations.parquet")
    teams = stations.groupby("city_id")["team_id"].nunique()
    alone = set(stations.loc[stations["city_id"].isin(teams[teams == 1].index), "team_id"])
    assert not set(_by_rule(evaluated[1], "team_rank_drop")) & alone


def test_rerun_adds_nothing_and_every_alert_is_stored_once(evaluated):
    state, first, second = evaluated
    assert len(first) == 4 and second == []
    stored = list_alerts(state, Scope.everything())
    assert sorted(a.key for a in stored) == sorted(a.key for a in first)
    assert all(a.state == "open" for a in stored)


def test_scope_and_state_changes(evaluated):
    state = evaluated[0]
    s003 = Scope.parse("station:S003")
    assert [a.entity_id for a in list_alerts(state, s003)] == ["S003"]
    assert list_alerts(state, Scope.nothing()) == []
    assert open_red_count(state, Scope.everything()) == 3
    s004_red = next(a for a in list_alerts(state, Scope.parse("station:S004"), severity="red"))
    assert not set_state(state, s004_red.alert_id, "acknowledged", "wang", s003)  # out of scope
    assert set_state(state, s004_red.alert_id, "acknowledged", "wang", Scope.parse("station:S004"))
    after = next(a for a in list_alerts(state, Scope.everything()) if a.alert_id == s004_red.alert_id)
    assert (after.state, after.acknowledged_by) == ("acknowledged", "wang")
    assert after.acknowledged_at is not None
    assert open_red_count(state, Scope.everything()) == 2
    assert set_state(state, s004_red.alert_id, "resolved", "li", Scope.everything())
    assert [a.state for a in list_alerts(state, Scope.everything(), state="resolved")] == ["resolved"]


def test_command_line_run_twice(demo_store_url, tmp_path):
    import subprocess
    import sys

    args = [sys.executable, "-m", "alerts", "run", "--db", demo_store_url,
            "--state-db", f"sqlite:///{tmp_path / 'cli.sqlite'}", "--as-of", AS_OF.isoformat()]
    root = Path(__file__).resolve().parents[2]
    first = subprocess.run(args, capture_output=True, text=True, cwd=root, check=False)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip().splitlines()[-1] == f"4 new alert(s) for {AS_OF.isoformat()}"
    assert "station_volume_drop:station:S003:2026-11-20" in first.stdout
    again = subprocess.run(args, capture_output=True, text=True, cwd=root, check=False)
    assert again.stdout.strip().splitlines()[-1] == f"0 new alert(s) for {AS_OF.isoformat()}"
    bad = subprocess.run(args[:-1] + ["2026-13-01"], capture_output=True, text=True, cwd=root,
                         check=False)  # fmt: skip
    assert bad.returncode == 2 and "bad --as-of" in bad.stderr
