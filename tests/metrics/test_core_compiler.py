"""The compiler: a full board is a handful of statements, values are bound, scope is in the SQL,
golden SQL per dialect (AMOEBA_UPDATE_GOLDEN=1 regenerates), ClickHouse and Trino render."""

from __future__ import annotations

import functools
import os
import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.dialects import postgresql

from data.schema import stations
from data.scope import Scope
from metrics.evaluator import collect
from metrics.org import Org
from metrics.periods import Level, Period
from metrics.registry import get_registry
from metrics.request import BatchRequest
from tests.metrics.core_tiny_store import ROWS

HERE = Path(__file__).resolve().parent
EXAMPLES = str(HERE / "examples" / "basic")
GOLDEN = HERE / "golden"
UPDATE = os.environ.get("AMOEBA_UPDATE_GOLDEN") == "1"
NASTY = "T1' OR '1'='1"
ORG = Org(tuple(dict(r) for r in ROWS[stations]))
NASTY_ORG = Org(tuple(dict(r, team_id=NASTY) if r["team_id"] == "T1" else dict(r) for r in ROWS[stations]))
ALLOWED_LITERALS = {"'month'", "'|'"}  # SQL constants of the compiler, never user values


@functools.cache
def board(registry_dir: str | None, nasty: bool = False, scope: Scope | None = None):
    """The statements of a team's full board (cached: several tests read the same plan)."""
    req = BatchRequest(
        entities=((Level.TEAM, NASTY if nasty else "T1"),), period=Period.parse("2026-10"), as_of=date(2026, 10, 15),
        scope=scope or Scope.everything(),
    )
    return collect(get_registry(registry_dir), NASTY_ORG if nasty else ORG, req)[2]


def dialects():
    import duckdb_engine
    from clickhouse_connect.cc_sqlalchemy.dialect import ClickHouseDialect
    from trino.sqlalchemy.dialect import TrinoDialect

    return {
        "duckdb": duckdb_engine.Dialect(),
        "postgresql": postgresql.psycopg.dialect(),
        "clickhouse": ClickHouseDialect(),
        "trino": TrinoDialect(),
    }


def render(stmt, dialect) -> str:
    """SQL with one output column per line (readable diffs), then its bound parameters."""
    compiled = stmt.compile(dialect=dialect)
    sql = re.sub(r", (sum|count)\(", r",\n  \1(", str(compiled))
    params = "\n".join(f"--   {k} = {v!r}" for k, v in sorted(compiled.params.items()))
    return f"{sql};\n-- params:\n{params}\n"


def test_full_board_is_a_handful_of_statements() -> None:
    plan = board(None)
    # + 1 for the org lookup; 134 indicators with MoM, YoY, plan, YTD, benchmarks, ranks
    assert len(plan.statements) + 1 <= 15
    assert len(plan.sql) == 5  # fuel, nonfuel, recharge, expense, plan: one statement each
    one = board(EXAMPLES)
    assert len(one.statements) == 5


def test_values_are_bound_never_inlined() -> None:
    plan = board(None, nasty=True)
    for stmt in plan.sql and [s for s, _ in plan.sql]:
        for name, dialect in dialects().items():
            labelled = str(stmt.compile(dialect=dialect))
            # measure ids name columns (labels, the daily stage's columns): not values
            sql = re.sub(r"(AS |daily[`\"]?\.)[`\"]?\w+[`\"]?", "_", labelled)
            for value in (NASTY, "2026-", "gasoline", "G95", "labour"):
                assert value not in sql, (name, value)
            literals = set(re.findall(r"'[^']*'", sql))
            assert literals <= ALLOWED_LITERALS, (name, literals - ALLOWED_LITERALS)


def test_scope_is_part_of_every_fact_statement() -> None:
    scope = Scope(cities=frozenset({"C1"}), teams=frozenset({"T9"}))
    plan = board(EXAMPLES, scope=scope)
    for stmt, _ in plan.sql:
        compiled = stmt.compile(dialect=postgresql.psycopg.dialect())
        assert "stations.city_id IN" in str(compiled) and "stations.team_id IN" in str(compiled)
        values = [v for v in compiled.params.values() if isinstance(v, list)]
        assert ["C1"] in values and ["T9"] in values


@pytest.mark.parametrize("name", ["example", "catalogue"])
@pytest.mark.parametrize("dialect", ["duckdb", "postgresql"])
def test_golden_sql(name: str, dialect: str) -> None:
    """Reviewers read SQL diffs: regenerate with AMOEBA_UPDATE_GOLDEN=1 and commit."""
    plan = board(EXAMPLES if name == "example" else None)
    d = dialects()[dialect]
    text = "".join(render(s, d) + "\n" for s in plan.statements)
    path = GOLDEN / f"board_team_{name}.{dialect}.sql"
    if UPDATE or not path.exists():
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text, f"{path.name} is stale: AMOEBA_UPDATE_GOLDEN=1"


@pytest.mark.parametrize("dialect", ["clickhouse", "trino"])
def test_other_dialects_render(dialect: str) -> None:
    d = dialects()[dialect]
    for stmt in board(None).statements:
        assert "SELECT" in str(stmt.compile(dialect=d))
