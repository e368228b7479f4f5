"""Rows behind provider counts (metrics/explain_rows_providers.py) against pandas on the oracle
fixture: the station-days and customers listed are the ones pandas finds from the definitions
(tests/metrics/oracle, written without the compiler), and their number is the provider's value
the metrics layer computed. DuckDB, and PostgreSQL when a server is given."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from data.scope import Scope
from metrics.explain_rows import reconcile, rows_explanation, rows_page
from metrics.periods import Period, Window
from metrics.special import base as special_base
from tests.metrics.fixture import fixture_engines
from tests.metrics.oracle import frames as F
from tests.metrics.oracle.customer_status import (
    customers_with_status,
    member_purchases,
    months_since_last,
)
from tests.metrics.oracle.customers import _f_and_m
from tests.metrics.oracle.marketing import _quantities

OCT, SEP = Period.parse("2026-10"), Period.parse("2026-09")
AS_OF = date(2026, 10, 15)
EVERYTHING = Scope.everything()


@pytest.fixture(scope="module", params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request, tmp_path_factory):
    """The fixture folder imported into DuckDB and PostgreSQL."""
    yield from fixture_engines(request, tmp_path_factory, "explain_rows_prov")


@pytest.fixture(scope="module")
def fr() -> F.Frames:
    return F.load()


def window(period: Period, as_of: date | None) -> Window:
    end = min(period.end, as_of) if as_of else period.end
    return Window(period, period.start, end)


def listed(engine, ind: str, measure: str, entity, period=OCT, as_of=AS_OF, scope=EVERYTHING):
    """(source, all listed rows) after checking count = total = the layer's value."""
    ex = rows_explanation(engine, ind, entity, period, as_of, scope)
    src = next(s for s in ex.sources if s.measure.id == measure)
    assert src.listing == "provider"
    rec = reconcile(engine, src, scope)
    page = rows_page(engine, src, scope, 0, 10_000)
    assert rec.rows == rec.total == src.value == page.total_rows == len(page.rows)
    assert rec.matches
    return src, page.rows


# ---- pandas: what each provider counts, from the definitions -------------------------------

def daily(fr, sts) -> dict:
    f = fr.fuel[fr.fuel["station_id"].isin(sts)]
    g = f.groupby(["station_id", f["day"].dt.date])["tonnes"].sum()
    return {k: float(v) for k, v in g.items()}


def anomaly_days(fr, level, eid, win) -> tuple[set, set, dict]:
    """(anomalies, days with history, usual tonnes per day) per (station, day)."""
    st = fr.stations.set_index("station_id")
    t = daily(fr, sorted(F.station_ids(fr, level, eid)))
    anomalies, history, usual = set(), set(), {}
    for s in sorted(F.station_ids(fr, level, eid)):
        for d in (win.start + timedelta(days=i) for i in range(win.days)):
            if st.loc[s, "opened_on"] > d - timedelta(days=28):
                continue
            mean = sum(t.get((s, d - timedelta(days=7 * j)), 0.0) for j in (1, 2, 3, 4)) / 4
            if mean > 0:
                history.add((s, d))
                usual[(s, d)] = mean
                if t.get((s, d), 0.0) < 0.7 * mean:
                    anomalies.add((s, d))
    return anomalies, history, usual


def stockouts(fr, level, eid, win) -> set:
    sts = F.station_ids(fr, level, eid)
    f = fr.fuel[fr.fuel["station_id"].isin(sts)]
    sold = set(zip(f["station_id"], f["product_code"], f["day"].dt.date, strict=True))
    out = set()
    for s in sorted(sts):
        for p in sorted({p for (x, p, _d) in sold if x == s}):
            for d in (win.start + timedelta(days=i) for i in range(win.days)):
                before = sum((s, p, d - timedelta(days=j)) in sold for j in range(1, 29))
                if (s, p, d) not in sold and before >= 23:
                    out.add((s, p, d))
    return out


# ---- tests -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("entity", "period", "as_of"), [
    (("team", "T1"), OCT, AS_OF), (("team", "T2"), SEP, None), (("province", "P1"), SEP, None)])
def test_anomaly_station_days_are_pandas_days(engine, fr, entity, period, as_of) -> None:
    win = window(period, as_of)
    want_anom, want_hist, usual = anomaly_days(fr, *entity, win)
    _, rows = listed(engine, "volume_anomaly_rate", "anomaly_station_days", entity, period, as_of)
    assert {(r["station_id"], r["day"]) for r in rows} == want_anom
    _, hist = listed(engine, "volume_anomaly_rate", "station_days_with_history", entity, period,
                     as_of)
    assert {(r["station_id"], r["day"]) for r in hist} == want_hist and want_hist
    for r in hist:  # the usual level shown is the four-weekday mean, the flag the 70 % rule
        assert r["usual_tonnes"] == pytest.approx(usual[(r["station_id"], r["day"])])
        assert bool(r["anomaly"]) == ((r["station_id"], r["day"]) in want_anom)
    assert [(r["day"], r["station_id"]) for r in hist] == sorted(
        (r["day"], r["station_id"]) for r in hist)


def test_stockout_events_are_the_s07_run(engine, fr) -> None:
    win = window(OCT, None)
    want = stockouts(fr, "team", "T3", win)
    assert len(want) == 6 and all(s == "S07" for s, _p, _d in want)  # README: the G92 regular
    _, rows = listed(engine, "suspected_stockout_events", "stockout_events", ("team", "T3"), OCT,
                     None)
    assert {(r["station_id"], r["product_code"], r["day"]) for r in rows} == want
    assert (date(2026, 10, 9) in {r["day"] for r in rows})
    assert all(r["days_sold_in_prev_28"] >= 23 for r in rows)


@pytest.mark.parametrize("entity", [("team", "T1"), ("province", "P1")])
def test_active_nozzle_days_are_distinct_sales_days(engine, fr, entity) -> None:
    f = F.fuel(fr, *entity, window(OCT, AS_OF))
    want = set(zip(f["station_id"], f["nozzle_no"], f["day"].dt.date, strict=True))
    _, rows = listed(engine, "nozzle_active_rate", "active_nozzle_days", entity)
    assert {(r["station_id"], r["nozzle_no"], r["day"]) for r in rows} == want
    liters = f.groupby(["station_id", "nozzle_no", f["day"].dt.date])["liters"].sum()
    assert {(r["station_id"], r["nozzle_no"], r["day"]): r["liters"] for r in rows} == \
        pytest.approx(liters.to_dict())


def new_members(fr, level, eid, win) -> tuple[set, set]:
    """(registered in the month before the window's last month, of them activated: a first
    purchase at the entity within 30 days of registering)."""
    prev = (win.end.replace(day=1) - timedelta(days=1)).replace(day=1)
    cu = fr.customers
    new = cu[cu["home_station_id"].isin(F.station_ids(fr, level, eid))
             & cu["registered_on"].map(lambda d: d.replace(day=1) == prev)]
    first = member_purchases(fr, level, eid, win.end).groupby("customer_id")["ts"].min()
    act = {c for c, reg in zip(new["customer_id"], new["registered_on"], strict=True)
           if c in first.index and first[c].date() <= reg + timedelta(days=30)}
    return set(new["customer_id"]), act


@pytest.mark.parametrize(("entity", "period"), [(("province", "P1"), SEP), (("team", "T2"), SEP),
                                                (("province", "P1"), OCT)])
def test_activation_lists_the_new_members(engine, fr, entity, period) -> None:
    new, act = new_members(fr, *entity, window(period, None))
    _, reg = listed(engine, "new_member_activation_rate", "customers_registered_prev_n", entity,
                    period, None)
    assert {r["customer_id"] for r in reg} == new
    _, rows = listed(engine, "new_member_activation_rate", "customers_activated_n", entity,
                     period, None)
    assert {r["customer_id"] for r in rows} == act
    if entity == ("province", "P1") and period == SEP:
        assert len(new) == 2 and len(act) == 1  # one of the two September registrations bought


@pytest.mark.parametrize("entity", [("team", "T1"), ("province", "P1")])
def test_managed_customers_and_managers(engine, fr, entity) -> None:
    win = window(SEP, None)
    cu = fr.customers
    home = cu[cu["home_station_id"].isin(F.station_ids(fr, *entity))
              & (cu["registered_on"] <= win.end) & (cu["manager_id"] != "")]
    buys = member_purchases(fr, *entity, win.end)
    bought = set(buys.loc[F.in_window(buys, win), "customer_id"])
    active = customers_with_status(fr, *entity, win, "active")
    ind = "managed_customer_purchase_rate"
    _, total = listed(engine, ind, "managed_total_n", entity, SEP, None)
    assert {r["customer_id"] for r in total} == set(home["customer_id"])
    _, buyers = listed(engine, ind, "managed_buyers_n", entity, SEP, None)
    assert {r["customer_id"] for r in buyers} == set(home["customer_id"]) & bought
    ind = "active_customers_per_manager"
    _, act = listed(engine, ind, "managed_active_n", entity, SEP, None)
    assert {r["customer_id"] for r in act} == set(home["customer_id"]) & active
    _, managers = listed(engine, ind, "managers_n", entity, SEP, None)
    counts = home.groupby("manager_id")["customer_id"].count().to_dict()
    assert {r["manager_id"]: r["home_customers"] for r in managers} == counts


@pytest.mark.parametrize(("entity", "period", "as_of"), [
    (("team", "T1"), SEP, None), (("province", "P1"), OCT, AS_OF), (("team", "T2"), OCT, AS_OF)])
def test_rfm_high_value_customers_beside_the_medians(engine, fr, entity, period, as_of) -> None:
    win = window(period, as_of)
    lo = win.end - timedelta(days=89)
    p_active = customers_with_status(fr, "province", "P1", win, "active")
    p_fm = _f_and_m(member_purchases(fr, "province", "P1", win.end), lo, win.end)
    p_fm = p_fm.reindex(sorted(p_active)).fillna({"f": 0, "m": 0})
    f_med, m_med = p_fm["f"].median(), p_fm["m"].median()
    fm = _f_and_m(member_purchases(fr, *entity, win.end), lo, win.end)
    active = customers_with_status(fr, *entity, win, "active")
    high = {c for c, r in fm.iterrows() if c in active and (win.end - r["last"].date()).days <= 30
            and r["f"] >= f_med and r["m"] >= m_med}
    _, base = listed(engine, "rfm_high_value_share", "rfm_base_n", entity, period, as_of)
    assert {r["customer_id"] for r in base} == active
    _, rows = listed(engine, "rfm_high_value_share", "rfm_high_n", entity, period, as_of)
    assert {r["customer_id"] for r in rows} == high
    for r in rows:
        assert float(r["transactions_90d"]) == fm.loc[r["customer_id"], "f"]  # numeric on PG
        assert float(r["paid_90d"]) == pytest.approx(fm.loc[r["customer_id"], "m"])
        assert r["province_median_transactions"] == pytest.approx(f_med)
        assert r["province_median_paid"] == pytest.approx(m_med)


def test_names_masked_scope_narrowed_wall_refused(engine, fr) -> None:
    names = dict(zip(fr.customers["customer_id"], fr.customers["name"], strict=True))
    masked = Scope.parse("province", pii=False)
    _, rows = listed(engine, "rfm_high_value_share", "rfm_base_n", ("province", "P1"), SEP, None,
                     masked)
    assert rows and all(r["name"] == names[r["customer_id"]][0] + "**" for r in rows)
    _, clear = listed(engine, "rfm_high_value_share", "rfm_base_n", ("province", "P1"), SEP,
                      None, Scope.parse("province", pii=True))
    assert all(r["name"] == names[r["customer_id"]] for r in clear)
    src, _ = listed(engine, "nozzle_active_rate", "active_nozzle_days", ("team", "T1"))
    narrow = rows_page(engine, src, Scope.parse("station:S02"), 0, 10_000).rows
    assert narrow and {r["station_id"] for r in narrow} == {"S02"}
    wall = Scope(all_stations=True, aggregates_only=True)
    with pytest.raises(PermissionError):
        rows_page(engine, src, wall)
    with pytest.raises(PermissionError):
        reconcile(engine, src, wall)


def campaign_cells(fr, level, eid, win) -> dict:
    """Per (campaign, member station of the entity): each output's share, as the oracle's
    campaign_effect sums them (tests/metrics/oracle/marketing.py), one cell at a time."""
    ent, st, out = F.station_ids(fr, level, eid), fr.stations.set_index("station_id"), {}
    for _, c in fr.campaigns.iterrows():
        start, end = pd.Timestamp(c["start_date"]).date(), pd.Timestamp(c["end_date"]).date()
        if start > win.end or end < win.start:
            continue
        members = set(fr.campaign_stations.loc[fr.campaign_stations["campaign_id"]
                                               == c["campaign_id"], "station_id"])
        length = (end - start).days + 1
        d_lo, d_hi = max(start, win.start), min(end, win.end)
        n = (d_hi - d_lo).days + 1
        p_lo, p_hi = start - timedelta(days=length), start - timedelta(days=1)
        for s in sorted(members & ent):
            control = {x for x in st.index if st.loc[x, "city_id"] == st.loc[s, "city_id"]
                       and x not in members and st.loc[x, "opened_on"] <= p_lo}
            cd, cp = _quantities(fr, control, d_lo, d_hi), _quantities(fr, control, p_lo, p_hi)
            sd, sp = _quantities(fr, {s}, d_lo, d_hi), _quantities(fr, {s}, p_lo, p_hi)
            base = {q: n * sp[q] / length * ((cd[q] / n) / (cp[q] / length) if cp[q] > 0 else 1.0)
                    for q in ("t", "gp", "nf")}
            out[(c["campaign_id"], s)] = {
                "campaign_incremental_t": sd["t"] - base["t"], "campaign_baseline_t": base["t"],
                "campaign_incremental_gp": sd["gp"] - base["gp"],
                "campaign_incremental_nonfuel": sd["nf"] - base["nf"],
                "campaign_baseline_nonfuel": base["nf"],
                "campaign_incremental_cost": (c["cost"] / len(members) * n / length
                                              + sd["disc"] - n * sp["disc"] / length)}
    return out


@pytest.mark.parametrize(("entity", "period", "cells"), [
    (("team", "T1"), SEP, {("CP1", "S01"), ("CP1", "S02")}), (("team", "T3"), OCT, {("CP2", "S06")}),
    (("team", "T1"), OCT, set())])
def test_campaign_cells_add_up_to_the_effect(engine, fr, entity, period, cells) -> None:
    want = campaign_cells(fr, *entity, window(period, None))
    assert set(want) == cells
    for ind, measure in (("campaign_volume_uplift", "campaign_incremental_t"),
                         ("campaign_volume_uplift", "campaign_baseline_t"),
                         ("campaign_roi", "campaign_incremental_gp"),
                         ("campaign_roi", "campaign_incremental_cost"),
                         ("campaign_nonfuel_uplift", "campaign_incremental_nonfuel"),
                         ("campaign_nonfuel_uplift", "campaign_baseline_nonfuel")):
        ex = rows_explanation(engine, ind, entity, period, None, EVERYTHING)
        src = next(s for s in ex.sources if s.measure.id == measure)
        assert src.listing == "provider"
        rows = rows_page(engine, src, EVERYTHING, 0, 100).rows
        got = {(r["campaign_id"], r["station_id"]): r["measure_value"] for r in rows}
        assert got == pytest.approx({k: v[measure] for k, v in want.items()}), measure
        rec = reconcile(engine, src, EVERYTHING)
        assert rec.rows == len(cells) and rec.matches
        assert rec.total == pytest.approx(sum(v[measure] for v in want.values()), abs=1e-9)


def test_raw_path_lists_the_same_customers(engine, monkeypatch) -> None:
    """AMOEBA_ROLLUPS=0: the providers read raw rows; the listings follow and still reconcile."""
    ind, ent = "rfm_high_value_share", ("province", "P1")
    with_rollup = {m: {r["customer_id"] for r in listed(engine, ind, m, ent, OCT, AS_OF)[1]}
                   for m in ("rfm_high_n", "rfm_base_n")}
    monkeypatch.setattr(special_base, "ROLLUPS", False)
    for m, want in with_rollup.items():
        src, rows = listed(engine, ind, m, ent, OCT, AS_OF)
        assert {r["customer_id"] for r in rows} == want
    _, act = listed(engine, "new_member_activation_rate", "customers_activated_n", ent, SEP, None)
    assert len(act) == 1


@pytest.mark.parametrize(("entity", "period", "as_of"), [
    (("team", "T1"), OCT, None), (("team", "T1"), SEP, None), (("province", "P1"), OCT, AS_OF),
    (("team", "T2"), SEP, None)])
def test_status_customers_beyond_the_lists(engine, fr, entity, period, as_of) -> None:
    """key/fleet-key, churned, recovered and loyal customers: the oracle's sets."""
    win = window(period, as_of)
    cu = fr.customers
    gold = set(cu.loc[cu["grade"].isin(("gold", "platinum", "diamond")), "customer_id"])
    fleet_key = gold | set(cu.loc[cu["kind"] == "fleet", "customer_id"])
    prev = (win.end.replace(day=1) - timedelta(days=1)).replace(day=1)
    active = customers_with_status(fr, *entity, win, "active")
    active_prev = customers_with_status(fr, *entity, win, "active", prev)
    lost_prev = customers_with_status(fr, *entity, win, "lost", prev)
    ks = months_since_last(fr, *entity, win)
    want = {
        ("key_active_customers", "customers_key_active_n"): active & gold,
        ("fleet_key_warning_rate", "customers_fleet_key_active_n"): active & fleet_key,
        ("churn_rate", "customers_active_prev_n"): active_prev,
        ("churn_rate", "customers_churned_now_n"): {c for c in active_prev if ks.get(c) == 4},
        ("lost_customer_recovery_rate", "customers_lost_prev_n"): lost_prev,
        ("lost_customer_recovery_rate", "customers_recovered_n"):
            {c for c in lost_prev if ks.get(c) == 0},
    }
    if (entity, period) == (("team", "T1"), SEP):  # README: K02, K08 last bought at T1 in 05
        assert want[("churn_rate", "customers_churned_now_n")] == {"K02", "K08"}
    for (ind, measure), customers in want.items():
        _, rows = listed(engine, ind, measure, entity, period, as_of)
        assert {r["customer_id"] for r in rows} == customers, measure
    buys = member_purchases(fr, *entity, win.end)
    months = {F.month_key(win.end.replace(day=1))} | {F.month_key(d) for d in (
        prev, (prev - timedelta(days=1)).replace(day=1))}
    by = buys[buys["month"].isin(months)].groupby("customer_id")["month"].nunique()
    now = buys[buys["month"] == F.month_key(win.end.replace(day=1))]
    loyal = now[now["customer_id"].isin(set(by[by == 3].index))]
    ex = rows_explanation(engine, "loyal_customer_share", entity, period, as_of, EVERYTHING)
    src = next(s for s in ex.sources if s.measure.id == "loyal_liters")
    rows = rows_page(engine, src, EVERYTHING, 0, 1000).rows
    assert {r["customer_id"]: r["measure_value"] for r in rows} == pytest.approx(
        loyal.groupby("customer_id")["liters"].sum().to_dict())
    rec = reconcile(engine, src, EVERYTHING)
    assert rec.matches and rec.total == pytest.approx(loyal["liters"].sum())
