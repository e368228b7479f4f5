"""The demo generator writes a complete, consistent, realistic folder in the contract format.

Every check reads the written files back with pandas and recomputes the figure from the rows
(not from the generator's own state); expected ranges come from shared/docs/domain.md §4.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
from sqlalchemy import Date, DateTime, Float, Integer, String

from data.demo import generate, planted_anomalies
from data.schema import CONTRACT_TABLES

END = date(2026, 10, 20)  # mid-month: the last month is month-to-date
STATIONS, MONTHS = 12, 14
MONTH_COLUMNS = {("expenses", "month"), ("purchase_costs", "month"), ("plans", "month")}
OPTIONAL = {("fuel_sales", "customer_id"), ("nonfuel_sales", "customer_id"), ("customers", "phone"),
            ("customers", "manager_id"), ("stations", "lat"), ("stations", "lon"),
            ("campaigns", "threshold_amount")}


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Path, dict[str, int]]:
    out = tmp_path_factory.mktemp("demo")
    counts = generate(out, stations=STATIONS, months=MONTHS, seed=7, end_date=END, progress=False)
    return out, counts


@pytest.fixture(scope="module")
def t(demo):
    """Lazy table reader over the demo folder."""
    out, _ = demo
    cache: dict[str, pd.DataFrame] = {}

    def read(name: str) -> pd.DataFrame:
        if name not in cache:
            cache[name] = pd.read_parquet(out / f"{name}.parquet")
        return cache[name]

    return read


@pytest.fixture(scope="module")
def fuel(t) -> pd.DataFrame:
    """Fuel rows with month, date, kind and tonnes (tonnes = liters × density / 1000)."""
    f = t("fuel_sales").merge(t("products")[["product_code", "kind", "density_kg_per_l"]],
                              on="product_code")
    f["month"] = f.ts.to_numpy().astype("datetime64[M]").astype(str)
    f["date"] = f.ts.dt.normalize()
    f["tonnes"] = f.liters * f.density_kg_per_l / 1000
    return f


def test_every_contract_table_is_written_with_its_row_count(demo):
    out, counts = demo
    for table in CONTRACT_TABLES:
        path = out / f"{table.name}.parquet"
        assert path.exists(), table.name
        assert pq.ParquetFile(path).metadata.num_rows == counts[table.name] > 0


def _expected_arrow_type(table: str, column, arrow_type) -> bool:
    if (table, column.name) in MONTH_COLUMNS:
        return str(arrow_type) == "string"
    kind = type(column.type)
    if issubclass(kind, DateTime):
        return str(arrow_type).startswith("timestamp")
    if issubclass(kind, Date):
        return str(arrow_type) == "date32[day]"
    if issubclass(kind, Integer):
        return str(arrow_type) in ("int32", "int64")
    if issubclass(kind, Float):
        return str(arrow_type) == "double"
    assert issubclass(kind, String)
    return str(arrow_type) == "string"


def test_columns_and_types_follow_the_contract(demo):
    out, _ = demo
    for table in CONTRACT_TABLES:
        schema = pq.read_schema(out / f"{table.name}.parquet")
        assert sorted(schema.names) == sorted(c.name for c in table.columns), table.name
        for column in table.columns:
            assert _expected_arrow_type(table.name, column, schema.field(column.name).type), (
                table.name, column.name, schema.field(column.name).type)


def test_only_optional_columns_have_nulls_and_months_are_yyyy_mm(demo, t):
    out, _ = demo
    for table in CONTRACT_TABLES:
        required = [c.name for c in table.columns if (table.name, c.name) not in OPTIONAL]
        counts = ", ".join(f'count("{c}")' for c in required)
        row = duckdb.sql(f"SELECT count(*), {counts} FROM '{out / table.name}.parquet'").fetchall()[0]
        assert set(row[1:]) == {row[0]}, table.name
    for table, col in MONTH_COLUMNS:
        assert t(table)[col].str.fullmatch(r"\d{4}-\d{2}").all()


def test_keys_are_unique(demo):
    out, _ = demo
    keys = {"fuel_sales": ["txn_id"], "nonfuel_sales": ["basket_id", "line_no"],
            "card_recharges": ["recharge_id"], "customers": ["customer_id"],
            "stations": ["station_id"], "expenses": ["month", "station_id", "category"],
            "purchase_costs": ["month", "product_code"], "plans": ["month", "station_id", "measure"],
            "campaigns": ["campaign_id"], "campaign_stations": ["campaign_id", "station_id"]}
    for table, cols in keys.items():
        key = ", ".join(cols)
        dupes = duckdb.sql(f"SELECT count(*) FROM (SELECT {key} FROM '{out / table}.parquet' "
                           f"GROUP BY {key} HAVING count(*) > 1)").fetchall()[0][0]
        assert dupes == 0, table


def test_references_exist(demo):
    out, _ = demo
    refs = [(table, "station_id", "stations", "station_id") for table in (
        "fuel_sales", "nonfuel_sales", "card_recharges", "expenses", "plans", "campaign_stations")]
    refs += [(table, "customer_id", "customers", "customer_id") for table in (
        "fuel_sales", "nonfuel_sales", "card_recharges")]
    refs += [("customers", "home_station_id", "stations", "station_id"),
             ("fuel_sales", "product_code", "products", "product_code"),
             ("purchase_costs", "product_code", "products", "product_code"),
             ("campaign_stations", "campaign_id", "campaigns", "campaign_id"),
             ("campaigns", "campaign_id", "campaign_stations", "campaign_id")]
    for table, col, ref, ref_col in refs:
        missing = duckdb.sql(
            f"SELECT count(*) FROM '{out / table}.parquet' WHERE {col} IS NOT NULL "
            f"AND {col} NOT IN (SELECT {ref_col} FROM '{out / ref}.parquet')").fetchall()[0][0]
        assert missing == 0, (table, col)


def test_window_is_whole_months_up_to_the_end_date(fuel, t):
    assert fuel.ts.min() >= pd.Timestamp("2025-09-01")
    assert fuel.date.max() == pd.Timestamp(END)
    months = sorted(fuel.month.unique())
    assert len(months) == MONTHS and months[0] == "2025-09" and months[-1] == "2026-10"
    assert t("card_recharges").ts.max() < pd.Timestamp("2026-10-21")


def test_organisation_has_teams_of_5_to_15_and_a_station_opened_in_the_window(t):
    st = t("stations")
    assert st.groupby("team_id").size().between(5, 15).all()
    assert st.province_id.nunique() == 1 and st.city_id.nunique() >= 2
    assert (st.opened_on > date(2025, 9, 1)).sum() >= 1
    assert set(st.location_type) <= {"urban", "suburban", "highway", "rural"}


def test_volumes_and_tickets_are_those_of_real_stations(fuel, t):
    per_day = fuel.groupby("station_id").tonnes.sum() / fuel.groupby("station_id").date.nunique()
    urban = t("stations").set_index("station_id").location_type == "urban"
    assert 10 <= per_day[urban].max() <= 20  # the busy urban stations
    assert 2 <= per_day.median() <= 15
    assert 150 <= fuel.paid_amount.median() <= 250
    bands = (fuel.paid_amount // 20 * 20).value_counts()
    assert bands.index[0] == 200  # the 200–220 yuan band is the most crowded


def test_member_share_price_realisation_and_margin(fuel, t):
    member = fuel[fuel.customer_id.notna()].tonnes.sum() / fuel.tonnes.sum()
    assert 0.55 <= member <= 0.75
    realisation = fuel.paid_amount.sum() / (fuel.liters * fuel.list_price).sum()
    assert 0.93 <= realisation <= 0.99
    f = fuel.merge(t("purchase_costs"), on=["month", "product_code"])
    margin = (f.paid_amount - f.liters * f.cost_per_liter).groupby(f.kind).sum() / f.groupby("kind").tonnes.sum()
    assert 600 <= margin["gasoline"] <= 1200  # yuan per tonne, tax-inclusive
    assert 250 <= margin["diesel"] <= 800


def test_nonfuel_recharges_and_expenses_are_in_range(fuel, t):
    nf = t("nonfuel_sales")
    assert 1.3 <= len(nf) / nf.basket_id.nunique() <= 2.0
    assert 0.15 <= 1 - nf.cost.sum() / nf.revenue.sum() <= 0.28
    assert 200 <= nf.revenue.sum() / fuel.tonnes.sum() <= 600
    rc = t("card_recharges")
    card = fuel[fuel.payment_method == "card"].paid_amount.sum()
    assert 0.85 <= rc.amount.sum() / card <= 1.15
    assert 0.003 <= rc.bonus.sum() / rc.amount.sum() <= 0.025
    ex = t("expenses")
    closed = ex[ex.month < "2026-10"]
    per_tonne = closed.amount.sum() / fuel[fuel.month < "2026-10"].tonnes.sum()
    assert 250 <= per_tonne <= 650
    assert set(ex.category) == {"labour", "utilities", "repairs", "depreciation", "marketing",
                                "rent", "other"}


def test_every_month_has_purchase_costs_and_plans(t, fuel):
    pc = t("purchase_costs")
    months = sorted(fuel.month.unique())
    assert pc.groupby("month").product_code.nunique().reindex(months).eq(5).all()
    f = fuel.merge(pc, on=["month", "product_code"])
    assert (f.cost_per_liter < f.list_price).all()
    pl = t("plans")
    st = t("stations")
    for month in months:
        open_ids = set(st[st.opened_on.astype(str) < f"{month}-32"].station_id)
        got = pl[pl.month == month]
        assert set(got.station_id) == open_ids, month
        assert got.groupby("station_id").measure.nunique().eq(8).all(), month


def test_some_teams_beat_their_volume_plan_and_others_miss(fuel, t):
    st = t("stations")[["station_id", "team_id"]]
    pl = t("plans")
    months = ["2026-07", "2026-08", "2026-09"]  # the last three closed months
    plans = pl[pl.month.isin(months) & (pl.measure == "fuel_volume_t")]
    target = plans.merge(st).groupby("team_id").target.sum()
    actual = fuel[fuel.month.isin(months)].merge(st).groupby("team_id").tonnes.sum()
    completion = actual / target
    assert completion.min() < 0.98 and completion.max() > 1.0
    assert completion.between(0.8, 1.2).all()


def _monthly_liters(fuel: pd.DataFrame) -> pd.DataFrame:
    members = fuel[fuel.customer_id.notna()]
    return members.groupby(["customer_id", "month"]).liters.sum().unstack(fill_value=0.0)


def test_churn_warnings_lost_dormant_returning_and_transferred_customers_exist(fuel, t):
    cm = _monthly_liters(fuel)
    months = list(cm.columns)
    m = months.index("2026-09")
    bought = cm.to_numpy() > 0
    upto = bought[:, : m + 1]
    last = np.where(upto.any(axis=1), m - np.argmax(upto[:, ::-1], axis=1), -1)
    k = np.where(last >= 0, m - last, -1)
    assert ((k >= 0) & (k <= 3)).sum() > 1000  # active
    assert ((k >= 4) & (k <= 7)).sum() > 50  # lost
    assert (k >= 8).sum() > 0  # dormant
    avg = cm.to_numpy()[:, m - 3 : m].mean(axis=1)
    warned = (avg > 0) & (cm.to_numpy()[:, m] < 0.7 * avg)
    assert warned.sum() > 50
    # came back: a gap of 4+ months without purchase, then purchases again
    gaps = [re.search(r"10000+1", "".join("1" if b else "0" for b in row)) for row in bought]
    assert sum(g is not None for g in gaps) > 10
    # moved: bought at home first, later only at another station
    home = t("customers").set_index("customer_id").home_station_id
    first = fuel.sort_values("ts").groupby("customer_id").station_id.agg(["first", "last"])
    moved = (first["first"] == home.reindex(first.index)) & (first["last"] != first["first"])
    assert moved.sum() >= 5


def test_no_member_buys_before_registering_or_before_the_station_opened(fuel, t):
    cu = t("customers").set_index("customer_id")
    first = fuel[fuel.customer_id.notna()].groupby("customer_id").ts.min()
    assert (first.dt.normalize() >= pd.to_datetime(cu.registered_on.reindex(first.index))).all()
    opened = pd.to_datetime(t("stations").set_index("station_id").opened_on)
    assert (fuel.date >= opened.reindex(fuel.station_id).to_numpy()).all()
    assert (pd.to_datetime(cu.registered_on) >= opened.reindex(cu.home_station_id).to_numpy()).all()


def test_customers_look_real(t):
    cu = t("customers")
    assert cu.name.str.fullmatch(r"[\u4e00-\u9fff]{2,}").all()
    assert cu.phone.dropna().str.fullmatch(r"1[3-9]\d{9}").all()
    shares = cu.grade.value_counts(normalize=True)
    assert shares["normal"] > 0.8 and {"gold", "platinum", "diamond"} <= set(shares.index)
    assert (cu.kind == "fleet").sum() > 20
    assert cu[cu.kind == "fleet"].manager_id.notna().all()


def test_campaigns_have_kinds_thresholds_and_stations(t):
    ca = t("campaigns")
    assert set(ca.kind) == {"discount", "gift", "threshold", "recharge_bonus"}
    assert ca[ca.kind == "threshold"].threshold_amount.notna().all()
    assert ca[ca.kind == "discount"].threshold_amount.isna().all()
    assert (ca.end_date >= ca.start_date).all()
    assert ca.cost.between(5_000, 200_000).all()


def test_planted_anomalies_are_there(fuel, t):
    ids = planted_anomalies(STATIONS, END)
    drop = fuel[fuel.station_id == ids["drop_station"]].groupby("date").tonnes.sum()
    assert drop[pd.Timestamp(END)] < 0.4 * drop.iloc[-29:-1].median()
    last = fuel[fuel.month == "2026-10"]
    rate = 1 - last.paid_amount / (last.liters * last.list_price)
    abnormal = (rate > 0.08).groupby(last.station_id).mean()
    assert abnormal[ids["discount_station"]] > 0.05
    assert abnormal.drop(ids["discount_station"]).max() < 0.02
    key = _monthly_liters(fuel).loc[ids["key_fleet_customer"]]
    usual = key[["2026-05", "2026-06", "2026-07"]].mean()
    assert key["2026-08"] > 0.7 * usual
    assert key["2026-09"] < 0.35 * usual
    assert key["2026-10"] < 0.35 * usual * (20 / 31) / 0.7
    customer = t("customers").set_index("customer_id").loc[ids["key_fleet_customer"]]
    assert customer.kind == "fleet" and customer.grade in ("gold", "platinum", "diamond")


def test_same_seed_gives_byte_identical_files_and_another_seed_differs(tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    for out, seed in ((a, 3), (b, 3), (c, 4)):
        generate(out, stations=5, months=2, seed=seed, end_date=END, progress=False)
    for path in sorted(a.iterdir()):
        assert path.read_bytes() == (b / path.name).read_bytes(), path.name
    assert (a / "fuel_sales.parquet").read_bytes() != (c / "fuel_sales.parquet").read_bytes()


def test_csv_follows_the_text_conventions(tmp_path):
    counts = generate(tmp_path, stations=5, months=2, end_date=END, fmt="csv", progress=False)
    fuel = pd.read_csv(tmp_path / "fuel_sales.csv", dtype=str, keep_default_na=False)
    assert len(fuel) == counts["fuel_sales"]
    assert fuel.ts.str.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}").all()
    assert (fuel.customer_id == "").any() and fuel.customer_id.str.fullmatch(r"(C\d{7})?").all()
    assert fuel.liters.str.fullmatch(r"\d+(\.\d{1,3})?").all()
    assert fuel.paid_amount.str.fullmatch(r"\d+(\.\d{1,2})?").all()
    plans = pd.read_csv(tmp_path / "plans.csv", dtype=str)
    assert plans.month.str.fullmatch(r"\d{4}-\d{2}").all()
    stations = pd.read_csv(tmp_path / "stations.csv", dtype=str)
    assert stations.opened_on.str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    assert not list(tmp_path.glob("*.parquet"))


def test_bad_arguments_are_refused(tmp_path):
    with pytest.raises(ValueError):
        generate(tmp_path, stations=5, months=2, end_date=END, fmt="xlsx", progress=False)
    with pytest.raises(ValueError):
        generate(tmp_path, stations=0, months=2, end_date=END, progress=False)


def test_campaign_stations_show_an_uplift_against_their_city(fuel, t):
    """Difference in differences over all fuel campaigns: during vs the same length before,
    campaign stations vs the other stations of the city; the mean log-ratio is positive."""
    st = t("stations").set_index("station_id").city_id
    daily = fuel.groupby(["station_id", "date"]).tonnes.sum().unstack(fill_value=0.0)
    links = t("campaign_stations").groupby("campaign_id").station_id.apply(set)
    ratios = []
    for c in t("campaigns").itertuples():
        if c.kind == "recharge_bonus":
            continue
        start, end = pd.Timestamp(c.start_date), min(pd.Timestamp(c.end_date), pd.Timestamp(END))
        length = end - start
        pre = daily.loc[:, (daily.columns >= start - length - pd.Timedelta(days=1)) & (daily.columns < start)]
        during = daily.loc[:, (daily.columns >= start) & (daily.columns <= end)]
        if pre.shape[1] < 3 or during.shape[1] < 3:
            continue
        inside = sorted(links[c.campaign_id])
        city = st[inside[0]]
        control = [s for s in st[st == city].index
                   if s not in links[c.campaign_id] and (pre.loc[s] > 0).all()]
        if not control:
            continue
        trend = [during.loc[g].sum().mean() / pre.loc[g].sum().mean() for g in (inside, control)]
        ratios.append(np.log(trend[0] / trend[1]))
    assert len(ratios) >= 10
    assert np.mean(ratios) > 0.01


def test_weekly_and_spring_festival_patterns(fuel):
    daily = fuel.groupby(["date", "kind"]).tonnes.sum().unstack()
    weekend = daily.index.dayofweek >= 4  # Friday to Sunday
    assert daily.gasoline[weekend].mean() > 1.03 * daily.gasoline[~weekend].mean()
    assert daily.diesel[~weekend].mean() > 1.05 * daily.diesel[weekend].mean()
    festival = daily.loc["2026-02-14":"2026-02-28"].diesel.mean()  # Spring Festival 2026-02-17
    assert festival < 0.8 * daily.loc["2026-01-05":"2026-01-25"].diesel.mean()


def test_prices_move_every_ten_working_days_and_payments_mix(fuel):
    g92 = fuel[fuel.product_code == "G92"].groupby("date").list_price.agg(["min", "max"])
    assert (g92["min"] == g92["max"]).all()  # one guide price a day
    changes = g92.index[g92["min"].diff().fillna(0) != 0]
    assert 15 <= len(changes) <= 32  # 14 months of 14-day windows, some unchanged
    assert (changes[1:] - changes[:-1]).days.min() >= 14
    mix = fuel.groupby("payment_method").paid_amount.sum() / fuel.paid_amount.sum()
    assert 0.3 <= mix["card"] <= 0.5 and 0.4 <= mix["mobile"] <= 0.6
    assert mix["cash"] < 0.08 and mix["bankcard"] < 0.12
