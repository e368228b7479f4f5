"""`python -m access …`: see access/cli.py."""

from access.cli import run

raise SystemExit(run())
