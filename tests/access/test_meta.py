"""T3: every Flask route and every server callback is gated, or on an explicit public list; no
page builds its own scope (T9's static half); no raw HTML rendering (T16's static half)."""

from __future__ import annotations

import re
from pathlib import Path

from access.guard import PUBLIC_ENDPOINTS, SHARED_CALLBACK_MODULES, callback_module, callback_page

ROOT = Path(__file__).resolve().parents[2]
# Fixed scopes allowed outside access/: the wall's aggregates-only province (its page is open
# only to the wall identity and the province roles).
FIXED_SCOPE_ALLOWED = {"pages/wall_data.py"}


def _sample(rule: str) -> str:
    return re.sub(r"<[^>]+>", "x", rule)


def test_every_route_is_gated_or_public(canary_app) -> None:
    anon = canary_app.server.test_client()
    public, gated = [], []
    for rule in canary_app.server.url_map.iter_rules():
        if rule.endpoint in PUBLIC_ENDPOINTS:
            public.append(rule.rule)
            continue
        method = "GET" if "GET" in rule.methods else "POST"
        res = anon.open(_sample(rule.rule), method=method, json={} if method == "POST" else None)
        assert res.status_code in (302, 401), (rule.rule, res.status_code)
        gated.append(rule.rule)
    assert "/_dash-update-component" in gated and "/logout" in gated
    assert sorted(public) == sorted(["/static/<path:filename>", "/assets/<path:filename>",
                                     "/_dash-component-suites/<string:package_name>/<path:fingerprinted_path>",
                                     "/_favicon.ico", "/login"])


def test_every_server_callback_belongs_to_a_page_or_the_shared_list(canary_app, client_for) -> None:
    client_for("prov").get("/_dash-dependencies")  # Dash merges page callbacks on first request
    kinds = {}
    for output, entry in canary_app.callback_map.items():
        if callback_module(entry) is None:
            continue  # clientside: runs in the browser, never dispatched by the server
        kind, path = callback_page(canary_app, output)
        assert kind in ("page", "shared"), f"callback {output[:60]} ({callback_module(entry)}) is not gated"
        kinds[output] = path
    assert len(kinds) >= 20
    assert set(SHARED_CALLBACK_MODULES) == {"dash.dash", "components.shell"}


def test_no_page_builds_its_own_scope() -> None:
    offenders = []
    for folder in ("pages", "components", "exports"):
        for path in (ROOT / folder).rglob("*.py"):
            rel = path.relative_to(ROOT).as_posix()
            src = path.read_text(encoding="utf-8")
            if re.search(r"Scope\.(everything|parse)\(|Scope\(", src) and rel not in FIXED_SCOPE_ALLOWED:
                offenders.append(rel)
    assert not offenders, offenders


def test_no_raw_html_rendering() -> None:
    for folder in ("pages", "components", "access"):
        for path in (ROOT / folder).rglob("*.py"):
            src = path.read_text(encoding="utf-8")
            assert "dangerously_allow_html=True" not in src, path
            assert '"html": True' not in src and "'html': True" not in src, path
