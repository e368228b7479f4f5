"""The daily digest on a schedule: `python -m alerts schedule` is a small long-running process
that sends every recipient the digest of the alerts of the last data day at a fixed local time
(`AMOEBA_DIGEST_AT`, default 07:30, in `AMOEBA_DIGEST_TZ`, default Asia/Shanghai).

- Each run is logged (who got what, what failed); an exception in a run is logged with its
  traceback and the scheduler carries on to the next day.
- A digest already delivered for that day on a channel is not sent again, so a restart, a
  second run or a cron job beside it sends no duplicates (the delivery log decides).
- `--once` runs the digest now and exits: that is the cron / systemd-timer form (README).
"""

from __future__ import annotations

import logging
import time as _time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from alerts.config import Delivery
from alerts.deliver import Outcome, deliver_digests

log = logging.getLogger("alerts.schedule")
MAX_NAP = 300.0  # seconds: wake up at least this often, so a changed clock is noticed


def parse_at(text: str) -> time:
    """'HH:MM' (24 h) → time; ValueError otherwise."""
    try:
        hh, mm = text.strip().split(":")
        return time(int(hh), int(mm))
    except ValueError:
        raise ValueError(f"digest time must be HH:MM (24 h), not {text!r}") from None


def next_run(now: datetime, at: time, tz: ZoneInfo) -> datetime:
    """The first moment after `now` (aware) whose local time in `tz` is `at`, as an aware UTC
    datetime. A wall time inside a DST gap is read with the offset before the jump (02:30 in a
    02:00 → 03:00 gap runs at 03:30 summer time), so the run is late that day, never skipped."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    local_day = now.astimezone(tz).date()
    for offset in range(3):
        wall = datetime.combine(local_day + timedelta(days=offset), at, tzinfo=tz)
        moment = wall.astimezone(UTC)  # fold=0: a gap's wall time maps past the jump
        if moment > now:
            return moment
    raise AssertionError("unreachable: a local time recurs within three days")


@dataclass(frozen=True)
class DigestJob:
    """One digest run: the alerts of the facts store's last data day, to every recipient."""

    facts_url: str
    state_url: str
    delivery: Delivery
    evaluate: bool = False  # evaluate the rules first (when imports do not run the hook)
    tries: int = 4
    backoff: float = 1.0

    def __call__(self) -> list[Outcome]:
        """Run once; returns the delivery outcomes (empty when there is no data)."""
        from data.org import latest_day
        from data.state import ensure_state_schema, state_engine
        from data.store import reader_engine

        facts, state = reader_engine(self.facts_url), state_engine(self.state_url)
        day = latest_day(facts)
        if day is None:
            log.warning("digest: the facts store holds no sales, nothing to send")
            return []
        ensure_state_schema(state)
        if self.evaluate:
            from alerts.evaluate import run

            log.info("digest: %d new alert(s) for %s", len(run(facts, state, day)), day)
        out = deliver_digests(state, self.delivery.recipients, day, self.delivery.smtp,
                              self.tries, self.backoff, skip_sent=True)  # fmt: skip
        _log_outcomes(day, out)
        return out


def _log_outcomes(day: date, out: list[Outcome]) -> None:
    for o in out:
        (log.info if o.ok else log.error)(
            "digest %s to %s by %s: %s, %d alert(s), %d attempt(s)", day, o.recipient, o.channel,
            "sent" if o.ok else "FAILED", o.alert_count, o.attempts)  # fmt: skip
    log.info("digest %s: %d sent, %d failed", day, sum(o.ok for o in out),
             sum(not o.ok for o in out))  # fmt: skip


def serve(job: Callable[[], object], at: time, tz: ZoneInfo, *,
          now: Callable[[], datetime] = lambda: datetime.now(UTC),
          sleep: Callable[[float], None] = _time.sleep, max_runs: int | None = None) -> int:  # fmt: skip
    """Run `job` every day at local `at` in `tz` until stopped (or `max_runs` runs); a failing
    run is logged and the next one still happens. Returns the number of runs."""
    runs = 0
    while max_runs is None or runs < max_runs:
        due = next_run(now(), at, tz)
        log.info("next digest at %s (%s)", due.astimezone(tz).isoformat(), tz.key)
        while (left := (due - now()).total_seconds()) > 0:
            sleep(min(left, MAX_NAP))
        try:
            job()
        except Exception:  # noqa: BLE001 - a long-running scheduler must survive any failure
            log.exception("digest run failed; the next one is still scheduled")
        runs += 1
    return runs
