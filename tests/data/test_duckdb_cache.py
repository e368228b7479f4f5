"""data/engines/duckdb_cache.py: compiled SQL reused only across bound values, answers unchanged.

A real DuckDB file; expected sums worked out in plain Python; the customer lists (the largest
statements of this work) equal with and without the cache on the hand-built lists store.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Column, Float, MetaData, String, Table, create_engine, func, literal, select

from data.engines.duckdb_cache import enable_statement_cache, statement_cache_enabled
from data.scope import Scope
from metrics.customer_lists import customer_lists
from tests.metrics.special_fixture import store, win
from tests.metrics.test_customer_lists_data import TABLES

meta = MetaData()
kv = Table("kv", meta, Column("k", String), Column("v", Float))
ROWS = [("a", 1.0), ("a", 2.0), ("b", 5.0), ("c", 7.0), ("c", 11.0)]


def _sums(engine, keys: list[str], above: float) -> dict[str, float]:  # noqa: ANN001
    stmt = (select(kv.c.k, func.sum(kv.c.v)).where(kv.c.k.in_(keys), kv.c.v > above)
            .group_by(kv.c.k))  # fmt: skip
    with engine.connect() as conn:
        return {k: float(s) for k, s in conn.execute(stmt)}


def _expected(keys: list[str], above: float) -> dict[str, float]:
    out: dict[str, float] = {}
    for k, v in ROWS:
        if k in keys and v > above:
            out[k] = out.get(k, 0.0) + v
    return out


def test_values_are_bound_per_call_and_structure_is_the_key(tmp_path) -> None:  # noqa: ANN001
    engine = create_engine(f"duckdb:///{tmp_path / 'kv.duckdb'}")
    meta.create_all(engine)
    with engine.begin() as conn:
        conn.execute(kv.insert(), [{"k": k, "v": v} for k, v in ROWS])
    assert not statement_cache_enabled(engine)
    cache: dict = {}
    cached = enable_statement_cache(engine).execution_options(compiled_cache=cache)
    assert statement_cache_enabled(engine)
    asks = [(["a"], 0.0), (["a", "c"], 1.5), (["b", "c", "x"], 6.0), (["c"], 100.0)]
    for keys, above in asks:  # same structure, other values, other IN-list lengths
        assert _sums(cached, keys, above) == _expected(keys, above)
    assert len(cache) == 1
    with cached.connect() as conn:  # literal SQL text is structure: a new entry each
        assert conn.execute(select(literal("x").label("a"), kv.c.k).limit(1)).first() is not None
        assert conn.execute(select(kv.c.v).where(kv.c.k == "b")).scalar_one() == 5.0
        assert conn.execute(select(kv.c.v).where(kv.c.k == "a").order_by(kv.c.v)).first()[0] == 1.0
    assert len(cache) == 4
    engine.dispose()


def test_postgres_engines_are_left_alone() -> None:
    eng = create_engine("postgresql+psycopg://u@127.0.0.1:1/x")
    assert enable_statement_cache(eng) is eng


def _lists(engine, w, scope: Scope) -> dict:  # noqa: ANN001
    kinds = ("active", "lost", "dormant", "warning", "serious", "escalated", "today", "watch")
    got = {}
    for level, entity in (("team", "T1"), ("station", "S1"), ("station", "S2")):
        for limit in (None, 2):
            lists = customer_lists(engine, level, entity, w, scope, kinds, limit)
            got[(level, entity, limit)] = {k: [(r.customer_id, r.name, r.phone, r.status,
                                                r.warning, r.liters_month, r.history, r.elsewhere)
                                               for r in v] for k, v in lists.items()}  # fmt: skip
    return got


def test_customer_lists_equal_with_and_without_the_cache(tmp_path) -> None:  # noqa: ANN001
    with store("duckdb", tmp_path, None, TABLES) as plain:
        cache: dict = {}
        base = enable_statement_cache(create_engine(plain.url))
        cached = base.execution_options(compiled_cache=cache)
        for w in (win("2026-10"), win("2026-10", date(2026, 10, 15)), win("2026-09")):
            for scope in (Scope.everything(), Scope.parse("station:S1")):
                want = _lists(plain, w, scope)
                assert _lists(cached, w, scope) == want  # fills the cache (or reads it)
                filled = len(cache)
                assert _lists(cached, w, scope) == want  # reads it: nothing new compiled
                assert len(cache) == filled > 0
        base.dispose()
