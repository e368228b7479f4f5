"""Rows behind campaigns.effect (metrics/special/campaigns.py): one row per campaign and member
station of the entity, with the campaign's window, the days during and before it, the station's
and its city controls' sums, and what the cell adds to the output (`measure_value`); the rows
sum to the provider's value.

Built from the provider's own blocks (overlapping_campaigns, campaign_cells, cell_values); the
control sums and trend factor are written as build_effect writes them, per cell instead of
summed per entity. Tests reconcile the totals and check each cell against pandas.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, and_, case, func, select

from data.schema import campaigns, stations
from metrics.explain_rows_lists import VALUE_COL
from metrics.special.base import ProviderRequest
from metrics.special.campaigns import campaign_cells, cell_values, overlapping_campaigns
from metrics.special.customers import entity_stations

# output -> the quantity whose during/before sums the row shows beside its contribution
OUTPUT_QUANTITY = {
    "incremental_tonnes": "t", "baseline_tonnes": "t", "incremental_gross_profit": "gp",
    "incremental_cost": "disc", "incremental_nonfuel_revenue": "nf",
    "baseline_nonfuel_revenue": "nf",
}


def campaign_rows(req: ProviderRequest, output: str) -> Select:
    """(campaign, member station) cells of the entity with their contribution to `output`."""
    ent = entity_stations(req)
    camp = overlapping_campaigns(req)
    v = cell_values(req.window, camp, campaign_cells(req, camp, ent))
    ctrl = (
        select(v.c.campaign_id, v.c.city_id,
               *(func.sum(v.c[f"{q}_{ph}"]).label(f"{q}_{ph}")
                 for q in ("t", "gp", "nf") for ph in ("d", "p")))
        .where(v.c.role == "c")
        .group_by(v.c.campaign_id, v.c.city_id)
        .cte("control_sums")
    )  # fmt: skip
    k = camp.c.n_days / camp.c.total_days

    def trend(q: str) -> ColumnElement:
        return case((ctrl.c[f"{q}_p"] > 0, ctrl.c[f"{q}_d"] * camp.c.total_days
                     / (ctrl.c[f"{q}_p"] * camp.c.n_days)), else_=1.0)  # fmt: skip

    def baseline(q: str) -> ColumnElement:
        return v.c[f"{q}_p"] * k * trend(q)

    value = {
        "incremental_tonnes": v.c.t_d - baseline("t"), "baseline_tonnes": baseline("t"),
        "incremental_gross_profit": v.c.gp_d - baseline("gp"),
        "incremental_cost": camp.c.cost / camp.c.n_stations * k + v.c.disc_d - v.c.disc_p * k,
        "incremental_nonfuel_revenue": v.c.nf_d - baseline("nf"),
        "baseline_nonfuel_revenue": baseline("nf"),
    }[output]
    q = OUTPUT_QUANTITY[output]
    shown = [v.c[f"{q}_d"].label("during"), v.c[f"{q}_p"].label("before")]
    if q != "disc":  # the discount has no control trend (see the provider's docstring)
        shown += [ctrl.c[f"{q}_d"].label("controls_during"),
                  ctrl.c[f"{q}_p"].label("controls_before"), trend(q).label("control_trend")]
    on_ctrl = and_(ctrl.c.campaign_id == v.c.campaign_id, ctrl.c.city_id == v.c.city_id)
    return (
        select(v.c.campaign_id, campaigns.c.name.label("campaign_name"), campaigns.c.start_date,
               campaigns.c.end_date, camp.c.d_start.label("during_start"),
               camp.c.d_end.label("during_end"), camp.c.n_days.label("days_in_window"),
               v.c.station_id, stations.c.station_name, *shown, value.label(VALUE_COL))
        .select_from(v.join(camp, camp.c.campaign_id == v.c.campaign_id)
                     .join(campaigns, campaigns.c.campaign_id == v.c.campaign_id)
                     .join(stations, stations.c.station_id == v.c.station_id)
                     .outerjoin(ctrl, on_ctrl))
        .where(v.c.role == "m")
        .order_by(campaigns.c.start_date, v.c.campaign_id, v.c.station_id)
    )  # fmt: skip
