"""Roles: which pages each may open, and how a user's assignment becomes a `Scope`.

Pages not listed for a role are refused (new pages open to the province roles only until
someone lists them here). The wall identity sees the province in aggregates only, never
personal data, whatever its stored assignment says.
"""

from __future__ import annotations

from dataclasses import dataclass

from data.scope import Scope

ALL_PAGES = "*"
# What the people who run teams, cities and stations open every day: their board, the rows
# behind a number, their statement (量本费利), report, alerts and customer tools, each scoped on the
# server to what they may see.
_LINE_PAGES = frozenset({"/", "/board", "/rows", "/rankings", "/org", "/statement", "/report",
                         "/alerts", "/customers", "/segments", "/bands", "/campaigns",
                         "/dictionary", "/404"})


@dataclass(frozen=True)
class Role:
    """A role: the pages it may open and whether it is the aggregates-only wall identity."""

    name: str
    pages: frozenset[str]
    wall: bool = False
    label_zh: str = ""

    def may_open(self, path: str) -> bool:
        """Whether a page path (registered `relative_path`) is open to this role."""
        return ALL_PAGES in self.pages or path in self.pages


ROLES: dict[str, Role] = {
    r.name: r
    for r in (
        Role("province_admin", frozenset({ALL_PAGES}), label_zh="省公司管理员"),
        Role("province_analyst", frozenset({ALL_PAGES}), label_zh="省公司分析"),
        Role("city_manager", _LINE_PAGES, label_zh="市公司经理"),
        Role("team_leader", _LINE_PAGES, label_zh="团队长"),
        Role("station_manager", _LINE_PAGES, label_zh="站长"),
        Role("wall", frozenset({"/wall", "/404"}), wall=True, label_zh="大屏"),
    )
}
PROVINCE_ROLES = frozenset({"province_admin", "province_analyst"})


def get_role(name: str) -> Role | None:
    """The role called `name`, or None (an unknown role opens nothing)."""
    return ROLES.get(name)


def scope_for(role_name: str, assignment: str, pii: bool) -> Scope:
    """The scope of a user with this role and stored assignment; fails closed.

    A bad or empty assignment, or an unknown role, yields `Scope.nothing()`. Line roles never
    get a province-wide grant even if one was stored (a team leader's `province` is refused).
    """
    role = get_role(role_name)
    if role is None:
        return Scope.nothing()
    if role.wall:
        return Scope(all_stations=True, pii=False, aggregates_only=True)
    try:
        scope = Scope.parse(assignment or "", pii=pii)
    except ValueError:
        return Scope.nothing()
    if scope.all_stations and role_name not in PROVINCE_ROLES:
        return Scope.nothing()
    return scope
