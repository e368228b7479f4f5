"""A store whose rollups are stale (written by an older version) is read from raw rows.

The oracle fixture is imported, then made to look like a file of an older version: the
customer rollups lose a column and agg_customer_lapse, agg_nonfuel_day is missing. The evaluator
must then read only the rollup that is current (agg_fuel_day), in the fact statements and in
every special provider, and show the numbers of the raw path on an intact store. (Before the
providers took the store's state, they read agg_customer_lapse and failed on such a file.)
"""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.dialects import postgresql

from data.scope import Scope
from data.store import data_version, reader_engine
from metrics import evaluator
from metrics.periods import Period
from metrics.registry import get_registry
from metrics.request import BatchRequest
from tests.metrics.fixture import build_store
from tests.metrics.oracle.cases import CASES

PICKED = ("team_mtd", "city_quarter", "station_ytd", "province_month")
FIELDS = ("value", "mom_value", "yoy_value", "plan_value", "rag")


def _board(url: str) -> tuple[dict, list[str]]:
    evaluator._PLANS.clear()  # noqa: SLF001 - plans are cached per request
    engine = reader_engine(url)
    out, sql = {}, []
    for case in (c for c in CASES if c.name in PICKED):
        req = BatchRequest(entities=((case.level, case.entity),), period=Period.parse(case.period),
                           scope=Scope.everything(), indicators=tuple(get_registry().indicators),
                           as_of=case.as_of)  # fmt: skip
        res = evaluator.evaluate(engine, req)
        sql += [str(s.compile(dialect=postgresql.dialect())) for s in res.statements]
        for (ind, _), r in res.results.items():
            out[(case.name, ind)] = tuple(getattr(r, f) for f in FIELDS)
    return out, sql


def _same(a: object, b: object) -> bool:
    if a is None or b is None or isinstance(a, str):
        return a == b
    return a == pytest.approx(b, rel=1e-9, abs=1e-6)


def test_stale_rollups_read_raw_rows(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    intact, stale = f"duckdb:///{tmp_path / 'intact.duckdb'}", f"duckdb:///{tmp_path / 'old.duckdb'}"
    build_store(intact)
    build_store(stale)
    writer = create_engine(stale)
    with writer.begin() as conn:
        conn.execute(text("ALTER TABLE agg_customer_month DROP COLUMN first_day_registered"))
        conn.execute(text("DROP TABLE agg_customer_lapse"))
        conn.execute(text("DROP TABLE agg_nonfuel_day"))
    writer.dispose()
    engine = reader_engine(stale)
    with engine.connect() as conn:
        assert evaluator.rollups_current(conn, engine, data_version(engine)) == {"agg_fuel_day"}

    got, sql = _board(stale)
    assert any("agg_fuel_day" in s for s in sql)  # the current rollup is still read
    assert not any("agg_customer_lapse" in s or "agg_nonfuel_day" in s or "first_day_registered" in s
                   for s in sql)  # fmt: skip
    monkeypatch.setattr(evaluator, "USE_ROLLUPS", False)
    want, raw_sql = _board(intact)
    assert not any("agg_fuel_day" in s for s in raw_sql)
    assert got.keys() == want.keys()
    diffs = [(k, got[k], want[k]) for k in sorted(want)
             if not all(_same(x, y) for x, y in zip(got[k], want[k], strict=True))]
    assert not diffs, diffs[:10]
