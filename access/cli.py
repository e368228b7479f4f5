"""`python -m access`: create users, change their scope, disable them, list them.

    python -m access create-user NAME --role team_leader --scope team:T01 [--pii] [--password-stdin]
    python -m access set-scope NAME --scope team:T02 [--role city_manager] [--pii | --no-pii]
    python -m access disable NAME      (ends their sessions at once; `enable NAME` undoes it)
    python -m access list

The state store is `STATE_DATABASE_URL` (see settings.py). Without --password-stdin the
password is asked twice on the terminal; it never appears on the command line.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from sqlalchemy import Engine

from access import users
from access.roles import ROLES
from data.state import ensure_state_schema, state_engine


def _engine() -> Engine:
    from settings import Settings

    engine = state_engine(Settings.from_env().state_database_url)
    ensure_state_schema(engine)
    return engine


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("password: ")
    if first != getpass.getpass("again: "):
        raise users.UserError("the two passwords differ")
    return first


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m access", description="Manage Amoeba Board users.")
    sub = p.add_subparsers(dest="command", required=True)
    c = sub.add_parser("create-user", help="add a user")
    c.add_argument("name")
    c.add_argument("--role", required=True, choices=sorted(ROLES))
    c.add_argument("--scope", default="", help="province | city:FZ | team:T01 | station:S007")
    c.add_argument("--pii", action="store_true", help="may see customer names and phones")
    c.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    s = sub.add_parser("set-scope", help="change a user's scope (and role, pii)")
    s.add_argument("name")
    s.add_argument("--scope", required=True)
    s.add_argument("--role", choices=sorted(ROLES))
    s.add_argument("--pii", action=argparse.BooleanOptionalAction, default=None)
    for name, text in (("disable", "disable a user"), ("enable", "enable a user again")):
        sub.add_parser(name, help=text).add_argument("name")
    sub.add_parser("list", help="list users")
    return p


def _describe(u: users.User) -> str:
    flags = [f for f, on in (("pii", u.pii), ("disabled", u.disabled)) if on]
    return f"{u.user_id}\t{u.role}\t{u.scope_text or '-'}\t{','.join(flags)}"


def run(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit code (2 on a refused request, with the reason)."""
    args = _parser().parse_args(argv)
    engine = _engine()
    try:
        if args.command == "create-user":
            scope = args.scope or ("province" if args.role == "wall" else "")
            user = users.create_user(engine, args.name, _password(args.password_stdin),
                                     args.role, scope, args.pii)
        elif args.command == "set-scope":
            user = users.set_scope(engine, args.name, args.scope, args.role, args.pii)
        elif args.command in ("disable", "enable"):
            user = users.set_disabled(engine, args.name, args.command == "disable")
        else:
            for u in users.list_users(engine):
                print(_describe(u))
            return 0
    except users.UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(_describe(user))
    return 0
