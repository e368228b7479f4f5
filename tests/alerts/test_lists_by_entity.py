"""metrics.customer_lists_many.lists_by_entity (every station's list in one statement, used by
the key-customer churn alert): the escalated list at every station equals the pandas oracle on
the demo, and every list equals metrics.customer_lists' per-station list, on DuckDB and on
PostgreSQL (the fixture store)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from data.org import list_entities
from data.scope import Scope
from data.store import reader_engine
from metrics.customer_lists import customer_list
from metrics.customer_lists_many import lists_by_entity
from metrics.periods import Period, window
from tests.alerts import oracle
from tests.conftest import DEMO_END
from tests.metrics.fixture import build_store, postgres_database

DEMO_DAY = dt.date(*DEMO_END)
FIXTURE_DAY = dt.date(2026, 10, 22)
KINDS = ("escalated", "warning", "serious", "lost", "active", "today", "watch")


def _win(day: dt.date):
    return window(Period.parse(day.isoformat()[:7]), day)


def _same(a, b) -> None:
    """Rows equal but for float sums in another order (DuckDB sums in parallel, so two customers
    with the same liters may come in either order: rows are matched by id, and the positions of
    a customer may differ only among rows of equal liters)."""
    assert sorted(r.customer_id for r in a) == sorted(r.customer_id for r in b)
    pos = {r.customer_id: i for i, r in enumerate(b)}
    for i, x in enumerate(a):
        y = b[pos[x.customer_id]]
        if i != pos[x.customer_id]:  # a tie on the list's order key (liters, or at risk)
            assert b[i].liters_month == pytest.approx(x.liters_month, rel=1e-9) or \
                b[i].liters_at_risk == pytest.approx(x.liters_at_risk, rel=1e-9)
        assert (x.name, x.grade, x.status, x.warning, x.serious, x.escalated, x.bought_today,
                x.last_month, x.last_purchase) == (y.name, y.grade, y.status, y.warning, y.serious,
                                                   y.escalated, y.bought_today, y.last_month,
                                                   y.last_purchase)  # fmt: skip
        assert x.liters_month == pytest.approx(y.liters_month, rel=1e-9)
        assert x.liters_avg3 == pytest.approx(y.liters_avg3, rel=1e-9)


def _check_against_single(engine, day: dt.date, scope: Scope) -> None:
    ids = [e.id for e in list_entities(engine, scope, "station")]
    for kind in KINDS:
        many = lists_by_entity(engine, "station", ids, _win(day), scope, kind)
        for sid in ids:
            one = customer_list(engine, "station", sid, _win(day), scope, kind=kind, details=False)
            _same(one, many.get(sid, []))
        assert set(many) <= set(ids)


def test_escalated_at_every_station_equals_the_oracle(demo_store_url):
    engine = reader_engine(demo_store_url)
    files = Path(demo_store_url.removeprefix("duckdb:///")).parent / "files"
    months = [f"2026-{m:02d}" for m in range(7, 12)]
    risk = oracle.churn_at_risk(oracle.fuel(files), files, months, DEMO_DAY.day / 30)
    ids = [e.id for e in list_entities(engine, Scope.everything(), "station")]
    got = lists_by_entity(engine, "station", ids, _win(DEMO_DAY), Scope.everything(pii=False))
    pairs = {(sid, r.customer_id): r.liters_at_risk for sid, rows in got.items() for r in rows}
    assert set(pairs) == set(risk) and len(pairs) > 1
    for k, v in risk.items():
        assert pairs[k] == pytest.approx(v, rel=1e-9)


def test_every_list_equals_the_single_station_lists_on_the_demo(demo_store_url):
    _check_against_single(reader_engine(demo_store_url), DEMO_DAY, Scope.everything(pii=False))


@pytest.fixture(scope="module", params=["duckdb", "postgres"])
def fixture_engine(request, tmp_path_factory):
    if request.param == "duckdb":
        url = f"duckdb:///{tmp_path_factory.mktemp('many') / 'fixture.duckdb'}"
        build_store(url)
        yield reader_engine(url)
        return
    with postgres_database(request.getfixturevalue("pg_url"), f"lists_many_{os.getpid()}") as url:
        build_store(url)
        eng = reader_engine(url)
        yield eng
        eng.dispose()


def test_every_list_equals_the_single_station_lists_on_the_fixture(fixture_engine):
    _check_against_single(fixture_engine, FIXTURE_DAY, Scope.everything(pii=True))
    _check_against_single(fixture_engine, FIXTURE_DAY, Scope.parse("team:T1"))


def test_scope_limits_and_refusals(fixture_engine):
    team = lists_by_entity(fixture_engine, "station", ["S01", "S04", "S06"], _win(FIXTURE_DAY),
                           Scope.parse("team:T1"), "active")  # fmt: skip
    assert set(team) == {"S01"}  # S04 and S06 are outside team T1: never read
    assert lists_by_entity(fixture_engine, "station", [], _win(FIXTURE_DAY), Scope.everything()) == {}
    with pytest.raises(PermissionError):
        lists_by_entity(fixture_engine, "station", ["S01"], _win(FIXTURE_DAY),
                        Scope(all_stations=True, aggregates_only=True))  # fmt: skip
    with pytest.raises(ValueError):
        lists_by_entity(fixture_engine, "station", ["S01"], _win(FIXTURE_DAY), Scope.everything(), "nope")
