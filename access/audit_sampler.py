"""Anonymous refusals are sampled into the audit log, so a flood cannot flood the table.

Every refusal of a signed-in user is written as it happens (it names a person). Anonymous ones
(no session, a locked login) come by the thousand from scanners and scripts: per (reason,
client address) only the first of each `WINDOW` is written at once (with its path); the
others are counted in memory and written as one summary row (`detail` "+N more in 60 s") when
that key is next seen after its window, or when any later request passes the gate
(`flush_due`). So the table grows by at most two rows per key and window, and the counts add up. Distinct keys per
window are capped (`MAX_KEYS`); beyond it, refusals share one key per reason (address "*").
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Engine

from data.state_audit import record_denial

log = logging.getLogger(__name__)
WINDOW = 60.0
MAX_KEYS = 200


@dataclass
class _Bucket:
    started: float
    engine: Engine
    path: str
    suppressed: int = 0


@dataclass
class Sampler:
    """Per-process sampler (each web worker has its own; the table bound is per worker)."""

    clock: Callable[[], float] = time.monotonic
    window: float = WINDOW
    _buckets: dict[tuple[str, str, str], _Bucket] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, engine: Engine, reason: str, address: str | None, path: str,
               detail: str = "") -> bool:
        """Count one anonymous refusal; returns True when it was written as a row."""
        now = self.clock()
        key = (str(engine.url), reason, address or "?")  # one store's keys never mix with another's
        with self._lock:
            if key not in self._buckets and len(self._buckets) >= MAX_KEYS:
                key = (key[0], reason, "*")
            bucket = self._buckets.get(key)
            if bucket is not None and now - bucket.started < self.window:
                bucket.suppressed += 1
                return False
            old = self._buckets.pop(key, None)
            self._buckets[key] = _Bucket(now, engine, path)
        if old is not None:
            self._summary(old, key)
        _write(engine, reason, path, f"ip={key[2]} {detail}".strip())
        return True

    def flush_due(self, force: bool = False) -> int:
        """Write the summaries of windows that are over (all of them with `force`)."""
        now = self.clock()
        with self._lock:
            due = [(k, b) for k, b in self._buckets.items()
                   if force or now - b.started >= self.window]
            for k, _ in due:
                del self._buckets[k]
        for key, bucket in due:
            self._summary(bucket, key)
        return len(due)

    def _summary(self, bucket: _Bucket, key: tuple[str, str, str]) -> None:
        if bucket.suppressed:
            _write(bucket.engine, key[1], bucket.path,
                   f"ip={key[2]} +{bucket.suppressed} more in {int(self.window)} s")


def _write(engine: Engine, reason: str, path: str, detail: str) -> None:
    try:
        record_denial(engine, None, path, reason, detail)
    except Exception:  # the refusal stands even if the audit table cannot be written
        log.exception("could not write the audit log")


SAMPLER = Sampler()
