"""Time a full team board: 134 indicators with MoM, YoY and plan, one month as of mid-month.

    python bench/board.py --db duckdb:///var/amoeba.duckdb [--team T01] [--period 2026-10]
                          [--as-of 2026-10-15] [--repeat 5] [--per-indicator-repeat 1]

Reports, as medians: the board cold (a new engine and empty in-process caches each run) and warm
(same engine, repeated), and beside it the same numbers computed one request per indicator, the
way a naive page would. Prints a markdown table; `--out FILE` also writes it. `python -m bench.run`
runs the same comparison as its `per_indicator` case (CPU and wall, same process).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, func, select  # noqa: E402

from data.schema import fuel_sales, stations  # noqa: E402
from data.scope import Scope  # noqa: E402
from metrics import (
    evaluator,  # noqa: E402
    provider_calls,  # noqa: E402
)
from metrics.evaluator import evaluate  # noqa: E402
from metrics.expr import parse  # noqa: E402
from metrics.periods import Level, Period  # noqa: E402
from metrics.registry import get_registry  # noqa: E402
from metrics.request import BatchRequest  # noqa: E402


def _defaults(url: str, team: str | None, period: str | None, as_of: str | None):
    eng = _engine(url)
    with eng.connect() as conn:
        team = team or conn.execute(select(func.min(stations.c.team_id))).scalar_one()
        rows = conn.execute(select(func.count()).select_from(fuel_sales)).scalar_one()
        last = conn.execute(select(func.max(fuel_sales.c.ts))).scalar_one()
    eng.dispose()
    if period is None:  # the last month with a mid-month day in the data
        p = Period.month_of(last.date() if last.day >= 15 else date(last.year, last.month, 1))
        if last.day < 15:
            p = p.prev()
        period = str(p)
    as_of_d = date.fromisoformat(as_of) if as_of else Period.parse(period).start.replace(day=15)
    return team, Period.parse(period), as_of_d, rows


def _engine(url: str):
    """A reader like the app's: DuckDB opened read-only (several benches may share a file), with
    compiled SQL reused across calls as data.store's readers do. A new engine starts with an
    empty cache and a new DuckDB instance, so "cold" stays cold."""
    from data.engines.duckdb_cache import enable_statement_cache

    args = {"read_only": True} if url.startswith("duckdb") else {}
    return enable_statement_cache(create_engine(url, connect_args=args))


def _clear_caches() -> None:
    """Forget what a warm process remembers (parsed expressions, provider checks, plans)."""
    parse.cache_clear()
    provider_calls._COMBINES.clear()  # noqa: SLF001 - a benchmark may reset private caches
    evaluator._PLANS.clear()  # noqa: SLF001


def _board(eng, req: BatchRequest) -> tuple[float, int]:
    t0 = time.perf_counter()
    res = evaluate(eng, req)
    return time.perf_counter() - t0, len(res.statements) + 1  # + the org lookup


def per_indicator(eng, req: BatchRequest) -> int:
    """The same board computed the naive way: one request per catalogue indicator."""
    n = 0
    for ind in get_registry().indicators:
        res = evaluate(eng, BatchRequest(entities=req.entities, period=req.period,
                                         as_of=req.as_of, scope=req.scope, indicators=(ind,)))
        n += len(res.results)
    return n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--team")
    ap.add_argument("--period")
    ap.add_argument("--as-of", dest="as_of")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--per-indicator-repeat", type=int, default=1)
    ap.add_argument("--out")
    a = ap.parse_args(argv)
    team, period, as_of, rows = _defaults(a.db, a.team, a.period, a.as_of)
    reg = get_registry()
    req = BatchRequest(entities=((Level.TEAM, team),), period=period, as_of=as_of,
                       scope=Scope.everything())
    cold = []
    for _ in range(a.repeat):
        _clear_caches()
        eng = _engine(a.db)
        seconds, n_stmt = _board(eng, req)
        cold.append(seconds)
        eng.dispose()
    eng = _engine(a.db)
    _board(eng, req)
    warm = [_board(eng, req)[0] for _ in range(a.repeat)]
    per = []
    for _ in range(a.per_indicator_repeat):
        _clear_caches()
        t0 = time.perf_counter()
        per_indicator(eng, req)
        per.append(time.perf_counter() - t0)
    lines = [
        f"Team board: team {team}, {period} as of {as_of}, {len(reg.indicators)} indicators "
        f"with MoM/YoY/plan; {rows:,} fuel rows; {a.db.split('///')[0]}",
        "",
        "| run | median s | statements |",
        "|---|---:|---:|",
        f"| board cold (new engine, caches cleared), median of {a.repeat} | {statistics.median(cold):.3f} | {n_stmt} |",
        f"| board warm, median of {a.repeat} | {statistics.median(warm):.3f} | {n_stmt} |",
        (f"| one request per indicator (134 requests), median of {a.per_indicator_repeat} "
         f"| {statistics.median(per):.3f} | — |") if per else "| one request per indicator | not run | — |",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if a.out:
        Path(a.out).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
