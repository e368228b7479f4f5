"""The benchmark's rankings floor computes the numbers the app ranks (on the tiny hand store).

A floor that computed something else would make the ratio meaningless; the team volumes of
the tiny store are worked by hand in tests/metrics/core_tiny_store.py's data.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pytest
from sqlalchemy import create_engine

from bench.cases import Ctx, rankings
from bench.floors import RANKING, params
from data.scope import Scope
from metrics.periods import Period
from metrics.rankings import ranking
from tests.metrics import core_tiny_store


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("bench") / "tiny.duckdb"
    eng = create_engine(f"duckdb:///{path}")
    core_tiny_store.build(eng)
    eng.dispose()
    return str(path)


def test_rankings_floor_gives_the_ranked_values(store):
    period, as_of = Period.parse("2026-10"), date(2026, 10, 15)
    eng = create_engine(f"duckdb:///{store}", connect_args={"read_only": True})
    ours = ranking(eng, "fuel_volume_t", "team", period, as_of, Scope.everything())
    assert rankings(eng, Ctx("T1", "S1", period, as_of, Scope.everything())) == len(ours.rows)
    eng.dispose()
    con = duckdb.connect(store, read_only=True)
    p = params("T1", "S1", period, as_of)
    floor = {t: cur for t, cur, _ in con.execute(
        RANKING, {k: p[k] for k in ("c0", "c1", "m0", "m1")}).fetchall()}
    con.close()
    got = {r.id: r.value for r in ours.rows}
    assert got.keys() == floor.keys()
    for team, value in floor.items():
        assert got[team] == pytest.approx(value, rel=1e-9)


def test_bands_floor_gives_the_distribution(store):
    """The bands floor counts the tickets and sums the amounts metrics.bands shows per band."""
    from bench.cases import bands, quarter_window
    from bench.floors import BANDS
    from metrics.bands import distribution
    from metrics.periods import Level

    ctx = Ctx("T1", "S1", Period.parse("2026-10"), date(2026, 10, 15), Scope.everything())
    eng = create_engine(f"duckdb:///{store}", connect_args={"read_only": True})
    ours = distribution(eng, ctx.scope, Level.TEAM, "T1", quarter_window(ctx))
    assert bands(eng, ctx) == len(ours.bands) > 0
    eng.dispose()
    con = duckdb.connect(store, read_only=True)
    p = params("T1", "S1", ctx.period, ctx.as_of)
    floor = con.execute(BANDS, {k: p[k] for k in ("team", "q0", "q1")}).fetchall()
    con.close()
    assert [(b * 20, n) for b, n, *_ in floor] == [(b.lo, b.count) for b in ours.bands]
    for (_, _, liters, paid, _, _), band in zip(floor, ours.bands, strict=True):
        assert (liters, paid) == (pytest.approx(band.liters), pytest.approx(band.paid))
