"""The board's URL → view resolution: defaults, friendly notices, to-date rule, URL round trip."""

from __future__ import annotations

from datetime import date

from data.org import Entity
from metrics.periods import Period
from pages.board_params import (
    effective_as_of,
    period_label,
    period_options,
    query_string,
    resolve,
)
from pages.wall_data import seconds_param, stale_days

ENTITIES = [
    Entity("province", "FJ", "福建"), Entity("city", "FZ", "福州", "FJ"),
    Entity("team", "T01", "鼓楼", "FJ", "FZ"), Entity("team", "T02", "台江", "FJ", "FZ"),
    Entity("station", "S001", "一站", "FJ", "FZ", "T01"),
]
LATEST = date(2026, 11, 20)


def test_default_is_first_team_month_to_date() -> None:
    sel = resolve({}, ENTITIES, LATEST)
    assert sel.entity_value == "team:T01"
    assert sel.period == Period.parse("2026-11") and sel.as_of == LATEST
    assert sel.notices == ()


def test_deep_link_station_closed_month() -> None:
    sel = resolve({"station": "S001", "period": "2026-09"}, ENTITIES, LATEST)
    assert sel.entity_value == "station:S001"
    assert sel.period == Period.parse("2026-09") and sel.as_of is None  # closed: whole month


def test_running_quarter_and_explicit_as_of_are_to_date() -> None:
    assert resolve({"period": "2026-Q4"}, ENTITIES, LATEST).as_of == LATEST
    sel = resolve({"team": "T02", "period": "2026-11", "as_of": "2026-11-10"}, ENTITIES, LATEST)
    assert sel.as_of == date(2026, 11, 10)
    assert effective_as_of(Period.parse("2026-10"), LATEST, date(2026, 11, 10)) is None


def test_bad_values_give_notices_and_defaults() -> None:
    sel = resolve({"team": "T99", "period": "2026-13", "as_of": "yesterday"}, ENTITIES, LATEST,
                  "zh")
    assert sel.entity_value == "team:T01" and sel.period == Period.parse("2026-11")
    assert len(sel.notices) == 3
    assert "T99" in sel.notices[0] and "2026-13" in " ".join(sel.notices)
    assert resolve({}, [], None).entity is None  # an empty store or scope: nothing, no crash


def test_query_string_round_trip() -> None:
    assert query_string("team:T01", "2026-10", None) == "?team=T01&period=2026-10"
    assert query_string("station:S 1&x", "2026", "2026-03-01") == \
        "?station=S+1%26x&period=2026&as_of=2026-03-01"
    assert query_string("galaxy:X", "2026", None) == "?period=2026"


def test_period_options_and_labels() -> None:
    options = period_options(LATEST, "zh")
    values = [o["value"] for o in options]
    assert values[:3] == ["2026-11", "2026-10", "2026-09"]
    assert "2026-Q4" in values and "2026" in values and "2024" in values
    assert options[0]["label"] == "2026-11（截至 2026-11-20）"
    assert period_label(Period.parse("2026-10"), LATEST, "en") == "Month 2026-10"
    assert period_options(None) == []


def test_wall_interval_and_staleness() -> None:
    assert seconds_param("20", 20, 2, 600) == 20
    assert seconds_param("1", 20, 2, 600) == 2 and seconds_param("9999", 20, 2, 600) == 600
    assert seconds_param("abc", 20, 2, 600) == 20 and seconds_param(None, 20, 2, 600) == 20
    assert stale_days(date(2026, 11, 20), date(2026, 11, 22)) is None  # 2 days: fresh
    assert stale_days(date(2026, 11, 20), date(2026, 11, 25)) == 5
    assert stale_days(None) is None


def test_wall_scope_only_narrows() -> None:
    from data.scope import Scope
    from pages.wall_data import wall_scope

    wide = wall_scope(Scope.everything(pii=True))
    assert wide.all_stations and not wide.pii and wide.aggregates_only
    team = wall_scope(Scope.parse("team:T01", pii=True))
    assert not team.all_stations and team.teams == frozenset({"T01"}) and not team.pii
    assert wall_scope(Scope.nothing()).is_empty
