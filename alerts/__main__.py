"""Command line: `python -m alerts run --db URL [--state-db URL] [--as-of YYYY-MM-DD]` and
`python -m alerts send --recipients FILE --date YYYY-MM-DD [--smtp-host H --smtp-port P]`.

Evaluates the rules and stores new alerts; prints one line per new alert and a count. Run it
after each import, e.g. cron: `30 6 * * * cd /srv/amoeba && .venv/bin/python -m alerts run`.
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


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments and run the command; return the exit code."""
    ap = argparse.ArgumentParser(prog="python -m alerts", description="预警: evaluate alert rules")
    sub = ap.add_subparsers(dest="cmd", required=True)
    run_p = sub.add_parser("run", help="evaluate the rules and store new alerts")
    run_p.add_argument("--db", default=None, help="facts store URL (default: AMOEBA_DATABASE_URL)")
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
    args = ap.parse_args(argv)
    if args.cmd == "send":
        return _send(args)
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
