"""T13 production refusals, T15 no traceback in production errors, T12 the serving connection
cannot write or escape (DuckDB and PostgreSQL)."""

from __future__ import annotations

import logging
import re
import uuid

import pytest
from dash import Input, Output
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from access import guard
from app import create_app
from data import store
from settings import Settings
from tests.access.conftest import add_users, login

GOOD_KEY = "k" * 48


def _settings(tmp_path, **extra) -> Settings:
    base = dict(database_url=f"duckdb:///{tmp_path / 'f.duckdb'}",
                state_database_url=f"sqlite:///{tmp_path / 's.sqlite'}", env="production",
                secret_key=GOOD_KEY)
    return Settings(**{**base, **extra})


@pytest.mark.parametrize("bad", [dict(secret_key=""), dict(secret_key="short-key"),
                                 dict(secret_key="amoeba-development-key-not-secret"),
                                 dict(debug=True)])
def test_production_refuses_unsafe_settings(tmp_path, bad) -> None:
    add_users(f"sqlite:///{tmp_path / 's.sqlite'}")
    with pytest.raises(SystemExit):
        create_app(_settings(tmp_path, **bad))


def test_production_refuses_to_start_without_users(tmp_path) -> None:
    with pytest.raises(SystemExit, match="no users"):
        create_app(_settings(tmp_path))


def test_production_with_users_starts_with_secure_cookies(tmp_path, caplog) -> None:
    add_users(f"sqlite:///{tmp_path / 's.sqlite'}")
    with caplog.at_level(logging.WARNING):
        app = create_app(_settings(tmp_path))
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert app.server.config["SESSION_COOKIE_SECURE"] is True
    assert app.server.config["AMOEBA_OPEN_ACCESS"] is False


def test_development_warns_and_opens_access(tmp_path, caplog) -> None:
    with caplog.at_level(logging.WARNING):
        app = create_app(_settings(tmp_path, env="development", secret_key=""))
    text_ = " ".join(r.getMessage() for r in caplog.records)
    assert "SECRET_KEY" in text_ and "open access" in text_
    assert app.server.config["AMOEBA_OPEN_ACCESS"] is True


def test_production_errors_carry_no_traceback(tmp_path, monkeypatch) -> None:
    add_users(f"sqlite:///{tmp_path / 's.sqlite'}")
    app = create_app(_settings(tmp_path))

    @app.callback(Output("boom-out", "children"), Input("boom-in", "children"))
    def boom(_value):  # a test-only callback that fails like a bug would
        raise RuntimeError("SELECT secret FROM /home/app/CANARY_T2_CUST_1")

    monkeypatch.setattr(guard, "SHARED_CALLBACK_MODULES",
                        guard.SHARED_CALLBACK_MODULES | {__name__})
    client = app.server.test_client()
    login(client, "prov")
    body = {"output": "boom-out.children", "outputs": {"id": "boom-out", "property": "children"},
            "inputs": [{"id": "boom-in", "property": "children", "value": 1}], "state": [],
            "changedPropIds": ["boom-in.children"]}
    res = client.post("/_dash-update-component", json=body)
    page = res.get_data(as_text=True)
    assert res.status_code == 500
    for leak in ("Traceback", "/home/", "SELECT", "CANARY"):
        assert leak not in page
    index = client.get("/board").get_data(as_text=True)
    config = re.search(r'<script id="_dash-config"[^>]*>(.*?)</script>', index, re.S).group(1)
    assert '"ui": false' in config.replace('"ui":false', '"ui": false')
    assert "hot_reload" not in config or '"hot_reload": false' in config
    console = client.get("/console")  # Dash's catch-all answers with its page, not a debugger
    assert "__debugger__" not in console.get_data(as_text=True) and "Werkzeug" not in console.get_data(as_text=True)


ESCAPES = ["INSERT INTO stations (station_id) VALUES ('X')", "DELETE FROM customers",
           "COPY stations TO '/tmp/amoeba_escape.csv'",
           "SELECT * FROM read_csv('/etc/passwd')", "ATTACH '/tmp/amoeba_x.duckdb' AS x",
           "INSTALL httpfs", "SET enable_external_access = true",
           "SET lock_configuration = false", "CREATE TABLE stolen AS SELECT 1"]


def test_duckdb_reader_cannot_write_or_escape(canary_url) -> None:
    engine = store.reader_engine(canary_url)
    for stmt in ESCAPES:
        with engine.connect() as conn, pytest.raises(Exception):  # noqa: B017, PT011
            conn.execute(text(stmt))
    with engine.connect() as conn:  # still serving
        assert conn.execute(text("SELECT count(*) FROM stations")).scalar() == 12


def test_postgres_reader_cannot_write(pg_url) -> None:
    name = f"amoeba_access_{uuid.uuid4().hex[:8]}"
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(pg_url).set(database=name).render_as_string(hide_password=False)
    try:
        with create_engine(url).begin() as conn:
            conn.execute(text("CREATE TABLE stations (station_id text)"))
        engine = store.reader_engine(url)
        for stmt in ("INSERT INTO stations VALUES ('X')", "DELETE FROM stations",
                     "CREATE TABLE stolen (a int)", "DROP TABLE stations"):
            with engine.connect() as conn, pytest.raises(Exception, match="read-only"):  # noqa: PT011
                conn.execute(text(stmt))
        store._readers.pop(url).dispose()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
