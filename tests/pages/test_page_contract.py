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
        layout = page["layout"]
        if not callable(layout):
            continue
        assert layout() is not None, module
        assert layout(lang="en", utm_source="mail") is not None, module
