"""pages/cache.py: one computation per key — callers that miss while another computes the same
key wait for its result (the prewarm thread and the first visitor; two workers through Redis)."""

from __future__ import annotations

import shutil
import threading
import time
from datetime import datetime

import pytest
from flask import Flask
from sqlalchemy import create_engine, insert

from data.schema import import_runs
from data.store import create_schema
from pages.cache import cached
from tests.bench.test_cache_redis import redis_url  # noqa: F401 - a throwaway redis-server


@pytest.fixture
def engine(tmp_path):  # noqa: ANN001, ANN201
    eng = create_engine(f"duckdb:///{tmp_path / 'facts.duckdb'}")
    create_schema(eng)
    with eng.begin() as conn:
        conn.execute(insert(import_runs).values(
            import_id="20260101T000000000000-aaaa", started_at=datetime(2026, 1, 1),
            finished_at=datetime(2026, 1, 1), source="test", status="published"))
    yield eng
    eng.dispose()


def _app(config: dict) -> Flask:
    from settings import cache

    app = Flask("cache-once")
    cache.init_app(app, config=config)
    return app


def _slow(calls: list[str], fail_first: bool = False):  # noqa: ANN202
    def compute() -> dict[str, int]:
        calls.append(threading.current_thread().name)
        time.sleep(0.4)  # long enough for every caller to miss before the first one stores
        if fail_first and len(calls) == 1:
            raise RuntimeError("the first computation fails")
        return {"n": len(calls)}

    return compute


def _race(apps: list[Flask], engine, compute, n: int = 3) -> tuple[list, list]:  # noqa: ANN001
    got: list = []
    errors: list = []

    def one(app: Flask) -> None:
        with app.app_context():
            try:
                got.append(cached("view", engine, compute))
            except RuntimeError as exc:
                errors.append(str(exc))

    threads = [threading.Thread(target=one, args=(apps[i % len(apps)],), name=f"t{i}")
               for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return got, errors


def test_concurrent_misses_compute_once(engine) -> None:  # noqa: ANN001
    calls: list[str] = []
    got, errors = _race([_app({"CACHE_TYPE": "SimpleCache"})], engine, _slow(calls))
    assert not errors and len(calls) == 1
    assert got == [{"n": 1}] * 3


def test_a_failed_computation_lets_a_waiter_compute(engine) -> None:  # noqa: ANN001
    calls: list[str] = []
    got, errors = _race([_app({"CACHE_TYPE": "SimpleCache"})], engine,
                        _slow(calls, fail_first=True), n=2)
    assert errors == ["the first computation fails"]
    assert len(calls) == 2 and got == [{"n": 2}]


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server not installed")
def test_two_workers_compute_once_through_redis(engine, redis_url) -> None:  # noqa: ANN001, F811
    config = {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": redis_url}
    calls: list[str] = []
    got, errors = _race([_app(config), _app(config)], engine, _slow(calls), n=4)
    assert not errors and len(calls) == 1
    assert got == [{"n": 1}] * 4
