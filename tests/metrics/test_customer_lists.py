"""customer_list against hand-worked lists, a pandas oracle and the status provider's counts.

Data and oracle: tests/metrics/test_customer_lists_data.py (T1 = S1 + S2, S2 opened mid-year).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from data.scope import Scope
from metrics.customer_lists import KINDS, customer_list, customer_lists, list_sizes
from metrics.special.customers import STATUS
from tests.metrics.special_fixture import run, store, win
from tests.metrics.test_customer_lists_data import TABLES, oracle

OCT = win("2026-10")
OCT_15 = win("2026-10", date(2026, 10, 15))
T1 = {"S1", "S2"}


@pytest.fixture(scope="module", params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request, tmp_path_factory):
    """The hand-built store on each backend."""
    pg = request.getfixturevalue("pg_url") if request.param == "postgres" else None
    with store(request.param, tmp_path_factory.mktemp("lists"), pg, TABLES) as eng:
        yield eng


def ids(engine, kind: str, w=OCT, level: str = "team", entity: str = "T1", scope=None) -> list[str]:
    rows = customer_list(engine, level, entity, w, scope or Scope.everything(), kind, details=False)
    return [r.customer_id for r in rows]


def test_hand_worked_lists_team_october(engine) -> None:
    assert set(ids(engine, "warning")) == {"a1", "a2", "a4", "a7", "a8"}
    assert ids(engine, "serious") == ["a1"]
    assert ids(engine, "escalated") == ["a1"]
    assert ids(engine, "lost") == ["a5"]
    assert ids(engine, "dormant") == ["a6"]
    assert ids(engine, "today") == ["a3"]  # the window's last day, Oct 31
    # at risk (liters): a8 2000−500, a2 2000−1000, a4 1000−0, a1 866.7−300, a7 1000−500
    assert ids(engine, "watch") == ["a8", "a2", "a4", "a1", "a7"]
    assert ids(engine, "month") == ["a10", "a3", "a2", "a7", "a8", "a1"]  # liters in Oct, ties by id


@pytest.mark.parametrize("w", [OCT, OCT_15], ids=["whole", "to-date"])
@pytest.mark.parametrize("level,entity,stations", [
    ("team", "T1", T1), ("team", "T2", {"S3"}), ("station", "S2", {"S2"}),
    ("city", "C1", {"S1", "S2", "S3"}), ("province", "P1", {"S1", "S2", "S3", "S4"}),
])  # fmt: skip
def test_lists_match_pandas_oracle(engine, w, level, entity, stations) -> None:
    want = oracle(stations, w.end)
    for kind in ("active", "lost", "dormant", "warning", "serious", "escalated", "month"):
        assert set(ids(engine, kind, w, level, entity)) == want[kind], kind


@pytest.mark.parametrize("w", [OCT, OCT_15], ids=["whole", "to-date"])
def test_list_lengths_equal_provider_counts(engine, w) -> None:
    counts = run(engine, STATUS, "team", ["T1", "T2", "T3"], w)
    pairs = {"warning": "warning", "serious": "serious_warning", "escalated": "escalated",
             "lost": "lost", "dormant": "dormant", "active": "active"}  # fmt: skip
    for team, got in counts.items():
        sizes = list_sizes(engine, "team", team, w, Scope.everything())
        for kind, output in pairs.items():
            assert len(ids(engine, kind, w, "team", team)) == got[output], (team, kind)
            assert sizes[kind] == got[output], (team, kind)


def test_month_to_date(engine) -> None:
    # as of Oct 15 (p = 15/31): a10's 1040 < 0.7·3100·15/31 = 1050 → warning; a8 has 0 so far;
    # no longer warnings: a1 300 ≥ 0.7·866.7·15/31 = 293.5, a2 1000 ≥ 677.4, a7 500 ≥ 338.7;
    # today = Oct 15: a2
    assert set(ids(engine, "warning", OCT_15)) == {"a4", "a8", "a10"}
    assert ids(engine, "today", OCT_15) == ["a2"]
    row = next(r for r in customer_list(engine, "team", "T1", OCT_15, Scope.everything(), "warning")
               if r.customer_id == "a10")  # fmt: skip
    assert row.progress == pytest.approx(15 / 31)
    assert row.liters_month == 1040
    assert row.liters_at_risk == pytest.approx(3100 * 15 / 31 - 1040)


def test_row_details_history_and_move(engine) -> None:
    rows = {r.customer_id: r for r in customer_list(engine, "team", "T1", OCT, Scope.everything(), "warning")}
    a1 = rows["a1"]
    assert [p.month for p in a1.history][0] == date(2025, 10, 1) and len(a1.history) == 13
    assert [p.liters for p in a1.history[-5:]] == [1000, 1000, 1000, 600, 300]
    assert a1.tonnes_month == pytest.approx(0.225) and a1.tonnes_avg3 == pytest.approx(0.65)
    assert a1.change == pytest.approx(300 / (2600 / 3) - 1)
    assert (a1.name, a1.phone, a1.grade, a1.manager_id) == ("张三丰", "13800001111", "gold", "m1")
    assert a1.escalated and a1.serious and a1.status == "active"
    assert a1.last_purchase.date() == date(2026, 10, 5)
    # a4 left T1 for S3 (team T2): an internal move, not a loss
    assert [(e.station_id, e.liters) for e in rows["a4"].elsewhere] == [("S3", 1000)]
    assert not rows["a2"].moved


def test_lists_without_moves_keep_rows_and_histories(engine) -> None:
    """moves=False (the org drill) drops only the purchases elsewhere."""
    kinds = ("active", "warning", "lost")
    full = customer_lists(engine, "team", "T1", OCT, Scope.everything(), kinds)
    lean = customer_lists(engine, "team", "T1", OCT, Scope.everything(), kinds, moves=False)
    assert {r.customer_id for r in full["warning"] if r.moved} == {"a4"}
    for kind in kinds:
        assert [replace(r, elsewhere=()) for r in full[kind]] == lean[kind]
    assert lean["warning"][0].history == full["warning"][0].history != ()


def test_move_to_a_station_outside_the_scope_is_shown_unnamed(engine) -> None:
    scope = Scope.parse("team:T1")
    rows = {r.customer_id: r for r in customer_list(engine, "team", "T1", OCT, scope, "warning")}
    assert [(e.station_id, e.station_name, e.liters) for e in rows["a4"].elsewhere] == [(None, None, 1000)]


def test_masking_without_pii_and_refusal_for_aggregates(engine) -> None:
    rows = customer_list(engine, "team", "T1", OCT, Scope.parse("team:T1"), "serious")
    assert (rows[0].name, rows[0].phone) == ("张**", "138****1111")
    with pytest.raises(PermissionError):
        customer_list(engine, "team", "T1", OCT, Scope(all_stations=True, aggregates_only=True))
    with pytest.raises(ValueError):
        customer_list(engine, "team", "T1", OCT, Scope.everything(), "bogus")


def test_scope_fails_closed(engine) -> None:
    for kind in KINDS:
        assert ids(engine, kind, scope=Scope.nothing()) == []
    # a team-T2 user asking for T1 sees nothing of it
    assert ids(engine, "warning", scope=Scope.parse("team:T2")) == []
    # a station grant inside T1 sees T1 measured on S2 only
    assert ids(engine, "warning", scope=Scope.parse("station:S2")) == ["a7"]
