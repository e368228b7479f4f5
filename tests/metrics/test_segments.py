"""Segments and tags against hand-worked numbers, and agreement with rfm.high_value.

Data: tests/metrics/test_customer_lists_data.py. At T1 (S1 + S2) as of 2026-10-31, 90 days =
Aug 3 – Oct 31; price 7 yuan/L unless a discount is given.

cust  R (days)  F  Mon     segment            scores (R F M)  cycle (days)
a1    26        3  13300   general_value      3 3 2           31, 30 → 30.5
a2    16        3  34500   important_value    3 3 4           31, 40 → 35.5   1/3 discounted
a3    0         4  24300   important_value    5 3 3           31, 30, 26 → 30 1/4 discounted
a4    56        2  14000   general_retain     2 2 2           31
a7    26        3  17500   general_value      3 3 2           30.5            usual station S2
a8    11        3  45500   important_value    4 3 5           31, 45 → 38     recharged 5000
a10   6         4  64680   important_value    5 3 5           31, 35, 15 → 31
Province medians over the 8 customers active in P1 (a9 and a4's S3 purchase included):
F = 3, Mon = (21000 + 24300) / 2 = 22650.
"""

from __future__ import annotations

import pytest

from data.scope import Scope
from metrics.segments import TagFilter, profiles, select_profiles
from metrics.special.rfm import HIGH_VALUE
from tests.metrics.special_fixture import run, store, win
from tests.metrics.test_customer_lists_data import TABLES

OCT = win("2026-10")
WANT = {
    "a1": (26, 3, 13300, "general_value", (3, 3, 2), 30.5),
    "a2": (16, 3, 34500, "important_value", (3, 3, 4), 35.5),
    "a3": (0, 4, 24300, "important_value", (5, 3, 3), 30.0),
    "a4": (56, 2, 14000, "general_retain", (2, 2, 2), 31.0),
    "a7": (26, 3, 17500, "general_value", (3, 3, 2), 30.5),
    "a8": (11, 3, 45500, "important_value", (4, 3, 5), 38.0),
    "a10": (6, 4, 64680, "important_value", (5, 3, 5), 31.0),
}


@pytest.fixture(scope="module", params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request, tmp_path_factory):
    """The hand-built store on each backend."""
    pg = request.getfixturevalue("pg_url") if request.param == "postgres" else None
    with store(request.param, tmp_path_factory.mktemp("segments"), pg, TABLES) as eng:
        yield eng


@pytest.fixture(scope="module")
def team(engine):
    return {p.customer_id: p for p in profiles(engine, "team", "T1", OCT, Scope.everything())}


def test_rfm_scores_segments_and_cycle(team) -> None:
    assert set(team) == set(WANT)
    assert {(p.f_median, p.m_median) for p in team.values()} == {(3.0, 22650.0)}
    for cid, (r, f, mon, seg, scores, cycle) in WANT.items():
        p = team[cid]
        assert (p.r_days, p.frequency, p.segment, (p.r_score, p.f_score, p.m_score)) == (
            r, f, seg, scores), cid
        assert p.monetary == pytest.approx(mon) and p.cycle_days == cycle, cid


def test_tags(team) -> None:
    assert {c: p.usual_station for c, p in team.items()} == {**dict.fromkeys(WANT, "S1"), "a7": "S2"}
    assert {p.preferred_product for p in team.values()} == {"G92"}
    assert team["a2"].discount_share == pytest.approx(1 / 3)
    assert team["a3"].discount_share == pytest.approx(1 / 4)
    assert team["a1"].discount_share == 0 and not any(p.price_sensitive for p in team.values())
    assert (team["a8"].recharge_count, team["a8"].recharge_amount) == (1, 5000.0)
    assert [c for c, p in team.items() if p.recharger] == ["a8"]
    assert (team["a3"].kind, team["a8"].grade, team["a1"].manager_id) == ("fleet", "diamond", "m1")


@pytest.mark.parametrize("level,entity", [("team", "T1"), ("team", "T2"), ("station", "S2"),
                                          ("city", "C1"), ("province", "P1")])  # fmt: skip
def test_important_value_count_equals_rfm_high(engine, level, entity) -> None:
    got = run(engine, HIGH_VALUE, level, [entity], OCT)[entity]
    items = profiles(engine, level, entity, OCT, Scope.everything())
    assert len(items) == got["rfm_base"]
    assert sum(p.segment == "important_value" for p in items) == got["rfm_high"]


def test_filters_combine(team) -> None:
    items = list(team.values())

    def ids(**kw) -> list[str]:
        return [p.customer_id for p in select_profiles(items, TagFilter(**kw))]

    assert ids(segments=frozenset({"important_value"})) == ["a10", "a8", "a2", "a3"]  # Mon ↓
    assert ids(segments=frozenset({"important_value"}), grades=frozenset({"diamond"})) == ["a8"]
    assert ids(recharger=True) == ["a8"]
    assert ids(stations=frozenset({"S2"})) == ["a7"]
    assert ids(max_cycle_days=30) == ["a3"]
    assert ids(kinds=frozenset({"fleet"}), min_r=5) == ["a3"]
    assert ids(min_m=4, recharger=False) == ["a10", "a2"]
    assert ids(price_sensitive=True) == []
    assert len(ids()) == 7


def test_masked_and_fail_closed(engine) -> None:
    items = profiles(engine, "team", "T1", OCT, Scope.parse("team:T1"))
    assert {p.name for p in items} >= {"张**", "李**"} and "13800001111" not in {p.phone for p in items}
    assert profiles(engine, "team", "T1", OCT, Scope.nothing()) == []
    with pytest.raises(PermissionError):
        profiles(engine, "team", "T1", OCT, Scope(all_stations=True, aggregates_only=True))
