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
    labels = [a.get_attribute("href").split("/", 3)[-1]
              for a in dash_duo.driver.find_elements(By.CSS_SELECTOR, ".shell-nav .nav-link")]
    assert labels[-1] == "probe-bare"  # order=99 puts it last
    assert dash_duo.get_logs() == []
