"""Customer lists of an entity (客户圈): who warns, who is lost, who bought today — one row each.

    customer_list(engine, level, entity_id, window, scope, kind="warning", limit=None)
        -> list[CustomerRow]

Stable signature (the org drill-down calls it for a station). `level` is province, city, team
or station; `kind` one of `KINDS`:

| kind       | who                                                      | order               |
|------------|----------------------------------------------------------|---------------------|
| warning    | churn warning at M (70 % rule, like for like to date)    | liters at risk ↓    |
| serious    | warning at M and M−1                                     | escalated first     |
| escalated  | serious and grade gold or above                          | liters at risk ↓    |
| lost       | 4 ≤ k ≤ 7 months since the last purchase at the entity   | last purchase ↓     |
| dormant    | k ≥ 8                                                    | last purchase ↓     |
| active     | k ≤ 3                                                    | liters in M ↓       |
| month      | bought at the entity in M (to the as-of day)             | liters in M ↓       |
| today      | bought at the entity on the window's last day            | liters in M ↓       |
| watch      | warnings ranked by liters at risk (default top 20)       | liters at risk ↓    |

The flags are the status providers' own SQL (`customer_state`, `status_flags` over
`entity_stations`, scope applied and failing closed), so a list's length equals the board's
count for the same entity and window. Liters at risk = avg(M−3..M−1) × p − liters(M), p the time
progress of a month cut short by the as-of day. Names and phones come masked unless `scope.pii`;
an aggregates-only scope gets `PermissionError`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime

from sqlalchemy import Connection, Engine, Row, Select, func, select

from data import customers as q
from data.schema import customers
from data.scope import Scope
from metrics.customer_lists_sql import (
    KINDS,
    WATCH_TOP,
    list_limits,
    listed,
    month_progress,
    row_columns,
)
from metrics.periods import Level, Window, add_months
from metrics.special.base import ProviderRequest
from metrics.special.customers import customer_state, entity_stations, status_flags

__all__ = ["KINDS", "WATCH_TOP", "CustomerRow", "Elsewhere", "MonthPoint", "customer_list",
           "customer_lists", "customer_row", "list_sizes"]
HISTORY_MONTHS = 13
ELSEWHERE_MONTHS = 3
_CHUNK = 2000  # ids per IN list when reading history (a drill's three lists fit in one)


@dataclass(frozen=True)
class MonthPoint:
    """One month of a customer's purchases at the entity."""

    month: date
    liters: float
    tonnes: float


@dataclass(frozen=True)
class Elsewhere:
    """Purchases at one of the company's stations outside the entity (last 3 months)."""

    station_id: str | None  # None when the caller may not see that station
    station_name: str | None
    liters: float
    tonnes: float


@dataclass(frozen=True)
class CustomerRow:
    """One customer at one entity at the window's month M (see the module docstring)."""

    customer_id: str
    name: str | None
    phone: str | None
    kind: str | None
    grade: str | None
    manager_id: str | None
    home_station_id: str | None
    status: str  # active | lost | dormant
    warning: bool
    serious: bool
    escalated: bool
    bought_today: bool
    last_month: date
    last_purchase: datetime | None
    liters_month: float
    liters_avg3: float
    progress: float
    history: tuple[MonthPoint, ...] = ()
    elsewhere: tuple[Elsewhere, ...] = field(default=())

    @property
    def liters_expected(self) -> float:
        """The like-for-like expectation for M: the three-month average × time progress."""
        return self.liters_avg3 * self.progress

    @property
    def liters_at_risk(self) -> float:
        """How far M falls short of the expectation (0 when it does not)."""
        return max(self.liters_expected - self.liters_month, 0.0)

    @property
    def change(self) -> float | None:
        """liters(M) / expectation − 1; None without a previous average."""
        exp = self.liters_expected
        return self.liters_month / exp - 1 if exp > 0 else None

    @property
    def tonnes_month(self) -> float:
        """Tonnes bought at the entity in M (from the history)."""
        return self.history[-1].tonnes if self.history else 0.0

    @property
    def tonnes_avg3(self) -> float:
        """Average tonnes over M−3..M−1 (zero months included)."""
        return sum(p.tonnes for p in self.history[-4:-1]) / 3 if self.history else 0.0

    @property
    def moved(self) -> bool:
        """Bought at another station of the company in the last three months (内部转移)."""
        return bool(self.elsewhere)


def _statement(level: str, entity_id: str, w: Window, scope: Scope,
               kinds: dict[str, int | None]) -> Select:  # fmt: skip
    """One statement for several lists: the customer state is built once, each list picks its
    customers and positions from it (`customer_lists_sql.listed`), and the picked customers
    alone are joined to their names and flags. Columns: `row_columns`, list_kind, list_pos."""
    req = ProviderRequest(Level(level), (entity_id,), w, scope)
    ent = entity_stations(req)
    s = customer_state(w, ent, rollup=req.rollup, last_ts=True)
    f = status_flags(w, s)
    today = q.buyers_on(ent, w.end)
    picked = listed(kinds, s, f, today, w)
    source = (
        picked.join(s, s.c.customer_id == picked.c.customer_id)
        .outerjoin(customers, customers.c.customer_id == picked.c.customer_id)
        .outerjoin(today, today.c.customer_id == picked.c.customer_id)
    )
    return (
        select(*row_columns(s, f, today, scope), picked.c.list_kind, picked.c.list_pos)
        .select_from(source).order_by(picked.c.list_pos, picked.c.list_kind)
    )  # fmt: skip


def _histories(conn: Connection, ent_req: ProviderRequest, w: Window,
               ids: list[str]) -> dict[str, tuple[MonthPoint, ...]]:  # fmt: skip
    months = [add_months(w.last_month, -n) for n in range(HISTORY_MONTHS - 1, -1, -1)]
    got: dict[str, dict[date, tuple[float, float]]] = defaultdict(dict)
    for i in range(0, len(ids), _CHUNK):
        stmt = q.history(entity_stations(ent_req), months[0], w.end, ids[i:i + _CHUNK])
        for cid, month, liters, tonnes in conn.execute(stmt):
            got[cid][_as_date(month)] = (float(liters), float(tonnes))
    none = (0.0, 0.0)
    return {cid: tuple(MonthPoint(m, *got[cid].get(m, none)) for m in months) for cid in ids}


def _elsewhere(conn: Connection, level: str, entity_id: str, w: Window, scope: Scope,
               ids: list[str]) -> dict[str, tuple[Elsewhere, ...]]:  # fmt: skip
    first = add_months(w.last_month, -(ELSEWHERE_MONTHS - 1))
    got: dict[str, list[Elsewhere]] = defaultdict(list)
    for i in range(0, len(ids), _CHUNK):
        stmt = q.elsewhere(Level(level).column, entity_id, scope, first, w.end,
                           ids[i:i + _CHUNK])  # fmt: skip
        for r in conn.execute(stmt):
            shown = bool(r.visible)
            got[r.customer_id].append(Elsewhere(
                r.station_id if shown else None, r.station_name if shown else None,
                float(r.liters), float(r.tonnes)))  # fmt: skip
    return {cid: tuple(sorted(v, key=lambda e: -e.liters)) for cid, v in got.items()}


def _as_date(value: object) -> date:
    return value.date() if isinstance(value, datetime) else value  # type: ignore[return-value]


def customer_lists(engine: Engine, level: str, entity_id: str, window: Window, scope: Scope,
                   kinds: Sequence[str], limit: int | None = None, details: bool = True,
                   moves: bool = True) -> dict[str, list[CustomerRow]]:  # fmt: skip
    """Several lists at once (the drill's active, lost and dormant): one statement for the lists,
    then one for the histories and (with `moves`) one for the purchases elsewhere of every
    listed customer. `moves=False` leaves `elsewhere` empty for callers that do not show it
    (the org drill shows status, trend and last purchase only).
    Returns {kind: rows} in the order of `kinds`; see `customer_list` for the rest."""
    if scope.aggregates_only:
        raise PermissionError("an aggregates-only scope may not read customer rows")
    limits = list_limits(kinds, limit)
    stmt = _statement(level, entity_id, window, scope, limits)
    p = month_progress(window)
    out: dict[str, list[CustomerRow]] = {k: [] for k in limits}
    hist: dict[str, tuple[MonthPoint, ...]] = {}
    away: dict[str, tuple[Elsewhere, ...]] = {}
    with engine.connect() as conn:  # one connection (one transaction) for all statements
        raw = conn.execute(stmt).all()  # by position, so each list's rows come in its order
        ids = list(dict.fromkeys(r[0] for r in raw)) if details else []
        if ids:
            req = ProviderRequest(Level(level), (entity_id,), window, scope)
            hist = _histories(conn, req, window, ids)
            if moves:
                away = _elsewhere(conn, level, entity_id, window, scope, ids)
    if not details:
        for r in raw:
            out[r[-2]].append(customer_row(r, p))
        return out
    for r in raw:
        out[r[-2]].append(customer_row(r, p, hist.get(r[0], ()), away.get(r[0], ())))
    return out


def customer_list(engine: Engine, level: str, entity_id: str, window: Window, scope: Scope,
                  kind: str = "warning", limit: int | None = None,
                  details: bool = True) -> list[CustomerRow]:  # fmt: skip
    """The customers of one list at an entity and window (see the module docstring).

    `details=False` skips the 13-month history and the purchases elsewhere (for counting).
    Raises ValueError for an unknown kind or level, PermissionError for aggregates-only scopes.
    """
    return customer_lists(engine, level, entity_id, window, scope, (kind,), limit, details)[kind]


_ROW_FIELDS = tuple(f.name for f in fields(CustomerRow))


def customer_row(v: Row | Sequence, progress: float, history: tuple[MonthPoint, ...] = (),
                 away: tuple[Elsewhere, ...] = ()) -> CustomerRow:  # fmt: skip
    """A `CustomerRow` from the first 16 values of a result row in `row_columns` order
    (customer_id … liters_avg3)."""
    (cid, name, phone, kind, grade, manager, home, status, warning, serious, escalated, today,
     last_month, last_purchase, l0, avg3) = v[:16]  # fmt: skip
    values = (
        cid, name, phone, kind, grade, manager, home, status, bool(warning), bool(serious),
        bool(escalated), bool(today), _as_date(last_month), last_purchase, float(l0 or 0),
        float(avg3 or 0), progress, history, away,
    )  # fmt: skip
    # Every field is given, so the frozen dataclass's __init__ (one object.__setattr__ per
    # field: ~5 µs a row, a third of a 5,000-row team worklist's Python time) is skipped by
    # filling the instance dict directly; the row is as immutable and equal as any other.
    row = object.__new__(CustomerRow)
    row.__dict__.update(zip(_ROW_FIELDS, values, strict=True))
    return row


def list_sizes(engine: Engine, level: str, entity_id: str, window: Window,
               scope: Scope) -> dict[str, int]:  # fmt: skip
    """Number of customers in each list (tab badges), in one statement; `watch` is capped at
    WATCH_TOP."""
    if scope.aggregates_only:
        raise PermissionError("an aggregates-only scope may not read customer rows")
    req = ProviderRequest(Level(level), (entity_id,), window, scope)
    ent = entity_stations(req)
    s = customer_state(window, ent, rollup=req.rollup, last_ts=True)
    picked = listed(dict.fromkeys(KINDS), s, status_flags(window, s),
                    q.buyers_on(ent, window.end), window)  # fmt: skip
    counted = select(picked.c.list_kind, func.count()).group_by(picked.c.list_kind)
    with engine.connect() as conn:
        got = {str(k): int(n) for k, n in conn.execute(counted)}
    out = {kind: got.get(kind, 0) for kind in KINDS}
    out["watch"] = min(out["watch"], WATCH_TOP)
    return out
