"""The benchmark: every feature of issue 8 at one data size, ours beside the bare DuckDB floor.

    python -m bench.run --stations 20 [--months 25] [--db duckdb:////tmp/bench_20.duckdb]
                        [--cases board,rankings,...] [--repeat 5] [--import-folder DIR]
                        [--out bench/results.md]

Generates the demo store (`python -m data demo`) when the file does not exist yet (keep big
stores in /tmp, never in git), then runs each case in a process of its own (`bench.child`:
warm-up, medians of `repeat` cold and warm runs, the floor, peak RSS) and, with
`--import-folder`, the import against DuckDB's bulk load (`bench.importing`). Prints a markdown
table and appends it to `--out`. Ratios are taken on process CPU time measured in the same run,
because wall time on a shared 2-core machine mostly measures the neighbours.
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


def _ms(x: float) -> str:
    return f"{x * 1000:,.0f}"


def row(r: dict) -> str:
    """A markdown row: wall and CPU for cold, warm and floor; CPU ratios; peak memory."""
    if "error" in r:
        return f"| {r['case']} | error: {r['error']} |" + " |" * 8
    if r["case"] == "import":
        o, f = r["ours"], r["floor"]
        return (f"| import | {o['wall']:.1f} s | {o['cpu']:.1f} s | — | {f['wall']:.1f} s | "
                f"{f['cpu']:.1f} s | {o['cpu'] / f['cpu']:.2f} | — | {o['peak_mb']:,.0f} |")
    c, w, f = r["cold"], r["warm"], r["floor"]
    return (f"| {r['case']} | {_ms(c['wall'])} | {_ms(c['cpu'])} | {_ms(w['wall'])} | "
            f"{_ms(f['wall'])} | {_ms(f['cpu'])} | {c['cpu'] / f['cpu']:.1f} | "
            f"{w['cpu'] / f['cpu']:.1f} | {r['peak_mb']:,.0f} |")


HEADER = ("| case | cold wall ms | cold CPU ms | warm wall ms | floor wall ms | floor CPU ms | "
          "cold/floor (CPU) | warm/floor (CPU) | peak MB |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|")


def report(title: str, results: list[dict]) -> str:
    """The markdown section of one run."""
    return "\n".join([f"### {title}", "", HEADER, *(row(r) for r in results), ""])


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark at one size and write the table."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--stations", type=int, default=40)
    ap.add_argument("--months", type=int, default=25)
    ap.add_argument("--db")
    ap.add_argument("--team")
    ap.add_argument("--cases", default=",".join(CASES))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--import-folder", dest="import_folder")
    ap.add_argument("--out", default=str(REPO / "bench" / "results.md"))
    a = ap.parse_args(argv)
    url = a.db or f"duckdb:////tmp/bench_{a.stations}.duckdb"
    ensure_store(url, a.stations, a.months)
    team, period, as_of, rows = bb._defaults(url, a.team, None, None)  # noqa: SLF001
    station = first_station(url, team)
    results = [run_case(c, url, team, station, str(period), as_of, a.repeat)
               for c in a.cases.split(",") if c]
    if a.import_folder:
        scratch = f"duckdb:////tmp/bench_import_{os.getpid()}.duckdb"
        cmd = [sys.executable, "-m", "bench.importing", a.import_folder, "--db", scratch]
        res = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, check=True)
        results.append(json.loads(res.stdout.strip().splitlines()[-1]))
    load = os.getloadavg()[0]
    title = (f"{rows:,} fuel rows — team {team}, station {station}, {period} as of {as_of}; "
             f"medians of {a.repeat}; load average {load:.1f} on {os.cpu_count()} cores")
    text = report(title, results)
    print(text)
    with open(a.out, "a", encoding="utf-8") as fh:
        fh.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
