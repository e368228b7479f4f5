"""Scope fails closed and binds its values as parameters."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.dialects import postgresql

from data.schema import stations
from data.scope import Scope


def _sql(scope: Scope) -> str:
    stmt = select(stations.c.station_id).where(scope.station_predicate(stations.c))
    return str(stmt.compile(dialect=postgresql.dialect()))


def test_empty_scope_is_false_not_everything() -> None:
    assert Scope.nothing().is_empty
    assert "false" in _sql(Scope.nothing()).lower()
    assert "false" in _sql(Scope.parse("")).lower()


def test_grants_are_bound_parameters() -> None:
    evil = "T1' OR '1'='1"
    sql = _sql(Scope(teams=frozenset({evil})))
    assert evil not in sql and "team_id IN" in sql


def test_parse_and_allows() -> None:
    s = Scope.parse("city:FZ, team:T01,station:S007", pii=True)
    assert s.cities == {"FZ"} and s.teams == {"T01"} and s.stations == {"S007"} and s.pii
    assert s.allows(station_id="S1", team_id="T01", city_id="XM")
    assert not s.allows(station_id="S1", team_id="T02", city_id="XM")
    assert Scope.parse("province").all_stations
    with pytest.raises(ValueError):
        Scope.parse("planet:earth")


def test_cache_keys_differ_by_scope() -> None:
    assert Scope.parse("team:T01").key() != Scope.parse("team:T02").key()
    assert Scope.parse("team:T01").key() != Scope.parse("team:T01", pii=True).key()
