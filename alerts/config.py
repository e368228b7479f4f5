"""Where alerts go, from the environment (the import hook and the scheduler read the same).

| variable | default | meaning |
|---|---|---|
| `AMOEBA_ALERT_RECIPIENTS` | — (no delivery) | recipients YAML (alerts/recipients.py) |
| `AMOEBA_SMTP_HOST`, `AMOEBA_SMTP_PORT` | `localhost`, `25` | SMTP relay for e-mail |
| `AMOEBA_SMTP_SENDER` | `amoeba-board@localhost` | From: of the e-mails |
| `AMOEBA_DIGEST_AT` | `07:30` | local time of the daily digest (HH:MM) |
| `AMOEBA_DIGEST_TZ` | `Asia/Shanghai` | the digest's time zone |
| `AMOEBA_ALERTS_AFTER_IMPORT` | `1` | `0`: `python -m data import` does not evaluate alerts |
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from alerts.deliver import SmtpConfig
from alerts.recipients import Recipient, load_recipients

DEFAULT_DIGEST_AT = "07:30"
DEFAULT_DIGEST_TZ = "Asia/Shanghai"


@dataclass(frozen=True)
class Delivery:
    """Who is told and through which SMTP relay."""

    recipients: tuple[Recipient, ...]
    smtp: SmtpConfig


def smtp_from_env(env: Mapping[str, str] = os.environ) -> SmtpConfig:
    """The SMTP relay of the environment (a local relay by default)."""
    return SmtpConfig(env.get("AMOEBA_SMTP_HOST") or "localhost",
                      int(env.get("AMOEBA_SMTP_PORT") or 25),
                      env.get("AMOEBA_SMTP_SENDER") or "amoeba-board@localhost")  # fmt: skip


def delivery_from_env(env: Mapping[str, str] = os.environ) -> Delivery | None:
    """The configured delivery, or None when no recipients file is named (RuleError for a bad
    file, ValueError for a bad port)."""
    path = env.get("AMOEBA_ALERT_RECIPIENTS")
    if not path:
        return None
    return Delivery(load_recipients(Path(path)), smtp_from_env(env))


def state_url_from_env(env: Mapping[str, str] = os.environ) -> str:
    """The state store: `STATE_DATABASE_URL`, else the default SQLite file under var/."""
    from data.store import default_state_url

    return env.get("STATE_DATABASE_URL") or default_state_url()


def after_import_enabled(facts_url: str, env: Mapping[str, str] = os.environ) -> str | None:
    """None when alerts are evaluated after importing into `facts_url`, else why not.

    The state store must be the facts store's partner: `STATE_DATABASE_URL` set, or both the
    defaults. An import into some other `--db` would otherwise write its alerts beside the
    default store's (same keys, other data), so it is skipped with a message instead."""
    from data.store import default_url

    if (env.get("AMOEBA_ALERTS_AFTER_IMPORT") or "1").strip().lower() in ("0", "no", "off", "false"):
        return "AMOEBA_ALERTS_AFTER_IMPORT=0"
    if not env.get("STATE_DATABASE_URL") and facts_url != default_url():
        return "set STATE_DATABASE_URL to evaluate alerts after importing into this store"
    return None
