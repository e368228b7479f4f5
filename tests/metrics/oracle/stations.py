"""Oracles of the stations theme (站级运营), from indicators/stations.yaml.

Station-day measures follow the definitions: an anomaly day has tonnes strictly below 70 % of
the mean of the same weekday's tonnes 7, 14, 21 and 28 days before (the station open on d−28,
that mean above 0); a suspected stock-out is a (station, product, day) without liters where the
product sold at the station on at least 80 % (23) of the previous 28 days.
"""

from __future__ import annotations

from datetime import timedelta

from metrics.periods import Window
from tests.metrics.oracle import frames as F
from tests.metrics.oracle.fixed import oracle_fuel_gross_profit, oracle_fuel_volume_t
from tests.metrics.oracle.profit import open_stations
from tests.metrics.oracle.volume import oracle_volume_per_station_day, station_days

Fr = F.Frames


def oracle_active_station_count(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Stations opened on or before the window end."""
    return float(len(open_stations(fr, level, eid, win)))


def oracle_fuel_gp_per_station_day(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Fuel gross profit ÷ station-days."""
    return F.ratio(oracle_fuel_gross_profit(fr, level, eid, win), station_days(fr, level, eid, win))


def nozzle_days(fr: Fr, level: str, eid: str, win: Window) -> float:
    """Σ nozzle_count × days of the window on or after the opening."""
    st = fr.stations[fr.stations["station_id"].isin(F.station_ids(fr, level, eid))]
    total = 0.0
    for opened, nozzles in zip(st["opened_on"], st["nozzle_count"], strict=True):
        total += nozzles * max(0, (win.end - max(opened, win.start)).days + 1)
    return total


def oracle_volume_per_nozzle_day(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Tonnes ÷ nozzle-days."""
    return F.ratio(oracle_fuel_volume_t(fr, level, eid, win), nozzle_days(fr, level, eid, win))


def oracle_nozzle_active_rate(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Distinct (station, nozzle, day) with a sale ÷ nozzle-days."""
    f = F.fuel(fr, level, eid, win)
    active = len(set(zip(f["station_id"], f["nozzle_no"], f["day"], strict=True)))
    return F.ratio(active, nozzle_days(fr, level, eid, win))


def oracle_cash_payment_share(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Fuel paid in cash ÷ fuel revenue."""
    f = F.fuel(fr, level, eid, win)
    return F.ratio(f.loc[f["payment_method"] == "cash", "paid_amount"].sum(), f["paid_amount"].sum())


def _daily(fr: Fr, sts: list[str]) -> dict[tuple[str, object], float]:
    f = fr.fuel[fr.fuel["station_id"].isin(sts)]
    g = f.groupby(["station_id", f["day"].dt.date])["tonnes"].sum()
    return {(s, d): float(v) for (s, d), v in g.items()}


def _days(win: Window) -> list:
    return [win.start + timedelta(days=i) for i in range(win.days)]


def _anomalies(fr: Fr, level: str, eid: str, win: Window) -> tuple[int, int]:
    st = fr.stations.set_index("station_id")
    sts = sorted(F.station_ids(fr, level, eid))
    daily = _daily(fr, sts)
    anomalies = history = 0
    for s in sts:
        for d in _days(win):
            if st.loc[s, "opened_on"] > d - timedelta(days=28):
                continue
            mean = sum(daily.get((s, d - timedelta(days=7 * j)), 0.0) for j in (1, 2, 3, 4)) / 4
            if mean > 0:
                history += 1
                anomalies += daily.get((s, d), 0.0) < 0.7 * mean
    return anomalies, history


def oracle_volume_anomaly_rate(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Anomaly station-days ÷ station-days with a same-weekday history."""
    anomalies, history = _anomalies(fr, level, eid, win)
    return F.ratio(anomalies, history)


def oracle_suspected_stockout_events(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """(station, product, day) of the window with no liters, the product having sold there on
    at least 23 of the previous 28 days."""
    sts = sorted(F.station_ids(fr, level, eid))
    f = fr.fuel[fr.fuel["station_id"].isin(sts)]
    sold = set(zip(f["station_id"], f["product_code"], f["day"].dt.date, strict=True))
    events = 0
    for s in sts:
        for p in sorted({p for (x, p, _d) in sold if x == s}):
            for d in _days(win):
                if (s, p, d) in sold:
                    continue
                before = sum((s, p, d - timedelta(days=j)) in sold for j in range(1, 29))
                events += before >= 23
    return float(events)


def oracle_low_volume_station_share(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Open stations selling under 3 t per station-day ÷ open stations."""
    sts = open_stations(fr, level, eid, win)
    low = [s for s in sts
           if (v := oracle_volume_per_station_day(fr, "station", s, win)) is not None and v < 3]
    return F.ratio(len(low), len(sts))
