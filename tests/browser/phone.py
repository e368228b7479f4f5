"""The phone-width check shared by the page tests: no sideways scroll, no table cut off."""

from __future__ import annotations

import time

_CLIPPED_TABLES = (
    "return [...document.querySelectorAll('table')].filter(t => t.getBoundingClientRect().right"
    " > window.innerWidth + 1 && !['auto', 'scroll'].includes("
    "getComputedStyle(t.parentElement).overflowX)).map(t => t.className)")


def assert_fits_phone(dash_duo, height: int) -> None:  # noqa: ANN001 - dash[testing]'s fixture
    """Resize to a 390 px wide phone and assert the page neither scrolls sideways nor cuts off
    a table that is not inside its own scrolling box."""
    dash_duo.driver.set_window_size(390, height)
    time.sleep(1)
    width = dash_duo.driver.execute_script("return document.documentElement.scrollWidth")
    assert width <= 400, f"the page scrolls sideways at phone width ({width}px)"
    clipped = dash_duo.driver.execute_script(_CLIPPED_TABLES)
    assert clipped == [], f"tables cut off at phone width: {clipped}"
