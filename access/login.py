"""The login and logout routes (plain Flask forms, not Dash callbacks) and session settings.

/login shows a small bilingual form; a POST checks a per-session CSRF token, then the rate
limit (access/throttle.py: per name and per address, 429 while locked), then the name and
password; success starts a fresh session (no fixation) and goes to `next` (same-site paths
only). Failures and lockouts are audited one by one, refused-while-locked and bad-token posts
sampled (access/audit_sampler.py). /logout is a POST with the same token; it ends every session of the user.
"""

from __future__ import annotations

import html
import secrets
from datetime import UTC, datetime

from flask import Flask, Response, g, redirect, request, session

from access import session_user, throttle
from access.audit_sampler import SAMPLER
from access.users import authenticate, end_sessions
from data.state_audit import record_denial

CSRF_KEY = "csrf"
BOOTSTRAP = "/assets/vendor/bootstrap-5.3.9/bootstrap.min.css"

_PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>登录 · 阿米巴经营看板</title><link rel="stylesheet" href="{css}"></head>
<body class="bg-light"><main class="container" style="max-width:24rem;margin-top:12vh">
<h1 class="h4 mb-3">阿米巴经营看板 <small class="text-muted">Amoeba Board</small></h1>
{message}<form method="post" action="/login">
<input type="hidden" name="csrf" value="{csrf}"><input type="hidden" name="next" value="{next}">
<label class="form-label" for="user">用户名 · User</label>
<input class="form-control mb-2" id="user" name="user" autocomplete="username" required autofocus>
<label class="form-label" for="password">密码 · Password</label>
<input class="form-control mb-3" id="password" name="password" type="password"
 autocomplete="current-password" required>
<button class="btn btn-primary w-100" type="submit">登录 · Sign in</button></form></main></body></html>"""


def csrf_token() -> str:
    """The session's CSRF token (created on first use)."""
    token = session.get(CSRF_KEY)
    if not isinstance(token, str):
        token = session[CSRF_KEY] = secrets.token_urlsafe(24)
    return token


def _same_site(path: str | None) -> str:
    """`path` when it is a path on this site, else "/" (no open redirect)."""
    if path and path.startswith("/") and not path.startswith("//") and "\\" not in path:
        return path
    return "/"


def _form(message: str = "", status: int = 200) -> Response:
    body = _PAGE.format(css=BOOTSTRAP, csrf=html.escape(csrf_token()),
                        next=html.escape(_same_site(request.values.get("next"))),
                        message=f'<div class="alert alert-danger">{message}</div>' if message else "")
    return Response(body, status=status, mimetype="text/html")


def _token_ok() -> bool:
    sent, kept = request.form.get(CSRF_KEY, ""), session.get(CSRF_KEY)
    return isinstance(kept, str) and secrets.compare_digest(sent, kept)


def _locked(engine, name: str, seconds: int) -> Response:  # noqa: ANN001 - an Engine
    SAMPLER.record(engine, "login_locked", request.remote_addr, "/login", name)
    minutes = max(1, round(seconds / 60))
    res = _form(f"尝试次数过多，请 {minutes} 分钟后再试 · Too many attempts: try again in "
                f"{minutes} min", 429)
    res.headers["Retry-After"] = str(seconds)
    return res


def _failed(engine, name: str) -> None:  # noqa: ANN001 - an Engine
    record_denial(engine, None, "/login", "login_failed", name)
    for lock in throttle.record_failure(engine, name, request.remote_addr, _now()):
        record_denial(engine, None, "/login", "login_lockout", f"{lock.key} {lock.seconds} s")


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def login() -> Response:
    """GET: the form. POST: check token, lockout, name and password; start a session."""
    if request.method == "GET":
        return _form()
    engine = session_user.state()
    name = request.form.get("user", "")[:64]
    if not _token_ok():
        SAMPLER.record(engine, "csrf_token", request.remote_addr, "/login", name)
        return _form("表单已过期，请重试 · The form expired, please try again", 400)
    wait = throttle.locked_for(engine, name, request.remote_addr, _now())
    if wait:
        return _locked(engine, name, wait)  # refused before any password work
    user = authenticate(engine, name, request.form.get("password", ""))
    if user is None:
        _failed(engine, name)
        return _form("用户名或密码错误 · Wrong user name or password", 401)
    throttle.record_success(engine, name)
    target = _same_site(request.form.get("next"))
    session_user.start(session, user)
    csrf_token()
    return redirect(target)  # type: ignore[return-value]


def logout() -> Response:
    """End every session of the signed-in user (token checked), then show the login form."""
    user_id = g.get("amoeba_user")
    if user_id and _token_ok():
        end_sessions(session_user.state(), user_id)
    session.clear()
    return redirect("/login")  # type: ignore[return-value]


def configure_sessions(server: Flask, production: bool) -> None:
    """Cookie flags and lifetime, and the two routes."""
    server.config.update(
        SESSION_COOKIE_NAME="amoeba_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=production,
        PERMANENT_SESSION_LIFETIME=session_user.SESSION_LIFETIME,
    )
    server.add_url_rule("/login", "access_login", login, methods=["GET", "POST"])
    server.add_url_rule("/logout", "access_logout", logout, methods=["POST"])
