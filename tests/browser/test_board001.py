"""Browser tests of the team board and its drawer (指标解析) in headless Chromium.

The store is the small seeded demo company of `demo_store_url` (data to 2026-11-20). Set
AMOEBA_SCREENSHOTS=docs/screenshots to refresh the PNGs in the repository.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from app import create_app
from settings import Settings

pytestmark = pytest.mark.browser
RAGS = {"green", "yellow", "red", "grey"}
TOTAL, HEADLINE = 134, 8


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = os.environ.get("AMOEBA_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path
    path.mkdir(parents=True, exist_ok=True)
    return path


def _start(dash_duo, url: str, tmp_path: Path, path: str) -> float:
    """Start the app, open `path`, return the moment the request was sent."""
    app = create_app(Settings(database_url=url,
                              state_database_url=f"sqlite:///{tmp_path / 's.sqlite'}"))
    dash_duo.start_server(app)
    began = time.perf_counter()
    dash_duo.driver.get(dash_duo.server_url + path)
    return began


def _rows(dash_duo):
    return dash_duo.driver.find_elements(By.CSS_SELECTOR, ".ind-row[data-indicator]")


def _wait_rows(dash_duo, n: int = TOTAL, timeout: float = 120) -> None:
    dash_duo.wait_for_element(".ind-row", timeout=timeout)
    deadline = time.time() + timeout
    while len(_rows(dash_duo)) != n and time.time() < deadline:
        time.sleep(0.1)
    assert len(_rows(dash_duo)) == n


def _full_shot(dash_duo, path: Path, width: int = 1440) -> None:
    driver = dash_duo.driver
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, max(700, min(int(height) + 40, 6000)))
    driver.save_screenshot(str(path))
    driver.set_window_size(width, 900)


def test_board001_team_board_shows_all_indicators_with_lights(
        dash_duo, demo_store_url, tmp_path, shots) -> None:
    """A team leader opens /board and sees 8 headline cards and all 134 indicators with lights."""
    began = _start(dash_duo, demo_store_url, tmp_path, "/board?team=T01&period=2026-11")
    _wait_rows(dash_duo)
    print(f"\nboard fully rendered {time.perf_counter() - began:.2f} s after the request")
    rows = _rows(dash_duo)
    ids = {r.get_attribute("data-indicator") for r in rows}
    assert len(ids) == TOTAL
    assert {r.get_attribute("data-rag") for r in rows} <= RAGS
    cards = dash_duo.driver.find_elements(By.CSS_SELECTOR, ".kpi-card[data-indicator]")
    assert len(cards) == HEADLINE
    # every light shows a shape and a word, not colour alone
    first = rows[0].find_element(By.CSS_SELECTOR, ".rag")
    assert first.text in {"●", "▲", "■", "○"} and first.get_attribute("aria-label")
    card_light = cards[0].find_element(By.CSS_SELECTOR, ".rag")
    assert card_light.find_element(By.CSS_SELECTOR, ".rag-word").text in {"绿", "黄", "红", "灰"}
    assert "截至 2026-11-20" in dash_duo.find_element(".page-subtitle").text
    # the theme tallies add up to the rows shown
    tallies = dash_duo.driver.find_elements(By.CSS_SELECTOR, ".theme-group .rag-count")
    assert sum(int(x.get_attribute("data-n")) for x in tallies) == TOTAL
    _full_shot(dash_duo, shots / "board_zh.png")
    dash_duo.find_element("#lang-en").click()
    dash_duo.wait_for_contains_text(".board-body", f"All {TOTAL} indicators", timeout=15)
    _full_shot(dash_duo, shots / "board_en.png")
    assert dash_duo.get_logs() == []


def test_board002_drawer_shows_substituted_formula(dash_duo, demo_store_url, tmp_path,
                                                   shots) -> None:
    """Enter on a focused indicator row opens its definition with the inputs substituted."""
    _start(dash_duo, demo_store_url, tmp_path, "/board?team=T01&period=2026-10")
    _wait_rows(dash_duo)
    row = dash_duo.find_element('.ind-row[data-indicator="fuel_volume_t"]')
    row.send_keys(Keys.ENTER)  # rows are buttons: focusable, Enter opens
    dash_duo.wait_for_element(".offcanvas.show .drawer-substituted", timeout=30)
    drawer = dash_duo.find_element(".offcanvas.show")
    assert drawer.find_element(By.CSS_SELECTOR, ".def-name").text == "纯枪销量"
    substituted = drawer.find_element(By.CSS_SELECTOR, ".drawer-substituted").text
    assert any(ch.isdigit() for ch in substituted), substituted
    assert "排名" in drawer.text and "时间进度" in drawer.text
    link = drawer.find_element(By.CSS_SELECTOR, "a.drawer-rows-link")
    href = link.get_attribute("href")
    assert "/rows?" in href and "indicator=fuel_volume_t" in href and "team=T01" in href
    # plotly.js loads only when a drawer first shows a chart (the board itself has none)
    dash_duo.wait_for_element(".offcanvas.show .drawer-trend .main-svg", timeout=60)
    dash_duo.driver.save_screenshot(str(shots / "drawer.png"))
    link.click()  # the rows behind the number: its own page, reconciled with the value
    dash_duo.wait_for_element(".rows-recon tr[data-check='match']", timeout=120)
    assert "period=2026-10" in dash_duo.driver.current_url
    assert dash_duo.get_logs() == []


def test_board003_deep_link_restores_and_url_follows(dash_duo, demo_store_url, tmp_path) -> None:
    """A link with a station and a month opens that view; choosing a team rewrites the URL."""
    _start(dash_duo, demo_store_url, tmp_path, "/board?station=S003&period=2026-09")
    _wait_rows(dash_duo)
    assert "S003" in dash_duo.find_element("#board-entity").text
    assert "2026-09" in dash_duo.find_element("#board-period").text
    assert "加油站" in dash_duo.find_element(".page-subtitle").text
    dash_duo.find_element("#board-entity").click()
    dash_duo.find_element(".dash-dropdown-search").send_keys("T01")
    dash_duo.find_element(".dash-dropdown-search").send_keys(Keys.ENTER)
    deadline = time.time() + 20
    while "team=" not in dash_duo.driver.current_url and time.time() < deadline:
        time.sleep(0.1)
    assert "team=T01" in dash_duo.driver.current_url
    assert "period=2026-09" in dash_duo.driver.current_url
    assert dash_duo.get_logs() == []


def test_board004_bad_link_is_friendly(dash_duo, demo_store_url, tmp_path) -> None:
    """An unknown team and a nonsense period give a notice and the default view, no traceback."""
    _start(dash_duo, demo_store_url, tmp_path, "/board?team=T99&period=2026-13")
    _wait_rows(dash_duo)
    notices = dash_duo.find_element("#board-notices").text
    assert "T99" in notices and "2026-13" in notices
    assert "Traceback" not in dash_duo.driver.page_source
    # the red/yellow switch and the search filter the rows without evaluating again
    bad = [r.get_attribute("data-indicator") for r in _rows(dash_duo)
           if r.get_attribute("data-rag") in ("red", "yellow")]
    names = {r.get_attribute("data-indicator"): r.find_element(By.CSS_SELECTOR, ".row-name").text
             for r in _rows(dash_duo)}
    dash_duo.find_element("#board-only-bad").click()
    _wait_rows(dash_duo, len(bad), timeout=20)
    assert sorted(r.get_attribute("data-indicator") for r in _rows(dash_duo)) == sorted(bad)
    dash_duo.find_element("#board-only-bad").click()
    _wait_rows(dash_duo, TOTAL, timeout=20)
    dash_duo.find_element("#board-search").send_keys("毛利")
    wanted = sorted(i for i, n in names.items() if "毛利" in n)
    _wait_rows(dash_duo, len(wanted), timeout=20)
    assert sorted(r.get_attribute("data-indicator") for r in _rows(dash_duo)) == wanted
    assert dash_duo.get_logs() == []


def test_board005_phone_width_no_horizontal_overflow(dash_duo, demo_store_url, tmp_path,
                                                     shots) -> None:
    """At phone width the cards stack and rows wrap: nothing scrolls sideways."""
    _start(dash_duo, demo_store_url, tmp_path, "/board?team=T01&period=2026-11")
    dash_duo.driver.set_window_size(390, 844)
    _wait_rows(dash_duo)
    wide = dash_duo.driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert wide <= 0
    dash_duo.driver.save_screenshot(str(shots / "board_phone.png"))
    assert dash_duo.get_logs() == []


def test_board006_cached_board_stays_light(dash_duo, demo_store_url, tmp_path) -> None:
    """A second visit draws from the cache in few round trips, without loading plotly.js."""
    _start(dash_duo, demo_store_url, tmp_path, "/board?team=T01&period=2026-11")
    _wait_rows(dash_duo)
    began = time.perf_counter()
    dash_duo.driver.get(dash_duo.server_url + "/board?team=T01&period=2026-11")
    _wait_rows(dash_duo)
    print(f"\ncached board drawn {time.perf_counter() - began:.2f} s after the request")
    names = dash_duo.driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)")
    updates = [n for n in names if n.endswith("_dash-update-component")]
    # page content, shell chrome, pickers, URL, evaluate-and-draw, drawer buttons
    assert len(updates) <= 6, updates
    assert not [n for n in names if "plotly" in n.lower()], "the board loaded plotly.js"
    assert dash_duo.find_element(".kpi-card .sparkline-img").get_attribute("src").startswith(
        "data:image/svg+xml")
    assert dash_duo.get_logs() == []
