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
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Engine, Select, and_, case, func, literal, select, union_all

from data import customers as q
from data.schema import customers
from data.scope import Scope
from metrics.periods import Level, Window, add_months, days_in_month
from metrics.special.base import ProviderRequest
from metrics.special.customers import (
    GOLD_PLUS,
    as_of_month_is_partial,
    customer_state,
    entity_stations,
    status_flags,
)

KINDS: tuple[str, ...] = (
    "warning", "serious", "escalated", "lost", "dormant", "active", "month", "today", "watch",
)  # fmt: skip
WATCH_TOP = 20
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


def _progress(w: Window) -> float:
    m = w.last_month
    return w.end.day / days_in_month(m) if as_of_month_is_partial(w) else 1.0


def _where(kind: str, f: dict, s, today) -> object:  # noqa: ANN001 - SQL expressions
    gold = customers.c.grade.in_(GOLD_PLUS)
    return {
        "warning": f["warning"],
        "watch": f["warning"],
        "serious": f["serious_warning"],
        "escalated": and_(f["serious_warning"], gold),
        "lost": f["lost"],
        "dormant": f["dormant"],
        "active": f["active"],
        "month": s.c.l0 > 0,
        "today": today.c.customer_id.is_not(None),
    }[kind]


def _flag(cond: object) -> object:
    return case((cond, 1), else_=0)


def _order(kind: str, f: dict, s, at_risk, gold) -> list:  # noqa: ANN001 - SQL expressions
    """A list's order (the table in the module docstring), the customer id breaking ties."""
    if kind in ("lost", "dormant"):
        keys = [s.c.last.desc(), s.c.last_ts.desc()]
    elif kind in ("active", "month", "today"):
        keys = [s.c.l0.desc()]
    elif kind == "serious":
        keys = [_flag(and_(f["serious_warning"], gold)).desc(), at_risk.desc()]
    else:
        keys = [at_risk.desc()]
    return [*keys, s.c.customer_id]


def _statement(level: str, entity_id: str, w: Window, scope: Scope,
               kinds: dict[str, int | None]) -> Select:  # fmt: skip
    """One statement for several lists: the customer state is built once, and each list is a
    part (its filter, order and limit) tagged with `list_kind` and its position `list_pos`."""
    req = ProviderRequest(Level(level), (entity_id,), w, scope)
    ent = entity_stations(req)
    s = customer_state(w, ent, rollup=req.rollup, last_ts=True)
    f = status_flags(w, s)
    today = q.buyers_on(ent, w.end)
    cu, p = customers.c, _progress(w)
    gold = cu.grade.in_(GOLD_PLUS)
    at_risk = (s.c.l1 + s.c.l2 + s.c.l3) / 3.0 * literal(p) - s.c.l0
    status = case((f["active"], "active"), (f["lost"], "lost"), else_="dormant")
    columns = [
        s.c.customer_id, *q.person_columns(scope), cu.kind, cu.grade, cu.manager_id,
        cu.home_station_id, status.label("status"), _flag(f["warning"]).label("warning"),
        _flag(f["serious_warning"]).label("serious"),
        _flag(and_(f["serious_warning"], gold)).label("escalated"),
        _flag(today.c.customer_id.is_not(None)).label("bought_today"),
        s.c.last.label("last_month"), s.c.last_ts.label("last_purchase"),
        s.c.l0.label("liters_month"), ((s.c.l1 + s.c.l2 + s.c.l3) / 3.0).label("liters_avg3"),
    ]  # fmt: skip
    source = s.outerjoin(customers, cu.customer_id == s.c.customer_id).outerjoin(
        today, today.c.customer_id == s.c.customer_id)
    parts = []
    for kind, limit in kinds.items():
        order = _order(kind, f, s, at_risk, gold)
        part = (
            select(*columns, literal(kind).label("list_kind"),
                   func.row_number().over(order_by=order).label("list_pos"))
            .select_from(source).where(_where(kind, f, s, today)).order_by(*order)
        )  # fmt: skip
        part = part.limit(limit) if limit is not None else part
        parts.append(select(part.subquery(f"list_{kind}")))
    return parts[0] if len(parts) == 1 else union_all(*parts)  # type: ignore[return-value]


def _limits(kinds: Sequence[str], limit: int | None) -> dict[str, int | None]:
    """Each requested list's limit: `limit`, the watch list capped at WATCH_TOP by default."""
    for kind in kinds:
        if kind not in KINDS:
            raise ValueError(f"unknown customer list {kind!r}; use one of {', '.join(KINDS)}")
    return {k: WATCH_TOP if k == "watch" and limit is None else limit for k in dict.fromkeys(kinds)}


def _histories(engine: Engine, ent_req: ProviderRequest, w: Window,
               ids: list[str]) -> dict[str, tuple[MonthPoint, ...]]:  # fmt: skip
    months = [add_months(w.last_month, -n) for n in range(HISTORY_MONTHS - 1, -1, -1)]
    got: dict[str, dict[date, tuple[float, float]]] = defaultdict(dict)
    with engine.connect() as conn:
        for i in range(0, len(ids), _CHUNK):
            stmt = q.history(entity_stations(ent_req), months[0], w.end, ids[i:i + _CHUNK])
            for r in conn.execute(stmt):
                got[r.customer_id][_as_date(r.month)] = (float(r.liters), float(r.tonnes))
    return {
        cid: tuple(MonthPoint(m, *got[cid].get(m, (0.0, 0.0))) for m in months) for cid in ids
    }


def _elsewhere(engine: Engine, level: str, entity_id: str, w: Window, scope: Scope,
               ids: list[str]) -> dict[str, tuple[Elsewhere, ...]]:  # fmt: skip
    first = add_months(w.last_month, -(ELSEWHERE_MONTHS - 1))
    got: dict[str, list[Elsewhere]] = defaultdict(list)
    with engine.connect() as conn:
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
                   kinds: Sequence[str], limit: int | None = None,
                   details: bool = True) -> dict[str, list[CustomerRow]]:  # fmt: skip
    """Several lists at once (the drill's active, lost and dormant): one statement for the lists,
    then one for the histories and one for the purchases elsewhere of every listed customer.
    Returns {kind: rows} in the order of `kinds`; see `customer_list` for the rest."""
    if scope.aggregates_only:
        raise PermissionError("an aggregates-only scope may not read customer rows")
    limits = _limits(kinds, limit)
    stmt = _statement(level, entity_id, window, scope, limits)
    with engine.connect() as conn:
        raw = conn.execute(stmt).mappings().all()
    ids = list(dict.fromkeys(r["customer_id"] for r in raw))
    hist: dict[str, tuple[MonthPoint, ...]] = {}
    away: dict[str, tuple[Elsewhere, ...]] = {}
    if details and ids:
        req = ProviderRequest(Level(level), (entity_id,), window, scope)
        hist = _histories(engine, req, window, ids)
        away = _elsewhere(engine, level, entity_id, window, scope, ids)
    p = _progress(window)
    out: dict[str, list[CustomerRow]] = {k: [] for k in limits}
    for r in sorted(raw, key=lambda r: int(r["list_pos"])):
        cid = r["customer_id"]
        out[r["list_kind"]].append(_row(r, p, hist.get(cid, ()), away.get(cid, ())))
    return out


def customer_list(engine: Engine, level: str, entity_id: str, window: Window, scope: Scope,
                  kind: str = "warning", limit: int | None = None,
                  details: bool = True) -> list[CustomerRow]:  # fmt: skip
    """The customers of one list at an entity and window (see the module docstring).

    `details=False` skips the 13-month history and the purchases elsewhere (for counting).
    Raises ValueError for an unknown kind or level, PermissionError for aggregates-only scopes.
    """
    return customer_lists(engine, level, entity_id, window, scope, (kind,), limit, details)[kind]


def _row(r: dict, progress: float, history: tuple[MonthPoint, ...],
         away: tuple[Elsewhere, ...]) -> CustomerRow:  # fmt: skip
    return CustomerRow(
        customer_id=r["customer_id"], name=r["name"], phone=r["phone"], kind=r["kind"],
        grade=r["grade"], manager_id=r["manager_id"], home_station_id=r["home_station_id"],
        status=r["status"], warning=bool(r["warning"]), serious=bool(r["serious"]),
        escalated=bool(r["escalated"]), bought_today=bool(r["bought_today"]),
        last_month=_as_date(r["last_month"]), last_purchase=r["last_purchase"],
        liters_month=float(r["liters_month"] or 0), liters_avg3=float(r["liters_avg3"] or 0),
        progress=progress, history=history, elsewhere=away,
    )  # fmt: skip


def list_sizes(engine: Engine, level: str, entity_id: str, window: Window,
               scope: Scope) -> dict[str, int]:  # fmt: skip
    """Number of customers in each list (tab badges), in one statement; `watch` is capped at
    WATCH_TOP."""
    if scope.aggregates_only:
        raise PermissionError("an aggregates-only scope may not read customer rows")
    stmt = _statement(level, entity_id, window, scope, dict.fromkeys(KINDS)).subquery("lists")
    counted = select(stmt.c.list_kind, func.count()).group_by(stmt.c.list_kind)
    with engine.connect() as conn:
        got = {str(k): int(n) for k, n in conn.execute(counted)}
    out = {kind: got.get(kind, 0) for kind in KINDS}
    out["watch"] = min(out["watch"], WATCH_TOP)
    return out
