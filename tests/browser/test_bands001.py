"""Browser test of the amount-band page (金额段) on the small seeded demo store: deep link, the
histogram with threshold marks, the tables, the what-if reacting to its inputs."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from flask import g
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from app import create_app
from data.scope import Scope
from settings import Settings
from tests.browser.phone import assert_fits_phone

pytestmark = pytest.mark.browser


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = os.environ.get("AMOEBA_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path
    path.mkdir(parents=True, exist_ok=True)
    return path


def _wait_text(dash_duo, selector: str, needle: str, timeout: float = 30) -> str:
    deadline = time.time() + timeout
    text = ""
    while time.time() < deadline:
        try:  # the callback may re-render the element between find and read
            els = dash_duo.driver.find_elements(By.CSS_SELECTOR, selector)
            text = els[0].text if els else ""
        except StaleElementReferenceException:
            continue
        if needle in text:
            return text
        time.sleep(0.2)
    raise AssertionError(f"{needle!r} not in {selector}: {text!r}")


def test_bands001_histogram_and_what_if(dash_duo, demo_store_url, tmp_path, shots) -> None:
    """A team's quarter: bars, threshold lines, shares summing to 100%, what-if recomputed."""
    app = create_app(Settings(database_url=demo_store_url,
                              state_database_url=f"sqlite:///{tmp_path / 's.sqlite'}"))
    app.server.before_request(lambda: setattr(g, "amoeba_scope", Scope(teams=frozenset({"T01"}))))
    dash_duo.start_server(app)
    dash_duo.driver.set_window_size(1366, 1100)
    dash_duo.driver.get(dash_duo.server_url + "/bands?team=T01&period=2026-Q3")
    dash_duo.wait_for_element(".bands-table tbody tr", timeout=60)
    rows = dash_duo.driver.find_elements(By.CSS_SELECTOR, ".bands-table tbody tr")
    assert len(rows) > 3
    assert rows[-1].find_elements(By.TAG_NAME, "td")[3].text == "100.0%"  # cumulative share
    assert rows[-1].find_elements(By.TAG_NAME, "td")[0].text == "≥ 400"  # fleet tickets folded
    assert "2026-Q3" in dash_duo.find_element(".page-subtitle").text
    assert len(dash_duo.driver.find_elements(By.CSS_SELECTOR, "#bands-chart .bars path")) >= 3
    marks = dash_duo.driver.find_elements(By.CSS_SELECTOR, "#bands-chart .annotation-text")
    assert {"100", "200", "300"} <= {m.text for m in marks}
    before = _wait_text(dash_duo, "#bands-whatif-result", "[200, 220)")
    assert "q = 30%" in before
    q = dash_duo.find_element("#bands-q")
    q.send_keys(Keys.CONTROL, "a")
    q.send_keys("60", Keys.ENTER)
    after = _wait_text(dash_duo, "#bands-whatif-result", "q = 60%")
    liters = [float(dash_duo.find_element(".whatif-liters").text.replace(",", ""))]
    assert liters[0] >= 0
    assert after != before
    dash_duo.driver.set_window_size(1366, 1700)
    dash_duo.driver.execute_script("window.scrollTo(0, 0)")
    time.sleep(0.5)
    dash_duo.driver.save_screenshot(str(shots / "bands_team.png"))
    dash_duo.find_element("#lang-en").click()
    _wait_text(dash_duo, ".page-title", "Amount bands")
    text = _wait_text(dash_duo, "#bands-whatif-result", "Assumption")
    assert "q = 60%" in text and "Expected extra liters" in text
    dash_duo.driver.save_screenshot(str(shots / "bands_en.png"))
    assert_fits_phone(dash_duo, 1600)
    dash_duo.driver.save_screenshot(str(shots / "bands_phone.png"))
    assert dash_duo.get_logs() == []
