"""Settings from environment variables, and the per-app runtime that pages reach through them.

| variable | default | meaning |
|---|---|---|
| `DATABASE_URL` | `data.store.default_url()` (DuckDB file under `var/`) | facts store |
| `STATE_DATABASE_URL` | `data.store.default_state_url()` (SQLite under `var/`) | what users write |
| `HOST`, `PORT` | `127.0.0.1`, `8050` | where `python app.py` listens |
| `SECRET_KEY` | a fixed development key | signs session cookies; ≥ 32 characters in production |
| `AMOEBA_ENV` | `development` | `production` refuses unsafe settings |
| `DEBUG` | off | Dash dev tools and reloader; refused in production |
| `CACHE_TYPE` | `SimpleCache` | flask-caching backend (`RedisCache` for several workers) |
| `CACHE_REDIS_URL` | — | e.g. `redis://127.0.0.1:6379/0` |
| `CACHE_DEFAULT_TIMEOUT` | `300` | seconds |

Pages never read the environment: callbacks call `current_settings()` (the settings the running
app was created with), `facts_engine()` (the read-only engine of `DATABASE_URL`) and `cache`.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from flask import current_app, has_app_context
from flask_caching import Cache

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

log = logging.getLogger(__name__)

DEV_SECRET_KEY = "amoeba-development-key-not-secret"
MIN_SECRET_LENGTH = 32
ENVIRONMENTS = ("development", "production")
SETTINGS_CONFIG_KEY = "AMOEBA_SETTINGS"
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _bool(name: str, raw: str) -> bool:
    value = raw.strip().lower()
    if value in _TRUE | _FALSE:
        return value in _TRUE
    raise SystemExit(f"{name}={raw!r} is not a yes/no value (use 1/0, true/false, on/off)")


def _int(name: str, raw: str, low: int, high: int) -> int:
    try:
        value = int(raw.strip())
    except ValueError:
        raise SystemExit(f"{name}={raw!r} is not a whole number") from None
    if not low <= value <= high:
        raise SystemExit(f"{name}={value} is outside {low}..{high}")
    return value


def _default_urls() -> tuple[str, str]:
    # Imported here so that reading settings never opens a store, and tests can run before the
    # store module is configured.
    from data import store

    return store.default_url(), store.default_state_url()


@dataclass(frozen=True)
class Settings:
    """Everything the app reads from its environment, validated."""

    database_url: str
    state_database_url: str
    host: str = "127.0.0.1"
    port: int = 8050
    secret_key: str = field(default=DEV_SECRET_KEY, repr=False)
    env: str = "development"
    debug: bool = False
    cache_type: str = "SimpleCache"
    cache_redis_url: str | None = field(default=None, repr=False)
    cache_default_timeout: int = 300

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read the variables in the module docstring; bad values exit with a clear message."""
        env = os.environ if environ is None else environ
        db_url, state_url = env.get("DATABASE_URL"), env.get("STATE_DATABASE_URL")
        if not db_url or not state_url:
            default_db, default_state = _default_urls()
            db_url, state_url = db_url or default_db, state_url or default_state
        mode = env.get("AMOEBA_ENV", "development").strip().lower() or "development"
        if mode not in ENVIRONMENTS:
            raise SystemExit(f"AMOEBA_ENV={mode!r}: use development or production")
        return cls(
            database_url=db_url,
            state_database_url=state_url,
            host=env.get("HOST", "127.0.0.1").strip() or "127.0.0.1",
            port=_int("PORT", env.get("PORT", "8050"), 1, 65535),
            secret_key=env.get("SECRET_KEY", DEV_SECRET_KEY),
            env=mode,
            debug=_bool("DEBUG", env.get("DEBUG", "0")),
            cache_type=env.get("CACHE_TYPE", "SimpleCache").strip() or "SimpleCache",
            cache_redis_url=env.get("CACHE_REDIS_URL") or None,
            cache_default_timeout=_int(
                "CACHE_DEFAULT_TIMEOUT", env.get("CACHE_DEFAULT_TIMEOUT", "300"), 0, 10**7
            ),
        )

    @property
    def is_production(self) -> bool:
        """True when AMOEBA_ENV=production."""
        return self.env == "production"

    def problems(self) -> list[str]:
        """What is unsafe to serve to real users (empty when all is well)."""
        found = []
        key = self.secret_key.strip()
        if not key or key == DEV_SECRET_KEY:
            found.append("SECRET_KEY is empty or the development default")
        elif len(key) < MIN_SECRET_LENGTH:
            found.append(f"SECRET_KEY is shorter than {MIN_SECRET_LENGTH} characters")
        if self.debug:
            found.append("DEBUG is on")
        if self.cache_type == "RedisCache" and not self.cache_redis_url:
            found.append("CACHE_TYPE=RedisCache needs CACHE_REDIS_URL")
        return found

    def check_startup(self) -> None:
        """Refuse to start in production with unsafe settings; in development, warn."""
        found = self.problems()
        if found and self.is_production:
            raise SystemExit("refusing to start in production: " + "; ".join(found))
        for problem in found:
            log.warning("development mode: %s (not allowed in production)", problem)

    def cache_config(self) -> dict[str, Any]:
        """The flask-caching configuration these settings describe."""
        config: dict[str, Any] = {
            "CACHE_TYPE": self.cache_type,
            "CACHE_DEFAULT_TIMEOUT": self.cache_default_timeout,
            "CACHE_KEY_PREFIX": "amoeba:",
        }
        if self.cache_redis_url:
            config["CACHE_REDIS_URL"] = self.cache_redis_url
        return config


# ---- runtime: what callbacks reach through the running app ---------------------------------

# One flask-caching object, bound to the Flask server by app.create_app (init_app).
cache = Cache()


def current_settings() -> Settings:
    """The settings of the running app (inside a request), else those of the environment."""
    if has_app_context():
        settings = current_app.config.get(SETTINGS_CONFIG_KEY)
        if isinstance(settings, Settings):
            return settings
    return Settings.from_env()


@lru_cache(maxsize=8)
def _reader(url: str) -> Engine:
    from data import store

    return store.reader_engine(url)


def facts_engine() -> Engine:
    """The read-only engine of the facts store of the running app (one per URL, reused)."""
    return _reader(current_settings().database_url)


def masked_url(url: str) -> str:
    """A database URL safe to show: the password replaced by ***."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # a malformed URL is still shown, minus anything after the scheme
        return url.split("://", 1)[0] + "://…"
