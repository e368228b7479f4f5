"""Command line: `python -m alerts run --db URL [--state-db URL] [--as-of YYYY-MM-DD]`.

Evaluates the rules and stores new alerts; prints one line per new alert and a count. Run it
after each import, e.g. cron: `30 6 * * * cd /srv/amoeba && .venv/bin/python -m alerts run`.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date

from data.org import latest_day
from data.state import state_engine
from data.store import database_url, default_state_url, reader_engine


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments and run the command; return the exit code."""
    ap = argparse.ArgumentParser(prog="python -m alerts", description="预警: evaluate alert rules")
    sub = ap.add_subparsers(dest="cmd", required=True)
    run_p = sub.add_parser("run", help="evaluate the rules and store new alerts")
    run_p.add_argument("--db", default=None, help="facts store URL (default: AMOEBA_DATABASE_URL)")
    run_p.add_argument("--state-db", default=None,
                       help="state store URL (default: STATE_DATABASE_URL or var/state.sqlite)")
    run_p.add_argument("--as-of", default=None, help="YYYY-MM-DD (default: the last day with sales)")
    args = ap.parse_args(argv)
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
    added = run(engine, state_engine(args.state_db or os.environ.get("STATE_DATABASE_URL") or default_state_url()), as_of)
    for a in added:
        print(f"[{a.severity}] {a.key}  {a.message_zh}")
    print(f"{len(added)} new alert(s) for {as_of.isoformat()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
