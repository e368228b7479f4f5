"""The current request's identity and scope, for every callback, download and report.

Pages never decide scope themselves: they call `current_scope()`, which reads what the login
layer resolved for this request on the server (`flask.g`). With no login layer configured the
app runs in the development mode of a single trusted user (`AMOEBA_OPEN_ACCESS` in the Flask
config, set by `create_app` only in development); otherwise an unresolved request sees nothing.
"""

from __future__ import annotations

from flask import current_app, g, has_app_context

from data.scope import Scope


def current_scope() -> Scope:
    """The scope of the user behind the current request; fails closed."""
    scope = g.get("amoeba_scope") if has_app_context() else None
    if isinstance(scope, Scope):
        return scope
    if has_app_context() and current_app.config.get("AMOEBA_OPEN_ACCESS"):
        return Scope.everything()
    return Scope.nothing()


def current_user_id() -> str | None:
    """The logged-in user's id, or None (anonymous or open development access)."""
    return g.get("amoeba_user") if has_app_context() else None
