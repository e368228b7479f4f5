"""Command line of the alerts:

    python -m alerts run --db URL [--state-db URL] [--as-of YYYY-MM-DD]
    python -m alerts send --recipients FILE --date YYYY-MM-DD [--smtp-host H --smtp-port P]
    python -m alerts schedule [--at HH:MM] [--tz ZONE] [--recipients FILE] [--once] [--evaluate]

`run` evaluates the rules and stores new alerts, printing one line per new alert and a count
(`python -m data import` already does this after each import). `send` sends one day's digest.
`schedule` sends the daily digest at a local time, for ever (or `--once`, for cron); settings
default to the environment (alerts/config.py).
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from data.org import latest_day
from data.state import state_engine
from data.store import database_url, default_state_url, reader_engine


def _state(args: argparse.Namespace):  # noqa: ANN202 - an Engine
    return state_engine(args.state_db or os.environ.get("STATE_DATABASE_URL") or default_state_url())


def _send(args: argparse.Namespace) -> int:
    from alerts.deliver import SmtpConfig, deliver_digests
    from alerts.recipients import load_recipients

    smtp = SmtpConfig(args.smtp_host, args.smtp_port, args.sender)
    out = deliver_digests(_state(args), load_recipients(Path(args.recipients)),
                          date.fromisoformat(args.date), smtp=smtp)  # fmt: skip
    for o in out:
        print(f"{'ok' if o.ok else 'FAILED'} {o.recipient} {o.channel} {o.alert_count} alert(s), "
              f"{o.attempts} attempt(s)")  # fmt: skip
    return 0 if all(o.ok for o in out) else 1


def _schedule(args: argparse.Namespace) -> int:
    import logging
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from alerts.config import DEFAULT_DIGEST_AT, DEFAULT_DIGEST_TZ, Delivery, smtp_from_env
    from alerts.recipients import load_recipients
    from alerts.rules import RuleError
    from alerts.schedule import DigestJob, parse_at, serve

    logging.basicConfig(level=logging.INFO, filename=args.log,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")  # fmt: skip
    path = args.recipients or os.environ.get("AMOEBA_ALERT_RECIPIENTS")
    try:
        at = parse_at(args.at or os.environ.get("AMOEBA_DIGEST_AT") or DEFAULT_DIGEST_AT)
        tz = ZoneInfo(args.tz or os.environ.get("AMOEBA_DIGEST_TZ") or DEFAULT_DIGEST_TZ)
        if not path:
            raise ValueError("no recipients: pass --recipients or set AMOEBA_ALERT_RECIPIENTS")
        delivery = Delivery(load_recipients(Path(path)), smtp_from_env())
    except (ValueError, RuleError, OSError, ZoneInfoNotFoundError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    state_url = args.state_db or os.environ.get("STATE_DATABASE_URL") or default_state_url()
    job = DigestJob(args.db or database_url(), state_url, delivery, evaluate=args.evaluate)
    if args.once:
        return 0 if all(o.ok for o in job()) else 1
    serve(job, at, tz)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments and run the command; return the exit code."""
    ap = argparse.ArgumentParser(prog="python -m alerts", description="预警: evaluate alert rules")
    sub = ap.add_subparsers(dest="cmd", required=True)
    run_p = sub.add_parser("run", help="evaluate the rules and store new alerts")
    run_p.add_argument("--db", default=None, help="facts store URL (default: DATABASE_URL)")
    run_p.add_argument("--state-db", default=None,
                       help="state store URL (default: STATE_DATABASE_URL or var/state.sqlite)")
    run_p.add_argument("--as-of", default=None, help="YYYY-MM-DD (default: the last day with sales)")
    send_p = sub.add_parser("send", help="send each recipient the digest of one day's alerts")
    send_p.add_argument("--recipients", required=True, help="recipients YAML (alerts/recipients.py)")
    send_p.add_argument("--state-db", default=None)
    send_p.add_argument("--date", required=True, help="YYYY-MM-DD: the alerts' as-of day")
    send_p.add_argument("--smtp-host", default="localhost")
    send_p.add_argument("--smtp-port", type=int, default=25)
    send_p.add_argument("--sender", default="amoeba-board@localhost")
    sched = sub.add_parser("schedule", help="send the daily digest at a local time (long-running)")
    sched.add_argument("--db", default=None, help="facts store URL (default: DATABASE_URL)")
    sched.add_argument("--state-db", default=None)
    sched.add_argument("--recipients", default=None, help="default: AMOEBA_ALERT_RECIPIENTS")
    sched.add_argument("--at", default=None, help="HH:MM local time (default: AMOEBA_DIGEST_AT or 07:30)")
    sched.add_argument("--tz", default=None, help="time zone (default: AMOEBA_DIGEST_TZ or Asia/Shanghai)")
    sched.add_argument("--once", action="store_true", help="send the digest now and exit (cron)")
    sched.add_argument("--evaluate", action="store_true", help="evaluate the rules before sending")
    sched.add_argument("--log", default=None, help="log file (default: standard error)")
    args = ap.parse_args(argv)
    if args.cmd == "send":
        return _send(args)
    if args.cmd == "schedule":
        return _schedule(args)
    from alerts.evaluate import run

    engine = reader_engine(args.db or database_url())
    try:
        as_of = date.fromisoformat(args.as_of) if args.as_of else latest_day(engine)
    except ValueError:
        print(f"bad --as-of {args.as_of!r}: use YYYY-MM-DD", file=sys.stderr)
        return 2
    if as_of is None:
        print("the store holds no sales: nothing to evaluate", file=sys.stderr)
        return 1
    added = run(engine, _state(args), as_of)
    for a in added:
        print(f"[{a.severity}] {a.key}  {a.message_zh}")
    print(f"{len(added)} new alert(s) for {as_of.isoformat()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
