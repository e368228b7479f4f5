"""pages/board_drawn.py: the board's load answer drawn once per view, language, switch, scope and
data version, and served from the cache as plain JSON (real app, real DuckDB store)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from flask import g
from plotly.io.json import to_json_plotly

import pages.board_data as board_data
import pages.board_drawn as board_drawn
from app import create_app
from data.scope import Scope
from pages import board_view
from settings import Settings
from tests.conftest import status_store_url  # noqa: F401 - the small published store

TEAM = Scope.parse("team:T01")


@pytest.fixture
def server(status_store_url: str, tmp_path: Path):  # noqa: ANN201, F811 - a Flask app
    app = create_app(Settings(database_url=status_store_url,
                              state_database_url=f"sqlite:///{tmp_path / 'state.sqlite'}"))
    import pages.board  # noqa: F401 - after create_app: the module registers its page

    return app.server


def _call(server, scope: Scope, fn, *args):  # noqa: ANN001, ANN002, ANN202
    with server.test_request_context("/_dash-update-component"):
        g.amoeba_scope = scope
        return fn(*args)


def _load(server, scope: Scope, lang: str = "zh", search: str = "", only_bad: bool = False,
          entity: str = "team:T01"):  # noqa: ANN001, ANN202
    import pages.board as board

    return _call(server, scope, board.load, entity, "2026-10", None, lang, search, only_bad)


def _full(server, scope: Scope = TEAM, lang: str = "zh") -> list:  # noqa: ANN001
    """The whole view (JSON, header, body) as the load callback computes it."""
    import pages.board as board

    return _call(server, scope, board._answer, "team:T01", "2026-10", None, lang, False)


def _refuse(*args, **kwargs):  # noqa: ANN002, ANN003
    raise AssertionError("drawn again although the answer was cached")


def _ids(tree) -> list[str]:  # noqa: ANN001
    """The indicator ids of the rows in a serialised body, in order."""
    text = json.dumps(tree)
    return [part.split('"')[0] for part in text.split('"data-indicator": "')[1:]]


def test_warm_answer_is_what_dash_would_send_and_draws_nothing(server, monkeypatch) -> None:  # noqa: ANN001
    ref, header, body = _load(server, TEAM)
    data = _full(server)[0]
    assert len(data["indicators"]) == 134 and data["version"]
    # the browser keeps the view's reference only: what names it and what the drawer reads
    assert ref == {k: data[k] for k in ("entity", "period", "as_of", "version", "coverage")}
    assert ref["entity"]["id"] == "T01" and ref["period"] == "2026-10"
    # the uncached answer, drawn afresh from the same JSON and serialised by Dash's serialiser
    fresh = json.loads(to_json_plotly(list(_call(server, TEAM, board_drawn.draw, data, "zh", "",
                                                 False))))
    assert [header, body] == fresh
    monkeypatch.setattr(board_view, "body", _refuse)
    monkeypatch.setattr(board_data, "evaluate_batch", _refuse)
    assert list(_load(server, TEAM)) == [ref, header, body]
    assert len(set(_ids(body))) == 134


def test_language_switch_and_scope_are_separate_entries(server, monkeypatch) -> None:  # noqa: ANN001
    zh = _load(server, TEAM)
    en = _load(server, TEAM, lang="en")
    assert zh[0] == en[0]  # the same numbers (values cache), drawn in another language
    assert "All 134 indicators" in json.dumps(en[2])
    assert "全部 134 项指标" in json.dumps(zh[2], ensure_ascii=False)
    bad = _load(server, TEAM, only_bad=True)
    assert set(_ids(bad[2])) < set(_ids(zh[2]))
    monkeypatch.setattr(board_view, "body", _refuse)
    # another scope that sees the same team (the province) is never served the team's entry
    other = _load(server, Scope.everything())
    assert other[0] == {"error": "AssertionError"}


def test_search_filters_without_caching(server, monkeypatch) -> None:  # noqa: ANN001
    import pages.board as board

    ref, _, full = _load(server, TEAM)
    data = _full(server)[0]
    words = {r["id"]: f"{r['id']} {r['name_zh']} {r['name_en']}".lower()
             for r in data["indicators"]}
    target = data["indicators"][0]["name_zh"]
    expected = [i for i in _ids(full) if target.lower() in words[i]]
    _, _, found = _load(server, TEAM, search=target)
    shown = _ids(json.loads(to_json_plotly(found)))
    assert shown == expected and 0 < len(shown) < 134
    # a search typed after loading: the redraw gets only the reference, and evaluates nothing
    monkeypatch.setattr(board_data, "evaluate_batch", _refuse)
    _, again = _call(server, TEAM, board.render, "zh", target, False, ref)
    assert _ids(json.loads(to_json_plotly(again))) == expected


def test_render_reads_the_cache_but_never_stores_browser_data(server, monkeypatch) -> None:  # noqa: ANN001
    import pages.board as board

    ref, header, body = _load(server, TEAM)
    monkeypatch.setattr(board_view, "body", _refuse)
    assert list(_call(server, TEAM, board.render, "zh", "", False, ref)) == [header, body]
    monkeypatch.undo()
    # values sent by the browser are never drawn: the view is redrawn from the server's own
    forged = {**_full(server)[0], "version": "forged"}
    forged["indicators"][0]["value"] = 123456789.0
    _, drawn = _call(server, TEAM, board.render, "zh", "", False, forged)
    assert "123456789" not in json.dumps(to_json_plotly(drawn))
    assert _ids(json.loads(to_json_plotly(drawn))) == _ids(body)
    # a view outside the caller's scope reads as a notice, like a picker value
    other = {**ref, "entity": {"level": "team", "id": "T02", "name": "x"}}
    _, notice = _call(server, TEAM, board.render, "zh", "", False, other)
    assert "entity" in json.dumps(to_json_plotly(notice), ensure_ascii=False)


def test_org_lookups_once_per_data_version(server, monkeypatch) -> None:  # noqa: ANN001
    calls: list[str] = []
    real_entities, real_latest = board_data.list_entities, board_data.latest_day

    def count_entities(*args):  # noqa: ANN002, ANN202
        calls.append("entities")
        return real_entities(*args)

    def count_latest(*args):  # noqa: ANN002, ANN202
        calls.append("latest")
        return real_latest(*args)

    monkeypatch.setattr(board_data, "list_entities", count_entities)
    monkeypatch.setattr(board_data, "latest_day", count_latest)
    for _ in range(3):
        _load(server, TEAM)
        _load(server, TEAM, lang="en")
    assert sorted(calls) == ["entities", "latest"]
    from settings import facts_engine

    with server.app_context():
        board_data.entities(facts_engine(), TEAM, "another-version")
    assert calls.count("entities") == 2
