"""bench/http.py: the board's callbacks over HTTP (real waitress server, real logins) on the small
published store, and the report's per-callback table and warm-target line."""

from __future__ import annotations

import re

from bench import http
from tests.conftest import status_store_url  # noqa: F401 - the small published store


def _user(name: str, warm_load_cpu: float, warm_load_wall: float) -> dict:
    t = {"wall": 0.010, "cpu": 0.005, "bytes": 100.0}
    warm = {cb: dict(t) for cb in http.CALLBACK_ORDER}
    warm["load"] = {"wall": warm_load_wall, "cpu": warm_load_cpu, "bytes": 1000.0}
    return {"user": name, "entity": "team:T01", "first": warm, "cold": warm, "warm": warm,
            "cold_n": 5, "repeat": 5}


def test_verdict_judges_the_slowest_users_warm_load_cpu() -> None:
    met = {"users": [_user("prov", 0.025, 0.090), _user("team", 0.012, 0.020)]}
    assert http.warm_verdict(met).startswith("warm board ≤ 30 ms: met")
    assert "server CPU ≤ 25 ms" in http.warm_verdict(met)
    missed = {"users": [_user("prov", 0.025, 0.020), _user("team", 0.031, 0.020)]}
    assert http.warm_verdict(missed).startswith("warm board ≤ 30 ms: missed")


def test_served_board_reports_every_callback(status_store_url: str) -> None:  # noqa: F811
    r = http.run(status_store_url, repeat=1, threads=2, who=("team",))
    text = http.report(r)
    rows = [line for line in text.splitlines() if line.startswith("| team")]
    # first and warm time all five callbacks, cold the four of a view
    assert len(rows) == 5 + 4 + 5, text
    for u in r["users"]:
        for phase in ("first", "cold", "warm"):
            for cb, t in u[phase].items():
                assert t["wall"] > 0 and t["bytes"] > 0, (u["user"], phase, cb, t)
        # the search redraw sends fewer rows than the whole board
        assert u["warm"]["search"]["bytes"] < u["warm"]["render"]["bytes"]
    assert re.search(r"^warm board ≤ 30 ms: (met|missed) ", text, re.M), text
