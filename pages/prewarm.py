"""Warm the board cache after each import, so the morning's first look is not the slow one.

A cold team board costs seconds of evaluation (6 s on the default demo, 8 s at 50M fuel rows);
a cached one draws in about a second. Imports publish a new data version, which empties every
cache entry at once, so without this the first person to open each board after the nightly
import pays the whole cost. A daemon thread in the web process watches the data version and, when
it changes, computes the default board view (the latest month to date, the entity the board opens
on) for every distinct scope of the enabled users; in open development access, for the whole
province. The views are computed exactly as the board page asks for them (same selection, same
cache keys, drawn in the default language as the load callback answers), so the first visit is
a cache hit. The watcher's first look is at start-up, so a server restarted on an existing store
warms it too. A visitor who arrives while a view is being warmed waits for it rather than
computing it a second time (pages/cache.py). `AMOEBA_PREWARM=0` turns it off.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from sqlalchemy import Engine

from access.users import warm_scopes
from components.i18n import DEFAULT_LANG
from data.scope import Scope
from data.store import data_version
from pages.board_data import entities, latest
from pages.board_drawn import drawn_view
from pages.board_params import resolve

log = logging.getLogger(__name__)


def warm_boards(engine: Engine, scopes: list[Scope]) -> int:
    """Compute (and so cache) each scope's default board view; returns how many were computed."""
    version = data_version(engine)
    last = latest(engine, version)
    if last is None:
        return 0
    done = 0
    for scope in scopes:
        sel = resolve({}, entities(engine, scope, version), last)
        if sel.entity is None or sel.period is None:
            continue
        drawn_view(engine, scope, sel.entity, sel.period, sel.as_of, DEFAULT_LANG, False,
                   version)
        done += 1
    return done


def start(server: Any, interval: float = 30.0) -> threading.Thread:
    """Start the watcher thread for a Flask server built by `app.create_app`."""
    thread = threading.Thread(target=_watch, args=(server, interval), name="board-prewarm",
                              daemon=True)
    thread.start()
    return thread


def _watch(server: Any, interval: float) -> None:
    seen = ""
    while True:
        try:
            seen = _warm_if_new(server, seen)
        except Exception:  # a failing warm-up must never take the web process down
            log.exception("prewarm: warming the boards failed")
        time.sleep(interval)


def _warm_if_new(server: Any, seen: str) -> str:
    from settings import current_settings, facts_engine

    with server.app_context():
        engine = facts_engine()
        version = data_version(engine)
        if not version or version == seen:
            return seen
        started = time.perf_counter()
        settings = current_settings()
        scopes = warm_scopes(bool(server.config.get("AMOEBA_OPEN_ACCESS")),
                             settings.state_database_url)
        done = warm_boards(engine, scopes)
        log.info("prewarm: %d board views for data version %s in %.1f s", done, version,
                 time.perf_counter() - started)
        return version
