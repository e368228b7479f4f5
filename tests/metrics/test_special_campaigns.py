"""campaigns.effect (difference in differences) against hand-worked numbers.

Campaign K1 runs Mar 11–20 2026 (D = 10 days, pre window Mar 1–10), cost 1000 yuan, at B1 (city
CB, team TC) and B4 (city CC, team TE): each member carries 1000 / 2 of the cost pro rata.
K2 (January) does not overlap March and must be ignored. G92: density 0.5, list 8 yuan/L,
purchase cost 6 yuan/L.

station  team  pre (Mar 1–10) /day          during (Mar 11–20) /day          role
B1       TC    1000 L, paid 8/L; NF 100     1500 L, paid 7.5/L; NF 200       member
B2       TC    2000 L; NF 100               2000 L; NF 110                   control
B3       TD    1000 L                       1300 L                           control
B4       TE    800 L                        1000 L                           member, no control
B5       TD    opened Mar 5, 5000 L/day: not a control (opened after the pre window began)

Control trend in CB: tonnes (2000+1300)/(2000+1000) = 1.1; gross profit 6600/6000 = 1.1;
non-fuel 110/100 = 1.1. B1: baseline 5 t × 1.1 = 5.5 t, incremental 7.5 − 5.5 = 2 t; gross
profit 22500 − 20000 × 1.1 = 500; cost 500 + extra discount 10 × 1500 × 0.5 = 8000; non-fuel
2000 − 1000 × 1.1 = 900 on a baseline of 1100. B4 (no control, factor 1): 5 − 4 = 1 t, gross
profit 20000 − 16000 = 4000, cost 500.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from data.scope import Scope
from metrics.special.campaigns import EFFECT
from tests.metrics.special_fixture import run, sale, station, store, win

OUTPUTS = EFFECT.outputs


def _days(first: int, last: int) -> list[date]:
    return [date(2026, 3, first) + timedelta(days=i) for i in range(last - first + 1)]


def _fuel() -> list[dict]:
    rows = [sale("B1", date(2026, 2, 28), 9999, price=8)]  # before the pre window
    plan = {  # station: (pre liters/day, during liters/day, during paid per liter)
        "B1": (1000, 1500, 7.5),
        "B2": (2000, 2000, 8.0),
        "B3": (1000, 1300, 8.0),
        "B4": (800, 1000, 8.0),
    }
    for sid, (pre, during, paid) in plan.items():
        rows += [sale(sid, d, pre, price=8) for d in _days(1, 10)]
        rows += [sale(sid, d, during, price=8, paid=during * paid) for d in _days(11, 20)]
    rows += [sale("B1", d, 1000, price=8) for d in _days(21, 31)]  # after the campaign
    rows += [sale("B5", d, 5000, price=8) for d in _days(5, 20)]
    return rows


def _nonfuel() -> list[dict]:
    rows = []
    for sid, pre, during in (("B1", 100, 200), ("B2", 100, 110)):
        for d in _days(1, 20):
            rev = pre if d.day <= 10 else during
            rows.append({
                "basket_id": f"{sid}-{d}", "line_no": 1, "ts": datetime(2026, 3, d.day, 12), "station_id": sid,
                "category": "beverage", "sku": "W1", "qty": 1.0, "revenue": float(rev),
                "cost": 50.0, "customer_id": None,
            })  # fmt: skip
    return rows


TABLES = {
    "products": [
        {"product_code": "G92", "product_name": "92#", "kind": "gasoline", "density_kg_per_l": 0.5}
    ],
    "purchase_costs": [
        {"month": date(2026, m, 1), "product_code": "G92", "cost_per_liter": 6.0} for m in (2, 3)
    ],
    "stations": [
        station("B1", "TC", "CB"),
        station("B2", "TC", "CB"),
        station("B3", "TD", "CB"),
        station("B4", "TE", "CC"),
        station("B5", "TD", "CB", opened=date(2026, 3, 5)),
    ],
    "campaigns": [
        {
            "campaign_id": "K1",
            "name": "三月加满送",
            "kind": "discount",
            "start_date": date(2026, 3, 11),
            "end_date": date(2026, 3, 20),
            "cost": 1000.0,
            "threshold_amount": None,
        },
        {
            "campaign_id": "K2",
            "name": "一月",
            "kind": "gift",
            "start_date": date(2026, 1, 1),
            "end_date": date(2026, 1, 10),
            "cost": 99999.0,
            "threshold_amount": None,
        },
    ],  # fmt: skip
    "campaign_stations": [
        {"campaign_id": "K1", "station_id": "B1"},
        {"campaign_id": "K1", "station_id": "B4"},
        {"campaign_id": "K2", "station_id": "B1"},
    ],
    "fuel_sales": _fuel(),
    "nonfuel_sales": _nonfuel(),
}


@pytest.fixture(
    scope="module", params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def engine(request, tmp_path_factory):
    """The hand-built campaign store on each backend."""
    pg = request.getfixturevalue("pg_url") if request.param == "postgres" else None
    with store(request.param, tmp_path_factory.mktemp("campaigns"), pg, TABLES) as eng:
        yield eng


def _expect(*values: float) -> dict:
    return {k: pytest.approx(v) for k, v in zip(OUTPUTS, values, strict=True)}


def test_effect_whole_month(engine) -> None:
    got = run(engine, EFFECT, "team", ["TC", "TD", "TE"], win("2026-03"))
    assert got["TC"] == _expect(2.0, 5.5, 500, 8000, 900, 1100)
    assert got["TE"] == _expect(1.0, 4.0, 4000, 500, 0, 0)
    assert got["TD"] == _expect(0, 0, 0, 0, 0, 0)  # controls only
    prov = run(engine, EFFECT, "province", ["P1"], win("2026-03"))["P1"]
    assert prov == _expect(3.0, 9.5, 4500, 8500, 900, 1100)


def test_effect_month_to_date(engine) -> None:
    # as of Mar 15: n = 5 campaign days; baseline = 5 × (pre / 10) × 1.1; cost 1000/2 × 5/10
    got = run(engine, EFFECT, "team", ["TC"], win("2026-03", date(2026, 3, 15)))["TC"]
    assert got == _expect(1.0, 2.75, 250, 250 + 5 * 750, 450, 550)


def test_effect_without_overlap_is_zero(engine) -> None:
    got = run(engine, EFFECT, "station", ["B1"], win("2026-02"))["B1"]
    assert got == _expect(0, 0, 0, 0, 0, 0)


def test_scope_limits_controls(engine) -> None:
    # a TC-only user cannot read B3 (team TD): B2 alone is the control, its trend is flat
    scoped = run(engine, EFFECT, "team", ["TC"], win("2026-03"), Scope(teams=frozenset({"TC"})))
    assert scoped["TC"] == _expect(2.5, 5.0, 2500, 8000, 900, 1100)
    assert run(engine, EFFECT, "team", ["TC"], win("2026-03"), Scope.nothing()) == {}
