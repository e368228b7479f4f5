"""Customer status providers (`customers.status`) and the SQL pieces every provider shares.

Definitions are the contract's ("Fixed definitions", data-contract.md):
- A customer is counted at an entity from their fuel purchases at that entity's stations only, so
  one customer buying in two teams has a status in each team, and the two may differ.
- M is the window's last month (the as-of month of a to-date window). k = M − L, L the month of
  the last purchase at the entity up to M: active k ≤ 3, lost 4 ≤ k ≤ 7, dormant k ≥ 8.
- Churn warning at M: liters(M) < 0.7 × avg(liters(M−3..M−1)) × p, the average over three
  calendar months (zero months included) and > 0; "below" is strict. p is the time progress of
  month M (as-of day / days in month) when M is cut short by the as-of date, else 1. Evaluated in
  exact arithmetic as 30·d·l0 < 7·(l1+l2+l3)·e (e elapsed days, d days in M) so that a customer
  at exactly 70 % is not a warning because of floating-point noise.
- Serious warning: a warning at M and at M−1 (M−1 is a closed month: p = 1).
- Closed months come from `agg_customer_month`; the as-of month of a to-date window from
  `fuel_sales` up to the as-of day (the rollup holds whole months only).

Outputs are counts except `loyal_liters` (liters in M of customers who bought at the entity in
each of M, M−1 and M−2). `members_buying` counts distinct customers with liters at the entity
anywhere in the window (a quarter's three months, not only M).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import CTE, Date, Select, and_, case, cast, func, literal, or_, select, union_all

from data.schema import agg_customer_lapse, agg_customer_month, customers, fuel_sales, stations
from metrics.periods import ORG_LEVELS, Window, add_months, days_in_month, month_start
from metrics.special.base import ProviderRequest, ProviderSpec

GOLD_PLUS = ("gold", "platinum", "diamond")


# ---- shared by all providers ----------------------------------------------------------------


def entity_stations(req: ProviderRequest, name: str = "entity_stations") -> CTE:
    """Stations of the requested entities inside the caller's scope (fail closed).

    Columns: station_id, entity_id, city_id, opened_on. A station outside the scope is never
    read, so a partly visible entity is measured on its visible stations only. The providers'
    definitions are fixed by the contract, so they take no `params`: a YAML typo fails loudly
    rather than being ignored.
    """
    if req.params:
        raise ValueError(f"special providers take no params, got {sorted(req.params)}")
    if req.level not in ORG_LEVELS:
        raise ValueError(f"special providers work at org levels only, not {req.level!r}")
    st = stations.c
    query = select(
        st.station_id,
        st[req.level.column].label("entity_id"),
        st.city_id,
        st.opened_on,
    ).where(st[req.level.column].in_(list(req.entity_ids)), req.scope.station_predicate(st))
    return query.cte(name)


def zero_filled(ent: CTE, agg: CTE, outputs: tuple[str, ...]) -> Select:
    """One row per entity that has a visible station; outputs with no rows come out as 0."""
    ents = select(ent.c.entity_id).distinct().cte("entities")
    cols = [func.coalesce(agg.c[o], 0).label(o) for o in outputs]
    return select(ents.c.entity_id, *cols).select_from(
        ents.outerjoin(agg, agg.c.entity_id == ents.c.entity_id)
    )


def day_start(d: date) -> datetime:
    """Midnight at the start of d (bound against timestamp columns)."""
    return datetime.combine(d, time())


def end_exclusive(w: Window) -> datetime:
    """Midnight after the window's last day: `ts < end_exclusive` keeps the as-of day."""
    return day_start(w.end + timedelta(days=1))


def as_of_month_is_partial(w: Window) -> bool:
    """True when the window's last month is cut short by the as-of date."""
    return w.end < add_months(w.last_month, 1) - timedelta(days=1)


def history_cutoff(w: Window) -> date:
    """C: of the months up to C, a customer state needs only each pair's last one (the states
    look at M..M−4 and at the window's months; older months matter only as the last purchase)."""
    return min(add_months(w.last_month, -5), add_months(month_start(w.start), -1))


def customer_months(w: Window, ent: CTE, prefix: str = "", rollup: bool = True,
                    last_ts: bool = False) -> CTE:  # fmt: skip
    """Liters per (entity, customer, month) up to M at the entity's stations.

    Closed months from agg_customer_month; a partial as-of month from fuel_sales up to w.end.
    `rollup`: the months from `history_cutoff` C on from agg_customer_month (a range of months),
    and before C only each (customer, station)'s last month, from agg_customer_lapse with 0
    liters (no output sums a month before C): the same state from far fewer rows.
    `last_ts` adds each month's last purchase time (the customer lists show it).
    """
    acm, m = agg_customer_month.c, w.last_month
    partial = as_of_month_is_partial(w)
    conds = [acm.month < m if partial else acm.month <= m]
    if rollup:
        conds.append(acm.month >= history_cutoff(w))
    extra = [acm.last_ts] if last_ts else []
    closed = (
        select(ent.c.entity_id, acm.customer_id, acm.month, acm.liters, *extra)
        .join(ent, ent.c.station_id == acm.station_id)
        .where(*conds)
    )
    parts = [closed, _lapsed(w, ent, last_ts)] if rollup else [closed]
    if partial:
        parts.append(_current_month(w, ent, last_ts))
    if len(parts) == 1:
        return closed.cte(f"{prefix}customer_months")
    return union_all(*parts).cte(f"{prefix}customer_months")


def _lapsed(w: Window, ent: CTE, last_ts: bool) -> Select:
    """Each (customer, station)'s last month before the cut-off C (see `customer_months`)."""
    lp, cut = agg_customer_lapse.c, history_cutoff(w)
    return (
        select(ent.c.entity_id, lp.customer_id, lp.month, literal(0.0).label("liters"),
               *([lp.last_ts] if last_ts else []))
        .join(ent, ent.c.station_id == lp.station_id)
        .where(lp.month < cut, or_(lp.next_month.is_(None), lp.next_month > cut))
    )  # fmt: skip


def _current_month(w: Window, ent: CTE, last_ts: bool) -> Select:
    """The as-of month cut short by the window end, from fuel_sales."""
    fs, m = fuel_sales.c, w.last_month
    return (
        select(
            ent.c.entity_id,
            fs.customer_id,
            cast(literal(m, Date), Date).label("month"),
            func.sum(fs.liters).label("liters"),
            *([func.max(fs.ts).label("last_ts")] if last_ts else []),
        )
        .join(ent, ent.c.station_id == fs.station_id)
        .where(
            fs.customer_id.is_not(None),
            fs.ts >= day_start(m),
            fs.ts < end_exclusive(w),
        )
        .group_by(ent.c.entity_id, fs.customer_id)
    )


def customer_state(w: Window, ent: CTE, prefix: str = "", rollup: bool = True,
                   last_ts: bool = False) -> CTE:  # fmt: skip
    """Per (entity, customer): last purchase month up to M and up to M−1, liters in M..M−4
    (l0..l4) and liters in the window (`win`); with `last_ts`, the last purchase time up to the
    window end. `prefix` keeps CTE names unique when one statement needs two states (rfm:
    entity and province)."""
    cm, m = customer_months(w, ent, prefix, rollup, last_ts), w.last_month
    extra = [func.max(cm.c.last_ts).label("last_ts")] if last_ts else []

    def liters_in(n: int) -> object:
        return func.sum(case((cm.c.month == add_months(m, -n), cm.c.liters), else_=0.0))

    return (
        select(
            cm.c.entity_id,
            cm.c.customer_id,
            func.max(cm.c.month).label("last"),
            func.max(case((cm.c.month <= add_months(m, -1), cm.c.month))).label("last_prev"),
            *(liters_in(n).label(f"l{n}") for n in range(5)),
            func.sum(case((cm.c.month >= month_start(w.start), cm.c.liters), else_=0.0)).label(
                "win"
            ),
            *extra,
        )
        .group_by(cm.c.entity_id, cm.c.customer_id)
        .cte(f"{prefix}customer_state")
    )


def count_if(cond: object) -> object:
    """SUM(CASE WHEN cond THEN 1 ELSE 0 END): a count that is 0 rather than NULL-prone."""
    return func.sum(case((cond, 1), else_=0))


# ---- customers.status -------------------------------------------------------------------------

STATUS_OUTPUTS: tuple[str, ...] = (
    "active",
    "lost",
    "dormant",
    "warning",
    "serious_warning",
    "escalated",
    "key_active",
    "fleet_key_active",
    "fleet_key_warning",
    "recovered",
    "lost_prev",
    "churned_now",
    "active_prev",
    "loyal_liters",
    "members_buying",
)


def status_flags(w: Window, s: CTE) -> dict[str, object]:
    """The boolean status conditions over a customer_state row `s` (see the module docstring)."""
    m, c = w.last_month, s.c
    elapsed = w.end.day if as_of_month_is_partial(w) else days_in_month(m)
    s_now, s_prev = c.l1 + c.l2 + c.l3, c.l2 + c.l3 + c.l4
    ago = {n: add_months(m, -n) for n in range(9)}
    warning = and_(s_now > 0, c.l0 * (30 * days_in_month(m)) < s_now * (7 * elapsed))
    lost_prev = and_(c.last_prev <= ago[5], c.last_prev >= ago[8])
    active_prev = c.last_prev >= ago[4]
    return {
        "active": c.last >= ago[3],
        "lost": and_(c.last <= ago[4], c.last >= ago[7]),
        "dormant": c.last <= ago[8],
        "warning": warning,
        "serious_warning": and_(warning, s_prev > 0, c.l1 * 30 < s_prev * 7),
        "lost_prev": lost_prev,
        "recovered": and_(lost_prev, c.l0 > 0),
        "active_prev": active_prev,
        "churned_now": and_(active_prev, c.last == ago[4]),
        "loyal": and_(c.l0 > 0, c.l1 > 0, c.l2 > 0),
        "bought_in_window": c.win > 0,
    }


def build_status(req: ProviderRequest) -> Select:
    """customers.status: status counts at the as-of month per entity (see module docstring)."""
    w = req.window
    ent = entity_stations(req)
    s = customer_state(w, ent, rollup=req.rollup)
    f = status_flags(w, s)
    cu = customers.c
    gold = cu.grade.in_(GOLD_PLUS)
    fleet_key = (cu.kind == "fleet") | gold
    agg = (
        select(
            s.c.entity_id,
            count_if(f["active"]).label("active"),
            count_if(f["lost"]).label("lost"),
            count_if(f["dormant"]).label("dormant"),
            count_if(f["warning"]).label("warning"),
            count_if(f["serious_warning"]).label("serious_warning"),
            count_if(and_(f["serious_warning"], gold)).label("escalated"),
            count_if(and_(f["active"], gold)).label("key_active"),
            count_if(and_(f["active"], fleet_key)).label("fleet_key_active"),
            count_if(and_(f["warning"], fleet_key)).label("fleet_key_warning"),
            count_if(f["recovered"]).label("recovered"),
            count_if(f["lost_prev"]).label("lost_prev"),
            count_if(f["churned_now"]).label("churned_now"),
            count_if(f["active_prev"]).label("active_prev"),
            func.sum(case((f["loyal"], s.c.l0), else_=0.0)).label("loyal_liters"),
            count_if(f["bought_in_window"]).label("members_buying"),
        )
        .select_from(s.outerjoin(customers, cu.customer_id == s.c.customer_id))
        .group_by(s.c.entity_id)
        .cte("status_counts")
    )
    return zero_filled(ent, agg, STATUS_OUTPUTS)


STATUS = ProviderSpec(
    name="customers.status",
    outputs=STATUS_OUTPUTS,
    build=build_status,
    sources=(
        "agg_customer_month.customer_id",
        "agg_customer_month.station_id",
        "agg_customer_month.month",
        "agg_customer_month.liters",
        "agg_customer_lapse.month",
        "agg_customer_lapse.next_month",
        "fuel_sales.customer_id",
        "fuel_sales.ts",
        "fuel_sales.liters",
        "customers.grade",
        "customers.kind",
        "stations.station_id",
    ),
    description="客户状态（有效/流失/沉睡）、流失预警、严重预警、忠诚客户升数，按单位内加油口径",
)


# ---- customers.activation ---------------------------------------------------------------------
# Membership belongs to the entity of the customer's home station (customers.home_station_id),
# the station that opened the account and is answerable for it; purchases still count at the
# entity's stations only, as for status.

ACTIVATION_OUTPUTS: tuple[str, ...] = (
    "registered_prev_month",
    "activated",
    "managed_total",
    "managed_buyers",
    "active_managed",
    "managers",
)
ACTIVATION_DAYS = 30  # a new member counts as activated by a purchase within 30 days


def home_customers(req: ProviderRequest, ent: CTE) -> CTE:
    """Customers whose home station is one of the entity's visible stations, registered by the
    window end, with their manager and whether they registered in month M−1."""
    cu, w = customers.c, req.window
    prev_start, m = add_months(w.last_month, -1), w.last_month
    return (
        select(
            ent.c.entity_id,
            cu.customer_id,
            cu.manager_id,
            cu.registered_on,
            and_(cu.registered_on >= prev_start, cu.registered_on < m).label("is_new"),
        )
        .join(ent, ent.c.station_id == cu.home_station_id)
        .where(cu.registered_on <= w.end)
        .cte("home_customers")
    )


def activated_members(req: ProviderRequest, ent: CTE, home: CTE) -> CTE:
    """New members (registered in M−1) who bought at the entity within 30 days (day difference
    0..30) of registering, and no later than the as-of day."""
    if req.rollup:
        return activated_from_rollup(req, ent, home)
    fs, w = fuel_sales.c, req.window
    prev_start = add_months(w.last_month, -1)
    last_useful = min(w.last_month + timedelta(days=ACTIVATION_DAYS), w.end)
    return (
        select(home.c.entity_id, home.c.customer_id)
        .distinct()
        .join(fuel_sales, fs.customer_id == home.c.customer_id)
        .join(ent, and_(ent.c.station_id == fs.station_id, ent.c.entity_id == home.c.entity_id))
        .where(
            home.c.is_new,
            fs.ts >= day_start(prev_start),
            fs.ts < day_start(last_useful + timedelta(days=1)),
            cast(fs.ts, Date) >= home.c.registered_on,
            cast(fs.ts, Date) - home.c.registered_on <= ACTIVATION_DAYS,
        )
        .cte("activated_members")
    )


def activated_from_rollup(req: ProviderRequest, ent: CTE, home: CTE) -> CTE:
    """activated_members from agg_customer_month.first_day_registered: the purchase days that
    count lie in M−1 and M (registration in M−1, the window ends in M), and a month's first day
    on or after registration is within the limits exactly when some purchase day of it is."""
    acm, w = agg_customer_month.c, req.window
    first = acm.first_day_registered
    return (
        select(home.c.entity_id, home.c.customer_id)
        .distinct()
        .join(agg_customer_month, acm.customer_id == home.c.customer_id)
        .join(ent, and_(ent.c.station_id == acm.station_id, ent.c.entity_id == home.c.entity_id))
        .where(
            home.c.is_new,
            acm.month >= add_months(w.last_month, -1),
            acm.month <= w.last_month,
            first.is_not(None),
            first <= w.end,
            first - home.c.registered_on <= ACTIVATION_DAYS,
        )
        .cte("activated_members")
    )


def build_activation(req: ProviderRequest) -> Select:
    """customers.activation: new-member activation and customer-manager coverage per entity."""
    w = req.window
    ent = entity_stations(req)
    home = home_customers(req, ent)
    act = activated_members(req, ent, home)
    s = customer_state(w, ent, rollup=req.rollup)
    h, managed = home.c, home.c.manager_id.is_not(None)
    on_state = and_(s.c.entity_id == h.entity_id, s.c.customer_id == h.customer_id)
    on_act = and_(act.c.entity_id == h.entity_id, act.c.customer_id == h.customer_id)
    agg = (
        select(
            h.entity_id,
            count_if(h.is_new).label("registered_prev_month"),
            count_if(act.c.customer_id.is_not(None)).label("activated"),
            count_if(managed).label("managed_total"),
            count_if(and_(managed, s.c.win > 0)).label("managed_buyers"),
            count_if(and_(managed, s.c.last >= add_months(w.last_month, -3))).label(
                "active_managed"
            ),
            func.count(h.manager_id.distinct()).label("managers"),
        )
        .select_from(home.outerjoin(s, on_state).outerjoin(act, on_act))
        .group_by(h.entity_id)
        .cte("activation_counts")
    )
    return zero_filled(ent, agg, ACTIVATION_OUTPUTS)


ACTIVATION = ProviderSpec(
    name="customers.activation",
    outputs=ACTIVATION_OUTPUTS,
    build=build_activation,
    sources=(
        "customers.home_station_id",
        "customers.registered_on",
        "customers.manager_id",
        "fuel_sales.customer_id",
        "fuel_sales.ts",
        "agg_customer_month.liters",
        "agg_customer_lapse.next_month",
        "agg_customer_month.first_day_registered",
    ),
    description="新客户 30 天激活、客户经理持有客户购油与人均有效客户（开户站归属本单位）",
)

SPECS: tuple[ProviderSpec, ...] = (STATUS, ACTIVATION)
