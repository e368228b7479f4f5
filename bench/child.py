"""One benchmark case in a process of its own, so its peak memory is its own.

    python -m bench.child CASE --db URL --team T --station S --period 2026-10 --as-of 2026-10-15

Prints one JSON object: median wall and CPU seconds for cold runs (new engine, in-process caches
cleared), warm runs (same engine), and the floor (hand-written DuckDB, read-only, bench/floors.py)
cold (a new DuckDB connection per run, as ours cold gets a new engine) and warm (one connection),
plus peak RSS in MB. Case `per_indicator`: the board cold against the same board computed one
request per indicator, cold, in the same process.
CPU time is the whole process's (DuckDB's threads included): on a loaded machine it is the
steadier figure, so `bench.run` takes ratios on CPU.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date

import duckdb

from bench import board as bb
from bench.cases import CASES, Ctx
from bench.floors import params, run_floor
from data.scope import Scope
from data.store import duckdb_path
from metrics.evaluator import evaluate
from metrics.periods import Level, Period
from metrics.registry import get_registry
from metrics.request import BatchRequest

PER_INDICATOR = "per_indicator"  # the board against one request per indicator (issue 8: ≥ 10×)


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    """(wall s, process CPU s) of one call."""
    w0, c0 = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w0, time.process_time() - c0


def medians(runs: list[tuple[float, float]]) -> dict[str, float]:
    """Median wall and CPU of several timed runs."""
    return {"wall": statistics.median(r[0] for r in runs),
            "cpu": statistics.median(r[1] for r in runs)}


def measure(case: str, url: str, ctx: Ctx, repeat: int) -> dict[str, object]:
    """Warm-up, `repeat` cold runs, `repeat` warm runs, then the floor (warm-up + `repeat`)."""
    fn = CASES[case]
    eng = bb._engine(url)  # noqa: SLF001 - the reader the benchmark shares with bench/board.py
    produced = fn(eng, ctx)  # warm-up (also fills the OS page cache)
    eng.dispose()
    cold = []
    for _ in range(repeat):
        bb._clear_caches()  # noqa: SLF001
        eng = bb._engine(url)  # noqa: SLF001
        cold.append(timed(lambda e=eng: fn(e, ctx)))
        eng.dispose()
    eng = bb._engine(url)  # noqa: SLF001
    fn(eng, ctx)
    warm = [timed(lambda: fn(eng, ctx)) for _ in range(repeat)]
    eng.dispose()
    path, p = str(duckdb_path(url)), params(ctx.team, ctx.station, ctx.period, ctx.as_of)

    def floor_cold() -> int:
        """Like ours cold: a new DuckDB instance (empty buffer pool) for the run."""
        con = duckdb.connect(path, read_only=True)
        try:
            return run_floor(con, case, p)
        finally:
            con.close()

    floor_rows = floor_cold()  # warm-up
    f_cold = [timed(floor_cold) for _ in range(repeat)]
    con = duckdb.connect(path, read_only=True)
    run_floor(con, case, p)
    f_warm = [timed(lambda: run_floor(con, case, p)) for _ in range(repeat)]
    con.close()
    return {"case": case, "produced": produced, "floor_rows": floor_rows,
            "cold": medians(cold), "warm": medians(warm), "floor_cold": medians(f_cold),
            "floor": medians(f_warm),
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _board_request(ctx: Ctx) -> BatchRequest:
    return BatchRequest(entities=((Level.TEAM, ctx.team),), period=ctx.period, as_of=ctx.as_of,
                        scope=ctx.scope)


def compare_per_indicator(url: str, ctx: Ctx, repeat: int) -> dict[str, object]:
    """The board in one batch against one request per indicator (134), both cold (new engine,
    in-process caches cleared), alternating, `repeat` times each after a warm-up of each."""
    req = _board_request(ctx)

    def cold(fn: Callable) -> tuple[float, float]:
        bb._clear_caches()  # noqa: SLF001
        eng = bb._engine(url)  # noqa: SLF001
        try:
            return timed(lambda: fn(eng, req))
        finally:
            eng.dispose()

    def board(eng, r):
        return evaluate(eng, r)

    cold(board), cold(bb.per_indicator)  # warm-up (and the OS page cache)
    one, per = [], []
    for _ in range(repeat):
        one.append(cold(board))
        per.append(cold(bb.per_indicator))
    return {"case": PER_INDICATOR, "board": medians(one), "per_indicator": medians(per),
            "requests": len(get_registry().indicators),
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main(argv: list[str] | None = None) -> int:
    """Run one case and print its JSON line."""
    ap = argparse.ArgumentParser()
    ap.add_argument("case", choices=[*sorted(CASES), PER_INDICATOR])
    ap.add_argument("--db", required=True)
    ap.add_argument("--team", required=True)
    ap.add_argument("--station", required=True)
    ap.add_argument("--period", required=True)
    ap.add_argument("--as-of", dest="as_of", required=True)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args(argv)
    ctx = Ctx(a.team, a.station, Period.parse(a.period), date.fromisoformat(a.as_of),
              Scope.everything())
    if a.case == PER_INDICATOR:
        print(json.dumps(compare_per_indicator(a.db, ctx, a.repeat)))
    else:
        print(json.dumps(measure(a.case, a.db, ctx, a.repeat)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
