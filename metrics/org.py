"""The org rows the evaluator needs: which stations make up an entity, its city, scope checks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection

from data.scope import Scope
from metrics.compile_customer import known_customers_select, visible_customers_select
from metrics.compiler import org_select
from metrics.periods import ORG_LEVELS, Level, Window
from metrics.request import EntityError, EntityKey, ScopeError


@dataclass(frozen=True)
class Org:
    """Station rows of the requested entities' cities (not scope-filtered: used to check scope)."""

    rows: tuple[dict[str, Any], ...]

    @classmethod
    def load(cls, conn: Connection, entities: Sequence[EntityKey]) -> Org:
        """Read the station rows around the entities (one small statement)."""
        result = conn.execute(org_select(list(entities))).mappings()
        return cls(tuple(dict(r) for r in result))

    def stations(self, ent: EntityKey) -> list[dict[str, Any]]:
        """All station rows of an org entity (none for a customer: not a set of stations)."""
        level, ident = ent
        if level == Level.CUSTOMER:
            return []
        return [r for r in self.rows if r[level.column] == ident]

    def open_stations(self, ent: EntityKey, on: date) -> list[EntityKey]:
        """Stations of the entity opened on or before a day, as station entities."""
        return [
            (Level.STATION, r["station_id"]) for r in self.stations(ent) if r["opened_on"] <= on
        ]

    def city_of(self, ent: EntityKey, scope: Scope) -> EntityKey | None:
        """The entity's city when the scope covers the whole city (benchmarks need all of it)."""
        if ent[0] in (Level.PROVINCE, Level.CITY):
            return None
        rows = self.stations(ent)
        if not rows:
            return None
        city = (Level.CITY, rows[0]["city_id"])
        return city if self.wholly_in(city, scope) else None

    def teams_in(self, city: EntityKey) -> list[EntityKey]:
        """Teams of a city, sorted by id."""
        return sorted({(Level.TEAM, r["team_id"]) for r in self.stations(city)})

    def wholly_in(self, ent: EntityKey, scope: Scope) -> bool:
        """True when the entity has stations and the scope allows every one of them."""
        rows = self.stations(ent)
        return bool(rows) and all(
            scope.allows(station_id=r["station_id"], team_id=r["team_id"], city_id=r["city_id"])
            for r in rows
        )

    def check(self, entities: Sequence[EntityKey], scope: Scope) -> None:
        """Refuse unknown entities and entities not wholly inside the scope (fail closed)."""
        if scope.is_empty:
            raise ScopeError("empty scope: nothing may be seen")
        for ent in entities:
            if ent[0] == Level.CUSTOMER:
                continue  # checked against the facts by `check_customers`
            if ent[0] not in ORG_LEVELS:
                raise EntityError(f"level {ent[0]} is not supported by the evaluator")
            if not self.stations(ent):
                raise EntityError(f"unknown {ent[0]} {ent[1]!r}")
            if not self.wholly_in(ent, scope):
                raise ScopeError(f"{ent[0]} {ent[1]!r} is outside the caller's scope")


def check_customers(conn: Connection, entities: Sequence[EntityKey], win: Window,
                    scope: Scope) -> None:
    """Refuse customers that do not exist (EntityError), any customer for an aggregates-only
    scope, and customers without a purchase or recharge at a station of the scope inside the
    window (ScopeError): see `metrics.compile_customer`. One or two small statements."""
    ids = sorted({i for lv, i in entities if lv == Level.CUSTOMER})
    if not ids:
        return
    if scope.aggregates_only:
        raise ScopeError("this scope sees aggregates only, no customer")
    known = {str(r[0]) for r in conn.execute(known_customers_select(ids))}
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise EntityError(f"unknown customer {unknown[0]!r}")
    seen = {str(r[0]) for r in conn.execute(visible_customers_select(ids, win, scope))}
    hidden = [i for i in ids if i not in seen]
    if hidden:
        raise ScopeError(f"customer {hidden[0]!r} bought at no station of the caller's scope "
                         f"in {win.label()}")
