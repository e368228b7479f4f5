"""客户圈's URL: it follows the entity, period and tab (deep links restore the view), and bad
values read as friendly notices. Over HTTP on the hand-built store of test_customers_page.py."""

from __future__ import annotations

import json

from data.scope import Scope
from pages.customers_params import layout_query, url_query
from tests.pages.test_customers_page import call, make_client, store_url  # noqa: F401 - fixture


def test_url_query_follows_pickers_and_tab() -> None:
    q = layout_query(team="T1", period="2026-10", as_of="2026-10-15", tab="warning")
    assert url_query("team:T1", "2026-10", "lost", q) == "?team=T1&period=2026-10&as_of=2026-10-15&tab=lost"
    # another period drops the deep link's as_of; a city keeps its level name
    assert url_query("city:C1", "2026-09", "buying", q) == "?city=C1&period=2026-09&tab=buying"
    assert url_query("team:T1", "2026-10", None, layout_query(as_of="nonsense")) == (
        "?team=T1&period=2026-10&tab=watch")  # fmt: skip
    assert url_query(None, "2026-10", "lost", q) is None
    assert url_query("station:S 2&x=1", "2026-10", "lost", {}) == (
        "?station=S+2%26x%3D1&period=2026-10&tab=lost")  # values are encoded, not pasted


def test_layout_query_reports_a_bad_tab() -> None:
    assert layout_query(tab="lost")["tab"] == "lost" and layout_query(tab="lost")["bad_tab"] is None
    q = layout_query(tab="<script>")
    assert (q["tab"], q["bad_tab"]) == ("watch", "<script>")


def test_sync_url_callback(store_url, tmp_path) -> None:  # noqa: F811
    client = make_client(store_url, tmp_path, Scope.parse("team:T1"))
    got, _ = call(client, ["customers-url.data"],
                  [("customers-entity", "value", "team:T1"), ("customers-period", "value", "2026-10"),
                   ("customers-tab", "active_tab", "serious")],
                  [("customers-query", "data", layout_query(team="T1", tab="warning"))])  # fmt: skip
    assert got["customers-url.data"] == "?team=T1&period=2026-10&tab=serious"


def _init(client, query: dict, lang: str = "zh") -> tuple[dict, str]:
    outs = ["customers-entity.options", "customers-entity.value", "customers-period.options",
            "customers-period.value", "customers-notices.children", "customers-tab.children",
            "customers-note-label.children", "customers-date-label.children",
            "customers-save.children", "customers-cancel.children"]  # fmt: skip
    return call(client, outs, [("app-lang", "data", lang)],
                [("customers-query", "data", query), ("customers-entity", "value", None)])


def test_deep_link_restores_and_bad_values_read_as_notices(store_url, tmp_path) -> None:  # noqa: F811
    client = make_client(store_url, tmp_path, Scope.parse("team:T1"))
    page = client.get("/customers?team=T1&period=2026-09&tab=lost")
    assert page.status_code == 200
    got, _ = _init(client, layout_query(team="T1", period="2026-09", tab="lost"))
    assert (got["customers-entity.value"], got["customers-period.value"]) == ("team:T1", "2026-09")
    assert not got["customers-notices.children"]
    got, raw = _init(client, layout_query(team="T9", period="2026-13", tab="bogus"))
    notes = json.dumps(got["customers-notices.children"], ensure_ascii=False)
    assert "T9" in notes and "2026-13" in notes and "bogus" in notes, notes
    assert "watch, warning, serious, lost, dormant, buying" in notes
    assert got["customers-entity.value"] == "team:T1"  # the default entity instead
    got, _ = _init(client, layout_query(team="T1", tab="bogus"), "en")
    assert "one of watch" in json.dumps(got["customers-notices.children"], ensure_ascii=False)


def test_segments_url_follows_entity_and_period(store_url, tmp_path) -> None:  # noqa: F811
    client = make_client(store_url, tmp_path, Scope.parse("team:T1"))
    got, _ = call(client, ["segments-url.data"],
                  [("segments-entity", "value", "station:S2"), ("segments-period", "value", "2026-09")],
                  [("segments-query", "data", {"team": "T1", "period": "2026-10"})])  # fmt: skip
    assert got["segments-url.data"] == "?station=S2&period=2026-09"
