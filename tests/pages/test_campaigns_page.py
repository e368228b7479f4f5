"""/campaigns over HTTP (Flask test client, real callbacks) on the hand-built campaign store of
tests/metrics/test_campaign_views.py: numbers per scope, masking, refusal of foreign entities.
"""

from __future__ import annotations

import pytest
from flask import g
from sqlalchemy import create_engine

from app import create_app
from data.scope import Scope
from settings import Settings
from tests.metrics.special_fixture import load as load_tables
from tests.metrics.test_campaign_views import _extra
from tests.pages.test_rankings_page import post


@pytest.fixture(scope="module")
def store_url(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("camp_page") / "facts.duckdb"
    engine = create_engine(f"duckdb:///{path}")
    load_tables(engine, _extra())
    engine.dispose()
    return f"duckdb:///{path}"


def client_for(store_url: str, tmp_path, scope: Scope):
    app = create_app(Settings(database_url=store_url,
                              state_database_url=f"sqlite:///{tmp_path / 'state.sqlite'}"))
    app.server.before_request(lambda: setattr(g, "amoeba_scope", scope))
    return app.server.test_client()


def _load(client, entity: str) -> tuple[dict, str]:
    got, _ = post(client, ["camp-data.data", "camp-url.data"],
                  [("camp-entity", "value", entity), ("camp-period", "value", "2026-03")])  # fmt: skip
    return got["camp-data.data"], got["camp-url.data"]


def test_province_numbers_by_hand(store_url, tmp_path) -> None:
    client = client_for(store_url, tmp_path, Scope.everything(pii=True))
    data, url = _load(client, "province:P1")
    assert url == "?province=P1&period=2026-03"
    (k1,) = data["campaigns"]
    # B1: +2 t (baseline 5.5), B4: +1 t (4): hand-worked in tests/metrics/test_special_campaigns.py
    # (the extra customer liters here are small: B1 pre +80 L, during +50 L → checked loosely)
    by = {s["station_id"]: s for s in k1["stations"]}
    assert by["B4"]["inc_t"] == pytest.approx(1.0 + 0.0025)  # U4's 5 L at 0.5 kg/L
    assert by["B4"]["tickets_change"] == pytest.approx(0.1)
    assert k1["cost_share"] == pytest.approx(1000)
    assert [p["name"] for p in data["responders"]] == ["张三丰", "赵六"]
    assert k1["responders"] == 2  # U1 and U4 (U2 fell, U3 bought at a control station)
    _, text = post(client, ["camp-detail.children"],
                   [("camp-pick", "value", "K1"), ("camp-data", "data", data), ("app-lang", "data", "zh")])  # fmt: skip
    assert "张三丰" in text and "B1" in text and "B4" in text


def test_team_scope_masked_and_refused(store_url, tmp_path) -> None:
    client = client_for(store_url, tmp_path, Scope(teams=frozenset({"TC"})))
    data, _ = _load(client, "team:TC")
    (k1,) = data["campaigns"]
    assert [s["station_id"] for s in k1["stations"]] == ["B1"]
    assert [p["name"] for p in data["responders"]] == ["张**"]
    data, _ = _load(client, "team:TE")
    assert data == {"error": "PermissionError"}


def test_campaign_in_the_link(store_url, tmp_path) -> None:
    """?campaign=K1 opens K1; an unknown id reads as a notice; the URL carries the pick."""
    client = client_for(store_url, tmp_path, Scope.everything(pii=True))
    data, _ = _load(client, "province:P1")
    outs = ["camp-header.children", "camp-body.children", "camp-pick.options", "camp-pick.value"]
    got, raw = post(client, outs, [("camp-data", "data", data), ("app-lang", "data", "zh")],
                    [("camp-pick", "value", None), ("camp-query", "data", {"campaign": "K1"})])
    assert got["camp-pick.value"] == "K1" and "param-error" not in raw
    got, raw = post(client, outs, [("camp-data", "data", data), ("app-lang", "data", "en")],
                    [("camp-pick", "value", None), ("camp-query", "data", {"campaign": "K2"})])
    assert got["camp-pick.value"] == "K1"  # K2 ran in January: not in this window
    assert "param-error" in raw and "K2" in raw and "a campaign id of this entity" in raw
    got, _ = post(client, ["camp-link.data"], [("camp-pick", "value", "K1"), ("camp-data", "data", data)],
                  [("camp-entity", "value", "province:P1"), ("camp-period", "value", "2026-03")])
    assert got["camp-link.data"] == "?province=P1&period=2026-03&campaign=K1"


def test_responder_count_line_when_cut() -> None:
    """The screen keeps the first responders; the count line says how many there are."""
    import json

    from components.campaign_views import responder_table

    people = [{"campaign_id": "K1", "customer_id": f"C{i}", "name": "张**", "liters_pre": 1.0,
               "liters_during": 2.0} for i in (1, 2)]  # fmt: skip
    cut = json.dumps(responder_table(people, "zh", 1234).to_plotly_json(), default=str, ensure_ascii=False)
    assert "显示前 2 位，共 1,234 位" in cut and "C2" in cut
    whole = json.dumps(responder_table(people, "en", 2).to_plotly_json(), default=str)
    assert "first" not in whole
