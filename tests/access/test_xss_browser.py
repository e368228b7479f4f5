"""T16 in Chromium: a station named `<img src=x onerror=…>` is shown as text, no script runs;
and a real sign-in through the /login form in the browser (how a dash_duo test logs in)."""

from __future__ import annotations

import socket

import pytest
from selenium.webdriver.common.by import By

from tests.access.conftest import PASSWORD, XSS_NAME, build_app

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def browser_login(dash_duo, base: str, user: str) -> None:
    """Sign in through the form the way a person does (start the server with navigate=False:
    dash_duo's own first page load would land on /login and wait for Dash forever)."""
    driver = dash_duo.driver
    driver.get(base + "/login")
    driver.find_element(By.ID, "user").send_keys(user)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()


def test_station_name_with_html_is_text(dash_duo, canary_url, tmp_path) -> None:
    app = build_app(canary_url, f"sqlite:///{tmp_path / 'state.sqlite'}")
    dash_duo.start_server(app, navigate=False, port=_free_port())
    base, driver = dash_duo.server.url.rstrip("/"), dash_duo.driver
    driver.get(base + "/org/team/T01")
    assert "/login" in driver.current_url  # not signed in yet
    browser_login(dash_duo, base, "tl_t1")
    driver.get(base + "/org/team/T01")
    dash_duo.wait_for_contains_text("#org-body", "XSS_S001", timeout=60)
    body = driver.find_element(By.ID, "org-body").text
    assert XSS_NAME.split(">")[0] in body  # the markup is visible as characters
    assert driver.execute_script("return window.__xss === undefined")
    assert not driver.find_elements(By.CSS_SELECTOR, "#org-body img[src='x']")
    assert "CANARY_T2" not in driver.page_source
    assert "tl_t1" in driver.find_element(By.ID, "shell-account").text
