"""Customer status and churn warning at an org entity, literally as the data contract words them.

Status at month M from k = M − L, L the month of the last fuel purchase *at the entity's
stations* up to M (and up to the as-of day): active k ≤ 3, lost 4 ≤ k ≤ 7, dormant k ≥ 8.
Churn warning at M: liters in M (so far) < 0.7 × average of M−3..M−1 (zero months included)
× the month's time progress, the average being above zero.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from metrics.periods import Window, add_months, month_start, months_between
from tests.metrics.oracle.frames import _MEMO, Frames, month_key, month_progress, station_ids
from tests.metrics.oracle.frames import upto as until


def member_purchases(fr: Frames, level: str, eid: str, upto: date) -> pd.DataFrame:
    """Fuel sales with a customer at the entity's stations, on or before `upto`."""
    key = ("members", id(fr.fuel), level, eid, upto)
    if key not in _MEMO:
        f = fr.fuel
        keep = f["station_id"].isin(station_ids(fr, level, eid)) & f["is_member"] & until(f, upto)
        _MEMO[key] = f[keep]
    return _MEMO[key]  # type: ignore[return-value]


def months_since_last(fr: Frames, level: str, eid: str, win: Window,
                      month: date | None = None) -> dict[str, int]:
    """k per customer who bought at the entity up to the status month: by default the window's
    last month (purchases up to the window end), or an earlier, whole `month`."""
    m = month or month_start(win.end)
    upto = win.end if month is None else month_end(m)
    buys = member_purchases(fr, level, eid, upto)
    out: dict[str, int] = {}
    for cid, ts in buys.groupby("customer_id")["ts"].max().items():
        out[str(cid)] = months_between(month_start(ts.date()), m)
    return out


def status_of(k: int) -> str:
    """The contract's status names for k whole months since the last purchase."""
    if k <= 3:
        return "active"
    if k <= 7:
        return "lost"
    return "dormant"


def month_end(m: date) -> date:
    """Last day of m's month."""
    return date.fromordinal(add_months(m, 1).toordinal() - 1)


def customers_with_status(fr: Frames, level: str, eid: str, win: Window, status: str,
                          month: date | None = None) -> set[str]:
    """Customers of one status at the window's last month (or at an earlier whole month)."""
    ks = months_since_last(fr, level, eid, win, month)
    return {c for c, k in ks.items() if status_of(k) == status}


def monthly_liters(fr: Frames, level: str, eid: str, upto: date) -> dict[tuple[str, str], float]:
    """(customer, YYYY-MM) -> liters at the entity's stations, sales up to `upto`."""
    buys = member_purchases(fr, level, eid, upto)
    g = buys.groupby(["customer_id", "month"])["liters"].sum()
    return {(str(c), str(m)): float(v) for (c, m), v in g.items()}


def warned(fr: Frames, level: str, eid: str, win: Window, month: date | None = None) -> set[str]:
    """Customers under churn warning at `month` (default: the window's last month).

    For the as-of month the liters so far are compared with 0.7 × average × time progress; an
    earlier month (for the serious warning) is taken whole.
    """
    m = month or month_start(win.end)
    upto = win.end if month is None else month_end(m)
    progress = month_progress(win) if month is None else 1.0
    lit = monthly_liters(fr, level, eid, upto)
    customers = {c for c, _ in lit}
    out: set[str] = set()
    for c in customers:
        prev = [lit.get((c, month_key(add_months(m, -j))), 0.0) for j in (1, 2, 3)]
        avg = sum(prev) / 3
        now = lit.get((c, month_key(m)), 0.0)
        if avg > 0 and now < 0.7 * avg * progress:
            out.add(c)
    return out


def seriously_warned(fr: Frames, level: str, eid: str, win: Window) -> set[str]:
    """Warned at the status month and at the month before (two consecutive warning months)."""
    m = month_start(win.end)
    return warned(fr, level, eid, win) & warned(fr, level, eid, win, add_months(m, -1))
