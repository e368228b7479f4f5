"""The request gate over HTTP (Flask test client, real app, canary store): sign-in, refusals of
anonymous and path-variant requests (T4), forged/tampered/expired cookies (T14), text/plain
POSTs (T17), page lists per role, logout, the audit log."""

from __future__ import annotations

import json
import time

import pytest
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import URLSafeTimedSerializer

from access import session_user
from data.state_audit import recent_denials
from tests.access.conftest import login

ANON_PATHS = ["/", "/board", "/org/team/T02", "/status", "/wall", "/_dash-layout",
              "/_dash-dependencies", "/_reload-hash", "/board/", "/%62oard"]
UPDATE_VARIANTS = ["/_dash-update-component", "//_dash-update-component",
                   "/_dash-update-component/", "/%5Fdash-update-component",
                   "/_dash-update-component%2F", "/./_dash-update-component",
                   "/assets/../_dash-update-component"]
BODY = {"output": "board-data.data..", "outputs": {"id": "board-data", "property": "data"},
        "inputs": [], "state": [], "changedPropIds": []}


@pytest.mark.parametrize("path", ANON_PATHS)
def test_anonymous_pages_are_refused(client_for, path) -> None:
    res = client_for(None).get(path)
    assert res.status_code in (302, 401), path
    if res.status_code == 302:
        assert res.headers["Location"].startswith("/login")
    assert "CANARY" not in res.get_data(as_text=True)


@pytest.mark.parametrize("path", UPDATE_VARIANTS)
def test_anonymous_callbacks_are_refused_on_every_path_variant(client_for, path) -> None:
    res = client_for(None).post(path, json=BODY)
    assert res.status_code in (401, 404, 405, 308), (path, res.status_code)
    assert res.status_code != 200 and b'"response"' not in res.data


def test_public_allowlist_serves_only_files(client_for) -> None:
    anon = client_for(None)
    assert anon.get("/login").status_code == 200
    assert anon.get("/assets/favicon.svg").status_code == 200
    assert anon.get("/_favicon.ico").status_code == 200
    assert anon.post("/assets/favicon.svg").status_code in (401, 405)


def test_login_sets_a_safe_cookie_and_wrong_password_fails(client_for, canary_app) -> None:
    client = client_for(None)
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf" value="')[1].split('"')[0]
    bad = client.post("/login", data={"csrf": token, "user": "tl_t1", "password": "nope-nope-nope"})
    assert bad.status_code == 401
    no_token = client.post("/login", data={"user": "tl_t1", "password": "correct-horse-battery"})
    assert no_token.status_code == 400
    ok = client.post("/login", data={"csrf": token, "user": "tl_t1",
                                     "password": "correct-horse-battery", "next": "//evil.example/"})
    assert ok.status_code == 302 and ok.headers["Location"] == "/"
    cookie = ok.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Expires=" in cookie
    assert client.get("/board").status_code == 200
    reasons = {d["reason"] for d in recent_denials(_state(canary_app))}
    assert {"login_failed", "csrf_token"} <= reasons


def _state(app):
    with app.server.app_context():
        return session_user.state()


def _cookie(client) -> str:
    return client.get_cookie("amoeba_session").value


def _mint(secret: str, data: dict) -> str:
    iface = SecureCookieSessionInterface()
    ser = URLSafeTimedSerializer(secret, salt=iface.salt, serializer=iface.serializer,
                                 signer_kwargs={"key_derivation": "hmac", "digest_method": iface.digest_method})
    return ser.dumps(data)


def _probe(client, cookie: str) -> int:
    client.set_cookie("amoeba_session", cookie)
    return client.get("/_dash-layout").status_code


def test_forged_tampered_and_expired_cookies_are_rejected(client_for, canary_app) -> None:
    client = client_for("tl_t1")
    good = _cookie(client)
    assert _probe(client, good) == 200
    now = int(time.time())
    forged = _mint("amoeba-development-key-not-secret-guess", {"u": "prov", "e": 0, "t": now})
    assert _probe(client, forged) == 401
    flipped = good[:-3] + ("A" if good[-3] != "A" else "B") + good[-2:]
    assert _probe(client, flipped) == 401
    secret = canary_app.server.config["SECRET_KEY"]
    # Signed with the real key but the user field edited: the signature is fine, the epoch
    # and user are checked against the store (prov's epoch is 0 too, so this is the
    # strongest forgery short of the key): the key must stay secret, the lifetime still holds.
    expired = _mint(secret, {"u": "tl_t1", "e": 0, "t": now - 11 * 3600})
    assert _probe(client, expired) == 401
    assert _probe(client, json.dumps({"u": "prov"})) == 401


def test_logout_ends_the_session_and_replay_fails(client_for, canary_app) -> None:
    client = client_for("cm_rj")
    old = _cookie(client)
    page = client.get("/login").get_data(as_text=True)  # the CSRF token of this session
    token = page.split('name="csrf" value="')[1].split('"')[0]
    assert client.post("/logout", data={"csrf": token}).status_code == 302
    assert client.get("/_dash-layout").status_code == 401
    assert _probe(client, old) == 401  # replaying the old cookie
    login(client, "cm_rj")  # signing in again works
    assert client.get("/_dash-layout").status_code == 200


def test_text_plain_callback_posts_are_refused(client_for) -> None:
    client = client_for("prov")
    for mimetype in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data"):
        res = client.post("/_dash-update-component", data=json.dumps(BODY), content_type=mimetype)
        assert res.status_code == 415, mimetype
    assert "Access-Control-Allow-Origin" not in client.get("/board").headers


@pytest.mark.parametrize(("user", "allowed", "refused"), [
    ("tl_t1", ["/board", "/rankings", "/org/team/T01", "/customers"], ["/status", "/wall"]),
    ("wall", ["/wall"], ["/board", "/status", "/customers", "/org", "/rankings"]),
    ("analyst", ["/status", "/wall", "/board"], []),
])
def test_pages_per_role(client_for, user, allowed, refused) -> None:
    client = client_for(user)
    for path in allowed:
        assert client.get(path).status_code == 200, (user, path)
    for path in refused:
        assert client.get(path).status_code == 403, (user, path)


def test_open_access_badge_only_without_users(tmp_path, canary_url) -> None:
    from app import create_app
    from settings import Settings

    app = create_app(Settings(database_url=canary_url,
                              state_database_url=f"sqlite:///{tmp_path / 'empty.sqlite'}"))
    assert app.server.config["AMOEBA_OPEN_ACCESS"] is True
    assert "open access" in app.server.test_client().get("/_dash-layout").get_data(as_text=True)
