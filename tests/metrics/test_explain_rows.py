"""The rows behind a number (metrics/explain_rows.py) against pandas on the oracle fixture.

pandas reads the fixture CSVs (tests/metrics/fixture_data) directly and filters them from the
measure definitions; the store is the same folder through the real importer. Each test compares
the rows the page would list, their total, and the value the metrics layer computed.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from data.scope import Scope
from metrics.explain_rows import reconcile, rows_explanation, rows_page
from metrics.periods import Period
from metrics.request import ScopeError
from tests.metrics.fixture import DATA, fixture_engines

OCT = Period.parse("2026-10")
AS_OF = date(2026, 10, 15)  # month to date: rows from 10-01 00:00 to 10-15 23:59:59
T1 = ["S01", "S02", "S03"]


@pytest.fixture(scope="module", params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request, tmp_path_factory):
    """The fixture folder imported into DuckDB and PostgreSQL."""
    yield from fixture_engines(request, tmp_path_factory, "explain_rows_test")


def csv(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / f"{name}.csv", dtype={"customer_id": str})


def fuel(stations: list[str], start: str, end_excl: str) -> pd.DataFrame:
    """Fuel rows of the stations in [start, end_excl), with tonnes, in the page's order."""
    f = csv("fuel_sales")
    f["ts"] = pd.to_datetime(f["ts"])
    f = f[f.station_id.isin(stations) & (f.ts >= start) & (f.ts < end_excl)]
    f = f.merge(csv("products")[["product_code", "density_kg_per_l"]], on="product_code")
    f["tonnes"] = f.liters * f.density_kg_per_l / 1000
    return f.sort_values(["ts", "txn_id"]).reset_index(drop=True)


def source(ex, measure_id: str):
    return next(s for s in ex.sources if s.measure.id == measure_id)


def explain(engine, ind: str, entity=("team", "T1"), period=OCT, as_of=AS_OF,
            scope: Scope | None = None):
    return rows_explanation(engine, ind, entity, period, as_of, scope or Scope.everything())


def test_fuel_tonnes_rows_and_total_match_pandas(engine) -> None:
    ex = explain(engine, "member_volume_share")
    want = fuel(T1, "2026-10-01", "2026-10-16")
    members = want[want.customer_id.notna()]
    for measure, rows in (("fuel_tonnes", want), ("fuel_tonnes_member", members)):
        src = source(ex, measure)
        rec = reconcile(engine, src, Scope.everything())
        assert rec.rows == len(rows) > 0
        assert rec.total == pytest.approx(rows.tonnes.sum(), rel=1e-9)
        assert src.value == pytest.approx(rows.tonnes.sum(), rel=1e-9)  # the layer's own value
        assert rec.matches
        page = rows_page(engine, src, Scope.everything(), 0, 500)
        assert [r["txn_id"] for r in page.rows] == list(rows.txn_id)
        assert [r["measure_value"] for r in page.rows] == pytest.approx(list(rows.tonnes))
    assert ex.value == pytest.approx(members.tonnes.sum() / want.tonnes.sum())


def test_paging_is_server_side_and_ordered(engine) -> None:
    ex = explain(engine, "fuel_txn_count", ("province", "P1"), OCT, None)
    want = fuel(["S01", "S02", "S03", "S04", "S05", "S06", "S07"], "2026-10-01", "2026-11-01")
    src = source(ex, "fuel_txn")
    page = rows_page(engine, src, Scope.everything(), 20, 10)
    assert page.total_rows == len(want) == src.value
    assert [r["txn_id"] for r in page.rows] == list(want.txn_id[20:30])
    assert reconcile(engine, src, Scope.everything()).total == len(want)


def test_members_buying_counts_distinct_customers(engine) -> None:
    ex = explain(engine, "member_liters_per_head")
    want = fuel(T1, "2026-10-01", "2026-10-16")
    src = source(ex, "fuel_members_buying")
    rec = reconcile(engine, src, Scope.everything())
    assert rec.total == want.customer_id.dropna().nunique() == src.value
    assert rec.rows == want.customer_id.notna().sum()  # rows listed: every member purchase


def test_expenses_weighted_by_days_in_window(engine) -> None:
    ex = explain(engine, "expense_per_tonne")
    e = csv("expenses")
    e = e[e.station_id.isin(T1) & (e.month == "2026-10")]
    src = source(ex, "expense_sum")
    rec = reconcile(engine, src, Scope.everything())
    assert rec.rows == len(e)
    assert rec.total == pytest.approx(e.amount.sum() * 15 / 31)
    assert rec.matches


def test_nonfuel_recharge_and_plan_rows(engine) -> None:
    nf = csv("nonfuel_sales")
    nf = nf[nf.station_id.isin(T1) & (nf.ts >= "2026-10-01") & (nf.ts < "2026-10-16")]
    rc = csv("card_recharges")
    rc = rc[rc.station_id.isin(T1) & (rc.ts >= "2026-10-01") & (rc.ts < "2026-10-16")]
    pl = csv("plans")
    pl = pl[pl.station_id.isin(T1) & (pl.measure == "fuel_volume_t")]
    for ind, measure, rows, total in (
        ("nonfuel_revenue", "nonfuel_revenue_sum", len(nf), nf.revenue.sum()),
        ("recharge_amount", "recharge_sum", len(rc), rc.amount.sum()),
        # the plan of a month-to-date view is the whole month's plan
        ("fuel_volume_plan_completion", "plan__fuel_volume_t", 3,
         pl[pl.month == "2026-10"].target.sum()),
        # a YTD completion reads the year's plan rows, not the window's
        ("fuel_volume_ytd_completion", "plan__fuel_volume_t", 36,  # 3 stations × 12 months
         pl[pl.month.str.startswith("2026")].target.sum()),
    ):
        ex = explain(engine, ind)
        src = max((s for s in ex.sources if s.measure.id == measure),
                  key=lambda s: (s.window.end - s.window.start))
        rec = reconcile(engine, src, Scope.everything())
        assert (rec.rows, rec.total) == (rows, pytest.approx(total)), (ind, measure)
        assert rec.matches, (ind, measure)


def test_station_days_listed_per_station(engine) -> None:
    ex = explain(engine, "volume_per_station_day", ("team", "T2"))
    src = source(ex, "station_days")
    page = rows_page(engine, src, Scope.everything(), 0, 50)
    # S04 open all along: 15 days; S05 opened 2026-06-16: also 15 days in 10-01..10-15
    assert {r["station_id"]: r["measure_value"] for r in page.rows} == {"S04": 15, "S05": 15}
    assert reconcile(engine, src, Scope.everything()).matches


def test_warning_customers_are_the_list_the_count_reads(engine) -> None:
    ex = explain(engine, "churn_warning_customers", ("team", "T1"), OCT, None)
    src = source(ex, "customers_warning_n")
    page = rows_page(engine, src, Scope.everything(), 0, 50)
    # README of the fixture: K04 (69 % in the closed month), K07 (escalated), K15 (no liters)
    assert {r["customer_id"] for r in page.rows} == {"K04", "K07", "K15"}
    rec = reconcile(engine, src, Scope.everything())
    assert rec.total == 3 == src.value and rec.matches


def test_names_masked_without_pii_and_shown_with_it(engine) -> None:
    names = dict(zip(csv("customers").customer_id, csv("customers").name, strict=True))
    ex = explain(engine, "member_volume_share", scope=Scope.parse("team:T1", pii=False))
    src = source(ex, "fuel_tonnes_member")
    masked = rows_page(engine, src, Scope.parse("team:T1", pii=False), 0, 50).rows
    assert masked and all(r["name"] == names[r["customer_id"]][0] + "**" for r in masked)
    clear = rows_page(engine, src, Scope.parse("team:T1", pii=True), 0, 50).rows
    assert all(r["name"] == names[r["customer_id"]] for r in clear)
    assert all(r["phone"] is None or "****" in r["phone"] for r in masked)
    lst = source(explain(engine, "churn_warning_customers", scope=Scope.parse("team:T1")),
                 "customers_warning_n")
    rows = rows_page(engine, lst, Scope.parse("team:T1", pii=False), 0, 50).rows
    assert rows and all(r["name"].endswith("**") for r in rows)
    assert all(r["phone"] is None or r["phone"].count("*") == 4 for r in rows)


def test_scope_refuses_foreign_entities_and_aggregates_only(engine) -> None:
    with pytest.raises(ScopeError):
        explain(engine, "fuel_volume_t", ("team", "T1"), scope=Scope.parse("team:T3"))
    wall = Scope(all_stations=True, aggregates_only=True)
    with pytest.raises(PermissionError):
        explain(engine, "fuel_volume_t", scope=wall)
    src = source(explain(engine, "fuel_volume_t"), "fuel_tonnes")
    with pytest.raises(PermissionError):
        rows_page(engine, src, wall)
    with pytest.raises(PermissionError):
        reconcile(engine, src, wall)
    # a source replayed under a narrower scope lists only that scope's stations
    narrow = rows_page(engine, src, Scope.parse("station:S02"), 0, 500)
    assert narrow.rows and {r["station_id"] for r in narrow.rows} == {"S02"}
    assert Scope.nothing().is_empty
    with pytest.raises(ScopeError):
        explain(engine, "fuel_volume_t", scope=Scope.nothing())
