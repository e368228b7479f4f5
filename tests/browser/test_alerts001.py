"""Browser test of 预警 (/alerts) in headless Chromium: the feed of the seeded demo's planted
alerts under three viewers' scopes, acknowledge and resolve with who and when.

Set AMOEBA_SCREENSHOTS=docs/screenshots to refresh the PNGs in the repository.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest
from flask import g
from selenium.webdriver.common.by import By

from alerts.evaluate import run
from app import create_app
from data.scope import Scope
from data.state import state_engine
from data.state_alerts import list_alerts
from data.store import reader_engine
from settings import Settings
from tests.conftest import DEMO_END

pytestmark = pytest.mark.browser


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = os.environ.get("AMOEBA_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path
    path.mkdir(parents=True, exist_ok=True)
    return path


def _items(dash_duo) -> list:
    return dash_duo.driver.find_elements(By.CSS_SELECTOR, ".alert-item[data-alert]")


def _until(check, timeout: float = 60) -> bool:
    """Poll `check()` (the feed re-renders after a click; slow on a loaded 2-core machine)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if check():
                return True
        except Exception:  # noqa: BLE001 - re-rendered under our feet: look again
            pass
        time.sleep(0.3)
    return False


def _shot(dash_duo, path: Path) -> None:
    driver = dash_duo.driver
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1440, max(700, min(int(height) + 40, 2400)))
    driver.save_screenshot(str(path))
    driver.set_window_size(1440, 900)


def test_alerts001_feed_scope_acknowledge_resolve(dash_duo, demo_store_url, tmp_path, shots):
    state_url = f"sqlite:///{tmp_path / 's.sqlite'}"
    state = state_engine(state_url)
    assert len(run(reader_engine(demo_store_url), state, dt.date(*DEMO_END))) == 4
    viewer = {"scope": Scope.parse("team:T01"), "user": "tl_zhang"}
    app = create_app(Settings(database_url=demo_store_url, state_database_url=state_url))

    @app.server.before_request
    def _identity() -> None:
        g.amoeba_scope, g.amoeba_user = viewer["scope"], viewer["user"]

    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + "/alerts")
    assert _until(lambda: len(_items(dash_duo)) == 4)
    text = dash_duo.find_element("#alerts-feed").text
    for words in ("站点日销量骤降", "榕江华林加油站", "C0000001", "异常优惠", "12.2%", "共 4 条"):
        assert words in text
    _shot(dash_duo, shots / "alerts_feed.png")

    drop = next(e for e in _items(dash_duo) if "站点日销量骤降" in e.text)
    drop_id = int(drop.get_attribute("data-alert"))
    drop.find_element(By.XPATH, ".//button[text()='确认']").click()
    assert _until(lambda: len(_items(dash_duo)) == 3)  # the default filter shows open ones
    stored = {a.alert_id: a for a in list_alerts(state, Scope.everything())}
    assert (stored[drop_id].state, stored[drop_id].acknowledged_by) == ("acknowledged", "tl_zhang")

    dash_duo.driver.get(dash_duo.server_url + "/alerts?state=acknowledged")
    assert _until(lambda: [e.get_attribute("data-state") for e in _items(dash_duo)] == ["acknowledged"])
    item = _items(dash_duo)[0]
    assert "已确认" in item.text and "tl_zhang" in item.text
    item.find_element(By.XPATH, ".//button[text()='解决']").click()
    assert _until(lambda: "没有符合条件的预警" in dash_duo.find_element("#alerts-feed").text)
    after = next(a for a in list_alerts(state, Scope.everything()) if a.alert_id == drop_id)
    assert (after.state, after.resolved_by) == ("resolved", "tl_zhang")

    viewer["scope"] = Scope.parse("station:S003")  # the station manager sees only their station
    dash_duo.driver.get(dash_duo.server_url + "/alerts?state=all")
    assert _until(lambda: [e.get_attribute("data-alert") for e in _items(dash_duo)] == [str(drop_id)])
    assert "已解决" in _items(dash_duo)[0].text
    _shot(dash_duo, shots / "alerts_station_resolved.png")

    viewer["scope"] = Scope.parse("team:T02")  # the other team: nothing of T01's
    dash_duo.driver.get(dash_duo.server_url + "/alerts?state=all&severity=purple")
    assert _until(lambda: "没有符合条件的预警" in dash_duo.find_element("#alerts-feed").text)
    assert dash_duo.find_element(".param-error").get_attribute("data-param") == "severity"
    assert "榕江" not in dash_duo.find_element("#alerts-feed").text
    assert dash_duo.get_logs() == []


def test_alerts002_wall_shows_open_red_count(dash_duo, demo_store_url, tmp_path, shots):
    state_url = f"sqlite:///{tmp_path / 's.sqlite'}"
    state = state_engine(state_url)
    found = run(reader_engine(demo_store_url), state, dt.date(*DEMO_END))
    assert sum(a.severity == "red" for a in found) == 3  # drop, churn, stacked discounts
    app = create_app(Settings(database_url=demo_store_url, state_database_url=state_url))
    app.server.before_request(lambda: setattr(g, "amoeba_scope", Scope.everything(pii=False)))
    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + "/wall")  # the wall shows the whole province
    dash_duo.wait_for_text_to_equal(".wall-alerts", "未处理红色预警 3 条", timeout=90)
    _shot(dash_duo, shots / "alerts_wall_count.png")
    assert dash_duo.get_logs() == []
