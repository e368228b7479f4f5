"""Browser test of the indicator dictionary (指标字典): all entries, search filters."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import yaml
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from app import create_app
from settings import Settings

pytestmark = pytest.mark.browser
CATALOGUE = Path(__file__).resolve().parents[2] / "metrics" / "catalogue" / "indicators"


def _yaml_entries() -> list[dict]:
    """The catalogue read straight from the YAML files (not through the registry)."""
    out = []
    for path in sorted(CATALOGUE.glob("*.yaml")):
        out += yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return out


def _entries(dash_duo):
    return dash_duo.driver.find_elements(By.CSS_SELECTOR, ".dict-entry[data-indicator]")


def _wait_count(dash_duo, n: int, timeout: float = 20) -> None:
    deadline = time.time() + timeout
    while len(_entries(dash_duo)) != n and time.time() < deadline:
        time.sleep(0.1)
    assert len(_entries(dash_duo)) == n


def test_dictionary001_lists_all_and_search_filters(dash_duo, tmp_path) -> None:
    """The dictionary lists every indicator; typing 毛利 leaves only those about gross profit."""
    app = create_app(Settings(database_url=f"duckdb:///{tmp_path / 'x.duckdb'}",
                              state_database_url=f"sqlite:///{tmp_path / 's.sqlite'}"))
    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + "/dictionary")
    entries = _yaml_entries()
    dash_duo.wait_for_element(".dict-entry", timeout=20)
    _wait_count(dash_duo, len(entries))
    word = "毛利"
    expected = sorted(e["id"] for e in entries if word in " ".join(
        [e["id"], e["name_zh"], e["name_en"], e.get("description", ""),
         e.get("description_en") or ""]))
    search = dash_duo.find_element("#dict-search")
    search.send_keys(word)
    _wait_count(dash_duo, len(expected))
    assert sorted(x.get_attribute("data-indicator") for x in _entries(dash_duo)) == expected
    shots = os.environ.get("AMOEBA_SCREENSHOTS")
    search.send_keys(Keys.CONTROL, "a")  # clear() does not reach React's state
    search.send_keys(Keys.BACKSPACE)
    search.send_keys("fuel_volume_t 纯枪销量")
    deadline = time.time() + 20
    while not dash_duo.driver.find_elements(By.CSS_SELECTOR, "details.dict-entry[open]") \
            and time.time() < deadline:
        time.sleep(0.1)
    opened = dash_duo.driver.find_elements(By.CSS_SELECTOR, "details.dict-entry[open]")
    assert "fuel_volume_t" in [x.get_attribute("data-indicator") for x in opened]
    assert "Σ" in opened[0].text  # the formula is shown
    if shots:
        dash_duo.driver.save_screenshot(str(Path(shots) / "dictionary.png"))
    assert dash_duo.get_logs() == []
