"""The app under waitress on loopback for HTTP benchmarks, and a signed-in client.

Kept apart from `bench/load.py` (the access engineer's load test) so the two can change alone.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Client:
    """A signed-in browser session against `base`."""

    base: str
    s: requests.Session


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def first_ids(facts: str) -> dict[str, str]:
    """City, team and station of the first station (the ids the benchmark users get)."""
    from sqlalchemy import func, select

    from data.schema import stations
    from data.store import reader_engine

    with reader_engine(facts).connect() as conn:
        sid = conn.execute(select(func.min(stations.c.station_id))).scalar_one()
        row = conn.execute(select(stations.c.city_id, stations.c.team_id)
                           .where(stations.c.station_id == sid)).one()
    return {"city": row[0], "team": row[1], "station": sid}


def serve(facts: str, state: str, port: int, threads: int,
          connection_limit: int = 100) -> subprocess.Popen:  # fmt: skip
    """Start waitress serving `app.wsgi()` in a process of its own; wait until it answers."""
    # Development env: Secure cookies would need HTTPS, and this is loopback only.
    env = dict(os.environ, DATABASE_URL=facts, STATE_DATABASE_URL=state,
               AMOEBA_ENV="development", SECRET_KEY=secrets.token_hex(32))
    code = (f"import waitress, app; waitress.serve(app.wsgi(), host='127.0.0.1', port={port}, "
            f"threads={threads}, connection_limit={connection_limit}, _quiet=True)")
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env)
    for _ in range(600):
        try:
            requests.get(f"http://127.0.0.1:{port}/login", timeout=2)
            return proc
        except requests.ConnectionError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start")


def login(base: str, user: str, password: str) -> Client:
    """Sign in through the real login form (CSRF token from the page)."""
    s = requests.Session()
    page = s.get(base + "/login", timeout=60).text
    token = page.split('name="csrf" value="')[1].split('"')[0]
    r = s.post(base + "/login", data={"csrf": token, "user": user, "password": password},
               allow_redirects=False, timeout=60)
    if r.status_code != 302:
        raise RuntimeError(f"login of {user} failed: HTTP {r.status_code}")
    return Client(base, s)
