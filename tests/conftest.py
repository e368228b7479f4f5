"""Shared test fixtures: the PostgreSQL URL started by scripts/test.sh, Chromium options."""

from __future__ import annotations

import os

import pytest


def _require_services() -> bool:
    return os.environ.get("AMOEBA_REQUIRE_SERVICES") == "1"


@pytest.fixture(scope="session")
def pg_url() -> str:
    """URL of the throwaway PostgreSQL server (skips locally when none runs; fails in CI)."""
    url = os.environ.get("TEST_POSTGRES_URL")
    if not url:
        if _require_services():
            pytest.fail("TEST_POSTGRES_URL is not set: run the suite through `make test`")
        pytest.skip("no PostgreSQL server (run `make test` to start one)")
    return url


def pytest_setup_options():
    """Selenium options for dash[testing]'s Chromium: headless, offline, a real window size."""
    from selenium.webdriver.chrome.options import Options

    options = Options()
    for arg in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--window-size=1440,900",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
        "--lang=zh-CN",
    ):
        options.add_argument(arg)
    return options
