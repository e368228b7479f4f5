"""`agg_nonfuel_day` equals a plain-Python aggregate of the files, on DuckDB and PostgreSQL;
`stale_tables` reports a store without it and `python -m data rollups` (rebuild_store) adds it."""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date, datetime

import pytest
from sqlalchemy import create_engine, text

from data.rollups import rebuild_store, stale_tables
from data.store import reader_engine
from tests.metrics.fixture import DATA, build_store, postgres_database

Key = tuple[str, date, str, bool]


def expected() -> dict[Key, tuple[float, float, float, float, int]]:
    """(station, day, category, member) → (revenue, cost, gross profit, qty, lines) from the CSV."""
    out: dict[Key, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0, 0])
    with open(DATA / "nonfuel_sales.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            key = (r["station_id"], datetime.fromisoformat(r["ts"]).date(), r["category"],
                   bool(r["customer_id"]))  # fmt: skip
            rev, cost = float(r["revenue"]), float(r["cost"])
            acc = out[key]
            acc[0] += rev
            acc[1] += cost
            acc[2] += rev - cost
            acc[3] += float(r["qty"])
            acc[4] += 1
    return {k: tuple(v) for k, v in out.items()}  # type: ignore[misc]


def stored(engine) -> dict[Key, tuple]:  # noqa: ANN001
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT station_id, day, category, is_member, revenue, cost, gross_profit, qty, "
            "line_count FROM agg_nonfuel_day")).all()  # fmt: skip
    day = lambda v: v.date() if isinstance(v, datetime) else v  # noqa: E731
    return {(s, day(d), c, bool(m)): tuple(rest) for s, d, c, m, *rest in rows}


def check(engine) -> None:  # noqa: ANN001
    want, got = expected(), stored(engine)
    assert got.keys() == want.keys()
    assert len(want) > 100 and {k[3] for k in want} == {True, False}
    for key, row in want.items():
        assert got[key] == pytest.approx(row, rel=1e-12, abs=1e-9), key


def test_duckdb_rollup_matches_files(tmp_path) -> None:  # noqa: ANN001
    url = f"duckdb:///{tmp_path / 'nf.duckdb'}"
    build_store(url)
    check(reader_engine(url))


@pytest.mark.postgres
def test_postgres_rollup_matches_files(pg_url: str) -> None:
    with postgres_database(pg_url, "rollup_nonfuel") as url:
        build_store(url)
        engine = create_engine(url)
        try:
            check(engine)
        finally:
            engine.dispose()


def test_stale_without_table_then_rebuilt(tmp_path) -> None:  # noqa: ANN001
    """A store from before this rollup: stale until `python -m data rollups` rebuilds it."""
    url = f"duckdb:///{tmp_path / 'old.duckdb'}"
    build_store(url)
    writer = create_engine(url)
    with writer.begin() as conn:
        conn.execute(text("DROP TABLE agg_nonfuel_day"))
    writer.dispose()
    assert stale_tables(reader_engine(url)) == ["agg_nonfuel_day"]
    rebuild_store(url)
    engine = reader_engine(url)
    assert stale_tables(engine) == []
    check(engine)
