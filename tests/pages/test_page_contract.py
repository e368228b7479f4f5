"""Every registered page keeps the shell's contract (see components/shell.py, pages/__init__.py).

- `layout()` works bare (Dash calls it so to validate callbacks) and with unknown URL
  parameters such as `?lang=en&utm_source=mail` (never a TypeError, i.e. never a traceback);
- a `nav_key` names a catalogue entry, so the menu never shows ⟦key⟧;
- paths are unique.
"""

from __future__ import annotations

import dash
import pytest

from app import create_app
from components.i18n import has_key
from settings import Settings


@pytest.fixture(scope="module")
def registry(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("contract")
    create_app(Settings(database_url=f"duckdb:///{tmp / 'none.duckdb'}",
                        state_database_url=f"sqlite:///{tmp / 's.sqlite'}"))
    return dict(dash.page_registry)


def test_shell_pages_are_registered(registry) -> None:
    paths = {p["relative_path"] for p in registry.values()}
    assert {"/", "/status", "/404"} <= paths
    assert any(m.endswith("not_found_404") for m in registry)


def test_nav_keys_are_translated(registry) -> None:
    for module, page in registry.items():
        key = page.get("nav_key")
        if key:
            assert has_key(key), f"{module}: nav_key {key!r} is not in the catalogue"
            assert isinstance(page.get("order"), int), f"{module}: give an int order"


def test_layouts_accept_no_and_unknown_parameters(registry) -> None:
    for module, page in registry.items():
        layout = page.get("unguarded_layout", page["layout"])
        if not callable(layout):
            continue
        assert layout() is not None, module
        assert layout(lang="en", utm_source="mail") is not None, module


def test_a_failing_layout_shows_a_notice_not_a_traceback(registry, caplog) -> None:
    """The shell wraps every layout: an exception becomes a bilingual notice and a log line."""
    import logging

    from components.page_guard import _guarded

    def broken(**query: str) -> None:
        raise ValueError(f"cannot parse {query}")

    guarded = _guarded(broken, "pages.broken", logging.getLogger("test"))
    with caplog.at_level(logging.ERROR, logger="test"):
        shown = guarded(team="T01')--")
    assert "layout-error" in shown.className
    assert "页面暂时无法显示 · This page cannot be shown" in str(shown.children.children[0].children)
    assert "layout of pages.broken failed for parameters ['team']" in caplog.text
    assert all("unguarded_layout" in p for p in registry.values() if callable(p["layout"]))
