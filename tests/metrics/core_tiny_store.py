"""A tiny hand-made store for the metrics-core tests: a few rows whose answers are worked by hand.

Org: province P1; city C1 (teams T1 = S1, S2 and T2 = S3); city C2 (team T3 = S4).
S2 opens on 2026-10-11. Period 2026-10 as of 2026-10-15 is the usual request.
The hand-computed answers live in the tests next to the assertions.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Engine, insert

from data.schema import (
    card_recharges,
    customers,
    expenses,
    fuel_sales,
    metadata,
    nonfuel_sales,
    plans,
    products,
    purchase_costs,
    stations,
)


def _station(sid: str, team: str, city: str, opened: date, staff: int, area: float, noz: int) -> dict:
    return dict(
        station_id=sid, station_name=f"站{sid}", team_id=team, team_name=f"团队{team}",
        city_id=city, city_name=f"城市{city}", province_id="P1", province_name="省P1",
        opened_on=opened, location_type="urban", staff_count=staff, store_area_m2=area,
        nozzle_count=noz,
    )


def _fuel(txn: str, ts: str, sid: str, prod: str, liters: float, price: float, paid: float,
          cust: str | None, pay: str) -> dict:
    return dict(
        txn_id=txn, ts=datetime.fromisoformat(ts), station_id=sid, nozzle_no=1,
        product_code=prod, liters=liters, list_price=price, paid_amount=paid,
        customer_id=cust, payment_method=pay,
    )


ROWS: dict = {
    products: [
        dict(product_code="G92", product_name="92#汽油", kind="gasoline", density_kg_per_l=0.75),
        dict(product_code="D0", product_name="0#柴油", kind="diesel", density_kg_per_l=0.85),
    ],
    stations: [
        _station("S1", "T1", "C1", date(2020, 1, 1), 5, 50.0, 4),
        _station("S2", "T1", "C1", date(2026, 10, 11), 3, 0.0, 2),
        _station("S3", "T2", "C1", date(2020, 1, 1), 4, 30.0, 4),
        _station("S4", "T3", "C2", date(2020, 1, 1), 6, 80.0, 6),
    ],
    customers: [
        dict(customer_id="K1", name="甲", kind="fleet", grade="gold", home_station_id="S1",
             registered_on=date(2024, 1, 1)),
        dict(customer_id="K2", name="乙", kind="individual", grade="normal",
             home_station_id="S2", registered_on=date(2026, 10, 11)),
    ],
    fuel_sales: [
        _fuel("f1", "2026-10-02T08:00:00", "S1", "G92", 100, 8.0, 780, "K1", "card"),
        _fuel("f2", "2026-10-05T09:00:00", "S1", "D0", 200, 7.0, 1400, None, "cash"),
        _fuel("f3", "2026-10-12T10:00:00", "S2", "G92", 40, 8.0, 320, "K2", "mobile"),
        _fuel("f4", "2026-10-20T11:00:00", "S1", "G92", 50, 8.0, 400, None, "cash"),
        _fuel("f5", "2026-09-03T12:00:00", "S1", "G92", 80, 7.9, 632, "K1", "card"),
        _fuel("f6", "2026-09-20T13:00:00", "S1", "G92", 60, 7.9, 474, None, "cash"),
        _fuel("f7", "2025-10-08T14:00:00", "S1", "G92", 120, 7.5, 900, "K1", "card"),
        _fuel("f8", "2026-10-03T15:00:00", "S3", "G92", 100, 8.0, 800, None, "cash"),
        _fuel("f9", "2026-10-04T16:00:00", "S4", "G92", 500, 8.0, 4000, None, "cash"),
        _fuel("f10", "2026-10-15T23:59:59", "S1", "G92", 0.001, 8.0, 0.0, None, "cash"),
    ],
    nonfuel_sales: [
        dict(basket_id="B1", line_no=1, ts=datetime(2026, 10, 3, 9), station_id="S1",
             category="beverage", sku="x", qty=2, revenue=100, cost=70, customer_id="K1"),
        dict(basket_id="B1", line_no=2, ts=datetime(2026, 10, 3, 9), station_id="S1",
             category="snack", sku="y", qty=1, revenue=50, cost=30, customer_id="K1"),
        dict(basket_id="B2", line_no=1, ts=datetime(2026, 10, 14, 9), station_id="S2",
             category="snack", sku="y", qty=1, revenue=20, cost=15, customer_id=None),
        dict(basket_id="B3", line_no=1, ts=datetime(2026, 10, 16, 0), station_id="S1",
             category="snack", sku="y", qty=1, revenue=999, cost=1, customer_id=None),
    ],
    card_recharges: [
        dict(recharge_id="R1", ts=datetime(2026, 10, 5, 9), customer_id="K1", station_id="S1",
             amount=1000, bonus=50),
        dict(recharge_id="R2", ts=datetime(2026, 10, 20, 9), customer_id="K1", station_id="S1",
             amount=500, bonus=0),
    ],
    expenses: [
        dict(month=date(2026, 10, 1), station_id="S1", category="labour", amount=3100),
        dict(month=date(2026, 10, 1), station_id="S1", category="utilities", amount=620),
        dict(month=date(2026, 10, 1), station_id="S2", category="labour", amount=310),
        dict(month=date(2026, 9, 1), station_id="S1", category="labour", amount=3000),
    ],
    purchase_costs: [
        dict(month=date(2026, 10, 1), product_code="G92", cost_per_liter=6.0),
        dict(month=date(2026, 10, 1), product_code="D0", cost_per_liter=5.0),
        dict(month=date(2026, 9, 1), product_code="G92", cost_per_liter=5.8),
        dict(month=date(2025, 10, 1), product_code="G92", cost_per_liter=5.5),
    ],
    plans: [
        dict(month=date(2026, 10, 1), station_id="S1", measure="fuel_volume_t", target=0.5),
        dict(month=date(2026, 10, 1), station_id="S2", measure="fuel_volume_t", target=0.1),
        dict(month=date(2026, 11, 1), station_id="S1", measure="fuel_volume_t", target=0.7),
        dict(month=date(2026, 10, 1), station_id="S1", measure="operating_profit", target=1000),
        dict(month=date(2026, 10, 1), station_id="S3", measure="fuel_volume_t", target=0.2),
    ],
}


def build(engine: Engine) -> Engine:
    """Create the contract tables and insert the rows above."""
    metadata.create_all(engine)
    with engine.begin() as conn:
        for table, rows in ROWS.items():
            conn.execute(insert(table), rows)
    return engine
