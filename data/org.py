"""The organisation as pickers see it: provinces, cities, teams and stations with their names.

Pages never run SQL; the board's entity picker, the wall's league tables and the deep-link check
("does team T99 exist, and may this user see it?") ask here. The scope is applied in SQL (bound
parameters only) and then once more per level, because an entity is offered only when the caller
may see *all* of it: a team leader sees the province's stations of their own team, but not the
province itself, whose totals would include stations outside their grant.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Engine, func, select

from data.schema import fuel_sales, stations
from data.scope import Scope

LEVELS: tuple[str, ...] = ("province", "city", "team", "station")


@dataclass(frozen=True, order=True)
class Entity:
    """One org entity: its level, id and name, and the ids of the entities above it."""

    level: str
    id: str
    name: str
    province_id: str = ""
    city_id: str = ""
    team_id: str = ""

    @property
    def key(self) -> tuple[str, str]:
        """`(level, id)`, the form the metrics layer takes."""
        return (self.level, self.id)


def _rows(engine: Engine, scope: Scope) -> list[tuple[str, ...]]:
    """One row per station inside the scope, with its team, city and province."""
    cols = stations.c
    query = (
        select(
            cols.station_id,
            cols.station_name,
            cols.team_id,
            cols.team_name,
            cols.city_id,
            cols.city_name,
            cols.province_id,
            cols.province_name,
        )
        .where(scope.station_predicate(cols))
        .order_by(cols.city_id, cols.team_id, cols.station_id)
    )
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(query)]


def _whole_entity_allowed(scope: Scope, level: str, row: tuple[str, ...]) -> bool:
    """Whether the scope covers the whole entity of `level` that this station row belongs to."""
    _sid, _sn, team_id, _tn, city_id, _cn, _pid, _pn = row
    if scope.all_stations:
        return True
    if level == "city":
        return city_id in scope.cities
    if level == "team":
        return city_id in scope.cities or team_id in scope.teams
    return level == "station"  # the SQL predicate already admitted the station


def _entity(level: str, row: tuple[str, ...]) -> Entity:
    sid, sname, tid, tname, cid, cname, pid, pname = row
    if level == "province":
        return Entity("province", pid, pname)
    if level == "city":
        return Entity("city", cid, cname, province_id=pid)
    if level == "team":
        return Entity("team", tid, tname, province_id=pid, city_id=cid)
    return Entity("station", sid, sname, province_id=pid, city_id=cid, team_id=tid)


def list_entities(engine: Engine, scope: Scope, level: str | None = None) -> list[Entity]:
    """Entities the scope may see whole, province first, then cities, teams, stations (by id).

    `level` restricts the list to one level. An empty scope yields an empty list.
    """
    if scope.is_empty:
        return []
    levels = LEVELS if level is None else (level,)
    unknown = set(levels) - set(LEVELS)
    if unknown:
        raise ValueError(f"unknown org level {sorted(unknown)}: use one of {LEVELS}")
    rows = _rows(engine, scope)
    out: list[Entity] = []
    for lvl in levels:
        seen: dict[str, Entity] = {}
        for row in rows:
            if _whole_entity_allowed(scope, lvl, row):
                ent = _entity(lvl, row)
                seen.setdefault(ent.id, ent)
        out.extend(sorted(seen.values(), key=lambda e: e.id))
    return out


def find_entity(engine: Engine, scope: Scope, level: str, entity_id: str) -> Entity | None:
    """The entity `(level, id)` if it exists and the scope may see it whole, else None."""
    if level not in LEVELS:
        return None
    return next((e for e in list_entities(engine, scope, level) if e.id == entity_id), None)


def latest_day(engine: Engine) -> date | None:
    """The last day with any fuel sale in the store (the board's default as-of), or None."""
    with engine.connect() as conn:
        value = conn.execute(select(func.max(fuel_sales.c.ts))).scalar()
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return datetime.fromisoformat(str(value)).date()
