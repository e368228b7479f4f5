"""A safety net around every page layout: an exception shows a notice, never a blank page.

Dash calls a page's `layout(**query)` with whatever the URL holds. A page that raises (a
parameter it did not expect, a bug) would leave the previous page on screen with a 500 in the
network log; wrapped, the user reads what happened and the log has the traceback.
"""

from __future__ import annotations

import functools
import logging
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import html

from components.i18n import t


def layout_failed() -> html.Div:
    """What a page shows when its layout raised: a notice in both languages (the language
    store is not readable inside a layout), never a traceback."""
    return html.Div(
        dbc.Alert([html.H2(f"{t('error.layout.title', 'zh')} · {t('error.layout.title', 'en')}",
                           className="alert-heading h6"),
                   html.P(t("error.layout.body", "zh"), className="mb-1"),
                   html.P(t("error.layout.body", "en"), className="mb-0")], color="warning"),
        className="layout-error",
    )


def guard_layouts(log: logging.Logger) -> None:
    """Wrap every registered page layout so an exception (a bad URL parameter a page did not
    expect, a bug) shows `layout_failed()` and is logged, instead of a blank page.

    The original stays in the registry as `unguarded_layout`, for tests.
    """
    for module, page in dash.page_registry.items():
        layout = page.get("layout")
        if not callable(layout) or "unguarded_layout" in page:
            continue
        page["unguarded_layout"] = layout
        page["layout"] = _guarded(layout, module, log)


def _guarded(layout: Any, module: str, log: logging.Logger) -> Any:
    @functools.wraps(layout)
    def guarded(**kwargs: Any) -> Any:
        try:
            return layout(**kwargs)
        except Exception:
            log.exception("layout of %s failed for parameters %s", module, sorted(kwargs))
            return layout_failed()

    return guarded
