"""Settings from the environment: defaults, parsing, and the production safety checks."""

from __future__ import annotations

import logging

import pytest

from settings import DEV_SECRET_KEY, Settings, masked_url

URLS = {"DATABASE_URL": "duckdb:////tmp/x.duckdb", "STATE_DATABASE_URL": "sqlite:////tmp/s.db"}
GOOD_KEY = "k" * 40


def test_defaults() -> None:
    s = Settings.from_env(URLS)
    assert (s.host, s.port, s.env, s.debug) == ("127.0.0.1", 8050, "development", False)
    assert s.database_url == "duckdb:////tmp/x.duckdb"
    assert s.state_database_url == "sqlite:////tmp/s.db"
    assert s.secret_key == DEV_SECRET_KEY
    assert s.cache_config() == {
        "CACHE_TYPE": "SimpleCache",
        "CACHE_DEFAULT_TIMEOUT": 300,
        "CACHE_KEY_PREFIX": "amoeba:",
    }


def test_all_variables_are_read() -> None:
    s = Settings.from_env(
        URLS
        | {
            "HOST": "0.0.0.0",
            "PORT": "9000",
            "SECRET_KEY": GOOD_KEY,
            "AMOEBA_ENV": "Production",
            "DEBUG": "off",
            "CACHE_TYPE": "RedisCache",
            "CACHE_REDIS_URL": "redis://127.0.0.1:6379/0",
            "CACHE_DEFAULT_TIMEOUT": "60",
        }
    )
    assert (s.host, s.port, s.env, s.debug, s.is_production) == ("0.0.0.0", 9000, "production", False, True)
    assert s.cache_config()["CACHE_REDIS_URL"] == "redis://127.0.0.1:6379/0"
    assert s.cache_config()["CACHE_DEFAULT_TIMEOUT"] == 60
    assert GOOD_KEY not in repr(s)  # secrets stay out of logs
    s.check_startup()  # a safe production configuration starts


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"PORT": "eighty"}, "PORT='eighty' is not a whole number"),
        ({"PORT": "70000"}, "PORT=70000 is outside 1..65535"),
        ({"DEBUG": "maybe"}, "DEBUG='maybe' is not a yes/no value"),
        ({"AMOEBA_ENV": "staging"}, "AMOEBA_ENV='staging'"),
    ],
)
def test_bad_values_exit_clearly(env, message) -> None:
    with pytest.raises(SystemExit, match=message):
        Settings.from_env(URLS | env)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "SECRET_KEY is empty or the development default"),
        ({"SECRET_KEY": ""}, "SECRET_KEY is empty"),
        ({"SECRET_KEY": "short-key"}, "shorter than 32 characters"),
        ({"SECRET_KEY": GOOD_KEY, "DEBUG": "1"}, "DEBUG is on"),
    ],
)
def test_production_refuses_unsafe_settings(env, message) -> None:
    settings = Settings.from_env(URLS | {"AMOEBA_ENV": "production"} | env)
    with pytest.raises(SystemExit, match=message):
        settings.check_startup()


def test_development_only_warns(caplog) -> None:
    settings = Settings.from_env(URLS | {"DEBUG": "true"})
    with caplog.at_level(logging.WARNING, logger="settings"):
        settings.check_startup()
    assert "SECRET_KEY is empty or the development default" in caplog.text
    assert "DEBUG is on" in caplog.text


def test_masked_url_hides_password() -> None:
    assert masked_url("postgresql+psycopg://amoeba:s3cret@db:5432/facts") == (
        "postgresql+psycopg://amoeba:***@db:5432/facts"
    )
    assert masked_url("duckdb:////srv/amoeba.duckdb") == "duckdb:////srv/amoeba.duckdb"


def test_default_urls_come_from_the_store_module() -> None:
    from data import store

    s = Settings.from_env({})
    assert s.database_url == store.default_url()
    assert s.state_database_url == store.default_state_url()
    assert s.database_url.startswith("duckdb:///") and s.database_url.endswith("var/amoeba.duckdb")
