"""The benchmark: every feature of issue 8 at one data size, ours beside its hand-written floor.

    python -m bench.run [--db duckdb:////tmp/bench_40.duckdb | --stations 40 --months 25]
                        [--team T01] [--period 2026-11 --as-of 2026-11-15] [--cases board,rankings,drill,churn,statement,bands,per_indicator]
                        [--repeat 5] [--import-folder DIR] [--out FILE.md]

Generates the demo store (`python -m data demo`) when the file does not exist yet (keep big
stores in /tmp, never in git). Each case runs in a process of its own (`bench.child`: warm-up,
medians of `repeat` cold runs — new engine, in-process caches cleared — and warm runs, then the
floor of bench/floors.py, which computes the same numbers (tests/bench/test_floor*.py), cold on a
new DuckDB connection per run and warm on one; peak RSS). `per_indicator` times the board against one request per indicator (issue 8: ≥ 10×).
`--import-folder` adds the import against DuckDB's bulk load (`bench.importing`). Prints the
tables in markdown, with the load average at the start and the end, and writes them to `--out`.
Ratios are on process CPU time (DuckDB's threads included) measured in the same process: on a
shared 2-core machine wall time mostly measures the neighbours.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from bench import board as bb
from bench.cases import CASES

REPO = Path(__file__).resolve().parents[1]


def ensure_store(url: str, stations: int, months: int) -> None:
    """Generate the demo store at `url` unless its file exists."""
    path = Path(url.split("///", 1)[1])
    if path.exists():
        return
    cmd = [sys.executable, "-m", "data", "demo", "--stations", str(stations),
           "--months", str(months), "--db", url]
    subprocess.run(cmd, check=True, cwd=REPO)


def first_station(url: str, team: str) -> str:
    """The first station of a team (the drill target)."""
    from sqlalchemy import func, select

    from data.schema import stations

    eng = bb._engine(url)  # noqa: SLF001
    with eng.connect() as conn:
        sid = conn.execute(select(func.min(stations.c.station_id))
                           .where(stations.c.team_id == team)).scalar_one()
    eng.dispose()
    return sid


def run_case(case: str, url: str, team: str, station: str, period: str, as_of: date,
             repeat: int) -> dict:
    """One case in a child process; its JSON, or an error entry."""
    cmd = [sys.executable, "-m", "bench.child", case, "--db", url, "--team", team,
           "--station", station, "--period", period, "--as-of", as_of.isoformat(),
           "--repeat", str(repeat)]
    res = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
    if res.returncode != 0:
        return {"case": case, "error": (res.stderr.strip().splitlines() or ["?"])[-1]}
    return json.loads(res.stdout.strip().splitlines()[-1])


PER_INDICATOR = "per_indicator"
ALL_CASES = [*CASES, PER_INDICATOR]


def _ms(x: float) -> str:
    return f"{x * 1000:,.0f}"


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.1f}" if b > 0 else "—"


def row(r: dict) -> str:
    """A markdown row: ours cold beside the floor cold (a new connection), ours warm beside the
    floor warm (one connection), wall and CPU, ratios on CPU; peak memory."""
    if "error" in r:
        return f"| {r['case']} | error: {r['error']} |" + " |" * 11
    c, w, fc, fw = r["cold"], r["warm"], r["floor_cold"], r["floor"]
    return (f"| {r['case']} | {_ms(c['wall'])} | {_ms(c['cpu'])} | {_ms(fc['wall'])} | "
            f"{_ms(fc['cpu'])} | {_ratio(c['cpu'], fc['cpu'])} | {_ms(w['wall'])} | "
            f"{_ms(w['cpu'])} | {_ms(fw['wall'])} | {_ms(fw['cpu'])} | "
            f"{_ratio(w['cpu'], fw['cpu'])} | {r['peak_mb']:,.0f} |")


HEADER = ("| case | cold wall ms | cold CPU ms | floor cold wall ms | floor cold CPU ms | "
          "cold/floor (CPU) | warm wall ms | warm CPU ms | floor warm wall ms | "
          "floor warm CPU ms | warm/floor (CPU) | peak MB |\n"
          "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")


def per_indicator_table(r: dict) -> list[str]:
    """The board in one batch against one request per indicator, both cold."""
    if "error" in r:
        return [f"Board vs one request per indicator: error: {r['error']}"]
    b, p = r["board"], r["per_indicator"]
    return [
        f"Board (one batch) vs the same board one request per indicator ({r['requests']} "
        "requests), both cold (new engine, caches cleared):", "",
        "| | wall ms | CPU ms |", "|---|---:|---:|",
        f"| board, one batch | {_ms(b['wall'])} | {_ms(b['cpu'])} |",
        f"| one request per indicator | {_ms(p['wall'])} | {_ms(p['cpu'])} |",
        f"| ratio (target ≥ 10×) | {_ratio(p['wall'], b['wall'])}× | "
        f"{_ratio(p['cpu'], b['cpu'])}× |", "",
    ]


def import_table(r: dict) -> list[str]:
    """The import against DuckDB's bulk load of the same files."""
    if "error" in r:
        return [f"Import: error: {r['error']}"]
    o, f = r["ours"], r["floor"]
    return [
        "| import | wall s | CPU s | peak MB |", "|---|---:|---:|---:|",
        f"| ours | {o['wall']:.1f} | {o['cpu']:.1f} | {o['peak_mb']:,.0f} |",
        f"| DuckDB bulk load | {f['wall']:.1f} | {f['cpu']:.1f} | — |",
        f"| ratio (CPU; target ≤ 2×) | | {_ratio(o['cpu'], f['cpu'])} | |", "",
    ]


def _load() -> str:
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


def report(title: str, results: list[dict], load_start: str, load_end: str) -> str:
    """The markdown section of one run."""
    cases = [r for r in results if r.get("case") not in (PER_INDICATOR, "import")]
    lines = [f"### {title}", "",
             f"Load average (1 / 5 / 15 min) at the start: {load_start}; at the end: {load_end}.",
             ""]
    if cases:
        lines += [HEADER, *(row(r) for r in cases), ""]
    for r in results:
        if r.get("case") == PER_INDICATOR:
            lines += per_indicator_table(r)
        elif r.get("case") == "import":
            lines += import_table(r)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark at one size and print (and with --out write) the tables."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--stations", type=int, default=40)
    ap.add_argument("--months", type=int, default=25)
    ap.add_argument("--db")
    ap.add_argument("--team")
    ap.add_argument("--period", help="default: the last month with a mid-month day in the data")
    ap.add_argument("--as-of", dest="as_of", help="default: the period's 15th")
    ap.add_argument("--cases", default=",".join(ALL_CASES),
                    help=f"comma-separated, of {', '.join(ALL_CASES)}")
    ap.add_argument("--repeat", type=int, default=5)  # issue 8: medians of 5 after a warm-up
    ap.add_argument("--import-folder", dest="import_folder")
    ap.add_argument("--out", help="also write the markdown tables to this file")
    a = ap.parse_args(argv)
    cases = [c for c in a.cases.split(",") if c]
    unknown = sorted(set(cases) - set(ALL_CASES))
    if unknown:
        ap.error(f"unknown cases {unknown}; use {ALL_CASES}")
    load_start = _load()
    url = a.db or f"duckdb:////tmp/bench_{a.stations}.duckdb"
    ensure_store(url, a.stations, a.months)
    team, period, as_of, rows = bb._defaults(url, a.team, a.period, a.as_of)  # noqa: SLF001
    station = first_station(url, team)
    results = [run_case(c, url, team, station, str(period), as_of, a.repeat) for c in cases]
    if a.import_folder:
        scratch = f"duckdb:////tmp/bench_import_{os.getpid()}.duckdb"
        cmd = [sys.executable, "-m", "bench.importing", a.import_folder, "--db", scratch]
        res = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
        results.append(json.loads(res.stdout.strip().splitlines()[-1]) if res.returncode == 0
                       else {"case": "import", "error": (res.stderr.strip().splitlines() or ["?"])[-1]})
    title = (f"{rows:,} fuel rows — team {team}, station {station}, {period} as of {as_of}; "
             f"medians of {a.repeat}; {os.cpu_count()} cores")
    text = report(title, results, load_start, _load())
    print(text)
    if a.out:
        Path(a.out).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
