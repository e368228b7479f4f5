"""Browser tests of the org drill-down (/org) on the small seeded demo store.

Set AMOEBA_SCREENSHOTS=docs/screenshots to refresh the PNGs in the repository.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from flask import g
from selenium.webdriver.common.by import By

from app import create_app
from data.scope import Scope
from settings import Settings

pytestmark = pytest.mark.browser
PROVINCE = Scope.everything(pii=False)


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = os.environ.get("AMOEBA_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path
    path.mkdir(parents=True, exist_ok=True)
    return path


def _start(dash_duo, url: str, tmp_path: Path, path: str, scope: Scope = PROVINCE) -> None:
    app = create_app(Settings(database_url=url,
                              state_database_url=f"sqlite:///{tmp_path / 's.sqlite'}"))
    # what the login layer will do: the request's scope on flask.g
    app.server.before_request(lambda: setattr(g, "amoeba_scope", scope))
    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + path)


def _shot(dash_duo, path: Path) -> None:
    driver = dash_duo.driver
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1440, max(700, min(int(height) + 40, 2400)))
    driver.save_screenshot(str(path))
    driver.set_window_size(1440, 900)


def _wait_path(dash_duo, fragment: str, timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while fragment not in dash_duo.driver.current_url and time.time() < deadline:
        time.sleep(0.1)
    assert fragment in dash_duo.driver.current_url


def _click_first(dash_duo, css: str, timeout: float = 60) -> str:
    dash_duo.wait_for_element(css, timeout=timeout)
    link = dash_duo.find_element(css)
    href = link.get_attribute("href")
    link.click()
    return href


def test_org001_walk_down_and_back_up(dash_duo, demo_store_url, tmp_path, shots) -> None:
    """Province → city → team → station → customer by clicks, then back up by breadcrumbs."""
    _start(dash_duo, demo_store_url, tmp_path, "/org?period=2026-10")
    dash_duo.wait_for_element(".org-children tr[data-level='city']", timeout=60)
    tiles = dash_duo.driver.find_elements(By.CSS_SELECTOR, ".org-tile[data-indicator]")
    assert len(tiles) == 8
    assert {x.get_attribute("data-rag") for x in tiles} <= {"green", "yellow", "red", "grey"}
    _shot(dash_duo, shots / "org_province.png")
    _click_first(dash_duo, ".org-children .org-child-link")
    _wait_path(dash_duo, "/org/city/")
    dash_duo.wait_for_element(".org-children tr[data-level='team']", timeout=60)
    _click_first(dash_duo, ".org-children .org-child-link")
    _wait_path(dash_duo, "/org/team/")
    dash_duo.wait_for_element(".org-children tr[data-level='station']", timeout=60)
    _shot(dash_duo, shots / "org_team.png")
    _click_first(dash_duo, ".org-children .org-child-link")
    _wait_path(dash_duo, "/station/")
    dash_duo.wait_for_element(".org-customers tr[data-status]", timeout=90)
    statuses = {r.get_attribute("data-status") for r in
                dash_duo.driver.find_elements(By.CSS_SELECTOR, ".org-customers tr[data-status]")}
    assert statuses <= {"active", "warning", "lost", "dormant"} and "active" in statuses | {"warning"}
    _shot(dash_duo, shots / "org_station.png")
    _click_first(dash_duo, ".org-customers .org-customer-link")
    _wait_path(dash_duo, "/customer/")
    dash_duo.wait_for_element(".org-txns tbody tr", timeout=60)
    months = dash_duo.driver.find_elements(By.CSS_SELECTOR, ".org-months tbody tr")
    assert len(months) == 13
    _shot(dash_duo, shots / "org_customer.png")
    crumbs = dash_duo.driver.find_elements(By.CSS_SELECTOR, ".org-breadcrumb .crumb-link")
    assert len(crumbs) == 4  # province, city, team, station (the customer is the current page)
    crumbs[2].click()  # back to the team
    dash_duo.wait_for_element(".org-children tr[data-level='station']", timeout=60)
    assert "/station/" not in dash_duo.driver.current_url
    dash_duo.driver.find_elements(By.CSS_SELECTOR, ".org-breadcrumb .crumb-link")[0].click()
    dash_duo.wait_for_element(".org-children tr[data-level='city']", timeout=60)
    assert dash_duo.get_logs() == []


def test_org002_bad_ids_read_as_messages(dash_duo, demo_store_url, tmp_path) -> None:
    """Unknown ids, a station under the wrong team and a mangled path show a friendly notice."""
    _start(dash_duo, demo_store_url, tmp_path, "/org/team/T99?period=2026-10")
    dash_duo.wait_for_contains_text(".org-message", "T99", timeout=30)
    for path, text in (("/org/team/T01/station/NOPE", "NOPE"), ("/org/bogus", "bogus"),
                       ("/org/team/T01/station/S001/customer/CU-NONE", "CU-NONE")):
        dash_duo.driver.get(dash_duo.server_url + path)
        dash_duo.wait_for_contains_text(".org-message", text, timeout=60)
    assert "Traceback" not in dash_duo.driver.page_source


def test_org003_team_scope_sees_its_team_only(dash_duo, demo_store_url, tmp_path) -> None:
    """A team leader's /org lists their own stations; another team's link is refused politely."""
    _start(dash_duo, demo_store_url, tmp_path, "/org?period=2026-10", Scope.parse("team:T01"))
    dash_duo.wait_for_element(".org-children tr[data-level='station']", timeout=60)
    dash_duo.driver.get(dash_duo.server_url + "/org/team/T02?period=2026-10")
    dash_duo.wait_for_contains_text(".org-message", "T02", timeout=30)
    assert not dash_duo.driver.find_elements(By.CSS_SELECTOR, ".org-children")
    assert dash_duo.get_logs() == []
