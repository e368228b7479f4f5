"""Tickets and responding customers of campaigns (营销活动分析), per campaign and member station.

Windows as in metrics/special/campaigns.py: during = the campaign days inside the window (n
days), pre = the D days before the campaign's start. Tickets are compared per day: a station's
ticket change = tickets_during / n − tickets_pre / D. A customer *responded* when their liters at
the campaign's visible member stations per day rose: liters_during / n > liters_pre / D (a
customer new during the campaign counts as responding). Names only when `scope.pii`; masked
otherwise, and no names at all for an aggregates-only scope.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import Date, Engine, and_, case, cast, func, select

from access.masking import mask_name
from data.schema import customers, fuel_sales
from data.scope import Scope
from metrics.periods import Level, Window
from metrics.special.base import ProviderRequest
from metrics.special.campaigns import campaign_cells, overlapping_campaigns
from metrics.special.customers import entity_stations


@dataclass(frozen=True)
class Responder:
    """A customer whose liters per day at a campaign's stations rose during it."""

    campaign_id: str
    customer_id: str
    name: str | None
    liters_during: float
    liters_pre: float


def _phase_sums(req: ProviderRequest, key: tuple[str, ...]) -> object:
    """(campaign, *key) → tickets and liters during and pre, at the visible member stations."""
    camp = overlapping_campaigns(req)
    cells = campaign_cells(req, camp, entity_stations(req))
    fs = fuel_sales.c
    day = cast(fs.ts, Date)
    during = and_(day >= camp.c.d_start, day <= camp.c.d_end)
    pre = and_(day >= camp.c.pre_start, day < camp.c.start_date)
    cols = {"campaign_id": cells.c.campaign_id, "station_id": cells.c.station_id,
            "customer_id": fs.customer_id}  # fmt: skip
    return (
        select(
            *(cols[k] for k in ("campaign_id", *key)),
            func.sum(case((during, 1), else_=0)).label("n_d"),
            func.sum(case((pre, 1), else_=0)).label("n_p"),
            func.sum(case((during, fs.liters), else_=0.0)).label("l_d"),
            func.sum(case((pre, fs.liters), else_=0.0)).label("l_p"),
            func.max(camp.c.n_days).label("n_days"),
            func.max(camp.c.total_days).label("total_days"),
        )
        .select_from(cells)
        .join(camp, camp.c.campaign_id == cells.c.campaign_id)
        .join(fuel_sales, and_(fs.station_id == cells.c.station_id, fs.ts >= camp.c.pre_start,
                               day <= camp.c.d_end))  # fmt: skip
        .where(cells.c.role == "m")
        .group_by(*(cols[k] for k in ("campaign_id", *key)))
    )


def station_tickets(engine: Engine, scope: Scope, level: Level, entity_id: str,
                    w: Window) -> dict[tuple[str, str], tuple[int, int, float]]:  # fmt: skip
    """(campaign, station) → (tickets during, tickets pre, change in tickets per day)."""
    req = ProviderRequest(level, (entity_id,), w, scope)
    with engine.connect() as conn:
        rows = conn.execute(_phase_sums(req, ("station_id",))).mappings().all()
    return {(r["campaign_id"], r["station_id"]):
            (int(r["n_d"]), int(r["n_p"]), r["n_d"] / r["n_days"] - r["n_p"] / r["total_days"])
            for r in rows}  # fmt: skip


def responders(engine: Engine, scope: Scope, level: Level, entity_id: str, w: Window,
               limit: int | None = 50) -> list[Responder]:  # fmt: skip
    """Member customers whose liters per day rose, largest rise first (`limit` per campaign,
    None for all of them)."""
    if scope.aggregates_only:
        return []
    req = ProviderRequest(level, (entity_id,), w, scope)
    sums = _phase_sums(req, ("customer_id",)).where(fuel_sales.c.customer_id.is_not(None)).subquery()
    rise = sums.c.l_d / sums.c.n_days - sums.c.l_p / sums.c.total_days
    stmt = (
        select(sums.c.campaign_id, sums.c.customer_id, customers.c.name, sums.c.l_d, sums.c.l_p, rise.label("rise"))
        .outerjoin(customers, customers.c.customer_id == sums.c.customer_id)
        .where(rise > 0)
        .order_by(sums.c.campaign_id, rise.desc(), sums.c.customer_id)
    )
    out: list[Responder] = []
    taken: Counter[str] = Counter()  # rows kept per campaign (an export asks for thousands)
    with engine.connect() as conn:
        for r in conn.execute(stmt).mappings():
            if limit is not None and taken[r["campaign_id"]] >= limit:
                continue
            taken[r["campaign_id"]] += 1
            name = r["name"] if scope.pii else mask_name(r["name"])
            out.append(Responder(r["campaign_id"], r["customer_id"], name, float(r["l_d"]), float(r["l_p"])))
    return out
