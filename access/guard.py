"""The gate in front of every request: who is asking, may they open this page or callback.

`install_guard(app)` adds a Flask `before_request` hook that
- lets through only the public allowlist (`PUBLIC_ENDPOINTS`: static assets, the component
  bundles, the favicon, /login) for GET/HEAD;
- resolves the session's user from the state store on every request (so a new scope, role or a
  disabled account takes effect on the next request) into `flask.g` for `current_scope()`;
- answers anonymous requests with JSON 401 on Dash endpoints and a redirect to /login on pages;
- refuses Dash callbacks whose page the role may not open (the wall identity: only the wall's
  callbacks and the shared ones), callbacks without a Python function, and POSTs that are not
  `application/json` (a cross-site "simple request");
- logs every refusal to the audit table (`data/state_audit.py`): each one of a signed-in user,
  anonymous ones sampled per client address and minute with their counts (audit_sampler.py).
Development without any user runs with open access (`AMOEBA_OPEN_ACCESS`), set by the app.
"""

from __future__ import annotations

import logging
from typing import Any

import dash
from flask import Flask, current_app, g, jsonify, redirect, request, session
from werkzeug.wrappers import Response

from access import session_user
from access.audit_sampler import SAMPLER
from access.roles import get_role
from data.state_audit import record_denial

log = logging.getLogger(__name__)

# Flask endpoints anyone may GET: files, not data.
PUBLIC_ENDPOINTS = frozenset({
    "_dash_assets.static", "static", "/_favicon.ico",
    "/_dash-component-suites/<string:package_name>/<path:fingerprinted_path>",
    "access_login",
})
# Callbacks every signed-in role may run: the page router and the shell's chrome (labels,
# menu). Neither reads the facts store.
SHARED_CALLBACK_MODULES = frozenset({"dash.dash", "components.shell"})
DASH_UPDATE = "/_dash-update-component"


def callback_module(entry: dict[str, Any]) -> str | None:
    """The module of a callback's Python function (None for clientside callbacks)."""
    func = entry.get("callback")
    while hasattr(func, "__wrapped__"):
        func = func.__wrapped__
    return getattr(func, "__module__", None) if callable(func) else None


def page_of_module(module: str | None) -> str | None:
    """The page path a callback's module belongs to: the page module itself, or its helpers
    named `<page>_<part>` (pages.board_view → /board). None when it is no page's."""
    if not module:
        return None
    best: tuple[int, str] | None = None
    for name, page in dash.page_registry.items():
        if module == name or module.startswith(name + "_"):
            if best is None or len(name) > best[0]:
                best = (len(name), page["relative_path"])
    return best[1] if best else None


def callback_page(app: dash.Dash, output: str) -> tuple[str, str | None]:
    """How a callback is gated: ("page", path), ("shared", None) or ("unknown", None)."""
    entry = app.callback_map.get(output)
    if entry is None:
        return "unknown", None
    module = callback_module(entry)
    if module in SHARED_CALLBACK_MODULES:
        return "shared", None
    path = page_of_module(module)
    return ("page", path) if path else ("unknown", None)


def page_allowed(path: str) -> bool:
    """Whether the current request's role may open a page path (open access: every page)."""
    role_name = g.get("amoeba_role")
    if role_name is None:
        return bool(current_app.config.get("AMOEBA_OPEN_ACCESS"))
    role = get_role(role_name)
    return bool(role and role.may_open(path))


def _audit(user: str | None, reason: str, detail: str) -> bool:
    """Write a refusal to the audit log: each one of a signed-in user, anonymous ones sampled
    (access/audit_sampler.py). Returns whether a row was written now."""
    try:
        engine = session_user.state()
        if user is None:
            return SAMPLER.record(engine, reason, request.remote_addr, request.path, detail)
        record_denial(engine, user, request.path, reason, detail)
    except Exception:  # the refusal stands even if the audit table cannot be written
        log.exception("could not write the audit log")
    return True


def _deny(status: int, reason: str, detail: str = "") -> Response:
    user = g.get("amoeba_user")
    if not _audit(user, reason, detail):
        # A sampled flood is neither written nor logged one by one.
        return _answer(status, reason)
    log.warning("refused %s %s for %s: %s %s", request.method, request.path, user or "anonymous",
                reason, detail)
    return _answer(status, reason)


def _answer(status: int, reason: str) -> Response:
    if request.path.startswith("/_dash-") or request.method != "GET":
        return jsonify(error=reason), status
    if status == 401:
        return redirect("/login?next=" + _safe_next(request.full_path))
    return Response(_FORBIDDEN_HTML, status=status, mimetype="text/html")


_FORBIDDEN_HTML = ("<!DOCTYPE html><html lang='zh-CN'><meta charset='utf-8'><title>403</title>"
                   "<p>无权访问此页面 · You may not open this page.</p><p><a href='/'>首页 Home</a>"
                   "</p></html>")


def _safe_next(path: str) -> str:
    from urllib.parse import quote

    path = path.rstrip("?")
    return quote(path if path.startswith("/") and not path.startswith("//") else "/", safe="")


def _page_path(path: str) -> str | None:
    for page in dash.page_registry.values():
        rel = page["relative_path"]
        if rel in (path, path.rstrip("/")):
            return rel
        if page.get("path_template") and rel != "/" and path.startswith(rel + "/"):
            return rel  # /org/team/T01 is the /org page
    return None


def _check_callback(app: dash.Dash) -> Response | None:
    if request.mimetype != "application/json":
        return _deny(415, "not_json", request.mimetype or "")
    body = request.get_json(silent=True)
    output = body.get("output") if isinstance(body, dict) else None
    if not isinstance(output, str):
        return _deny(400, "bad_callback_body")
    kind, path = callback_page(app, output)
    if kind == "shared" or (kind == "page" and page_allowed(path or "")):
        return None
    return _deny(403, "callback_not_allowed", output[:200])


def install_guard(app: dash.Dash) -> None:
    """Register the gate on the app's Flask server (after Dash's own setup hook)."""
    server: Flask = app.server

    @server.before_request
    def _gate() -> Response | None:
        SAMPLER.flush_due()  # summaries of sampled anonymous refusals whose minute is over
        endpoint = request.endpoint or ""
        if endpoint in PUBLIC_ENDPOINTS and request.method in ("GET", "HEAD"):
            return None
        if endpoint == "access_login" and request.method == "POST":
            return None  # the login form checks its own CSRF token
        user = session_user.resolve(session)
        if user is not None:
            g.amoeba_user, g.amoeba_role, g.amoeba_scope = user.user_id, user.role, user.scope()
        elif not current_app.config.get("AMOEBA_OPEN_ACCESS"):
            return _deny(401, "not_signed_in")
        if request.path == DASH_UPDATE and request.method == "POST":
            return _check_callback(app)
        if request.method == "POST" and endpoint != "access_logout":
            return _deny(405, "method_not_allowed")
        page = _page_path(request.path)
        if page is not None and not page_allowed(page):
            return _deny(403, "page_not_allowed", page)
        return None
