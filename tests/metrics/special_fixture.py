"""Tiny hand-built stores for the special-provider tests, on DuckDB and on PostgreSQL.

Rows are written with plain SQLAlchemy inserts (no importer), and `agg_customer_month` is built
here in Python from the fuel rows, so the tests do not depend on the rollup code either.
"""

from __future__ import annotations

import itertools
import uuid
from collections import defaultdict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, insert, text

from data.rollup_nonfuel import rebuild_nonfuel_day
from data.rollups import rebuild_fuel_day
from data.schema import agg_customer_month, metadata
from data.scope import Scope
from metrics.periods import Level, Period, Window, window
from metrics.special.base import ProviderRequest, ProviderSpec

Row = dict[str, Any]
_txn = itertools.count(1)


def station(sid: str, team: str, city: str, opened: date = date(2020, 1, 1), **kw: Any) -> Row:
    """A stations row with sensible defaults (province P1)."""
    return {
        "station_id": sid, "station_name": sid, "team_id": team, "team_name": team,
        "city_id": city, "city_name": city, "province_id": "P1", "province_name": "省",
        "opened_on": opened, "location_type": "urban", "staff_count": 10,
        "store_area_m2": 50.0, "nozzle_count": 4, "lat": None, "lon": None, **kw,
    }  # fmt: skip


def customer(cid: str, home: str, *, grade: str = "normal", kind: str = "individual",
             manager: str | None = None, registered: date = date(2025, 1, 1)) -> Row:  # fmt: skip
    """A customers row."""
    return {
        "customer_id": cid, "name": cid, "phone": None, "kind": kind, "grade": grade,
        "manager_id": manager, "home_station_id": home, "registered_on": registered,
    }  # fmt: skip


def sale(sid: str, day: date, liters: float, *, cust: str | None = None, product: str = "G92",
         nozzle: int = 1, price: float = 7.0, paid: float | None = None, hour: int = 10) -> Row:  # fmt: skip
    """A fuel_sales row (paid defaults to liters × price: no discount)."""
    return {
        "txn_id": f"X{next(_txn)}", "ts": datetime(day.year, day.month, day.day, hour),
        "station_id": sid, "nozzle_no": nozzle, "product_code": product, "liters": liters,
        "list_price": price, "paid_amount": liters * price if paid is None else paid,
        "customer_id": cust, "payment_method": "card",
    }  # fmt: skip


def customer_month_rows(fuel: list[Row], density: Mapping[str, float],
                        registered: Mapping[str, date] | None = None) -> list[Row]:  # fmt: skip
    """agg_customer_month computed in plain Python from fuel rows (member sales only), with
    each pair's next month with a purchase and the month's first purchase day on or after the
    customer's registration (`registered`: customer id → registered_on)."""
    acc: dict[tuple[str, str, date], Row] = {}
    for r in fuel:
        if r["customer_id"] is None:
            continue
        key = (r["customer_id"], r["station_id"], r["ts"].date().replace(day=1))
        a = acc.setdefault(key, defaultdict(float, txn_count=0, last_ts=r["ts"], first_reg=None))
        a["liters"] += r["liters"]
        a["tonnes"] += r["liters"] * density[r["product_code"]] / 1000
        a["paid_amount"] += r["paid_amount"]
        a["txn_count"] += 1
        a["last_ts"] = max(a["last_ts"], r["ts"])
        reg, day = (registered or {}).get(r["customer_id"]), r["ts"].date()
        if reg is not None and day >= reg:
            a["first_reg"] = day if a["first_reg"] is None else min(a["first_reg"], day)
    months: dict[tuple[str, str], list[date]] = defaultdict(list)
    for c, s, m in sorted(acc):
        months[(c, s)].append(m)
    after = {(c, s, m): (ms + [None])[i + 1]
             for (c, s), ms in months.items() for i, m in enumerate(ms)}  # fmt: skip
    return [
        {"customer_id": c, "station_id": s, "month": m, **{k: a[k] for k in
         ("liters", "tonnes", "paid_amount", "txn_count", "last_ts")},
         "next_month": after[(c, s, m)], "first_day_registered": a["first_reg"]}
        for (c, s, m), a in sorted(acc.items())
    ]  # fmt: skip


def lapse_rows(month_rows: list[Row]) -> list[Row]:
    """agg_customer_lapse in plain Python: the month rows whose pair did not buy the month after."""
    def following(m: date) -> date:
        return date(m.year + m.month // 12, m.month % 12 + 1, 1)

    return [{k: r[k] for k in ("customer_id", "station_id", "month", "next_month", "last_ts")}
            for r in month_rows
            if r["next_month"] is None or r["next_month"] != following(r["month"])]  # fmt: skip


def load(engine: Engine, tables: Mapping[str, list[Row]]) -> None:
    """Create the schema and insert the rows (table name → rows); adds agg_customer_month."""
    metadata.create_all(engine)
    density = {p["product_code"]: p["density_kg_per_l"] for p in tables.get("products", [])}
    rows = dict(tables)
    registered = {c["customer_id"]: c["registered_on"] for c in tables.get("customers", [])}
    rows["agg_customer_month"] = customer_month_rows(list(tables.get("fuel_sales", [])), density,
                                                     registered)
    rows["agg_customer_lapse"] = lapse_rows(rows["agg_customer_month"])
    with engine.begin() as conn:
        for name, data in rows.items():
            if data:
                conn.execute(insert(metadata.tables[name]), list(data))
        # The day rollups as the importer builds them: `run` checks both provider paths against
        # the hand-computed numbers, so these are checked too.
        rebuild_fuel_day(conn)
        rebuild_nonfuel_day(conn)
    assert agg_customer_month.name in metadata.tables


@contextmanager
def store(backend: str, tmp: Path, pg_url: str | None, tables: Mapping[str, list[Row]]) -> Iterator[Engine]:  # fmt: skip
    """An engine over a fresh store: a DuckDB file, or a throwaway schema on PostgreSQL."""
    if backend == "duckdb":
        engine = create_engine(f"duckdb:///{tmp / 'special.duckdb'}")
        try:
            load(engine, tables)
            yield engine
        finally:
            engine.dispose()
        return
    assert pg_url, "PostgreSQL store needs pg_url"
    schema = f"special_{uuid.uuid4().hex[:10]}"
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = create_engine(pg_url, connect_args={"options": f"-c search_path={schema}"})
    try:
        load(engine, tables)
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def win(period: str, as_of: date | None = None) -> Window:
    """The window of a period text, to date when as_of is given."""
    return window(Period.parse(period), as_of)


def run(engine: Engine, spec: ProviderSpec, level: str, ids: list[str], w: Window,
        scope: Scope | None = None) -> dict[str, dict[str, Any]]:  # fmt: skip
    """Build and execute a provider; entity id → {output: value}. Checks the declared columns,
    and that the rollup path and the raw path give the same outputs (to summation order)."""
    out = {}
    for rollup in (True, False):
        req = ProviderRequest(Level(level), tuple(ids), w, scope or Scope.everything(),
                              rollup=rollup)  # fmt: skip
        stmt = spec.build(req)
        assert [c.name for c in stmt.selected_columns] == ["entity_id", *spec.outputs]
        with engine.connect() as conn:
            rows = conn.execute(stmt).mappings().all()
        out[rollup] = {r["entity_id"]: {o: r[o] for o in spec.outputs} for r in rows}
        assert len(out[rollup]) == len(rows), "one row per entity"
    assert out[True].keys() == out[False].keys()
    for ent, raw in out[False].items():
        assert out[True][ent] == pytest.approx(raw, rel=1e-9, abs=1e-9), (spec.name, ent)
    return out[True]
