"""metrics.campaigns (per campaign, per station) against the hand-worked numbers of
tests/metrics/test_special_campaigns.py and against the provider's entity totals.

B1 (city CB, controls B2, B3; B5 opened after the pre window began) and B4 (city CC, no control)
run K1 in March 2026: B1 +2 t on a 5.5 t baseline, gross profit +500, cost share 500; B4 +1 t on
4 t, gross profit +4000, cost share 500, no control.
"""

from __future__ import annotations

from datetime import date

import pytest

from data.scope import Scope
from metrics.campaigns import campaign_effects
from metrics.periods import Level
from metrics.special.campaigns import EFFECT
from tests.metrics.special_fixture import run, store, win
from tests.metrics.test_special_campaigns import TABLES


@pytest.fixture(
    scope="module", params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def engine(request, tmp_path_factory):
    """The hand-built campaign store of the provider's tests, on each backend."""
    pg = request.getfixturevalue("pg_url") if request.param == "postgres" else None
    with store(request.param, tmp_path_factory.mktemp("camp_views"), pg, TABLES) as eng:
        yield eng


def test_per_station_by_hand(engine) -> None:
    got = campaign_effects(engine, Scope.everything(), Level.PROVINCE, "P1", win("2026-03"))
    assert [c.campaign_id for c in got] == ["K1"]  # K2 ran in January
    k1 = {s.station_id: s for s in got[0].stations}
    assert set(k1) == {"B1", "B4"}
    b1, b4 = k1["B1"], k1["B4"]
    assert (b1.incremental_tonnes, b1.baseline_tonnes) == (pytest.approx(2.0), pytest.approx(5.5))
    assert b1.incremental_gross_profit == pytest.approx(500) and b1.cost_share == pytest.approx(500)
    assert b1.extra_discount == pytest.approx(7500) and b1.has_control
    assert b1.net_profit == pytest.approx(0)
    assert b1.incremental_nonfuel_revenue == pytest.approx(900)
    assert (b4.incremental_tonnes, b4.incremental_gross_profit) == (pytest.approx(1.0), pytest.approx(4000))
    assert not b4.has_control and b4.net_profit == pytest.approx(3500)
    assert got[0].total("net_profit") == pytest.approx(3500)
    # controls B2 + B3: pre 3000 L/day × 10 × 0.5 kg/L = 15 t, during 3300 → 16.5 t
    assert (got[0].control_tonnes_pre, got[0].control_tonnes_during) == (15.0, 16.5)
    assert (got[0].n_days, got[0].total_days) == (10, 10)


@pytest.mark.parametrize(("level", "ids", "as_of"), [
    ("province", ["P1"], None), ("team", ["TC", "TD", "TE"], None),
    ("team", ["TC"], date(2026, 3, 15)), ("city", ["CB", "CC"], None),
])  # fmt: skip
def test_agrees_with_provider_totals(engine, level, ids, as_of) -> None:
    w = win("2026-03", as_of)
    totals = run(engine, EFFECT, level, ids, w)
    for ident in ids:
        views = campaign_effects(engine, Scope.everything(), Level(level), ident, w)
        mine = {
            "incremental_tonnes": sum(c.total("incremental_tonnes") for c in views),
            "baseline_tonnes": sum(c.total("baseline_tonnes") for c in views),
            "incremental_gross_profit": sum(c.total("incremental_gross_profit") for c in views),
            "incremental_cost": sum(c.total("cost_share") + c.total("extra_discount") for c in views),
            "incremental_nonfuel_revenue": sum(c.total("incremental_nonfuel_revenue") for c in views),
        }
        assert mine == {k: pytest.approx(totals[ident][k]) for k in mine}


def test_scope_limits_stations_and_controls(engine) -> None:
    # a caller who sees only team TC: B1 is visible, its controls are B2 only (B3 is team TD)
    tc = Scope(teams=frozenset({"TC"}))
    got = campaign_effects(engine, tc, Level.TEAM, "TC", win("2026-03"))
    (b1,) = got[0].stations
    # control trend from B2 alone: 2000/2000 = 1 → baseline 5 t, +2.5 t
    assert b1.baseline_tonnes == pytest.approx(5.0) and b1.incremental_tonnes == pytest.approx(2.5)
    assert campaign_effects(engine, tc, Level.TEAM, "TE", win("2026-03")) == []


def _extra() -> dict:
    """The provider's store plus member customers: U1 rises at B1, U2 falls at B1, U3 buys only
    at the control B2, U4 is new at B4 during the campaign."""
    from tests.metrics.special_fixture import customer, sale

    extra = [sale("B1", date(2026, 3, 2), 20, cust="U1", price=8),
             sale("B1", date(2026, 3, 12), 20, cust="U1", price=8),
             sale("B1", date(2026, 3, 14), 20, cust="U1", price=8),
             sale("B1", date(2026, 3, 3), 30, cust="U2", price=8),
             sale("B1", date(2026, 3, 4), 30, cust="U2", price=8),
             sale("B1", date(2026, 3, 15), 10, cust="U2", price=8),
             sale("B2", date(2026, 3, 15), 50, cust="U3", price=8),
             sale("B4", date(2026, 3, 13), 5, cust="U4", price=8)]  # fmt: skip
    people = [{**customer(c, home), "name": n} for c, home, n in
              (("U1", "B1", "张三丰"), ("U2", "B1", "李四"), ("U3", "B2", "王五"), ("U4", "B4", "赵六"))]  # fmt: skip
    return {**TABLES, "fuel_sales": [*TABLES["fuel_sales"], *extra], "customers": people}


@pytest.fixture(
    scope="module", params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def people_engine(request, tmp_path_factory):
    """The store with member customers, on each backend."""
    pg = request.getfixturevalue("pg_url") if request.param == "postgres" else None
    with store(request.param, tmp_path_factory.mktemp("camp_people"), pg, _extra()) as eng:
        yield eng


def test_tickets_and_responders(people_engine) -> None:
    from metrics.campaign_customers import responders, station_tickets

    w = win("2026-03")
    tickets = station_tickets(people_engine, Scope.everything(), Level.PROVINCE, "P1", w)
    # B1: pre 10 daily + U1 + 2×U2 = 13, during 10 + 2×U1 + U2 = 13; B4: 10 → 11 (+0.1/day)
    assert tickets[("K1", "B1")] == (13, 13, pytest.approx(0.0))
    assert tickets[("K1", "B4")] == (11, 10, pytest.approx(0.1))
    assert set(tickets) == {("K1", "B1"), ("K1", "B4")}  # controls are not members
    got = responders(people_engine, Scope.everything(), Level.PROVINCE, "P1", w)
    # U1: 40/10 − 20/10 = 2 L/day; U4: 5/10 − 0 = 0.5; U2 fell; U3 bought at a control only
    assert [(r.customer_id, r.name, r.liters_during, r.liters_pre) for r in got] == [
        ("U1", "张三丰", 40.0, 20.0), ("U4", "赵六", 5.0, 0.0)]  # fmt: skip
    masked = responders(people_engine, Scope(cities=frozenset({"CB", "CC"})), Level.PROVINCE, "P1", w)
    assert [r.name for r in masked] == ["张**", "赵**"]
    agg = Scope(cities=frozenset({"CB", "CC"}), aggregates_only=True)
    assert responders(people_engine, agg, Level.PROVINCE, "P1", w) == []
