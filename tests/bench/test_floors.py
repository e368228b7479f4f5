"""The rankings, bands and statement floors compute the numbers those features show.

A floor that computed something else would make the ratio ours/floor meaningless. On the seeded
small demo store: every team's ranked value, last month's value (the movement) and volume plan
(the light); every amount band with the campaigns' thresholds and the tickets just below each;
every line of the team's operating statement (actual, plan, last year).
"""

from __future__ import annotations

from datetime import date

import duckdb
import pytest
from sqlalchemy import create_engine

from bench.cases import Ctx, quarter_window
from bench.floor_statement import statement
from bench.floors import bands, params, rankings
from data.scope import Scope
from data.store import duckdb_path
from metrics.periods import Level, Period

PERIOD, AS_OF = Period.parse("2026-11"), date(2026, 11, 15)
CTX = Ctx("T01", "S001", PERIOD, AS_OF, Scope.everything())


def _close(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None
                                         and a == pytest.approx(b, rel=1e-9, abs=1e-6))


def test_rankings_floor_gives_the_ranked_values_movements_and_plans(demo_store_url):
    from metrics.evaluator import evaluate
    from metrics.rankings import ranking
    from metrics.request import BatchRequest

    eng = create_engine(demo_store_url, connect_args={"read_only": True})
    ours = ranking(eng, "fuel_volume_t", "team", PERIOD, AS_OF, CTX.scope)
    req = BatchRequest(entities=tuple((Level.TEAM, r.id) for r in ours.rows), period=PERIOD,
                       scope=CTX.scope, indicators=("fuel_volume_t",), as_of=AS_OF)
    res = evaluate(eng, req)
    eng.dispose()
    con = duckdb.connect(str(duckdb_path(demo_store_url)), read_only=True)
    floor = rankings(con, params("T01", "S001", PERIOD, AS_OF))
    con.close()
    assert {r.id for r in ours.rows} == floor.keys() and len(floor) > 1
    prev_order = sorted(floor, key=lambda t: -floor[t][1])
    for r in ours.rows:
        value, prev, plan = floor[r.id]
        assert r.value == pytest.approx(value, rel=1e-9)
        assert r.prev_rank == prev_order.index(r.id) + 1  # no ties in tonnes
        got = res.get("fuel_volume_t", (Level.TEAM, r.id))
        assert (got.mom_value, got.plan_value) == (pytest.approx(prev), pytest.approx(plan))
    assert [r.id for r in ours.rows] == sorted(floor, key=lambda t: -floor[t][0])


def test_bands_floor_gives_the_distribution_and_the_tickets_below_thresholds(demo_store_url):
    from metrics.bands import campaign_thresholds, distribution

    eng = create_engine(demo_store_url, connect_args={"read_only": True})
    w = quarter_window(CTX)
    found = campaign_thresholds(eng, CTX.scope, Level.TEAM, "T01", w)
    ours = distribution(eng, CTX.scope, Level.TEAM, "T01", w, list(found.values()))
    eng.dispose()
    con = duckdb.connect(str(duckdb_path(demo_store_url)), read_only=True)
    floor_found, floor = bands(con, params("T01", "S001", PERIOD, AS_OF))
    con.close()
    assert floor_found == found
    assert [(b * 20, n) for b, n, *_ in floor] == [(b.lo, b.count) for b in ours.bands]
    for (_, _, liters, paid, inv, ppp, *_), band in zip(floor, ours.bands, strict=True):
        assert (liters, paid, inv, ppp) == (pytest.approx(band.liters), pytest.approx(band.paid),
                                            pytest.approx(band.inv_price),
                                            pytest.approx(band.paid_per_price))
    below = [sum(row[6 + i] for row in floor) for i in range(len(ours.below))]
    assert below == [n for _, n in ours.below] and sum(below) > 0


def test_statement_floor_gives_every_line(demo_store_url):
    from metrics.statement import StatementRequest, build

    eng = create_engine(demo_store_url, connect_args={"read_only": True})
    ours = build(eng, StatementRequest((Level.TEAM, "T01"), PERIOD, "month", CTX.scope, AS_OF))
    eng.dispose()
    con = duckdb.connect(str(duckdb_path(demo_store_url)), read_only=True)
    floor = statement(con, "T01", PERIOD, AS_OF)
    con.close()
    assert len(ours.rows) == len(floor) == 30
    wrong = [(r.line.id, (r.actual, r.plan, r.last_year), floor[r.line.id]) for r in ours.rows
             if not all(_close(a, b) for a, b in
                        zip((r.actual, r.plan, r.last_year), floor[r.line.id], strict=True))]
    assert wrong == []
    assert sum(r.plan is not None for r in ours.rows) >= 7
