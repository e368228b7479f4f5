"""The board page over HTTP: the app under waitress on loopback, each callback timed.

    python -m bench.http --db duckdb:////tmp/bench_40.duckdb [--repeat 5] [--threads 4] [--json]

Serves the app in a process of its own (`waitress`, production-like settings, a temporary
state store with a province analyst and a team leader), signs each user in through the real
login form, then replays what the browser does on /board: the picker callback, the URL
callback and the load callback (evaluates and draws the cards), then two redraws (the same view,
as a language switch asks it, and a search). Per callback: client wall time over loopback
(≈ server time: no network), the server process's CPU time during it and the response's size.
Per user:

- first: the very first board of a fresh server process (no plans, no cache);
- cold: a view no one asked before (other months), so the app cache misses: medians of `repeat`;
- warm: the same view again (served from the app cache): medians of `repeat`.

Peak RSS is the server process's high-water mark (VmHWM) at the end. Server CPU is user +
system of all the server's threads during the request (one request at a time, so it is that
request's, plus a prewarm if one runs then): on a shared machine the steadier figure. The last
line says whether the warm board meets issue 8's 30 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.serve import first_ids, free_port, login, serve

PASSWORD = "load-test-password"
# How to recognise each board callback in /_dash-dependencies (output specs).
CALLBACKS = {
    "pickers": lambda o: o.startswith("..board-entity.options"),
    "url": lambda o: o == "board-search-url.data",
    "load": lambda o: "board-data.data" in o,  # evaluates and draws the cards (one callback)
    "render": lambda o: "board-body.children@" in o,  # redraw on a search or language change
}


def _deps(client: Any) -> dict[str, dict]:
    deps = client.s.get(client.base + "/_dash-dependencies", timeout=60).json()
    return {name: next(d for d in deps if match(d["output"])) for name, match in CALLBACKS.items()}


def _body(dep: dict, values: dict[tuple[str, str], Any]) -> dict:
    from tests.access.harness import payload

    return payload(dep, values)


SERVER_PID: list[int] = []  # the server process whose CPU time each request is charged
SEARCH_WORD = "销量"  # a search as a person types it: a few rows of each theme match
WARM_TARGET_MS = 30.0  # issue 8: the warm board ≤ 30 ms server time per callback


def server_cpu() -> float:
    """CPU seconds used so far by the server process, all threads (Linux /proc).

    The scheduler's per-thread run time (`schedstat`, nanoseconds) when available: `stat`
    counts in clock ticks of 10 ms, too coarse for a 10 ms callback.
    """
    if not SERVER_PID:
        return 0.0
    pid = SERVER_PID[0]
    try:
        return sum(int((task / "schedstat").read_text().split()[0])
                   for task in Path(f"/proc/{pid}/task").iterdir()) / 1e9
    except (OSError, ValueError, IndexError):  # a thread ended mid-read, or no schedstat
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _post(client: Any, body: dict) -> tuple[dict[str, float], dict]:
    """One callback: {"wall", "cpu", "bytes"} and the response's outputs."""
    c0, t0 = server_cpu(), time.perf_counter()
    r = client.s.post(client.base + "/_dash-update-component", json=body, timeout=900)
    took = {"wall": time.perf_counter() - t0, "cpu": server_cpu() - c0,
            "bytes": float(len(r.content))}
    r.raise_for_status()
    return took, r.json().get("response", {})


def _values(entity: str | None, period: str | None, data: Any = None,
            search: str = "") -> dict:
    return {("app-lang", "data"): "zh", ("board-query", "data"): {},
            ("board-entity", "value"): entity, ("board-period", "value"): period,
            ("board-data", "data"): data, ("board-search", "value"): search,
            ("board-only-bad", "value"): False}


def view(client: Any, deps: dict, entity: str, period: str) -> dict[str, dict[str, float]]:
    """One board view after the pickers are set: the URL and load callbacks (what the browser
    posts), then a redraw as a language switch asks it (the same view, unfiltered) and a search;
    each timed."""
    out: dict[str, dict[str, float]] = {}
    out["url"], _ = _post(client, _body(deps["url"], _values(entity, period)))
    out["load"], resp = _post(client, _body(deps["load"], _values(entity, period)))
    data = resp["board-data"]["data"]
    if not data or data.get("error"):
        raise RuntimeError(f"board failed for {entity} {period}: {data}")
    out["render"], _ = _post(client, _body(deps["render"], _values(entity, period, data)))
    out["search"], _ = _post(client, _body(deps["render"],
                                           _values(entity, period, data, SEARCH_WORD)))
    return out


def _pick(resp: dict, team: str | None) -> tuple[str, list[str]]:
    entity_opts = [o["value"] for o in resp["board-entity"]["options"]]
    entity = resp["board-entity"]["value"]
    if team is not None:
        entity = next((v for v in entity_opts if v.endswith(team)), entity)
    periods = [o["value"] for o in resp["board-period"]["options"]]
    return entity, periods


def _median(runs: list[dict[str, dict[str, float]]]) -> dict[str, dict[str, float]]:
    return {cb: {k: statistics.median(r[cb][k] for r in runs) for k in runs[0][cb]}
            for cb in runs[0]}


def measure_user(base: str, who: str, team: str | None, repeat: int) -> dict[str, Any]:
    """First, cold and warm board views of one signed-in user, and the pickers callback."""
    client = login(base, who, PASSWORD)
    t0 = time.perf_counter()
    client.s.get(base + "/board", timeout=60).raise_for_status()
    page = time.perf_counter() - t0
    deps = _deps(client)
    pickers = _body(deps["pickers"], _values(None, None))
    pick_first, resp = _post(client, pickers)
    entity, periods = _pick(resp, team)
    first = view(client, deps, entity, periods[0])
    cold = [view(client, deps, entity, p) for p in periods[1:repeat + 1]]
    warm = [view(client, deps, entity, periods[0]) for _ in range(repeat)]
    pick_warm = _median([{"pickers": _post(client, pickers)[0]} for _ in range(repeat)])
    first["pickers"] = pick_first
    warm_med = _median(warm) | pick_warm
    return {"user": who, "entity": entity, "page_get": page, "first": first,
            "cold": _median(cold), "warm": warm_med, "cold_n": len(cold), "repeat": repeat}


def peak_rss_mb(pid: int) -> float:
    """The high-water resident set of a process, MB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run(facts: str, repeat: int, threads: int,
        who: tuple[str, ...] = ("prov", "team")) -> dict[str, Any]:
    """Serve, measure a province analyst and a team leader (or those of them `who` names),
    stop the server."""
    from access.users import create_user
    from data.state import state_engine

    ids = first_ids(facts)
    tmp = Path(tempfile.mkdtemp(prefix="bench-http-"))
    state = f"sqlite:///{tmp / 'state.sqlite'}"
    people = [("prov", "province_analyst", "province", ids["team"]),
              ("team", "team_leader", f"team:{ids['team']}", None)]
    people = [p for p in people if p[0] in who]
    for name, role, scope, _ in people:
        create_user(state_engine(state), name, PASSWORD, role, scope)
    port = free_port()
    server = serve(facts, state, port, threads)
    SERVER_PID[:] = [server.pid]
    try:
        users = [measure_user(f"http://127.0.0.1:{port}", name, team, repeat)
                 for name, _, _, team in people]
        return {"facts": facts, "threads": threads, "users": users,
                "server_peak_mb": peak_rss_mb(server.pid), "load_avg": os.getloadavg()[0]}
    finally:
        server.terminate()
        server.wait(timeout=30)


def _ms(x: float) -> str:
    return f"{x * 1000:,.0f}"


CALLBACK_ORDER = ("pickers", "url", "load", "render", "search")


def warm_verdict(r: dict[str, Any]) -> str:
    """"warm board ≤ 30 ms: met / missed", judged on the warm load callback's median server CPU
    (the server's own time; wall on a shared machine is mostly waiting for a core), every user."""
    worst = max(u["warm"]["load"]["cpu"] for u in r["users"]) * 1000
    walls = ", ".join(f"{u['user']} {_ms(u['warm']['load']['wall'])} ms"
                      for u in r["users"])
    verdict = "met" if worst <= WARM_TARGET_MS else "missed"
    return (f"warm board ≤ {WARM_TARGET_MS:.0f} ms: {verdict} (load callback, median of "
            f"{r['users'][0]['repeat']}: server CPU ≤ {worst:,.0f} ms; wall {walls})")


def report(r: dict[str, Any]) -> str:
    """A markdown table: one row per user, phase and callback (wall, server CPU, bytes)."""
    lines = ["| user (entity) | phase | callback | wall ms | server CPU ms | response bytes |",
             "|---|---|---|---:|---:|---:|"]
    for u in r["users"]:
        for phase in ("first", "cold", "warm"):
            for cb in CALLBACK_ORDER:
                t = u[phase].get(cb)
                if t is not None:
                    lines.append(f"| {u['user']} ({u['entity']}) | {phase} | {cb} | "
                                 f"{_ms(t['wall'])} | {_ms(t['cpu'])} | {t['bytes']:,.0f} |")
    lines += ["", f"Server peak RSS {r['server_peak_mb']:,.0f} MB; waitress threads "
              f"{r['threads']}; load average {r['load_avg']:.1f}; cold = medians over "
              f"{r['users'][0]['cold_n']} months nobody asked, warm = medians of "
              f"{r['users'][0]['repeat']}; render = the same view redrawn (language switch), "
              f"search = a redraw filtered by \"{SEARCH_WORD}\". Server CPU is the whole "
              "server process's during the request (a prewarm running then is included).",
              "", warm_verdict(r)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run and print the table (or JSON)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--threads", type=int, default=4)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    r = run(a.db, a.repeat, a.threads)
    print(json.dumps(r) if a.json else report(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
