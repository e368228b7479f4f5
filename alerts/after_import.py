"""Alerts after each import: `python -m data import` calls `evaluate_after_import` once the
import is published. It evaluates the rules for the new data (as-of = the last data day) into
the state store and tells the configured recipients about the alerts that are new.

A failure here never fails the import (the data is already published): it is logged with its
traceback, returned in `AfterImport.error` and printed by the import command.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine

from alerts.deliver import Outcome
from data.state_alerts import NewAlert

log = logging.getLogger("alerts.after_import")


@dataclass
class AfterImport:
    """What the evaluation after an import did."""

    as_of: date | None = None
    added: int = 0
    deliveries: list[Outcome] = field(default_factory=list)
    skipped: str | None = None
    error: str | None = None

    def lines(self) -> list[str]:
        """One line for the evaluation, one per failed delivery, one for an error."""
        if self.skipped:
            return [f"alerts: not evaluated ({self.skipped})"]
        out = []
        if self.as_of is not None:
            sent = sum(o.ok for o in self.deliveries)
            out.append(f"alerts: {self.added} new alert(s) for {self.as_of.isoformat()}, "
                       f"{sent} of {len(self.deliveries)} message(s) delivered")  # fmt: skip
        out += [f"alerts: delivery to {o.recipient} by {o.channel} FAILED after {o.attempts} "
                "attempt(s) (logged)" for o in self.deliveries if not o.ok]  # fmt: skip
        if self.error:
            out.append(f"alerts: FAILED ({self.error}); the import itself is published")
        return out


def evaluate_after_import(facts_url: str, state_url: str | None = None, *,
                          tries: int = 4, backoff: float = 1.0) -> AfterImport:  # fmt: skip
    """Evaluate the rules on the last data day of `facts_url`, store new alerts, deliver them
    when `AMOEBA_ALERT_RECIPIENTS` names the recipients. Never raises."""
    from alerts.config import after_import_enabled, delivery_from_env, state_url_from_env

    out = AfterImport(skipped=None if state_url else after_import_enabled(facts_url))
    if out.skipped:
        return out
    try:
        added, state = _evaluate(facts_url, state_url or state_url_from_env(), out)
        out.added = len(added)
        delivery = delivery_from_env()
        if delivery is not None and added:
            from alerts.deliver import deliver_new

            out.deliveries = deliver_new(state, delivery.recipients, added, delivery.smtp,
                                         tries, backoff)  # fmt: skip
    except Exception as err:  # noqa: BLE001 - any failure is reported, the import stands
        log.exception("alert evaluation after import failed")
        out.error = f"{type(err).__name__}: {err}"
    return out


def _evaluate(facts_url: str, state_url: str, out: AfterImport) -> tuple[list[NewAlert], Engine]:
    """Store the alerts of the last data day (set on `out`); (new alerts, state engine)."""
    from alerts.evaluate import run
    from data.org import latest_day
    from data.state import state_engine
    from data.store import reader_engine

    facts = reader_engine(facts_url)
    out.as_of = latest_day(facts)
    state = state_engine(state_url)
    if out.as_of is None:
        return [], state
    added = run(facts, state, out.as_of)
    log.info("alerts after import: %d new for %s", len(added), out.as_of)
    return added, state
