"""daily.anomaly, daily.stockout and daily.nozzles against hand-worked station-days.

Window: 2026-03 as of 03-07 (Mar 1–7); the look-back starts Feb 1. Densities make tonnes exact
binary fractions: G92 0.625 (2000 L = 1.25 t; 1400 L = 0.875 t, exactly 70 %), D0 0.8.
- A1 (team TA, open since 2020): G92 2000 L every day Feb 1 .. Mar 8 on nozzle 1, except Mar 3
  1399 L (anomaly), Mar 4 1400 L (exactly 70 %: not one), Mar 6 nothing (anomaly and a
  stock-out); Mar 2 and Mar 7 are split 1000 + 1000 over nozzles 1 and 2; Mar 8 (after the
  as-of day) sells on nozzle 3 and must not count.
- A2 (team TA, opened Feb 20): G92 1000 L (nozzle 1) and D0 500 L (nozzle 2) daily, nothing on
  Mar 5: no day of the window has four prior weeks, and 13 prior days are too few for a stock-out.
- A3 (team TB): G92 1000 L daily (1.425 t with D0); D0 1000 L daily except Feb 10–14, Mar 4 and
  Mar 5. Mar 4: the prior 28 days (Feb 4..Mar 3) hold 23 D0 days (≥ 80 %: stock-out); Mar 5 has
  22 (no). Mar 4 and 5 weigh 0.625 t against a same-weekday mean of 4.9 / 4 t: both anomalies.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from data.scope import Scope
from metrics.special.daily import ANOMALY, NOZZLES, STOCKOUT
from tests.metrics.special_fixture import run, sale, station, store, win


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def _a1() -> list[dict]:
    rows = []
    for day in _days(date(2026, 2, 1), date(2026, 3, 8)):
        liters = {date(2026, 3, 3): 1399, date(2026, 3, 4): 1400}.get(day, 2000)
        if day == date(2026, 3, 6):
            continue
        if day in (date(2026, 3, 2), date(2026, 3, 7)):
            rows += [sale("A1", day, 1000, nozzle=1), sale("A1", day, 1000, nozzle=2, hour=11)]
        else:
            rows.append(sale("A1", day, liters, nozzle=3 if day.day == 8 else 1))
    return rows


def _a2() -> list[dict]:
    rows = []
    for day in _days(date(2026, 2, 20), date(2026, 3, 7)):
        if day != date(2026, 3, 5):
            rows += [sale("A2", day, 1000), sale("A2", day, 500, product="D0", nozzle=2)]
    return rows


def _a3() -> list[dict]:
    off = {date(2026, 2, d) for d in range(10, 15)} | {date(2026, 3, 4), date(2026, 3, 5)}
    rows = []
    for day in _days(date(2026, 2, 1), date(2026, 3, 7)):
        rows.append(sale("A3", day, 1000))
        if day not in off:
            rows.append(sale("A3", day, 1000, product="D0", nozzle=2))
    return rows


TABLES = {
    "products": [
        {"product_code": "G92", "product_name": "92#", "kind": "gasoline", "density_kg_per_l": 0.625},
        {"product_code": "D0", "product_name": "0#", "kind": "diesel", "density_kg_per_l": 0.8},
    ],
    "stations": [
        station("A1", "TA", "CA"),
        station("A2", "TA", "CA", opened=date(2026, 2, 20)),
        station("A3", "TB", "CA"),
    ],
    "fuel_sales": _a1() + _a2() + _a3(),
}
MAR_7 = win("2026-03", date(2026, 3, 7))


@pytest.fixture(
    scope="module", params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def engine(request, tmp_path_factory):
    """The hand-built station-day store on each backend."""
    pg = request.getfixturevalue("pg_url") if request.param == "postgres" else None
    with store(request.param, tmp_path_factory.mktemp("daily"), pg, TABLES) as eng:
        yield eng


def test_anomaly_days(engine) -> None:
    got = run(engine, ANOMALY, "station", ["A1", "A2", "A3"], MAR_7)
    assert got["A1"] == {"anomaly_days": 2, "station_days_with_history": 7}
    assert got["A2"] == {"anomaly_days": 0, "station_days_with_history": 0}
    assert got["A3"] == {"anomaly_days": 2, "station_days_with_history": 7}
    teams = run(engine, ANOMALY, "team", ["TA", "TB"], MAR_7)
    assert teams["TA"] == {"anomaly_days": 2, "station_days_with_history": 7}
    city = run(engine, ANOMALY, "city", ["CA"], MAR_7)["CA"]
    assert city == {"anomaly_days": 4, "station_days_with_history": 14}


def test_stockout_events(engine) -> None:
    got = run(engine, STOCKOUT, "station", ["A1", "A2", "A3"], MAR_7)
    assert {k: v["stockout_events"] for k, v in got.items()} == {"A1": 1, "A2": 0, "A3": 1}
    assert run(engine, STOCKOUT, "city", ["CA"], MAR_7)["CA"]["stockout_events"] == 2


def test_active_nozzle_days(engine) -> None:
    got = run(engine, NOZZLES, "station", ["A1", "A2", "A3"], MAR_7)
    # A1: nozzle 1 on 6 selling days + nozzle 2 on Mar 2 and 7; A2: 6 days × 2; A3: 7 + 5
    assert {k: v["active_nozzle_days"] for k, v in got.items()} == {"A1": 8, "A2": 12, "A3": 12}
    assert run(engine, NOZZLES, "team", ["TA"], MAR_7)["TA"]["active_nozzle_days"] == 20


def test_scope_limits_the_stations_read(engine) -> None:
    only_a2 = Scope(stations=frozenset({"A2"}))
    assert run(engine, ANOMALY, "team", ["TA"], MAR_7, only_a2)["TA"] == {
        "anomaly_days": 0,
        "station_days_with_history": 0,
    }
    assert run(engine, NOZZLES, "team", ["TA"], MAR_7, only_a2)["TA"]["active_nozzle_days"] == 12
    assert run(engine, STOCKOUT, "team", ["TA"], MAR_7, Scope.nothing()) == {}
