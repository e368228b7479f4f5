"""Independent pandas answers for the alert tests, read straight from the demo's contract files.

They restate the definitions (shared/docs/domain.md, metrics/special/daily.py docstring) in plain
pandas so that the alerts are checked against numbers the code under test did not produce.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pandas as pd


def fuel(files: Path) -> pd.DataFrame:
    """Fuel sales with tonnes, day and month columns."""
    df = pd.read_parquet(files / "fuel_sales.parquet")
    dens = pd.read_parquet(files / "products.parquet").set_index("product_code")["density_kg_per_l"]
    df["tonnes"] = df["liters"] * df["product_code"].map(dens) / 1000
    df["day"] = df["ts"].dt.date
    df["month"] = df["ts"].dt.strftime("%Y-%m")
    return df


def drop_stations(df: pd.DataFrame, stations: pd.DataFrame, d: date) -> set[str]:
    """Stations whose tonnes on d are below 70 % of the mean of d−7, −14, −21, −28."""
    daily = df.groupby(["station_id", "day"])["tonnes"].sum()
    out = set()
    for sid, opened in zip(stations["station_id"], pd.to_datetime(stations["opened_on"]).dt.date,
                           strict=True):
        if opened > d - timedelta(days=28):
            continue
        t = daily.get((sid, d), 0.0)
        hist = sum(daily.get((sid, d - timedelta(days=7 * k)), 0.0) for k in range(1, 5))
        if hist > 0 and 40 * t < 7 * hist:
            out.add(sid)
    return out


def abnormal_share(df: pd.DataFrame, first: date, last: date) -> dict[str, float]:
    """Per station: share of fuel transactions whose discount exceeds 8 % of the list amount."""
    m = df[(df["day"] >= first) & (df["day"] <= last)]
    list_amount = m["liters"] * m["list_price"]
    flag = (list_amount - m["paid_amount"]) > list_amount * 0.08
    return flag.groupby(m["station_id"]).mean().to_dict()


def churn_at_risk(df: pd.DataFrame, files: Path, months: list[str], progress: float) -> dict:
    """Gold+ customers in warning at M and M−1 at a station: {(station, customer): liters at risk}.

    `months` are M−4 … M (five labels); M is cut to date, so its expectation is scaled by
    `progress`. Warning: liters(M) < 70 % of the M−3…M−1 average (× progress for M).
    """
    grade = pd.read_parquet(files / "customers.parquet").set_index("customer_id")["grade"]
    m = df[df["customer_id"].notna() & df["month"].isin(months)]
    piv = m.pivot_table(index=["station_id", "customer_id"], columns="month", values="liters",
                        aggfunc="sum", fill_value=0.0).reindex(columns=months, fill_value=0.0)
    avg_m = piv[months[1:4]].mean(axis=1) * progress
    avg_prev = piv[months[0:3]].mean(axis=1)
    warn_m = piv[months[4]] < 0.7 * avg_m
    warn_prev = piv[months[3]] < 0.7 * avg_prev
    gold = piv.index.get_level_values("customer_id").map(grade).isin(["gold", "platinum", "diamond"])
    hit = warn_m & warn_prev & gold
    return (avg_m - piv[months[4]])[hit].to_dict()
