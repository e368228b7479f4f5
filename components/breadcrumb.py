"""Breadcrumbs of the org drill-down: 全省 › 福州 › 鼓楼团队 › 站 › 客户 (each a link but the last)."""

from __future__ import annotations

from collections.abc import Sequence

from dash import dcc, html


def breadcrumb(items: Sequence[tuple[str, str | None]], label: str = "breadcrumb") -> html.Nav:
    """`items` are (text, href) from the top down; the last (href None) is the current page."""
    crumbs = []
    for i, (text, href) in enumerate(items):
        last = i == len(items) - 1
        body = text if last or not href else dcc.Link(text, href=href, className="crumb-link")
        crumbs.append(html.Li(body, className="breadcrumb-item" + (" active" if last else ""),
                              **({"aria-current": "page"} if last else {})))
    return html.Nav(html.Ol(crumbs, className="breadcrumb mb-2"), className="org-breadcrumb",
                    **{"aria-label": label})
