"""Browser test of the smart report (智能报告) on the small seeded demo store: a team's October
report opens from its link, shows the headline numbers of metrics.evaluate, switches to English,
and downloads as the same standalone HTML, as a PDF (read back with pdftotext) and as Excel."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import openpyxl
import pytest
from flask import g
from selenium.webdriver.common.by import By

from app import create_app
from components import format as fmt
from data.org import list_entities
from data.scope import Scope
from data.store import reader_engine
from metrics.evaluator import evaluate
from metrics.periods import Level, Period
from metrics.request import BatchRequest
from settings import Settings

pytestmark = pytest.mark.browser
PROVINCE = Scope.everything(pii=False)


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = os.environ.get("AMOEBA_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path
    path.mkdir(parents=True, exist_ok=True)
    return path


def _frame_text(dash_duo, needle: str, timeout: float = 60) -> str:
    """The report frame's document once it contains `needle`."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        doc = dash_duo.find_element("#rep-frame").get_attribute("srcdoc") or ""
        if needle in doc:
            return doc
        time.sleep(0.3)
    raise AssertionError(f"report frame never showed {needle!r}")


def _wait(folder: Path, suffix: str, timeout: float = 60) -> Path:
    deadline = time.time() + timeout
    while time.time() < deadline:
        done = [p for p in folder.glob(f"*{suffix}") if p.stat().st_size > 0]
        if done:
            return done[0]
        time.sleep(0.2)
    raise AssertionError(f"no {suffix} downloaded")


def test_report001_open_read_download(dash_duo, demo_store_url, tmp_path, shots) -> None:
    """A province user opens a team's report by link, reads the volume, downloads it."""
    engine = reader_engine(demo_store_url)
    team = next(e for e in list_entities(engine, PROVINCE, "team"))
    res = evaluate(engine, BatchRequest(entities=((Level.TEAM, team.id),),
                                        period=Period.parse("2026-10"), scope=PROVINCE,
                                        indicators=("fuel_volume_t",)))
    tonnes = fmt.tonnes(res.get("fuel_volume_t", (Level.TEAM, team.id)).value, "zh")
    engine.dispose()

    downloads = tmp_path / "dl"
    downloads.mkdir()
    app = create_app(Settings(database_url=demo_store_url,
                              state_database_url=f"sqlite:///{tmp_path / 's.sqlite'}"))
    app.server.before_request(lambda: setattr(g, "amoeba_scope", PROVINCE))
    dash_duo.start_server(app)
    dash_duo.driver.execute_cdp_cmd("Page.setDownloadBehavior",
                                    {"behavior": "allow", "downloadPath": str(downloads)})
    dash_duo.driver.get(f"{dash_duo.server_url}/report?team={team.id}&period=2026-10")
    doc = _frame_text(dash_duo, "经营分析报告")
    assert team.name in doc and "2026-10" in doc
    assert tonnes in doc  # the volume headline equals metrics.evaluate's for the same request
    for head in ("一、总体情况", "四、经营报表", "六、建议"):
        assert head in doc
    dash_duo.driver.switch_to.frame(dash_duo.find_element("#rep-frame"))
    links = dash_duo.driver.find_elements(By.CSS_SELECTOR, "a[href='/dictionary#fuel_volume_t']")
    assert links, "the volume number links to its definition"
    dash_duo.driver.switch_to.default_content()
    dash_duo.driver.set_window_size(1280, 1000)
    dash_duo.driver.save_screenshot(str(shots / "report_zh.png"))

    dash_duo.find_element("#rep-html").click()
    body = _wait(downloads, ".html").read_text(encoding="utf-8")
    assert tonnes in body and '<base target="_top">' not in body  # standalone, not the frame's

    dash_duo.find_element("#rep-pdf").click()
    pdf = _wait(downloads, ".pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    assert "经营分析报告" in text and tonnes in text.replace("  ", " ")

    dash_duo.find_element("#rep-xlsx").click()
    rows = list(openpyxl.load_workbook(_wait(downloads, ".xlsx")).active.iter_rows(values_only=True))
    vol = next(r for r in rows if r and r[1] == "fuel_volume_t")
    assert fmt.tonnes(vol[4], "zh") == tonnes

    dash_duo.find_element("#lang-en").click()
    _frame_text(dash_duo, "Operating report")
    dash_duo.driver.save_screenshot(str(shots / "report_en.png"))
