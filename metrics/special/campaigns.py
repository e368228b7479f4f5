"""Campaign effect (`campaigns.effect`): difference in differences against control stations.

For each campaign k overlapping the window W (start_date ≤ W.end, end_date ≥ W.start), in yuan
and tonnes as recorded (tax-inclusive, like every money figure of the app):
- D_k = end_date − start_date + 1, the campaign's length in days; N_k = its stations (all of them).
- During = the campaign days inside W: [max(start, W.start), min(end, W.end)], n_k days.
- Pre = the D_k days immediately before start_date: [start − D_k, start − 1].
- S_k = the campaign's stations among the entity's visible stations.
- Control C_k,c = visible stations of city c (the city of a station in S_k) that are not in
  campaign k and opened on or before the pre window's first day (so an opening does not read
  as a trend). Scope applies: a caller who sees no other station of the city has no control.
  A station running another campaign at the same time still serves as a control (the domain
  rule names only "not in the campaign"); a campaign page may want to flag such overlaps.
- For a quantity X (fuel tonnes, fuel gross profit, non-fuel revenue), X_d and X_p are the sums
  during and pre; the control trend factor is
      r_X = (C_X,d / n_k) / (C_X,p / D_k)   when C_X,p > 0, else 1 (no usable control).
  For each station s of S_k, in the city c of s:
      baseline_X(s)    = n_k × X_p(s) / D_k × r_X          (what s would have done without k)
      incremental_X(s) = X_d(s) − baseline_X(s)
  Outputs incremental_tonnes, baseline_tonnes, incremental_gross_profit,
  incremental_nonfuel_revenue, baseline_nonfuel_revenue are Σ over k and s ∈ S_k.
- incremental_cost(s) = cost_k × (1 / |N_k|) × (n_k / D_k)          (the campaign's cost, pro rata
                        + DISC_d(s) − n_k × DISC_p(s) / D_k            by station and by days)
  with DISC = Σ (liters × list_price − paid_amount), the extra discount given (no trend factor:
  a control's discounts are not a counterfactual for a campaign's). Because gross profit is
  already net of discounts, net campaign profit = incremental_gross_profit − the pro-rata cost,
  not − incremental_cost (the page in issue 6 must not count the discounts twice).
- Fuel gross profit = paid_amount − liters × cost_per_liter of the product and month; a sale
  without a purchase cost contributes nothing (SUM skips the NULL).
- A station in two overlapping campaigns counts in each. Before the first imported day the pre
  sums are 0, so the whole during volume reads as incremental.
When the request may read rollups and the store's are current, the phase sums come from
`agg_fuel_day` (tonnes, gross_profit, discount) and `agg_nonfuel_day` (revenue): the same sums
per station-day, from far fewer rows.
"""

from __future__ import annotations

from sqlalchemy import (
    CTE,
    Date,
    Float,
    Integer,
    Select,
    String,
    and_,
    case,
    cast,
    exists,
    func,
    literal,
    select,
    union_all,
)

from data.schema import (
    agg_fuel_day,
    agg_nonfuel_day,
    campaign_stations,
    campaigns,
    fuel_sales,
    nonfuel_sales,
    products,
    purchase_costs,
    stations,
)
from metrics.periods import Window
from metrics.rollup_state import rollup_current
from metrics.special.base import ProviderRequest, ProviderSpec
from metrics.special.customers import end_exclusive, entity_stations, zero_filled

OUTPUTS: tuple[str, ...] = (
    "incremental_tonnes",
    "baseline_tonnes",
    "incremental_gross_profit",
    "incremental_cost",
    "incremental_nonfuel_revenue",
    "baseline_nonfuel_revenue",
)
QUANTITIES: tuple[str, ...] = ("t", "gp", "nf", "disc")


def overlapping_campaigns(req: ProviderRequest) -> CTE:
    """Campaigns overlapping the window with their during-window bounds and lengths."""
    c, w = campaigns.c, req.window
    during_start = func.greatest(c.start_date, w.start, type_=Date)
    during_end = func.least(c.end_date, w.end, type_=Date)
    # Stations per campaign as a grouped join, not a correlated scalar subquery: ClickHouse
    # cannot decorrelate that one inside this CTE (issue 8, chdb run); same numbers everywhere.
    cs = campaign_stations.c
    sizes = select(cs.campaign_id, func.count().label("n")).group_by(cs.campaign_id).subquery()
    return (
        select(
            c.campaign_id,
            c.start_date,
            c.cost,
            during_start.label("d_start"),
            during_end.label("d_end"),
            cast(during_end - during_start + 1, Float(53)).label("n_days"),
            cast(c.end_date - c.start_date + 1, Float(53)).label("total_days"),
            (c.start_date - cast(c.end_date - c.start_date + 1, Integer)).label("pre_start"),
            func.coalesce(sizes.c.n, 0).label("n_stations"),
        )
        .select_from(campaigns.outerjoin(sizes, sizes.c.campaign_id == c.campaign_id))
        .where(c.start_date <= w.end, c.end_date >= w.start)
        .cte("campaign_windows")
    )


def campaign_cells(req: ProviderRequest, camp: CTE, ent: CTE) -> CTE:
    """(campaign, station, city, entity, role) for member stations ('m') and controls ('c')."""
    cs, st = campaign_stations.c, stations.c
    members = (
        select(
            camp.c.campaign_id,
            ent.c.station_id,
            ent.c.city_id,
            ent.c.entity_id,
            cast(literal("m"), String).label("role"),
        )
        .join(campaign_stations, cs.campaign_id == camp.c.campaign_id)
        .join(ent, ent.c.station_id == cs.station_id)
        .cte("member_stations")
    )
    cities = select(members.c.campaign_id, members.c.city_id).distinct().cte("member_cities")
    in_campaign = exists().where(
        cs.campaign_id == cities.c.campaign_id, cs.station_id == st.station_id
    )
    controls = (
        select(
            cities.c.campaign_id,
            st.station_id,
            st.city_id,
            cast(literal(None), String).label("entity_id"),
            cast(literal("c"), String).label("role"),
        )
        .join(stations, st.city_id == cities.c.city_id)
        .join(camp, camp.c.campaign_id == cities.c.campaign_id)
        .where(
            ~in_campaign,
            req.scope.station_predicate(st),
            st.opened_on <= camp.c.pre_start,
        )
    )
    return union_all(select(members), controls).cte("campaign_cells")


def _phases(camp: CTE, day: object, time: object, **values: object) -> tuple[list[object], object]:
    """Phase sums of each value by the rows' `day`, and the per-cell time span (the join
    condition, on the rows' `time` column: a timestamp, or the day itself)."""
    during = and_(day >= camp.c.d_start, day <= camp.c.d_end)
    pre = and_(day >= camp.c.pre_start, day < camp.c.start_date)
    cols: list[object] = []
    for name, v in values.items():
        cols.append(func.sum(case((during, v), else_=0.0)).label(f"{name}_d"))
        cols.append(func.sum(case((pre, v), else_=0.0)).label(f"{name}_p"))
    return cols, and_(time >= camp.c.pre_start, day <= camp.c.d_end)


def _cell_sums(camp: CTE, cells: CTE, source: object, station: object,
               phases: tuple[list[object], object], bound: object, name: str) -> CTE:  # fmt: skip
    """Σ per (campaign, station) of a source's rows inside the cell's span; `bound` lets the
    scan skip everything outside all campaigns' spans."""
    cols, span = phases
    cell = (cells.c.campaign_id, cells.c.station_id)
    return (
        select(*cell, *cols)
        .select_from(cells)
        .join(camp, camp.c.campaign_id == cells.c.campaign_id)
        .join(source, and_(station == cells.c.station_id, span))  # type: ignore[arg-type]
        .where(bound)
        .group_by(*cell)
        .cte(name)
    )


def phase_sums(w: Window, camp: CTE, cells: CTE, rollup: bool = False) -> tuple[CTE, CTE]:
    """Per (campaign, station): fuel tonnes, gross profit, discount and non-fuel revenue, summed
    over the during window (`*_d`) and the pre window (`*_p`); from the day rollups when
    `rollup` (each one read only when current in the store)."""
    first_day = select(func.min(camp.c.pre_start)).scalar_subquery()
    if rollup and rollup_current(agg_fuel_day.name):
        r = agg_fuel_day.c
        in_time = and_(r.day >= first_day, r.day <= w.end)
        ph = _phases(camp, r.day, r.day, t=r.tonnes, gp=r.gross_profit, disc=r.discount)
        fuel = _cell_sums(camp, cells, agg_fuel_day, r.station_id, ph, in_time, "fuel_phases")
    else:
        fuel = _raw_fuel(w, camp, cells, first_day)
    if rollup and rollup_current(agg_nonfuel_day.name):
        n = agg_nonfuel_day.c
        in_time = and_(n.day >= first_day, n.day <= w.end)
        ph = _phases(camp, n.day, n.day, nf=n.revenue)
        store = _cell_sums(camp, cells, agg_nonfuel_day, n.station_id, ph, in_time,
                           "nonfuel_phases")
    else:
        nf = nonfuel_sales.c
        ph = _phases(camp, cast(nf.ts, Date), nf.ts, nf=nf.revenue)
        in_time = and_(nf.ts >= first_day, nf.ts < end_exclusive(w))
        store = _cell_sums(camp, cells, nonfuel_sales, nf.station_id, ph, in_time,
                           "nonfuel_phases")
    return fuel, store


def _raw_fuel(w: Window, camp: CTE, cells: CTE, first_day: object) -> CTE:
    """The fuel phase sums from fuel_sales (with products and the month's purchase cost)."""
    fs, pr, pc = fuel_sales.c, products.c, purchase_costs.c
    month = cast(func.date_trunc("month", fs.ts), Date)
    cols, span = _phases(
        camp, cast(fs.ts, Date), fs.ts,
        t=fs.liters * pr.density_kg_per_l / 1000.0,
        gp=fs.paid_amount - fs.liters * pc.cost_per_liter,
        disc=fs.liters * fs.list_price - fs.paid_amount,
    )  # fmt: skip
    cell = (cells.c.campaign_id, cells.c.station_id)
    return (
        select(*cell, *cols)
        .select_from(cells)
        .join(camp, camp.c.campaign_id == cells.c.campaign_id)
        .join(fuel_sales, and_(fs.station_id == cells.c.station_id, span))
        .join(products, pr.product_code == fs.product_code)
        .outerjoin(purchase_costs, and_(pc.product_code == fs.product_code, pc.month == month))
        .where(fs.ts >= first_day, fs.ts < end_exclusive(w))
        .group_by(*cell)
        .cte("fuel_phases")
    )


def cell_values(w: Window, camp: CTE, cells: CTE, rollup: bool = False) -> CTE:
    """Cells with their during/pre sums (0 where the station sold nothing)."""
    fuel, store = phase_sums(w, camp, cells, rollup)

    def key(t: CTE) -> object:
        return and_(t.c.campaign_id == cells.c.campaign_id, t.c.station_id == cells.c.station_id)

    cols = []
    for q in QUANTITIES:
        src = store if q == "nf" else fuel
        for ph in ("d", "p"):
            cols.append(func.coalesce(src.c[f"{q}_{ph}"], 0.0).label(f"{q}_{ph}"))
    return (
        select(cells, *cols)
        .select_from(cells.outerjoin(fuel, key(fuel)).outerjoin(store, key(store)))
        .cte("cell_values")
    )


def build_effect(req: ProviderRequest) -> Select:
    """campaigns.effect: difference-in-differences outputs per entity (see module docstring)."""
    ent = entity_stations(req)
    camp = overlapping_campaigns(req)
    v = cell_values(req.window, camp, campaign_cells(req, camp, ent), req.rollup)
    ctrl = (
        select(
            v.c.campaign_id,
            v.c.city_id,
            *(
                func.sum(v.c[f"{q}_{ph}"]).label(f"{q}_{ph}")
                for q in ("t", "gp", "nf")
                for ph in ("d", "p")
            ),
        )
        .where(v.c.role == "c")
        .group_by(v.c.campaign_id, v.c.city_id)
        .cte("control_sums")
    )
    k = camp.c.n_days / camp.c.total_days  # share of a pre-window day total per during day

    def trend(q: str) -> object:
        return case(
            (
                ctrl.c[f"{q}_p"] > 0,
                ctrl.c[f"{q}_d"] * camp.c.total_days / (ctrl.c[f"{q}_p"] * camp.c.n_days),
            ),
            else_=1.0,
        )

    def baseline(q: str) -> object:
        return v.c[f"{q}_p"] * k * trend(q)

    on_ctrl = and_(ctrl.c.campaign_id == v.c.campaign_id, ctrl.c.city_id == v.c.city_id)
    agg = (
        select(
            v.c.entity_id,
            func.sum(v.c.t_d - baseline("t")).label("incremental_tonnes"),
            func.sum(baseline("t")).label("baseline_tonnes"),
            func.sum(v.c.gp_d - baseline("gp")).label("incremental_gross_profit"),
            func.sum(camp.c.cost / camp.c.n_stations * k + v.c.disc_d - v.c.disc_p * k).label(
                "incremental_cost"
            ),
            func.sum(v.c.nf_d - baseline("nf")).label("incremental_nonfuel_revenue"),
            func.sum(baseline("nf")).label("baseline_nonfuel_revenue"),
        )
        .select_from(v.join(camp, camp.c.campaign_id == v.c.campaign_id).outerjoin(ctrl, on_ctrl))
        .where(v.c.role == "m")
        .group_by(v.c.entity_id)
        .cte("campaign_effects")
    )
    return zero_filled(ent, agg, OUTPUTS)


EFFECT = ProviderSpec(
    name="campaigns.effect",
    outputs=OUTPUTS,
    build=build_effect,
    sources=(
        "campaigns.start_date",
        "campaigns.end_date",
        "campaigns.cost",
        "campaign_stations.station_id",
        "fuel_sales.liters",
        "fuel_sales.paid_amount",
        "fuel_sales.list_price",
        "purchase_costs.cost_per_liter",
        "nonfuel_sales.revenue",
        "stations.city_id",
        "stations.opened_on",
    ),
    description="营销活动增量（对照站双重差分）：增量销量、基准销量、增量毛利、增量成本、增量非油收入",
)

SPECS: tuple[ProviderSpec, ...] = (EFFECT,)
