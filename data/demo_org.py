"""The demo company's organisation and products: province → cities → teams (巴) → stations.

Station archetypes (domain.md §4.1–4.2) drive everything downstream: daily volume, gasoline share,
staff, store, nozzles. The first station of each city's first team is a busy urban flagship
(12–16 t/day) so every demo, however small, has a "busy urban station". A few stations open inside
the data window (the last station of some teams) so "a station opened mid-year" is covered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pyarrow as pa

from data import demo_names as names

ARCHETYPES = ("urban", "suburban", "highway", "rural")
URBAN, SUBURBAN, HIGHWAY, RURAL = range(4)

# product code, name, kind, density (kg/L): contract examples and domain.md §1.3.
PRODUCTS = (
    ("G92", "92#汽油", "gasoline", 0.725),
    ("G95", "95#汽油", "gasoline", 0.737),
    ("G98", "98#汽油", "gasoline", 0.745),
    ("D0", "0#柴油", "diesel", 0.835),
    ("D-10", "-10#柴油", "diesel", 0.840),
)
DENSITY = np.array([p[3] for p in PRODUCTS])
IS_DIESEL = np.array([p[2] == "diesel" for p in PRODUCTS])

# Team kinds: the share of each archetype among a team's stations, and the team-name stem.
_TEAM_KINDS = {
    "urban": ((0.85, 0.15, 0.0, 0.0), "城区"),
    "county": ((0.15, 0.6, 0.0, 0.25), "县域"),
    "highway": ((0.0, 0.45, 0.55, 0.0), "高速"),
    "rural": ((0.0, 0.25, 0.0, 0.75), "乡镇"),
}
_NUMERALS = "一二三四五六七八九十"
# (median t/day, sigma) of the lognormal base volume, and the gasoline share of tonnes.
_VOLUME = {URBAN: (8.5, 0.35), SUBURBAN: (6.0, 0.35), HIGHWAY: (13.0, 0.35), RURAL: (3.2, 0.4)}
_GAS_SHARE = {URBAN: (0.78, 0.9), SUBURBAN: (0.62, 0.78), HIGHWAY: (0.35, 0.55), RURAL: (0.55, 0.75)}


@dataclass(frozen=True)
class Org:
    """Stations as parallel numpy arrays (index = station number), plus team and city lookups."""

    station_ids: list[str]
    station_names: list[str]
    team: np.ndarray  # team index per station
    city: np.ndarray  # city index per station
    archetype: np.ndarray
    opened: np.ndarray  # datetime64[D]
    staff: np.ndarray
    store_area: np.ndarray
    nozzles: np.ndarray
    base_gas_t: np.ndarray  # t/day of gasoline at full maturity
    base_dsl_t: np.ndarray
    member_p: np.ndarray  # (stations, 2): member share of gasoline / diesel transactions
    basket_rate: np.ndarray  # convenience-store receipts per fuel transaction
    gas_trend: np.ndarray  # annual volume trend per station
    dsl_trend: np.ndarray
    nf_trend: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    team_ids: list[str]
    team_names: list[str]
    team_city: np.ndarray
    team_growth: np.ndarray  # (teams, 4): plan growth targets volume, non-fuel, profit, recharge
    city_ids: list[str]
    city_names: list[str]

    @property
    def n(self) -> int:
        """Number of stations."""
        return len(self.station_ids)


def _team_sizes(rng: np.random.Generator, stations: int) -> list[int]:
    """Split `stations` into teams of 5–15 (about 7), or one team when there are fewer than 5."""
    n_teams = max(1, round(stations / 7))
    sizes = [stations // n_teams + (1 if i < stations % n_teams else 0) for i in range(n_teams)]
    lo, hi = (5, 15) if stations >= 5 else (1, stations)
    for _ in range(2 * n_teams):  # random transfers keep sizes varied but inside the bounds
        a, b = rng.integers(0, n_teams, 2)
        if a != b and sizes[a] - 1 >= lo and sizes[b] + 1 <= hi:
            sizes[a] -= 1
            sizes[b] += 1
    return sizes


def _city_count(n_teams: int) -> int:
    """Cities for `n_teams` teams: at least three teams a city once there are six teams, so that
    "rank in city" and the rank-drop alert mean something; tiny demos keep two cities for scope tests."""
    if n_teams < 6:
        return min(2, n_teams)
    return min(len(names.CITIES), n_teams // 3)


def _team_kinds(rng: np.random.Generator, n_teams: int) -> list[str]:
    kinds = list(rng.choice(list(_TEAM_KINDS), n_teams, p=[0.4, 0.32, 0.13, 0.15]))
    kinds[0] = "urban"
    return kinds


def build_org(seed: int, stations: int, window_start: date, end: date) -> Org:
    """Build the organisation for `stations` stations; new stations open inside the window."""
    rng = np.random.default_rng([seed, 1])
    sizes = _team_sizes(rng, stations)
    n_teams = len(sizes)
    n_cities = _city_count(n_teams)
    team_city = np.sort(np.arange(n_teams) % n_cities)
    kinds = _team_kinds(rng, n_teams)
    team_names, counters = [], {}
    for t, kind in enumerate(kinds):
        key = (int(team_city[t]), kind)
        counters[key] = counters.get(key, 0) + 1
        team_names.append(f"{_TEAM_KINDS[kind][1]}{_NUMERALS[(counters[key] - 1) % 10]}巴")
    team = np.repeat(np.arange(n_teams), sizes)
    arche = np.array(
        [rng.choice(4, p=_TEAM_KINDS[kinds[t]][0]) for t in team], dtype=np.int64
    )
    first_of_city = _first_station_of_each_city(team, team_city)
    arche[first_of_city] = URBAN
    width = max(3, len(str(stations)))
    station_ids = [f"S{i + 1:0{width}d}" for i in range(stations)]
    city = team_city[team]
    return _finish(rng, stations, station_ids, team, city, arche, first_of_city, sizes,
                   window_start, end, team_names, team_city, n_cities)


def _first_station_of_each_city(team: np.ndarray, team_city: np.ndarray) -> np.ndarray:
    city = team_city[team]
    return np.array([int(np.argmax(city == c)) for c in np.unique(city)])


def _finish(rng: np.random.Generator, n, station_ids, team, city, arche, flagships, sizes, window_start, end,
            team_names, team_city, n_cities) -> Org:
    """Draw station attributes by archetype and assemble the Org."""
    med = np.array([_VOLUME[a][0] for a in arche])
    sig = np.array([_VOLUME[a][1] for a in arche])
    volume = np.clip(med * np.exp(sig * rng.standard_normal(n)), 1.2, 35.0)
    volume[flagships] = rng.uniform(12.0, 16.0, len(flagships))
    lo_hi = np.array([_GAS_SHARE[a] for a in arche])
    gas_share = rng.uniform(lo_hi[:, 0], lo_hi[:, 1])
    opened = _opening_dates(rng, n, team, sizes, flagships, window_start, end)
    staff_lo = np.array([6, 5, 12, 3])[arche]
    staff_hi = np.array([14, 10, 26, 6])[arche]
    staff = np.round(staff_lo + (staff_hi - staff_lo) * np.clip(volume / 25, 0, 1)
                     + rng.integers(0, 3, n)).astype(np.int32)
    area_lo = np.array([60, 40, 150, 20])[arche]
    area_hi = np.array([150, 100, 400, 60])[arche]
    area = np.round(rng.uniform(area_lo, area_hi), 1)
    no_store = rng.random(n) < np.array([0.03, 0.05, 0.0, 0.3])[arche]
    no_store[flagships] = False
    area[no_store] = 0.0
    noz = (2 * rng.integers(np.array([4, 3, 6, 2])[arche], np.array([9, 7, 17, 5])[arche]))
    noz[flagships] = np.maximum(noz[flagships], 12)
    t_trend = rng.normal(-0.01, 0.035, len(sizes))
    d_trend = rng.normal(-0.05, 0.05, len(sizes))
    nf_trend = rng.uniform(0.03, 0.12, len(sizes))
    growth = np.column_stack([rng.uniform(-0.01, 0.03, len(sizes)), rng.uniform(0.05, 0.10, len(sizes)),
                              rng.uniform(0.03, 0.08, len(sizes)), rng.uniform(0.02, 0.08, len(sizes))])
    # So every demo has both stories: the first team misses its volume plan, the second beats it.
    t_trend[0], growth[0, 0] = -0.04, 0.03
    if len(sizes) > 1:
        t_trend[1], growth[1, 0] = 0.04, 0.0
    centre = np.array(names.CITY_CENTRES)[city]
    basket = rng.uniform(0.14, 0.22, n) * np.where(arche == HIGHWAY, 1.5, 1.0) * (area > 0)
    return Org(
        station_ids=station_ids,
        station_names=_station_names(rng, arche, city),
        team=team, city=city, archetype=arche, opened=opened,
        staff=staff, store_area=area, nozzles=noz.astype(np.int32),
        base_gas_t=volume * gas_share, base_dsl_t=volume * (1 - gas_share),
        member_p=np.column_stack([rng.uniform(0.55, 0.66, n), rng.uniform(0.72, 0.85, n)]),
        basket_rate=basket,
        gas_trend=t_trend[team] + rng.normal(0, 0.015, n),
        dsl_trend=d_trend[team] + rng.normal(0, 0.02, n),
        nf_trend=nf_trend[team],
        lat=np.round(centre[:, 0] + rng.normal(0, 0.12, n), 5),
        lon=np.round(centre[:, 1] + rng.normal(0, 0.12, n), 5),
        team_ids=[f"T{i + 1:02d}" for i in range(len(sizes))],
        team_names=team_names, team_city=team_city, team_growth=growth,
        city_ids=[c[0] for c in names.CITIES[:n_cities]],
        city_names=[c[1] for c in names.CITIES[:n_cities]],
    )


def _opening_dates(rng: np.random.Generator, n, team, sizes, flagships, window_start: date, end: date) -> np.ndarray:
    """Most stations opened 1995–2023; the last station of every 4th team opens in the window."""
    first = np.datetime64("1995-01-01")
    opened = first + rng.integers(0, 29 * 365, n).astype("timedelta64[D]")
    lasts = np.cumsum(sizes) - 1
    new = [s for s in lasts[::4] if s not in flagships and sizes[team[s]] > 1]
    span_days = (np.datetime64(end) - np.datetime64(window_start)).astype(int)
    for k, s in enumerate(new):
        # 14 months, then 7 months, then spread: before the end so each has some history.
        back = (14 * 30, 7 * 30)[k] if k < 2 else int(rng.integers(60, max(61, span_days - 30)))
        back = min(back, max(span_days - 20, 1))
        opened[s] = np.datetime64(end) - np.timedelta64(back, "D")
    return opened


def _station_names(rng: np.random.Generator, arche: np.ndarray, city: np.ndarray) -> list[str]:
    pools = (names.URBAN_PLACES, names.SUBURBAN_PLACES, names.HIGHWAY_PLACES, names.RURAL_PLACES)
    used: set[str] = set()
    out = []
    for a, c in zip(arche, city, strict=True):
        short = names.CITIES[c][1].removesuffix("市")[:2]
        place = pools[a][int(rng.integers(0, len(pools[a])))]
        base = place if a == HIGHWAY else f"{short}{place}"
        name, k = f"{base}加油站", 1
        while name in used:
            k += 1
            name = f"{base}{_NUMERALS[(k - 1) % 10]}站"
        used.add(name)
        out.append(name)
    return out


def products_table() -> pa.Table:
    """The products table of the contract."""
    return pa.table({
        "product_code": [p[0] for p in PRODUCTS],
        "product_name": [p[1] for p in PRODUCTS],
        "kind": [p[2] for p in PRODUCTS],
        "density_kg_per_l": pa.array([p[3] for p in PRODUCTS], pa.float64()),
    })


def stations_table(org: Org) -> pa.Table:
    """The stations table of the contract."""
    prov_id, prov_name = names.PROVINCE
    return pa.table({
        "station_id": org.station_ids,
        "station_name": org.station_names,
        "team_id": [org.team_ids[t] for t in org.team],
        "team_name": [org.team_names[t] for t in org.team],
        "city_id": [org.city_ids[c] for c in org.city],
        "city_name": [org.city_names[c] for c in org.city],
        "province_id": [prov_id] * org.n,
        "province_name": [prov_name] * org.n,
        "opened_on": pa.array(org.opened.astype("datetime64[D]"), pa.date32()),
        "location_type": [ARCHETYPES[a] for a in org.archetype],
        "staff_count": pa.array(org.staff, pa.int32()),
        "store_area_m2": pa.array(org.store_area, pa.float64()),
        "nozzle_count": pa.array(org.nozzles, pa.int32()),
        "lat": pa.array(org.lat, pa.float64()),
        "lon": pa.array(org.lon, pa.float64()),
    })
