"""Load test (issue 9 "Faults and load"; run by hand, not in the suite).

Serves the app with waitress on loopback (production settings, a temporary state store with
one user per role) and runs N simulated users for D seconds, each signed in through the real
login form and repeating what a person does: the board of their entity, a ranking, an
organisation drill-down. Prints p50/p95/max latency, throughput and errors per callback kind.

    .venv/bin/python bench/load.py --facts duckdb:///var/amoeba.duckdb --users 50 --seconds 60
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.access.harness import base_values, harvest, payload, server_deps  # noqa: E402

PASSWORD = "load-test-password"
# (user, role, scope): the mix of people; 50 users cycle through it.
PEOPLE = [("prov", "province_analyst", "province"), ("city", "city_manager", "city:{city}"),
          ("team", "team_leader", "team:{team}"), ("team2", "team_leader", "team:{team}"),
          ("station", "station_manager", "station:{station}")]
SCENARIOS = {"board": "board-data.data", "rankings": "..rank-data.data...rank-url.data..",
             "drill": "..org-crumbs.children...org-header.children...org-body.children...org-url.data.."}


class Client:
    """requests.Session with the few methods of Flask's test client the harness uses."""

    def __init__(self, base: str) -> None:
        self.base, self.s = base, requests.Session()

    def get(self, path: str) -> Response:
        return Response(self.s.get(self.base + path, timeout=60))

    def post(self, path: str, json: object) -> Response:  # noqa: A002 - same name as Flask's
        return Response(self.s.post(self.base + path, json=json, timeout=60))


class Response:
    def __init__(self, r: requests.Response) -> None:
        self.r, self.status_code = r, r.status_code

    def get_json(self) -> object:
        return self.r.json()

    def get_data(self, as_text: bool = True) -> str:
        return self.r.text


def _first_ids(facts: str) -> dict[str, str]:
    from sqlalchemy import text

    from data.store import reader_engine

    with reader_engine(facts).connect() as conn:
        row = conn.execute(text("SELECT city_id, team_id, station_id FROM stations "
                                "ORDER BY station_id LIMIT 1")).one()
    return {"city": row[0], "team": row[1], "station": row[2]}


def _free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def _serve(facts: str, state: str, port: int, threads: int) -> subprocess.Popen:
    env = dict(os.environ, DATABASE_URL=facts, STATE_DATABASE_URL=state, AMOEBA_ENV="development",  # Secure cookies need HTTPS; loopback is HTTP
               SECRET_KEY=secrets.token_hex(32))
    code = (f"import waitress, app; waitress.serve(app.wsgi(), host='127.0.0.1', port={port}, "
            f"threads={threads}, _quiet=True)")
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env)
    for _ in range(300):
        try:
            requests.get(f"http://127.0.0.1:{port}/login", timeout=2)
            return proc
        except requests.ConnectionError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start")


def _login(base: str, user: str) -> Client:
    client = Client(base)
    page = client.s.get(base + "/login", timeout=30).text
    token = page.split('name="csrf" value="')[1].split('"')[0]
    r = client.s.post(base + "/login", data={"csrf": token, "user": user, "password": PASSWORD},
                      allow_redirects=False, timeout=30)
    assert r.status_code == 302, r.status_code
    return client


def _plan(client: Client) -> dict[str, dict]:
    """One ready payload per scenario, from the user's own pickers (their default entity)."""
    deps = server_deps(client)
    values_seen = harvest(client, deps)
    plan = {}
    for name, output in SCENARIOS.items():
        dep = next(d for d in deps if d["output"] == output)
        values = base_values(dep, values_seen)
        if name == "drill":
            values[("org-query", "data")] = {"rest": "", "period": None}
            values[("org-period", "value")] = values_seen.get("org-period", {}).get("value")
        plan[name] = payload(dep, values)
    return plan


def _ready(base: str, who: str) -> tuple[Client, dict[str, dict]]:
    """A signed-in user and their payloads; each scenario run once (the warm-up a server does
    at start-up, so the timed phase measures browsing, not the first evaluation)."""
    client = _login(base, who)
    plan = _plan(client)
    for body in plan.values():
        client.s.post(base + "/_dash-update-component", json=body, timeout=600)
    return client, plan


def _ready_light(base: str, who: str, warm: dict) -> tuple[Client, dict[str, dict]]:
    """Another session of a warmed-up user (same payloads, its own cookie)."""
    return _login(base, who), warm[who][1]


def _user(base: str, ready: tuple[Client, dict], seed: int, until: float, out: dict,
          lock: threading.Lock) -> None:
    client, plan = ready
    rnd = random.Random(seed)
    while time.time() < until:
        name = rnd.choice(list(plan))
        t0 = time.perf_counter()
        try:
            r = client.s.post(base + "/_dash-update-component", json=plan[name], timeout=60)
            ok = r.status_code in (200, 204)
        except requests.RequestException:
            ok = False
        with lock:
            out[name].append((time.perf_counter() - t0, ok))
        time.sleep(rnd.uniform(0.5, 1.5))  # think time between clicks


def _report(out: dict, seconds: float) -> None:
    every = [x for v in out.values() for x in v]
    for name, rows in [*sorted(out.items()), ("all", every)]:
        lat = sorted(t for t, _ in rows)
        if not lat:
            continue
        p95 = lat[min(len(lat) - 1, int(0.95 * len(lat)))]
        errors = sum(1 for _, ok in rows if not ok)
        print(f"{name:9s} n={len(lat):5d} p50={statistics.median(lat) * 1000:7.0f} ms "
              f"p95={p95 * 1000:7.0f} ms max={lat[-1] * 1000:7.0f} ms errors={errors} "
              f"rate={len(lat) / seconds:6.1f}/s")


def main() -> None:
    """Parse arguments, serve, load, report, stop the server."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--facts", required=True, help="facts store URL (e.g. the demo store)")
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--threads", type=int, default=8, help="waitress worker threads")
    args = ap.parse_args()
    from access.users import create_user
    from data.state import state_engine

    tmp = Path(tempfile.mkdtemp())
    state = f"sqlite:///{tmp / 'state.sqlite'}"
    ids = _first_ids(args.facts)
    for who, role, scope in PEOPLE:
        create_user(state_engine(state), who, PASSWORD, role, scope.format(**ids))
    port = _free_port()
    server = _serve(args.facts, state, port, args.threads)
    try:
        base = f"http://127.0.0.1:{port}"
        out: dict[str, list] = defaultdict(list)
        lock = threading.Lock()
        t0 = time.time()
        warm = {who: _ready(base, who) for who, _, _ in PEOPLE}
        print(f"warm-up (one of each role, sequential): {time.time() - t0:.1f} s")
        readies = [warm[PEOPLE[i % len(PEOPLE)][0]] if i < len(PEOPLE)
                   else _ready_light(base, PEOPLE[i % len(PEOPLE)][0], warm) for i in range(args.users)]
        start = time.time()
        until = start + args.seconds
        workers = [threading.Thread(target=_user, args=(base, readies[i], i, until, out, lock))
                   for i in range(args.users)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        print(f"{args.users} users, {args.seconds} s, waitress threads={args.threads}")
        _report(out, time.time() - start)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
