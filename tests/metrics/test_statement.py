"""The operating statement against an independent pandas computation on the oracle fixture.

pandas reads the fixture CSVs directly (never the store, never metrics code) and computes each
line for team T1 (stations S01–S03) and station S03 (no store, no rent) for a month, a quarter,
a year-to-date and a month-to-date (expenses of the as-of month pro rata, plans whole).
"""

from __future__ import annotations

import calendar
from datetime import date

import pandas as pd
import pytest

from data.scope import Scope
from data.store import reader_engine
from metrics.periods import Level, Period
from metrics.statement import (
    LINES,
    StatementRequest,
    build,
    by_children,
    expand,
    registry,
    statement_period,
)
from tests.metrics.fixture import DATA, build_store

TEAM_STATIONS = {"T1": ["S01", "S02", "S03"], "S03": ["S03"]}
EXP_CATS = {"labour_cost": "labour", "stmt_expense_utilities": "utilities",
            "repairs_expense": "repairs", "stmt_expense_depreciation": "depreciation",
            "rent_expense": "rent", "marketing_expense": "marketing",
            "stmt_expense_other": "other"}


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    url = f"duckdb:///{tmp_path_factory.mktemp('stmt') / 'fixture.duckdb'}"
    build_store(url)
    eng = reader_engine(url)
    yield eng
    eng.dispose()


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    fuel = pd.read_csv(DATA / "fuel_sales.csv", parse_dates=["ts"])
    prod = pd.read_csv(DATA / "products.csv")
    costs = pd.read_csv(DATA / "purchase_costs.csv")
    fuel["month"] = fuel["ts"].dt.strftime("%Y-%m")
    fuel = fuel.merge(prod, on="product_code").merge(costs, on=["month", "product_code"])
    fuel["tonnes"] = fuel["liters"] * fuel["density_kg_per_l"] / 1000
    fuel["cost"] = fuel["liters"] * fuel["cost_per_liter"]
    nonfuel = pd.read_csv(DATA / "nonfuel_sales.csv", parse_dates=["ts"])
    return {"fuel": fuel, "nonfuel": nonfuel, "exp": pd.read_csv(DATA / "expenses.csv"),
            "plans": pd.read_csv(DATA / "plans.csv")}


def _in(df: pd.DataFrame, stations: list[str], start: date, end: date) -> pd.DataFrame:
    day = df["ts"].dt.date
    return df[df["station_id"].isin(stations) & (day >= start) & (day <= end)]


def _expense(exp: pd.DataFrame, stations: list[str], start: date, end: date,
             cat: str | None = None) -> float:
    """Σ amount × share of the month's days inside [start, end] (whole months count 1)."""
    rows = exp[exp["station_id"].isin(stations)]
    if cat:
        rows = rows[rows["category"] == cat]
    total = 0.0
    for month, amount in zip(rows["month"], rows["amount"], strict=True):
        y, m = map(int, month.split("-"))
        dim = calendar.monthrange(y, m)[1]
        lo, hi = max(date(y, m, 1), start), min(date(y, m, dim), end)
        if lo <= hi:
            total += amount * ((hi - lo).days + 1) / dim
    return total


def oracle(fr: dict[str, pd.DataFrame], stations: list[str], start: date, end: date) -> dict:
    """Every line's value over one window, by hand-written pandas."""
    f = _in(fr["fuel"], stations, start, end)
    n = _in(fr["nonfuel"], stations, start, end)
    gas, die = f[f["kind"] == "gasoline"], f[f["kind"] == "diesel"]
    v = {
        "fuel_volume_t": f["tonnes"].sum(), "gasoline_volume_t": gas["tonnes"].sum(),
        "diesel_volume_t": die["tonnes"].sum(),
        "fuel_revenue": f["paid_amount"].sum(), "stmt_revenue_gasoline": gas["paid_amount"].sum(),
        "stmt_revenue_diesel": die["paid_amount"].sum(), "nonfuel_revenue": n["revenue"].sum(),
        "stmt_fuel_cost": f["cost"].sum(), "stmt_fuel_cost_gasoline": gas["cost"].sum(),
        "stmt_fuel_cost_diesel": die["cost"].sum(), "stmt_nonfuel_cost": n["cost"].sum(),
        "expenses": _expense(fr["exp"], stations, start, end),
    }
    v.update({k: _expense(fr["exp"], stations, start, end, c) for k, c in EXP_CATS.items()})
    v["stmt_revenue"] = v["fuel_revenue"] + v["nonfuel_revenue"]
    v["stmt_cost_of_goods"] = v["stmt_fuel_cost"] + v["stmt_nonfuel_cost"]
    v["fuel_gross_profit"] = v["fuel_revenue"] - v["stmt_fuel_cost"]
    v["stmt_gp_gasoline"] = v["stmt_revenue_gasoline"] - v["stmt_fuel_cost_gasoline"]
    v["stmt_gp_diesel"] = v["stmt_revenue_diesel"] - v["stmt_fuel_cost_diesel"]
    v["nonfuel_gross_profit"] = v["nonfuel_revenue"] - v["stmt_nonfuel_cost"]
    v["total_gross_profit"] = v["fuel_gross_profit"] + v["nonfuel_gross_profit"]
    v["operating_profit"] = v["total_gross_profit"] - v["expenses"]
    tonnes = v["fuel_volume_t"]
    v["fuel_gp_per_tonne"] = v["fuel_gross_profit"] / tonnes
    v["expense_per_tonne"] = v["expenses"] / tonnes
    v["profit_per_tonne"] = v["operating_profit"] / tonnes
    return v


def plans(fr: dict[str, pd.DataFrame], stations: list[str], months: list[str]) -> dict:
    p = fr["plans"]
    p = p[p["station_id"].isin(stations) & p["month"].isin(months)]
    out = p.groupby("measure")["target"].sum().to_dict()
    out["expense_per_tonne"] = out["expenses"] / out["fuel_volume_t"]
    out["profit_per_tonne"] = out["operating_profit"] / out["fuel_volume_t"]
    return out


CASES = [  # (view, as_of, window start, window end, plan months, time progress)
    ("month", None, date(2026, 10, 1), date(2026, 10, 31), ["2026-10"], 1.0),
    ("quarter", None, date(2026, 10, 1), date(2026, 10, 31), ["2026-10", "2026-11", "2026-12"],
     31 / 92),
    ("ytd", None, date(2026, 1, 1), date(2026, 10, 31), [f"2026-{m:02d}" for m in range(1, 13)],
     304 / 365),
    ("month", date(2026, 10, 15), date(2026, 10, 1), date(2026, 10, 15), ["2026-10"], 15 / 31),
    ("quarter", None, date(2026, 7, 1), date(2026, 9, 30), ["2026-07", "2026-08", "2026-09"], 1.0),
]


def _ly(d: date) -> date:
    return d.replace(year=d.year - 1)


@pytest.mark.parametrize("who", ["T1", "S03"])
@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0]}-{c[3]}")
def test_statement_matches_pandas(engine, frames, who, case) -> None:
    view, as_of, start, end, plan_months, progress = case
    level = Level.TEAM if who == "T1" else Level.STATION
    month = Period.month_of(end)
    st = build(engine, StatementRequest((level, who), month, view, Scope.everything(), as_of))
    stations = TEAM_STATIONS[who]
    cur = oracle(frames, stations, start, end)
    ly = oracle(frames, stations, _ly(start), _ly(end))
    pl = plans(frames, stations, plan_months)
    assert st.time_progress == pytest.approx(progress)
    assert [r.line.id for r in st.rows] == [ln.id for ln in LINES]
    for r in st.rows:
        lid = r.line.id
        assert r.actual == pytest.approx(cur[lid], rel=1e-9, abs=1e-9), lid
        assert r.last_year == pytest.approx(ly[lid], rel=1e-9, abs=1e-9), lid
        if ly[lid]:
            assert r.yoy == pytest.approx(cur[lid] / abs(ly[lid]) - 1, rel=1e-9, abs=1e-12), lid
        if lid in pl:
            assert r.plan == pytest.approx(pl[lid], rel=1e-9), lid
            if pl[lid] > 0:
                assert r.completion == pytest.approx(cur[lid] / pl[lid], rel=1e-9), lid
            else:  # S03 has no store: a zero non-fuel plan gives no completion
                assert r.completion is None, lid
            assert r.rag in {"green", "yellow", "red"}, lid
        else:
            assert r.plan is None and r.completion is None and r.rag == "grey", lid


def test_statement_on_postgres(pg_url, frames) -> None:
    """The same numbers from a PostgreSQL store (quarter to date, team T1)."""
    from tests.metrics.fixture import postgres_database

    with postgres_database(pg_url, "amoeba_stmt_test") as url:
        build_store(url)
        eng = reader_engine(url)
        try:
            st = build(eng, StatementRequest((Level.TEAM, "T1"), Period.parse("2026-10"),
                                             "quarter", Scope.everything(), date(2026, 10, 15)))
        finally:
            eng.dispose()
    stations = TEAM_STATIONS["T1"]
    cur = oracle(frames, stations, date(2026, 10, 1), date(2026, 10, 15))
    ly = oracle(frames, stations, date(2025, 10, 1), date(2025, 10, 15))
    pl = plans(frames, stations, ["2026-10", "2026-11", "2026-12"])
    assert st.time_progress == pytest.approx(15 / 92)
    for r in st.rows:
        assert r.actual == pytest.approx(cur[r.line.id], rel=1e-9, abs=1e-9), r.line.id
        assert r.last_year == pytest.approx(ly[r.line.id], rel=1e-9, abs=1e-9), r.line.id
        if r.line.id in pl:
            assert r.plan == pytest.approx(pl[r.line.id], rel=1e-9), r.line.id


def test_hand_worked_rent_is_zero_at_owned_station(engine) -> None:
    """S03 owns its site: rent 0 every month (the fixture's README)."""
    st = build(engine, StatementRequest((Level.STATION, "S03"), Period.parse("2026-10"), "ytd",
                                        Scope.everything()))
    assert st.row("rent_expense").actual == 0


def test_parts_add_up_and_expand(engine) -> None:
    st = build(engine, StatementRequest((Level.TEAM, "T1"), Period.parse("2026-09"), "month",
                                        Scope.everything()))
    for ln in LINES:
        parts = expand(st, ln.id)
        assert [p.line.id for p in parts] == list(ln.parts)
        if parts and ln.unit != "yuan_per_t":
            assert sum(p.actual for p in parts) == pytest.approx(st.row(ln.id).actual), ln.id


def test_by_children_sum_to_the_team(engine, frames) -> None:
    req = StatementRequest((Level.TEAM, "T1"), Period.parse("2026-10"), "month", Scope.everything())
    kids = by_children(engine, req, "operating_profit")
    assert [k.id for k in kids] == ["S01", "S02", "S03"]
    for k in kids:
        want = oracle(frames, [k.id], date(2026, 10, 1), date(2026, 10, 31))["operating_profit"]
        assert k.row.actual == pytest.approx(want)
    per_t = by_children(engine, req, "expense_per_tonne")
    pl = plans(frames, ["S02"], ["2026-10"])["expense_per_tonne"]
    assert per_t[1].row.plan == pytest.approx(pl)
    station = StatementRequest((Level.STATION, "S01"), Period.parse("2026-10"), "month",
                               Scope.everything())
    assert by_children(engine, station, "expenses") == []


def test_scope_is_enforced(engine) -> None:
    from metrics.request import ScopeError

    other = Scope(cities=frozenset({"C2"}))
    with pytest.raises(ScopeError):
        build(engine, StatementRequest((Level.TEAM, "T1"), Period.parse("2026-10"), "month", other))
    city = StatementRequest((Level.CITY, "C1"), Period.parse("2026-10"), "month",
                            Scope(teams=frozenset({"T1"})))
    with pytest.raises(ScopeError):
        build(engine, city)


def test_statement_period() -> None:
    oct_ = Period.parse("2026-10")
    assert statement_period(oct_, "ytd", None) == (Period.parse("2026"), date(2026, 10, 31))
    assert statement_period(oct_, "quarter", date(2026, 10, 15)) == (
        Period.parse("2026-Q4"), date(2026, 10, 15))
    assert statement_period(Period.parse("2026-12"), "quarter", None) == (
        Period.parse("2026-Q4"), None)
    assert statement_period(oct_, "month", date(2026, 11, 3)) == (oct_, None)


def test_registry_keeps_the_catalogue() -> None:
    from metrics.registry import get_registry

    base = get_registry()
    assert len(base.indicators) == 134
    assert registry() is registry()
    extra = set(registry().indicators) - set(base.indicators)
    assert extra and all(i.startswith("stmt_") for i in extra)
    assert {ln.indicator for ln in LINES} <= set(registry().indicators)
