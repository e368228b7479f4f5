"""Browser test of the operating statement (经营报表) on the small seeded demo store: a team's
year-to-date statement, a line expanded into its parts and into its stations, a definition
opened at a click, and the Excel download opened and checked against the table."""

from __future__ import annotations

import os
import time
from pathlib import Path

import openpyxl
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


def _start(dash_duo, url: str, tmp_path: Path, path: str, downloads: Path) -> None:
    app = create_app(Settings(database_url=url,
                              state_database_url=f"sqlite:///{tmp_path / 's.sqlite'}"))
    app.server.before_request(lambda: setattr(g, "amoeba_scope", PROVINCE))
    dash_duo.start_server(app)
    dash_duo.driver.execute_cdp_cmd("Page.setDownloadBehavior",
                                    {"behavior": "allow", "downloadPath": str(downloads)})
    dash_duo.driver.get(dash_duo.server_url + path)


def _number(text: str) -> float:
    return float(text.replace(",", "").replace("\u2212", "-"))


def _cells(dash_duo, selector: str) -> list[str]:
    return [td.text for td in dash_duo.driver.find_elements(By.CSS_SELECTOR, selector)]


def _click(dash_duo, selector: str) -> None:
    """Scroll the element to the middle of the window (clear of the sticky header), click it."""
    el = dash_duo.find_element(selector)
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", el)
    time.sleep(0.2)
    el.click()


def _wait_file(folder: Path, suffix: str, timeout: float = 30) -> Path:
    deadline = time.time() + timeout
    while time.time() < deadline:
        done = [p for p in folder.glob(f"*{suffix}") if p.stat().st_size > 0]
        if done:
            return done[0]
        time.sleep(0.2)
    raise AssertionError(f"no {suffix} downloaded into {folder}")


def _subtitle_ytd(dash_duo) -> str:
    """The subtitle once the YTD statement shows (read back after it changes)."""
    deadline = time.time() + 20
    while time.time() < deadline:
        text = dash_duo.find_element("#stmt-header .page-subtitle").text
        if "本年累计" in text:
            return text
        time.sleep(0.2)
    raise AssertionError("the YTD statement did not show")


def test_statement001_expand_define_export(dash_duo, demo_store_url, tmp_path, shots) -> None:
    """A team leader opens the YTD statement, expands expenses, opens a definition, exports."""
    downloads = tmp_path / "dl"
    downloads.mkdir()
    _start(dash_duo, demo_store_url, tmp_path, "/statement?period=2026-10&view=month", downloads)
    dash_duo.wait_for_element("tr[data-line='operating_profit']", timeout=60)
    assert "view=month" in dash_duo.driver.current_url
    assert dash_duo.find_elements("tr[data-line='labour_cost']") == []
    dash_duo.driver.save_screenshot(str(shots / "statement_month.png"))

    _click(dash_duo, "tr[data-line='expenses'] .stmt-caret")
    dash_duo.wait_for_element("tr[data-line='labour_cost']", timeout=20)
    parts = [_number(t) for t in _cells(dash_duo, "tr.depth-1.section-expenses td.stmt-actual")]
    total = _number(dash_duo.find_element("tr[data-line='expenses'] td.stmt-actual").text)
    assert len(parts) == 7 and sum(parts) == pytest.approx(total, abs=0.01 * 7)

    _click(dash_duo, "tr[data-line='fuel_volume_t'] .stmt-kids-btn")
    dash_duo.wait_for_element("tr.stmt-kid[data-line='fuel_volume_t']", timeout=20)
    kids = [_number(t.split()[0]) for t in
            _cells(dash_duo, "tr.stmt-kid[data-line='fuel_volume_t'] td.stmt-actual")]
    volume = _number(dash_duo.find_element("tr[data-line='fuel_volume_t'] td.stmt-actual").text)
    assert len(kids) >= 2 and sum(kids) == pytest.approx(volume, abs=0.05 * len(kids))
    dash_duo.driver.execute_script("window.scrollTo(0, 0);")
    dash_duo.driver.save_screenshot(str(shots / "statement_by_station.png"))
    _click(dash_duo, "tr[data-line='total_gross_profit'] .stmt-caret")
    _click(dash_duo, "tr[data-line='fuel_gross_profit'] .stmt-caret")
    dash_duo.wait_for_element("tr[data-line='stmt_gp_diesel']", timeout=20)
    dash_duo.driver.execute_script(
        "arguments[0].scrollIntoView({block: 'start'}); window.scrollBy(0, -90);",
        dash_duo.find_element("tr[data-line='total_gross_profit']"))
    time.sleep(0.3)
    dash_duo.driver.save_screenshot(str(shots / "statement_expanded.png"))

    _click(dash_duo, "tr[data-line='operating_profit'] .stmt-name")
    dash_duo.wait_for_element("#stmt-drawer-body [data-drawer-for='operating_profit']", timeout=20)
    # the drawer slides in: its text is complete once the animation ends
    dash_duo.wait_for_contains_text("#stmt-drawer-body", "油品毛利 + 非油毛利 − 费用", timeout=10)
    time.sleep(0.3)
    dash_duo.driver.save_screenshot(str(shots / "statement_definition.png"))
    dash_duo.find_element("#stmt-drawer .btn-close").click()
    time.sleep(0.5)

    _click(dash_duo, "#stmt-view input[value='ytd']")
    deadline = time.time() + 20
    while "view=ytd" not in dash_duo.driver.current_url and time.time() < deadline:
        time.sleep(0.1)
    assert "view=ytd" in dash_duo.driver.current_url
    dash_duo.wait_for_text_to_equal("#stmt-header .page-subtitle", _subtitle_ytd(dash_duo), 20)
    _click(dash_duo, "#stmt-xlsx")
    book = openpyxl.load_workbook(_wait_file(downloads, ".xlsx"))
    ws = book.active
    rows = {r[0].value: r for r in ws.iter_rows(min_row=5)}
    shown = _number(dash_duo.find_element("tr[data-line='operating_profit'] td.stmt-actual").text)
    assert rows["经营利润"][2].value == pytest.approx(shown, abs=0.006)
    assert "[Red]" in rows["经营利润"][2].number_format
    assert dash_duo.get_logs() == []
