"""The drill and churn floors compute what the drill step and the churn worklist show.

On the seeded small demo store: the drill's three lists of a station (active, lost, dormant; 50
each, in order, with every card field, the 13-month trend and the purchases elsewhere) and a
team's whole churn worklist (in order, every field) equal the hand-written floors
(bench/floor_lists.py) row by row.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import duckdb
import pytest
from sqlalchemy import create_engine

from bench.cases import DRILL_LIMIT
from bench.floor_lists import churn, drill
from data.scope import Scope
from data.store import duckdb_path
from metrics.customer_lists import customer_list, customer_lists
from metrics.periods import Period, window

W = window(Period.parse("2026-11"), date(2026, 11, 15))
KINDS = ("active", "lost", "dormant")


def card(r) -> tuple:
    """The fields a list row shows, from the app's CustomerRow."""
    return (r.customer_id, r.name, r.phone, r.kind, r.grade, r.manager_id, r.home_station_id,
            r.status, r.warning, r.serious, r.escalated, r.bought_today, r.last_month,
            r.last_purchase, pytest.approx(r.liters_month), pytest.approx(r.liters_avg3))


def floor_card(r: tuple) -> tuple:
    return (*r[:8], bool(r[8]), bool(r[9]), bool(r[10]), bool(r[11]), r[12], r[13],
            float(r[14]), float(r[15]))


@pytest.fixture(scope="module")
def app_and_floor(demo_store_url):
    eng = create_engine(demo_store_url, connect_args={"read_only": True})
    lists = customer_lists(eng, "station", "S001", W, Scope.everything(), KINDS, DRILL_LIMIT)
    warnings = customer_list(eng, "team", "T01", W, Scope.everything(), "warning", details=False)
    eng.dispose()
    con = duckdb.connect(str(duckdb_path(demo_store_url)), read_only=True)
    rows, details = drill(con, "S001", W, DRILL_LIMIT)
    worklist = churn(con, "T01", W)
    con.close()
    return lists, warnings, rows, details, worklist


def test_drill_floor_lists_the_same_customers_in_the_same_order(app_and_floor):
    lists, _, rows, _, _ = app_and_floor
    for kind in KINDS:
        ours = [card(r) for r in lists[kind]]
        assert ours == [floor_card(r) for r in rows if r[16] == kind]
        assert len(ours) > 0


def test_drill_floor_gives_the_trends_and_purchases_elsewhere(app_and_floor):
    lists, _, _, details, _ = app_and_floor
    hist: dict[str, dict] = defaultdict(dict)
    away: dict[str, dict] = defaultdict(dict)
    for cid, month, station, liters, tonnes in details:
        if station is None:
            hist[cid][month] = (liters, tonnes)
        else:
            away[cid][station] = (liters, tonnes)
    moved = 0
    for r in (r for kind in KINDS for r in lists[kind]):
        assert len(r.history) == 13
        for p in r.history:
            want = hist[r.customer_id].get(p.month, (0.0, 0.0))
            assert (p.liters, p.tonnes) == (pytest.approx(want[0]), pytest.approx(want[1]))
        got = {e.station_id: (e.liters, e.tonnes) for e in r.elsewhere}
        assert got == {s: (pytest.approx(a), pytest.approx(b))
                       for s, (a, b) in away[r.customer_id].items()}
        moved += bool(got)
    assert moved > 0  # the demo has customers who also buy at other stations


def test_churn_floor_is_the_worklist(app_and_floor):
    _, warnings, _, _, worklist = app_and_floor
    assert len(warnings) > 10
    assert [card(r) for r in warnings] == [floor_card(r) for r in worklist]
