"""The alerts' state store on SQLite and on the real PostgreSQL server: stored once (also when
two runs race), scope filters, state changes with who/when, the delivery log; and the whole
evaluation on PostgreSQL with facts and state in one database (design.md allows it)."""

from __future__ import annotations

import os
import threading
from datetime import date

import pandas as pd
import pytest

from alerts.evaluate import run
from data.scope import Scope
from data.state import ensure_state_schema, state_engine
from data.state_alerts import (
    NewAlert,
    delivered,
    delivery_log,
    list_alerts,
    log_delivery,
    open_red_count,
    set_state,
    store_alerts,
)  # fmt: skip
from data.store import reader_engine
from tests.metrics.fixture import DATA, build_store, postgres_database

DAY = date(2026, 10, 22)


@pytest.fixture(params=["sqlite", "postgres"])
def state(request, tmp_path):
    if request.param == "sqlite":
        yield state_engine(f"sqlite:///{tmp_path / 'state.sqlite'}")
        return
    pg = request.getfixturevalue("pg_url")
    with postgres_database(pg, f"alerts_state_{os.getpid()}_{request.node.name[-12:-1]}") as url:
        eng = state_engine(url)
        yield eng
        eng.dispose()


def _alert(i: int, station: str, team: str, city: str, sev: str = "red") -> NewAlert:
    return NewAlert(key=f"r{i}:station:{station}:{DAY}", rule_id=f"r{i}", severity=sev,
                    audience="team", entity_level="station", entity_id=station,
                    station_id=station, team_id=team, city_id=city, period=DAY.isoformat(),
                    as_of=DAY, value=0.5 + i, message_zh=f"{station} 预警 {i}",
                    message_en=f"{station} alert {i}")  # fmt: skip


FOUND = [_alert(1, "S01", "T1", "C1"), _alert(2, "S01", "T1", "C1", "yellow"),
         _alert(3, "S04", "T2", "C1"), _alert(4, "S06", "T3", "C2")]


def test_two_racing_runs_store_each_alert_once(state):
    ensure_state_schema(state)
    results: list[list[NewAlert]] = []
    start = threading.Barrier(2)

    def worker() -> None:
        start.wait()
        results.append(store_alerts(state, FOUND))

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    added = [a.key for r in results for a in r]
    assert sorted(added) == sorted(a.key for a in FOUND)  # each stored by exactly one run
    assert store_alerts(state, FOUND) == []
    assert len(list_alerts(state, Scope.everything())) == 4


def test_scope_filters_and_state_changes(state):
    ensure_state_schema(state)
    store_alerts(state, FOUND)
    assert {a.entity_id for a in list_alerts(state, Scope.parse("team:T1"))} == {"S01"}
    assert {a.entity_id for a in list_alerts(state, Scope.parse("city:C1"))} == {"S01", "S04"}
    assert list_alerts(state, Scope.nothing()) == []
    assert [a.rule_id for a in list_alerts(state, Scope.everything(), severity="yellow")] == ["r2"]
    assert [a.rule_id for a in list_alerts(state, Scope.everything(), keys=[FOUND[3].key])] == ["r4"]
    assert list_alerts(state, Scope.everything(), keys=[]) == []
    assert open_red_count(state, Scope.everything()) == 3
    assert open_red_count(state, Scope.parse("city:C2")) == 1
    s06 = list_alerts(state, Scope.parse("station:S06"))[0]
    assert not set_state(state, s06.alert_id, "acknowledged", "wang", Scope.parse("team:T1"))
    assert set_state(state, s06.alert_id, "acknowledged", "王站长", Scope.parse("city:C2"))
    assert set_state(state, s06.alert_id, "resolved", "李经理", Scope.everything())
    after = list_alerts(state, Scope.everything(), keys=[s06.key])[0]
    assert (after.state, after.acknowledged_by, after.resolved_by) == ("resolved", "王站长", "李经理")
    assert after.acknowledged_at is not None and after.resolved_at >= after.acknowledged_at
    assert after.value == pytest.approx(4.5) and after.as_of == DAY
    assert open_red_count(state, Scope.everything()) == 2
    with pytest.raises(ValueError):
        set_state(state, s06.alert_id, "open", "x", Scope.everything())


def test_delivery_log(state):
    ensure_state_schema(state)
    log_delivery(state, recipient="张队长", channel="email", digest_date=DAY, alert_count=2,
                 attempt=1, ok=False, detail="digest: ConnectionRefusedError: x" * 100)
    log_delivery(state, recipient="张队长", channel="email", digest_date=DAY, alert_count=2,
                 attempt=2, ok=True, detail="digest")  # fmt: skip
    log = delivery_log(state, "张队长")
    assert [(e["attempt"], e["ok"]) for e in log] == [(1, False), (2, True)]
    assert len(log[0]["detail"]) == 2000  # long errors are cut, not refused
    assert delivered(state, "张队长", "email", DAY, "digest")
    assert not delivered(state, "张队长", "email", DAY, "new")
    assert not delivered(state, "张队长", "wecom", DAY, "digest")


def _expected_discount_alerts() -> set[tuple[str, str]]:
    """pandas on the fixture CSVs: stations whose October-to-date share of sales discounted
    more than 8 % of the list amount is red (> 3 %) or above the rule's 5 %."""
    f = pd.read_csv(DATA / "fuel_sales.csv", parse_dates=["ts"])
    m = f[(f["ts"].dt.date >= date(2026, 10, 1)) & (f["ts"].dt.date <= DAY)]
    listed = m["liters"] * m["list_price"]
    share = ((listed - m["paid_amount"]) > 0.08 * listed).groupby(m["station_id"]).mean()
    return ({("abnormal_discount", s) for s in share[share > 0.03].index}
            | {("discount_rate_limit", s) for s in share[share > 0.05].index})


def test_evaluation_with_facts_and_state_in_one_postgres_database(pg_url):
    with postgres_database(pg_url, f"alerts_eval_{os.getpid()}") as url:
        build_store(url)
        facts, state = reader_engine(url), state_engine(url)
        first = run(facts, state, DAY)
        assert {(a.rule_id, a.entity_id) for a in first} == _expected_discount_alerts()
        assert run(facts, state, DAY) == []
        assert len(list_alerts(state, Scope.everything())) == len(first)
        facts.dispose()
        state.dispose()
