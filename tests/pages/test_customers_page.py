"""/customers over HTTP (Flask test client): the lists a scope sees, masking, contacts, and a scan
of every response for the planted names and phones when the scope has no pii.

Store: tests/metrics/test_customer_lists_data.py (hand-worked lists in its docstring).
"""

from __future__ import annotations

import json
import logging

import pytest
from flask import g
from sqlalchemy import create_engine

from app import create_app
from data.scope import Scope
from settings import Settings
from tests.metrics.special_fixture import load
from tests.metrics.test_customer_lists_data import NAMES, TABLES

TABS = ("watch", "warning", "serious", "lost", "dormant", "buying")


@pytest.fixture(scope="module")
def store_url(tmp_path_factory) -> str:
    """A DuckDB facts file holding the hand-built customers."""
    path = tmp_path_factory.mktemp("customers_page") / "facts.duckdb"
    engine = create_engine(f"duckdb:///{path}")
    load(engine, TABLES)
    engine.dispose()
    return f"duckdb:///{path}"


def make_client(store_url: str, tmp_path, scope: Scope):
    app = create_app(Settings(database_url=store_url,
                              state_database_url=f"sqlite:///{tmp_path / 'state.sqlite'}"))
    app.server.before_request(lambda: setattr(g, "amoeba_scope", scope))
    client = app.server.test_client()
    assert client.get("/").status_code in (200, 302)
    return client


def call(client, outputs: list[str], inputs: list[tuple[str, str, object]],
         state: list[tuple[str, str, object]] = (), changed: list[str] = ()) -> tuple[dict, str]:  # fmt: skip
    """POST one callback; returns {output: value} and the raw response text."""
    multi = len(outputs) > 1
    out_str = ".." + "...".join(outputs) + ".." if multi else outputs[0]
    # outputs marked allow_duplicate carry a hash suffix: take the registered spelling
    deps = client.get("/_dash-dependencies").get_json()
    out_str = next((d["output"] for d in deps if d["output"].replace("@", "").split("..")
                    and all(o in d["output"] for o in outputs)), out_str)  # fmt: skip
    payload = {
        "output": out_str,
        "outputs": [{"id": o.split(".")[0], "property": _prop(out_str, o)} for o in outputs]
        if multi else {"id": outputs[0].split(".")[0], "property": outputs[0].split(".")[1]},
        "inputs": [{"id": i, "property": p, "value": v} for i, p, v in inputs],
        "state": [{"id": i, "property": p, "value": v} for i, p, v in state],
        "changedPropIds": list(changed),
    }  # fmt: skip
    resp = client.post("/_dash-update-component", json=payload)
    assert resp.status_code in (200, 204), resp.data[:500]
    if resp.status_code == 204:
        return {}, ""
    body = resp.get_json()["response"]
    got = {o: body.get(o.split(".")[0], {}).get(_prop(out_str, o)) for o in outputs}
    return got, resp.get_data(as_text=True)


def _prop(registered: str, output: str) -> str:
    """The property as registered (`is_open@abc123` for a duplicate-allowed output)."""
    import re

    oid, prop = output.split(".")
    m = re.search(re.escape(oid) + r"\." + re.escape(prop) + r"(@[0-9a-f]+)?", registered)
    return prop + (m.group(1) or "") if m else prop


def render(client, tab: str, lang: str = "zh", entity: str = "team:T1",
           period: str = "2026-10") -> tuple[str, str]:
    """The list body of one tab as JSON text, and the raw response."""
    got, raw = call(
        client, ["customers-header.children", "customers-body.children", "customers-rows.data"],
        [("customers-entity", "value", entity), ("customers-period", "value", period),
         ("customers-tab", "active_tab", tab), ("app-lang", "data", lang),
         ("customers-saved", "data", 0)],
        [("customers-query", "data", {"as_of": None})],
    )  # fmt: skip
    shown = [got["customers-body.children"], got["customers-rows.data"]]
    return json.dumps(shown, ensure_ascii=False), raw


def customers_in(body: str) -> list[str]:
    """Customer ids of the rendered rows, in order."""
    import re

    return re.findall(r'"data-customer": "(a\d+)"', body)


def test_lists_and_masking_for_a_team_user(store_url, tmp_path) -> None:
    client = make_client(store_url, tmp_path, Scope.parse("team:T1"))
    body, _ = render(client, "warning")
    assert sorted(customers_in(body)) == ["a1", "a2", "a4", "a7", "a8"]
    assert "张**" in body and "138****1111" in body
    assert "公司其他站点（权限外）" in body  # a4 moved to S3, outside this user's view
    body, _ = render(client, "serious")
    assert customers_in(body) == ["a1"] and "m1 → 省公司" in body
    assert "10月 0.23 吨, 前三月均 0.65 吨, −65%" in body  # 225 kg vs 650 kg: 300 / 866.7 − 1
    body, _ = render(client, "buying")
    assert customers_in(body) == ["a3", "a10", "a3", "a2", "a7", "a8", "a1"]  # today, then month
    body, _ = render(client, "lost", "en")
    assert customers_in(body) == ["a5"] and "no purchase here for 5 months" in body


def test_no_name_or_phone_reaches_a_user_without_pii(store_url, tmp_path, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    client = make_client(store_url, tmp_path, Scope(all_stations=True, pii=False))
    texts = [client.get(p).get_data(as_text=True)
             for p in ("/customers", "/customers?team=T1&tab=serious", "/segments")]
    for entity in ("team:T1", "team:T2", "province:P1", "station:S2"):
        for tab in TABS:
            for lang in ("zh", "en"):
                texts.append(render(client, tab, lang, entity)[1])
    _, raw = call(client, ["customers-modal.is_open", "customers-target.data",
                           "customers-modal-title.children", "customers-note.value",
                           "customers-date.value"],
                  [({"type": "cust-contact", "index": "warning:a1"}, "n_clicks", 1)],
                  [("app-lang", "data", "zh")])  # fmt: skip
    texts.append(raw)
    everything = "\n".join(texts + [r.getMessage() for r in caplog.records])
    assert "张**" in everything  # the scan does look at rendered rows
    for name, phone in NAMES.values():
        assert name not in everything and phone not in everything, name


def test_expanding_a_row_shows_its_history(store_url, tmp_path) -> None:
    client = make_client(store_url, tmp_path, Scope.parse("team:T1"))
    body, _ = render(client, "serious")
    details = json.loads(body)[1]
    assert details["serious:a1"]["tonnes"][-5:] == ["0.75", "0.75", "0.75", "0.45", "0.23"]
    assert details["serious:a1"]["months"][0] == "2025年10月"
    key = {"index": "serious:a1", "type": "cust-detail"}
    payload = {
        "output": '{"index":["MATCH"],"type":"cust-detail"}.children',
        "outputs": {"id": key, "property": "children"},
        "inputs": [{"id": {**key, "type": "cust-sum"}, "property": "n_clicks", "value": 1}],
        "state": [{"id": "customers-rows", "property": "data", "value": details},
                  {"id": "app-lang", "property": "data", "value": "zh"}],
        "changedPropIds": ['{"index":"serious:a1","type":"cust-sum"}.n_clicks'],
    }
    resp = client.post("/_dash-update-component", json=payload)
    assert resp.status_code == 200, resp.data[:300]
    text = json.dumps(resp.get_json(), ensure_ascii=False)
    assert "0.45" in text and "未见在公司其他站加油" in text


def test_pii_scope_sees_names(store_url, tmp_path) -> None:
    client = make_client(store_url, tmp_path, Scope.parse("team:T1", pii=True))
    body, _ = render(client, "serious")
    assert "张三丰" in body and "13800001111" in body


def test_aggregates_only_and_empty_scopes_see_no_rows(store_url, tmp_path) -> None:
    client = make_client(store_url, tmp_path, Scope(all_stations=True, aggregates_only=True))
    body, _ = render(client, "warning")
    assert customers_in(body) == [] and "无权查看客户明细" in body
    client = make_client(store_url, tmp_path, Scope.nothing())
    body, _ = render(client, "warning")
    assert customers_in(body) == []


def test_contact_is_saved_and_shown(store_url, tmp_path) -> None:
    client = make_client(store_url, tmp_path, Scope.parse("team:T1"))
    got, _ = call(client, ["customers-modal.is_open", "customers-saved.data"],
                  [("customers-save", "n_clicks", 1), ("customers-cancel", "n_clicks", None)],
                  [("customers-target", "data", "a2"), ("customers-note", "value", "已电话回访"),
                   ("customers-date", "value", "2026-10-28"),
                   ("customers-entity", "value", "team:T1"),
                   ("customers-tab", "active_tab", "warning"), ("customers-saved", "data", 0)],
                  changed=["customers-save.n_clicks"])  # fmt: skip
    assert got["customers-saved.data"] == 1
    body, _ = render(client, "warning")
    assert "已联系 2026-10-28：已电话回访" in body
    # a new app over the same state store (a restart) still shows it
    body, _ = render(make_client(store_url, tmp_path, Scope.parse("team:T1")), "warning")
    assert "已联系 2026-10-28：已电话回访" in body


def test_contact_outside_the_scope_is_refused(store_url, tmp_path) -> None:
    client = make_client(store_url, tmp_path, Scope.parse("team:T1"))
    states = [("customers-note", "value", "x"), ("customers-date", "value", "2026-10-28"),
              ("customers-entity", "value", "team:T1"), ("customers-tab", "active_tab", "warning"),
              ("customers-saved", "data", 0)]
    inputs = [("customers-save", "n_clicks", 1), ("customers-cancel", "n_clicks", None)]
    got, _ = call(client, ["customers-modal.is_open", "customers-saved.data"], inputs,
                  [("customers-target", "data", "a9"), *states],
                  changed=["customers-save.n_clicks"])  # a9 buys only at S4 (team T3)
    assert got.get("customers-saved.data") is None  # no_update: nothing stored
    got, _ = call(client, ["customers-modal.is_open", "customers-saved.data"], inputs,
                  [("customers-target", "data", "a4"), *states], changed=["customers-save.n_clicks"])
    assert got["customers-saved.data"] == 1  # a4 bought at S1 (T1)
