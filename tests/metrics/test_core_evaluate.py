"""evaluate() on a tiny hand-made store, DuckDB and PostgreSQL: hand-computed answers."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from data.scope import Scope
from metrics.evaluator import evaluate
from metrics.explain import explain
from metrics.periods import Level, Period
from metrics.registry import get_registry
from metrics.request import BatchRequest, EntityError, ScopeError
from tests.metrics.core_tiny_store import build

EXAMPLES = str(Path(__file__).resolve().parent / "examples" / "basic")
T1 = (Level.TEAM, "T1")
OCT = Period.parse("2026-10")
AS_OF = date(2026, 10, 15)
P = 15 / 31  # time progress of 1–15 October


@pytest.fixture(scope="module", params=["duckdb", "postgres"])
def engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    if request.param == "duckdb":
        eng = create_engine(f"duckdb:///{tmp_path_factory.mktemp('tiny') / 't.duckdb'}")
        yield build(eng)
        eng.dispose()
        return
    server = request.getfixturevalue("pg_url")
    name = f"amoeba_core_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    eng = create_engine(make_url(server).set(database=name))
    try:
        yield build(eng)
    finally:
        eng.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def run(engine: Engine, *entities, period=OCT, as_of=AS_OF, scope=None, inds=None, **kw):
    req = BatchRequest(entities=tuple(entities), period=period, as_of=as_of,
                       scope=scope or Scope.everything(), indicators=inds, **kw)
    return evaluate(engine, req, get_registry(EXAMPLES))


def test_team_month_to_date_by_hand(engine: Engine) -> None:
    res = run(engine, T1)
    v = {r.indicator: r.value for r in res.for_entity(T1)}
    # f1 100 L G92 (0.75), f2 200 L D0 (0.85), f3 40 L G92 at S2, f10 0.001 L at 23:59:59 on the 15th
    tonnes = (100 * 0.75 + 200 * 0.85 + 40 * 0.75 + 0.001 * 0.75) / 1000
    assert v["fuel_volume_t"] == pytest.approx(tonnes)
    assert v["gasoline_volume_t"] == pytest.approx(140.001 * 0.75 / 1000)
    assert v["fuel_revenue"] == pytest.approx(2500)
    assert v["price_realization_rate"] == pytest.approx(2500 / 2520.008)
    assert v["fuel_gross_profit"] == pytest.approx(2500 - (600 + 1000 + 240 + 0.006))
    assert v["avg_fuel_ticket"] == pytest.approx(625)
    assert v["buying_customers"] == 2
    assert v["member_volume_share"] == pytest.approx(0.105 / tonnes)
    assert v["nonfuel_revenue"] == pytest.approx(170) and v["nonfuel_gross_profit"] == pytest.approx(55)
    assert v["recharge_amount"] == pytest.approx(1000)
    assert v["expenses"] == pytest.approx(4030 * P)  # October pro rata
    assert v["labour_share"] == pytest.approx(3410 / 4030)
    assert v["operating_profit"] == pytest.approx(659.994 + 55 - 4030 * P)
    assert v["volume_per_station_day"] == pytest.approx(tonnes / 20)  # S2 opened on the 11th
    assert v["fuel_volume_plan_completion"] == pytest.approx(tonnes / 0.6)
    assert v["ytd_volume_completion"] == pytest.approx((0.105 + tonnes) / 1.3)
    assert v["stations_on_track_share"] == 0.5  # S1 0.490 ≥ 0.484, S2 0.3 below
    assert v["fuel_volume_mom"] == pytest.approx(tonnes / 0.06 - 1)
    assert v["fuel_volume_yoy"] == pytest.approx(tonnes / 0.09 - 1)
    assert v["team_city_rank"] == 1


def test_comparisons_plan_rag_and_trend(engine: Engine) -> None:
    res = run(engine, T1, inds=("fuel_volume_t", "volume_per_station_day", "nonfuel_revenue"),
              trend_months=3)
    r = res.get("fuel_volume_t", T1)
    assert (r.mom_value, r.yoy_value, r.plan_value) == (pytest.approx(0.06), pytest.approx(0.09), pytest.approx(0.6))
    assert r.plan_completion == pytest.approx(r.value / 0.6)
    assert r.time_progress == pytest.approx(P)
    assert r.rag == "red"  # 45.8 % < 0.95 × 48.4 %
    assert r.rag_reason_zh == "完成率 45.8% < 时间进度 48.4% → 红"
    assert [m for m, _ in r.trend] == ["2026-08", "2026-09", "2026-10"]
    assert [x for _, x in r.trend] == [0.0, pytest.approx(0.105), pytest.approx(r.value)]
    bench = res.get("volume_per_station_day", T1)
    assert bench.rag == "green" and "137.5%" in bench.rag_reason_zh  # city C1: 0.35000075 t / 35 days
    assert res.get("nonfuel_revenue", T1).rag == "grey"  # no plan rows → grey, with reason
    assert "无计划" in res.get("nonfuel_revenue", T1).rag_reason_zh


def test_other_levels_and_periods(engine: Engine) -> None:
    s2, prov = (Level.STATION, "S2"), (Level.PROVINCE, "P1")
    res = run(engine, s2, prov, inds=("fuel_volume_t", "volume_per_station_day"))
    assert res.get("fuel_volume_t", s2).value == pytest.approx(0.03)
    assert res.get("volume_per_station_day", s2).value == pytest.approx(0.03 / 5)
    meta = run(engine, s2, inds=("green_indicator_share",)).get("green_indicator_share", s2)
    assert meta.value is None and meta.rag == "grey" and meta.null_reason == "not_applicable"
    assert res.get("fuel_volume_t", prov).value == pytest.approx(0.27500075 + 0.075 + 0.375)
    sep = run(engine, T1, period=Period.parse("2026-09"), as_of=None, inds=("fuel_volume_t", "expenses"))
    assert sep.get("fuel_volume_t", T1).value == pytest.approx(0.105)
    assert sep.get("expenses", T1).value == pytest.approx(3000) and sep.time_progress == 1
    q4 = run(engine, T1, period=Period.parse("2026-Q4"), inds=("fuel_volume_mom",))
    r = q4.get("fuel_volume_mom", T1)  # Q3 to date (1–15 July) sold nothing: no growth
    assert r.value is None and r.rag == "grey" and r.null_reason == "zero_division"


def test_empty_entity_sums_are_zero(engine: Engine) -> None:
    res = run(engine, (Level.TEAM, "T3"), inds=("nonfuel_revenue", "avg_fuel_ticket", "recharge_amount"))
    assert res.get("nonfuel_revenue", (Level.TEAM, "T3")).value == 0.0
    assert res.get("recharge_amount", (Level.TEAM, "T3")).value == 0.0
    assert res.get("avg_fuel_ticket", (Level.TEAM, "T3")).value == pytest.approx(4000)


def test_scope_fails_closed(engine: Engine) -> None:
    with pytest.raises(ScopeError):
        run(engine, T1, scope=Scope.nothing())
    with pytest.raises(ScopeError):
        run(engine, T1, scope=Scope(teams=frozenset({"T2"})))
    with pytest.raises(ScopeError):  # a station manager may not see the whole team
        run(engine, T1, scope=Scope(stations=frozenset({"S1"})))
    with pytest.raises(EntityError):
        run(engine, (Level.TEAM, "T1' OR '1'='1"))
    only_t1 = run(engine, T1, scope=Scope(teams=frozenset({"T1"})),
                  inds=("volume_per_station_day", "team_city_rank"))
    # the city benchmark and the city rank need the whole city: grey, never leaked
    assert only_t1.get("volume_per_station_day", T1).rag == "grey"
    assert only_t1.get("team_city_rank", T1).value is None
    station = run(engine, (Level.STATION, "S1"), scope=Scope(teams=frozenset({"T1"})),
                  inds=("fuel_volume_t",))
    assert station.get("fuel_volume_t", (Level.STATION, "S1")).value == pytest.approx(0.24500075)


def test_explain_substitutes_down_to_base_measures(engine: Engine) -> None:
    e = explain(engine, "operating_profit", T1, OCT, AS_OF, Scope.everything(), get_registry(EXAMPLES))
    assert e.value == pytest.approx(659.994 + 55 - 4030 * P)
    assert e.filters_zh == "团队 = T1，2026-10-01 至 2026-10-15"
    assert [s.indicator for s in e.steps] == [
        "operating_profit", "fuel_gross_profit", "nonfuel_gross_profit", "expenses"]
    assert e.steps[0].substituted == "659.99 + 55 - 1,950"
    assert {m.measure for m in e.measures} == {"fuel_gp", "nonfuel_gp", "expense_sum"}
    sql = e.measures[0].rows_sql or ""
    assert "T1" not in sql and "2026" not in sql  # values are bound parameters
    with engine.connect() as conn:
        rows = conn.execute(e.rows_behind).all()
    assert sorted(r.txn_id for r in rows) == ["f1", "f10", "f2", "f3"]
