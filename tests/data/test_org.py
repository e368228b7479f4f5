"""data.org: entity lists for the pickers honour the scope; the latest data day."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import create_engine, insert

from data.org import Entity, find_entity, latest_day, list_entities
from data.schema import fuel_sales, metadata, stations
from data.scope import Scope


def _station(sid: str, team: str, city: str) -> dict[str, object]:
    return {
        "station_id": sid, "station_name": f"站{sid}", "team_id": team, "team_name": f"队{team}",
        "city_id": city, "city_name": f"市{city}", "province_id": "FJ", "province_name": "福建",
        "opened_on": date(2020, 1, 1), "location_type": "urban", "staff_count": 8,
        "store_area_m2": 50.0, "nozzle_count": 8,
    }


@pytest.fixture()
def engine(tmp_path):
    eng = create_engine(f"duckdb:///{tmp_path / 'org.duckdb'}")
    metadata.create_all(eng)
    with eng.begin() as conn:
        conn.execute(insert(stations), [
            _station("S1", "T1", "FZ"), _station("S2", "T1", "FZ"),
            _station("S3", "T2", "FZ"), _station("S4", "T3", "XM"),
        ])
    yield eng
    eng.dispose()


def test_everything_lists_all_levels_in_order(engine) -> None:
    got = [(e.level, e.id) for e in list_entities(engine, Scope.everything())]
    assert got == [
        ("province", "FJ"), ("city", "FZ"), ("city", "XM"), ("team", "T1"), ("team", "T2"),
        ("team", "T3"), ("station", "S1"), ("station", "S2"), ("station", "S3"), ("station", "S4"),
    ]
    team = find_entity(engine, Scope.everything(), "team", "T2")
    assert team == Entity("team", "T2", "队T2", province_id="FJ", city_id="FZ")


def test_team_scope_sees_its_team_and_stations_only(engine) -> None:
    got = [(e.level, e.id) for e in list_entities(engine, Scope.parse("team:T1"))]
    assert got == [("team", "T1"), ("station", "S1"), ("station", "S2")]


def test_city_scope_sees_city_teams_stations(engine) -> None:
    got = [(e.level, e.id) for e in list_entities(engine, Scope.parse("city:XM"))]
    assert got == [("city", "XM"), ("team", "T3"), ("station", "S4")]


def test_station_scope_sees_no_team(engine) -> None:
    scope = Scope.parse("station:S3")
    assert [(e.level, e.id) for e in list_entities(engine, scope)] == [("station", "S3")]
    assert find_entity(engine, scope, "team", "T2") is None


def test_empty_scope_and_unknown_ids(engine) -> None:
    assert list_entities(engine, Scope.nothing()) == []
    assert find_entity(engine, Scope.everything(), "team", "T99") is None
    assert find_entity(engine, Scope.everything(), "galaxy", "T1") is None
    assert find_entity(engine, Scope.everything(), "team", "' OR 1=1 --") is None


def test_latest_day(engine) -> None:
    assert latest_day(engine) is None
    with engine.begin() as conn:
        conn.execute(insert(fuel_sales), [
            {"txn_id": str(i), "ts": ts, "station_id": "S1", "nozzle_no": 1,
             "product_code": "G92", "liters": 40.0, "list_price": 7.5, "paid_amount": 300.0,
             "customer_id": None, "payment_method": "cash"}
            for i, ts in enumerate([datetime(2026, 10, 3, 23, 59), datetime(2026, 9, 30, 8)])
        ])
    assert latest_day(engine) == date(2026, 10, 3)
