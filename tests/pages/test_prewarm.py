"""pages/prewarm.py: after an import, each user's default board view is computed once, under the
same cache keys the board page reads, so the first visit does not evaluate anything."""

from __future__ import annotations

from pathlib import Path

from flask import g

import pages.board_data as board_data
from access.users import create_user, set_disabled, warm_scopes
from app import create_app
from data.scope import Scope
from data.state import state_engine
from pages import prewarm
from settings import Settings, facts_engine
from tests.conftest import status_store_url  # noqa: F401 - the small published store


def _app(store_url: str, tmp_path: Path):  # noqa: ANN202 - a Dash app
    return create_app(Settings(database_url=store_url,
                               state_database_url=f"sqlite:///{tmp_path / 'state.sqlite'}"))


def _refuse(*args, **kwargs):  # noqa: ANN002, ANN003
    raise AssertionError("the board evaluated although its view was warmed")


def test_a_warmed_board_is_served_without_evaluating(status_store_url: str, tmp_path: Path,  # noqa: F811
                                                     monkeypatch) -> None:  # noqa: ANN001
    server = _app(status_store_url, tmp_path).server
    import pages.board as board  # after create_app: the module registers its page

    team = Scope.parse("team:T01")
    with server.app_context():
        assert prewarm.warm_boards(facts_engine(), [team]) == 1
    monkeypatch.setattr(board_data, "evaluate_batch", _refuse)
    with server.test_request_context("/_dash-update-component"):
        g.amoeba_scope = team
        # the page's own default view, as the load callback answers it (drawn, in Chinese)
        data, header, body = board._answer("team:T01", "2026-10", None, "zh", False)
    assert "error" not in data, data
    assert len(data["indicators"]) == 134
    assert header and body
    with server.test_request_context("/_dash-update-component"):
        g.amoeba_scope = Scope.parse("station:S001")  # another scope was not warmed
        data, _, _ = board._answer("station:S001", "2026-10", None, "zh", False)
        assert data == {"error": "AssertionError"}


def test_scopes_of_the_enabled_users_once_each(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'state.sqlite'}"
    engine = state_engine(url)
    create_user(engine, "lead1", "a-long-password-1", "team_leader", "team:T01")
    create_user(engine, "lead2", "a-long-password-2", "team_leader", "team:T01")  # same scope
    create_user(engine, "city", "a-long-password-3", "city_manager", "city:FZ")
    create_user(engine, "wall", "a-long-password-4", "wall", "province")
    create_user(engine, "gone", "a-long-password-5", "station_manager", "station:S002")
    set_disabled(engine, "gone")
    keys = sorted(s.key() for s in warm_scopes(False, url))
    assert keys == sorted([Scope.parse("team:T01").key(), Scope.parse("city:FZ").key()])
    assert warm_scopes(True, url) == [Scope.everything()]


def test_warm_once_per_data_version(status_store_url: str, tmp_path: Path,  # noqa: F811
                                   monkeypatch) -> None:  # noqa: ANN001
    server = _app(status_store_url, tmp_path).server
    calls: list[int] = []
    monkeypatch.setattr(prewarm, "warm_boards", lambda engine, scopes: calls.append(1) or 1)
    seen = prewarm._warm_if_new(server, "")
    assert seen and calls == [1]
    assert prewarm._warm_if_new(server, seen) == seen and calls == [1]  # nothing new: no work



def test_warmed_views_outlive_the_night(status_store_url: str, tmp_path: Path) -> None:  # noqa: F811
    """Views warmed after a nightly import must still be cached in the morning: the board's
    entries live 36 h (the data version keeps them fresh), not the pages' default 10 minutes."""
    import time

    from settings import cache

    server = _app(status_store_url, tmp_path).server
    with server.app_context():
        assert prewarm.warm_boards(facts_engine(), [Scope.parse("team:T01")]) == 1
        entries = {k: exp for k, (exp, _) in cache.cache._cache.items()
                   if not k.endswith(":computing")}
    board = [k for k in entries if any(f":{kind}:" in k for kind in
                                       ("board-drawn", "view", "trend", "org"))]
    assert {"board-drawn", "view", "trend", "org"} == {
        kind for kind in ("board-drawn", "view", "trend", "org")
        if any(f":{kind}:" in k for k in board)}, list(entries)
    for key in board:
        assert entries[key] - time.time() > 12 * 3600, key
