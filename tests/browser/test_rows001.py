"""Browser tests of the rows page (/rows): the rows behind a number, reconciled, paged, exported.

The store is the small seeded demo company of `demo_store_url` (data to 2026-11-20). Expected
counts are read from the store file with DuckDB directly, not through the app. Set
AMOEBA_SCREENSHOTS=docs/screenshots to refresh rows.png.
"""

from __future__ import annotations

import csv
import os
import time
from pathlib import Path

import duckdb
import pytest
from flask import g
from selenium.webdriver.common.by import By

from app import create_app
from data.scope import Scope
from settings import Settings

pytestmark = pytest.mark.browser
VIEW = "/rows?indicator=member_volume_share&team=T01&period=2026-11"


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = os.environ.get("AMOEBA_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path
    path.mkdir(parents=True, exist_ok=True)
    return path


def _start(dash_duo, url: str, tmp_path: Path, path: str, scope: list[Scope]) -> Path:
    """Serve the app with the caller's scope taken from `scope[0]` on every request."""
    app = create_app(Settings(database_url=url,
                              state_database_url=f"sqlite:///{tmp_path / 's.sqlite'}"))
    app.server.before_request(lambda: setattr(g, "amoeba_scope", scope[0]))
    dash_duo.start_server(app)
    downloads = tmp_path / "dl"
    downloads.mkdir()
    dash_duo.driver.execute_cdp_cmd("Page.setDownloadBehavior",
                                    {"behavior": "allow", "downloadPath": str(downloads)})
    dash_duo.driver.get(dash_duo.server_url + path)
    return downloads


def _member_rows(url: str) -> int:
    """T01's member fuel purchases 2026-11-01..20, counted straight from the file."""
    con = duckdb.connect(url.removeprefix("duckdb:///"), read_only=True)
    try:
        return con.execute(
            "SELECT count(*) FROM fuel_sales f JOIN stations s USING (station_id) "
            "WHERE s.team_id = 'T01' AND f.customer_id IS NOT NULL "
            "AND f.ts >= TIMESTAMP '2026-11-01' AND f.ts < TIMESTAMP '2026-11-21'").fetchone()[0]
    finally:
        con.close()


def _wait_file(folder: Path, timeout: float = 60) -> Path:
    deadline = time.time() + timeout
    while time.time() < deadline:
        done = [p for p in folder.glob("*.csv") if p.stat().st_size > 0]
        if done:
            return done[0]
        time.sleep(0.2)
    raise AssertionError(f"no CSV downloaded into {folder}")


def _click(dash_duo, selector: str) -> None:
    """Click through JavaScript: the table's pager sits under the fixed footer at 1440×900."""
    dash_duo.driver.execute_script("arguments[0].click()", dash_duo.find_element(selector))


def _first_cells(dash_duo) -> list[str]:
    return [c.text for c in dash_duo.driver.find_elements(
        By.CSS_SELECTOR, "#rows-table td[data-dash-column='txn_id']")]


def test_rows001_reconciled_paged_masked_and_exported(dash_duo, demo_store_url, tmp_path,
                                                      shots) -> None:
    """A team leader sees every input reconciled (✓), pages the rows, masked names, a CSV."""
    team = Scope.parse("team:T01", pii=False)
    downloads = _start(dash_duo, demo_store_url, tmp_path, VIEW, [team])
    dash_duo.wait_for_element(".rows-recon tr[data-check]", timeout=120)
    checks = [r.get_attribute("data-check") for r in
              dash_duo.driver.find_elements(By.CSS_SELECTOR, ".rows-recon tr[data-check]")]
    assert checks and set(checks) == {"match"}
    want = _member_rows(demo_store_url)
    dash_duo.wait_for_contains_text("#rows-note", f"{want:,}", timeout=60)
    first = _first_cells(dash_duo)
    assert len(first) == 50
    names = [c.text for c in dash_duo.driver.find_elements(
        By.CSS_SELECTOR, "#rows-table td[data-dash-column='name']")]
    assert names and all(n.endswith("**") for n in names)
    dash_duo.driver.save_screenshot(str(shots / "rows.png"))
    _click(dash_duo, ".next-page")
    deadline = time.time() + 30
    while _first_cells(dash_duo)[:1] == first[:1] and time.time() < deadline:
        time.sleep(0.1)
    assert _first_cells(dash_duo) and set(_first_cells(dash_duo)).isdisjoint(first)
    _click(dash_duo, "#rows-csv")
    with _wait_file(downloads).open(encoding="utf-8-sig") as fh:
        lines = list(csv.reader(fh))
    header = next(i for i, r in enumerate(lines) if "txn_id" in r)
    body = lines[header + 1:]
    assert len(body) == want
    name_col = lines[header].index("name")
    assert all(r[name_col].endswith("**") for r in body)
    assert dash_duo.get_logs() == []


def test_rows002_wall_refused_and_foreign_team_friendly(dash_duo, demo_store_url,
                                                        tmp_path) -> None:
    """The wall identity gets a refusal; a team leader asking for another team gets a notice."""
    scope = [Scope(all_stations=True, aggregates_only=True)]
    _start(dash_duo, demo_store_url, tmp_path, VIEW, scope)
    dash_duo.wait_for_element(".rows-message", timeout=60)
    assert "汇总" in dash_duo.find_element(".rows-message").text
    assert not dash_duo.driver.find_elements(By.CSS_SELECTOR, "#rows-table td")
    scope[0] = Scope.parse("team:T01")
    dash_duo.driver.get(dash_duo.server_url + VIEW.replace("T01", "T02"))
    dash_duo.wait_for_contains_text(".rows-page", "T02", timeout=60)
    assert not dash_duo.driver.find_elements(By.CSS_SELECTOR, "#rows-table td")
    assert "Traceback" not in dash_duo.driver.page_source
    assert dash_duo.get_logs() == []


def _headers(dash_duo) -> dict[str, str]:
    """column id → header text of the rows table."""
    cells = dash_duo.driver.find_elements(By.CSS_SELECTOR, "#rows-table th[data-dash-column]")
    return {c.get_attribute("data-dash-column"): c.text.strip() for c in cells}


def test_rows003_headers_localised_and_numbers_formatted(dash_duo, demo_store_url, tmp_path,
                                                         shots) -> None:
    """Headers in the app's language with units; amounts with separators and two decimals;
    the reconciliation in the board's units (万元 / 吨); English too; fits a phone."""
    import re

    from tests.browser.phone import assert_fits_phone

    view = "/rows?indicator=fuel_gross_profit&team=T01&period=2026-11"
    _start(dash_duo, demo_store_url, tmp_path, view, [Scope.parse("team:T01", pii=False)])
    dash_duo.wait_for_element("#rows-table td[data-dash-column='paid_amount']", timeout=120)
    heads = _headers(dash_duo)
    assert heads["txn_id"] == "交易编号" and heads["paid_amount"] == "实收金额（元）"
    assert heads["liters"] == "升数（升）" and heads["ts"] == "交易时间"
    money = re.compile(r"^\u2212?\d{1,3}(,\d{3})*\.\d{2}$")
    paid = [c.text for c in dash_duo.driver.find_elements(
        By.CSS_SELECTOR, "#rows-table td[data-dash-column='paid_amount']")]
    assert paid and all(money.match(p) for p in paid), paid[:5]
    stamps = [c.text for c in dash_duo.driver.find_elements(
        By.CSS_SELECTOR, "#rows-table td[data-dash-column='ts']")]
    assert all(re.match(r"^2026-11-\d\d \d\d:\d\d:\d\d$", s) for s in stamps)
    recon = dash_duo.find_element(".rows-recon").text
    assert "万元" in recon and "246302" not in recon
    dash_duo.driver.save_screenshot(str(shots / "rows_zh.png"))
    dash_duo.driver.get(dash_duo.server_url + view + "&lang=en")
    dash_duo.wait_for_text_to_equal("#rows-table th[data-dash-column='txn_id']", "Transaction",
                                    timeout=120)
    assert _headers(dash_duo)["paid_amount"] == "Paid (yuan)"
    assert "× 10k yuan" in dash_duo.find_element(".rows-recon").text
    dash_duo.driver.save_screenshot(str(shots / "rows_en.png"))
    assert_fits_phone(dash_duo, 900)
    dash_duo.driver.save_screenshot(str(shots / "rows_phone.png"))
    assert dash_duo.get_logs() == []
