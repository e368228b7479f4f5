"""The bare floors: the minimal hand-written DuckDB queries behind each benchmarked feature.

Each floor computes the core numbers of its feature in as few statements as a person writing
DuckDB by hand would use, with no catalogue, no scope, no Python post-processing. They are the
yardstick for the ratio ours/floor, not a second implementation: where a feature also formats,
masks or attaches histories, the floor does not (the ratio then includes that work).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import duckdb

from metrics.periods import Period, PeriodKind, Window, comparison, window

# One pass over the team's fuel rows in the three windows (current, MoM, YoY): volume by
# product, money, transactions and distinct customers — the heart of the board.
BOARD_FUEL = """
WITH st AS (SELECT station_id FROM stations WHERE team_id = $team)
SELECT CASE WHEN ts >= $c0 AND ts < $c1 THEN 0 WHEN ts >= $m0 AND ts < $m1 THEN 1 ELSE 2 END AS w,
       product_code, sum(liters), sum(liters * list_price), sum(paid_amount), count(*),
       count(DISTINCT customer_id)
FROM fuel_sales
WHERE station_id IN (SELECT station_id FROM st)
  AND ((ts >= $c0 AND ts < $c1) OR (ts >= $m0 AND ts < $m1) OR (ts >= $y0 AND ts < $y1))
GROUP BY ALL
"""

BOARD_OTHER = [
    """SELECT CASE WHEN ts >= $c0 AND ts < $c1 THEN 0 WHEN ts >= $m0 AND ts < $m1 THEN 1 ELSE 2 END,
              category, sum(revenue), sum(cost), count(DISTINCT basket_id)
       FROM nonfuel_sales WHERE station_id IN (SELECT station_id FROM stations WHERE team_id = $team)
         AND ((ts >= $c0 AND ts < $c1) OR (ts >= $m0 AND ts < $m1) OR (ts >= $y0 AND ts < $y1))
       GROUP BY ALL""",
    """SELECT month, category, sum(amount) FROM expenses
       WHERE station_id IN (SELECT station_id FROM stations WHERE team_id = $team)
         AND month IN ($mc, $mm, $my) GROUP BY ALL""",
    """SELECT month, measure, sum(target) FROM plans
       WHERE station_id IN (SELECT station_id FROM stations WHERE team_id = $team)
         AND month IN ($mc, $mm, $my) GROUP BY ALL""",
]

RANKING = """
SELECT s.team_id,
       sum(f.liters * p.density_kg_per_l / 1000) FILTER (WHERE f.ts >= $c0 AND f.ts < $c1),
       sum(f.liters * p.density_kg_per_l / 1000) FILTER (WHERE f.ts >= $m0 AND f.ts < $m1)
FROM fuel_sales f JOIN stations s USING (station_id) JOIN products p USING (product_code)
WHERE (f.ts >= $c0 AND f.ts < $c1) OR (f.ts >= $m0 AND f.ts < $m1)
GROUP BY s.team_id ORDER BY 2 DESC
"""

# A station's customers: this month and the 12 before, from the customer-month rollup the
# importer maintains (the app reads it too), with the card fields of the list.
DRILL = """
SELECT a.customer_id, c.name, c.grade, c.kind,
       sum(a.liters) FILTER (WHERE a.month = $mc) AS l0,
       list(a.liters ORDER BY a.month) AS trend, max(a.last_ts)
FROM agg_customer_month a JOIN customers c USING (customer_id)
WHERE a.station_id = $station AND a.month >= $m12 AND a.month <= $mc
GROUP BY ALL ORDER BY l0 DESC NULLS LAST LIMIT 150
"""

# Churn warnings of a team: this month-to-date against the pace of the 3 months before.
CHURN = """
WITH m AS (
  SELECT customer_id,
         sum(liters) FILTER (WHERE month = $mc) AS l0,
         sum(liters) FILTER (WHERE month = $m1m) AS l1,
         sum(liters) FILTER (WHERE month = $m2m) AS l2,
         sum(liters) FILTER (WHERE month = $m3m) AS l3,
         max(last_ts) AS last_ts
  FROM agg_customer_month
  WHERE station_id IN (SELECT station_id FROM stations WHERE team_id = $team)
    AND month BETWEEN $m3m AND $mc
  GROUP BY customer_id)
SELECT m.*, c.name, c.grade FROM m JOIN customers c USING (customer_id)
WHERE coalesce(l1, 0) + coalesce(l2, 0) + coalesce(l3, 0) > 0
  AND coalesce(l0, 0) < 0.7 * $progress * (coalesce(l1, 0) + coalesce(l2, 0) + coalesce(l3, 0)) / 3
ORDER BY (coalesce(l1, 0) + coalesce(l2, 0) + coalesce(l3, 0)) / 3 * $progress - coalesce(l0, 0) DESC
"""

# The operating statement's ingredients for a team-month and the same window a year earlier.
STATEMENT = [
    """SELECT f.ts >= $c0 AS cur, sum(f.liters * p.density_kg_per_l / 1000), sum(f.paid_amount),
              sum(f.liters * pc.cost_per_liter)
       FROM fuel_sales f JOIN products p USING (product_code)
       JOIN purchase_costs pc ON pc.product_code = f.product_code
        AND pc.month = CAST(date_trunc('month', f.ts) AS DATE)
       WHERE f.station_id IN (SELECT station_id FROM stations WHERE team_id = $team)
         AND ((f.ts >= $c0 AND f.ts < $c1) OR (f.ts >= $y0 AND f.ts < $y1))
       GROUP BY ALL""",
    """SELECT ts >= $c0, sum(revenue), sum(cost) FROM nonfuel_sales
       WHERE station_id IN (SELECT station_id FROM stations WHERE team_id = $team)
         AND ((ts >= $c0 AND ts < $c1) OR (ts >= $y0 AND ts < $y1)) GROUP BY ALL""",
    """SELECT month, category, sum(amount) FROM expenses
       WHERE station_id IN (SELECT station_id FROM stations WHERE team_id = $team)
         AND month IN ($mc, $my) GROUP BY ALL""",
    """SELECT measure, sum(target) FROM plans
       WHERE station_id IN (SELECT station_id FROM stations WHERE team_id = $team)
         AND month = $mc GROUP BY ALL""",
]


# Amount bands of a team-quarter: tickets by 20-yuan band of paid amount, one pass.
BANDS = """
SELECT floor(paid_amount / 20) AS band, count(*), sum(liters), sum(paid_amount),
       sum(1.0 / list_price), sum(paid_amount / list_price)
FROM fuel_sales
WHERE station_id IN (SELECT station_id FROM stations WHERE team_id = $team)
  AND ts >= $q0 AND ts < $q1
GROUP BY 1 ORDER BY 1
"""


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
            "progress": cur.progress, "q0": q0, "q1": q1}


def _run(con: duckdb.DuckDBPyConnection, sqls: list[str], p: dict[str, object]) -> int:
    rows = 0
    for sql in sqls:
        used = {k: v for k, v in p.items() if re.search(rf"\${k}\b", sql)}
        rows += len(con.execute(sql, used).fetchall())
    return rows


FLOORS: dict[str, list[str]] = {
    "board": [BOARD_FUEL, *BOARD_OTHER],
    "rankings": [RANKING],
    "drill": [DRILL],
    "churn": [CHURN],
    "statement": STATEMENT,
    "bands": [BANDS],
}


def run_floor(con: duckdb.DuckDBPyConnection, name: str, p: dict[str, object]) -> int:
    """Run one feature's floor statements; returns the rows fetched (to check it did work)."""
    return _run(con, FLOORS[name], p)
