"""The bare floors: hand-written DuckDB SQL computing the same numbers as each benchmarked case.

Each floor computes every number its feature shows (tests/bench/test_floor*.py prove it equal to
the case's output on a demo store), in as few statements as a person writing DuckDB by hand
would use, with no catalogue and no scope; ratios, ranks and per-tonne figures are formed in
Python from its numbers. Floors read the rollups the importer maintains where the app does
(`agg_fuel_day`, `agg_customer_month`, `agg_customer_lapse`): they are part of the store.
The board's floor is in bench/floor_board.py and bench/floor_special.py, the drill's and churn's
in bench/floor_lists.py, the statement's in bench/floor_statement.py; rankings and bands here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

import duckdb

from metrics.periods import Period, PeriodKind, Window, comparison, window

# Every team's volume (tonnes) this month to date and the same days last month (the movement),
# and its volume plan for the month (the light), from the day rollup.
RANKING = """
SELECT s.team_id,
       sum(a.tonnes) FILTER (WHERE a.day >= $c0 AND a.day < $c1),
       sum(a.tonnes) FILTER (WHERE a.day >= $m0 AND a.day < $m1)
FROM agg_fuel_day a JOIN stations s USING (station_id)
WHERE (a.day >= $c0 AND a.day < $c1) OR (a.day >= $m0 AND a.day < $m1)
GROUP BY s.team_id ORDER BY 2 DESC
"""
RANKING_PLANS = """
SELECT s.team_id, sum(p.target), count(*) FROM plans p JOIN stations s USING (station_id)
WHERE p.measure = 'fuel_volume_t' AND p.month = $mc GROUP BY s.team_id
"""

# Amount bands of a team-quarter: the thresholds of the campaigns running at the team (not a
# recharge bonus: its threshold is a top-up), then tickets by 20-yuan band of paid amount with,
# for the common thresholds and those, the tickets just below each ([t − 20, t)), one pass.
BAND_THRESHOLDS = """
SELECT DISTINCT c.campaign_id, c.threshold_amount FROM campaigns c
JOIN campaign_stations cs USING (campaign_id) JOIN stations s USING (station_id)
WHERE s.team_id = $team AND c.threshold_amount IS NOT NULL AND c.kind <> 'recharge_bonus'
  AND c.start_date < $q1 AND c.end_date >= $q0
ORDER BY 1
"""
BANDS = """
SELECT floor(paid_amount / 20) AS band, count(*), sum(liters), sum(paid_amount),
       sum(1.0 / list_price), sum(paid_amount / list_price) $below
FROM fuel_sales
WHERE station_id IN (SELECT station_id FROM stations WHERE team_id = $team)
  AND ts >= $q0 AND ts < $q1
GROUP BY 1 ORDER BY 1
"""
COMMON_THRESHOLDS = (100.0, 200.0, 300.0)


def _bounds(w: Window) -> tuple[date, date]:
    return w.start, w.end + timedelta(days=1)


def params(team: str, station: str, period: Period, as_of: date) -> dict[str, object]:
    """Named parameters shared by the floors (half-open day bounds of each window)."""
    cur = window(period, as_of)
    mom, yoy = comparison(cur, "mom"), comparison(cur, "yoy")
    (c0, c1), (m0, m1), (y0, y1) = _bounds(cur), _bounds(mom), _bounds(yoy)
    mc = cur.last_month
    quarter = Period(PeriodKind.QUARTER, period.year, (period.start.month - 1) // 3 + 1)
    q0, q1 = _bounds(window(quarter, as_of))
    prev = [mom.period.start]
    while len(prev) < 12:
        p = prev[-1]
        prev.append(date(p.year - (p.month == 1), 12 if p.month == 1 else p.month - 1, 1))
    return {"team": team, "station": station, "c0": c0, "c1": c1, "m0": m0, "m1": m1,
            "y0": y0, "y1": y1, "mc": mc, "mm": mom.period.start, "my": yoy.period.start,
            "m1m": prev[0], "m2m": prev[1], "m3m": prev[2], "m12": prev[11],
            "progress": cur.progress, "q0": q0, "q1": q1, "period": period, "as_of": as_of}


def _bind(sql: str, p: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in p.items() if re.search(rf"\${k}\b", sql)}


def rankings(con: duckdb.DuckDBPyConnection, p: dict[str, object]) -> dict[str, tuple]:
    """{team: (tonnes now, tonnes last month, plan or None)}: two statements."""
    vols = con.execute(RANKING, _bind(RANKING, p)).fetchall()
    plans = {t: (v if n else None) for t, v, n in
             con.execute(RANKING_PLANS, _bind(RANKING_PLANS, p)).fetchall()}
    return {t: (cur, prev, plans.get(t)) for t, cur, prev in vols}


def bands(con: duckdb.DuckDBPyConnection, p: dict[str, object]) -> tuple[dict, list[tuple]]:
    """({campaign: threshold}, band rows with the just-below counts): two statements."""
    found = {c: float(t) for c, t in con.execute(BAND_THRESHOLDS, _bind(BAND_THRESHOLDS, p))
             .fetchall()}
    asked = sorted({*COMMON_THRESHOLDS, *found.values()})
    q = dict(p) | {f"t{i}": t for i, t in enumerate(asked)}
    below = "".join(f", count(*) FILTER (paid_amount >= $t{i} - 20 AND paid_amount < $t{i})"
                    for i in range(len(asked)))
    sql = BANDS.replace("$below", below)
    return found, con.execute(sql, _bind(sql, q)).fetchall()


def _board(con: duckdb.DuckDBPyConnection, p: dict[str, object]) -> dict:
    from bench.floor_board import board_values

    return board_values(con, str(p["team"]), p["period"], p["as_of"])  # type: ignore[arg-type]


def _drill(con: duckdb.DuckDBPyConnection, p: dict[str, object]) -> tuple:
    from bench.floor_lists import drill

    # The drill page does not show purchases elsewhere (pages/org_data.py), nor does the case.
    w = window(p["period"], p["as_of"])  # type: ignore[arg-type]
    return drill(con, str(p["station"]), w, moves=False)


def _churn(con: duckdb.DuckDBPyConnection, p: dict[str, object]) -> list:
    from bench.floor_lists import churn

    return churn(con, str(p["team"]), window(p["period"], p["as_of"]))  # type: ignore[arg-type]


def _statement(con: duckdb.DuckDBPyConnection, p: dict[str, object]) -> dict:
    from bench.floor_statement import statement

    return statement(con, str(p["team"]), p["period"], p["as_of"])  # type: ignore[arg-type]


FLOORS: dict[str, Callable[[duckdb.DuckDBPyConnection, dict[str, object]], object]] = {
    "board": _board,
    "rankings": rankings,
    "drill": _drill,
    "churn": _churn,
    "statement": _statement,
    "bands": bands,
}


def run_floor(con: duckdb.DuckDBPyConnection, name: str, p: dict[str, object]) -> int:
    """Run one feature's floor; returns how many numbers or rows it produced (it did work)."""
    out = FLOORS[name](con, p)
    return sum(len(x) for x in out) if isinstance(out, tuple) else len(out)  # type: ignore[arg-type]
