"""/segments caches profiles in the app cache keyed by scope and data version: another scope never
gets them (names stay masked), a change without a publish is not seen, a publish is.

Store: the hand-built customers of tests/metrics/test_customer_lists_data.py, published through
data.store.building with an import_runs row (the data version)."""

from __future__ import annotations

import datetime as dt

import pytest
from flask import g
from sqlalchemy import insert, update

from app import create_app
from data import store
from data.schema import customers, import_runs
from data.scope import Scope
from settings import Settings
from tests.metrics.special_fixture import load
from tests.metrics.test_customer_lists_data import TABLES
from tests.pages.test_customers_segments import render


def _publish(url: str, import_id: str, change=None) -> None:
    with store.building(url) as engine:
        if change is None and import_id == "v1":
            load(engine, TABLES)
        with engine.begin() as conn:
            if change is not None:
                conn.execute(change)
            if import_id:
                at = dt.datetime(2026, 11, 1) + dt.timedelta(hours=len(import_id))
                conn.execute(insert(import_runs).values(
                    import_id=import_id, started_at=at, finished_at=at, source="test",
                    status="published", rows_read=0, rows_loaded=0, rows_quarantined=0))


@pytest.fixture
def app_and_scope(tmp_path):
    url = f"duckdb:///{tmp_path / 'facts.duckdb'}"
    _publish(url, "v1")
    app = create_app(Settings(database_url=url,
                              state_database_url=f"sqlite:///{tmp_path / 'state.sqlite'}"))
    holder = {"scope": Scope.parse("team:T1", pii=True)}
    app.server.before_request(lambda: setattr(g, "amoeba_scope", holder["scope"]))
    client = app.server.test_client()
    assert client.get("/").status_code in (200, 302)
    return url, client, holder


def test_cache_keyed_by_scope_and_data_version(app_and_scope) -> None:
    url, client, holder = app_and_scope
    body, _ = render(client)
    assert "李四" in body
    holder["scope"] = Scope.parse("team:T1", pii=False)  # same entity, another scope
    body, _ = render(client)
    assert "李**" in body and "李四" not in body
    holder["scope"] = Scope.parse("team:T1", pii=True)
    rename = update(customers).where(customers.c.customer_id == "a2").values(name="黄二")
    _publish(url, "", rename)  # the facts change but no import is recorded: the version stands
    body, _ = render(client)
    assert "李四" in body and "黄二" not in body  # served from the cache
    _publish(url, "v2-later")  # a new published import: a new data version
    body, _ = render(client)
    assert "黄二" in body and "李四" not in body


def test_a_broken_store_reads_as_a_message(tmp_path) -> None:
    """A store without the fact tables: the page says evaluation is unavailable, no traceback."""
    from sqlalchemy import create_engine

    from data.schema import stations
    from tests.metrics.special_fixture import station

    url = f"duckdb:///{tmp_path / 'broken.duckdb'}"
    engine = create_engine(url)
    stations.create(engine)
    with engine.begin() as conn:
        conn.execute(insert(stations).values(station("S1", "T1", "C1")))
    engine.dispose()
    app = create_app(Settings(database_url=url,
                              state_database_url=f"sqlite:///{tmp_path / 'state.sqlite'}"))
    app.server.before_request(lambda: setattr(g, "amoeba_scope", Scope.parse("team:T1")))
    client = app.server.test_client()
    body, raw = render(client)
    assert "指标计算服务暂不可用" in body and "Traceback" not in raw
