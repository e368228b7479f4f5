"""Pages join the shell through the registry alone: menu entry, order, and bare pages."""

from __future__ import annotations

import dash
import pytest
from dash import html
from selenium.webdriver.common.by import By

from app import create_app
from settings import Settings
from tests.browser.test_shell001_status import free_port

pytestmark = pytest.mark.browser

MODULE = "pages.shell_probe_bare"


def _menu_paths(dash_duo) -> list[str]:
    """The menu's targets in order: inline links, then the entries under "More" (opened)."""
    driver = dash_duo.driver
    links = driver.find_elements(By.CSS_SELECTOR, ".shell-nav > .nav-item > .shell-navlink")
    paths = ["/" + a.get_attribute("href").split("/", 3)[-1] for a in links if a.is_displayed()]
    toggles = driver.find_elements(By.CSS_SELECTOR, "#shell-more .dropdown-toggle")
    if toggles:
        toggles[0].click()
        menu = dash_duo.wait_for_element("#shell-more .dropdown-menu", timeout=5)
        paths += ["/" + a.get_attribute("href").split("/", 3)[-1]
                  for a in menu.find_elements(By.CSS_SELECTOR, ".dropdown-item")]
        toggles[0].click()
    return paths


@pytest.fixture
def app_with_probe(status_store_url, tmp_path):
    """The app plus a page registered the way other engineers do it (removed afterwards)."""
    app = create_app(Settings(database_url=status_store_url,
                              state_database_url=f"sqlite:///{tmp_path / 's.sqlite'}"))
    dash.register_page(MODULE, path="/probe-bare", name="probe", nav_key="nav.status", order=99,
                       bare=True, layout=html.Div("probe", id="probe-body"))
    yield app
    dash.page_registry.pop(MODULE, None)


def test_shell004_bare_page_hides_chrome(dash_duo, app_with_probe) -> None:
    """A page registered with bare=True shows without header and footer; others keep them."""
    dash_duo.start_server(app_with_probe, port=free_port())
    dash_duo.driver.get(dash_duo.server_url + "/probe-bare")
    dash_duo.wait_for_text_to_equal("#probe-body", "probe", timeout=15)
    dash_duo.wait_for_style_to_equal("#shell-header", "display", "none", timeout=5)
    assert not dash_duo.find_element("#shell-footer-bar").is_displayed()
    dash_duo.driver.get(dash_duo.server_url + "/status")
    dash_duo.wait_for_text_to_equal('td[data-table="fuel_sales"]', "5", timeout=15)
    assert dash_duo.find_element("#shell-header").is_displayed()
    assert _menu_paths(dash_duo)[-1] == "/probe-bare"  # order=99 puts it last
    assert dash_duo.get_logs() == []


PROBE_KEYS = ("status.imports", "status.rows_quarantined", "status.files", "status.tables",
              "status.selected_import", "status.last_import")


@pytest.fixture
def app_with_many_pages(status_store_url, tmp_path):
    """The app plus six more menu pages (as many as the finished product will have)."""
    app = create_app(Settings(database_url=status_store_url,
                              state_database_url=f"sqlite:///{tmp_path / 's.sqlite'}"))
    for i, key in enumerate(PROBE_KEYS):
        dash.register_page(f"{MODULE}_{i}", path=f"/probe-{i}", name=f"probe {i}", nav_key=key,
                           order=50 + i, layout=html.Div(f"probe {i}", id=f"probe-{i}"))
    yield app
    for i in range(len(PROBE_KEYS)):
        dash.page_registry.pop(f"{MODULE}_{i}", None)


def test_shell005_many_pages_keep_one_line(dash_duo, app_with_many_pages) -> None:
    """With a dozen pages the header stays one line: six inline, the rest under More."""
    dash_duo.driver.set_window_size(1280, 900)
    dash_duo.start_server(app_with_many_pages, port=free_port())
    dash_duo.driver.get(dash_duo.server_url + "/status?lang=en")
    dash_duo.wait_for_text_to_equal("h1.page-title", "Data status", timeout=15)
    dash_duo.wait_for_element("#shell-more", timeout=10)
    driver = dash_duo.driver
    links = driver.find_elements(By.CSS_SELECTOR, ".shell-nav > .nav-item .shell-navlink")
    inline = [link for link in links if link.is_displayed()]
    assert len(inline) == 6
    assert dash_duo.find_element(".shell-navbar").size["height"] < 80  # one line
    assert driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth") <= 0
    more = dash_duo.find_element("#shell-more .dropdown-toggle")
    assert more.text.strip() == "More" and "active" in more.get_attribute("class")  # status is in it
    more.click()
    menu = dash_duo.wait_for_element("#shell-more .dropdown-menu", timeout=5)
    entries = menu.find_elements(By.CSS_SELECTOR, ".dropdown-item")
    assert "Data status" in [a.text for a in entries]
    assert len(inline) + len(entries) == len([p for p in dash.page_registry.values() if p.get("nav_key")])
    probe = next(a for a in entries if "/probe-" in a.get_attribute("href"))
    target = probe.get_attribute("href").rsplit("/", 1)[-1]
    probe.click()
    dash_duo.wait_for_text_to_equal(f"#{target}", target.replace("-", " "), timeout=10)
    assert dash_duo.get_logs() == []


def test_shell006_phone_menu_lists_every_page(dash_duo, app_with_many_pages) -> None:
    """On a phone the opened menu is a plain list of every page, without "More"."""
    dash_duo.driver.set_window_size(390, 844)
    dash_duo.start_server(app_with_many_pages, port=free_port())
    dash_duo.driver.get(dash_duo.server_url + "/status")
    dash_duo.wait_for_text_to_equal("h1.page-title", "数据状态", timeout=15)
    dash_duo.find_element("#shell-toggler").click()
    dash_duo.wait_for_contains_class("#shell-collapse", "show", timeout=5)
    shown = [a.text for a in dash_duo.driver.find_elements(By.CSS_SELECTOR, ".shell-nav .shell-navlink")
             if a.is_displayed()]
    assert len(shown) == len([p for p in dash.page_registry.values() if p.get("nav_key")])
    assert "数据状态" in shown and not dash_duo.find_element("#shell-more").is_displayed()
    assert dash_duo.driver.execute_script(
        "return document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert dash_duo.get_logs() == []
