"""pages.cache.cached: one helper keyed by request, scope and data version (real DuckDB files)."""

from __future__ import annotations

from datetime import datetime

import pytest
from flask import Flask
from sqlalchemy import create_engine, insert

from data.schema import import_runs
from data.scope import Scope
from data.store import create_schema
from pages import board_data
from pages.cache import cached


def _publish(engine, import_id: str) -> None:
    with engine.begin() as conn:
        conn.execute(insert(import_runs).values(
            import_id=import_id, started_at=datetime(2026, 1, 1), finished_at=datetime.utcnow(),
            source="test", status="published"))


@pytest.fixture
def app():
    from settings import cache

    flask_app = Flask("cache-helper")
    cache.init_app(flask_app, config={"CACHE_TYPE": "SimpleCache"})
    with flask_app.app_context():
        yield flask_app


@pytest.fixture
def engine(tmp_path):
    eng = create_engine(f"duckdb:///{tmp_path / 'facts.duckdb'}")
    create_schema(eng)
    yield eng
    eng.dispose()


def _counter():
    calls: list[int] = []

    def compute() -> dict[str, int]:
        calls.append(1)
        return {"n": len(calls)}

    return calls, compute


def test_board_data_reexports_the_one_helper() -> None:
    """The board's `cached` is the pages' helper, not a second implementation."""
    assert board_data.cached is cached


def test_hit_per_version_and_scope(app, engine) -> None:
    """Same request + scope + version: one computation; another scope or a publish: a new one."""
    _publish(engine, "20260101T000000000000-aaaa")
    calls, compute = _counter()
    team = Scope.parse("team:T01")
    assert cached("k", engine, compute, scope=Scope.everything()) == {"n": 1}
    assert cached("k", engine, compute, scope=Scope.everything()) == {"n": 1}
    assert len(calls) == 1
    assert cached("k", engine, compute, scope=team) == {"n": 2}
    assert cached("other", engine, compute, scope=team) == {"n": 3}
    _publish(engine, "20260102T000000000000-bbbb")
    assert cached("k", engine, compute, scope=Scope.everything()) == {"n": 4}


def test_no_version_no_cache(app, engine) -> None:
    """A store that never published anything is never cached (a change cannot be served stale)."""
    calls, compute = _counter()
    cached("k", engine, compute)
    cached("k", engine, compute)
    assert len(calls) == 2


def test_outside_an_app_it_just_computes(engine) -> None:
    """CLI and tests without a Flask app context compute every time."""
    _publish(engine, "20260101T000000000000-aaaa")
    calls, compute = _counter()
    cached("k", engine, compute)
    cached("k", engine, compute)
    assert len(calls) == 2


def test_caller_version_is_the_key(app, engine) -> None:
    """A version passed by the caller is used as is (key and content read the same version)."""
    calls, compute = _counter()
    assert cached("k", engine, compute, version="v1") == {"n": 1}
    assert cached("k", engine, compute, version="v1") == {"n": 1}
    assert cached("k", engine, compute, version="v2") == {"n": 2}


def test_readers_draw_no_progress_bar(tmp_path) -> None:
    """A serving reader has DuckDB's progress bar off (it would print to the server's stderr)."""
    from sqlalchemy import text

    from data.store import reader_engine

    url = f"duckdb:///{tmp_path / 'facts.duckdb'}"
    with reader_engine(url).connect() as conn:
        got = conn.execute(text("SELECT current_setting('enable_progress_bar')")).scalar_one()
    assert got is False
