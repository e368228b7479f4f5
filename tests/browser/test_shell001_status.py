"""Browser tests of the shell and the data-status page in headless Chromium (dash_duo).

Screenshots go to a temporary folder; set AMOEBA_SCREENSHOTS=docs/screenshots to refresh the
ones in the repository.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from app import create_app
from settings import Settings
from tests.conftest import STATUS_EXPECTED

pytestmark = pytest.mark.browser


def free_port() -> int:
    """A free loopback port: dash_duo's default sequence (58050, 58051…) restarts in every
    process, so two suites running at once would otherwise talk to each other's servers."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
LATEST = "20261021T063000-bbbb"


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = os.environ.get("AMOEBA_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path
    path.mkdir(parents=True, exist_ok=True)
    return path


def _start(dash_duo, url: str, tmp_path: Path, path: str = "/status") -> None:
    app = create_app(Settings(database_url=url, state_database_url=f"sqlite:///{tmp_path / 's.sqlite'}"))
    dash_duo.start_server(app, port=free_port())
    if path != "/":
        dash_duo.driver.get(dash_duo.server_url + path)


def _full_page_shot(dash_duo, path: Path, width: int) -> None:
    """Resize the window to the page's height, so the PNG shows the whole page."""
    driver = dash_duo.driver
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, max(600, min(int(height) + 40, 4000)))
    driver.save_screenshot(str(path))


def _active_menu_entry(dash_duo) -> str:
    """The highlighted menu entry: inline, or inside "More" (whose toggle is then highlighted)."""
    driver = dash_duo.driver
    inline = driver.find_elements(By.CSS_SELECTOR, ".shell-nav > .nav-item > .nav-link.active:not(.dropdown-toggle)")
    inline = [link for link in inline if link.is_displayed()]  # phone-only copies are hidden
    if inline:
        return inline[0].text
    toggle = dash_duo.find_element("#shell-more .dropdown-toggle.active")
    toggle.click()
    text = dash_duo.wait_for_element("#shell-more .dropdown-item.active", timeout=5).text
    toggle.click()
    return text


def _cell(dash_duo, table: str) -> str:
    return dash_duo.find_element(f'td[data-table="{table}"]').text


def test_shell001_status_numbers_and_language(dash_duo, status_store_url, tmp_path, shots) -> None:
    """A user opens 数据状态, sees the real counts, switches to English, and it sticks."""
    _start(dash_duo, status_store_url, tmp_path)
    dash_duo.wait_for_text_to_equal('td[data-table="fuel_sales"]', "5", timeout=15)
    for table, rows in STATUS_EXPECTED.items():
        assert _cell(dash_duo, table) == f"{rows:,}", table
    assert dash_duo.find_element('[data-testid="status-version"]').text == LATEST
    assert dash_duo.find_element('[data-testid="status-rows-loaded"]').text == "1,232"
    assert dash_duo.find_element('[data-testid="status-rows-quarantined"]').text == "2"
    assert dash_duo.find_element("#status-quarantine-note").text == "共 2 行"
    quarantine = dash_duo.find_element("#status-quarantine").text
    assert "unknown station 'S999'" in quarantine and "must be > 0: '-5'" in quarantine
    assert "2026-09-03 至 2026-10-20" in dash_duo.find_element("#status-tables").text
    assert dash_duo.find_element("h1.page-title").text == "数据状态"
    assert _active_menu_entry(dash_duo) == "数据状态"
    assert dash_duo.driver.title == "数据状态 · 阿米巴经营看板"
    _full_page_shot(dash_duo, shots / "status-zh.png", 1440)

    dash_duo.driver.execute_script("window.__sameDocument = true")
    dash_duo.find_element("#lang-en").click()
    dash_duo.wait_for_text_to_equal("h1.page-title", "Data status", timeout=10)
    assert dash_duo.driver.execute_script("return window.__sameDocument === true")  # no reload
    dash_duo.wait_for_text_to_equal("#shell-brand-name", "Amoeba Board")
    assert _active_menu_entry(dash_duo) == "Data status"
    assert "Fuel sales" in dash_duo.find_element("#status-tables").text
    assert dash_duo.find_element("#status-quarantine-note").text == "2 in total"
    assert dash_duo.driver.execute_script("return document.documentElement.lang") == "en"
    assert dash_duo.driver.title == "Data status · Amoeba Board"
    _full_page_shot(dash_duo, shots / "status-en.png", 1440)

    dash_duo.driver.set_window_size(1440, 900)
    dash_duo.driver.refresh()  # the choice is kept in localStorage
    dash_duo.wait_for_text_to_equal("h1.page-title", "Data status", timeout=15)
    dash_duo.driver.get(dash_duo.server_url + "/status?lang=zh")  # and a link can set it
    dash_duo.wait_for_text_to_equal("h1.page-title", "数据状态", timeout=15)
    assert dash_duo.get_logs() == []


def test_shell002_phone_width(dash_duo, status_store_url, tmp_path, shots) -> None:
    """On a 390 px phone the menu collapses, nothing scrolls sideways, numbers stack."""
    dash_duo.driver.set_window_size(390, 844)
    _start(dash_duo, status_store_url, tmp_path, "/status?lang=en")
    dash_duo.wait_for_text_to_equal('td[data-table="fuel_sales"]', "5", timeout=15)
    dash_duo.wait_for_text_to_equal("h1.page-title", "Data status", timeout=10)
    driver = dash_duo.driver
    overflow = "return document.documentElement.scrollWidth - window.innerWidth"
    assert driver.execute_script("return window.innerWidth") <= 400
    assert driver.execute_script(overflow) <= 0
    links = driver.find_elements(By.CSS_SELECTOR, ".shell-nav .nav-link")
    assert links and not any(link.is_displayed() for link in links)
    dash_duo.find_element("#shell-toggler").click()
    dash_duo.wait_for_element_by_css_selector(".shell-nav .nav-link", timeout=5)
    dash_duo.wait_for_contains_class("#shell-collapse", "show", timeout=5)  # animation done
    assert any(link.is_displayed() for link in links)
    tiles = driver.find_elements(By.CSS_SELECTOR, ".stat")
    rows_of_tiles = sorted({tile.location["y"] for tile in tiles})
    assert len(tiles) == 4 and len(rows_of_tiles) == 3  # version, import, then the two counts
    assert all(tile.rect["x"] + tile.rect["width"] <= 390 for tile in tiles)
    assert driver.execute_script(overflow) <= 0
    _full_page_shot(dash_duo, shots / "status-phone.png", 390)
    assert driver.execute_script(overflow) <= 0
    assert dash_duo.get_logs() == []


def test_shell003_not_found_and_bad_link(dash_duo, status_store_url, tmp_path, shots) -> None:
    """An unknown address and a bad ?run= get friendly words, never a traceback."""
    _start(dash_duo, status_store_url, tmp_path, "/no/such/page")
    dash_duo.wait_for_text_to_equal(".notfound h1", "页面不存在", timeout=15)
    assert "/no/such/page" in dash_duo.find_element(".notfound").text
    _full_page_shot(dash_duo, shots / "not-found-zh.png", 1440)
    dash_duo.driver.set_window_size(1440, 900)
    dash_duo.driver.get(dash_duo.server_url + "/status?run=bogus%27--")
    dash_duo.wait_for_element_by_css_selector(".param-error", timeout=15)
    assert "bogus'--" in dash_duo.find_element(".param-error").text
    dash_duo.wait_for_text_to_equal('td[data-table="fuel_sales"]', "5", timeout=10)
    dash_duo.driver.get(dash_duo.server_url + "/status?run=20261001T080000-aaaa")
    dash_duo.wait_for_text_to_equal("#status-quarantine-note", "共 1 行", timeout=15)
    assert "not a date: '2020-13-01'" in dash_duo.find_element("#status-quarantine").text
    assert dash_duo.get_logs() == []
