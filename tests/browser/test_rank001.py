"""Browser tests of the rankings page (省市排名) on the small seeded demo store: sort, deep link,
export CSV and Excel (the downloaded files are opened and checked against the table)."""

from __future__ import annotations

import csv
import io
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


def _table(dash_duo) -> list[tuple[str, str, str]]:
    rows = dash_duo.driver.find_elements(By.CSS_SELECTOR, "#rank-table tbody tr")
    return [(r.get_attribute("data-entity"), r.get_attribute("data-rank"),
             r.find_elements(By.TAG_NAME, "td")[2].text.rsplit(" ", 1)[0]) for r in rows]


def _wait_file(folder: Path, suffix: str, timeout: float = 30) -> Path:
    deadline = time.time() + timeout
    while time.time() < deadline:
        done = [p for p in folder.glob(f"*{suffix}") if p.stat().st_size > 0]
        if done:
            return done[0]
        time.sleep(0.2)
    raise AssertionError(f"no {suffix} downloaded into {folder}")


def test_rank001_sort_and_export(dash_duo, demo_store_url, tmp_path, shots) -> None:
    """Stations ranked by volume; sort by name, export CSV and Excel with the same rows."""
    downloads = tmp_path / "dl"
    downloads.mkdir()
    _start(dash_duo, demo_store_url, tmp_path,
           "/rankings?indicator=fuel_volume_t&period=2026-10&level=station", downloads)
    dash_duo.wait_for_element("#rank-table tbody tr", timeout=60)
    first = _table(dash_duo)
    assert len(first) == 12
    assert [int(r[1]) for r in first] == sorted(int(r[1]) for r in first)
    assert first[0][1] == "1"
    dash_duo.driver.save_screenshot(str(shots / "rankings_station.png"))
    dash_duo.find_element("th[data-col='name'] button").click()
    deadline = time.time() + 20
    while "sort=name" not in dash_duo.driver.current_url and time.time() < deadline:
        time.sleep(0.1)
    assert "sort=name" in dash_duo.driver.current_url
    time.sleep(0.5)
    by_name = _table(dash_duo)
    names = [r[2] for r in by_name]
    assert names == sorted(names) and len(by_name) == 12
    dash_duo.find_element("#rank-csv").click()
    with _wait_file(downloads, ".csv").open(encoding="utf-8-sig") as fh:
        lines = list(csv.reader(fh))
    header = lines[1]
    body = lines[2:]
    assert [row[header.index("名称")] for row in body] == names
    ranks = {row[header.index("编号")]: row[header.index("名次")] for row in body}
    assert ranks == {r[0]: r[1] for r in by_name}
    dash_duo.find_element("#rank-xlsx").click()
    wb = openpyxl.load_workbook(io.BytesIO(_wait_file(downloads, ".xlsx").read_bytes()))
    ws = wb.active
    values = list(ws.iter_rows(values_only=True))
    head_at = next(i for i, r in enumerate(values) if r and r[0] == "名次")
    xrows = values[head_at + 1:]
    assert [r[3] for r in xrows] == names
    assert {r[2]: r[0] for r in xrows} == {k: int(v) for k, v in ranks.items()}
    assert all(isinstance(r[5], float) for r in xrows)  # numbers stay numbers in Excel
    dash_duo.find_element("#lang-en").click()
    dash_duo.wait_for_contains_text("th[data-col='rank']", "Rank", timeout=20)
    dash_duo.wait_for_contains_text("#rank-header", "Fuel volume", timeout=20)
    dash_duo.driver.save_screenshot(str(shots / "rankings_en.png"))
    assert dash_duo.get_logs() == []


def test_rank002_composite_and_city(dash_duo, demo_store_url, tmp_path, shots) -> None:
    """The composite ranking of teams shows its weights; a bad indicator id falls back politely."""
    downloads = tmp_path / "dl"
    downloads.mkdir()
    _start(dash_duo, demo_store_url, tmp_path, "/rankings?indicator=composite&period=2026-10",
           downloads)
    dash_duo.wait_for_element("#rank-table tbody tr", timeout=90)
    assert len(dash_duo.driver.find_elements(By.CSS_SELECTOR, ".rank-weight")) == 8
    dash_duo.driver.save_screenshot(str(shots / "rankings_composite.png"))
    dash_duo.driver.get(dash_duo.server_url + "/rankings?indicator=nope&level=team")
    dash_duo.wait_for_contains_text("#rank-notices", "nope", timeout=30)
    dash_duo.wait_for_element("#rank-table tbody tr", timeout=60)
    assert dash_duo.get_logs() == []
