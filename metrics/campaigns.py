"""Campaign views (营销活动分析): the difference in differences of `campaigns.effect`, per campaign
and per member station instead of summed per entity.

The definitions are those of metrics/special/campaigns.py (read its docstring): the same CTEs
build the (campaign, station) cells with their during/pre sums; this module applies the same
formulas in Python, so per-station results summed over stations and campaigns equal the
provider's entity totals (tests check it). Net campaign profit = incremental gross profit −
the campaign's pro-rata cost (gross profit is already net of discounts, so the extra discount
is reported but not subtracted again).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine, select

from data.schema import campaigns
from data.scope import Scope
from metrics.periods import Level, Window
from metrics.special.base import ProviderRequest
from metrics.special.campaigns import campaign_cells, cell_values, overlapping_campaigns
from metrics.special.customers import entity_stations

QUANTITIES = ("t", "gp", "nf")


@dataclass(frozen=True)
class StationEffect:
    """One member station of one campaign: during, pre, baseline and incremental figures."""

    campaign_id: str
    station_id: str
    city_id: str
    tonnes_during: float
    tonnes_pre: float
    baseline_tonnes: float
    incremental_tonnes: float
    incremental_gross_profit: float
    incremental_nonfuel_revenue: float
    cost_share: float  # the campaign's cost pro rata by station and by days
    extra_discount: float
    has_control: bool

    @property
    def net_profit(self) -> float:
        """Incremental gross profit net of the pro-rata campaign cost."""
        return self.incremental_gross_profit - self.cost_share


@dataclass(frozen=True)
class CampaignEffect:
    """One campaign overlapping the window: its visible member stations and their sums."""

    campaign_id: str
    name: str
    kind: str
    start: date
    end: date
    cost: float
    threshold: float | None
    stations: tuple[StationEffect, ...] = field(default=())
    control_tonnes_during: float = 0.0  # Σ over the control stations of the members' cities
    control_tonnes_pre: float = 0.0
    n_days: float = 0.0  # campaign days inside the window
    total_days: float = 0.0  # the campaign's length (= the pre window's length)

    def total(self, attr: str) -> float:
        """Σ of a StationEffect attribute over the member stations."""
        return sum(getattr(s, attr) for s in self.stations)


def _cells(engine: Engine, req: ProviderRequest) -> list[dict]:
    camp = overlapping_campaigns(req)
    v = cell_values(req.window, camp, campaign_cells(req, camp, entity_stations(req)))
    stmt = (
        select(v, camp.c.n_days, camp.c.total_days, camp.c.cost, camp.c.n_stations)
        .join(camp, camp.c.campaign_id == v.c.campaign_id)
        .order_by(v.c.campaign_id, v.c.station_id)
    )
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(stmt).mappings()]


def _trends(cells: list[dict]) -> dict[tuple[str, str], dict[str, float | None]]:
    """Control trend factor per (campaign, city) and quantity; None when there is no control."""
    sums: dict[tuple[str, str], dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for c in cells:
        if c["role"] == "c":
            for q in QUANTITIES:
                for ph in ("d", "p"):
                    sums[(c["campaign_id"], c["city_id"])][f"{q}_{ph}"] += c[f"{q}_{ph}"]
    out: dict[tuple[str, str], dict[str, float | None]] = {}
    for key, s in sums.items():
        first = next(c for c in cells if c["campaign_id"] == key[0])
        n, d = first["n_days"], first["total_days"]
        out[key] = {q: (s[f"{q}_d"] * d / (s[f"{q}_p"] * n)) if s[f"{q}_p"] > 0 else None
                    for q in QUANTITIES}  # fmt: skip
    return out


def _station(c: dict, trend: dict[str, float | None] | None) -> StationEffect:
    k = c["n_days"] / c["total_days"]
    factor = {q: (trend or {}).get(q) or 1.0 for q in QUANTITIES}
    base = {q: c[f"{q}_p"] * k * factor[q] for q in QUANTITIES}
    return StationEffect(
        c["campaign_id"], c["station_id"], c["city_id"], c["t_d"], c["t_p"], base["t"],
        c["t_d"] - base["t"], c["gp_d"] - base["gp"], c["nf_d"] - base["nf"],
        c["cost"] / c["n_stations"] * k, c["disc_d"] - c["disc_p"] * k,
        trend is not None and trend.get("t") is not None,
    )  # fmt: skip


def campaign_effects(engine: Engine, scope: Scope, level: Level, entity_id: str,
                     w: Window) -> list[CampaignEffect]:  # fmt: skip
    """Campaigns overlapping the window with a visible member station of the entity."""
    req = ProviderRequest(level, (entity_id,), w, scope)
    cells = _cells(engine, req)
    trends = _trends(cells)
    per: dict[str, list[StationEffect]] = defaultdict(list)
    ctrl: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    days: dict[str, tuple[float, float]] = {}
    for c in cells:
        days[c["campaign_id"]] = (c["n_days"], c["total_days"])
        if c["role"] == "m":
            per[c["campaign_id"]].append(_station(c, trends.get((c["campaign_id"], c["city_id"]))))
        else:
            ctrl[c["campaign_id"]][0] += c["t_d"]
            ctrl[c["campaign_id"]][1] += c["t_p"]
    if not per:
        return []
    cc = campaigns.c
    stmt = select(campaigns).where(cc.campaign_id.in_(sorted(per))).order_by(cc.start_date, cc.campaign_id)
    with engine.connect() as conn:
        rows = conn.execute(stmt).mappings().all()
    return [CampaignEffect(r["campaign_id"], r["name"], r["kind"], r["start_date"], r["end_date"],
                           float(r["cost"]), r["threshold_amount"], tuple(per[r["campaign_id"]]),
                           *ctrl[r["campaign_id"]], *days[r["campaign_id"]])
            for r in rows]  # fmt: skip
