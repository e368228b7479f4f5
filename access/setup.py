"""Wiring access into the app: open access or login, the gate, page wrappers, headers, badge.

`install_access(app, settings)` is called once by `app.create_app`. With users in the state
store every request must sign in; in development with no user at all the app runs with open
access (and says so in the header); production without users refuses to start.
"""

from __future__ import annotations

import functools
import logging
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from flask import current_app, g, has_request_context

from access.guard import install_guard, page_allowed
from access.headers import install_headers
from access.login import configure_sessions, csrf_token
from access.users import count_users
from data.state import ensure_state_schema, state_engine

log = logging.getLogger(__name__)
OPEN_ACCESS_KEY = "AMOEBA_OPEN_ACCESS"


def _decide_open_access(settings: Any) -> bool:
    engine = state_engine(settings.state_database_url)
    ensure_state_schema(engine)
    if count_users(engine) > 0:
        return False
    if settings.is_production:
        raise SystemExit("refusing to start in production: no users. Create one with "
                         "`python -m access create-user NAME --role province_admin --scope province`")
    log.warning("development mode: no users, so everyone has open access to everything "
                "(create a user with `python -m access create-user` to require sign-in)")
    return True


def _no_access() -> html.Div:
    return html.Div(dbc.Alert("无权访问此页面 · You may not open this page.", color="secondary"),
                    className="access-denied")


def _wrap(layout: Any, path: str) -> Any:
    @functools.wraps(layout)
    def checked(**kwargs: Any) -> Any:
        return layout(**kwargs) if page_allowed(path) else _no_access()

    return checked


def guard_page_layouts() -> None:
    """Wrap each page's layout: a role that may not open the page gets a notice instead."""
    for page in dash.page_registry.values():
        layout = page.get("layout")
        if callable(layout) and not getattr(layout, "__access_checked__", False):
            page["layout"] = _wrap(layout, page["relative_path"])
            page["layout"].__access_checked__ = True


def install_access(app: dash.Dash, settings: Any) -> None:
    """Everything access needs on a freshly built app."""
    server = app.server
    server.config[OPEN_ACCESS_KEY] = _decide_open_access(settings)
    configure_sessions(server, settings.is_production)
    install_guard(app)
    guard_page_layouts()
    install_headers(app)  # CSP, nosniff, referrer, framing (access/headers.py)


def account_area() -> html.Div:
    """The header's account corner: an open-access badge, or the user and a logout button."""
    if not has_request_context():
        return html.Div(id="shell-account")
    user = g.get("amoeba_user")
    if user is None:
        if current_app.config.get(OPEN_ACCESS_KEY):
            return html.Div(dbc.Badge("开发模式：开放访问 · development: open access",
                                      color="warning", text_color="dark"),
                            id="shell-account", className="shell-account ms-xl-3")
        return html.Div(id="shell-account")
    return html.Div(
        html.Form([html.Span(user, className="shell-user text-light me-2"),
                   dcc.Input(type="hidden", name="csrf", value=csrf_token()),
                   html.Button("退出 · Sign out", type="submit",
                               className="btn btn-sm btn-outline-light")],
                  action="/logout", method="POST", className="d-flex align-items-center"),
        id="shell-account", className="shell-account ms-xl-3",
    )
