"""The Content-Security-Policy in Chromium: board, drawer, rankings, org, report and wall run
under it with no violation in the console; a provoked violation is caught (so the check works).
Also the headers themselves over HTTP, and the wall's framing setting."""

from __future__ import annotations

import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from access.headers import WALL_ANCESTORS_ENV, wall_ancestors
from tests.access.conftest import build_app
from tests.access.test_xss_browser import _free_port, browser_login

# (path, a CSS selector that appears once the page's callbacks have drawn it)
PAGES = [
    ("/board?team=T01&period=2026-11", ".ind-row[data-indicator]"),
    ("/rankings?level=station", "#rank-table tbody tr"),
    ("/org/team/T01", ".org-children tr[data-level='station']"),
    ("/report?team=T01&period=2026-10", "#rep-frame[srcdoc]"),
    ("/wall?interval=3", "#wall-view-title [data-view]"),
]


# Collects every `securitypolicyviolation` event of a document (injected by DevTools before the
# page's own scripts; such scripts are not subject to the page's policy).
LISTENER = ("window.__csp = []; document.addEventListener('securitypolicyviolation', "
            "function (e) { window.__csp.push(e.violatedDirective + ' ' + e.blockedURI); });")


def _csp_errors(dash_duo) -> list[str]:
    """The violations of the current document, and console errors that name the policy
    (Chromium logs each refusal as "Refused to … Content Security Policy …"; other console
    errors are the pages' business, not this test's)."""
    seen = list(dash_duo.driver.execute_script("return window.__csp || []"))
    logs = [e["message"] for e in dash_duo.get_logs() or []]
    return seen + [m for m in logs if "Content Security Policy" in m or "Refused to" in m]


def _open(dash_duo, base: str, path: str, css: str) -> None:
    dash_duo.driver.get(base + path)
    dash_duo.wait_for_element(css, timeout=120)
    time.sleep(0.5)  # late chunks (plotly, lazy dcc bundles) load after the first draw


@pytest.mark.browser
def test_pages_run_under_the_policy_without_violations(dash_duo, canary_url, tmp_path) -> None:
    """Signed in as the province admin, every page and the drawer draw with no CSP error."""
    app = build_app(canary_url, f"sqlite:///{tmp_path / 'state.sqlite'}")
    dash_duo.start_server(app, navigate=False, port=_free_port())
    base = dash_duo.server.url.rstrip("/")
    dash_duo.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": LISTENER})
    browser_login(dash_duo, base, "prov")
    dash_duo.wait_for_element("#shell-account", timeout=60)
    for path, css in PAGES:
        _open(dash_duo, base, path, css)
        if path.startswith("/board"):
            dash_duo.find_element('.ind-row[data-indicator="fuel_volume_t"]').send_keys(Keys.ENTER)
            dash_duo.wait_for_element(".offcanvas.show .drawer-substituted", timeout=60)
            time.sleep(0.5)
        if path.startswith("/wall"):
            deadline = time.time() + 60  # let the rotation reach the plotly trend view
            while time.time() < deadline and not dash_duo.driver.find_elements(
                    By.CSS_SELECTOR, ".js-plotly-plot .main-svg"):
                time.sleep(0.3)
            assert dash_duo.driver.find_elements(By.CSS_SELECTOR, ".js-plotly-plot .main-svg")
        assert _csp_errors(dash_duo) == [], path
    # The check is live: an inline script that is not in the policy is refused and logged.
    dash_duo.driver.execute_script(
        "var s = document.createElement('script'); s.textContent = 'window.__ran = 1';"
        "document.body.appendChild(s);")
    time.sleep(0.3)
    assert dash_duo.driver.execute_script("return window.__ran === undefined")
    assert any(m.startswith("script-src") for m in _csp_errors(dash_duo))


def test_headers_on_pages_callbacks_and_login(client_for) -> None:
    """Every answer carries the policy; scripts only by hash, no eval, framing same-origin."""
    client = client_for("prov")
    for res in (client.get("/board"), client.get("/_dash-layout"), client_for(None).get("/login"),
                client.get("/assets/favicon.svg")):
        csp = res.headers["Content-Security-Policy"]
        directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
        script = directives["script-src"].split()
        assert script[0] == "'self'" and len(script) >= 3  # the renderer and inline callbacks
        assert all(s.startswith("'sha256-") for s in script[1:])
        assert "unsafe-eval" not in csp and "unsafe-inline" not in directives["script-src"]
        assert directives["frame-ancestors"] == "'self'"
        assert directives["object-src"] == "'none'"
        assert res.headers["X-Content-Type-Options"] == "nosniff"
        assert res.headers["Referrer-Policy"] == "same-origin"
        assert res.headers["X-Frame-Options"] == "SAMEORIGIN"


def test_wall_may_be_framed_by_listed_origins_only(canary_url, tmp_path, monkeypatch) -> None:
    """AMOEBA_WALL_FRAME_ANCESTORS opens /wall (and only /wall) to the listed portal."""
    from tests.access.conftest import login

    monkeypatch.setenv(WALL_ANCESTORS_ENV, "https://portal.example.com")
    app = build_app(canary_url, f"sqlite:///{tmp_path / 'state.sqlite'}")
    client = app.server.test_client()
    login(client, "wall")
    wall = client.get("/wall")
    assert wall.status_code == 200
    assert "frame-ancestors 'self' https://portal.example.com" in wall.headers[
        "Content-Security-Policy"]
    assert "X-Frame-Options" not in wall.headers
    other = client.get("/login")
    assert "frame-ancestors 'self';" in other.headers["Content-Security-Policy"] + ";"
    assert other.headers["X-Frame-Options"] == "SAMEORIGIN"


@pytest.mark.parametrize("raw", ["*", "https://a.example.com; script-src *", "javascript:x",
                                 "'unsafe-inline'"])
def test_wall_framing_setting_refuses_anything_but_origins(raw) -> None:
    with pytest.raises(SystemExit):
        wall_ancestors(raw)
