"""Floors of the customer lists: the drill step (a station's active, lost and dormant customers,
50 each, with 13-month trends and purchases elsewhere) and the churn worklist (a team's churn
warnings, whole), by hand in DuckDB SQL with the contract's rules.

The customer state at month M (the window's last month, to the as-of day): closed months from
the customer-month rollup (before M−5 only each customer-station pair's last month, from the
lapse rollup the importer keeps for this), M from the raw rows. Churn warning: liters(M) < 70 % of the mean of
M−3..M−1, pro rata of M's elapsed days, compared exactly as 30·d·l0 < 7·(l1+l2+l3)·e.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

import duckdb

from metrics.periods import Window, add_months, days_in_month

# The entity's stations ($where is a fixed column test, chosen by `ENTITY`, never user text).
ENTITY = {"station": "station_id = $entity", "team": "team_id = $entity"}

STATE = """
WITH st AS (SELECT station_id FROM stations WHERE $where),
cm AS (
  SELECT customer_id, month, sum(liters) AS liters, max(last_ts) AS last_ts
  FROM agg_customer_month WHERE station_id IN (SELECT station_id FROM st)
    AND month >= $m5 AND month < $m0
  GROUP BY ALL
  UNION ALL  -- before M−5 only each pair's last month matters (the lapse rows hold it)
  SELECT customer_id, month, 0, max(last_ts) FROM agg_customer_lapse
  WHERE station_id IN (SELECT station_id FROM st) AND month < $m5
    AND (next_month IS NULL OR next_month > $m5) GROUP BY ALL
  UNION ALL
  SELECT customer_id, $m0::DATE, sum(liters), max(ts) FROM fuel_sales
  WHERE station_id IN (SELECT station_id FROM st) AND customer_id IS NOT NULL
    AND ts >= $m0 AND ts < $e GROUP BY ALL),
s AS (
  SELECT customer_id, max(month) AS last, max(last_ts) AS last_ts,
    coalesce(sum(liters) FILTER (month = $m0), 0) AS l0,
    coalesce(sum(liters) FILTER (month = $m1), 0) AS l1,
    coalesce(sum(liters) FILTER (month = $m2), 0) AS l2,
    coalesce(sum(liters) FILTER (month = $m3), 0) AS l3,
    coalesce(sum(liters) FILTER (month = $m4), 0) AS l4
  FROM cm GROUP BY customer_id),
f AS (
  SELECT s.*, CASE WHEN last >= $m3 THEN 'active' WHEN last >= $m7 THEN 'lost'
                   ELSE 'dormant' END AS status,
    l1 + l2 + l3 > 0 AND l0 * 30 * $dim < (l1 + l2 + l3) * 7 * $elapsed AS warning,
    l2 + l3 + l4 > 0 AND l1 * 30 < (l2 + l3 + l4) * 7 AS warned_before,
    last_ts >= $today AS today, (l1 + l2 + l3) / 3.0 * $progress - l0 AS risk
  FROM s)
"""

CARD = """
SELECT l.customer_id, c.name, c.phone, c.kind, c.grade, c.manager_id, c.home_station_id,
  l.status, l.warning, l.warning AND l.warned_before AS serious,
  l.warning AND l.warned_before AND c.grade IN ('gold', 'platinum', 'diamond') AS escalated,
  l.today, l.last, l.last_ts, l.l0, (l.l1 + l.l2 + l.l3) / 3.0 AS avg3, l.list, l.pos
FROM lists l LEFT JOIN customers c USING (customer_id)
ORDER BY l.list, l.pos
"""

# The drill: 50 per status, active by liters in M, lost and dormant by the last purchase.
DRILL = "".join((STATE, """,
lists AS (
  SELECT *, status AS list, row_number() OVER (PARTITION BY status ORDER BY
      CASE WHEN status = 'active' THEN l0 END DESC, CASE WHEN status <> 'active' THEN last END
      DESC, CASE WHEN status <> 'active' THEN last_ts END DESC, customer_id) AS pos
  FROM f)
""", CARD.replace("FROM lists l", "FROM (SELECT * FROM lists WHERE pos <= $limit) l")))

# The listed customers' 13 months at the entity and, over M−2..M, at the company's other
# stations (tonnes of the raw month by each product's density).
DETAILS = """
WITH st AS (SELECT station_id FROM stations WHERE $where),
ids AS (SELECT unnest($ids::VARCHAR[]) AS customer_id),
rows AS (
  SELECT customer_id, station_id, month, liters, tonnes FROM agg_customer_month
  WHERE customer_id IN (SELECT customer_id FROM ids) AND month >= $m12 AND month < $m0
    AND (station_id IN (SELECT station_id FROM st) OR month >= $m2)
  UNION ALL
  SELECT customer_id, station_id, $m0::DATE, liters, liters * density_kg_per_l / 1000
  FROM fuel_sales JOIN products USING (product_code)
  WHERE customer_id IN (SELECT customer_id FROM ids) AND ts >= $m0 AND ts < $e)
SELECT customer_id, month, NULL AS station_id, sum(liters), sum(tonnes) FROM rows
WHERE station_id IN (SELECT station_id FROM st) GROUP BY ALL
"""
ELSEWHERE = """UNION ALL
SELECT customer_id, NULL, station_id, sum(liters), sum(tonnes) FROM rows
WHERE station_id NOT IN (SELECT station_id FROM st) AND month >= $m2 GROUP BY ALL
"""

# The churn worklist: every warning of the team, most liters at risk first.
CHURN = "".join((STATE, """,
lists AS (
  SELECT *, 'warning' AS list, row_number() OVER (ORDER BY risk DESC, customer_id) AS pos
  FROM f WHERE warning)
""", CARD))


def list_params(level: str, entity: str, w: Window) -> dict[str, object]:
    """M and the months before it, the window's end bounds, the like-for-like factors."""
    m, end = w.last_month, w.end
    partial = end < add_months(m, 1) - timedelta(days=1)
    elapsed = end.day if partial else days_in_month(m)
    p: dict[str, object] = {f"m{n}": add_months(m, -n) for n in range(13)}
    p.update(entity=entity, e=datetime.combine(end + timedelta(days=1), time()),
             today=datetime.combine(end, time()), dim=days_in_month(m), elapsed=elapsed,
             progress=elapsed / days_in_month(m), limit=50)
    return p


def _execute(con: duckdb.DuckDBPyConnection, sql: str, level: str,
             p: dict[str, object]) -> list[tuple]:
    sql = sql.replace("$where", ENTITY[level])
    return con.execute(sql, {k: v for k, v in p.items() if re.search(rf"\${k}\b", sql)}).fetchall()


def drill(con: duckdb.DuckDBPyConnection, station: str, w: Window, limit: int = 50,
          moves: bool = True) -> tuple[list[tuple], list[tuple]]:
    """(list rows, detail rows) of the drill step to a station: two statements. `moves`: also
    the purchases elsewhere, as `customer_lists(moves=True)` reads (the page and the case do not)."""
    p = list_params("station", station, w) | {"limit": limit}
    rows = _execute(con, DRILL, "station", p)
    ids = sorted({r[0] for r in rows})
    details = "".join((DETAILS, ELSEWHERE)) if moves else DETAILS
    return rows, (_execute(con, details, "station", p | {"ids": ids}) if ids else [])


def churn(con: duckdb.DuckDBPyConnection, team: str, w: Window) -> list[tuple]:
    """The team's churn worklist rows, in order: one statement."""
    return _execute(con, CHURN, "team", list_params("team", team, w))

