"""The one cache helper of the pages: results keyed by request + scope + data version.

Every page that computes from the facts store caches through `cached`. The full key is
`amoeba:<data version>:<scope key>:<request key>`:

- the **data version** (`data.store.data_version`, the last published import) makes a publish
  invalidate everything at once, in every worker sharing the cache (Redis);
- the **scope key** keeps one user's numbers (and masked or unmasked names) from another scope;
  callers that already put `scope.key()` in their request key may omit `scope`;
- the **request key** is whatever identifies the view (entity, period, as-of, options).

A store without bookkeeping (a hand-made test store) has no version: nothing is cached, so a
change can never be served stale. Outside a Flask app context (CLI, tests) `compute()` just runs.
Entries live `CACHE_SECONDS` unless the caller says otherwise: the data version already keeps
them from going stale, the timeout only bounds memory (the board used 600 s before this helper).

One computation per key: callers that miss while another caller is computing the same key wait
for its result instead of computing it again (the prewarm thread and the first visitor after an
import, two people opening the same board, a double click). The claim is the cache's own atomic
`add` (Redis SET NX across workers, a lock in SimpleCache), so it holds across processes too.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Engine

log = logging.getLogger(__name__)
T = TypeVar("T")
PREFIX = "amoeba"
CACHE_SECONDS = 600
# A claim outlives any sane computation (a cold 50M board under load is ~30 s); a claimer that
# died leaves it to expire, and then waiters compute for themselves.
CLAIM_SECONDS = 300
POLL_SECONDS = 0.05


def app_cache() -> Any:
    """The app's flask-caching object, or None outside a running app."""
    from flask import has_app_context

    from settings import cache

    return cache if has_app_context() else None


def version_of(engine: Engine) -> str:
    """The store's data version; "" (never cache) when the store has no bookkeeping table."""
    from data.store import data_version

    try:
        return data_version(engine)
    except Exception:  # noqa: BLE001 - a hand-made store: caching must fail safe, not loudly
        log.warning("no data version; results are not cached")
        return ""


def full_key(key: str, version: str, scope: Any = None) -> str:
    """The cache key of one request under one data version and scope."""
    scope_key = scope.key() if scope is not None else "-"
    return f"{PREFIX}:{version}:{scope_key}:{key}"


def cached(key: str, engine: Engine, compute: Callable[[], T], *, scope: Any = None,
           version: str | None = None, timeout: int = CACHE_SECONDS) -> T:
    """`compute()` through the app cache under request `key`, `scope` and the data version.

    Pass `version` when the caller already read it (so key and content agree even if a
    publish happens in between). `None` results are not cached (flask-caching cannot tell
    them from a miss).
    """
    version = version_of(engine) if version is None else version
    cache = app_cache() if version else None
    if cache is None:
        return compute()
    full = full_key(key, version, scope)
    hit = cache.get(full)
    if hit is not None:
        return hit
    return _compute_once(cache, full, compute, timeout)


def _claim(cache: Any, full: str) -> Any:
    """Wait until this caller holds the claim on computing `full` (returns None), or until the
    claimer's result arrives (returns it)."""
    deadline = time.monotonic() + CLAIM_SECONDS
    while not cache.add(f"{full}:computing", 1, timeout=CLAIM_SECONDS):
        if time.monotonic() > deadline:  # a stuck claim: compute rather than hang the page
            return None
        time.sleep(POLL_SECONDS)
        hit = cache.get(full)
        if hit is not None:
            return hit
    return None


def _compute_once(cache: Any, full: str, compute: Callable[[], T], timeout: int) -> T:
    """Compute and store `full`, or wait for the caller already computing it."""
    hit = _claim(cache, full)
    if hit is not None:
        return hit
    try:
        hit = cache.get(full)  # stored between our miss and our claim
        if hit is not None:
            return hit
        value = compute()
        if value is not None:
            cache.set(full, value, timeout=timeout)
        return value
    finally:
        cache.delete(f"{full}:computing")
