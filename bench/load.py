"""Load test (issue 9 "Faults and load"; run by hand, not in the suite).

Serves the app with waitress on loopback (a temporary state store with one user per person of
bench/load_plan.py) and runs N simulated people for D seconds. Each signs in through the real
login form and opens pages the way the browser does (router, controls, data, render callbacks
chained): their board, a ranking, a drill-down, with a think time between page views.

Phases: (1) warm-up: every distinct person opens every page once, two at a time (the cold cost
of each view, reported; this is what a prewarm after an import pays); (2) the timed phase.
Reports p50/p95/max latency of requests and of whole page views, throughput and errors per
page and per role, the server's CPU seconds and the load average.

    .venv/bin/python -m bench.load --facts duckdb:////tmp/demo.duckdb --users 50 --seconds 60
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.load_plan import WEIGHTS, PageView, Person, dependencies, page_view, people  # noqa: E402
from bench.load_report import report  # noqa: E402
from bench.serve import free_port, serve  # noqa: E402

PASSWORD = "load-test-password"


def _stations(facts: str) -> list[tuple[str, str, str]]:
    from sqlalchemy import text

    from data.store import reader_engine

    with reader_engine(facts).connect() as conn:
        rows = conn.execute(text("SELECT station_id, team_id, city_id FROM stations "
                                 "ORDER BY station_id")).all()
    return [tuple(r) for r in rows]


def login(base: str, user: str) -> requests.Session:
    """A session signed in through the real form."""
    session = requests.Session()
    page = session.get(base + "/login", timeout=60).text
    token = page.split('name="csrf" value="')[1].split('"')[0]
    res = session.post(base + "/login", data={"csrf": token, "user": user, "password": PASSWORD},
                       allow_redirects=False, timeout=60)
    if res.status_code != 302:
        raise SystemExit(f"sign-in of {user} failed: {res.status_code}")
    return session


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def warm_up(base: str, crowd: list[Person], deps: dict) -> list[PageView]:
    """Every distinct person opens every page once, two at a time (two cores)."""
    distinct = list({p.name: p for p in crowd}.values())

    def one(person: Person) -> list[PageView]:
        session = login(base, person.name)
        return [page_view(session, base, deps, person, page, timeout=900) for page in WEIGHTS]

    with ThreadPoolExecutor(2) as pool:
        return [v for views in pool.map(one, distinct) for v in views]


def browse(base: str, person: Person, deps: dict, seed: int, until: float,
           think: tuple[float, float], out: list[PageView], lock: threading.Lock) -> None:
    """One simulated person: sign in, then page views with think time until `until`."""
    rnd = random.Random(seed)
    session = login(base, person.name)
    time.sleep(rnd.uniform(0, think[1]))  # people do not all click in the same second
    pages, weights = list(WEIGHTS), list(WEIGHTS.values())
    while time.time() < until:
        view = page_view(session, base, deps, person, rnd.choices(pages, weights)[0])
        with lock:
            out.append(view)
        time.sleep(rnd.uniform(*think))


def _users(state: str, crowd: list[Person]) -> None:
    from access.users import create_user
    from data.state import state_engine

    engine = state_engine(state)
    for person in {p.name: p for p in crowd}.values():
        create_user(engine, person.name, PASSWORD, person.role, person.scope)


def main() -> None:
    """Parse arguments, serve, warm up, load, report, stop the server."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--facts", required=True, help="facts store URL (e.g. the demo store)")
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--threads", type=int, default=8, help="waitress worker threads")
    ap.add_argument("--think", type=float, nargs=2, default=(3.0, 12.0),
                    metavar=("MIN", "MAX"), help="seconds between page views")
    args = ap.parse_args()
    crowd = people(_stations(args.facts), args.users)
    state = f"sqlite:///{Path(tempfile.mkdtemp()) / 'state.sqlite'}"
    _users(state, crowd)
    port = free_port()
    server = serve(args.facts, state, port, args.threads, connection_limit=200)
    base = f"http://127.0.0.1:{port}"
    try:
        deps = dependencies(login(base, crowd[0].name), base)
        cpu0, t0 = cpu_seconds(server.pid), time.time()
        warm = warm_up(base, crowd, deps)
        print(f"warm-up: {len({p.name for p in crowd})} people x {len(WEIGHTS)} pages in "
              f"{time.time() - t0:.1f} s wall, server CPU {cpu_seconds(server.pid) - cpu0:.1f} s")
        report(warm, time.time() - t0, "warm-up (cold views)")
        out: list[PageView] = []
        lock = threading.Lock()
        load0, cpu0, start = os.getloadavg(), cpu_seconds(server.pid), time.time()
        client0 = time.process_time()
        until = start + args.seconds
        workers = [threading.Thread(target=browse, args=(base, p, deps, i, until,
                                                         tuple(args.think), out, lock))
                   for i, p in enumerate(crowd)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        took = time.time() - start
        print(f"\n{args.users} users, {args.seconds} s, think {args.think[0]:g}-{args.think[1]:g} s,"
              f" waitress threads={args.threads}; server CPU {cpu_seconds(server.pid) - cpu0:.1f} s"
              f" (this client {time.process_time() - client0:.1f} s) in {took:.0f} s; "
              f"load average {load0[0]:.2f} at start, "
              f"{os.getloadavg()[0]:.2f} at end")
        report(out, took, "timed phase")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
