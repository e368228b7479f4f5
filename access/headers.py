"""Security headers on every response: Content-Security-Policy, nosniff, referrer, framing.

The policy Dash works under (checked in Chromium on every page, tests/access/test_csp_browser.py):
- `script-src 'self'` plus the sha256 hashes of Dash's two inline scripts (the renderer start and
  the bundle of inline clientside callbacks, `Dash.csp_hashes()`); no 'unsafe-inline' and no
  'unsafe-eval' for scripts: plotly.js 3 and the Dash bundles run without eval.
- `style-src 'self' 'unsafe-inline'`: plotly and the dcc components write <style> elements and
  style attributes at run time; styles cannot run code, so this is the accepted trade.
- `img-src`/`font-src` allow `data:` (Bootstrap's inline SVG icons); `connect-src 'self'` (the
  callbacks); `object-src 'none'`, `base-uri 'self'`, `form-action 'self'` (the login form).
- Framing: `frame-ancestors 'self'` everywhere (plus X-Frame-Options SAMEORIGIN for old
  browsers): no other site can frame a page and trick a click. The wall display (/wall) is often
  shown inside an intranet portal or a signage player, and it is read-only aggregates with
  nothing to click, so the origins listed in `AMOEBA_WALL_FRAME_ANCESTORS` (space-separated,
  e.g. `https://portal.example.com`) may frame /wall and only /wall. The session cookie is
  SameSite=Lax, so the framing site must be on the same site for the wall to stay signed in.
"""

from __future__ import annotations

import os
import re

import dash
from flask import request
from werkzeug.wrappers import Response

WALL_ANCESTORS_ENV = "AMOEBA_WALL_FRAME_ANCESTORS"
WALL_PATH = "/wall"
_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:\d{1,5})?$")

BASE_POLICY = {
    "default-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data: blob:",
    "font-src": "'self' data:",
    "connect-src": "'self'",
    "worker-src": "'self' blob:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}


def wall_ancestors(raw: str | None) -> list[str]:
    """The origins allowed to frame /wall, from the environment value; refuses anything that
    is not a plain http(s) origin (a stray `*` or `;` would widen or break the policy)."""
    origins = (raw or "").split()
    bad = [o for o in origins if not _ORIGIN.match(o)]
    if bad:
        raise SystemExit(f"{WALL_ANCESTORS_ENV}: not an http(s) origin: {', '.join(bad)}")
    return origins


def policy(script_hashes: list[str], ancestors: list[str]) -> str:
    """The Content-Security-Policy header value."""
    parts = dict(BASE_POLICY)
    parts["script-src"] = " ".join(["'self'", *script_hashes])
    parts["frame-ancestors"] = " ".join(["'self'", *ancestors])
    return "; ".join(f"{k} {v}" for k, v in parts.items())


def _is_wall(path: str) -> bool:
    return path == WALL_PATH or path.startswith(WALL_PATH + "/") or path.startswith(WALL_PATH + "?")


def install_headers(app: dash.Dash) -> None:
    """Add the headers to every response of the app's server."""
    ancestors = wall_ancestors(os.environ.get(WALL_ANCESTORS_ENV))
    memo: dict[int, list[str]] = {}

    def hashes() -> list[str]:
        # Dash gathers inline clientside callbacks when it serves its first request, so the
        # hashes are computed then (and again only if that list ever grows).
        count = len(app._inline_scripts)  # noqa: SLF001 - csp_hashes() extends this list
        if count not in memo:
            memo.clear()
            memo[len(app._inline_scripts)] = list(app.csp_hashes())  # noqa: SLF001
        return next(iter(memo.values()))

    @app.server.after_request
    def _security_headers(response: Response) -> Response:
        framed = bool(ancestors) and _is_wall(request.path)
        response.headers["Content-Security-Policy"] = policy(
            hashes(), ancestors if framed else [])
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if not framed:
            response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        return response
