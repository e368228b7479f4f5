"""metrics.bands against a pandas computation over the same hand-built rows.

Stations: A1 and A2 in team T1 (city C1), A2 opened mid-March; A3 in team T2 (C1), outside a
team-T1 scope. Tickets pin the band edges (199.99 | 200.00, 219.99 | 220.00) and sit on both sides
of a month-to-date cut (Mar 15). Campaign K1 (threshold 220) runs at A1 in March; K2 (threshold
260) runs at A3 only and K3 (threshold 240) in January: neither applies to team T1 in March.
"""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from data.scope import Scope
from metrics.bands import campaign_thresholds, distribution, just_below, what_if
from metrics.periods import Level
from tests.metrics.special_fixture import sale, station, store, win


def _t(sid: str, day: int, paid: float, price: float = 8.0) -> dict:
    return sale(sid, date(2026, 3, day), paid / price, price=price, paid=paid)


FUEL = [
    _t("A1", 2, 199.99), _t("A1", 3, 200.00), _t("A1", 4, 219.99), _t("A1", 5, 220.00),
    _t("A1", 6, 205.0, 7.0), _t("A1", 7, 210.0), _t("A1", 8, 95.0), _t("A1", 9, 300.0),
    _t("A1", 20, 215.0), _t("A1", 21, 150.0), _t("A1", 31, 19.99),
    _t("A2", 16, 201.0), _t("A2", 17, 99.0, 7.5), _t("A2", 18, 440.0),
    _t("A3", 3, 210.0), _t("A3", 4, 205.0),
    sale("A1", date(2026, 2, 28), 25.0, price=8.0, paid=200.0),  # before the window
    sale("A1", date(2026, 4, 1), 25.0, price=8.0, paid=200.0),  # after it
]  # fmt: skip


def _campaign(cid: str, start: date, end: date, threshold: float) -> dict:
    return {"campaign_id": cid, "name": cid, "kind": "threshold", "start_date": start,
            "end_date": end, "cost": 100.0, "threshold_amount": threshold}  # fmt: skip


TABLES = {
    "stations": [station("A1", "T1", "C1"), station("A2", "T1", "C1", opened=date(2026, 3, 16)),
                 station("A3", "T2", "C1")],  # fmt: skip
    "campaigns": [_campaign("K1", date(2026, 3, 1), date(2026, 3, 31), 220.0),
                  _campaign("K2", date(2026, 3, 1), date(2026, 3, 31), 260.0),
                  _campaign("K3", date(2026, 1, 1), date(2026, 1, 31), 240.0),
                  {**_campaign("K4", date(2026, 3, 1), date(2026, 3, 31), 500.0), "kind": "recharge_bonus"},
                  _campaign("K5", date(2026, 3, 10), date(2026, 3, 12), 215.0)],  # fmt: skip
    "campaign_stations": [{"campaign_id": "K1", "station_id": "A1"},
                          {"campaign_id": "K2", "station_id": "A3"},
                          {"campaign_id": "K3", "station_id": "A1"},
                          {"campaign_id": "K4", "station_id": "A1"},
                          {"campaign_id": "K5", "station_id": "A1"}],  # fmt: skip
    "fuel_sales": FUEL,
}
TEAM_T1 = Scope(teams=frozenset({"T1"}))


@pytest.fixture(
    scope="module", params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def engine(request, tmp_path_factory):
    """The hand-built band store on each backend."""
    pg = request.getfixturevalue("pg_url") if request.param == "postgres" else None
    with store(request.param, tmp_path_factory.mktemp("bands"), pg, TABLES) as eng:
        yield eng


def _oracle(stations: set[str], first: date, last: date) -> pd.DataFrame:
    """Bands by pandas: band = floor(paid / 20) × 20, shares over the selected tickets."""
    df = pd.DataFrame(FUEL)
    df = df[df.station_id.isin(stations) & (df.ts.dt.date >= first) & (df.ts.dt.date <= last)]
    df = df.assign(lo=(df.paid_amount // 20) * 20)
    g = df.groupby("lo").agg(count=("txn_id", "size"), liters=("liters", "sum")).reset_index()
    g["share"] = g["count"] / g["count"].sum()
    g["cum_share"] = g["count"].cumsum() / g["count"].sum()
    return g


def _as_frame(dist) -> pd.DataFrame:
    return pd.DataFrame([{"lo": b.lo, "count": b.count, "liters": b.liters, "share": b.share,
                          "cum_share": b.cum_share} for b in dist.bands])  # fmt: skip


def test_band_edges_pinned(engine) -> None:
    dist = distribution(engine, TEAM_T1, Level.TEAM, "T1", win("2026-03"))
    assert dist.band(180).count == 1  # 199.99
    assert dist.band(200).count == 6  # 200.00, 219.99, 205, 210, 215, 201
    assert dist.band(220).count == 1  # 220.00
    assert dist.band(0).count == 1  # 19.99
    assert dist.count == 14


@pytest.mark.parametrize(("as_of", "last"), [(None, date(2026, 3, 31)),
                                             (date(2026, 3, 15), date(2026, 3, 15))])  # fmt: skip
def test_distribution_matches_pandas(engine, as_of, last) -> None:
    dist = distribution(engine, TEAM_T1, Level.TEAM, "T1", win("2026-03", as_of))
    expect = _oracle({"A1", "A2"}, date(2026, 3, 1), last)
    pd.testing.assert_frame_equal(_as_frame(dist), expect, check_dtype=False)


def test_scope_and_station_level(engine) -> None:
    # the city seen by a team-T1 user holds only T1's stations: A3 is never read
    city = distribution(engine, TEAM_T1, Level.CITY, "C1", win("2026-03"))
    assert city.count == 14
    everything = distribution(engine, Scope.everything(), Level.CITY, "C1", win("2026-03"))
    assert everything.count == 16
    # the station opened mid-month counts only its own days; nothing before it opened
    a2 = distribution(engine, TEAM_T1, Level.STATION, "A2", win("2026-03", date(2026, 3, 15)))
    assert a2.count == 0 and a2.bands == ()
    outside = distribution(engine, TEAM_T1, Level.TEAM, "T2", win("2026-03"))
    assert outside.count == 0


def test_thresholds_and_just_below(engine) -> None:
    w = win("2026-03")
    found = campaign_thresholds(engine, TEAM_T1, Level.TEAM, "T1", w)
    # K2 is at A3 only, K3 ran in January, K4's 500 is a card top-up, not a fuel ticket
    assert found == {"K1": 220.0, "K5": 215.0}
    assert campaign_thresholds(engine, Scope.everything(), Level.CITY, "C1", w) == {
        "K1": 220.0, "K2": 260.0, "K5": 215.0}  # fmt: skip
    dist = distribution(engine, TEAM_T1, Level.TEAM, "T1", w, list(found.values()))
    rows = just_below(dist, found)
    got = {r.threshold: (r.count, r.source) for r in rows}
    # [80,100): 95, 99; [180,200): 199.99; [200,220): six; [280,300): none
    # [195,215): 199.99, 200, 205, 210, 201 (not 215.00, not 219.99) — no band edge at 215
    assert got == {100.0: (2, "common"), 200.0: (1, "common"), 215.0: (5, "K5"),
                   220.0: (6, "K1"), 300.0: (0, "common")}  # fmt: skip
    assert rows[3].share == pytest.approx(6 / 14)
    with pytest.raises(ValueError):
        just_below(distribution(engine, TEAM_T1, Level.TEAM, "T1", w), found)


def test_what_if_matches_hand_formula(engine) -> None:
    dist = distribution(engine, TEAM_T1, Level.TEAM, "T1", win("2026-03"))
    res = what_if(dist, 200, 220, 0.5, 5.0)
    reach = [r for r in FUEL if r["station_id"] in ("A1", "A2") and r["ts"].month == 3
             and 200 <= r["paid_amount"] < 220]  # fmt: skip
    assert res.within_reach == len(reach) == 6
    liters = sum((220 - r["paid_amount"]) / r["list_price"] for r in reach)
    assert res.extra_liters == pytest.approx(0.5 * liters)
    assert res.extra_paid == pytest.approx(0.5 * sum(220 - r["paid_amount"] for r in reach))
    # qualifying ≥ 200: 6 in the band + 220, 300, 440 → 9; ≥ 220: 3, plus half of the 6
    assert res.qualifying_before == 9 and res.qualifying_after == pytest.approx(6.0)
    assert (res.cost_before, res.cost_after) == (45.0, pytest.approx(30.0))
    with pytest.raises(ValueError):
        what_if(dist, 200, 210, 0.5, 5.0)
    empty = what_if(dist, 300, 340, 1.0, 5.0)
    assert empty.within_reach == 0 and math.isclose(empty.extra_liters, 0.0)
