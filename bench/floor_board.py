"""The board's floor, part 1: every fuel, non-fuel, recharge, expense and plan number the board
reads, as hand-written DuckDB SQL (no catalogue, no compiler).

What the board reads (see `metrics.evaluator.run_plan`) is a set of sums keyed by (measure,
window, entity): the team, its sibling teams and their city (for the city benchmarks and the rank
in city), every station (for the share of green stations), over the current, MoM and YoY
windows, the comparisons of those comparisons (MoM's YoY …), the year-to-date windows of the
growth indicators, and the plans' whole months and years. The floor computes the same numbers with
the city's stations rolled up by GROUPING SETS, so its output can be compared key by key with the
evaluator's (tests/bench/test_floor_board.py). Sums of the fuel fact come from the `agg_fuel_day`
rollup the importer maintains (the app reads it too); distinct counts from raw rows.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import duckdb

from metrics.periods import Level, Window, comparison, window, year_to_date

Span = tuple[date, date]  # inclusive first and last day, as the evaluator keys its values

# The city's stations with their team ($city), rolled up the same way by every statement
# ($groups); both, and the windows table ($wins), are pasted into the statements by `_run`.
CITY = """(SELECT s.station_id, s.team_id, s.city_id FROM stations s
            WHERE s.city_id = (SELECT min(city_id) FROM stations WHERE team_id = $team))"""
GROUPS = "GROUPING SETS ((w, city_id, team_id, station_id), (w, city_id, team_id), (w, city_id))"
YTD_GROUPS = "GROUPING SETS ((city_id, team_id, station_id), (city_id, team_id), (city_id))"

FUEL_SUMS = """
SELECT $case(a.day) AS w, city_id, team_id, station_id,
  sum(liters) AS fuel_liters, sum(tonnes) AS fuel_tonnes,
  sum(tonnes) FILTER (kind = 'gasoline') AS fuel_tonnes_gasoline,
  sum(tonnes) FILTER (kind = 'diesel') AS fuel_tonnes_diesel,
  sum(tonnes) FILTER (product_code = 'G98') AS fuel_tonnes_g98,
  sum(tonnes) FILTER (product_code IN ('G95', 'G98')) AS fuel_tonnes_premium,
  sum(liters) FILTER (is_member) AS fuel_liters_member,
  sum(tonnes) FILTER (is_member) AS fuel_tonnes_member,
  sum(tonnes) FILTER (customer_kind = 'fleet') AS fuel_tonnes_fleet,
  sum(tonnes) FILTER (customer_grade IN ('gold', 'platinum', 'diamond')) AS fuel_tonnes_key,
  sum(tonnes) FILTER (payment_method = 'card') AS fuel_tonnes_card,
  sum(tonnes) FILTER (has_discount) AS fuel_tonnes_discounted,
  sum(list_amount) AS fuel_list_amount,
  sum(list_amount) FILTER (kind = 'gasoline') AS fuel_list_amount_gasoline,
  sum(list_amount) FILTER (kind = 'diesel') AS fuel_list_amount_diesel,
  sum(paid_amount) AS fuel_paid,
  sum(paid_amount) FILTER (kind = 'gasoline') AS fuel_paid_gasoline,
  sum(paid_amount) FILTER (kind = 'diesel') AS fuel_paid_diesel,
  sum(paid_amount) FILTER (payment_method = 'card') AS fuel_paid_card,
  sum(paid_amount) FILTER (payment_method = 'cash') AS fuel_paid_cash,
  sum(discount) AS fuel_discount, sum(discount) FILTER (is_member) AS fuel_discount_member,
  sum(fuel_cost) AS fuel_cost, sum(fuel_cost) FILTER (kind = 'gasoline') AS fuel_cost_gasoline,
  sum(fuel_cost) FILTER (kind = 'diesel') AS fuel_cost_diesel,
  sum(txn_count) AS fuel_txn, sum(txn_count) FILTER (kind = 'gasoline') AS fuel_txn_gasoline,
  sum(txn_count) FILTER (is_member) AS fuel_txn_member,
  sum(txn_count) FILTER (abnormal_discount) AS fuel_txn_abnormal_discount,
  sum(txn_count) FILTER (kind = 'gasoline' AND round10) AS fuel_txn_gasoline_round10
FROM agg_fuel_day a JOIN products p USING (product_code) JOIN $city s USING (station_id)
WHERE $in(a.day)
GROUP BY $groups
"""

# The growth indicators' year-to-date windows need only the volume (and non-fuel revenue); the
# comparisons' own comparisons only non-fuel revenue and cost (distinct counts are dearer).
FUEL_YTD = """
SELECT city_id, team_id, station_id, $each(fuel_tonnes, tonnes, a.day)
FROM agg_fuel_day a JOIN $city s USING (station_id)
WHERE $in(a.day)
GROUP BY $ytdgroups
"""

NONFUEL_YTD = """
SELECT city_id, team_id, station_id, $each(nonfuel_revenue_sum, revenue, n.ts),
  $each(nonfuel_cost_sum, cost, n.ts)
FROM nonfuel_sales n JOIN $city s USING (station_id)
WHERE $in(n.ts)
GROUP BY $ytdgroups
"""

FUEL_MEMBERS = """
SELECT $case(f.ts) AS w, city_id, team_id, station_id,
  count(DISTINCT customer_id) AS fuel_members_buying
FROM fuel_sales f JOIN $city s USING (station_id)
WHERE $in(f.ts)
GROUP BY $groups
"""

NONFUEL = """
SELECT $case(n.ts) AS w, city_id, team_id, station_id,
  sum(revenue) AS nonfuel_revenue_sum, sum(cost) AS nonfuel_cost_sum, sum(qty) AS nonfuel_qty,
  count(DISTINCT basket_id) AS nonfuel_baskets,
  sum(revenue) FILTER (category = 'lubricant') AS nonfuel_revenue_lubricant,
  sum(revenue) FILTER (category = 'own_brand') AS nonfuel_revenue_own_brand,
  count(DISTINCT station_id || '|' || category) AS nonfuel_station_categories
FROM nonfuel_sales n JOIN $city s USING (station_id)
WHERE $in(n.ts)
GROUP BY $groups
"""

RECHARGE = """
SELECT $case(r.ts) AS w, city_id, team_id, station_id, sum(amount) AS recharge_sum,
  sum(bonus) AS recharge_bonus_sum, count(*) AS recharge_txn,
  count(*) FILTER (amount >= 1000) AS recharge_txn_large,
  count(DISTINCT customer_id) AS recharge_customers
FROM card_recharges r JOIN $city s USING (station_id)
WHERE $in(r.ts) AND s.team_id = $team  -- only the team's own recharge figures are shown
GROUP BY $groups
"""

# A month's expense counts by the share of its days inside the window (w.weight per month).
EXPENSE = """
SELECT w, city_id, team_id, station_id, sum(amount * weight) AS expense_sum,
  sum(amount * weight) FILTER (category = 'labour') AS expense_labour,
  sum(amount * weight) FILTER (category = 'utilities') AS expense_utilities,
  sum(amount * weight) FILTER (category = 'repairs') AS expense_repairs,
  sum(amount * weight) FILTER (category = 'depreciation') AS expense_depreciation,
  sum(amount * weight) FILTER (category = 'marketing') AS expense_marketing,
  sum(amount * weight) FILTER (category = 'rent') AS expense_rent,
  sum(amount * weight) FILTER (category = 'other') AS expense_other
FROM expenses x JOIN $city s USING (station_id) JOIN $wins ON x.month = w.month
GROUP BY $groups
"""

# Plans: Σ target and the number of rows (no row = no plan) per plan measure and whole span.
PLAN = """
SELECT w, city_id, team_id, station_id, measure, sum(target) AS total, count(*) AS n
FROM plans p JOIN $city s USING (station_id) JOIN $wins ON p.month >= w.s AND p.month < w.e
GROUP BY GROUPING SETS ((w, measure, city_id, team_id, station_id), (w, measure, city_id, team_id),
                        (w, measure, city_id))
"""


def _next(d: date) -> date:
    return d + timedelta(days=1)


def windows(period, as_of: date) -> dict[str, list[Window]]:
    """The board's windows by use: the three main ones, their own comparisons, year-to-date
    windows (and their comparisons), and the plans' whole month and year spans."""
    cur = window(period, as_of)
    mom, yoy = comparison(cur, "mom"), comparison(cur, "yoy")
    second = [comparison(mom, "mom"), comparison(mom, "yoy"), comparison(yoy, "yoy")]
    ytd = year_to_date(cur)
    ytds = [ytd, comparison(ytd, "yoy"), year_to_date(mom), comparison(year_to_date(mom), "yoy"),
            comparison(comparison(ytd, "yoy"), "yoy")]
    return {"main": [cur, mom, yoy], "second": second, "ytd": ytds}


def _whole(w: Window) -> list[Span]:
    """Whole month and whole year around a window's end (the plans' spans)."""
    m0 = w.end.replace(day=1)
    m1 = (m0 + timedelta(days=32)).replace(day=1)
    return [(m0, m1 - timedelta(days=1)), (date(w.end.year, 1, 1), date(w.end.year, 12, 31))]


def _bounds(spans: list[Span], params: dict[str, object]) -> list[tuple[str, str]]:
    """Bind each window's half-open bounds; their parameter names."""
    names = []
    for i, (a, b) in enumerate(spans):
        params[f"ws{i}"], params[f"we{i}"] = a, _next(b)
        names.append((f"$ws{i}::DATE", f"$we{i}::DATE"))
    return names


def _values(spans: list[Span], params: dict[str, object], weights: bool) -> str:
    """A VALUES table of the windows (number, bounds), or with `weights` one row per month a
    window touches and the share of that month's days inside it (the expenses' pro rata)."""
    if not weights:
        rows = [f"({i}, {a}, {b})" for i, (a, b) in enumerate(_bounds(spans, params))]
        return f"(VALUES {', '.join(rows)}) w(w, s, e)"
    rows = []
    for i, (a, b) in enumerate(spans):
        for j, (m, share) in enumerate(Window(None, a, b).month_weights()):  # type: ignore[arg-type]
            params[f"wm{i}_{j}"], params[f"wf{i}_{j}"] = m, share
            rows.append(f"({i}, $wm{i}_{j}::DATE, $wf{i}_{j}::DOUBLE)")
    return f"(VALUES {', '.join(rows)}) w(w, month, weight)"


def _expand(sql: str, spans: list[Span], params: dict[str, object], weights: bool) -> str:
    """Paste the windows into a statement: `$in(col)` (inside any window), `$case(col)` (which
    window: they are disjoint), `$each(name, expr, col)` (one sum per window: they overlap),
    `$wins` (a VALUES table)."""
    b = _bounds(spans, params)
    def inside(col: str) -> list[str]:
        return [f"({col} >= {lo} AND {col} < {hi})" for lo, hi in b]
    sql = re.sub(r"\$in\(([\w.]+)\)", lambda m: "(" + " OR ".join(inside(m[1])) + ")", sql)
    sql = re.sub(r"\$case\(([\w.]+)\)", lambda m: "CASE " + " ".join(
        f"WHEN {c} THEN {i}" for i, c in enumerate(inside(m[1]))) + " END", sql)
    sql = re.sub(r"\$each\((\w+), (\w+), ([\w.]+)\)", lambda m: ", ".join(
        f'sum({m[2]}) FILTER {c} AS "{m[1]}#{i}"' for i, c in enumerate(inside(m[3]))), sql)
    if "$wins" in sql:
        sql = sql.replace("$wins", _values(spans, params, weights))
    return sql


def _entity(row: dict[str, object]) -> tuple[Level, str]:
    if row["station_id"] is not None:
        return (Level.STATION, str(row["station_id"]))
    if row["team_id"] is not None:
        return (Level.TEAM, str(row["team_id"]))
    return (Level.CITY, str(row["city_id"]))


def _run(con: duckdb.DuckDBPyConnection, sql: str, spans: list[Span], team: str,
         weights: bool = False) -> list[dict[str, object]]:
    params: dict[str, object] = {"team": team}
    sql = sql.replace("$city", CITY).replace("$ytdgroups", YTD_GROUPS).replace("$groups", GROUPS)
    sql = _expand(sql, spans, params, weights)
    params = {k: v for k, v in params.items() if re.search(rf"\${k}\b", sql)}
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


Values = dict[tuple[str, Span, tuple[Level, str]], float]

KEYS = ("w", "city_id", "team_id", "station_id")


def _collect(out: Values, rows: list[dict[str, object]], spans: list[Span]) -> None:
    """Index a statement's rows by (measure, span, entity); NULL sums (no rows) are left out."""
    for row in rows:
        ent = _entity(row)
        for name, v in row.items():
            if name in KEYS or v is None:
                continue
            if "#" in name:  # one column per window ($each)
                name, i = name.split("#")
                out[(name, spans[int(i)], ent)] = float(v)
            else:
                out[(name, spans[int(row["w"])], ent)] = float(v)


def _plans(out: Values, rows: list[dict[str, object]], spans: list[Span]) -> None:
    for row in rows:
        ent, span = _entity(row), spans[int(row["w"])]
        out[(f"plan__{row['measure']}", span, ent)] = float(row["total"])
        out[(f"plan_n__{row['measure']}", span, ent)] = float(row["n"])


def _spans(ws: list[Window]) -> list[Span]:
    return [(w.start, w.end) for w in ws]


def board_sums(con: duckdb.DuckDBPyConnection, team: str, period, as_of: date) -> Values:
    """Every fuel, non-fuel, recharge, expense and plan number of the team board, by (measure,
    window span, entity): eight statements."""
    ws = windows(period, as_of)
    main, short, ytd = _spans(ws["main"]), _spans(ws["main"] + ws["second"]), _spans(ws["ytd"])
    plan = sorted({s for w in ws["main"] for s in _whole(w)})
    out: Values = {}
    _collect(out, _run(con, FUEL_SUMS, short, team), short)
    _collect(out, _run(con, FUEL_YTD, ytd, team), ytd)
    _collect(out, _run(con, FUEL_MEMBERS, main, team), main)
    _collect(out, _run(con, NONFUEL, main, team), main)
    sums = _spans(ws["second"]) + ytd
    _collect(out, _run(con, NONFUEL_YTD, sums, team), sums)
    _collect(out, _run(con, RECHARGE, short, team), short)
    _collect(out, _run(con, EXPENSE, short, team, weights=True), short)
    _plans(out, _run(con, PLAN, plan, team), plan)
    return out


def board_values(con: duckdb.DuckDBPyConnection, team: str, period, as_of: date) -> Values:
    """Everything the board reads: `board_sums` plus the team's special numbers in the three
    main windows (four statements per window)."""
    from bench.floor_special import STATEMENTS, run_special

    out = board_sums(con, team, period, as_of)
    for w in windows(period, as_of)["main"]:
        for name in STATEMENTS:
            for measure, v in run_special(con, name, team, w).items():
                out[(measure, (w.start, w.end), (Level.TEAM, team))] = v
    return out
