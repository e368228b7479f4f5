"""Browser tests of 客户圈 (/customers) in headless Chromium on the seeded demo company.

The user sees the whole province without personal data (names and phones masked). Set
AMOEBA_SCREENSHOTS=docs/screenshots to refresh the PNGs in the repository.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from flask import g
from selenium.webdriver.common.by import By

from app import create_app
from data.scope import Scope
from settings import Settings
from tests.browser.phone import assert_fits_phone

pytestmark = pytest.mark.browser
SCOPE = Scope(all_stations=True, pii=False)


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = os.environ.get("AMOEBA_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path
    path.mkdir(parents=True, exist_ok=True)
    return path


def _start(dash_duo, url: str, tmp_path: Path, path: str) -> None:
    app = create_app(Settings(database_url=url,
                              state_database_url=f"sqlite:///{tmp_path / 's.sqlite'}"))
    app.server.before_request(lambda: setattr(g, "amoeba_scope", SCOPE))
    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + path)


def _items(dash_duo):
    return dash_duo.driver.find_elements(By.CSS_SELECTOR, ".cust-item[data-customer]")


def _wait_list(dash_duo, tab: str, timeout: float = 60) -> None:
    dash_duo.wait_for_element(f".customers-lists[data-tab='{tab}']", timeout=timeout)


def _text_when(dash_duo, css: str, wanted: str, timeout: float = 120) -> str:
    """The text of `css` once it contains `wanted` (the list re-renders after a save; on a
    loaded 2-core machine that takes tens of seconds), else what it holds at the deadline."""
    deadline, text = time.time() + timeout, ""
    while time.time() < deadline:
        found = dash_duo.driver.find_elements(By.CSS_SELECTOR, css)
        try:
            text = found[0].text if found else ""
        except Exception:  # noqa: BLE001 - re-rendered under our feet: look again
            text = ""
        if wanted in text:
            return text
        time.sleep(0.5)
    return text


def _shot(dash_duo, path: Path, width: int = 1440) -> None:
    driver = dash_duo.driver
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, max(700, min(int(height) + 40, 2400)))
    driver.save_screenshot(str(path))
    driver.set_window_size(1440, 900)


def test_customers001_warning_list_expand_and_contact(dash_duo, demo_store_url, tmp_path,
                                                      shots) -> None:  # fmt: skip
    """A team leader opens the warnings, expands a row, logs a contact; it stays after reload."""
    _start(dash_duo, demo_store_url, tmp_path, "/customers?team=T01&period=2026-11&tab=warning")
    _wait_list(dash_duo, "warning")
    items = _items(dash_duo)
    assert items, "the demo team has churn warnings"
    first = items[0]
    cid = first.get_attribute("data-customer")
    summary = first.find_element(By.CSS_SELECTOR, ".cust-summary").text
    assert re.search(r"11月至20日 .* 吨, 前三月均 .* 吨 \(按进度 .* 吨\), [−+]\d+%", summary), summary
    assert re.search(r"\*\*", summary), "names are masked for this user"
    first.find_element(By.CSS_SELECTOR, ".cust-summary").click()  # the history loads on open
    dash_duo.wait_for_element(f".cust-item[data-customer='{cid}'] .cust-history td", timeout=30)
    history = first.find_elements(By.CSS_SELECTOR, ".cust-history td")
    assert len(history) == 13
    _shot(dash_duo, shots / "customers_warnings.png")
    first.find_element(By.CSS_SELECTOR, ".cust-contact-btn").click()
    dash_duo.wait_for_element("#customers-note", timeout=10).send_keys("已电话回访，周末来加油")
    dash_duo.find_element("#customers-save").click()
    where = f".cust-item[data-customer='{cid}'] .cust-contacted"
    assert "已电话回访，周末来加油" in _text_when(dash_duo, where, "已电话回访")
    dash_duo.driver.refresh()  # stored in the state store: still there after a reload
    _wait_list(dash_duo, "warning")
    assert "已联系" in _text_when(dash_duo, where, "已电话回访")
    assert dash_duo.get_logs() == []


@pytest.mark.parametrize("tab", ["watch", "serious", "lost", "dormant", "buying"])
def test_customers002_each_tab(dash_duo, demo_store_url, tmp_path, shots, tab) -> None:
    """Every tab renders a list (or says it is empty) without browser errors."""
    _start(dash_duo, demo_store_url, tmp_path, f"/customers?team=T01&period=2026-11&tab={tab}")
    _wait_list(dash_duo, tab)
    time.sleep(0.3)
    body = dash_duo.find_element(".customers-lists").text
    assert _items(dash_duo) or "名单为空" in body
    if tab == "serious":
        managers = [e.text for e in dash_duo.driver.find_elements(By.CSS_SELECTOR, ".cust-manager")]
        assert all(m for m in managers), "every serious case names who is responsible"
    if tab == "buying":
        assert "2026-11-20 当日购油客户" in body and "本月购油客户" in body
    _shot(dash_duo, shots / f"customers_{tab}.png")
    assert dash_duo.get_logs() == []


def test_customers003_segments_filter_and_export(dash_duo, demo_store_url, tmp_path,
                                                 shots) -> None:  # fmt: skip
    """客户画像: segment tiles, a filter narrows the target list, the CSV download starts."""
    _start(dash_duo, demo_store_url, tmp_path, "/segments?team=T01&period=2026-11")
    dash_duo.wait_for_element(".seg-body", timeout=180)
    tiles = dash_duo.driver.find_elements(By.CSS_SELECTOR, ".seg-tile[data-segment]")
    assert len(tiles) == 8
    before = _text_when(dash_duo, ".seg-count", "目标客户", 180)
    n_before = int(re.sub(r"\D", "", before.split("位")[0]))
    assert n_before > 0
    dash_duo.select_dcc_dropdown("#segments-segment", "重要价值")
    deadline, after = time.time() + 180, before
    while after in (before, "") and time.time() < deadline:
        time.sleep(0.5)
        after = _text_when(dash_duo, ".seg-count", "目标客户", 30)
    n_after = int(re.sub(r"\D", "", after.split("位")[0]))
    assert 0 < n_after < n_before
    # the URL written back by sync_url is the link itself
    assert dash_duo.driver.current_url.endswith("/segments?team=T01&period=2026-11")
    cells = dash_duo.driver.find_elements(By.CSS_SELECTOR, ".seg-table tbody tr td:nth-child(4)")
    assert cells and {c.text for c in cells} == {"重要价值"}
    dash_duo.find_element(".page-title").click()  # close the dropdown before the picture
    time.sleep(0.5)
    _shot(dash_duo, shots / "customers_segments.png")
    assert_fits_phone(dash_duo, 1400)
    dash_duo.driver.save_screenshot(str(shots / "segments_phone.png"))
    assert dash_duo.get_logs() == []


def _first_team(url: str) -> str:
    """The first team of the demo store (its layout changes with the demo's size)."""
    from data.store import reader_engine

    with reader_engine(url).connect() as conn:
        return conn.exec_driver_sql("SELECT MIN(team_id) FROM stations").scalar_one()


def test_customers004_url_follows_tab_deep_link_and_bad_params(dash_duo, demo_store_url, tmp_path,
                                                               shots) -> None:  # fmt: skip
    """Changing the tab rewrites the URL; reloading it restores the tab; bad values read as notices."""
    team = _first_team(demo_store_url)
    _start(dash_duo, demo_store_url, tmp_path, f"/customers?team={team}&period=2026-11&tab=warning")
    _wait_list(dash_duo, "warning")
    dash_duo.driver.find_element(By.LINK_TEXT, "流失客户").click()
    _wait_list(dash_duo, "lost")
    deadline = time.time() + 30
    while "tab=lost" not in dash_duo.driver.current_url and time.time() < deadline:
        time.sleep(0.2)
    link = dash_duo.driver.current_url
    assert link.endswith(f"/customers?team={team}&period=2026-11&tab=lost"), link
    dash_duo.driver.get(link)  # the deep link restores the same tab and list
    _wait_list(dash_duo, "lost")
    active = dash_duo.find_element("#customers-tab .nav-link.active").text
    assert active == "流失客户"
    dash_duo.driver.get(dash_duo.server_url + "/customers?team=NOPE&period=2026-13&tab=bogus")
    _wait_list(dash_duo, "watch")  # the defaults still show a list
    notes = _text_when(dash_duo, "#customers-notices", "bogus", 60)
    assert "NOPE" in notes and "2026-13" in notes and "bogus" in notes, notes
    assert dash_duo.driver.find_elements(By.CSS_SELECTOR, ".param-error[data-param='tab']")
    assert_fits_phone(dash_duo, 1400)
    dash_duo.driver.save_screenshot(str(shots / "customers_phone.png"))
    assert dash_duo.get_logs() == []
