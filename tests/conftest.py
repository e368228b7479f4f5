"""Shared test fixtures: the PostgreSQL URL started by scripts/test.sh, Chromium options."""

from __future__ import annotations

import os

import pytest


def _require_services() -> bool:
    return os.environ.get("AMOEBA_REQUIRE_SERVICES") == "1"


@pytest.fixture(scope="session")
def pg_url() -> str:
    """URL of the throwaway PostgreSQL server (skips locally when none runs; fails in CI)."""
    url = os.environ.get("TEST_POSTGRES_URL")
    if not url:
        if _require_services():
            pytest.fail("TEST_POSTGRES_URL is not set: run the suite through `make test`")
        pytest.skip("no PostgreSQL server (run `make test` to start one)")
    return url


def pytest_setup_options():
    """Selenium options for dash[testing]'s Chromium: headless, offline, a real window size."""
    from selenium.webdriver.chrome.options import Options

    options = Options()
    for arg in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--window-size=1440,900",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
        "--lang=zh-CN",
    ):
        options.add_argument(arg)
    return options


# ---- a small hand-built store for the data-status page (tests/pages, tests/browser/test_shell*) ----
# Appended by the shell/status work. Counts are written out in STATUS_EXPECTED so that tests
# compare the page with numbers known by hand, not with the code under test.

STATUS_EXPECTED = {
    "products": 2,
    "stations": 3,
    "customers": 2,
    "fuel_sales": 5,
    "nonfuel_sales": 2,
    "card_recharges": 1,
    "expenses": 4,
    "purchase_costs": 2,
    "plans": 3,
    "campaigns": 0,
    "campaign_stations": 0,
    "import_runs": 2,
    "quarantine": 3,
}


def fill_status_store(engine) -> None:
    """Insert the small dataset behind STATUS_EXPECTED (schema must exist)."""
    import datetime as dt

    from data import schema as s

    d, ts = dt.date, dt.datetime
    stations = [
        dict(station_id=f"S00{i}", station_name=f"测试站{i}", team_id="T01", team_name="鼓楼团队",
             city_id="FZ", city_name="福州", province_id="FJ", province_name="福建",
             opened_on=d(2020, 1, 1), location_type="urban", staff_count=8, store_area_m2=60.0,
             nozzle_count=8, lat=None, lon=None)
        for i in (1, 2, 3)
    ]
    fuel = [
        dict(txn_id=f"F{i}", ts=when, station_id="S001", nozzle_no=1, product_code="G92",
             liters=40.0, list_price=7.5, paid_amount=300.0, customer_id=None, payment_method="cash")
        for i, when in enumerate(
            [ts(2026, 9, 3, 8, 0), ts(2026, 9, 15, 9, 0), ts(2026, 10, 1, 7, 0),
             ts(2026, 10, 12, 12, 0), ts(2026, 10, 20, 17, 30)], start=1)
    ]
    rows = {
        s.products: [
            dict(product_code="G92", product_name="92#汽油", kind="gasoline", density_kg_per_l=0.725),
            dict(product_code="D0", product_name="0#柴油", kind="diesel", density_kg_per_l=0.835),
        ],
        s.stations: stations,
        s.customers: [
            dict(customer_id=f"C{i}", name=f"客户{i}", phone=None, kind="individual", grade="normal",
                 manager_id=None, home_station_id="S001", registered_on=d(2025, 5, 1))
            for i in (1, 2)
        ],
        s.fuel_sales: fuel,
        s.nonfuel_sales: [
            dict(basket_id="B1", line_no=n, ts=ts(2026, 9, 5, 10, 0), station_id="S002",
                 category="beverage", sku="W1", qty=1.0, revenue=5.0, cost=3.0, customer_id=None)
            for n in (1, 2)
        ],
        s.card_recharges: [
            dict(recharge_id="R1", ts=ts(2026, 10, 2, 11, 0), customer_id="C1", station_id="S001",
                 amount=1000.0, bonus=50.0)
        ],
        s.expenses: [
            dict(month=m, station_id="S001", category=c, amount=1000.0)
            for m in (d(2026, 8, 1), d(2026, 10, 1)) for c in ("labour", "rent")
        ],
        s.purchase_costs: [
            dict(month=d(2026, 9, 1), product_code="G92", cost_per_liter=6.8),
            dict(month=d(2026, 10, 1), product_code="G92", cost_per_liter=6.9),
        ],
        s.plans: [
            dict(month=d(2026, 10, 1), station_id=f"S00{i}", measure="fuel_volume_t", target=300.0)
            for i in (1, 2, 3)
        ],
        s.import_runs: [
            dict(import_id="20261001T080000-aaaa", started_at=ts(2026, 10, 1, 8, 0),
                 finished_at=ts(2026, 10, 1, 8, 1), source="/srv/drop/2026-10-01", status="published",
                 rows_read=10, rows_loaded=9, rows_quarantined=1, summary=None),
            dict(import_id="20261021T063000-bbbb", started_at=ts(2026, 10, 21, 6, 30),
                 finished_at=ts(2026, 10, 21, 6, 32), source="/srv/drop/2026-10-21",
                 status="published", rows_read=1234, rows_loaded=1232, rows_quarantined=2,
                 summary=None),
        ],
        s.quarantine: [
            dict(import_id="20261001T080000-aaaa", file="stations.csv", row_no=4,
                 column_name="opened_on", reason="not a date: '2020-13-01'", raw=None),
            dict(import_id="20261021T063000-bbbb", file="fuel_sales.csv", row_no=17,
                 column_name="liters", reason="must be > 0: '-5'", raw=None),
            dict(import_id="20261021T063000-bbbb", file="fuel_sales.csv", row_no=3,
                 column_name="station_id", reason="unknown station 'S999'", raw=None),
        ],
    }
    with engine.begin() as conn:
        for table, values in rows.items():
            conn.execute(table.insert(), values)


@pytest.fixture
def status_store_url(tmp_path) -> str:
    """A DuckDB store published with the STATUS_EXPECTED dataset; returns its URL."""
    from data import store

    url = f"duckdb:///{tmp_path / 'status.duckdb'}"
    with store.building(url) as engine:
        fill_status_store(engine)
    return url


# ---- a small seeded demo store, built once per session (board, dictionary, wall tests) ----------
# Appended by the board work. 12 stations × 14 months ending 2026-11-20 (fixed seed and end date,
# so every run sees the same numbers); generated with data.demo and imported with the importer.

DEMO_END = (2026, 11, 20)


@pytest.fixture(scope="session")
def demo_store_url(tmp_path_factory) -> str:
    """URL of a DuckDB store holding the small seeded demo company (about 20 s to build)."""
    import datetime as dt

    from data.demo import generate
    from data.importer import import_folder

    root = tmp_path_factory.mktemp("demo_store")
    generate(root / "files", stations=12, months=14, seed=7, end_date=dt.date(*DEMO_END),
             progress=False)
    url = f"duckdb:///{root / 'demo.duckdb'}"
    import_folder(url, root / "files")
    return url


# ---- access: test clients signed in with a role and scope (appended by the access work) ------
# An app built over a state store without users runs with open access (development); a test
# that wants a real identity creates one here and signs in through the real /login form.


@pytest.fixture
def logged_in_client():
    """`make(app, role, scope, pii=False)` → a Flask test client signed in as a new user."""
    import itertools
    import re

    from access.users import create_user
    from data.state import state_engine

    counter = itertools.count(1)

    def make(app, role: str, scope: str, pii: bool = False):
        settings = app.server.config["AMOEBA_SETTINGS"]
        name = f"test_{role}_{next(counter)}"
        create_user(state_engine(settings.state_database_url), name, "test-password-123", role,
                    scope, pii)
        client = app.server.test_client()
        token = re.search(r'name="csrf" value="([^"]+)"',
                          client.get("/login").get_data(as_text=True)).group(1)
        res = client.post("/login", data={"csrf": token, "user": name,
                                          "password": "test-password-123"})
        assert res.status_code == 302, res.status_code
        return client

    return make
