"""The customer providers' rollup path and their raw path give the same outputs.

`ProviderRequest.rollup` switches customers.status, customers.activation and rfm.high_value (and
the customer lists and segments built on them) between the columns the importer stores in
agg_customer_month (next_month, first_day_registered, whole months of F and Mon) and the raw
rows; daily.anomaly, daily.stockout and campaigns.effect between agg_fuel_day/agg_nonfuel_day
and the raw rows. Checked on the oracle fixture (DuckDB and PostgreSQL, imported by the real importer), on
the small seeded demo, and across a re-import that changes a past month: the stored columns then
equal a plain-Python computation from the files, and both paths move together.
"""

from __future__ import annotations

import csv
import shutil
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from data.importer import import_folder
from data.schema import stations
from data.scope import Scope
from data.store import reader_engine
from metrics.periods import Level, Period, Window, window
from metrics.special import PROVIDERS, ProviderRequest
from tests.metrics.fixture import DATA, build_store, postgres_database
from tests.metrics.oracle.cases import CASES

NAMES = ("customers.status", "customers.activation", "rfm.high_value", "daily.anomaly",
         "daily.stockout", "campaigns.effect")


def outputs(engine, level: str, ids: tuple[str, ...], w: Window, rollup: bool) -> dict:  # noqa: ANN001
    """{(provider, entity): row tuple} of the three providers on one path."""
    out = {}
    with engine.connect() as conn:
        for name in NAMES:
            req = ProviderRequest(Level(level), ids, w, Scope.everything(), rollup=rollup)
            for row in conn.execute(PROVIDERS[name].build(req)).mappings():
                out[(name, row["entity_id"])] = tuple(row[o] for o in PROVIDERS[name].outputs)
    return out


def assert_same(fast: dict, raw: dict) -> None:
    """Equal keys; counts exactly, liters to summation order."""
    assert fast.keys() == raw.keys()
    for key, row in raw.items():
        assert fast[key] == pytest.approx(row, rel=1e-9, abs=1e-9), key


def check_windows(engine, cases: list[tuple[str, tuple[str, ...], Window]]) -> int:  # noqa: ANN001
    """Both paths for each (level, ids, window); returns how many rows were compared."""
    n = 0
    for level, ids, w in cases:
        raw = outputs(engine, level, ids, w, rollup=False)
        assert_same(outputs(engine, level, ids, w, rollup=True), raw)
        n += len(raw)
    return n


# ---- the oracle fixture --------------------------------------------------------------------------

EXTRA = [("2026-10", date(2026, 10, 31)), ("2026-11", date(2026, 11, 1)), ("2025-12", None),
         ("2026-02", date(2026, 2, 28)), ("2025", None), ("2026", date(2026, 10, 15))]  # fmt: skip


def fixture_cases() -> list[tuple[str, tuple[str, ...], Window]]:
    """Every oracle case's window and entity, and extra windows (month ends, the 1st, years)
    at every level."""
    out = [(c.level, (c.entity,), c.window) for c in CASES]
    levels = {"province": ("P1",), "city": ("C1", "C2"), "team": ("T1", "T2", "T3"),
              "station": ("S01", "S02", "S03", "S04", "S05", "S06", "S07")}  # fmt: skip
    for period, as_of in EXTRA:
        out += [(lv, ids, window(Period.parse(period), as_of)) for lv, ids in levels.items()]
    return out


@pytest.fixture(scope="module", params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def fixture_engine(request, tmp_path_factory):  # noqa: ANN001, ANN201
    if request.param == "postgres":
        with postgres_database(request.getfixturevalue("pg_url"), "rollup_providers") as url:
            build_store(url)
            engine = create_engine(url)
            yield engine
            engine.dispose()
        return
    url = f"duckdb:///{tmp_path_factory.mktemp('rollup_prov') / 'f.duckdb'}"
    build_store(url)
    yield reader_engine(url)


def test_fixture_paths_agree(fixture_engine) -> None:  # noqa: ANN001
    assert check_windows(fixture_engine, fixture_cases()) > 100


# ---- the small seeded demo -----------------------------------------------------------------------


def test_demo_paths_agree(demo_store_url: str) -> None:
    engine = reader_engine(demo_store_url)
    with engine.connect() as conn:
        org = conn.execute(select(stations.c.station_id, stations.c.team_id, stations.c.city_id,
                                  stations.c.province_id)).all()  # fmt: skip
    ids = {lv: tuple(sorted({r[i] for r in org})) for i, lv in
           enumerate(("station", "team", "city", "province"))}  # fmt: skip
    cases = []
    ends = [("2026-11", date(2026, 11, d)) for d in (1, 4, 9, 13, 20)] + [
        ("2026-10", None), ("2026-10", date(2026, 10, 15)), ("2026-Q3", None),
        ("2026", date(2026, 11, 20))]  # fmt: skip
    for period, as_of in ends:
        w = window(Period.parse(period), as_of)
        cases += [(lv, ids[lv], w) for lv in ("team", "city", "province")]
        cases.append(("station", ids["station"][:4], w))
    assert check_windows(engine, cases) > 40


def test_demo_lists_and_segments_agree(demo_store_url: str, monkeypatch) -> None:  # noqa: ANN001
    from metrics import segments
    from metrics.customer_lists import KINDS, customer_lists, list_sizes
    from metrics.special import base

    engine = reader_engine(demo_store_url)
    with engine.connect() as conn:
        station = conn.execute(select(stations.c.station_id).order_by("station_id")).first()[0]
    w = window(Period.parse("2026-11"), date(2026, 11, 20))
    got = {}
    for rollup in (True, False):
        monkeypatch.setattr(base, "ROLLUPS", rollup)
        lists = customer_lists(engine, "station", station, w, Scope.everything(), KINDS, 50)
        got[rollup] = (
            {k: [(r.customer_id, r.status, r.warning, r.last_month, r.last_purchase,
                  round(r.liters_month, 6), [round(p.liters, 6) for p in r.history])
                 for r in rows] for k, rows in lists.items()},
            list_sizes(engine, "station", station, w, Scope.everything()),
            [(p.customer_id, p.segment, p.r_score, p.f_score, p.m_score, p.preferred_product,
              p.usual_station, p.cycle_days) for p in segments.profiles(engine, "station", station, w, Scope.everything())],
        )  # fmt: skip
    assert got[True] == got[False]
    assert got[True][1]["active"] > 0 and len(got[True][2]) == got[True][1]["active"]


# ---- a re-import that changes a past month ----------------------------------------------------


def _read(folder: Path, name: str) -> list[dict[str, str]]:
    with open(folder / f"{name}.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _write(folder: Path, name: str, rows: list[dict[str, str]]) -> None:
    with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def expected_columns(folder: Path) -> dict[tuple[str, str, date], tuple[date | None, date | None]]:
    """(customer, station, month) → (next month with a purchase, first day on or after
    registration), computed in plain Python from the files."""
    reg = {r["customer_id"]: date.fromisoformat(r["registered_on"]) for r in _read(folder, "customers")}
    days: dict[tuple[str, str, date], list[date]] = defaultdict(list)
    for r in _read(folder, "fuel_sales"):
        if r["customer_id"]:
            day = datetime.fromisoformat(r["ts"]).date()
            days[(r["customer_id"], r["station_id"], day.replace(day=1))].append(day)
    out = {}
    for (c, s, m), ds in days.items():
        later = [k[2] for k in days if k[:2] == (c, s) and k[2] > m]
        after = [d for d in ds if d >= reg[c]]
        out[(c, s, m)] = (min(later) if later else None, min(after) if after else None)
    return out


def stored_columns(engine) -> dict:  # noqa: ANN001
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT customer_id, station_id, month, next_month, "
                                 "first_day_registered FROM agg_customer_month")).all()
    as_date = lambda v: v.date() if isinstance(v, datetime) else v  # noqa: E731
    return {(c, s, as_date(m)): (as_date(n), as_date(f)) for c, s, m, n, f in rows}


def gap_to_fill(folder: Path) -> tuple[str, str, date, date]:
    """A (customer, station) with at least two empty months between purchases, and a day in
    the first empty month: filling it changes next_month and the pair's status there."""
    months: dict[tuple[str, str], set[date]] = defaultdict(set)
    for r in _read(folder, "fuel_sales"):
        if r["customer_id"]:
            months[(r["customer_id"], r["station_id"])].add(
                datetime.fromisoformat(r["ts"]).date().replace(day=1))
    for (c, s), ms in sorted(months.items()):
        ordered = sorted(ms)
        for a, b in zip(ordered, ordered[1:], strict=False):
            if (b.year - a.year) * 12 + b.month - a.month >= 6:
                fill = date(a.year + a.month // 12, a.month % 12 + 1, 10)
                return c, s, a, fill
    raise AssertionError("the fixture has no purchase gap of six months")


def _reimport_case(url: str, engine_of, tmp: Path) -> None:  # noqa: ANN001
    folder = tmp / "files"
    shutil.copytree(DATA, folder)
    build_store(url, folder)
    engine = engine_of(url)
    assert stored_columns(engine) == expected_columns(folder)
    cust, station, before, fill = gap_to_fill(folder)
    probe = [("station", (station,), window(Period.parse(f"{fill:%Y-%m}"), None)),
             ("station", (station,), window(Period.parse(f"{fill:%Y-%m}"), fill))]
    old = {i: outputs(engine, *case, rollup=True) for i, case in enumerate(probe)}
    rows = _read(folder, "fuel_sales")
    template = next(r for r in rows if r["customer_id"] == cust and r["station_id"] == station)
    rows.append({**template, "txn_id": "F_REIMPORT_1", "ts": f"{fill}T09:30:00"})
    _write(folder, "fuel_sales", rows)
    report = import_folder(url, folder, source_label="re-import")
    assert report.status == "published"
    engine = engine_of(url)
    want = expected_columns(folder)
    assert stored_columns(engine) == want
    assert want[(cust, station, before)][0] == fill.replace(day=1)  # next_month moved
    check_windows(engine, probe + fixture_cases()[:12])
    new = {i: outputs(engine, *case, rollup=True) for i, case in enumerate(probe)}
    assert new != old  # the customer is active at the station again: the counts moved


def test_reimport_changes_past_month_duckdb(tmp_path: Path) -> None:
    _reimport_case(f"duckdb:///{tmp_path / 'r.duckdb'}", reader_engine, tmp_path)


@pytest.mark.postgres
def test_reimport_changes_past_month_postgres(pg_url: str, tmp_path: Path) -> None:
    with postgres_database(pg_url, "rollup_reimport") as url:
        engines = []

        def engine_of(u: str):  # noqa: ANN202
            engines.append(create_engine(u))
            return engines[-1]

        try:
            _reimport_case(url, engine_of, tmp_path)
        finally:
            for e in engines:
                e.dispose()
