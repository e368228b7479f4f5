"""The rollup path (agg_fuel_day, agg_nonfuel_day, the providers' rollups) and the raw-row path
give the same numbers for every indicator.

The oracle fixture is imported by the real importer (which builds the rollups) on DuckDB and on
PostgreSQL; every oracle case evaluates the whole catalogue twice: once reading fuel from the
rollups, once from raw rows (`evaluator.USE_ROLLUPS` off: the facts and every special provider). Value, MoM, YoY and plan agree to float
summation order (rel 1e-9 / abs 1e-6), lights exactly. The oracle tests prove the numbers right;
this proves the rollup does not change them, and that the rollup path really ran.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from sqlalchemy.dialects import postgresql

from data.scope import Scope
from data.store import reader_engine
from metrics import evaluator
from metrics.periods import Period
from metrics.registry import get_registry
from metrics.request import BatchRequest
from tests.metrics.fixture import build_store, postgres_database
from tests.metrics.oracle.cases import CASES

FIELDS = ("value", "mom_value", "yoy_value", "plan_value", "rag")


ROLLUPS = ("agg_fuel_day", "agg_nonfuel_day")


def _board(url: str, rollups: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[dict, dict]:
    """(case, indicator) → the shown numbers; and how many statements read each day rollup."""
    monkeypatch.setattr(evaluator, "USE_ROLLUPS", rollups)
    evaluator._PLANS.clear()  # noqa: SLF001 - plans are cached per request
    engine = reader_engine(url)
    ids = tuple(get_registry().indicators)
    out, on_rollup = {}, dict.fromkeys(ROLLUPS, 0)
    for case in CASES:
        req = BatchRequest(entities=((case.level, case.entity),), period=Period.parse(case.period),
                           scope=Scope.everything(), indicators=ids, as_of=case.as_of)
        res = evaluator.evaluate(engine, req)
        sql = [str(s.compile(dialect=postgresql.dialect())) for s in res.statements]
        for name in ROLLUPS:
            on_rollup[name] += sum(name in s for s in sql)
        for (ind, _ent), r in res.results.items():
            out[(case.name, ind)] = tuple(getattr(r, f) for f in FIELDS)
    return out, on_rollup


def _same(a: object, b: object) -> bool:
    if a is None or b is None or isinstance(a, str):
        return a == b
    return a == pytest.approx(b, rel=1e-9, abs=1e-6)


def _check(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, n_fast = _board(url, True, monkeypatch)
    raw, n_raw = _board(url, False, monkeypatch)
    assert all(n >= len(CASES) for n in n_fast.values()), f"a rollup path did not run: {n_fast}"
    assert not any(n_raw.values())
    assert fast.keys() == raw.keys()
    diffs = [(k, fast[k], raw[k]) for k in sorted(raw)
             if not all(_same(x, y) for x, y in zip(fast[k], raw[k], strict=True))]
    assert not diffs, diffs[:10]


def test_duckdb_rollup_equals_raw(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"duckdb:///{tmp_path / 'oracle.duckdb'}"
    build_store(url)
    _check(url, monkeypatch)


@pytest.fixture
def pg_store(pg_url: str) -> Iterator[str]:
    with postgres_database(pg_url, f"rollup_paths_{os.getpid()}") as url:
        build_store(url)
        yield url


def test_postgres_rollup_equals_raw(pg_store: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _check(pg_store, monkeypatch)
