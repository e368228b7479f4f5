"""The shipped catalogue end to end on the tiny store: every level and period kind evaluates,
every light is one of four colours, explain works for one indicator of each theme and the metas.

(Values are checked against independent computations by the oracle tests; this one guards the
machinery: no indicator may crash the board.)"""

from __future__ import annotations

import math
from datetime import date

import pytest
from sqlalchemy import Engine, create_engine

from data.scope import Scope
from metrics.evaluator import evaluate
from metrics.explain import explain
from metrics.periods import Level, Period
from metrics.registry import get_registry
from metrics.request import BatchRequest
from tests.metrics.core_tiny_store import build

ENTITIES = ((Level.PROVINCE, "P1"), (Level.CITY, "C1"), (Level.TEAM, "T1"), (Level.STATION, "S2"))


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return build(create_engine(f"duckdb:///{tmp_path_factory.mktemp('smoke') / 's.duckdb'}"))


CASES = [
    ("2026-10", date(2026, 10, 15), ENTITIES),  # every level, month to date
    ("2026-Q3", None, ENTITIES[2:3]),  # a closed quarter
    ("2026", date(2026, 10, 15), ENTITIES[2:3]),  # year to date
]


@pytest.mark.parametrize(("period", "as_of", "entities"), CASES)
def test_every_indicator_evaluates(engine: Engine, period: str, as_of: date | None,
                                   entities: tuple) -> None:
    req = BatchRequest(entities=entities, period=Period.parse(period), as_of=as_of,
                       scope=Scope.everything(), trend_months=2 if len(entities) == 1 else 0)
    res = evaluate(engine, req)
    assert len(res.results) == 134 * len(entities)
    for r in res.results.values():
        assert r.rag in {"green", "yellow", "red", "grey"}, r.indicator
        assert r.value is None or math.isfinite(r.value), r.indicator
        assert r.rag_reason_zh.endswith(("绿", "黄", "红", "灰")), r.indicator
        assert (r.value is None) == (r.null_reason is not None), r.indicator


def test_explain_one_per_theme_and_the_metas(engine: Engine) -> None:
    reg = get_registry()
    picks = {t.id: inds[0].id for t, inds in reg.by_theme() if inds}
    picks |= {"meta1": "green_indicator_share", "meta2": "team_city_rank"}
    for ident in picks.values():
        e = explain(engine, ident, (Level.TEAM, "T1"), Period.parse("2026-10"), date(2026, 10, 15),
                    Scope.everything())
        assert e.steps and e.steps[0].indicator == ident
        assert e.filters_zh == "团队 = T1，2026-10-01 至 2026-10-15"
