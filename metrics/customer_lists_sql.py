"""The SQL of the customer lists (metrics/customer_lists.py, metrics/customer_lists_many.py).

Each list is a filter, an order and a limit over the status providers' customer state
(`metrics.special.customers.customer_state` and `status_flags`), so a list's length equals the
board's count. The pieces here are shared by the one-entity lists and the many-entity lists of
the alert job: `list_filter`, `list_order`, `list_limits`, `row_columns` (the columns a
`CustomerRow` is built from, in order) and `listed` (which customers a list holds, in which
position).

Why `listed` filters, orders and cuts on the state alone: joining the customers table (names,
grades) for every customer of the entity before the limit cost a scan of `customers` per list
and a window over every candidate; the lists join it once, for the customers they keep. Only the
lists whose filter or order needs the grade (serious, escalated) or today's buyers (today) join
those in their part.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import CTE, Select, and_, case, func, literal, select, union_all
from sqlalchemy.sql.expression import ColumnElement, Subquery

from data import customers as q
from data.schema import customers
from data.scope import Scope
from metrics.periods import Window, days_in_month
from metrics.special.customers import GOLD_PLUS, as_of_month_is_partial

KINDS: tuple[str, ...] = (
    "warning", "serious", "escalated", "lost", "dormant", "active", "month", "today", "watch",
)  # fmt: skip
WATCH_TOP = 20
_NEEDS_GRADE = frozenset({"serious", "escalated"})


def month_progress(w: Window) -> float:
    """Time progress p of the window's month: elapsed days / days in the month when the as-of day
    cuts it short, else 1 (the like-for-like factor of the churn rule)."""
    m = w.last_month
    return w.end.day / days_in_month(m) if as_of_month_is_partial(w) else 1.0


def flag(cond: object) -> ColumnElement:
    """1 when `cond` holds, else 0 (portable boolean column)."""
    return case((cond, 1), else_=0)


def at_risk(s: CTE, w: Window) -> ColumnElement:
    """Liters at risk: avg(M−3..M−1) × p − liters(M) (may be negative; the order key)."""
    return (s.c.l1 + s.c.l2 + s.c.l3) / 3.0 * literal(month_progress(w)) - s.c.l0


def list_filter(kind: str, f: dict, s: CTE, today: CTE) -> object:
    """Who is in list `kind`: a condition over the state `s`, its flags `f`, `customers` (the
    escalated list reads the grade) and today's buyers `today` (the today list)."""
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


def order_keys(kind: str, f: dict, s: CTE, risk: ColumnElement) -> list[tuple[object, bool]]:
    """(expression, descending) of a list's order (module docstring of customer_lists), the
    customer id last so that the order is total."""
    if kind in ("lost", "dormant"):
        keys = [(s.c.last, True), (s.c.last_ts, True)]
    elif kind in ("active", "month", "today"):
        keys = [(s.c.l0, True)]
    elif kind == "serious":
        gold = customers.c.grade.in_(GOLD_PLUS)
        keys = [(flag(and_(f["serious_warning"], gold)), True), (risk, True)]
    else:
        keys = [(risk, True)]
    return [*keys, (s.c.customer_id, False)]


def list_order(kind: str, f: dict, s: CTE, risk: ColumnElement) -> list:
    """A list's ORDER BY clauses (see `order_keys`)."""
    return [e.desc() if desc else e for e, desc in order_keys(kind, f, s, risk)]  # type: ignore[attr-defined]


def list_limits(kinds: Sequence[str], limit: int | None) -> dict[str, int | None]:
    """Each requested list's limit: `limit`, the watch list capped at WATCH_TOP by default.
    Raises ValueError for an unknown kind."""
    for kind in kinds:
        if kind not in KINDS:
            raise ValueError(f"unknown customer list {kind!r}; use one of {', '.join(KINDS)}")
    return {k: WATCH_TOP if k == "watch" and limit is None else limit for k in dict.fromkeys(kinds)}


def row_columns(s: CTE, f: dict, today: CTE, scope: Scope) -> list[ColumnElement]:
    """The 16 columns a `CustomerRow` is built from, in its field order (customer_id …
    liters_avg3); personal fields masked unless `scope.pii`."""
    cu = customers.c
    gold = cu.grade.in_(GOLD_PLUS)
    status = case((f["active"], "active"), (f["lost"], "lost"), else_="dormant")
    return [
        s.c.customer_id, *q.person_columns(scope), cu.kind, cu.grade, cu.manager_id,
        cu.home_station_id, status.label("status"), flag(f["warning"]).label("warning"),
        flag(f["serious_warning"]).label("serious"),
        flag(and_(f["serious_warning"], gold)).label("escalated"),
        flag(today.c.customer_id.is_not(None)).label("bought_today"),
        s.c.last.label("last_month"), s.c.last_ts.label("last_purchase"),
        s.c.l0.label("liters_month"), ((s.c.l1 + s.c.l2 + s.c.l3) / 3.0).label("liters_avg3"),
    ]  # fmt: skip


def _part(kind: str, limit: int | None, s: CTE, f: dict, today: CTE, risk: ColumnElement) -> Select:
    """One list's customers with their position: filtered, ordered and cut first, numbered after
    (the order is total, so the top `limit` numbered alone keep their positions)."""
    keys = order_keys(kind, f, s, risk)
    src = s
    if kind in _NEEDS_GRADE:
        src = src.outerjoin(customers, customers.c.customer_id == s.c.customer_id)
    if kind == "today":
        src = src.outerjoin(today, today.c.customer_id == s.c.customer_id)
    cut = (
        select(s.c.customer_id, *(e.label(f"k{i}") for i, (e, _) in enumerate(keys[:-1])))  # type: ignore[attr-defined]
        .select_from(src).where(list_filter(kind, f, s, today))
    )  # fmt: skip
    if limit is not None:
        cut = cut.order_by(*list_order(kind, f, s, risk)).limit(limit)
    sub = cut.subquery(f"list_{kind}")
    cols = [sub.c[f"k{i}"] for i in range(len(keys) - 1)] + [sub.c.customer_id]
    order = [c.desc() if desc else c for c, (_, desc) in zip(cols, keys, strict=True)]
    return select(sub.c.customer_id, literal(kind).label("list_kind"),
                  func.row_number().over(order_by=order).label("list_pos"))  # fmt: skip


def listed(kinds: dict[str, int | None], s: CTE, f: dict, today: CTE, w: Window) -> Subquery:
    """(customer_id, list_kind, list_pos) of every requested list, in one subquery."""
    risk = at_risk(s, w)
    parts = [_part(k, lim, s, f, today, risk) for k, lim in kinds.items()]
    both = parts[0] if len(parts) == 1 else union_all(*parts)
    return both.subquery("listed")
