"""The people and page views of the load test (bench/load.py).

A page view is what the browser sends when a person opens a page inside the app: the page
router callback, the page's control callback, its data callback and its render callback, each
fed with the previous answers, exactly as Dash's renderer chains them. People are province
analysts, city managers, team leaders and station managers, each of their own city, team or
station, looking at their board, a ranking and a drill-down.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from typing import Any

import requests

from tests.access.harness import payload

ROUTER = ".._pages_content.children..._pages_store.data.."
SHELL = "..shell-nav.children...shell-brand-name.children...shell-footer.children"
# page: (path template, callback outputs after the router, in the order the renderer runs them)
PAGES = {
    "board": ["board-entity.options", "board-data.data", "board-search-url.data"],
    "rankings": ["rank-indicator.options", "..rank-data.data", "..rank-header.children"],
    "drill": ["org-period.options", "..org-crumbs.children"],
}
WEIGHTS = {"board": 2, "rankings": 1, "drill": 1}
# Ten people in a typical mix: most are on the line (stations, teams), few at city or province.
MIX = ["station", "team", "station", "team", "city", "station", "team", "station", "team", "prov"]
ROLES = {"prov": "province_analyst", "city": "city_manager", "team": "team_leader",
         "station": "station_manager"}


def _has_alert(node: Any) -> bool:
    """Whether a callback answer holds a dbc.Alert in warning or danger colour."""
    if isinstance(node, dict):
        props = node.get("props")
        if node.get("type") == "Alert" and isinstance(props, dict) and props.get("color") in (
                "warning", "danger"):
            return True
        return any(_has_alert(v) for v in node.values())
    if isinstance(node, list):
        return any(_has_alert(v) for v in node)
    return False


@dataclass(frozen=True)
class Person:
    """A stored user and what they open."""

    name: str
    kind: str  # prov, city, team, station
    scope: str
    urls: dict[str, tuple[str, str, dict[str, Any]]]  # page: (pathname, search, query store)

    @property
    def role(self) -> str:
        return ROLES[self.kind]


def _urls(kind: str, ident: str, city: str, team: str, station: str) -> dict[str, tuple]:
    """The board, ranking and drill-down a person of this kind opens. A team leader drills into
    a station (its customer lists, the costliest drill); a station manager's /org lands on
    their own station (the canonical /org/team/T/station/S path is refused to them)."""
    board_q = dict.fromkeys(("team", "city", "station", "province", "period", "as_of"))
    rank_level = {"prov": "team", "city": "team", "team": "station", "station": "station"}[kind]
    rank_q = {"indicator": None, "period": None, "level": rank_level,
              "city": city if kind == "city" else None}  # only a city manager sees a whole city
    rest = {"prov": "", "city": f"city/{ident}", "team": f"team/{team}/station/{station}",
            "station": ""}[kind]
    return {"board": ("/board", "", board_q),
            "rankings": ("/rankings", f"?level={rank_level}" + (f"&city={city}" if rank_q["city"] else ""),
                         rank_q),
            "drill": (f"/org/{rest}".rstrip("/"), "", {"rest": rest, "period": None})}


def people(stations: list[tuple[str, str, str]], count: int) -> list[Person]:
    """`count` people in the MIX, cycling over cities, teams and stations (station, team, city
    ids as in the store). Several simulated users may share one person (one login each)."""
    cities = sorted({c for _, _, c in stations})
    teams = sorted({(t, c) for _, t, c in stations})
    first_station = {t: s for s, t, _ in sorted(stations, reverse=True)}  # each team's first
    cycles = {"city": itertools.cycle(cities), "team": itertools.cycle(teams),
              "station": itertools.cycle(sorted(stations))}
    found: list[Person] = []
    for kind in itertools.islice(itertools.cycle(MIX), count):
        if kind == "prov":
            found.append(Person("prov", kind, "province", _urls(kind, "", "", "", "")))
        elif kind == "city":
            c = next(cycles["city"])
            found.append(Person(f"cm_{c}", kind, f"city:{c}", _urls(kind, c, c, "", "")))
        elif kind == "team":
            t, c = next(cycles["team"])
            found.append(Person(f"tl_{t}", kind, f"team:{t}",
                                _urls(kind, t, c, t, first_station[t])))
        else:
            s, t, c = next(cycles["station"])
            found.append(Person(f"sm_{s}", kind, f"station:{s}", _urls(kind, s, c, t, s)))
    return found


@dataclass
class Step:
    """One callback request of a page view."""

    output: str
    seconds: float
    ok: bool
    status: int = 0
    note: str = ""


@dataclass
class PageView:
    page: str
    kind: str
    started: float
    steps: list[Step] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return sum(s.seconds for s in self.steps)

    @property
    def ok(self) -> bool:
        return all(s.ok for s in self.steps)


def dependencies(session: requests.Session, base: str) -> dict[str, dict]:
    """The server callbacks by output, each findable by the start of its output string."""
    deps = session.get(base + "/_dash-dependencies", timeout=60).json()
    return {d["output"]: d for d in deps if not d.get("clientside_function")}


def _find(deps: dict[str, dict], start: str) -> dict:
    """The callback whose (first) output is `start` (pages change: fail loudly if it moved)."""
    for out, dep in deps.items():
        if out == start or out.startswith((start + "...", ".." + start + "...")):
            return dep
    raise SystemExit(f"no callback outputs {start}: update bench/load_plan.PAGES")


def _post(session: requests.Session, base: str, dep: dict, values: dict,
          timeout: float) -> Step:
    body = payload(dep, values)
    t0 = time.perf_counter()
    try:
        res = session.post(base + "/_dash-update-component", json=body, timeout=timeout)
    except requests.RequestException as err:
        return Step(dep["output"], time.perf_counter() - t0, False, 0, type(err).__name__)
    took = time.perf_counter() - t0
    if res.status_code == 204:
        return Step(dep["output"], took, True, 204)
    if res.status_code != 200:
        return Step(dep["output"], took, False, res.status_code, res.text[:80])
    answer = res.json().get("response", {})
    # A page that failed says so in a warning or danger alert (the org page, the notices).
    note = "alert" if _has_alert(answer) else ""
    for ident, props in answer.items():
        for prop, value in props.items():
            values[(ident, prop)] = value
            if isinstance(value, dict) and "error" in value:  # a data callback's own failure
                note = f"{ident}: {value['error']}"
    return Step(dep["output"], took, not note, 200, note)


def page_view(session: requests.Session, base: str, deps: dict[str, dict], person: Person,
              page: str, timeout: float = 60) -> PageView:
    """Open one page the way the renderer does; each answer feeds the next request."""
    path, search, query = person.urls[page]
    store = {"board": "board-query", "rankings": "rank-query", "drill": "org-query"}[page]
    values: dict[tuple[str, str], Any] = {
        ("_pages_location", "pathname"): path, ("_pages_location", "search"): search,
        ("shell-url", "pathname"): path, ("app-lang", "data"): "zh", (store, "data"): query,
        ("board-search", "value"): "", ("board-only-bad", "value"): [],
        ("rank-sort", "data"): {"key": "rank", "desc": False}}
    view = PageView(page, person.kind, time.time())
    for start in (ROUTER, SHELL, *PAGES[page]):
        step = _post(session, base, _find(deps, start), values, timeout)
        view.steps.append(step)
        if not step.ok:
            break
    return view
