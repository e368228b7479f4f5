"""The composed report against the metrics layer and against pandas on the fixture CSVs.

Team T1 = stations S01–S03 (city C1); the fixture's last sale day is 2026-10-22, so the
October report is month to date (Oct 1–22) and its MoM window is Sep 1–22.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from data.scope import Scope
from metrics.evaluator import evaluate
from metrics.periods import Level, Period
from metrics.rankings import composite
from metrics.request import BatchRequest, EntityError
from metrics.statement import StatementRequest, View, build
from reports import text
from reports.compose import ReportRequest, compose, headline_ids
from tests.metrics.fixture import DATA

T1 = ["S01", "S02", "S03"]
OCT = (date(2026, 10, 1), date(2026, 10, 22))
SEP = (date(2026, 9, 1), date(2026, 9, 22))
PERIOD = Period.parse("2026-10")


@pytest.fixture(scope="module")
def report(report_engine):
    return compose(report_engine, ReportRequest("team", "T1", PERIOD, Scope.everything()))


def _in(df: pd.DataFrame, stations: list[str], span: tuple[date, date]) -> pd.DataFrame:
    day = df["ts"].dt.date
    return df[df["station_id"].isin(stations) & (day >= span[0]) & (day <= span[1])]


@pytest.fixture(scope="module")
def fuel() -> pd.DataFrame:
    df = pd.read_csv(DATA / "fuel_sales.csv", parse_dates=["ts"])
    prod = pd.read_csv(DATA / "products.csv")
    df = df.merge(prod, on="product_code")
    df["tonnes"] = df["liters"] * df["density_kg_per_l"] / 1000
    return df


@pytest.fixture(scope="module")
def nonfuel() -> pd.DataFrame:
    return pd.read_csv(DATA / "nonfuel_sales.csv", parse_dates=["ts"])


def _same(a: float | None, b: float | None) -> bool:
    """Equal up to the last bits of float sums (metrics.evaluate's documented ~1e-16)."""
    return (a is None and b is None) or (a is not None and b is not None
                                         and a == pytest.approx(b, rel=1e-12, abs=1e-12))


def test_window_is_month_to_date(report):
    assert report.as_of == date(2026, 10, 22)
    assert report.time_progress == pytest.approx(22 / 31)
    assert report.entity_name and report.entity_id == "T1"


def test_headlines_equal_metrics_evaluate(report_engine, report):
    ids = headline_ids()
    assert len(ids) == 8 and [f.id for f in report.headlines] == list(ids)
    res = evaluate(report_engine, BatchRequest(entities=((Level.TEAM, "T1"),), period=PERIOD,
                                               scope=Scope.everything(), indicators=ids,
                                               as_of=date(2026, 10, 22)))  # fmt: skip
    for f in report.headlines:
        r = res.get(f.id, (Level.TEAM, "T1"))
        assert _same(f.value, r.value) and _same(f.mom_value, r.mom_value), f.id
        assert _same(f.plan, r.plan_value) and f.rag == str(r.rag), f.id


def test_fuel_volume_and_nonfuel_revenue_equal_pandas(report, fuel, nonfuel):
    vol = report.headline("fuel_volume_t")
    assert vol.value == pytest.approx(_in(fuel, T1, OCT)["tonnes"].sum(), rel=1e-12)
    assert vol.mom_value == pytest.approx(_in(fuel, T1, SEP)["tonnes"].sum(), rel=1e-12)
    nf = report.headline("nonfuel_revenue")
    assert nf.value == pytest.approx(_in(nonfuel, T1, OCT)["revenue"].sum(), rel=1e-12)


def test_mover_contributors_are_station_changes(report, fuel, nonfuel):
    frames = {"fuel_volume_t": (fuel, "tonnes"), "nonfuel_revenue": (nonfuel, "revenue")}
    checked = 0
    for m in report.best + report.worst:
        assert m.good == (m in report.best)
        assert [c.id for c in m.contributors] == sorted(
            (c.id for c in m.contributors), key=lambda s: -abs(next(
                x.delta for x in m.contributors if x.id == s)))  # largest |change| first
        if m.figure.id in frames:
            df, col = frames[m.figure.id]
            for c in m.contributors:
                want = _in(df, [c.id], OCT)[col].sum() - _in(df, [c.id], SEP)[col].sum()
                assert c.delta == pytest.approx(want, abs=1e-9), (m.figure.id, c.id)
                checked += 1
    assert checked == 3  # nonfuel revenue is the best mover here: its three stations checked


def test_best_and_worst_by_direction(report):
    best = {m.figure.id for m in report.best}
    worst = {m.figure.id for m in report.worst}
    assert best == {"nonfuel_revenue", "nonfuel_gross_profit"}  # +25.8 %, +23.8 %
    assert all(m.figure.mom_change > 0 for m in report.best)
    assert all(m.figure.mom_change < 0 for m in report.worst if m.figure.direction != "lower_better")
    assert not best & worst


def test_rank_from_rankings(report_engine, report):
    ranking = composite(report_engine, "team", PERIOD, date(2026, 10, 22), Scope.everything(),
                        city="C1")  # fmt: skip
    row = next(r for r in ranking.rows if r.id == "T1")
    assert (report.rank.rank, report.rank.movement, report.rank.of) == (row.rank, row.movement, 2)


def test_statement_from_metrics_statement(report_engine, report):
    st = build(report_engine, StatementRequest((Level.TEAM, "T1"), PERIOD, View.MONTH,
                                               Scope.everything(), date(2026, 10, 22)))  # fmt: skip
    assert [s.id for s in report.statement] == [r.line.id for r in st.rows]
    for s, r in zip(report.statement, st.rows, strict=True):
        assert _same(s.actual, r.actual) and _same(s.plan, r.plan), s.id


def test_churn_highlights_match_the_fixture_design(report):
    # README of the fixture: K07 (gold fleet) and K15 warned two months running; K02, K08
    # (moved to T2) and K16 lost at T1; K04's October is not a warning to date.
    c = report.churn
    assert (c.warning, c.serious, c.lost) == (2, 2, 3)
    assert [x.customer_id for x in c.top] == ["K07", "K15"]
    # K07: avg(Jul..Sep) = (1000 + 1000 + 500) / 3, expected × 22/31 − 400 liters bought
    assert c.top[0].liters_at_risk == pytest.approx(2500 / 3 * 22 / 31 - 400)


def test_rules_fire_with_their_numbers(report):
    fired = {s.rule: s.params for s in report.suggestions}
    assert set(fired) == {"volume_drop", "expense_rise", "churn_calls"}
    assert fired["volume_drop"]["change"] == report.headline("fuel_volume_t").mom_change
    assert fired["churn_calls"]["n"] == 2


def test_sentences_deterministic_and_carry_numbers(report):
    zh = text.summary(report, "zh")
    assert zh == text.summary(report, "zh")
    assert "时间进度 71.0%" in zh and "绿灯 8 项" in zh
    assert "Fuel volume" in text.summary(report, "en")
    assert "城市 C1 内第 1 名（共 2 个）" in text.rank(report, "zh")
    assert "↓ −21.2%" in text.suggestion(next(s for s in report.suggestions
                                              if s.rule == "volume_drop"), "zh")  # fmt: skip


def test_entity_outside_scope_refused(report_engine):
    scope = Scope(stations=frozenset({"S06"}))
    with pytest.raises(EntityError):
        compose(report_engine, ReportRequest("team", "T1", PERIOD, scope))


def test_contributor_changes_in_their_unit():
    assert text.delta(0.013, "ratio", "zh") == "↑ +1.3 个百分点"  # 1.3 percentage points
    assert text.delta(-41.0, "t", "zh") == "↓ −41.00 吨"
    assert text.delta(41800.0, "yuan", "zh") == "↑ +4.18 万元"
    assert text.delta(None, "yuan", "en") == text.delta(None, "t", "zh") == "—"


def test_scope_masks_names_and_aggregates_only_drops_customers(report_engine):
    team = compose(report_engine, ReportRequest("team", "T1", PERIOD,
                                                Scope(teams=frozenset({"T1"}))))  # fmt: skip
    assert [c.customer_id for c in team.churn.top] == ["K07", "K15"]
    assert "闽运物流" not in {c.name for c in team.churn.top}  # masked without pii
    agg = compose(report_engine, ReportRequest("team", "T1", PERIOD,
                                               Scope(all_stations=True, aggregates_only=True)))
    assert agg.churn is None and "churn_calls" not in {s.rule for s in agg.suggestions}
    assert text.churn(agg, "zh") == "客户明细不在您的权限范围内。"
    assert agg.headline("fuel_volume_t").value == team.headline("fuel_volume_t").value
