"""Browser tests of the campaign page (营销活动分析) on the small seeded demo store: deep link, the
campaign list, picking a campaign shows its chart vs control, per-station table, responders;
the CSV/Excel downloads hold the screen's rows (masked, with ids); English; phone width.

The city is found from the store (a city with a campaign in the quarter), not hard-coded: the
demo's team and city layout changes with its size. AMOEBA_SCREENSHOTS=docs/screenshots refreshes
the pictures in the repository.
"""

from __future__ import annotations

import csv
import io
import os
import re
import time
from pathlib import Path

import openpyxl
import pytest
from flask import g
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from sqlalchemy import text

from app import create_app
from data.scope import Scope
from data.store import reader_engine
from settings import Settings
from tests.browser.phone import assert_fits_phone

pytestmark = pytest.mark.browser
QUARTER = ("2026-Q3", "2026-07-01", "2026-09-30")
MASKED_WITH_ID = re.compile(r"(\S\*\* )?C\d+")  # 张** C0000123, or the id alone


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = os.environ.get("AMOEBA_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path
    path.mkdir(parents=True, exist_ok=True)
    return path


def _city(url: str) -> str:
    """The first city with a campaign overlapping the quarter (plain SQL on the demo store)."""
    engine = reader_engine(url)
    with engine.connect() as conn:
        return conn.execute(text(
            "SELECT MIN(s.city_id) FROM campaigns c JOIN campaign_stations cs USING (campaign_id) "
            "JOIN stations s USING (station_id) WHERE c.start_date <= :hi AND c.end_date >= :lo"),
            {"lo": QUARTER[1], "hi": QUARTER[2]}).scalar_one()  # fmt: skip


def _settled(read):
    """Read from the page, retrying while Dash re-renders the element under us."""
    for _ in range(100):
        try:
            return read()
        except StaleElementReferenceException:
            time.sleep(0.1)
    return read()


def _open(dash_duo, url: str, tmp_path: Path, downloads: Path | None = None) -> str:
    app = create_app(Settings(database_url=url,
                              state_database_url=f"sqlite:///{tmp_path / 's.sqlite'}"))
    app.server.before_request(lambda: setattr(g, "amoeba_scope", Scope.everything(pii=False)))
    dash_duo.start_server(app)
    if downloads is not None:
        dash_duo.driver.execute_cdp_cmd("Page.setDownloadBehavior",
                                        {"behavior": "allow", "downloadPath": str(downloads)})
    dash_duo.driver.set_window_size(1366, 1500)
    city = _city(url)
    dash_duo.driver.get(f"{dash_duo.server_url}/campaigns?city={city}&period={QUARTER[0]}")
    dash_duo.wait_for_element(".camp-list tbody tr", timeout=90)
    dash_duo.wait_for_element(".camp-stations tbody tr", timeout=30)
    return city


def _cells(dash_duo, css: str) -> list[list[str]]:
    return _settled(lambda: [[td.text for td in tr.find_elements(By.TAG_NAME, "td")]
                             for tr in dash_duo.driver.find_elements(By.CSS_SELECTOR, css)])


def _wait_file(folder: Path, suffix: str, timeout: float = 60) -> Path:
    deadline = time.time() + timeout
    while time.time() < deadline:
        done = [p for p in folder.glob(f"*{suffix}") if p.stat().st_size > 0]
        if done:
            return done[0]
        time.sleep(0.2)
    raise AssertionError(f"no {suffix} downloaded into {folder}")


def test_campaigns001_list_and_detail(dash_duo, demo_store_url, tmp_path, shots) -> None:
    """A city's quarter: campaigns listed; the second campaign's detail after picking it."""
    city = _open(dash_duo, demo_store_url, tmp_path)
    rows = dash_duo.driver.find_elements(By.CSS_SELECTOR, ".camp-list tbody tr")
    assert rows and not dash_duo.driver.find_elements(By.CSS_SELECTOR, ".param-error")
    assert city in dash_duo.find_element(".page-subtitle").text
    assert dash_duo.driver.find_elements(By.CSS_SELECTOR, "#camp-chart .bars path")
    first = _settled(lambda: dash_duo.find_element(".camp-detail h2").text)
    if len(rows) > 1:
        dash_duo.select_dcc_dropdown("#camp-pick", index=1)
        deadline = time.time() + 30
        while (_settled(lambda: dash_duo.find_element(".camp-detail h2").text) == first
               and time.time() < deadline):
            time.sleep(0.2)
        second = _settled(lambda: dash_duo.find_element(".camp-detail h2").text)
        assert second != first
        camp_id = re.search(r"\(([^()]+)\)$", second).group(1)
        deadline = time.time() + 30
        while f"campaign={camp_id}" not in dash_duo.driver.current_url and time.time() < deadline:
            time.sleep(0.2)
        link = dash_duo.driver.current_url
        assert link.endswith(f"?city={city}&period={QUARTER[0]}&campaign={camp_id}"), link
        dash_duo.driver.get(link)  # the link opens the same campaign's detail
        dash_duo.wait_for_element(".camp-stations tbody tr", timeout=60)
        deadline = time.time() + 30
        while (_settled(lambda: dash_duo.find_element(".camp-detail h2").text) != second
               and time.time() < deadline):
            time.sleep(0.2)
        assert _settled(lambda: dash_duo.find_element(".camp-detail h2").text) == second
    names = [r[0] for r in _cells(dash_duo, ".camp-responders tbody tr")]
    # no pii: masked names, each followed by the customer id (two 张** stay apart)
    assert names and all(MASKED_WITH_ID.fullmatch(n) for n in names), names
    assert len(set(names)) == len(names)
    dash_duo.driver.execute_script("window.scrollTo(0, 0)")
    time.sleep(0.5)
    dash_duo.driver.save_screenshot(str(shots / "campaigns_city.png"))
    assert dash_duo.get_logs() == []


def test_campaigns002_export_english_phone(dash_duo, demo_store_url, tmp_path, shots) -> None:
    """The downloads hold the screen's rows (masked, with ids); English; phone width."""
    downloads = tmp_path / "dl"
    downloads.mkdir()
    _open(dash_duo, demo_store_url, tmp_path, downloads)
    picked = _settled(lambda: dash_duo.find_element(".camp-detail h2").text)
    camp_id = re.search(r"\(([^()]+)\)$", picked).group(1)
    screen = _cells(dash_duo, ".camp-stations tbody tr")
    people = [r[0].split()[-1] for r in _cells(dash_duo, ".camp-responders tbody tr")]
    dash_duo.find_element("#camp-csv-stations").click()
    with _wait_file(downloads, ".csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))[2:]
    mine = [r for r in rows if r[0] == camp_id]
    assert [r[4] for r in mine] == [r[0] for r in screen]  # the same stations, same order
    # incremental tonnes: the screen rounds to 2 places, the file keeps the value
    shown = [float(r[1].replace("−", "-").replace(",", "")) for r in screen]
    assert all(abs(float(r[5]) - v) <= 0.0051 for r, v in zip(mine, shown, strict=True))
    dash_duo.find_element("#camp-xlsx").click()
    wb = openpyxl.load_workbook(io.BytesIO(_wait_file(downloads, ".xlsx").read_bytes()))
    assert wb.sheetnames == ["分站结果", "响应客户"]
    book = [[c.value for c in r] for r in wb["响应客户"].iter_rows(min_row=3) if r[0].value == camp_id]
    ids = [r[2] for r in book]
    assert ids[: len(people)] == people  # the screen shows the first of the same order
    assert all(r[3] is None or str(r[3]).endswith("**") for r in book)  # masked, never a name
    dash_duo.find_element("#lang-en").click()
    dash_duo.wait_for_text_to_equal(".page-title", "Campaign effect", timeout=30)
    dash_duo.wait_for_text_to_equal("#camp-xlsx", "Excel (both tables)", timeout=30)
    _settled(lambda: dash_duo.find_element(".camp-detail h2").text.startswith("Campaign detail"))
    time.sleep(1)
    dash_duo.driver.execute_script("window.scrollTo(0, 0)")
    dash_duo.driver.save_screenshot(str(shots / "campaigns_en.png"))
    assert_fits_phone(dash_duo, 1600)
    dash_duo.driver.save_screenshot(str(shots / "campaigns_phone.png"))
    assert dash_duo.get_logs() == []
