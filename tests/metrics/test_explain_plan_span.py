"""metrics.explain for plan inputs: the rows query reads the plan's span (the whole month for
plan_month, the whole year for plan_year), not the view's window. Checked by running the
reported query on the oracle fixture (DuckDB) against pandas over plans.csv."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from sqlalchemy import create_engine

from data.scope import Scope
from metrics.explain import explain
from metrics.periods import Period
from tests.metrics.fixture import DATA, build_store

T1 = ["S01", "S02", "S03"]


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    """The fixture folder imported into DuckDB."""
    url = f"duckdb:///{tmp_path_factory.mktemp('span') / 'fixture.duckdb'}"
    build_store(url)
    eng = create_engine(url)
    yield eng
    eng.dispose()


def plan_rows(months: str) -> pd.DataFrame:
    """T1's fuel-volume plan rows whose month starts with `months` (a year or a month)."""
    pl = pd.read_csv(DATA / "plans.csv")
    return pl[pl.station_id.isin(T1) & (pl.measure == "fuel_volume_t")
              & pl.month.str.startswith(months)]


@pytest.mark.parametrize(("indicator", "months", "window"), [
    ("fuel_volume_ytd_completion", "2026", "2026-01-01 至 2026-12-31"),  # plan_year
    ("fuel_volume_plan_completion", "2026-10", "2026-10-01 至 2026-10-31"),  # whole month
])
def test_plan_rows_query_reads_the_plans_span(engine, indicator, months, window) -> None:
    e = explain(engine, indicator, ("team", "T1"), Period.parse("2026-10"), date(2026, 10, 15),
                Scope.everything())
    plans = [m for m in e.measures if m.measure == "plan__fuel_volume_t"]
    assert len(plans) == 1 and plans[0].window == window
    want = plan_rows(months)
    assert len(want) == (36 if len(months) == 4 else 3)
    with engine.connect() as conn:
        rows = conn.execute(plans[0].rows_select).all()
    assert len(rows) == len(want)
    assert sorted((r.month.strftime("%Y-%m"), r.station_id) for r in rows) == sorted(
        zip(want.month, want.station_id, strict=True))
    assert plans[0].value == pytest.approx(want.target.sum())


def test_provider_inputs_carry_the_rows_they_counted(engine) -> None:
    """A special provider's count now has a rows query: running it gives one row per counted
    station-day (S07's suspected stock-outs: README of the fixture); the wall gets none."""
    e = explain(engine, "suspected_stockout_events", ("team", "T3"), Period.parse("2026-10"),
                None, Scope.everything())
    (m,) = [m for m in e.measures if m.measure == "stockout_events"]
    with engine.connect() as conn:
        rows = conn.execute(m.rows_select).mappings().all()
    assert len(rows) == m.value == 6 and {r["station_id"] for r in rows} == {"S07"}
    assert e.rows_behind is m.rows_select and "stockout" not in e.filters_sql
    wall = Scope(all_stations=True, aggregates_only=True)
    w = explain(engine, "suspected_stockout_events", ("team", "T3"), Period.parse("2026-10"),
                None, wall)
    assert all(x.rows_select is None for x in w.measures)
