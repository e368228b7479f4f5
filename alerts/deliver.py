"""Deliver each recipient a daily digest of the open alerts inside their scope.

Channels: a group-robot webhook (WeCom or DingTalk markdown JSON) and e-mail over SMTP (UTF-8).
Every attempt is written to the delivery log in the state store; a failed attempt is retried
with exponential backoff, and a delivery that still fails is logged as failed (never dropped).
"""

from __future__ import annotations

import functools
import json
import smtplib
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage

from sqlalchemy import Engine

from alerts.recipients import Recipient
from data.state_alerts import NewAlert, StoredAlert, delivered, list_alerts, log_delivery

SEVERITY_ZH = {"red": "🔴 红色", "yellow": "🟡 黄色"}


@dataclass(frozen=True)
class SmtpConfig:
    """Where e-mail goes out (a local relay by default)."""

    host: str = "localhost"
    port: int = 25
    sender: str = "amoeba-board@localhost"


@dataclass(frozen=True)
class Outcome:
    """How one channel of one recipient's digest went."""

    recipient: str
    channel: str
    ok: bool
    attempts: int
    alert_count: int


def digest_alerts(state: Engine, r: Recipient, day: date) -> list[StoredAlert]:
    """The open alerts of `day` inside the recipient's scope that their role hears."""
    rows = list_alerts(state, r.data_scope, state="open")
    return [a for a in rows if a.as_of == day and r.hears(a.audience)]


def digest_markdown(r: Recipient, day: date, items: list[StoredAlert]) -> tuple[str, str]:
    """(title, markdown body) of the digest."""
    title = f"预警日报 {day.isoformat()} · {r.name}"
    lines = [f"### {title}", f"共 {len(items)} 条未处理预警", ""]
    lines += [f"- **{SEVERITY_ZH.get(a.severity, a.severity)}** {a.message_zh}" for a in items]
    return title, "\n".join(lines)


def webhook_payload(kind: str, title: str, text: str) -> dict:
    """The JSON a WeCom or DingTalk group robot accepts for a markdown message."""
    if kind == "dingtalk":
        return {"msgtype": "markdown", "markdown": {"title": title, "text": text}}
    return {"msgtype": "markdown", "markdown": {"content": text}}


def post_webhook(url: str, payload: dict, timeout: float = 10.0) -> None:
    """POST the JSON; raise unless HTTP 2xx and the robot's errcode (when given) is 0."""
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    req = urllib.request.Request(url, data=body, method="POST",
                                 headers={"Content-Type": "application/json; charset=utf-8"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - configured URL
        answer = resp.read().decode("utf-8", "replace")
    try:
        code = json.loads(answer).get("errcode", 0) if answer.strip() else 0
    except (ValueError, AttributeError):
        code = 0  # a receiver that answers 2xx without JSON accepted the message
    if code != 0:
        raise RuntimeError(f"robot refused the message: {answer[:200]}")


def send_email(cfg: SmtpConfig, to: str, title: str, text: str, timeout: float = 10.0) -> None:
    """Send the digest as a UTF-8 plain-text e-mail."""
    msg = EmailMessage()
    msg["Subject"], msg["From"], msg["To"] = title, cfg.sender, to
    msg.set_content(text, charset="utf-8")
    with smtplib.SMTP(cfg.host, cfg.port, timeout=timeout) as smtp:
        smtp.send_message(msg)


def with_retry(state: Engine, r: Recipient, channel: str, day: date, count: int,
               send: Callable[[], None], tries: int, backoff: float,
               kind: str = "digest") -> Outcome:  # fmt: skip
    """Call `send` up to `tries` times (waiting backoff, 2·backoff, …), logging every attempt
    (the detail names the kind of message, "digest" or "new", and the error of a failure)."""
    for attempt in range(1, tries + 1):
        try:
            send()
        except (OSError, RuntimeError, smtplib.SMTPException, urllib.error.URLError) as err:
            log_delivery(state, recipient=r.name, channel=channel, digest_date=day,
                         alert_count=count, attempt=attempt, ok=False,
                         detail=f"{kind}: {type(err).__name__}: {err}")  # fmt: skip
            if attempt < tries:
                time.sleep(backoff * 2 ** (attempt - 1))
            continue
        log_delivery(state, recipient=r.name, channel=channel, digest_date=day,
                     alert_count=count, attempt=attempt, ok=True, detail=kind)  # fmt: skip
        return Outcome(r.name, channel, True, attempt, count)
    return Outcome(r.name, channel, False, tries, count)


@dataclass(frozen=True)
class Message:
    """One message to one recipient: what it is about and its text."""

    kind: str  # "digest" (the daily summary) or "new" (alerts found by the latest evaluation)
    day: date
    count: int
    title: str
    text: str


def send_message(state: Engine, r: Recipient, msg: Message, smtp: SmtpConfig | None,
                 tries: int, backoff: float, skip_sent: bool = False) -> list[Outcome]:  # fmt: skip
    """Send `msg` on each of the recipient's channels (retried, logged); with `skip_sent`, a
    channel that already delivered this kind and day is left out (no duplicate digests)."""
    sends: list[tuple[str, Callable[[], None]]] = []
    if r.webhook:
        payload = webhook_payload(r.webhook_kind, msg.title, msg.text)
        sends.append((r.webhook_kind, functools.partial(post_webhook, r.webhook, payload)))
    if r.email:
        sends.append(("email", functools.partial(send_email, smtp or SmtpConfig(), r.email,
                                                 msg.title, msg.text)))  # fmt: skip
    return [with_retry(state, r, channel, msg.day, msg.count, send, tries, backoff, msg.kind)
            for channel, send in sends
            if not (skip_sent and delivered(state, r.name, channel, msg.day, msg.kind))]


def deliver_digests(state: Engine, recipients: tuple[Recipient, ...], day: date,
                    smtp: SmtpConfig | None = None, tries: int = 4, backoff: float = 1.0,
                    skip_sent: bool = False) -> list[Outcome]:  # fmt: skip
    """Send every recipient with alerts on `day` their digest on each configured channel."""
    out: list[Outcome] = []
    for r in recipients:
        items = digest_alerts(state, r, day)
        if items:
            title, text = digest_markdown(r, day, items)
            out += send_message(state, r, Message("digest", day, len(items), title, text), smtp,
                                tries, backoff, skip_sent)  # fmt: skip
    return out


def new_alerts_markdown(r: Recipient, day: date, items: list[StoredAlert]) -> tuple[str, str]:
    """(title, markdown body) of the message about newly found alerts."""
    title = f"新预警 {day.isoformat()} · {r.name}"
    lines = [f"### {title}", f"新增 {len(items)} 条预警", ""]
    lines += [f"- **{SEVERITY_ZH.get(a.severity, a.severity)}** {a.message_zh}" for a in items]
    return title, "\n".join(lines)


def deliver_new(state: Engine, recipients: tuple[Recipient, ...], added: list[NewAlert],
                smtp: SmtpConfig | None = None, tries: int = 4,
                backoff: float = 1.0) -> list[Outcome]:  # fmt: skip
    """Tell every recipient at once about the alerts of `added` inside their scope that their
    role hears (scope read from the state store, as the digest does)."""
    if not added:
        return []
    keys = [a.key for a in added]
    day = max(a.as_of for a in added)
    out: list[Outcome] = []
    for r in recipients:
        items = [a for a in list_alerts(state, r.data_scope, keys=keys) if r.hears(a.audience)]
        if items:
            title, text = new_alerts_markdown(r, day, items)
            out += send_message(state, r, Message("new", day, len(items), title, text), smtp,
                                tries, backoff)  # fmt: skip
    return out
