"""/rankings and /org over HTTP (Flask test client, real callbacks) on the tiny hand-made store:
what each scope gets back, the CSV download, and friendly refusals.

Store: tests/metrics/core_tiny_store.py (+ rollups). October tonnes by hand: S1 = 100, 50 and
0.001 L of G92 (0.75 kg/L) + 200 L of D0 (0.85) = 0.28250075 t; S2 40 L = 0.03; so T1 =
0.31250075; T2 = S3 0.075; T3 = S4 0.375.
"""

from __future__ import annotations

import base64
import csv
import io

import pytest
from flask import g
from sqlalchemy import create_engine

from app import create_app
from data.rollups import rebuild
from data.scope import Scope
from settings import Settings
from tests.metrics.core_tiny_store import build

TONNES = {"T1": 0.31250075, "T2": 0.075, "T3": 0.375, "S1": 0.28250075, "S2": 0.03}


@pytest.fixture(scope="module")
def store_url(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("rank_page") / "facts.duckdb"
    engine = build(create_engine(f"duckdb:///{path}"))
    with engine.begin() as conn:
        rebuild(conn)
    engine.dispose()
    return f"duckdb:///{path}"


def client_for(store_url: str, tmp_path, scope: Scope):
    app = create_app(Settings(database_url=store_url,
                              state_database_url=f"sqlite:///{tmp_path / 'state.sqlite'}"))
    app.server.before_request(lambda: setattr(g, "amoeba_scope", scope))
    return app.server.test_client()


def post(client, outputs: list[str], inputs: list[tuple[str, str, object]],
         state: list[tuple[str, str, object]] = (), trigger: str | None = None) -> tuple[dict, str]:  # fmt: skip
    """POST one callback; {"id.prop": value} and the raw text of the response."""
    payload = {
        "output": ".." + "...".join(outputs) + ".." if len(outputs) > 1 else outputs[0],
        "outputs": [{"id": o.split(".")[0], "property": o.split(".")[1]} for o in outputs]
        if len(outputs) > 1 else {"id": outputs[0].split(".")[0], "property": outputs[0].split(".")[1]},
        "inputs": [{"id": i, "property": p, "value": v} for i, p, v in inputs],
        "state": [{"id": i, "property": p, "value": v} for i, p, v in state],
        "changedPropIds": [trigger] if trigger else [],
    }  # fmt: skip
    resp = client.post("/_dash-update-component", json=payload)
    assert resp.status_code in (200, 204), resp.data[:400]
    if resp.status_code == 204:
        return {}, ""
    body = resp.get_json()["response"]
    return ({o: body.get(o.split(".")[0], {}).get(o.split(".")[1]) for o in outputs},
            resp.get_data(as_text=True))


def load(client, indicator="fuel_volume_t", level="team", city="province") -> dict:
    got, _ = post(client, ["rank-data.data", "rank-url.data"],
                  [("rank-indicator", "value", indicator), ("rank-period", "value", "2026-10"),
                   ("rank-level", "value", level), ("rank-city", "value", city),
                   ("rank-sort", "data", {"key": "rank", "desc": False})])  # fmt: skip
    return got["rank-data.data"]


def test_province_ranking_values_and_url(store_url, tmp_path) -> None:
    data = load(client_for(store_url, tmp_path, Scope.everything(pii=False)))
    assert [(r["id"], r["rank"]) for r in data["rows"]] == [("T3", 1), ("T1", 2), ("T2", 3)]
    for r in data["rows"]:
        assert r["value"] == pytest.approx(TONNES[r["id"]])
    assert data["rows"][1]["gap"] == pytest.approx(0.375 - 0.31250075)
    assert data["rows"][0]["share"] == pytest.approx(0.375 / (0.375 + 0.31250075 + 0.075))


def test_team_leader_sees_only_their_own(store_url, tmp_path) -> None:
    client = client_for(store_url, tmp_path, Scope.parse("team:T1"))
    stations = load(client, level="station")
    assert {r["id"] for r in stations["rows"]} == {"S1", "S2"}
    assert [r["id"] for r in load(client)["rows"]] == ["T1"]
    # asking for another city or a wildcard returns nothing, never someone else's rows
    for city in ("C2", "*", "%", None):
        rows = (load(client, city=city) or {}).get("rows", [])
        assert {r["id"] for r in rows} <= {"T1"}
    text = post(client, ["rank-data.data", "rank-url.data"],
                [("rank-indicator", "value", "fuel_volume_t"), ("rank-period", "value", "2026-10"),
                 ("rank-level", "value", "station"), ("rank-city", "value", "province"),
                 ("rank-sort", "data", None)])[1]  # fmt: skip
    assert "S3" not in text and "S4" not in text
    shown = post(client, ["rank-header.children", "rank-body.children"],
                 [("rank-data", "data", stations), ("app-lang", "data", "zh"),
                  ("rank-sort", "data", {"key": "rank", "desc": False})])[1]  # fmt: skip
    assert "/org/team/T1/station/S1?period=2026-10" in shown.replace("\\u002f", "/")
    assert load(client_for(store_url, tmp_path, Scope.nothing()))["rows"] == []


def test_csv_download_is_computed_under_the_callers_scope(store_url, tmp_path) -> None:
    client = client_for(store_url, tmp_path, Scope.parse("team:T1"))
    got, _ = post(client, ["rank-download.data"],
                  [("rank-csv", "n_clicks", 1), ("rank-xlsx", "n_clicks", None)],
                  [("rank-indicator", "value", "fuel_volume_t"), ("rank-period", "value", "2026-10"),
                   ("rank-level", "value", "station"), ("rank-city", "value", "province"),
                   ("rank-sort", "data", {"key": "value", "desc": True}), ("app-lang", "data", "en")],
                  trigger="rank-csv.n_clicks")  # fmt: skip
    sent = got["rank-download.data"]
    assert sent["filename"] == "rankings_fuel_volume_t_station_2026-10.csv"
    text = base64.b64decode(sent["content"]).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    head = rows[1]
    body = {r[head.index("Id")]: r for r in rows[2:]}
    assert set(body) == {"S1", "S2"}
    assert float(body["S1"][head.index("Value (t)")]) == pytest.approx(0.28250075)
    assert body["S2"][head.index("Rank")] == "2"


def _org(client, rest: str, lang: str = "zh") -> str:
    return post(client, ["org-crumbs.children", "org-header.children", "org-body.children",
                         "org-url.data"],
                [("app-lang", "data", lang), ("org-period", "value", "2026-10")],
                [("org-query", "data", {"rest": rest})])[1]  # fmt: skip


def test_org_scope_masking_and_messages(store_url, tmp_path) -> None:
    client = client_for(store_url, tmp_path, Scope.parse("team:T1"))
    assert "org-message" in _org(client, "team/T2") and "0.075" not in _org(client, "team/T2")
    assert "org-message" in _org(client, "team/T1/station/S3")  # S3 is T2's
    assert "org-message" in _org(client, "nonsense")
    page = _org(client, "team/T1/station/S1/customer/K1")
    assert "甲**" in page and '"甲"' not in page
    assert "780.00" in page and "20.00" in page  # f1: paid 780, discount 20
    team = _org(client, "team/T1")
    assert "S1" in team and "S2" in team and "S3" not in team
    wall = client_for(store_url, tmp_path, Scope(all_stations=True, aggregates_only=True))
    assert "甲" not in _org(wall, "team/T1/station/S1/customer/K1")
