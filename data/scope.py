"""Data scope: which stations a caller may see, and whether they may see personal data.

A scope is resolved on the server from the caller's identity (the access layer builds it; the
wall display and the command line get fixed ones) and handed to every query. It fails closed:
an empty scope sees nothing, never "everything".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, and_, false, or_, true
from sqlalchemy.sql import ColumnCollection


@dataclass(frozen=True)
class Scope:
    """What a caller may see.

    `all_stations` is the province-wide grant; otherwise the grant is the union of the listed
    cities, teams and stations. `pii` allows customer names and phones; `aggregates_only` (the
    wall display) forbids customer-level rows entirely.
    """

    all_stations: bool = False
    cities: frozenset[str] = field(default_factory=frozenset)
    teams: frozenset[str] = field(default_factory=frozenset)
    stations: frozenset[str] = field(default_factory=frozenset)
    pii: bool = False
    aggregates_only: bool = False

    @classmethod
    def everything(cls, pii: bool = True) -> Scope:
        """The command line's and the tests' scope: the whole province, with personal data."""
        return cls(all_stations=True, pii=pii)

    @classmethod
    def nothing(cls) -> Scope:
        """A scope that grants nothing (an unknown or unassigned user)."""
        return cls()

    @classmethod
    def parse(cls, text: str, pii: bool = False) -> Scope:
        """Parse `province`, `city:FZ`, `team:T01`, `station:S007` (comma-separated grants)."""
        grants: dict[str, set[str]] = {"city": set(), "team": set(), "station": set()}
        everything = False
        for part in (p.strip() for p in text.split(",")):
            if not part:
                continue
            if part == "province":
                everything = True
                continue
            kind, _, ident = part.partition(":")
            if kind not in grants or not ident:
                raise ValueError(f"bad scope grant {part!r}: use province, city:ID, team:ID, station:ID")
            grants[kind].add(ident)
        return cls(
            all_stations=everything,
            cities=frozenset(grants["city"]),
            teams=frozenset(grants["team"]),
            stations=frozenset(grants["station"]),
            pii=pii,
        )

    @property
    def is_empty(self) -> bool:
        """True when the scope grants no station at all."""
        return not (self.all_stations or self.cities or self.teams or self.stations)

    def key(self) -> str:
        """A stable text form, for cache keys (two different scopes never share a key)."""
        parts = ["*" if self.all_stations else ""]
        parts += [",".join(sorted(s)) for s in (self.cities, self.teams, self.stations)]
        parts += [str(int(self.pii)), str(int(self.aggregates_only))]
        return "|".join(parts)

    def station_predicate(self, station_cols: ColumnCollection) -> ColumnElement[bool]:
        """SQL predicate over a relation that has `station_id`, `team_id` and `city_id` columns.

        The values enter as bound parameters; an empty grant yields FALSE.
        """
        if self.all_stations:
            return true()
        clauses: list[ColumnElement[bool]] = []
        if self.cities:
            clauses.append(station_cols["city_id"].in_(sorted(self.cities)))
        if self.teams:
            clauses.append(station_cols["team_id"].in_(sorted(self.teams)))
        if self.stations:
            clauses.append(station_cols["station_id"].in_(sorted(self.stations)))
        if not clauses:
            return false()
        return or_(*clauses) if len(clauses) > 1 else and_(clauses[0])

    def allows(self, *, station_id: str, team_id: str, city_id: str) -> bool:
        """Whether one station (given with its team and city) is inside the scope."""
        return (
            self.all_stations
            or station_id in self.stations
            or team_id in self.teams
            or city_id in self.cities
        )
