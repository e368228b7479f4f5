"""The rank-drop rule on a demo company with three teams a city (40 stations, the lead's demo
layout), against the metrics oracle's own team_city_rank (tests/metrics/oracle/meta.py: pandas
on the contract CSVs, weighted headline attainment), this month to date vs last month whole."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from alerts.evaluate import find
from alerts.rules import load_rules
from data.store import reader_engine
from metrics.periods import Period, window
from tests.metrics.oracle import frames as F
from tests.metrics.oracle.meta import oracle_team_city_rank

END = dt.date(2026, 11, 20)
RULE = next(r for r in load_rules() if r.kind == "rank_drop")


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[str, Path]:
    """40 stations, October whole and November to the 20th, as CSV (the oracle reads CSV)."""
    from data.demo import generate
    from data.importer import import_folder

    root = tmp_path_factory.mktemp("rank_demo")
    generate(root / "files", stations=40, months=2, seed=7, end_date=END, fmt="csv", progress=False)
    url = f"duckdb:///{root / 'demo.duckdb'}"
    assert import_folder(url, root / "files", progress=False).status == "published"
    return url, root / "files"


@pytest.fixture(scope="module")
def oracle_ranks(demo):
    """{day: {team: rank}} for the as-of days checked and the last day of October."""
    fr = F.load(demo[1])
    teams = sorted(set(fr.stations["team_id"]))
    days = (dt.date(2026, 10, 31), dt.date(2026, 11, 15), END)
    return {d: {t: oracle_team_city_rank(fr, "team", t, window(Period.parse(f"{d:%Y-%m}"), d))
                for t in teams} for d in days}  # fmt: skip


def _expected(ranks: dict, day: dt.date, places: int) -> dict[str, tuple[float, float]]:
    now, before = ranks[day], ranks[dt.date(2026, 10, 31)]
    return {t: (before[t], now[t]) for t in now if now[t] - before[t] >= places}


def test_layout_has_cities_with_three_teams(demo):
    st = pd.read_csv(demo[1] / "stations.csv")
    assert st.groupby("city_id")["team_id"].nunique().min() >= 3


@pytest.mark.parametrize("day, places", [(dt.date(2026, 11, 15), 2), (END, 2), (END, 1)])
def test_rank_drop_alerts_equal_the_oracle(demo, oracle_ranks, day, places):
    rule = replace(RULE, places=places)
    got = {a.entity_id: a for a in find(reader_engine(demo[0]), day, (rule,))}
    want = _expected(oracle_ranks, day, places)
    assert set(got) == set(want)
    for team, (before, now) in want.items():
        a = got[team]
        assert a.value == now and f"第 {before:.0f} → 第 {now:.0f} 名" in a.message_zh
        assert (a.entity_level, a.audience, a.period) == ("team", RULE.audience, f"{day:%Y-%m}")
        assert a.city_id and a.team_id == team


def test_the_shipped_rule_fires_on_this_demo(oracle_ranks):
    # Not vacuous: mid-November one team fell two places (1st → 3rd) since October.
    assert _expected(oracle_ranks, dt.date(2026, 11, 15), RULE.places)
    assert len(_expected(oracle_ranks, END, 1)) >= 1
