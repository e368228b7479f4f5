"""/bands over HTTP (Flask test client, real callbacks) on the hand-built band store of
tests/metrics/test_bands.py: what each scope gets back, the what-if texts, bad URL values.
"""

from __future__ import annotations

import pytest
from flask import g
from sqlalchemy import create_engine

from app import create_app
from data.scope import Scope
from settings import Settings
from tests.metrics.special_fixture import load as load_tables
from tests.metrics.test_bands import FUEL, TABLES
from tests.pages.test_rankings_page import post

TEAM_T1 = Scope(teams=frozenset({"T1"}))


@pytest.fixture(scope="module")
def store_url(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("bands_page") / "facts.duckdb"
    engine = create_engine(f"duckdb:///{path}")
    load_tables(engine, TABLES)
    engine.dispose()
    return f"duckdb:///{path}"


def client_for(store_url: str, tmp_path, scope: Scope):
    app = create_app(Settings(database_url=store_url,
                              state_database_url=f"sqlite:///{tmp_path / 'state.sqlite'}"))
    app.server.before_request(lambda: setattr(g, "amoeba_scope", scope))
    return app.server.test_client()


def _load(client, entity: str, period: str = "2026-03") -> tuple[dict, str]:
    got, _ = post(client, ["bands-data.data", "bands-url.data"],
                  [("bands-entity", "value", entity), ("bands-period", "value", period)])  # fmt: skip
    return got["bands-data.data"], got["bands-url.data"]


def test_team_bands_match_hand_counts(store_url, tmp_path) -> None:
    client = client_for(store_url, tmp_path, TEAM_T1)
    data, url = _load(client, "team:T1")
    assert url == "?team=T1&period=2026-03"
    march = [r for r in FUEL if r["station_id"] in ("A1", "A2") and r["ts"].month == 3]
    counts: dict[float, int] = {}
    for r in march:
        lo = (r["paid_amount"] // 20) * 20
        counts[lo] = counts.get(lo, 0) + 1
    assert {b["lo"]: b["count"] for b in data["bands"]} == counts
    assert data["bands"][-1]["cum_share"] == pytest.approx(1.0)
    below = {r["threshold"]: (r["count"], r["source"]) for r in data["below"]}
    assert below[220.0] == (6, "K1") and below[200.0] == (1, "common")


def test_foreign_entity_refused(store_url, tmp_path) -> None:
    client = client_for(store_url, tmp_path, TEAM_T1)
    data, _ = _load(client, "team:T2")
    assert data == {"error": "PermissionError"}
    data, _ = _load(client, "city:C1")  # a team leader does not see the whole city
    assert data == {"error": "PermissionError"}


def test_what_if_texts(store_url, tmp_path) -> None:
    client = client_for(store_url, tmp_path, TEAM_T1)
    data, _ = _load(client, "team:T1")
    _, text = post(client, ["bands-whatif.children"],
                   [("bands-data", "data", data), ("app-lang", "data", "zh"), ("bands-old", "value", 200),
                    ("bands-new", "value", 220), ("bands-q", "value", 50), ("bands-cost", "value", 5)])  # fmt: skip
    reach = [r for r in FUEL if r["station_id"] in ("A1", "A2") and r["ts"].month == 3
             and 200 <= r["paid_amount"] < 220]  # fmt: skip
    liters = 0.5 * sum((220 - r["paid_amount"]) / r["list_price"] for r in reach)
    assert f"{liters:.1f}" in text  # 0.5 × (20 + 0.01 + 15/7 + 10 + 5 + 19) / 8-ish
    assert "q = 50%" in text and "[200, 220)" in text
    _, bad = post(client, ["bands-whatif.children"],
                  [("bands-data", "data", data), ("app-lang", "data", "en"), ("bands-old", "value", 200),
                   ("bands-new", "value", 210), ("bands-q", "value", 50), ("bands-cost", "value", 5)])  # fmt: skip
    assert "multiples of 20" in bad


def test_bad_url_values_read_as_notices(store_url, tmp_path) -> None:
    client = client_for(store_url, tmp_path, TEAM_T1)
    outputs = ["bands-entity.options", "bands-entity.value", "bands-period.options",
               "bands-period.value", "bands-notices.children", "bands-whatif-title.children",
               *[f"bands-label-{k}.children" for k in ("old", "new", "q", "cost")]]  # fmt: skip
    got, text = post(client, outputs, [("app-lang", "data", "en")],
                     [("bands-query", "data", {"team": "NOPE", "period": "2026-13"}),
                      ("bands-entity", "value", None)])  # fmt: skip
    assert got["bands-entity.value"] == "team:T1"
    assert got["bands-period.value"] == "2026-04"  # the latest data day is Apr 1
    assert "NOPE" in text and "2026-13" in text


def test_tail_folds_above_cap() -> None:
    from components.band_chart import fold_tail, tail_cap

    bands = [{"lo": lo, "count": n, "share": n / 10, "cum_share": c, "liters": 10.0 * n}
             for lo, n, c in ((200, 5, 0.5), (380, 1, 0.6), (400, 3, 0.9), (4000, 1, 1.0))]  # fmt: skip
    assert tail_cap([100, 200, 300]) == 400 and tail_cap([310]) == 420
    folded = fold_tail(bands, 400)
    assert [b["lo"] for b in folded] == [200, 380, 400]
    assert folded[-1] == {"lo": 400, "tail": True, "count": 4, "share": pytest.approx(0.4),
                          "cum_share": 1.0, "liters": 40.0}  # fmt: skip
