"""Browser test of the campaign page (营销活动分析) on the small seeded demo store: deep link, the
campaign list, picking a campaign shows its chart vs control, per-station table, responders."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from flask import g
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By

from app import create_app
from data.scope import Scope
from settings import Settings

pytestmark = pytest.mark.browser


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = os.environ.get("AMOEBA_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path
    path.mkdir(parents=True, exist_ok=True)
    return path


def _settled(read):
    """Read from the page, retrying while Dash re-renders the element under us."""
    for _ in range(100):
        try:
            return read()
        except StaleElementReferenceException:
            time.sleep(0.1)
    return read()


def test_campaigns001_list_and_detail(dash_duo, demo_store_url, tmp_path, shots) -> None:
    """A city's quarter: campaigns listed; the second campaign's detail after picking it."""
    app = create_app(Settings(database_url=demo_store_url,
                              state_database_url=f"sqlite:///{tmp_path / 's.sqlite'}"))
    app.server.before_request(lambda: setattr(g, "amoeba_scope", Scope.everything(pii=False)))
    dash_duo.start_server(app)
    dash_duo.driver.set_window_size(1366, 1500)
    dash_duo.driver.get(dash_duo.server_url + "/campaigns?city=LY&period=2026-Q3")
    dash_duo.wait_for_element(".camp-list tbody tr", timeout=90)
    rows = dash_duo.driver.find_elements(By.CSS_SELECTOR, ".camp-list tbody tr")
    assert rows and not dash_duo.driver.find_elements(By.CSS_SELECTOR, ".param-error")
    assert "LY" in dash_duo.find_element(".page-subtitle").text
    dash_duo.wait_for_element(".camp-stations tbody tr", timeout=30)
    assert dash_duo.driver.find_elements(By.CSS_SELECTOR, "#camp-chart .bars path")
    first = _settled(lambda: dash_duo.find_element(".camp-detail h2").text)
    if len(rows) > 1:
        dash_duo.select_dcc_dropdown("#camp-pick", index=1)
        deadline = time.time() + 30
        while (_settled(lambda: dash_duo.find_element(".camp-detail h2").text) == first
               and time.time() < deadline):
            time.sleep(0.2)
        assert _settled(lambda: dash_duo.find_element(".camp-detail h2").text) != first
    names = _settled(lambda: [td.text for td in dash_duo.driver.find_elements(
        By.CSS_SELECTOR, ".camp-responders tbody td:first-child")])
    # no pii: masked names, each followed by the customer id (two 张** stay apart)
    assert names and all(re.fullmatch(r"(\S\*\* )?C\d+", n) for n in names), names
    dash_duo.driver.execute_script("window.scrollTo(0, 0)")
    time.sleep(0.5)
    dash_duo.driver.save_screenshot(str(shots / "campaigns_city.png"))
