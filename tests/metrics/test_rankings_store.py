"""Rankings on the tiny hand-made store, checked against pandas over the raw rows.

Store (tests/metrics/core_tiny_store.py): city C1 = teams T1 (S1, S2) and T2 (S3); city C2 =
team T3 (S4). The oracle recomputes tonnes and expenses per entity from the inserted rows and
ranks them with pandas' `rank(method="min")` (competition ranking); nothing here calls the
code under test to get an expected number.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pandas as pd
import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from data.schema import expenses, fuel_sales, nonfuel_sales, products, stations
from data.scope import Scope
from metrics.periods import Period
from metrics.rankings import composite, ranking
from tests.metrics.core_tiny_store import ROWS, build

OCT = Period.parse("2026-10")


@pytest.fixture(scope="module",
                params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request, tmp_path_factory):
    if request.param == "duckdb":
        eng = create_engine(f"duckdb:///{tmp_path_factory.mktemp('rank') / 'r.duckdb'}")
        yield build(eng)
        eng.dispose()
        return
    with throwaway_database(request.getfixturevalue("pg_url")) as eng:
        yield build(eng)


@contextmanager
def throwaway_database(server: str) -> Iterator[Engine]:
    """A fresh PostgreSQL database on the test server, dropped afterwards."""
    name = f"amoeba_rank_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    eng = create_engine(make_url(server).set(database=name))
    try:
        yield eng
    finally:
        eng.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _frame(table) -> pd.DataFrame:
    return pd.DataFrame(ROWS[table])


def _tonnes(level: str, month: str) -> pd.Series:
    fs = _frame(fuel_sales).merge(_frame(products), on="product_code")
    fs = fs.merge(_frame(stations), on="station_id")
    fs = fs[fs.ts.dt.strftime("%Y-%m") == month]
    t = (fs.liters * fs.density_kg_per_l / 1000).groupby(fs[f"{level}_id"]).sum()
    every = _frame(stations)[f"{level}_id"].unique()
    return t.reindex(every, fill_value=0.0)


def _min_rank(s: pd.Series, ascending: bool) -> dict[str, int | None]:
    r = s.rank(method="min", ascending=ascending)
    return {k: (None if pd.isna(v) else int(v)) for k, v in r.items()}


@pytest.mark.parametrize("level", ["team", "station"])
def test_volume_ranking_matches_pandas(engine, level) -> None:
    got = ranking(engine, "fuel_volume_t", level, OCT, None, Scope.everything())
    now, prev = _tonnes(level, "2026-10"), _tonnes(level, "2026-09")
    ranks, prev_ranks = _min_rank(now, False), _min_rank(prev, False)
    by = {r.id: r for r in got.rows}
    assert set(by) == set(now.index)
    for k in now.index:
        assert by[k].value == pytest.approx(now[k])
        assert by[k].rank == ranks[k]
        assert by[k].movement == prev_ranks[k] - ranks[k]
        assert by[k].share == pytest.approx(now[k] / now.sum())
    ordered = now.sort_values(ascending=False)
    for better, worse in zip(ordered.index, ordered.index[1:], strict=False):
        assert by[worse].gap == pytest.approx(ordered[better] - ordered[worse])
    assert [r.rank for r in got.rows] == sorted(r.rank for r in got.rows)


def test_lower_better_with_a_tie(engine) -> None:
    # expense per tonne, October: T1 (3720 + 310) / t; T2 and T3 have no expenses → 0 (tie)
    got = ranking(engine, "expense_per_tonne", "team", OCT, None, Scope.everything())
    ex = _frame(expenses).merge(_frame(stations), on="station_id")
    ex = ex[ex.month == date(2026, 10, 1)].groupby("team_id").amount.sum()
    t = _tonnes("team", "2026-10")
    expected = (ex.reindex(t.index, fill_value=0.0) / t)
    by = {r.id: r for r in got.rows}
    for k, v in expected.items():
        assert by[k].value == pytest.approx(v)
    assert expected["T2"] == expected["T3"] == 0
    assert [(r.id, r.rank) for r in got.rows] == [("T2", 1), ("T3", 1), ("T1", 3)]
    assert by["T1"].share is None and got.direction == "lower_better"


def test_no_value_listed_last(engine) -> None:
    # non-fuel gross margin: S3 and S4 sold nothing in the store → no value, listed last
    got = ranking(engine, "nonfuel_gp_rate", "station", OCT, None, Scope.everything())
    nf = _frame(nonfuel_sales)
    nf = nf[nf.ts.dt.strftime("%Y-%m") == "2026-10"].groupby("station_id")[["revenue", "cost"]].sum()
    rate = (nf.revenue - nf.cost) / nf.revenue
    assert [r.id for r in got.rows] == ["S1", "S2", "S3", "S4"]
    assert got.rows[0].value == pytest.approx(rate["S1"])
    assert got.rows[1].value == pytest.approx(rate["S2"])
    assert [r.rank for r in got.rows] == [1, 2, None, None]
    assert got.rows[2].value is None and got.rows[2].gap is None


def test_within_a_city_and_scope(engine) -> None:
    got = ranking(engine, "fuel_volume_t", "team", OCT, None, Scope.everything(), city="C1")
    assert [r.id for r in got.rows] == ["T1", "T2"]
    t = _tonnes("team", "2026-10")
    assert got.rows[0].share == pytest.approx(t["T1"] / (t["T1"] + t["T2"]))
    mine = ranking(engine, "fuel_volume_t", "station", OCT, None, Scope.parse("team:T1"))
    assert {r.id for r in mine.rows} == {"S1", "S2"}
    assert ranking(engine, "fuel_volume_t", "team", OCT, None, Scope.nothing()).rows == []


def test_composite_on_the_store(engine) -> None:
    got = composite(engine, "team", OCT, None, Scope.everything(),
                    {"fuel_volume_t": 2.0, "expense_per_tonne": 1.0})
    t = _tonnes("team", "2026-10")
    # volume points: T3 .375 t → 1, T1 → 0.5, T2 → 0; cost points: T2 = T3 (rank 1) → 1, T1 → 0
    assert t.idxmax() == "T3" and t.idxmin() == "T2"
    by = {r.id: r.value for r in got.rows}
    assert by == pytest.approx({"T3": 1.0, "T1": 1 / 3, "T2": 1 / 3})
    assert [r.rank for r in got.rows] == [1, 2, 2]
    assert got.weights == {"fuel_volume_t": 2.0, "expense_per_tonne": 1.0}
