"""The oracle's view of the fixture: the contract CSVs read with pandas, and literal helpers.

Everything here follows the data contract's wording, not the compiler: a sale's tonnes are
liters × density / 1000, its cost is liters × cost_per_liter of its product and month, an entity
is the set of stations whose province/city/team/station id matches, a window is a date range
with the as-of day included.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pandas as pd

from metrics.periods import Window, add_months, days_in_month, month_start

DATA = Path(__file__).resolve().parents[1] / "fixture_data"


@dataclass(frozen=True)
class Frames:
    """The fixture tables as DataFrames; fuel is enriched with the columns the contract names."""

    products: pd.DataFrame
    stations: pd.DataFrame
    customers: pd.DataFrame
    fuel: pd.DataFrame
    nonfuel: pd.DataFrame
    recharges: pd.DataFrame
    expenses: pd.DataFrame
    costs: pd.DataFrame
    plans: pd.DataFrame
    campaigns: pd.DataFrame
    campaign_stations: pd.DataFrame


def _read(name: str, folder: Path) -> pd.DataFrame:
    return pd.read_csv(folder / name, dtype=str, keep_default_na=False)


def _num(df: pd.DataFrame, *cols: str) -> None:
    for c in cols:
        df[c] = df[c].astype(float)


def _enrich_fuel(fuel: pd.DataFrame, products: pd.DataFrame, costs: pd.DataFrame,
                 customers: pd.DataFrame) -> pd.DataFrame:
    """Add the contract's derived columns to each sale (one row stays one sale)."""
    f = fuel.merge(products[["product_code", "kind", "density_kg_per_l"]], on="product_code",
                   how="left", validate="many_to_one")
    f["month"] = f["ts"].dt.strftime("%Y-%m")
    f = f.merge(costs, on=["month", "product_code"], how="left", validate="many_to_one")
    f["tonnes"] = f["liters"] * f["density_kg_per_l"] / 1000
    f["list_amount"] = f["liters"] * f["list_price"]
    f["discount"] = f["list_amount"] - f["paid_amount"]
    f["fuel_cost"] = f["liters"] * f["cost_per_liter"]
    f["gross_profit"] = f["paid_amount"] - f["fuel_cost"]
    cu = customers[["customer_id", "kind", "grade"]].rename(
        columns={"kind": "customer_kind", "grade": "customer_grade"})
    f = f.merge(cu, on="customer_id", how="left", validate="many_to_one")
    f["is_member"] = f["customer_id"] != ""
    return f


_LOADED: dict[Path, Frames] = {}


def shared(folder: Path = DATA) -> Frames:
    """The fixture folder loaded once per process (all oracle memos key on this object)."""
    if folder not in _LOADED:
        _LOADED[folder] = load(folder)
    return _LOADED[folder]


def load(folder: Path = DATA) -> Frames:
    """Read the fixture folder."""
    products = _read("products.csv", folder)
    _num(products, "density_kg_per_l")
    stations = _read("stations.csv", folder)
    _num(stations, "staff_count", "store_area_m2", "nozzle_count")
    stations["opened_on"] = pd.to_datetime(stations["opened_on"]).dt.date
    customers = _read("customers.csv", folder)
    customers["registered_on"] = pd.to_datetime(customers["registered_on"]).dt.date
    costs = _read("purchase_costs.csv", folder)
    _num(costs, "cost_per_liter")
    fuel = _read("fuel_sales.csv", folder)
    _num(fuel, "liters", "list_price", "paid_amount", "nozzle_no")
    fuel["ts"] = pd.to_datetime(fuel["ts"])
    fuel["day"] = fuel["ts"].dt.normalize()
    nonfuel = _read("nonfuel_sales.csv", folder)
    _num(nonfuel, "qty", "revenue", "cost")
    nonfuel["ts"] = pd.to_datetime(nonfuel["ts"])
    nonfuel["day"] = nonfuel["ts"].dt.normalize()
    recharges = _read("card_recharges.csv", folder)
    _num(recharges, "amount", "bonus")
    recharges["ts"] = pd.to_datetime(recharges["ts"])
    recharges["day"] = recharges["ts"].dt.normalize()
    expenses = _read("expenses.csv", folder)
    _num(expenses, "amount")
    plans = _read("plans.csv", folder)
    _num(plans, "target")
    campaigns = _read("campaigns.csv", folder)
    _num(campaigns, "cost")
    return Frames(products, stations, customers,
                  _enrich_fuel(fuel, products, costs, customers), nonfuel, recharges, expenses,
                  costs, plans, campaigns, _read("campaign_stations.csv", folder))


# ---- entities and windows --------------------------------------------------------------------

# Memo of filtered frames: pandas filtering is the oracle's whole cost, and the same entity and
# window are asked for by many indicators. Keyed by object identity of the (immutable) frames.
_MEMO: dict[tuple, object] = {}


def station_ids(fr: Frames, level: str, entity_id: str) -> set[str]:
    """The stations of an org entity (province/city/team/station)."""
    key = ("st", id(fr.stations), level, entity_id)
    if key not in _MEMO:
        col = f"{level}_id"
        _MEMO[key] = set(fr.stations.loc[fr.stations[col] == entity_id, "station_id"])
    return set(_MEMO[key])  # type: ignore[arg-type]


def in_window(df: pd.DataFrame, win: Window) -> pd.Series:
    """Rows whose timestamp falls on a day of the window (the as-of day included)."""
    return (df["day"] >= pd.Timestamp(win.start)) & (df["day"] <= pd.Timestamp(win.end))


def upto(df: pd.DataFrame, last_day: date) -> pd.Series:
    """Rows on or before a day (the day itself included)."""
    return df["day"] <= pd.Timestamp(last_day)


def rows(df: pd.DataFrame, fr: Frames, level: str, entity_id: str, win: Window) -> pd.DataFrame:
    """Timestamped fact rows of the entity inside the window: rows at the entity's stations, or
    for a customer the rows carrying the customer's id (wherever they bought)."""
    key = ("rows", id(df), level, entity_id, win.start, win.end)
    if key not in _MEMO:
        if level == "customer":
            mine = df["customer_id"] == entity_id
        else:
            mine = df["station_id"].isin(station_ids(fr, level, entity_id))
        _MEMO[key] = df[mine & in_window(df, win)]
    return _MEMO[key]  # type: ignore[return-value]


def at_stations(fr: Frames, station_list: set[str]) -> Frames:
    """The same fixture with the transaction facts cut to some stations: what a caller whose
    scope is those stations may see of a customer."""
    def cut(df: pd.DataFrame) -> pd.DataFrame:
        return df[df["station_id"].isin(station_list)].copy()

    return replace(fr, fuel=cut(fr.fuel), nonfuel=cut(fr.nonfuel), recharges=cut(fr.recharges))


def fuel(fr: Frames, level: str, eid: str, win: Window) -> pd.DataFrame:
    """Fuel sales of the entity in the window."""
    return rows(fr.fuel, fr, level, eid, win)


def nonfuel(fr: Frames, level: str, eid: str, win: Window) -> pd.DataFrame:
    """Non-fuel lines of the entity in the window."""
    return rows(fr.nonfuel, fr, level, eid, win)


def recharges(fr: Frames, level: str, eid: str, win: Window) -> pd.DataFrame:
    """Card recharges made at the entity's stations in the window."""
    return rows(fr.recharges, fr, level, eid, win)


def month_key(d: date) -> str:
    """`YYYY-MM` of a date."""
    return f"{d.year:04d}-{d.month:02d}"


def _monthly(df: pd.DataFrame, key_col: str, value_col: str) -> dict[tuple[str, str, str], float]:
    """(station, YYYY-MM, category-or-measure) → value, built once per frame."""
    key = ("monthly", id(df))
    if key not in _MEMO:
        _MEMO[key] = {(st, m, k): float(v) for st, m, k, v in
                      zip(df["station_id"], df["month"], df[key_col], df[value_col], strict=True)}
    return _MEMO[key]  # type: ignore[return-value]


def expense_sum(fr: Frames, level: str, eid: str, win: Window, category: str | None = None) -> float:
    """Σ expenses of the window's months; a month only partly inside counts pro rata."""
    table = _monthly(fr.expenses, "category", "amount")
    sts = station_ids(fr, level, eid)
    total = 0.0
    for m, weight in win.month_weights():
        mk = month_key(m)
        month_total = sum(v for (st, mm, cat), v in table.items()
                          if mm == mk and st in sts and (category is None or cat == category))
        total += month_total * weight
    return total


def plan_sum(fr: Frames, level: str, eid: str, months: list[date], measure: str) -> float:
    """Σ plans.target of a measure over whole months."""
    table = _monthly(fr.plans, "measure", "target")
    sts, keys = station_ids(fr, level, eid), {month_key(m) for m in months}
    return sum(v for (st, mm, meas), v in table.items()
               if meas == measure and mm in keys and st in sts)


def plan_rows(fr: Frames, level: str, eid: str, months: list[date], measure: str) -> int:
    """How many plan rows of a measure the entity has in the months (0 = no plan at all)."""
    table = _monthly(fr.plans, "measure", "target")
    sts, keys = station_ids(fr, level, eid), {month_key(m) for m in months}
    return sum(1 for (st, mm, meas) in table if meas == measure and mm in keys and st in sts)


def ratio(num: float | None, den: float | None) -> float | None:
    """num / den, null when either is null or the denominator is zero."""
    if num is None or den is None or den == 0:
        return None
    return float(num) / float(den)


def growth(cur: float | None, base: float | None) -> float | None:
    """cur / |base| − 1 (the catalogue's growth), null on a zero or null base."""
    if cur is None or base is None or base == 0:
        return None
    return float(cur) / abs(float(base)) - 1


def month_progress(win: Window) -> float:
    """Time progress of the as-of month inside a window (1 when that month is whole)."""
    m = month_start(win.end)
    last = add_months(m, 1)
    if win.end >= date.fromordinal(last.toordinal() - 1):
        return 1.0
    return win.end.day / days_in_month(win.end)
