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
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Engine, Select, and_, case, func, literal, select

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
_CHUNK = 500  # ids per IN list when reading history


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


def _statement(level: str, entity_id: str, w: Window, scope: Scope, kind: str,
               limit: int | None) -> Select:  # fmt: skip
    req = ProviderRequest(Level(level), (entity_id,), w, scope)
    ent = entity_stations(req)
    s = customer_state(w, ent)
    f = status_flags(w, s)
    today = q.buyers_on(ent, w.end)
    last = q.last_purchase(ent, w.end)
    cu, p = customers.c, _progress(w)
    gold = cu.grade.in_(GOLD_PLUS)
    at_risk = (s.c.l1 + s.c.l2 + s.c.l3) / 3.0 * literal(p) - s.c.l0
    status = case((f["active"], "active"), (f["lost"], "lost"), else_="dormant")

    def flag(cond: object) -> object:
        return case((cond, 1), else_=0)

    stmt = (
        select(
            s.c.customer_id, *q.person_columns(scope), cu.kind, cu.grade, cu.manager_id,
            cu.home_station_id, status.label("status"), flag(f["warning"]).label("warning"),
            flag(f["serious_warning"]).label("serious"),
            flag(and_(f["serious_warning"], gold)).label("escalated"),
            flag(today.c.customer_id.is_not(None)).label("bought_today"),
            s.c.last.label("last_month"), last.c.last_ts.label("last_purchase"),
            s.c.l0.label("liters_month"), ((s.c.l1 + s.c.l2 + s.c.l3) / 3.0).label("liters_avg3"),
        )
        .select_from(
            s.outerjoin(customers, cu.customer_id == s.c.customer_id)
            .outerjoin(today, today.c.customer_id == s.c.customer_id)
            .outerjoin(last, last.c.customer_id == s.c.customer_id)
        )
        .where(_where(kind, f, s, today))
    )  # fmt: skip
    if kind in ("lost", "dormant"):
        order = [s.c.last.desc(), last.c.last_ts.desc()]
    elif kind in ("active", "month", "today"):
        order = [s.c.l0.desc()]
    elif kind == "serious":
        order = [flag(and_(f["serious_warning"], gold)).desc(), at_risk.desc()]
    else:
        order = [at_risk.desc()]
    stmt = stmt.order_by(*order, s.c.customer_id)
    if kind == "watch" and limit is None:
        limit = WATCH_TOP
    return stmt.limit(limit) if limit is not None else stmt


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


def customer_list(engine: Engine, level: str, entity_id: str, window: Window, scope: Scope,
                  kind: str = "warning", limit: int | None = None,
                  details: bool = True) -> list[CustomerRow]:  # fmt: skip
    """The customers of one list at an entity and window (see the module docstring).

    `details=False` skips the 13-month history and the purchases elsewhere (for counting).
    Raises ValueError for an unknown kind or level, PermissionError for aggregates-only scopes.
    """
    if scope.aggregates_only:
        raise PermissionError("an aggregates-only scope may not read customer rows")
    if kind not in KINDS:
        raise ValueError(f"unknown customer list {kind!r}; use one of {', '.join(KINDS)}")
    stmt = _statement(level, entity_id, window, scope, kind, limit)
    with engine.connect() as conn:
        raw = conn.execute(stmt).mappings().all()
    ids = [r["customer_id"] for r in raw]
    hist: dict[str, tuple[MonthPoint, ...]] = {}
    away: dict[str, tuple[Elsewhere, ...]] = {}
    if details and ids:
        req = ProviderRequest(Level(level), (entity_id,), window, scope)
        hist = _histories(engine, req, window, ids)
        away = _elsewhere(engine, level, entity_id, window, scope, ids)
    p = _progress(window)
    return [_row(r, p, hist.get(r["customer_id"], ()), away.get(r["customer_id"], ()))
            for r in raw]  # fmt: skip


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
    """Number of customers in each list (tab badges); `watch` is capped at WATCH_TOP."""
    if scope.aggregates_only:
        raise PermissionError("an aggregates-only scope may not read customer rows")
    out: dict[str, int] = {}
    with engine.connect() as conn:
        for kind in KINDS:
            stmt = _statement(level, entity_id, window, scope, kind, None)
            counted = select(func.count()).select_from(stmt.order_by(None).subquery())
            out[kind] = int(conn.execute(counted).scalar_one())
    out["watch"] = min(out["watch"], WATCH_TOP)
    return out
