"""The board in Chromium on a store whose data starts mid-year (the 14-month demo of
`demo_store_url`, fuel rows 2025-10-01..2026-11-20): November 2025 compares with November 2024,
which the store does not hold, so a notice says so, every YoY comparison carries ⚠, the lights
judged on it are grey "不可比", and the drawer says why; the year 2026 compares with Jan–Nov
2025, which the store holds from October only, so the cards spell the flag out over their too
big YoY numbers. Screenshots go to AMOEBA_SCREENSHOTS when set.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from tests.browser.test_board001 import _full_shot, _start, _wait_rows

pytestmark = pytest.mark.browser
VIEW = "/board?team=T01&period=2025-11"
YEAR = "/board?team=T01&period=2026"


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = os.environ.get("AMOEBA_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path
    path.mkdir(parents=True, exist_ok=True)
    return path


def _css(dash_duo, selector: str) -> list:
    return dash_duo.driver.find_elements(By.CSS_SELECTOR, selector)


def _open_drawer(dash_duo, ind_id: str) -> str:
    row = dash_duo.find_element(f".ind-row[data-indicator='{ind_id}']")
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", row)
    dash_duo.driver.execute_script("arguments[0].click()", row)  # the fixed footer may cover it
    dash_duo.wait_for_element(f"[data-drawer-for='{ind_id}'] .drawer-caveats", timeout=60)
    # textContent, not .text: Selenium's text is only what the scrolled drawer shows right now
    return dash_duo.find_element(".def-drawer").get_attribute("textContent")


def test_board_coverage001_flags_marked_greyed_and_explained(dash_duo, demo_store_url, tmp_path,
                                                             shots) -> None:
    _start(dash_duo, demo_store_url, tmp_path, YEAR)
    _wait_rows(dash_duo)
    cards = _css(dash_duo, ".kpi-card[data-coverage]")
    assert len(cards) == 8  # every headline's YoY reads Jan–Nov 2025
    flag = cards[0].find_element(By.CSS_SELECTOR, ".kpi-flag")
    assert flag.text == "⚠ 上年同期数据不完整"
    assert "数据覆盖 2025-10-01 至 2026-11-20" in flag.get_attribute("title")
    _full_shot(dash_duo, shots / "board_coverage_year_zh.png")
    dash_duo.driver.get(dash_duo.server_url + VIEW)
    _wait_rows(dash_duo)
    dash_duo.wait_for_contains_text(".coverage-notice", "同比基期 2024-11-01 至 2024-11-30",
                                    timeout=30)
    rows = _css(dash_duo, ".ind-row[data-coverage]")
    assert len(rows) == 134
    # recharge_count's light is judged year on year: grey, "不可比", with the reason
    row = dash_duo.find_element(".ind-row[data-indicator='recharge_count']")
    assert row.get_attribute("data-rag") == "grey"
    light = row.find_element(By.CSS_SELECTOR, ".rag")
    assert light.get_attribute("aria-label") == "不可比"
    assert "上年同期数据不完整" in light.get_attribute("title")
    _full_shot(dash_duo, shots / "board_coverage_zh.png")
    text = _open_drawer(dash_duo, "recharge_count")
    assert "比较口径提示" in text and "不可比" in text
    dash_duo.driver.save_screenshot(str(shots / "board_coverage_drawer_zh.png"))

    dash_duo.driver.get(dash_duo.server_url + YEAR + "&lang=en")
    _wait_rows(dash_duo)
    dash_duo.wait_for_text_to_equal(".kpi-flag", "⚠ Prior-period data incomplete", timeout=30)
    _full_shot(dash_duo, shots / "board_coverage_en.png")
    text = _open_drawer(dash_duo, "recharge_count")
    assert "Comparison caveat" in text and "Not comparable" in text
    assert "Indicator explained" in text and "指标解析" not in text  # the title follows the language
    assert "Why this colour: " in text
    dash_duo.driver.save_screenshot(str(shots / "board_coverage_drawer_en.png"))

    from tests.browser.phone import assert_fits_phone

    dash_duo.driver.get(dash_duo.server_url + VIEW)
    _wait_rows(dash_duo)
    assert_fits_phone(dash_duo, 1400)
    dash_duo.driver.save_screenshot(str(shots / "board_coverage_phone.png"))
