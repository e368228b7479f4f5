"""Seeded demo data for Amoeba Board: a whole invented fuel-retail company in the contract format.

`generate(out_dir, stations=…, months=…, seed=…, end_date=…)` writes every contract table into
`out_dir` (one `<table>.parquet` or `.csv` each) and returns the row count per table. The same
seed, sizes and end date give byte-identical files. Realism follows shared/docs/domain.md §4; the
pieces live in `demo_org` (organisation), `demo_calendar` (patterns, prices, costs),
`demo_customers` (members, lifecycles), `demo_campaigns`, `demo_world` (what they share),
`demo_fuel`, `demo_store` (non-fuel), `demo_money` (recharges, expenses, plans), `demo_names`
(invented names and phones), `demo_rows` and `demo_io` (ids, Arrow tables, streaming writers).
Default size (40 stations × 25 months) is about 10M fuel rows; 230 stations give about 50M.

Planted anomalies (for the alert and customer features; see `planted_anomalies()` for the ids):
- One-day volume drop: the third station (`S003`) sells about 25 % of its usual volume on the
  last day of the data (`end_date`).
- Key fleet collapse: customer `C0000001`, a diamond-grade fleet account of station `S001` that
  usually takes about a third of the station's member diesel, buys only ~20 % of its usual volume
  in the last two months (the last closed month and the month to date): two consecutive churn
  warnings, a serious warning escalated for gold+, and a visible dent in S001's diesel volume.
- Stacked discounts: at the fourth station (`S004`), in the last month, about 12 % of fuel
  transactions get an extra 9–16 % off on top of member and campaign discounts, so many exceed
  the 8 % abnormal-discount line (elsewhere only ~0.2 % of transactions do).
Also always present: stations opened inside the window (the last station of every 4th team),
churning, lost, dormant, returning and internally transferred customers (`demo_customers`).
Expenses and plans of the last month are whole-month figures, as a company books them; a
campaign may run past `end_date` to the end of that month.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa
from tqdm import tqdm

from data.demo_calendar import build_calendar, purchase_costs_table
from data.demo_campaigns import build_campaigns
from data.demo_customers import MonthPools, build_customers, customers_table
from data.demo_fuel import fuel_station_month
from data.demo_io import SCHEMAS, TableWriter
from data.demo_money import (
    DSL_T,
    FUEL_GP,
    GAS_T,
    NF_GP,
    NF_REV,
    RECHARGE,
    expenses,
    expenses_table,
    plans_table,
    recharges_station_month,
)
from data.demo_org import DENSITY, IS_DIESEL, build_org, products_table, stations_table
from data.demo_rows import MonthRows
from data.demo_store import build_catalogue, store_station_month
from data.demo_world import Plan

DEFAULT_STATIONS = 40
FORMATS = ("parquet", "csv")


def planted_anomalies(stations: int, end_date: date) -> dict[str, str]:
    """The ids of the planted anomalies for a demo of `stations` stations ending `end_date`."""
    width = max(3, len(str(stations)))
    out = {"key_fleet_customer": "C0000001", "key_fleet_station": f"S{1:0{width}d}"}
    if stations >= 3:
        out |= {"drop_station": f"S{3:0{width}d}", "drop_date": end_date.isoformat()}
    if stations >= 4:
        out["discount_station"] = f"S{4:0{width}d}"
    return out


def generate(out_dir: Path, *, stations: int = DEFAULT_STATIONS, months: int = 25, seed: int = 7,
             end_date: date | None = None, fmt: str = "parquet",
             progress: bool = True) -> dict[str, int]:
    """Write a complete demo folder in the contract format and return rows per table.

    `months` whole months end with `end_date`'s month (that one month-to-date, up to `end_date`,
    which defaults to yesterday). Files of the other format for the same tables are removed so
    the folder holds one consistent copy.
    """
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {FORMATS}, not {fmt!r}")
    if stations < 1 or months < 1 or seed < 0:
        raise ValueError("stations and months must be at least 1, seed at least 0")
    end = end_date or date.today() - timedelta(days=1)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for table in SCHEMAS:
        for other in FORMATS:
            (out_dir / f"{table}.{other}").unlink(missing_ok=True)
    plan, (campaigns, links) = _world(seed, stations, months, end)
    writers = {t: TableWriter(out_dir, t, fmt) for t in SCHEMAS}
    actual = _facts(seed, plan, writers, progress)
    exp = expenses(seed, plan)
    writers["expenses"].write(expenses_table(plan, exp))
    writers["plans"].write(plans_table(seed, plan, actual, exp))
    writers["products"].write(products_table())
    writers["stations"].write(stations_table(plan.org))
    writers["customers"].write(customers_table(plan.cust, plan.org, seed))
    writers["purchase_costs"].write(purchase_costs_table(plan.cal))
    writers["campaigns"].write(campaigns)
    writers["campaign_stations"].write(links)
    return {t: w.close() for t, w in writers.items()}


def _world(seed: int, stations: int, months: int, end: date) -> tuple[Plan, tuple[pa.Table, pa.Table]]:
    """Everything that is not a transaction: calendar, org, campaigns, customers, anomalies;
    and the two campaign tables."""
    cal = build_calendar(seed, months, end)
    org = build_org(seed, stations, cal.days[0].astype(date), end)
    campaigns, links, eff = build_campaigns(seed, org, cal)
    cust = build_customers(seed, org, cal)
    mid = cal.days[0] + (cal.days[-1] - cal.days[0]) // 2
    last = len(cal.days) - 1
    drop = (2, last) if stations >= 3 and org.opened[2] <= cal.days[-1] else None
    plan = Plan(org, cal, eff, cust, mid, drop, 3 if stations >= 4 else None)
    return plan, (campaigns, links)


def _facts(seed: int, plan: Plan, writers: dict[str, TableWriter], progress: bool) -> np.ndarray:
    """Generate fuel, store and recharge rows month by month (one row group each); return the
    per station-month actuals the plans are built from.

    Building and writing a month's tables runs on a second thread (Arrow and Parquet release the
    GIL) while the next month is generated; at most one month waits, so memory stays bounded.
    """
    org, cal = plan.org, plan.cal
    actual = np.zeros((org.n, cal.n_months, 6))
    rows = MonthRows(plan, build_catalogue(seed))
    pending: Future | None = None
    with (ThreadPoolExecutor(max_workers=1) as pool,
          tqdm(total=org.n * cal.n_months, desc="demo data", unit="station-month",
               disable=not progress, leave=False) as bar):
        for m in range(cal.n_months):
            pools = MonthPools(plan.cust, m, org.n)
            for s in range(org.n):
                rng = np.random.default_rng([seed, 100, m, s])
                fuel = fuel_station_month(rng, plan, s, m, pools)
                if fuel is not None:
                    store = store_station_month(rng, plan, rows.catalogue, s, fuel.day, pools)
                    card = (fuel.payment == 0) & (fuel.customer >= 0)
                    rc = recharges_station_month(rng, plan, s, np.unique(fuel.day),
                                                 fuel.customer[card], fuel.paid[card])
                    rows.add(s, fuel, store, rc)
                    _account(actual, plan, s, m, fuel, store, rc)
                bar.update()
            if pending is not None:
                pending.result()
            pending = pool.submit(_write_month, rows, rows.take(), writers)
        if pending is not None:
            pending.result()
    return actual


def _write_month(rows: MonthRows, batch: dict[str, list], writers: dict[str, TableWriter]) -> None:
    for table, data in rows.tables(batch).items():
        writers[table].write(data)


def _account(actual, plan: Plan, s: int, m: int, fuel, store, rc) -> None:
    """Add one station-month to the actuals (tonnes, margins, recharges) behind the plans."""
    tonnes = fuel.liters * DENSITY[fuel.product] / 1000
    dsl = IS_DIESEL[fuel.product]
    actual[s, m, GAS_T] = tonnes[~dsl].sum()
    actual[s, m, DSL_T] = tonnes[dsl].sum()
    actual[s, m, FUEL_GP] = (fuel.paid - fuel.liters * plan.cal.costs[m, fuel.product]).sum()
    if store is not None:
        actual[s, m, NF_REV] = store.revenue.sum()
        actual[s, m, NF_GP] = (store.revenue - store.cost).sum()
    if rc is not None:
        actual[s, m, RECHARGE] = rc.amount.sum()
