"""Floor of the operating statement (量本费利) of a team-month: the base sums by hand in DuckDB SQL
(four statements: fuel by product kind from the `agg_fuel_day` rollup, non-fuel, expenses by
category pro rata of the window's days, plans), then each line's actual, plan and last-year value
in plain Python from those sums (the statement's lines are sums, differences and per-tonne
ratios of them).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import duckdb

from metrics.periods import Period, Window, comparison, window

FUEL = """
SELECT day >= $c0 AS cur, p.kind, sum(tonnes), sum(paid_amount), sum(fuel_cost)
FROM agg_fuel_day a JOIN products p USING (product_code)
WHERE station_id IN (SELECT station_id FROM stations WHERE team_id = $team)
  AND ((day >= $c0 AND day < $c1) OR (day >= $y0 AND day < $y1))
GROUP BY ALL
"""

NONFUEL = """
SELECT ts >= $c0 AS cur, sum(revenue), sum(cost) FROM nonfuel_sales
WHERE station_id IN (SELECT station_id FROM stations WHERE team_id = $team)
  AND ((ts >= $c0 AND ts < $c1) OR (ts >= $y0 AND ts < $y1))
GROUP BY ALL
"""

# A month's expenses count by the share of its days inside the window (the as-of month pro rata).
EXPENSES = """
SELECT month = $mc AS cur, category,
  sum(amount * CASE WHEN month = $mc THEN $wc ELSE $wy END)
FROM expenses WHERE station_id IN (SELECT station_id FROM stations WHERE team_id = $team)
  AND month IN ($mc, $my)
GROUP BY ALL
"""

PLANS = """
SELECT measure, sum(target) FROM plans
WHERE station_id IN (SELECT station_id FROM stations WHERE team_id = $team) AND month = $mc
GROUP BY ALL
"""

EXPENSE_LINES = {"labour_cost": "labour", "stmt_expense_utilities": "utilities",
                 "repairs_expense": "repairs", "stmt_expense_depreciation": "depreciation",
                 "rent_expense": "rent", "marketing_expense": "marketing",
                 "stmt_expense_other": "other"}
PLANNED = ("fuel_volume_t", "gasoline_volume_t", "diesel_volume_t", "nonfuel_revenue",
           "nonfuel_gross_profit", "expenses", "operating_profit")


def _share(w: Window) -> float:
    """Share of the window's (single) month's days inside it."""
    ((_, share),) = w.month_weights()
    return share


def statement_params(team: str, period: Period, as_of: date) -> dict[str, object]:
    """The month to date and the same days a year earlier."""
    cur = window(period, as_of)
    ly = comparison(cur, "yoy")
    one = timedelta(days=1)
    return {"team": team, "c0": cur.start, "c1": cur.end + one, "y0": ly.start,
            "y1": ly.end + one, "mc": cur.start, "my": ly.start, "wc": _share(cur),
            "wy": _share(ly)}


def base_sums(con: duckdb.DuckDBPyConnection, p: dict[str, object]) -> dict[str, dict[str, float]]:
    """{'cur'|'ly': {sum name: value}} and {'plan': {measure: target}}: four statements."""
    out: dict[str, dict[str, float]] = {"cur": {}, "ly": {}, "plan": {}}

    def run(sql: str) -> list[tuple]:
        return con.execute(sql, {k: v for k, v in p.items() if re.search(rf"\${k}\b", sql)}).fetchall()

    def add(cur: bool, name: str, v: object) -> None:
        d = out["cur" if cur else "ly"]
        d[name] = d.get(name, 0.0) + float(v or 0)

    for cur, kind, t, paid, cost in run(FUEL):
        for name, v in (("t", t), ("paid", paid), ("cost", cost)):
            add(cur, name, v)
            add(cur, f"{name}_{kind}", v)
    for cur, rev, cost in run(NONFUEL):
        add(cur, "nf_rev", rev)
        add(cur, "nf_cost", cost)
    for cur, cat, amount in run(EXPENSES):
        add(cur, "exp", amount)
        add(cur, f"exp_{cat}", amount)
    out["plan"] = {m: float(v) for m, v in run(PLANS)}
    return out


def _per_t(x: float | None, t: float | None) -> float | None:
    return x / t if x is not None and t else None


def lines(b: dict[str, float]) -> dict[str, float | None]:
    """Every statement line from one window's sums."""
    g = b.get
    fgp = g("paid", 0.0) - g("cost", 0.0)
    nfgp = g("nf_rev", 0.0) - g("nf_cost", 0.0)
    op = fgp + nfgp - g("exp", 0.0)
    out: dict[str, float | None] = {
        "fuel_volume_t": g("t", 0.0), "gasoline_volume_t": g("t_gasoline", 0.0),
        "diesel_volume_t": g("t_diesel", 0.0), "stmt_revenue": g("paid", 0.0) + g("nf_rev", 0.0),
        "fuel_revenue": g("paid", 0.0), "stmt_revenue_gasoline": g("paid_gasoline", 0.0),
        "stmt_revenue_diesel": g("paid_diesel", 0.0), "nonfuel_revenue": g("nf_rev", 0.0),
        "stmt_cost_of_goods": g("cost", 0.0) + g("nf_cost", 0.0), "stmt_fuel_cost": g("cost", 0.0),
        "stmt_fuel_cost_gasoline": g("cost_gasoline", 0.0),
        "stmt_fuel_cost_diesel": g("cost_diesel", 0.0), "stmt_nonfuel_cost": g("nf_cost", 0.0),
        "total_gross_profit": fgp + nfgp, "fuel_gross_profit": fgp,
        "stmt_gp_gasoline": g("paid_gasoline", 0.0) - g("cost_gasoline", 0.0),
        "stmt_gp_diesel": g("paid_diesel", 0.0) - g("cost_diesel", 0.0),
        "nonfuel_gross_profit": nfgp, "expenses": g("exp", 0.0), "operating_profit": op,
        "fuel_gp_per_tonne": _per_t(fgp, g("t")), "expense_per_tonne": _per_t(g("exp", 0.0), g("t")),
        "profit_per_tonne": _per_t(op, g("t")),
    }
    out.update({line: g(f"exp_{cat}", 0.0) for line, cat in EXPENSE_LINES.items()})
    return out


def plans(plan: dict[str, float]) -> dict[str, float | None]:
    """Each line's plan: the planned measures, and per tonne one plan over the volume plan."""
    out: dict[str, float | None] = {k: plan.get(k) for k in PLANNED}
    vol = plan.get("fuel_volume_t")
    out["expense_per_tonne"] = _per_t(plan.get("expenses"), vol)
    out["profit_per_tonne"] = _per_t(plan.get("operating_profit"), vol)
    return out


def statement(con: duckdb.DuckDBPyConnection, team: str, period: Period,
              as_of: date) -> dict[str, tuple[float | None, float | None, float | None]]:
    """{line id: (actual, plan, last year)} of the team's month-to-date statement."""
    b = base_sums(con, statement_params(team, period, as_of))
    cur, ly, pl = lines(b["cur"]), lines(b["ly"]), plans(b["plan"])
    return {k: (cur[k], pl.get(k), ly[k]) for k in cur}
