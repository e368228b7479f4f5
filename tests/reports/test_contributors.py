"""Product-kind and customer contributors and per-headline ranks in the report, against pandas
on the fixture CSVs and against metrics.rankings (team T1 = S01–S03 in city C1 with T2; T3 in
C2; October to the 22nd against September to the 22nd, like for like)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from data.scope import Scope
from metrics.periods import Period
from metrics.rankings import ranking
from reports import text
from reports.compose import ReportRequest, compose, headline_ids
from tests.metrics.fixture import DATA

PERIOD = Period.parse("2026-10")
AS_OF = date(2026, 10, 22)
T1 = ["S01", "S02", "S03"]
OCT, SEP = (date(2026, 10, 1), AS_OF), (date(2026, 9, 1), date(2026, 9, 22))


@pytest.fixture(scope="module")
def report(report_engine):
    return compose(report_engine, ReportRequest("team", "T1", PERIOD, Scope.everything()))


@pytest.fixture(scope="module")
def fuel() -> pd.DataFrame:
    f = pd.read_csv(DATA / "fuel_sales.csv", parse_dates=["ts"])
    f = f.merge(pd.read_csv(DATA / "products.csv"), on="product_code")
    f["month"] = f["ts"].dt.strftime("%Y-%m")
    f = f.merge(pd.read_csv(DATA / "purchase_costs.csv"), on=["month", "product_code"], how="left")
    f["tonnes"] = f["liters"] * f["density_kg_per_l"] / 1000
    f["gp"] = f["paid_amount"] - f["liters"] * f["cost_per_liter"]
    f["day"] = f["ts"].dt.date
    stations = pd.read_csv(DATA / "stations.csv")[["station_id", "team_id", "city_id"]]
    return f.merge(stations, on="station_id")


def _sum(f: pd.DataFrame, span: tuple[date, date], col: str, **eq: object) -> float:
    sel = (f["day"] >= span[0]) & (f["day"] <= span[1])
    for k, v in eq.items():
        sel &= f[k].isin(v) if isinstance(v, list) else f[k] == v
    return float(f.loc[sel, col].sum())


def _mover(report, fig_id: str):
    return next(m for m in report.best + report.worst if m.figure.id == fig_id)


def test_product_kinds_of_fuel_gross_profit(report, fuel):
    m = _mover(report, "fuel_gross_profit")
    want = {k: _sum(fuel, OCT, "gp", station_id=T1, kind=k) - _sum(fuel, SEP, "gp", station_id=T1, kind=k)
            for k in ("gasoline", "diesel")}  # fmt: skip
    assert [c.id for c in m.products] == sorted(want, key=lambda k: -abs(want[k]))
    for c in m.products:
        assert c.delta == pytest.approx(want[c.id], abs=1e-9) and c.level == "product"
    assert sum(c.delta for c in m.products) == pytest.approx(m.figure.delta, abs=1e-9)  # kinds add up


def _customer_changes(fuel: pd.DataFrame) -> dict[str, float]:
    """liters Oct 1–22 − mean(Jul, Aug, Sep whole) × 22/31 at T1, customers who bought at T1
    in the three months before or in October (the metrics 'active' list)."""
    f = fuel[fuel["station_id"].isin(T1) & fuel["customer_id"].notna()]
    now = f[(f["day"] >= OCT[0]) & (f["day"] <= OCT[1])].groupby("customer_id")["liters"].sum()
    prev = f[(f["day"] >= date(2026, 7, 1)) & (f["day"] < date(2026, 10, 1))]
    avg3 = prev.groupby("customer_id")["liters"].sum() / 3
    ids = set(now.index) | set(avg3.index)
    return {c: now.get(c, 0.0) - avg3.get(c, 0.0) * 22 / 31 for c in ids}


def test_customers_who_moved_fuel_most(report, fuel):
    m = _mover(report, "fuel_gross_profit")
    change = _customer_changes(fuel)
    top = sorted(change, key=lambda c: (-abs(change[c]), c))[:3]
    assert [c.id for c in m.customers] == top
    for c in m.customers:
        assert c.delta == pytest.approx(change[c.id], abs=1e-9) and c.unit == "liters"
    assert m.customers[0].id == "K07" and m.customers[0].name == "闽运物流"  # the gold fleet
    assert "闽运物流（K07） ↓ −191 升" in text.mover(m, "zh")
    assert not _mover(report, "nonfuel_revenue").customers  # not a fuel figure


def test_customer_names_masked_and_absent_for_aggregates(report_engine):
    team = compose(report_engine, ReportRequest("team", "T1", PERIOD, Scope(teams=frozenset({"T1"}))))
    custs = _mover(team, "fuel_gross_profit").customers
    assert [c.id for c in custs][:1] == ["K07"] and "闽运物流" not in {c.name for c in custs}
    agg = compose(report_engine, ReportRequest("team", "T1", PERIOD,
                                               Scope(all_stations=True, aggregates_only=True)))
    assert _mover(agg, "fuel_gross_profit").customers == ()
    assert _mover(agg, "fuel_gross_profit").products  # aggregates stay


def test_headline_ranks_equal_metrics_rankings(report_engine, report):
    assert [h.figure_id for h in report.rank.by_headline] == list(headline_ids())
    for h in report.rank.by_headline:
        prov = {r.id: r for r in ranking(report_engine, h.figure_id, "team", PERIOD, AS_OF,
                                         Scope.everything()).rows}  # fmt: skip
        city = {r.id: r for r in ranking(report_engine, h.figure_id, "team", PERIOD, AS_OF,
                                         Scope.everything(), city="C1").rows}  # fmt: skip
        assert (h.province_rank, h.province_prev) == (prov["T1"].rank, prov["T1"].prev_rank), h
        assert (h.city_rank, h.city_prev) == (city["T1"].rank, city["T1"].prev_rank), h
        assert (h.city_of, h.province_of) == (2, 3)


def test_volume_and_nonfuel_ranks_equal_pandas(report, fuel):
    nonfuel = pd.read_csv(DATA / "nonfuel_sales.csv", parse_dates=["ts"])
    nonfuel["day"] = nonfuel["ts"].dt.date
    nonfuel = nonfuel.merge(pd.read_csv(DATA / "stations.csv")[["station_id", "team_id", "city_id"]],
                            on="station_id")  # fmt: skip

    def ranks(df: pd.DataFrame, col: str, span, teams: list[str]) -> int:
        vals = {t: _sum(df, span, col, team_id=t) for t in teams}
        return 1 + sum(v > vals["T1"] for v in vals.values())

    for fig, df, col in (("fuel_volume_t", fuel, "tonnes"), ("nonfuel_revenue", nonfuel, "revenue")):
        h = next(x for x in report.rank.by_headline if x.figure_id == fig)
        assert h.city_rank == ranks(df, col, OCT, ["T1", "T2"])
        assert h.city_prev == ranks(df, col, SEP, ["T1", "T2"])
        assert h.province_rank == ranks(df, col, OCT, ["T1", "T2", "T3"])
        assert h.province_prev == ranks(df, col, SEP, ["T1", "T2", "T3"])
    nf = next(x for x in report.rank.by_headline if x.figure_id == "nonfuel_revenue")
    assert (nf.city_move, nf.province_move) == (1, 2)  # up from 2nd and 3rd (see README of fixture)
    assert "非油收入 市内 2→1、省内 3→1" in text.rank_changes(report, "zh")
    assert text.place(1, 3, 2, "zh") == "1/3 ↑2" and text.place(None, 3, None, "en") == "—"


def test_station_report_ranks_among_stations(report_engine):
    r = compose(report_engine, ReportRequest("station", "S02", PERIOD, Scope.everything()))
    assert r.rank is not None and r.rank.by_headline
    vol = next(h for h in r.rank.by_headline if h.figure_id == "fuel_volume_t")
    assert vol.city_of == 5 and vol.province_of == 7  # C1 has S01–S05 (S05 opened in June)
    city = compose(report_engine, ReportRequest("city", "C1", PERIOD, Scope.everything()))
    assert city.rank is None  # rankings are of teams and stations
