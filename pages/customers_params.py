"""The URL of 客户圈 (/customers): what a deep link may ask for, and the query that restores the
view after the user changes the entity, the period or the tab.

`?team=T01&period=2026-10&tab=warning` (one of the levels, a period, optionally `as_of` inside
that period, and a tab). Bad values are read by the page as notices and replaced by defaults.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from data.org import LEVELS

TABS = ("watch", "warning", "serious", "lost", "dormant", "buying")
QUERY_KEYS = (*LEVELS, "period", "as_of")


def layout_query(tab: str | None = None, **asked: str | None) -> dict[str, Any]:
    """The layout's store: the URL values, the tab (default `watch`) and a bad tab to report."""
    good = tab in TABS
    return {**{k: asked.get(k) for k in QUERY_KEYS}, "tab": tab if good else "watch",
            "bad_tab": None if good or not tab else str(tab)[:60]}  # fmt: skip


def _valid_day(raw: Any) -> bool:
    try:
        date.fromisoformat(str(raw).strip())
    except ValueError:
        return False
    return True


def url_query(entity_value: str | None, period_value: str | None, tab: str | None,
              query: dict[str, Any] | None, with_tab: bool = True) -> str | None:  # fmt: skip
    """`?team=T01&period=2026-10&tab=lost` for the current pickers; None before they are set.

    An `as_of` from the deep link is kept only while the period is the one it came with (it
    cuts that period short; another period has its own latest day)."""
    if not entity_value or not period_value:
        return None
    level, _, ident = entity_value.partition(":")
    params = {level: ident, "period": period_value}
    query = query or {}
    as_of = query.get("as_of")
    if as_of and query.get("period") == period_value and _valid_day(as_of):
        params["as_of"] = str(as_of).strip()
    if with_tab:  # /segments shares the rest and has no tabs
        params["tab"] = tab if tab in TABS else "watch"
    return "?" + urlencode(params)
