"""The board cache shared by two workers through a real redis-server on loopback.

Two Flask apps stand for two worker processes: what one computes, the other reads from Redis;
a new published import (a new data version in `import_runs`) makes the old entries unreachable.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from datetime import datetime

import pytest
from flask import Flask
from sqlalchemy import create_engine, insert

from data.schema import import_runs
from data.store import create_schema
from pages.cache import cached

pytestmark = pytest.mark.skipif(shutil.which("redis-server") is None,
                                reason="redis-server not installed (scripts/test.sh installs it)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def redis_url():
    """A throwaway redis-server on a free loopback port, no persistence."""
    port = _free_port()
    proc = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1",
                             "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    proc.terminate()
    proc.wait(timeout=10)


def _publish(engine, import_id: str) -> None:
    with engine.begin() as conn:
        conn.execute(insert(import_runs).values(
            import_id=import_id, started_at=datetime(2026, 1, 1), finished_at=datetime.utcnow(),
            source="test", status="published"))


def test_two_workers_share_results_and_an_import_invalidates(redis_url, tmp_path):
    from settings import cache

    engine = create_engine(f"duckdb:///{tmp_path / 'facts.duckdb'}")
    create_schema(engine)
    _publish(engine, "20260101T000000000000-aaaa")
    config = {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": redis_url, "CACHE_KEY_PREFIX": "t:"}
    workers = [Flask("w1"), Flask("w2")]
    for app in workers:
        cache.init_app(app, config=config)
    calls: list[str] = []

    def compute(tag: str):
        return lambda: calls.append(tag) or {"value": 42.5, "by": tag}

    with workers[0].app_context():
        assert cached("board:T01", engine, compute("w1")) == {"value": 42.5, "by": "w1"}
    with workers[1].app_context():
        assert cached("board:T01", engine, compute("w2")) == {"value": 42.5, "by": "w1"}
    assert calls == ["w1"]  # the second worker read the first one's result from Redis
    time.sleep(0.01)
    _publish(engine, "20260102T000000000000-bbbb")
    with workers[1].app_context():
        assert cached("board:T01", engine, compute("w2")) == {"value": 42.5, "by": "w2"}
    assert calls == ["w1", "w2"]
    engine.dispose()
